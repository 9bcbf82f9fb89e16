#!/usr/bin/env bash
# Cold start of two builds of the package side by side, in the same run, in Node and headless
# Chromium (issue 10: the new build no more than 2 ms slower than the old one). Each side is a
# git ref, built by that tree's own scripts/build.sh in a temporary worktree, or an already built
# package directory. Both are copied to bench/out/compare/www/{old,new}/ and served by one mock
# server (same routes, same compression), then bench/compare-builds.mjs measures them interleaved
# and prints a markdown table (also written to bench/out/compare.md).
#   scripts/compare-builds.sh                            # old: 6824b42, new: the current pkg/
#   scripts/compare-builds.sh --old 6824b42 --new HEAD   # both built from commits
#   scripts/compare-builds.sh --only node                # or --only chromium
#   scripts/compare-builds.sh --precompressed            # .gz siblings (gzip -9) instead of the mock's on-the-fly gzip
#   COMPARE_RUNS=15 COMPARE_NODES="20=node 22=.node-lines/22/bin/node" scripts/compare-builds.sh
# A ref is built in /tmp/lr-build-<commit> (removed afterwards) with its Rust target dir shared in
# COMPARE_TARGET_DIR (default /tmp/lr-old-target, never the main target/); a built ref is kept in
# bench/out/compare/builds/<commit>/ and reused by the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
source scripts/tooling-node.sh

old=6824b42 new=pkg precompressed=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --old) old="$2"; shift 2 ;;
    --new) new="$2"; shift 2 ;;
    --precompressed) precompressed=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

TARGET_DIR="${COMPARE_TARGET_DIR:-/tmp/lr-old-target}"
OUT=bench/out/compare
WWW=$OUT/www

worktrees=()
cleanup() {
  stop_mock 2>/dev/null || true
  for tree in "${worktrees[@]}"; do git worktree remove --force "$tree" 2>/dev/null || true; done
  git worktree prune
}
trap cleanup EXIT

# build_ref <ref> <dest>: the package of <ref> as its own scripts/build.sh builds it.
build_ref() {
  local commit tree
  commit=$(git rev-parse --verify --quiet "$1^{commit}") || { echo "compare-builds: $1 is neither a directory nor a commit" >&2; exit 2; }
  if [ ! -f "$OUT/builds/$commit/.built" ]; then
    tree=/tmp/lr-build-${commit:0:12}
    git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
    git worktree add --detach --quiet "$tree" "$commit"
    worktrees+=("$tree")
    # The dev tools are the workspace's node_modules (6824b42 pins binaryen, esbuild and terser to
    # the same versions). build.sh names target/ literally for wasm-bindgen, so the shared target
    # dir is linked in as well as set.
    ln -s "$ROOT/node_modules" "$tree/node_modules"
    mkdir -p "$TARGET_DIR"
    ln -s "$TARGET_DIR" "$tree/target"
    echo "compare-builds: building $1 ($commit) in $tree" >&2
    (cd "$tree" && CARGO_TARGET_DIR="$TARGET_DIR" scripts/build.sh >&2)
    rm -rf "$OUT/builds/$commit"
    mkdir -p "$OUT/builds"
    cp -r "$tree/pkg" "$OUT/builds/$commit"
    touch "$OUT/builds/$commit/.built"
    git worktree remove --force "$tree"
  fi
  rm -rf "$2"
  cp -r "$OUT/builds/$commit" "$2"
  rm -f "$2/.built"
  LABEL="$1 (${commit:0:7})"
}

# A side: a package directory (copied: a rebuild during the run cannot change it) or a ref.
prepare() { # <side> <dir or ref>
  if [ -d "$2" ]; then
    [ -f "$2/index.js" ] && [ -f "$2/node.mjs" ] || { echo "compare-builds: $2 has no index.js and node.mjs" >&2; exit 2; }
    rm -rf "${WWW:?}/$1"
    cp -r "$2" "$WWW/$1"
    LABEL="$2/ (built $(date -u -r "$2/loginradius_pin_reset_bg.wasm" +%FT%TZ), HEAD $(git rev-parse --short HEAD))"
  else
    build_ref "$2" "$WWW/$1"
  fi
  labels+=("$LABEL")
}

[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund
[ "$new" != pkg ] || [ -f pkg/index.js ] || scripts/build.sh
mkdir -p "$WWW"
labels=()
prepare old "$old"
prepare new "$new"
# The mock gzips on the fly (a cost that grows with the file, paid on each request) unless a .gz
# sibling exists, as a host or CDN that stores compressed files would serve.
if [ "$precompressed" = 1 ]; then
  for file in "$WWW"/{old,new}/index.js "$WWW"/{old,new}/*.wasm; do gzip -9 -k -f "$file"; done
fi
compression=$([ "$precompressed" = 1 ] && echo "precompressed .gz files (gzip -9)" || echo "gzip on the fly by the mock")
printf '<!doctype html>\n<meta charset="utf-8">\n<title>compare builds</title>\n' > "$WWW/index.html"
node -e 'const [old, neu, compression] = process.argv.slice(1); process.stdout.write(JSON.stringify({ old, new: neu, compression }) + "\n")' \
  "${labels[0]}" "${labels[1]}" "$compression" > "$WWW/builds.json"

cargo build --quiet --release -p loginradius-mock
export LOGINRADIUS_MOCK_BIN="${CARGO_TARGET_DIR:-target}/release/loginradius-mock"
source scripts/mock.sh
# Both builds under --www: one route, one compression setup for both.
start_mock --www "$WWW" >&2

node bench/compare-builds.mjs "${args[@]}"
