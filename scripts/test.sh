#!/usr/bin/env bash
# Runs every test: lint, native tests (core + mock server), the package build and its size budget,
# wasm-bindgen tests in headless Chromium and in Node, TypeScript checks, and the browser/Node
# tests of the built package against the real mock server. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== test: %s\n' "$*"; }

scripts/setup.sh

step "format and lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

step "native tests: core and mock server"
cargo test --workspace

step "build the npm package"
scripts/build.sh
node scripts/size-report.mjs --check

step "start the mock server"
cargo build --release -p loginradius-mock
source scripts/mock.sh
start_mock
trap stop_mock EXIT

step "wasm-bindgen tests in headless Chromium and in Node"
export LR_MOCK_URL="$MOCK_URL"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web
cargo test --target wasm32-unknown-unknown --test node

step "TypeScript: strict use compiles, each misuse in misuse.ts is rejected"
tsc -p tests/types/tsconfig.json

step "the built package in Chromium and Node against the mock server"
node --test --test-concurrency=1 tests/js/ tests/browser/

step "consumers: Vite, webpack, Node, Worker, plain page, TypeScript"
node --test --test-concurrency=1 tests/consumers/

echo
echo "all tests passed"
