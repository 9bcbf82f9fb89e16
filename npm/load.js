// How the browser entry gets its WebAssembly module, with no bundler configuration anywhere.
//
// 1. The `.wasm` asset at `new URL(..., import.meta.url)`: Vite, webpack, Rsbuild and Parcel emit
//    it and rewrite the URL; a plain page and a CDN serve it beside index.js. Nothing more is
//    downloaded than the module itself, compiled while it streams.
// 2. Otherwise the module's embedded copy from `./wasm-bytes.js`, imported lazily: esbuild, Rollup and
//    Angular ignore the asset URL, and the dependency pre-bundler of Vite 6 and 7 dev servers moves
//    the JavaScript without it; every bundler emits (or inlines) an `import()`ed module.
// A caller's own URL or bytes (`init(source)`) are used as given, with no fallback, and a failure
// says what was wrong with them. This module compiles (asynchronously, streaming when it can) and
// the glue's initSync instantiates: the glue's own fetching init is then left out of the bundle.
import { initSync } from "./loginradius_pin_reset.js";
import { loadError } from "./errors.js";
import { ERROR_NAME } from "./is-error.js";

const FILE = "loginradius_pin_reset_bg.wasm";
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm"

/** Instantiates the module from `source` (a caller's) or from the package's own copy. */
export async function loadModule(source) {
  try {
    const module = await compile(source === undefined ? await packageCopy() : await fromCaller(await source));
    initSync({ module });
  } catch (error) {
    throw error?.name === ERROR_NAME ? error : loadError(instantiateProblem(error), error);
  }
}

/** The asset when a bundler emitted it or the package's folder is served; else the embedded bytes. */
async function packageCopy() {
  let asset;
  try {
    asset = new URL("./loginradius_pin_reset_bg.wasm", import.meta.url);
  } catch {
    // No import.meta.url to resolve it against: a classic-script bundle (esbuild --format=iife).
  }
  if (asset && assetWasKept(asset)) {
    try {
      return await fetchWasm(asset);
    } catch {
      // A bundler or a host that lost the file: the embedded bytes below still work.
    }
  }
  return embeddedBytes();
}

/**
 * Whether the asset URL can point at the file. A bundler that handled it renamed the file (a hash,
 * or a data: URL). Unbundled, this module is still the package's index.js, or is served from the
 * package's folder (node_modules/loginradius-pin-reset, a CDN's loginradius-pin-reset@version, a
 * dev server's pre-bundle that kept the file where it was). An unchanged name beside some other
 * bundle is a bundler that moved the JavaScript and not the file: asking would only log a 404.
 */
function assetWasKept(asset) {
  const [folder, file] = asset.pathname.split("/").slice(-2);
  const thisFile = new URL(import.meta.url).pathname.split("/").pop();
  return file !== FILE || thisFile === "index.js" || /^loginradius-pin-reset(@|$)/.test(decodeURIComponent(folder ?? ""));
}

async function embeddedBytes() {
  let unpack;
  try {
    ({ default: unpack } = await import("./wasm-bytes.js"));
  } catch (error) {
    throw loadError(`its JavaScript chunk with the module did not load (${detail(error)}); check the connection and try again`, error);
  }
  try {
    return await unpack();
  } catch (error) {
    throw loadError(detail(error), error);
  }
}

/** A caller's source: a URL, a path or a Response is checked here; bytes or a Module go as given. */
function fromCaller(source) {
  if (typeof source === "string" || source instanceof URL || source instanceof Request) {
    return fetchWasm(source);
  }
  return source instanceof Response ? wasmIn(source, source.url || "the Response") : source;
}

async function fetchWasm(url) {
  const where = String(url instanceof Request ? url.url : url);
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw loadError(`fetching ${where} failed (${detail(error)}); check the connection and the URL, then try again`, error);
  }
  return wasmIn(response, where);
}

/**
 * The module in `response`: the Response itself when it is served as application/wasm (compiled
 * while it streams), else its bytes once they prove to be WebAssembly (any MIME type is accepted).
 */
async function wasmIn(response, where) {
  const fix = `serve the package's ${FILE} at that URL, or call init() with no argument to use the package's own copy`;
  if (!response.ok) throw loadError(`${where} answered ${response.status}; ${fix}`);
  if ((response.headers.get("Content-Type") ?? "").startsWith("application/wasm")) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!WASM_MAGIC.every((byte, i) => bytes[i] === byte)) {
    const html = /^\s*</.test(new TextDecoder().decode(bytes.subarray(0, 64)));
    throw loadError(`${where} is ${html ? "an HTML page (a fallback to index.html?)" : "not WebAssembly"}; ${fix}`);
  }
  return bytes;
}

/** A WebAssembly.Module from a Module, an application/wasm Response (streamed) or bytes. */
function compile(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof Response) {
    return typeof WebAssembly.compileStreaming === "function"
      ? WebAssembly.compileStreaming(source)
      : source.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  }
  return WebAssembly.compile(source);
}

/** Why compiling or instantiating failed, and what to do about it. */
function instantiateProblem(error) {
  const message = detail(error);
  if (/unsafe-eval|Content.Security.Policy|\bCSP\b/i.test(message)) {
    return "the page's Content-Security-Policy does not allow WebAssembly; add 'wasm-unsafe-eval' to its script-src";
  }
  return `the module did not compile (${message}); reinstall the package, and check that nothing rewrote ${FILE}`;
}

function detail(error) {
  return (typeof error?.message === "string" ? error.message : String(error)).slice(0, 200);
}
