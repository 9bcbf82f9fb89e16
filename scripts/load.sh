#!/usr/bin/env bash
# The mock server under load from a second process on 127.0.0.1 (issue 4); not part of the tests.
# Builds the release mock and the load client (server/examples/loadgen.rs), starts a fresh mock,
# and runs three bounded scenarios (about 20 s in all): capacity (closed loop, no effective rate
# limit), below the limit (40 req/s offered on a tenant limited to 50/s) and above it (200 req/s
# offered). Prints a markdown table and exits non-zero if any check fails: an error or unexpected
# status, a 429 without Retry-After, a 429 below the limit, or a lost or doubled PIN change.
# Extra arguments go to the load client, e.g. `scripts/load.sh --users 5000 --connections 64`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build --quiet --release -p loginradius-mock --bin loginradius-mock --example loadgen
TARGET="${CARGO_TARGET_DIR:-target}"
export LOGINRADIUS_MOCK_BIN="$TARGET/release/loginradius-mock"
source scripts/mock.sh
start_mock >&2
trap stop_mock EXIT

echo "Machine: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores; server and client share them."
echo
timeout 300 "$TARGET/release/examples/loadgen" --url "$MOCK_URL" "$@"
