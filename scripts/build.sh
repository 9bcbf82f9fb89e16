#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (release, --target web), wasm-opt from the npm
# package binaryen, then the hand-owned package files from npm/, with what browsers load minified
# by terser (the sources stay readable in npm/). Prints the shipped sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/terser ] || scripts/setup.sh

# The one set of wasm-opt flags for both builds (wasm-pack's own run is off in Cargo.toml), so the
# two .wasm files stay byte-identical. --converge repeats -Oz while it still shrinks.
# --low-memory-unused lets wasm-opt fold constant offsets into loads and stores (-0.2 KB gzip):
# it assumes nothing lives in the first 1 KB of memory, which holds for Rust's layout (the stack
# comes first, from 1 MB down, and data and heap sit above it), as only a stack ~1 MB deep could
# reach it.
WASM_OPT_FLAGS=(-Oz --converge --low-memory-unused)
# Then short import/export names, renamed to match in the glue (and the custom sections no engine
# reads are dropped): see scripts/shorten-wasm-names.mjs.
optimize() { # <wasm> <glue.js> <glue.d.ts>
  wasm-opt "${WASM_OPT_FLAGS[@]}" "$1" -o "$1"
  node scripts/shorten-wasm-names.mjs "$1" "$1" "$2" "$3"
}

# --mode no-install: wasm-pack must use the wasm-bindgen and wasm-opt on PATH, never download.
wasm-pack --quiet build --target web --release --mode no-install --no-pack --out-dir pkg --out-name loginradius_pin_reset
rm -f pkg/.gitignore pkg/README.md pkg/package.json
optimize pkg/loginradius_pin_reset_bg.wasm pkg/loginradius_pin_reset.js pkg/loginradius_pin_reset.d.ts

# A CommonJS build of the same module for Node's require (Node 20 cannot require ESM).
wasm-bindgen --target nodejs --out-dir pkg/node --out-name loginradius_pin_reset \
  target/wasm32-unknown-unknown/release/loginradius_pin_reset.wasm
optimize pkg/node/loginradius_pin_reset_bg.wasm pkg/node/loginradius_pin_reset.js pkg/node/loginradius_pin_reset.d.ts
printf '{ "type": "commonjs" }\n' > pkg/node/package.json
# Both builds come from the same .wasm through the same wasm-opt, so they are byte-identical: ship it
# once, and point the Node glue at the browser build's copy (halves the package).
if cmp -s pkg/loginradius_pin_reset_bg.wasm pkg/node/loginradius_pin_reset_bg.wasm; then
  sed -i 's|`${__dirname}/loginradius_pin_reset_bg.wasm`|`${__dirname}/../loginradius_pin_reset_bg.wasm`|' \
    pkg/node/loginradius_pin_reset.js
  grep -q '/\.\./loginradius_pin_reset_bg\.wasm' pkg/node/loginradius_pin_reset.js ||
    { echo "build.sh: the Node glue no longer names its .wasm as expected" >&2; exit 1; }
  rm pkg/node/loginradius_pin_reset_bg.wasm
fi

cp npm/* pkg/
cp src/wasm/types.d.ts pkg/types.d.ts
# The same declarations in CommonJS form, for index.d.cts (TypeScript's require under node16).
cp src/wasm/types.d.ts pkg/types.d.cts

# Minify the two scripts a browser loads (the size budget counts them): about 2 KB gzip less.
# The `@ts-self-types` comment tells TypeScript where the glue's declarations are; keep it.
for js in pkg/loginradius_pin_reset.js pkg/index.js; do
  terser "$js" --module --compress passes=2 --mangle --comments '/@ts-self-types/' -o "$js"
done

node scripts/size-report.mjs
