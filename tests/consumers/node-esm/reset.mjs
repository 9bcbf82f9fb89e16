// Node ESM: `import` resolves to the package's node.mjs. The synchronous functions work with no
// init(); then a real reset against the server given in argv[2] (JSON: baseUrl, apiKey, username,
// otp, pin). Prints one JSON line for the test.
import {
  buildResetPinWithOtpRequest,
  init,
  isLoginRadiusError,
  resetPinWithOtp,
  validateResetPinWithOtp,
} from "loginradius-pin-reset";

const params = JSON.parse(process.argv[2]);
const options = { ...params };
const out = {
  entry: import.meta.resolve("loginradius-pin-reset"),
  validate: validateResetPinWithOtp(options),
  invalid: validateResetPinWithOtp({ ...options, pin: "" }).map((issue) => issue.field),
  request: buildResetPinWithOtpRequest(options).method,
};
try {
  buildResetPinWithOtpRequest({ ...options, otp: "" });
} catch (error) {
  out.buildError = isLoginRadiusError(error) ? error.kind : String(error);
}
out.result = await resetPinWithOtp(options);
try {
  await resetPinWithOtp(options);
} catch (error) {
  out.reuse = isLoginRadiusError(error)
    ? { kind: error.kind, status: error.status, errorCode: error.errorCode }
    : String(error);
}
await init(); // accepted (a no-op in Node)
console.log(JSON.stringify(out));
