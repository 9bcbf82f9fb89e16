// Each line below is a mistake the published types must reject: `@ts-expect-error` makes tsc
// fail if any of them compiles.
import {
  buildResetPinWithOtpRequest,
  buildResetPinWithTokenRequest,
  readResetToken,
  resetPinWithToken,
  buildSendResetPinOtpRequest,
  resetPinWithOtp,
  sendResetPinOtp,
  type LoginRadiusError,
  type ResetPinWithOtpOptions,
  type SendResetPinOtpOptions,
  type SendResetPinOtpResult,
} from "loginradius-pin-reset";

const apiKey = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";

export async function mistakes(error: LoginRadiusError): Promise<void> {
  // @ts-expect-error no identifier
  await resetPinWithOtp({ apiKey, otp: "1", pin: "1" });
  // @ts-expect-error two identifiers
  await resetPinWithOtp({ apiKey, otp: "1", pin: "1", email: "a@b.co", phone: "+15551234567" });
  // @ts-expect-error a typo in an option name
  await resetPinWithOtp({ apiKey, otp: "1", pin: "1", phoneNumber: "+15551234567" });
  // @ts-expect-error the PIN as a number
  await resetPinWithOtp({ apiKey, otp: "1", pin: 7890, username: "johndoe" });
  // @ts-expect-error a type the API does not know
  await resetPinWithOtp({ apiKey, otp: "1", pin: "1", username: "johndoe", type: "sms" });
  // @ts-expect-error preventWebhook is a boolean, not a string
  await resetPinWithOtp({ apiKey, otp: "1", pin: "1", username: "johndoe", preventWebhook: "true" });
  // @ts-expect-error apiKey is required
  await resetPinWithOtp({ otp: "1", pin: "1", username: "johndoe" });
  // @ts-expect-error the result is not a string
  const s: string = await resetPinWithOtp({ apiKey, otp: "1", pin: "1", username: "johndoe" });
  // @ts-expect-error kinds are a closed set
  const k: typeof error.kind = "unknown";
  // @ts-expect-error the request method is always PUT
  const m: "POST" = buildResetPinWithOtpRequest({ apiKey, otp: "1", pin: "1", username: "x" }).method;
  // @ts-expect-error options are an object
  buildResetPinWithOtpRequest("apiKey=...");
  // @ts-expect-error signal must be an AbortSignal
  const o: ResetPinWithOtpOptions = { apiKey, otp: "1", pin: "1", username: "x", signal: true };
  void s, k, m, o;
}

export async function sendMistakes(result: SendResetPinOtpResult): Promise<void> {
  // @ts-expect-error smsTemplate is for a phone, not an email
  await sendResetPinOtp({ apiKey, email: "a@b.co", smsTemplate: "pin-sms" });
  // @ts-expect-error isVoiceOtp is for a phone, not an email
  await sendResetPinOtp({ apiKey, email: "a@b.co", isVoiceOtp: true });
  // @ts-expect-error isVoiceOtp is for a phone, not a username
  await sendResetPinOtp({ apiKey, username: "johndoe", isVoiceOtp: false });
  // @ts-expect-error emailTemplate is for an email or a username, not a phone
  await sendResetPinOtp({ apiKey, phone: "+15551234567", emailTemplate: "forgot-pin" });
  // @ts-expect-error resetPinUrl is for an email or a username, not a phone
  buildSendResetPinOtpRequest({ apiKey, phone: "+15551234567", resetPinUrl: "https://example.com/r" });
  // @ts-expect-error two identifiers
  await sendResetPinOtp({ apiKey, email: "a@b.co", phone: "+15551234567" });
  // @ts-expect-error no identifier
  await sendResetPinOtp({ apiKey });
  // @ts-expect-error the OTP belongs to resetPinWithOtp
  await sendResetPinOtp({ apiKey, phone: "+15551234567", otp: "123456" });
  // @ts-expect-error the PIN belongs to resetPinWithOtp
  await sendResetPinOtp({ apiKey, email: "a@b.co", pin: "7890" });
  // @ts-expect-error isVoiceOtp is a boolean, not a string
  await sendResetPinOtp({ apiKey, phone: "+15551234567", isVoiceOtp: "true" });
  // @ts-expect-error apiKey is required
  await sendResetPinOtp({ phone: "+15551234567" });
  // @ts-expect-error Data may be absent (an email or a username gets none)
  const sid: string = result.Data.Sid;
  // @ts-expect-error the send's options are not the reset's
  const o: ResetPinWithOtpOptions = { apiKey, phone: "+15551234567" } satisfies SendResetPinOtpOptions;
  void sid, o;
}

export async function tokenMistakes(location: Location): Promise<void> {
  const resetToken = readResetToken(location);
  // @ts-expect-error readResetToken may give null: check it before the call
  await resetPinWithToken({ apiKey, resetToken, pin: "7890" });
  if (resetToken === null) return;
  // @ts-expect-error a call without resetToken
  await resetPinWithToken({ apiKey, pin: "7890" });
  // @ts-expect-error a call without pin
  await resetPinWithToken({ apiKey, resetToken });
  // @ts-expect-error apiKey is required
  await resetPinWithToken({ resetToken, pin: "7890" });
  // @ts-expect-error the token names the user: no identifier
  await resetPinWithToken({ apiKey, resetToken, pin: "7890", email: "a@b.co" });
  // @ts-expect-error the OTP belongs to resetPinWithOtp
  buildResetPinWithTokenRequest({ apiKey, resetToken, pin: "7890", otp: "123456" });
  // @ts-expect-error the token is a string
  await resetPinWithToken({ apiKey, resetToken: 42, pin: "7890" });
  // @ts-expect-error readResetToken takes a location, a URL or a string
  readResetToken(42);
  // @ts-expect-error the token may be null
  const token: string = readResetToken("https://app.example/pin");
  void token;
}
