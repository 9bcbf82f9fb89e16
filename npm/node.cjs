// Entry point for Node (CommonJS require, and ESM import through node.mjs). The module is
// compiled synchronously from the bytes node/lib.cjs carries, on first require, so no init() is
// ever needed here. scripts/build.sh bundles npm/node-lib.js into node/lib.cjs.
"use strict";
const wasm = require("./node/lib.cjs");

const init = () => Promise.resolve();

module.exports = {
  init,
  sendResetPinOtp: (options) => wasm.sendResetPinOtp(options),
  validateSendResetPinOtp: wasm.validateSendResetPinOtp,
  buildSendResetPinOtpRequest: wasm.buildSendResetPinOtpRequest,
  resetPinWithOtp: (options) => wasm.resetPinWithOtp(options),
  validateResetPinWithOtp: wasm.validateResetPinWithOtp,
  buildResetPinWithOtpRequest: wasm.buildResetPinWithOtpRequest,
  resetPinWithToken: (options) => wasm.resetPinWithToken(options),
  validateResetPinWithToken: wasm.validateResetPinWithToken,
  buildResetPinWithTokenRequest: wasm.buildResetPinWithTokenRequest,
  isLoginRadiusError: wasm.isLoginRadiusError,
  readResetToken: wasm.readResetToken,
  // The wasm-pack convention, for code written against the browser entry's default export.
  default: init,
};
