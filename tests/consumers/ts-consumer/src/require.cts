// CommonJS under node16 resolution: `require` picks the package's `require` types (index.d.cts).
import lib = require("loginradius-pin-reset");

async function reset(): Promise<boolean> {
  try {
    const result: lib.ResetPinWithOtpResult = await lib.resetPinWithOtp({
      apiKey: "k",
      email: "a@b.c",
      otp: "1",
      pin: "2",
    });
    return result.IsPosted;
  } catch (error: unknown) {
    if (lib.isLoginRadiusError(error)) return error.kind === "network";
    throw error;
  }
}

void reset();
