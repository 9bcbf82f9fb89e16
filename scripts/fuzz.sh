#!/usr/bin/env bash
# Fuzzes the core parsers with cargo fuzz (libFuzzer), each target for a bounded time (issue 4).
# Not part of the tests. Usage: scripts/fuzz.sh [seconds per target, default 60] [targets...]
# Targets (fuzz/fuzz_targets/): options (options::validate -> build_request invariants) and
# response (response::classify and json::parse against serde_json).
#
# cargo fuzz wants a nightly compiler for -Zsanitizer and coverage flags. Only the stable
# toolchain can be installed on this machine, so the script runs stable with RUSTC_BOOTSTRAP=1
# (which unlocks the same flags), unless FUZZ_TOOLCHAIN names another (e.g. nightly).
# Prints executions, executions/s, coverage and crashes per target; exits 1 if any target crashed
# (the crashing input is kept in fuzz/artifacts/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(options response)

cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz

TOOLCHAIN=()
if [ -n "${FUZZ_TOOLCHAIN:-}" ]; then
  TOOLCHAIN=("+$FUZZ_TOOLCHAIN")
else
  export RUSTC_BOOTSTRAP=1
fi

# Its own target dir: the fuzz build uses other flags than the workspace's (no lock contention).
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-${CARGO_TARGET_DIR:-target}/fuzz}"
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

results=()
status=0
for target in "${TARGETS[@]}"; do
  echo "== fuzz: building $target" >&2
  cargo "${TOOLCHAIN[@]}" fuzz build --release --debug-assertions "$target" >&2
  mkdir -p "fuzz/corpus/$target"
  echo "== fuzz: running $target for ${SECONDS_PER_TARGET}s" >&2
  set +e
  cargo "${TOOLCHAIN[@]}" fuzz run --release --debug-assertions "$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$LOGS/$target.log" 2>&1
  rc=$?
  set -e
  log="$LOGS/$target.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  per_s=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
  crashes=0
  if [ $rc -ne 0 ]; then
    crashes=1
    status=1
    grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written' "$log" | head -10 >&2 || tail -30 "$log" >&2
  fi
  results+=("| $target | ${SECONDS_PER_TARGET} | ${execs:-?} | ${per_s:-?} | ${cov:-?} | $corpus | $crashes |")
done

echo
echo "Fuzzing: cargo fuzz (libFuzzer + AddressSanitizer, release with debug assertions), $(rustc --version), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo
echo "| target | seconds | executions | execs/s | coverage (edges) | corpus files | crashes |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
exit $status
