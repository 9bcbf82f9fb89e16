// A route handler resetting the PIN from the server: POST the options as JSON.
import { isLoginRadiusError, resetPinWithOtp } from "loginradius-pin-reset";

export async function POST(request) {
  try {
    return Response.json(await resetPinWithOtp(await request.json()));
  } catch (error) {
    if (!isLoginRadiusError(error)) throw error;
    const { kind, status, errorCode } = error;
    return Response.json({ kind, status, errorCode }, { status: 502 });
  }
}
