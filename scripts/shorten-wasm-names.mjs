// Gives the .wasm's imports, exports and import module one- or two-letter names, and renames them
// to match in the wasm-bindgen glue that names them.
//
//   node scripts/shorten-wasm-names.mjs <in.wasm> <out.wasm> <glue.js|glue.d.ts>...
//
// Why: wasm-bindgen names every import `__wbg_<function>_<16 hex digits of hash>` and its closure
// exports `…__invoke__h<16 hex>`. Those hashes are random text that gzip cannot shrink, written
// once in the .wasm and again in the glue: about 1.5 KB gzip of the package for nothing. binaryen's
// --minify-imports-and-exports-and-modules renames them and prints the old → new mapping; this
// script applies that mapping to the glue and refuses to finish if any name is left unmatched.
// Every build of the same .wasm gets the same mapping (binaryen assigns names in a fixed order).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const [input, output, ...glueFiles] = process.argv.slice(2);
if (!input || !output || glueFiles.length === 0) {
  console.error("usage: node scripts/shorten-wasm-names.mjs <in.wasm> <out.wasm> <glue>...");
  process.exit(2);
}
const fail = (message) => {
  console.error(`shorten-wasm-names: ${message}`);
  process.exit(1);
};

// The strip flags are here, not in the -Oz run before, because wasm-opt needs the target-features
// section to validate a module that uses reference types and bulk memory.
const run = spawnSync(
  "wasm-opt",
  [input, "--minify-imports-and-exports-and-modules", "--strip-producers", "--strip-target-features", "-o", output],
  { encoding: "utf8" },
);
if (run.status !== 0) fail(`wasm-opt failed:\n${run.stderr}`);
const mapping = JSON.parse(run.stdout); // { imports: [[module, old, new]], exports: [[old, new]] }

// binaryen prints no mapping for the module names: read the new ones from the renamed module.
const renamed = new WebAssembly.Module(readFileSync(output));
const newModuleOf = new Map(WebAssembly.Module.imports(renamed).map((i) => [i.name, i.module]));
const moduleRenames = new Map();
for (const [oldModule, , newName] of mapping.imports) {
  const newModule = newModuleOf.get(newName);
  if (newModule === undefined) fail(`import ${newName} is missing from ${output}`);
  moduleRenames.set(oldModule, newModule);
}
const exportRenames = new Map(mapping.exports);
const newExports = new Set(WebAssembly.Module.exports(renamed).map((e) => e.name));

const escape = (s) => s.replace(/[$.*+?^()[\]{}|\\]/g, "\\$&");
for (const file of glueFiles) {
  let text = readFileSync(file, "utf8");
  const replace = (pattern, replacement, what) => {
    const before = text;
    text = text.replace(pattern, replacement);
    return before !== text || what === undefined || fail(`${file}: no ${what} found`);
  };
  if (file.endsWith(".d.ts")) {
    // Only the raw exports' interface (InitOutput) names them.
    for (const [from, to] of exportRenames) replace(new RegExp(`readonly ${escape(from)}:`, "g"), `readonly ${to}:`);
    writeFileSync(file, text);
    continue;
  }
  // Imports are the keys of the import object: `__wbg_fetch_014edd50b3d098de: function(…) {…}`.
  for (const [, from, to] of mapping.imports) {
    replace(new RegExp(`(?<![\\w$])${escape(from)}(?=\\s*:)`, "g"), to, `import ${from}`);
  }
  for (const [from, to] of moduleRenames) replace(`"${from}":`, `"${to}":`, `import module "${from}"`);
  // Exports are read as `wasm.name` (the glue's one handle on the instance's exports).
  for (const [from, to] of exportRenames) replace(new RegExp(`\\bwasm\\.${escape(from)}\\b`, "g"), `wasm.${to}`);
  const unknown = [...text.matchAll(/\bwasm\.([\w$]+)/g)].map((m) => m[1]).filter((n) => !newExports.has(n));
  if (unknown.length > 0) fail(`${file} still reads exports the .wasm no longer has: ${[...new Set(unknown)]}`);
  writeFileSync(file, text);
}
