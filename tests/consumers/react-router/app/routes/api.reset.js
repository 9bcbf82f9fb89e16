// A server use: an action. POST { baseUrl, apiKey, username, otp, pin } resets the PIN from the
// server (the package's Node build) and answers with the API's result.
import { isLoginRadiusError, resetPinWithOtp } from "loginradius-pin-reset";

export async function action({ request }) {
  const { baseUrl, apiKey, username, otp, pin } = await request.json();
  try {
    const result = await resetPinWithOtp({ baseUrl, apiKey, username, otp, pin });
    return Response.json(result);
  } catch (error) {
    if (!isLoginRadiusError(error)) throw error;
    const { kind, status, errorCode } = error;
    return Response.json({ kind, status, errorCode }, { status: 502 });
  }
}
