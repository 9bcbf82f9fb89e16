// A reset from the server: Nitro bundles or copies the package's Node build. The test posts the
// scenario's parameters (the mock's URL among them) and then checks the PIN on the mock.
import { resetPinWithOtp } from "loginradius-pin-reset";

export default defineEventHandler(async (event) => resetPinWithOtp(await readBody(event)));
