#!/usr/bin/env bash
# Benchmarks the package against three hand-written calls (plain fetch, fetch + valibot, fetch +
# zod), in Node and headless Chromium, against the local mock server (not part of the tests).
# Builds pkg/ if missing and the release mock server, checks that the baselines agree with the
# package (bench/baselines/contract.test.mjs), then runs bench/bench.mjs and bench/first-reset.mjs
# and assembles their markdown tables into bench/results.md (bench/report.mjs), which it prints.
#   scripts/bench.sh                     # everything (about 10 minutes on 2 cores)
#   scripts/bench.sh --only node         # or --only chromium: bench.mjs in one environment, no first reset
#   scripts/bench.sh --only first-reset  # only the first reset on throttled networks (about 4 minutes)
#   BENCH_FIRST_RESET=0 scripts/bench.sh # everything but the first reset
# Smaller runs: BENCH_COLD_RUNS, BENCH_ROUNDS, BENCH_CALLS, BENCH_LATENCY_CALLS, BENCH_CPU_ITERATIONS,
# BENCH_CPU_SAMPLES, BENCH_MEMORY_CALLS (see bench/bench.mjs), FIRST_RESET_RUNS (bench/first-reset.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
source scripts/tooling-node.sh

only=""
[ "${1:-}" = "--only" ] && only="${2:-}"
run_bench=1
run_first_reset="${BENCH_FIRST_RESET:-1}"
case "$only" in
  "") ;;
  node | chromium) run_first_reset=0 ;;
  first-reset) run_bench=0 run_first_reset=1 ;;
  *) echo "usage: scripts/bench.sh [--only node|chromium|first-reset]" >&2; exit 2 ;;
esac

[ -d node_modules/playwright-core ] && [ -d node_modules/zod ] && [ -d node_modules/valibot ] || npm install --no-audit --no-fund
[ -f pkg/index.js ] && [ -f pkg/node.mjs ] || scripts/build.sh
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || { apt-get update && apt-get install -y chromium; }

# Everything measures a snapshot of pkg/: a rebuild during the run cannot mix two builds.
export BENCH_PKG=bench/out/pkg
rm -rf "$BENCH_PKG" && mkdir -p bench/out && cp -r pkg "$BENCH_PKG"

node --test --test-reporter=dot bench/baselines/contract.test.mjs >&2

cargo build --quiet --release -p loginradius-mock
export LOGINRADIUS_MOCK_BIN="${CARGO_TARGET_DIR:-target}/release/loginradius-mock"
source scripts/mock.sh
start_mock --www bench --pkg "$BENCH_PKG" >&2
trap stop_mock EXIT

# The Node figures come from Node 24, the active LTS line the package is tested on (the machine's
# own node may be an end-of-life line); BENCH_NODE=24 (or 22, 26) picks another tested line.
read -r _ bench_node < <(scripts/node-lines.sh "${BENCH_NODE:-24}")

# Each step writes its tables to bench/out/; report.mjs keeps those of the steps not run this time.
[ "$run_bench" = 1 ] && "$bench_node" bench/bench.mjs "$@" >/dev/null
[ "$run_first_reset" != 0 ] && node bench/first-reset.mjs >/dev/null
node bench/report.mjs
