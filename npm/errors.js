// The LoginRadiusErrors that JavaScript makes itself: the module could not be loaded (kind
// "load"), or a synchronous function ran before it was (kind "not_loaded"); Rust's ErrorKind
// lists both. The shape is the one the wasm module gives every other error.
import { ERROR_NAME } from "./is-error.js";

const PREFIX = "Could not load the loginradius-pin-reset WebAssembly module: ";

/** `problem` says what went wrong and what to do, as one sentence after the common prefix. */
export function loadError(problem, cause) {
  return packageError("load", PREFIX + problem + ".", cause);
}

export function notLoadedError(fn) {
  return packageError(
    "not_loaded",
    `loginradius-pin-reset is not loaded yet: call \`await init()\` once before ${fn}() ` +
      "(sendResetPinOtp and resetPinWithOtp load it by themselves; the synchronous functions cannot wait for it).",
  );
}

function packageError(kind, message, cause) {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = ERROR_NAME;
  error.kind = kind;
  error.status = 0;
  error.issues = [];
  return error;
}
