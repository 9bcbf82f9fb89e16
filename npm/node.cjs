// Entry point for Node (CommonJS require, and ESM import through node.mjs). The module is
// compiled synchronously from the file on first require, so no init() is ever needed here.
// scripts/build.sh bundles the wasm-bindgen glue and is-error.js into node/lib.cjs.
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
  isLoginRadiusError: wasm.isLoginRadiusError,
  // The wasm-pack convention, for code written against the browser entry's default export.
  default: init,
};
