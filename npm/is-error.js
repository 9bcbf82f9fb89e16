// isLoginRadiusError, shared by the browser entry (bundled into index.js) and the Node entry
// (bundled into node/lib.cjs by scripts/build.sh). Plain JavaScript: it needs no wasm,
// so it works before init(). The kinds are Rust's ErrorKind (src/error.rs); tests/error_kinds.rs
// checks that this list and the TypeScript type name exactly those.

/** Every `kind` a LoginRadiusError can have. */
export const ERROR_KINDS = ["validation", "api", "network", "timeout", "aborted", "invalid_response", "load"];

/** Whether `value` is a LoginRadiusError; works across bundle copies, unlike `instanceof`. */
export function isLoginRadiusError(value) {
  try {
    return (
      typeof value === "object" &&
      value !== null &&
      value.name === "LoginRadiusError" &&
      ERROR_KINDS.includes(value.kind)
    );
  } catch {
    return false; // a Proxy whose traps throw is not our error
  }
}
