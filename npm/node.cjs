// Entry point for Node (CommonJS require, and ESM import through node.mjs). The module is
// compiled synchronously from the file on first require, so no init() is ever needed here.
"use strict";
const wasm = require("./node/loginradius_pin_reset.js");

module.exports = {
  init: () => Promise.resolve(),
  resetPinWithOtp: (options) => wasm.resetPinWithOtp(options),
  validateResetPinWithOtp: wasm.validateResetPinWithOtp,
  buildResetPinWithOtpRequest: wasm.buildResetPinWithOtpRequest,
  isLoginRadiusError: wasm.isLoginRadiusError,
};
