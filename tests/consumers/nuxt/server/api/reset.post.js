// A reset from the server: Nitro bundles or copies the package's Node build. The test posts the
// scenario's parameters (the mock's URL among them) and then checks the PIN on the mock. A typed
// error answers 502 with its kind, status and errorCode, as every consumer app's endpoint does.
import { isLoginRadiusError, resetPinWithOtp } from "loginradius-pin-reset";

export default defineEventHandler(async (event) => {
  try {
    return await resetPinWithOtp(await readBody(event));
  } catch (error) {
    if (!isLoginRadiusError(error)) throw error;
    const { kind, status, errorCode } = error;
    setResponseStatus(event, 502);
    return { kind, status, errorCode };
  }
});
