// A reset from the server: the test posts the parameters, the endpoint resets the PIN with the
// package's Node build and answers what the server answered.
import { json } from "@sveltejs/kit";
import { resetPinWithOtp } from "loginradius-pin-reset";

export async function POST({ request }) {
  const { baseUrl, apiKey, username, otp, pin } = await request.json();
  return json(await resetPinWithOtp({ baseUrl, apiKey, username, otp, pin }));
}
