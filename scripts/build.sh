#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (release, --target web), wasm-opt from the npm
# package binaryen, short import/export names (scripts/shorten-wasm-names.mjs), the module's bytes
# as an ES module, then the hand-owned package files from npm/: the browser entry and the Node
# entry, each bundled with the one web glue by esbuild (the sources stay readable in npm/). Prints
# the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
source scripts/tooling-node.sh

[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/terser ] && [ -x node_modules/.bin/esbuild ] ||
  scripts/setup.sh

# The wasm-opt flags (wasm-pack's own run is off in Cargo.toml, see Cargo.toml). -Os, not -Oz: 1.4 KB bigger raw but 0.2 KB smaller gzipped,
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

# The module's bytes as ES modules, for where its file cannot go. pkg/wasm-bytes.js, for a browser
# bundle whose bundler ignores the `.wasm` asset (npm/load.js imports it lazily), carries them
# gzipped, then base64, with its unpacking (npm/wasm-bytes.js, bundled below): 32.9 KB on the wire once the server gzips it, about what the .wasm costs (plain base64:
# 42.3 KB), and 43.7 KB where nothing compresses it (plain base64: 96 KB) (2026-12-02, this
# build's module). The Node build carries the plain base64 inside (npm/node-lib.js): it then needs
# no require() of node:zlib, which an ES module bundle of it (esbuild --format=esm) cannot do.
node -e '
  const fs = require("fs");
  const zlib = require("zlib");
  const wasm = fs.readFileSync("pkg/loginradius_pin_reset_bg.wasm");
  const module = (what, bytes) => `// loginradius_pin_reset_bg.wasm, ${what}.\nexport default "${bytes.toString("base64")}";\n`;
  fs.writeFileSync("pkg/wasm-bytes-data.js", module("gzipped, base64", zlib.gzipSync(wasm, { level: 9 })));
  fs.writeFileSync("pkg/wasm-bytes-node.js", module("base64", wasm));'

cp npm/* pkg/
# What Node loads: pkg/node.cjs, a short entry (Node 22 lexes a CommonJS file imported from ESM,
# node.mjs, slowly: the shorter the better), and pkg/node/lib.cjs: the glue,
# isLoginRadiusError and the module's bytes, bundled as CommonJS and minified.
# (The glue's default init, the one place that reads import.meta.url, is unused here and left out.)
esbuild pkg/node-lib.js --bundle --minify --format=cjs --platform=node --log-level=warning \
  --log-override:empty-import-meta=silent \
  --outfile=pkg/node/lib.cjs
cp src/wasm/types.d.ts pkg/types.d.ts
# The same declarations in CommonJS form, for index.d.cts (TypeScript's require under node16).
cp src/wasm/types.d.ts pkg/types.d.cts

# What a browser loads first is one script: the entry, the loader and the web glue bundled into
# pkg/index.js (one request instead of several), minified by terser (the size budget counts it:
# about 2 KB gzip less). The sources stay readable in npm/. wasm-bytes.js stays a separate module,
# imported only when the `.wasm` asset is missing.
esbuild pkg/index.js --bundle --format=esm --platform=neutral --log-level=warning \
  --external:./wasm-bytes.js --outfile=pkg/index.js --allow-overwrite
terser pkg/index.js --module --compress passes=2 --mangle -o pkg/index.js
esbuild pkg/wasm-bytes.js --bundle --format=esm --minify --log-level=warning \
  --outfile=pkg/wasm-bytes.js --allow-overwrite
# Everything else was bundled into index.js or node/lib.cjs.
rm -r pkg/loginradius_pin_reset.js pkg/loginradius_pin_reset.d.ts pkg/*.wasm.d.ts \
  pkg/is-error.js pkg/reset-token.js pkg/load.js pkg/errors.js pkg/node-lib.js pkg/wasm-bytes-node.js \
  pkg/wasm-bytes-data.js

# The short names rewrite wasm-bindgen's output (they stay because they save 2.0 KB gzip of the
# .wasm: 32,810 -> 30,816 bytes): the build succeeds only when the result loads and answers a call.
node --input-type=module -e '
  const lib = await import("./pkg/node.mjs");
  const issues = lib.validateResetPinWithOtp({});
  if (!Array.isArray(issues) || !issues.some((issue) => issue.field === "apiKey")) {
    throw new Error("the built package did not answer a call: " + JSON.stringify(issues));
  }'

# The headless flow, `loginradius-pin-reset/flow`: one file per place (flow.js for browsers and
# bundlers, flow-node.mjs and flow.cjs for Node), each the flow's sources and the English catalog
# bundled, over the package's own entry, kept external so an app that also imports the calls
# loads them once (and index.js does not grow). The other catalogs stay separate modules, loaded
# only when asked for.
FLOW_EXTERNAL=(--external:./index.js --external:./node.mjs --external:./node.cjs --external:./messages-es.js --external:./messages-hi.js)
esbuild pkg/flow.js --bundle --format=esm --platform=neutral --log-level=warning "${FLOW_EXTERNAL[@]}" \
  --outfile=pkg/flow.js --allow-overwrite
esbuild pkg/flow-node.mjs --bundle --format=esm --platform=node --log-level=warning "${FLOW_EXTERNAL[@]}" \
  --outfile=pkg/flow-node.mjs --allow-overwrite
esbuild pkg/flow-cjs.js --bundle --format=cjs --platform=node --log-level=warning "${FLOW_EXTERNAL[@]}" \
  --outfile=pkg/flow.cjs
# The element, `loginradius-pin-reset/element`: over the flow's and the calls' own entries (external).
esbuild pkg/element.js --bundle --format=esm --platform=neutral --log-level=warning \
  --external:./index.js --external:./flow.js --external:./messages-es.js --external:./messages-hi.js \
  --outfile=pkg/element.js --allow-overwrite
# For require(): the same element over the CommonJS entries (in Node it defines nothing).
sed -e 's#"\./index\.js"#"./node.cjs"#' -e 's#"\./flow\.js"#"./flow.cjs"#' npm/element.js >pkg/element-cjs.js
esbuild pkg/element-cjs.js --bundle --format=cjs --platform=node --log-level=warning \
  --external:./node.cjs --external:./flow.cjs --external:./messages-es.js --external:./messages-hi.js \
  --outfile=pkg/element.cjs
sed 's#"\./flow\.js"#"./flow.cjs"#' npm/element.d.ts >pkg/element.d.cts
for file in flow.js flow-node.mjs messages-es.js messages-hi.js element.js; do
  terser "pkg/$file" --module --compress passes=2 --mangle -o "pkg/$file"
done
for file in flow.cjs element.cjs; do terser "pkg/$file" --compress passes=2 --mangle -o "pkg/$file"; done
sed 's#"\./types\.js"#"./types.cjs"#' npm/flow.d.ts >pkg/flow.d.cts
rm pkg/flow-core.js pkg/flow-rules.js pkg/flow-cjs.js pkg/element-cjs.js pkg/messages-en.js

node scripts/size-report.mjs
