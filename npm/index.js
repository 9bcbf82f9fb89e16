// Entry point for browsers and bundlers (Vite, webpack, plain <script type="module">).
// Importing touches no browser global; the wasm module loads on the first call, or on init().
// The wasm-bindgen glue; scripts/build.sh bundles it into the published index.js (one file to load).
import load, * as wasm from "./loginradius_pin_reset.js";

let loading;
let loaded = false;

/**
 * Loads the WebAssembly module. Optional: sendResetPinOtp and resetPinWithOtp call it themselves. Call it (once) before
 * the synchronous validateResetPinWithOtp / buildResetPinWithOtpRequest where the module cannot
 * be loaded synchronously (browsers, workers). A failed load rejects with a LoginRadiusError of
 * kind "network" (so does resetPinWithOtp), and the next call tries again.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [moduleOrPath]
 */
export function init(moduleOrPath) {
  loading ??= load(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(
    () => {
      loaded = true;
    },
    (error) => {
      loading = undefined; // let a later call retry, e.g. after the network came back
      throw loadFailed(error);
    },
  );
  return loading;
}

/** A failed load of the .wasm (offline, 404, blocked by CSP...) as a LoginRadiusError, kind "network". */
function loadFailed(cause) {
  const detail = cause && typeof cause.message === "string" ? cause.message.slice(0, 200) : String(cause);
  const error = new Error(
    `Could not load the loginradius-pin-reset WebAssembly module (${detail}). ` +
      "Check the connection and that loginradius_pin_reset_bg.wasm is served next to the package's JavaScript, then try again.",
    { cause },
  );
  error.name = "LoginRadiusError";
  error.kind = "network";
  error.status = 0;
  error.issues = [];
  return error;
}

function notLoaded(fn) {
  const error = new Error(
    `loginradius-pin-reset is not loaded yet: call \`await init()\` once before ${fn}() ` +
      "(sendResetPinOtp and resetPinWithOtp load it by themselves; the synchronous functions cannot wait for it).",
  );
  error.name = "LoginRadiusError";
  error.kind = "validation";
  error.status = 0;
  error.issues = [{ field: "init", message: "await init() before calling " + fn + "()" }];
  return error;
}

export async function sendResetPinOtp(options) {
  await init();
  return wasm.sendResetPinOtp(options);
}

export function validateSendResetPinOtp(options) {
  if (!loaded) throw notLoaded("validateSendResetPinOtp");
  return wasm.validateSendResetPinOtp(options);
}

export function buildSendResetPinOtpRequest(options) {
  if (!loaded) throw notLoaded("buildSendResetPinOtpRequest");
  return wasm.buildSendResetPinOtpRequest(options);
}

export async function resetPinWithOtp(options) {
  await init();
  return wasm.resetPinWithOtp(options);
}

export function validateResetPinWithOtp(options) {
  if (!loaded) throw notLoaded("validateResetPinWithOtp");
  return wasm.validateResetPinWithOtp(options);
}

export function buildResetPinWithOtpRequest(options) {
  if (!loaded) throw notLoaded("buildResetPinWithOtpRequest");
  return wasm.buildResetPinWithOtpRequest(options);
}

export { isLoginRadiusError } from "./is-error.js";

// The wasm-pack convention: `import init, { resetPinWithOtp } from "loginradius-pin-reset"`.
export default init;
