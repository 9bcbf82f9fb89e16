// Entry point for browsers and bundlers (Vite, webpack, plain <script type="module">).
// Importing touches no browser global; the wasm module loads on the first call, or on init().
import load, * as wasm from "./loginradius_pin_reset.js";

let loading;
let loaded = false;

/**
 * Loads the WebAssembly module. Optional: resetPinWithOtp calls it itself. Call it (once) before
 * the synchronous validateResetPinWithOtp / buildResetPinWithOtpRequest where the module cannot
 * be loaded synchronously (browsers, workers).
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [moduleOrPath]
 */
export function init(moduleOrPath) {
  loading ??= load(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath }).then(
    () => {
      loaded = true;
    },
    (error) => {
      loading = undefined; // let a later call retry, e.g. after the network came back
      throw error;
    },
  );
  return loading;
}

function notLoaded(fn) {
  const error = new Error(
    `loginradius-pin-reset is not loaded yet: call \`await init()\` once before ${fn}() ` +
      "(resetPinWithOtp loads it by itself; the synchronous functions cannot wait for it).",
  );
  error.name = "LoginRadiusError";
  error.kind = "validation";
  error.status = 0;
  error.issues = [{ field: "init", message: "await init() before calling " + fn + "()" }];
  return error;
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

/** Works before init(): it needs no wasm to answer. */
export function isLoginRadiusError(value) {
  const kinds = ["validation", "api", "network", "timeout", "aborted", "invalid_response"];
  try {
    return (
      typeof value === "object" &&
      value !== null &&
      value.name === "LoginRadiusError" &&
      kinds.includes(value.kind)
    );
  } catch {
    return false; // a Proxy whose traps throw is not our error
  }
}
