// Gives the .wasm's imports, their module and the exports the glue reads one- or two-letter
// names, and renames them to match in the wasm-bindgen glue.
//
//   node scripts/shorten-wasm-names.mjs <module.wasm> <glue.js>
//
// Why: wasm-bindgen names every import `__wbg_<function>_<16 hex digits of hash>` under the module
// "./<crate>_bg.js", and its closure exports `…__invoke__h<16 hex>`. Those hashes are random text
// that gzip cannot shrink, written once in the .wasm and again in the glue: about 2 KB of gzip
// for nothing. Exports the glue does not read keep their names.
//
// Only the import and export sections are rewritten; every other byte of the module is copied.
// The glue must name every import once as a key of its import object, and read only exports
// the module has, else this fails; the result is compiled before the script ends.
import { readFileSync, writeFileSync } from "node:fs";

const [wasmFile, glueFile] = process.argv.slice(2);
if (!wasmFile || !glueFile) {
  console.error("usage: node scripts/shorten-wasm-names.mjs <module.wasm> <glue.js>");
  process.exit(2);
}
const fail = (message) => {
  console.error(`shorten-wasm-names: ${message}`);
  process.exit(1);
};

const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;
const bytes = readFileSync(wasmFile);
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A cursor over `bytes` that reads the binary format's integers and names. */
function reader(start) {
  let at = start;
  const byte = () => (at < bytes.length ? bytes[at++] : fail(`${wasmFile} ends early`));
  const u32 = () => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = byte();
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
    return fail(`bad LEB128 at byte ${at} of ${wasmFile}`);
  };
  const name = () => {
    const length = u32();
    at += length;
    return utf8.decode(bytes.subarray(at - length, at));
  };
  const limits = () => {
    const flags = byte();
    u32();
    if (flags & 1) u32();
  };
  return { byte, u32, name, limits, get at() { return at; } };
}

function leb(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value >>>= 7;
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return out;
}
const encodeName = (s) => {
  const encoded = new TextEncoder().encode(s);
  return [...leb(encoded.length), ...encoded];
};

/** a, b, … z, A, … Z, aa, ab, …: the shortest names, in the order of the imports. */
function shortName(index) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[index % letters.length] + name;
    index = Math.floor(index / letters.length) - 1;
  } while (index >= 0);
  return name;
}

// The glue, unminified: it names imports as the keys of its import object
// (`__wbg_fetch_014edd50b3d098de: function(…) {…}`, `"./loginradius_pin_reset_bg.js": import0`)
// and reads exports as `wasm.<name>`.
let glue = readFileSync(glueFile, "utf8");
const readByGlue = new Set([...glue.matchAll(/\bwasm\.([\w$]+)/g)].map((m) => m[1]));

if (bytes.readUInt32BE(0) !== 0x0061736d) fail(`${wasmFile} is not a wasm module`);
const sections = new Map(); // id -> { start, body, end }
for (let cursor = reader(8); cursor.at < bytes.length; ) {
  const start = cursor.at;
  const id = cursor.byte();
  const size = cursor.u32();
  sections.set(id, { start, body: cursor.at, end: cursor.at + size });
  cursor = reader(cursor.at + size);
}
for (const id of [IMPORT_SECTION, EXPORT_SECTION]) if (!sections.has(id)) fail(`${wasmFile} has no section ${id}`);

/** Reads a section's entries with `entry(read, out)`, which writes each one renamed into `out`. */
function rewrite(id, entry) {
  const { body, end } = sections.get(id);
  const read = reader(body);
  const count = read.u32();
  const out = [...leb(count)];
  for (let i = 0; i < count; i++) entry(read, out);
  if (read.at !== end) fail(`section ${id} of ${wasmFile} has trailing bytes`);
  return Buffer.from([id, ...leb(out.length), ...out]);
}

const importRenames = new Map(); // old name -> new name
const moduleRenames = new Map(); // old module -> new module
const imports = rewrite(IMPORT_SECTION, (read, out) => {
  const module = read.name();
  const name = read.name();
  const descStart = read.at;
  const kind = read.byte();
  if (kind === 0) read.u32(); // function: type index
  else if (kind === 1) (read.byte(), read.limits()); // table: ref type, limits
  else if (kind === 2) read.limits(); // memory
  else if (kind === 3) (read.byte(), read.byte()); // global: value type, mutability
  else fail(`import ${module}.${name} has a kind (${kind}) this script does not know`);
  if (!moduleRenames.has(module)) moduleRenames.set(module, shortName(moduleRenames.size));
  if (importRenames.has(name)) fail(`two imports are named ${name}`);
  importRenames.set(name, shortName(importRenames.size));
  out.push(...encodeName(moduleRenames.get(module)), ...encodeName(importRenames.get(name)));
  out.push(...bytes.subarray(descStart, read.at));
});

// Exports the glue does not read (wasm-bindgen's trap flag, read by the tests) keep their names.
const exportRenames = new Map();
const exports = rewrite(EXPORT_SECTION, (read, out) => {
  const name = read.name();
  const descStart = read.at;
  read.byte(); // kind
  read.u32(); // index
  const renamed = readByGlue.has(name) ? shortName(exportRenames.size) : name;
  if (renamed !== name) exportRenames.set(name, renamed);
  out.push(...encodeName(renamed), ...bytes.subarray(descStart, read.at));
});

const parts = [];
let copied = 0;
for (const [id, rewritten] of [[IMPORT_SECTION, imports], [EXPORT_SECTION, exports]]) {
  const { start, end } = sections.get(id);
  parts.push(bytes.subarray(copied, start), rewritten);
  copied = end;
}
parts.push(bytes.subarray(copied));
writeFileSync(wasmFile, Buffer.concat(parts));

const escape = (s) => s.replace(/[$.*+?^()[\]{}|\\]/g, "\\$&");
const renameKey = (pattern, to, what) => {
  let found = 0;
  glue = glue.replace(pattern, () => (found++, to));
  if (found !== 1) fail(`${glueFile} names ${what} ${found} times as a key, not once`);
};
for (const [from, to] of importRenames) renameKey(new RegExp(`(?<![\\w$])${escape(from)}(?=\\s*:)`, "g"), to, `import ${from}`);
for (const [from, to] of moduleRenames) renameKey(new RegExp(`"${escape(from)}"(?=\\s*:)`, "g"), to, `module "${from}"`);
for (const [from, to] of exportRenames) glue = glue.replace(new RegExp(`\\bwasm\\.${escape(from)}\\b`, "g"), `wasm.${to}`);
const stale = [...readByGlue].filter((name) => !exportRenames.has(name));
if (stale.length > 0) fail(`${glueFile} reads exports ${wasmFile} does not have: ${stale.join(", ")}`);
writeFileSync(glueFile, glue);

// Compile the result: a module this script broke fails here, not in a user's browser.
new WebAssembly.Module(readFileSync(wasmFile));
