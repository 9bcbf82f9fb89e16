// The Node build's library, bundled by scripts/build.sh into node/lib.cjs (CommonJS, minified):
// the same wasm-bindgen glue as the browser's, instantiated synchronously on require from the
// module's bytes, which it carries. Nothing is read from the disk, so a server bundler (Next.js,
// Nitro, esbuild --platform=node) that moves or inlines the package cannot lose the module.
import { initSync } from "./loginradius_pin_reset.js";
import base64 from "./wasm-bytes-node.js"; // written by scripts/build.sh

initSync({ module: Buffer.from(base64, "base64") });

export {
  sendResetPinOtp,
  validateSendResetPinOtp,
  buildSendResetPinOtpRequest,
  resetPinWithOtp,
  validateResetPinWithOtp,
  buildResetPinWithOtpRequest,
  resetPinWithToken,
  validateResetPinWithToken,
  buildResetPinWithTokenRequest,
} from "./loginradius_pin_reset.js";
export { isLoginRadiusError } from "./is-error.js";
export { readResetToken } from "./reset-token.js";
