#!/usr/bin/env bash
# Benchmarks the package against a hand-written plain-JS fetch, in Node and headless Chromium,
# against the local mock server (not part of the tests). Builds pkg/ if missing and the release
# mock server, then runs bench/bench.mjs; prints a markdown table and writes bench/results.md.
#   scripts/bench.sh                 # everything (about 3 minutes on 2 cores)
#   scripts/bench.sh --only node     # or --only chromium
# Smaller runs: BENCH_COLD_RUNS, BENCH_ROUNDS, BENCH_CALLS, BENCH_CPU_ITERATIONS,
# BENCH_CPU_SAMPLES, BENCH_MEMORY_CALLS (see bench/bench.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund
[ -f pkg/index.js ] && [ -f pkg/node.mjs ] || scripts/build.sh
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || { apt-get update && apt-get install -y chromium; }

cargo build --quiet --release -p loginradius-mock
export LOGINRADIUS_MOCK_BIN="${CARGO_TARGET_DIR:-target}/release/loginradius-mock"
source scripts/mock.sh
start_mock --www bench --pkg pkg >&2
trap stop_mock EXIT

node bench/bench.mjs "$@"
