// Prints raw and gzip -9 sizes of what a browser loads from pkg/: the .wasm and index.js (which
// carries the wasm-bindgen glue: scripts/build.sh bundles them), against the 37 KB budget.
//
// `--check` (run by scripts/test.sh) fails when the total is over the budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

// 37 KB: the core as it was with sendResetPinOtp (36 KB) plus room for the third call,
// resetPinWithToken (issue 20). The 30 KB the stack issue hoped for did not fit the specified
// crates; the crates outrank the budget (README "Size").
const BUDGET_GZ = 37 * 1024;
const shipped = ["loginradius_pin_reset_bg.wasm", "index.js"];
const kb = (n) => (n / 1024).toFixed(1).padStart(6) + " KB";

let rawTotal = 0;
let gzTotal = 0;
let wasmGz = 0;
console.log("file                              raw        gzip -9");
for (const name of shipped) {
  const bytes = readFileSync(new URL(`../pkg/${name}`, import.meta.url));
  const gz = gzipSync(bytes, { level: 9 }).length;
  rawTotal += bytes.length;
  gzTotal += gz;
  if (name.endsWith(".wasm")) wasmGz = gz;
  console.log(`${name.padEnd(32)} ${kb(bytes.length)}  ${kb(gz)}`);
}
console.log(`${"total".padEnd(32)} ${kb(rawTotal)}  ${kb(gzTotal)}  (${gzTotal} bytes gzipped)`);
const verdict =
  gzTotal <= BUDGET_GZ ? `within, ${BUDGET_GZ - gzTotal} bytes to spare` : `${gzTotal - BUDGET_GZ} bytes over`;
console.log(`budget ${kb(BUDGET_GZ).trim()} (${BUDGET_GZ} bytes) gzipped: ${verdict}`);
// Loaded instead of the .wasm only where a bundler did not emit it (esbuild, Rollup, Angular, the
// Vite 6 and 7 dev servers): not part of what the budget counts, but what those users download.
const fallback = readFileSync(new URL("../pkg/wasm-bytes.js", import.meta.url));
const fallbackGz = gzipSync(fallback, { level: 9 }).length;
console.log(
  `${"wasm-bytes.js (fallback)".padEnd(32)} ${kb(fallback.length)}  ${kb(fallbackGz)}  ` +
    `(instead of the .wasm where a bundler did not emit it: index.js + this = ${gzTotal - wasmGz + fallbackGz} bytes gzipped)`,
);
if (process.argv.includes("--check") && gzTotal > BUDGET_GZ) {
  console.error(`size budget exceeded: ${gzTotal} bytes gzipped > ${BUDGET_GZ}`);
  process.exit(1);
}
