// A reset from the server: the test posts the parameters, the endpoint resets the PIN with the
// package's Node build and answers what the server answered; a typed error answers 502 with its
// kind, status and errorCode, as every consumer app's endpoint does.
import { json } from "@sveltejs/kit";
import { isLoginRadiusError, resetPinWithOtp } from "loginradius-pin-reset";

export async function POST({ request }) {
  const { baseUrl, apiKey, username, otp, pin } = await request.json();
  try {
    return json(await resetPinWithOtp({ baseUrl, apiKey, username, otp, pin }));
  } catch (error) {
    if (!isLoginRadiusError(error)) throw error;
    const { kind, status, errorCode } = error;
    return json({ kind, status, errorCode }, { status: 502 });
  }
}
