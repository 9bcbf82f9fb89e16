// A server component that validates the options of its query string during the server render.
import { validateResetPinWithOtp } from "loginradius-pin-reset";

export default async function Validate({ searchParams }) {
  const options = { ...(await searchParams) };
  return <pre id="issues">{JSON.stringify(validateResetPinWithOtp(options))}</pre>;
}
