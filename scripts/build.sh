#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (release, --target web), wasm-opt from the npm
# package binaryen, short import/export names (scripts/shorten-wasm-names.mjs), a Node build sharing
# the same .wasm, then the hand-owned package files from npm/, with the browser entry and the glue
# bundled by esbuild and minified by terser (the sources stay readable in npm/). Prints the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
source scripts/tooling-node.sh

[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/terser ] && [ -x node_modules/.bin/esbuild ] ||
  scripts/setup.sh

# The one set of wasm-opt flags for both builds (wasm-pack's own run is off in Cargo.toml), so the
# two .wasm files stay byte-identical. -Os, not -Oz: 1.4 KB bigger raw but 0.2 KB smaller gzipped,
# which is what a browser downloads (34,433 -> 34,242 bytes, 2026-11-29), and no slower.
# --converge repeats it while it still shrinks.
# --low-memory-unused lets wasm-opt fold constant offsets into loads and stores (-0.2 KB gzip):
# it assumes nothing lives in the first 1 KB of memory, which holds for Rust's layout (the stack
# comes first, from 1 MB down, and data and heap sit above it), as only a stack ~1 MB deep could
# reach it.
# The two strip flags drop custom sections no engine reads (the toolchain's names, target features).
WASM_OPT_FLAGS=(-Os --converge --low-memory-unused --strip-producers --strip-target-features)
# Then one- or two-letter import and export names, renamed to match in the glue (-1.9 KB gzip):
# see scripts/shorten-wasm-names.mjs.
optimize() { # <wasm> <glue.js>
  wasm-opt "${WASM_OPT_FLAGS[@]}" "$1" -o "$1"
  node scripts/shorten-wasm-names.mjs "$1" "$2"
}

# The .wasm holds the file names of a few panic locations. Make them the same on every machine: a
# dependency compiled where the rust-src component is installed names std's files by their local
# path (/root/.rustup/...), not /rustc/<commit>/, and crates by the registry path under CARGO_HOME.
# Remapped, the output no longer depends on either (and std's file is named once, not twice).
RUST_SRC="$(rustc --print sysroot)/lib/rustlib/src/rust"
RUST_COMMIT="$(rustc -vV | sed -n 's/^commit-hash: //p')"
export RUSTFLAGS="--remap-path-prefix=$RUST_SRC=/rustc/$RUST_COMMIT --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/= ${RUSTFLAGS:-}"
# --mode no-install: wasm-pack must use the wasm-bindgen and wasm-opt on PATH, never download.
wasm-pack --quiet build --target web --release --mode no-install --no-pack --out-dir pkg --out-name loginradius_pin_reset
rm -f pkg/.gitignore pkg/README.md pkg/package.json
optimize pkg/loginradius_pin_reset_bg.wasm pkg/loginradius_pin_reset.js

# A CommonJS build of the same module for Node's require (Node 20 cannot require ESM).
wasm-bindgen --target nodejs --out-dir pkg/node --out-name loginradius_pin_reset \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/loginradius_pin_reset.wasm"
optimize pkg/node/loginradius_pin_reset_bg.wasm pkg/node/loginradius_pin_reset.js
# (The glue is CommonJS, inside a package whose other .js files are ES modules.)
printf '{ "type": "commonjs" }\n' > pkg/node/package.json
# Both builds come from the same .wasm through the same wasm-opt, so they are byte-identical: the
# package ships it once, and the Node entry below reads the browser build's copy.
cmp -s pkg/loginradius_pin_reset_bg.wasm pkg/node/loginradius_pin_reset_bg.wasm ||
  { echo "build.sh: the web and Node builds gave different .wasm files" >&2; exit 1; }
# The glue requires the options reader (src/wasm/read_options.js, an ES module) by String.raw`...`,
# which esbuild does not follow when it bundles the Node entry below: make it a plain string.
sed -i 's|require(String.raw`\(\./snippets/[^`]*\)`)|require("\1")|' pkg/node/loginradius_pin_reset.js

cp npm/* pkg/
# What Node loads is two CommonJS files: pkg/node.cjs, the short entry (Node 22 lexes a CommonJS
# file imported from ESM, node.mjs, slowly: the shorter the better), and pkg/node/lib.cjs, which
# bundles the glue, the options reader and isLoginRadiusError (one source, npm/is-error.js),
# minified. The glue reads the .wasm beside the browser build's files, one folder up.
printf '%s\n' 'module.exports = {' '  ...require("./loginradius_pin_reset.js"),' \
  '  isLoginRadiusError: require("../is-error.js").isLoginRadiusError,' '};' > pkg/node/lib-entry.cjs
esbuild pkg/node/lib-entry.cjs --bundle --minify --format=cjs --platform=node --log-level=warning \
  --outfile=pkg/node/lib.cjs
sed -i 's|`${__dirname}/loginradius_pin_reset_bg.wasm`|`${__dirname}/../loginradius_pin_reset_bg.wasm`|' \
  pkg/node/lib.cjs
grep -q '`${__dirname}/../loginradius_pin_reset_bg.wasm`' pkg/node/lib.cjs ||
  { echo "build.sh: the Node glue no longer names its .wasm as expected" >&2; exit 1; }
find pkg/node -mindepth 1 ! -name lib.cjs -delete
cp src/wasm/types.d.ts pkg/types.d.ts
# The same declarations in CommonJS form, for index.d.cts (TypeScript's require under node16).
cp src/wasm/types.d.ts pkg/types.d.cts

# What a browser loads is one script: the entry and the web glue bundled into pkg/index.js (one
# request instead of two, and the glue's unused initSync left out), minified by terser (the size
# budget counts it: about 2 KB gzip less). The sources stay readable in npm/.
esbuild pkg/index.js --bundle --format=esm --platform=neutral --log-level=warning \
  --outfile=pkg/index.js --allow-overwrite
terser pkg/index.js --module --compress passes=2 --mangle -o pkg/index.js
# The web glue is inside index.js now; wasm-bindgen's declarations of the glue and of the raw
# exports name exports that were renamed, and index.d.ts declares the package: drop them.
rm -r pkg/loginradius_pin_reset.js pkg/loginradius_pin_reset.d.ts pkg/*.wasm.d.ts \
  pkg/is-error.js pkg/snippets

# The short names rewrite wasm-bindgen's output (they stay because they save 2.0 KB gzip of the
# .wasm: 32,810 -> 30,816 bytes): the build succeeds only when the result loads and answers a call.
node --input-type=module -e '
  const lib = await import("./pkg/node.mjs");
  const issues = lib.validateResetPinWithOtp({});
  if (!Array.isArray(issues) || !issues.some((issue) => issue.field === "apiKey")) {
    throw new Error("the built package did not answer a call: " + JSON.stringify(issues));
  }'

node scripts/size-report.mjs
