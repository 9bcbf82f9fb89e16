// Node ESM entry: the same instance as the CommonJS one, so errors and state are shared.
import lib from "./node.cjs";

export const {
  init,
  sendResetPinOtp,
  validateSendResetPinOtp,
  buildSendResetPinOtpRequest,
  resetPinWithOtp,
  validateResetPinWithOtp,
  buildResetPinWithOtpRequest,
  resetPinWithToken,
  validateResetPinWithToken,
  buildResetPinWithTokenRequest,
  isLoginRadiusError,
  readResetToken,
} = lib;

// The wasm-pack convention: `import init, { resetPinWithOtp } from "loginradius-pin-reset"`.
export default init;
