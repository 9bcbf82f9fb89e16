// The LoginRadiusErrors that JavaScript makes itself: the module could not be loaded, or a
// synchronous function ran before it was. Kind "load" in both cases (Rust's ErrorKind::Load); the
// shape is the one the wasm module gives every other error.

const PREFIX = "Could not load the loginradius-pin-reset WebAssembly module: ";

/** `problem` says what went wrong and what to do, as one sentence after the common prefix. */
export function loadError(problem, cause) {
  return packageError(PREFIX + problem + ".", cause);
}

export function notLoadedError(fn) {
  return packageError(
    `loginradius-pin-reset is not loaded yet: call \`await init()\` once before ${fn}() ` +
      "(sendResetPinOtp and resetPinWithOtp load it by themselves; the synchronous functions cannot wait for it).",
  );
}

function packageError(message, cause) {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  error.name = "LoginRadiusError";
  error.kind = "load";
  error.status = 0;
  error.issues = [];
  return error;
}
