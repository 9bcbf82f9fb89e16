// Node CommonJS: `require` resolves to the package's node.cjs. The synchronous functions work with
// no init(); then a real reset against the server given in argv[2] (JSON: baseUrl, apiKey,
// username, otp, pin). Prints one JSON line for the test.
"use strict";
const {
  buildResetPinWithOtpRequest,
  init,
  isLoginRadiusError,
  resetPinWithOtp,
  validateResetPinWithOtp,
} = require("loginradius-pin-reset");

async function main() {
  const options = JSON.parse(process.argv[2]);
  const out = {
    entry: require.resolve("loginradius-pin-reset"),
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
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
