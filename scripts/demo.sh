#!/usr/bin/env bash
# Runs the demo: installs what is missing, builds the package and the local LoginRadius-compatible
# server, then serves the demo page and the package on one port. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
source scripts/tooling-node.sh

scripts/setup.sh
scripts/build.sh
cargo build --release -p loginradius-mock
echo
echo "Open the URL below in a browser (the demo page is at /)."
exec target/release/loginradius-mock --port "${PORT:-8080}" --demo-accounts "$@"
