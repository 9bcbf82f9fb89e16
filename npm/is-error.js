// isLoginRadiusError, shared by the browser entry (bundled into index.js) and the Node entry
// (bundled into node/lib.cjs by scripts/build.sh). Plain JavaScript: it needs no wasm,
// so it works before init(). The name and the kinds are Rust's (ERROR_NAME and ErrorKind in
// src/error.rs); tests/declared.rs checks that these and the TypeScript types say exactly those.

/** The `name` of every LoginRadiusError. */
export const ERROR_NAME = "LoginRadiusError";

/** Every `kind` a LoginRadiusError can have. */
export const ERROR_KINDS = ["validation", "api", "network", "timeout", "aborted", "invalid_response", "load", "not_loaded"];

/** Whether `value` is a LoginRadiusError; works across bundle copies, unlike `instanceof`. */
export function isLoginRadiusError(value) {
  try {
    return (
      typeof value === "object" &&
      value !== null &&
      value.name === ERROR_NAME &&
      ERROR_KINDS.includes(value.kind)
    );
  } catch {
    return false; // a Proxy whose traps throw is not our error
  }
}
