// Entry point for Node (CommonJS require, and ESM import through node.mjs). The module is
// compiled synchronously from the file on first require, so no init() is ever needed here.
"use strict";
const wasm = require("./node/loginradius_pin_reset.js");

module.exports = {
  init: () => Promise.resolve(),
  resetPinWithOtp: (options) => wasm.resetPinWithOtp(options),
  validateResetPinWithOtp: wasm.validateResetPinWithOtp,
  buildResetPinWithOtpRequest: wasm.buildResetPinWithOtpRequest,
  isLoginRadiusError,
};

/** In JavaScript, as in index.js: a few property reads need no wasm (and it keeps the module smaller). */
function isLoginRadiusError(value) {
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
