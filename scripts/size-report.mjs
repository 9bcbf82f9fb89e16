// Prints raw and gzip -9 sizes of what a browser loads from pkg/, and fails above the budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_GZ = 25 * 1024;
const shipped = ["loginradius_pin_reset_bg.wasm", "loginradius_pin_reset.js", "index.js"];
const kb = (n) => (n / 1024).toFixed(1).padStart(6) + " KB";

let rawTotal = 0;
let gzTotal = 0;
console.log("file                              raw        gzip -9");
for (const name of shipped) {
  let bytes;
  try {
    bytes = readFileSync(new URL(`../pkg/${name}`, import.meta.url));
  } catch {
    continue; // index.js arrives with the auto-init loader
  }
  const gz = gzipSync(bytes, { level: 9 }).length;
  rawTotal += bytes.length;
  gzTotal += gz;
  console.log(`${name.padEnd(32)} ${kb(bytes.length)}  ${kb(gz)}`);
}
console.log(`${"total".padEnd(32)} ${kb(rawTotal)}  ${kb(gzTotal)}   (budget ${kb(BUDGET_GZ).trim()} gzipped)`);
// The build prints the sizes; the test run (--check) enforces the budget.
if (process.argv.includes("--check") && gzTotal > BUDGET_GZ) {
  console.error(`size budget exceeded: ${gzTotal} > ${BUDGET_GZ} bytes gzipped`);
  process.exit(1);
}
