#!/usr/bin/env bash
# Runs every test: lint, native tests (core + mock server), the package build, its size budget and
# the npm package linters, wasm-bindgen tests in headless Chromium and in Node, TypeScript checks,
# the built package's tests against the real mock server on every tested Node line (22, 24, 26)
# and in Chromium, Firefox and WebKit (with the demo's end-to-end tests), and the bundler
# consumers. Installs what is missing first. Ends with the "Tested on" table
# (test-results/tested-on.md; `node scripts/tested-on.mjs --write` copies it into the README).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
source scripts/tooling-node.sh

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

step "npm package linters: publint (no warnings) and arethetypeswrong (no problems)"
publint run --strict pkg
# (The exported .wasm is an asset for bundlers and init(), not a module with types: attw would
# report it as a failed resolution.)
attw --pack pkg --exclude-entrypoints ./loginradius_pin_reset_bg.wasm

step "start the mock server"
cargo build --release -p loginradius-mock
# The wasm-bindgen runner's test page (served on this address) seeds through /__dev/, which
# answers other origins only when named.
WASM_BINDGEN_TEST_ADDRESS="127.0.0.1:$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
export WASM_BINDGEN_TEST_ADDRESS
source scripts/mock.sh
start_mock --dev-api-origin "http://$WASM_BINDGEN_TEST_ADDRESS"
trap stop_mock EXIT

step "wasm-bindgen tests in headless Chromium and in Node"
export LR_MOCK_URL="$MOCK_URL"
# Generous limits for the runner (its defaults: 5 s for chromedriver to start, 20 s per test): on a
# loaded 2-core machine chromedriver once took longer to start and the runner killed it.
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test web
cargo test --target wasm32-unknown-unknown --test node

step "TypeScript: strict use compiles, each misuse in misuse.ts and flow.ts is rejected; every message catalog has every key"
tsc -p tests/types/tsconfig.json
tsc -p tests/types/tsconfig.catalogs.json

# Every run below writes TAP and what it ran on into test-results/tested-on/ for the table.
TESTED_ON=test-results/tested-on
rm -rf "$TESTED_ON"
mkdir -p "$TESTED_ON"
export LR_TESTED_ON_DIR="$PWD/$TESTED_ON"

# run_tests <label> <command...>: `<command...> --test` (e.g. node, or xvfb-run -a node) on the
# files in TESTS, one file at a time, spec on the console and TAP in $TESTED_ON/<label>.tap.
# Every test has a limit (generous: a loaded machine never reaches it; a test known to be longer
# sets its own), and a hung one fails by name while the run goes on: --test-force-exit ends a
# file whose timed-out test left its work running. (Node 22 applies the limit per file.)
run_tests() {
  local label=$1
  shift
  "$@" --test --test-concurrency=1 --test-timeout=600000 --test-force-exit \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$TESTED_ON/$label.tap" "${TESTS[@]}"
}

# The Node lines `engines` claims (npm/package.json) and the current ones: see scripts/node-lines.sh.
step "the built package on every tested Node line: tests/js and the Node consumers"
TESTS=(tests/js/*.test.mjs tests/consumers/node.test.mjs)
mapfile -t NODE_LINES < <(scripts/node-lines.sh)
[ ${#NODE_LINES[@]} -gt 0 ] || { echo "scripts/node-lines.sh gave no Node binary" >&2; exit 1; }
for entry in "${NODE_LINES[@]}"; do
  read -r line node_binary <<<"$entry"
  node scripts/tested-on.mjs --record "node-$line" "Node $line" "$("$node_binary" --version)"
  LR_BROWSER=none run_tests "node-$line" "$node_binary"
done

# The same routines in each browser engine (no Node place: that ran above), and the demo page.
TESTS=(tests/js/{fault-matrix,hostile-input,memory,concurrency,secrets,injection,send-otp,reset-token}.test.mjs tests/browser/*.test.mjs)
step "the built package and the demo in Chromium"
TESTS+=(tests/js/flow.test.mjs tests/js/element.test.mjs) # the flow and the element, in each engine
LR_NODE=0 LR_BROWSER=chromium run_tests chromium node
step "the built package and the demo in Firefox (firefox-esr over WebDriver BiDi)"
LR_NODE=0 LR_BROWSER=firefox run_tests firefox node
step "the built package and the demo in WebKit (MiniBrowser over WebDriver, under Xvfb)"
LR_NODE=0 LR_BROWSER=webkit run_tests webkit xvfb-run -a node

# Every framework and bundler consumer (tests/consumers/*.test.mjs but the Node one, which ran
# above on every line), on Node 24: the frameworks' CLIs need a supported Node.
step "consumers: the frameworks and bundlers (Chromium), TypeScript, npm pack"
TESTS=()
for file in tests/consumers/*.test.mjs; do [ "$file" = tests/consumers/node.test.mjs ] || TESTS+=("$file"); done
read -r _ CONSUMER_NODE < <(scripts/node-lines.sh 24)
node scripts/tested-on.mjs --record consumers "Consumers in Chromium, frameworks' tooling on Node 24" "$("$CONSUMER_NODE" --version)"
PATH="$(dirname "$CONSUMER_NODE"):$PATH" run_tests consumers "$CONSUMER_NODE"

step "tested on"
node scripts/tested-on.mjs
echo
echo "all tests passed"
