// What a user's app ships for each side: esbuild --bundle --minify of an entry module, as a
// production build would, and its size after gzip -9 (Node's zlib, as scripts/size-report.mjs).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { SIDES, SIDE_IDS, WASM } from "./sides.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Generated bundles and pages; served by the mock at /out/ (bench/ is its --www). */
export const OUT = path.join(ROOT, "bench", "out");

export const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * The name the bench gives the package's .wasm, as Vite, webpack, Rsbuild and Parcel give it a
 * hashed one: esbuild leaves `new URL("./loginradius_pin_reset_bg.wasm", import.meta.url)` alone,
 * and the package would then load its embedded bytes. The bench measures what users of those
 * bundlers get: the entry rewritten to this name (the file is copied under it beside the bundle),
 * and the embedded bytes left as a separate chunk that is never loaded.
 */
export const WASM_ASSET_NAME = "loginradius_pin_reset_bg.bench.wasm";
const emitWasmAsset = {
  name: "emit-wasm-asset",
  setup(build) {
    build.onResolve({ filter: /\/wasm-bytes\.js$/ }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /loginradius-pin-reset.*[\\/]index\.js$|[\\/]pkg[\\/]index\.js$/ }, (args) => ({
      contents: readFileSync(args.path, "utf8").replaceAll("./loginradius_pin_reset_bg.wasm", `./${WASM_ASSET_NAME}`),
      loader: "js",
    }));
  },
};

/**
 * Bundles `source` (the text of an entry module whose imports resolve from the repository root)
 * into a minified ES module; writes it to `outfile` when given. Returns the bundle's bytes.
 */
export async function bundle(source, outfile) {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: "entry.mjs", loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    outfile: outfile ?? path.join(OUT, "entry.js"),
    logLevel: "warning",
    plugins: [emitWasmAsset],
  });
  const bytes = result.outputFiles[0].contents;
  if (outfile) {
    mkdirSync(path.dirname(outfile), { recursive: true });
    writeFileSync(outfile, bytes);
  }
  return bytes;
}

/** `./path` of a side's module for an entry's import. */
export const importPath = (id) => `./${SIDES[id].source}`;

/** The bytes each side ships: a tiny entry that exports only its reset function, plus the .wasm for ours. */
export async function shippedBytes() {
  const rows = [];
  for (const id of SIDE_IDS) {
    const js = await bundle(`export { ${SIDES[id].reset} } from "${importPath(id)}";`);
    const wasm = id === "ours" ? readFileSync(path.join(ROOT, WASM)) : new Uint8Array();
    const jsGzip = gzipSize(js);
    const wasmGzip = wasm.length ? gzipSize(wasm) : 0;
    rows.push({ id, jsBytes: js.length, jsGzip, wasmBytes: wasm.length, wasmGzip, totalGzip: jsGzip + wasmGzip });
  }
  return rows;
}

/** The whole module of each validating baseline, for the bench page (browsers cannot resolve "zod"). */
export async function writeBrowserLibs() {
  for (const id of ["valibot", "zod"]) {
    await bundle(`export * from "${importPath(id)}";`, path.join(OUT, `lib-${id}.js`));
  }
}
