// Entry point for browsers and bundlers (Vite, webpack, esbuild, Rollup, Angular, plain
// <script type="module">...). Importing touches no browser global; the wasm module loads on the
// first call, or on init() (see load.js for where its bytes come from).
// The wasm-bindgen glue; scripts/build.sh bundles it into the published index.js (one file to load).
import * as wasm from "./loginradius_pin_reset.js";
import { loadModule } from "./load.js";
import { notLoadedError as notLoaded } from "./errors.js";

let loading;
let loaded = false;

/**
 * Loads the WebAssembly module. Optional: the async calls call it themselves. Call it (once) before
 * the synchronous validate and build functions where the module cannot be loaded synchronously
 * (browsers, workers). A failed load rejects with a LoginRadiusError of kind "load" whose message
 * names the cause and the fix, and the next call tries again.
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [moduleOrPath]
 */
export function init(moduleOrPath) {
  loading ??= loadModule(moduleOrPath).then(
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

export async function resetPinWithToken(options) {
  await init();
  return wasm.resetPinWithToken(options);
}

export function validateResetPinWithToken(options) {
  if (!loaded) throw notLoaded("validateResetPinWithToken");
  return wasm.validateResetPinWithToken(options);
}

export function buildResetPinWithTokenRequest(options) {
  if (!loaded) throw notLoaded("buildResetPinWithTokenRequest");
  return wasm.buildResetPinWithTokenRequest(options);
}

export { isLoginRadiusError } from "./is-error.js";
export { readResetToken } from "./reset-token.js";

// The wasm-pack convention: `import init, { resetPinWithOtp } from "loginradius-pin-reset"`.
export default init;
