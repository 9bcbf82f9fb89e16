// Prints raw and gzip -9 sizes of what a browser loads from pkg/, against the size target.
//
// `--check` fails the run when the total grows past CEILING_GZ. The target (issue 5) is 25 KB;
// the package is not there yet (27.1 KB), so the check guards against regressions at the level
// reached, and the report says how far the target is. Lower CEILING_GZ with every saving.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const TARGET_GZ = 25 * 1024;
const CEILING_GZ = 27.5 * 1024;
const shipped = ["loginradius_pin_reset_bg.wasm", "loginradius_pin_reset.js", "index.js"];
const kb = (n) => (n / 1024).toFixed(1).padStart(6) + " KB";

let rawTotal = 0;
let gzTotal = 0;
console.log("file                              raw        gzip -9");
for (const name of shipped) {
  const bytes = readFileSync(new URL(`../pkg/${name}`, import.meta.url));
  const gz = gzipSync(bytes, { level: 9 }).length;
  rawTotal += bytes.length;
  gzTotal += gz;
  console.log(`${name.padEnd(32)} ${kb(bytes.length)}  ${kb(gz)}`);
}
console.log(`${"total".padEnd(32)} ${kb(rawTotal)}  ${kb(gzTotal)}`);
const verdict = gzTotal <= TARGET_GZ ? "within" : `${kb(gzTotal - TARGET_GZ).trim()} over`;
console.log(`target ${kb(TARGET_GZ).trim()} gzipped: ${verdict}; regression ceiling ${kb(CEILING_GZ).trim()}`);
if (process.argv.includes("--check") && gzTotal > CEILING_GZ) {
  console.error(`size regression: ${gzTotal} bytes gzipped > ceiling ${CEILING_GZ}`);
  process.exit(1);
}
