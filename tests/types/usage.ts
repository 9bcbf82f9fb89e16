// Correct use of the published types, in strict mode: this file must compile.
import {
  buildResetPinWithOtpRequest,
  buildResetPinWithTokenRequest,
  readResetToken,
  resetPinWithToken,
  validateResetPinWithToken,
  type ResetPinWithTokenOptions,
  type ResetPinWithTokenResult,
  buildSendResetPinOtpRequest,
  init,
  isLoginRadiusError,
  resetPinWithOtp,
  sendResetPinOtp,
  validateResetPinWithOtp,
  validateSendResetPinOtp,
  type LoginRadiusError,
  type PreparedRequest,
  type ResetPinWithOtpOptions,
  type ResetPinWithOtpResult,
  type SendResetPinOtpOptions,
  type SendResetPinOtpResult,
  type ValidationIssue,
} from "loginradius-pin-reset";

const apiKey = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";

export async function resetByPhone(controller: AbortController): Promise<string> {
  await init();
  const options: ResetPinWithOtpOptions = {
    apiKey,
    otp: "123456",
    pin: "7890",
    phone: "+919876543210",
    timeoutMs: 10_000,
    signal: controller.signal,
    preventWebhook: true,
  };
  try {
    const result: ResetPinWithOtpResult = await resetPinWithOtp(options);
    const posted: true = result.IsPosted;
    return posted ? "done" : "impossible";
  } catch (error: unknown) {
    if (!isLoginRadiusError(error)) throw error;
    return explain(error);
  }
}

// Narrowing on `kind` is exhaustive: adding a kind would make `never` fail to compile.
function explain(error: LoginRadiusError): string {
  switch (error.kind) {
    case "validation":
      return error.issues.map((i: ValidationIssue) => `${i.field}: ${i.message}`).join("\n");
    case "api":
      return `${error.status} ${error.errorCode ?? "-"} ${error.description ?? error.message}`;
    case "network":
    case "timeout":
    case "aborted":
    case "invalid_response":
    case "load":
    case "not_loaded":
      return error.message;
    default: {
      const unreachable: never = error.kind;
      return unreachable;
    }
  }
}

export function preview(): PreparedRequest {
  const issues: ValidationIssue[] = validateResetPinWithOtp({ anything: 1 });
  const request = buildResetPinWithOtpRequest({
    apiKey,
    otp: "123456",
    pin: "7890",
    username: "johndoe",
    type: "otp",
    xPreventWebhook: true,
    gRecaptchaResponse: "token",
    qqCaptchaTicket: "t",
    qqCaptchaRandstr: "r",
    baseUrl: "http://localhost:8080",
  });
  const method: "PUT" = request.method;
  const contentType: "application/json" = request.headers["Content-Type"];
  void issues, method, contentType;
  return request;
}

export const customFetch: ResetPinWithOtpOptions = {
  apiKey,
  otp: "1",
  pin: "1",
  email: "a@example.com",
  fetch: (input, init) => fetch(input, init),
};

// The step before the reset: each identifier with the delivery options of its kind.
export async function sendByPhone(controller: AbortController): Promise<string | undefined> {
  const options: SendResetPinOtpOptions = {
    apiKey,
    phone: "+919876543210",
    smsTemplate: "pin-sms",
    isVoiceOtp: true,
    gRecaptchaResponse: "token",
    timeoutMs: 10_000,
    signal: controller.signal,
  };
  const result: SendResetPinOtpResult = await sendResetPinOtp(options);
  const posted: true = result.IsPosted;
  void posted;
  // Data is there for a phone only, so it is optional.
  const sid: string | undefined = result.Data?.Sid;
  const accountSid: string | undefined = result.Data?.AccountSid;
  void accountSid;
  return sid;
}

export async function sendByEmailThenReset(otp: string): Promise<ResetPinWithOtpResult> {
  await sendResetPinOtp({
    apiKey,
    email: "ada@example.com",
    emailTemplate: "forgot-pin",
    resetPinUrl: "https://app.example.com/reset-pin",
    qqCaptchaTicket: "t",
    qqCaptchaRandstr: "r",
    baseUrl: "http://127.0.0.1:8080",
  });
  return resetPinWithOtp({ apiKey, email: "ada@example.com", otp, pin: "7890" });
}

export function previewSend(): PreparedRequest {
  const issues: ValidationIssue[] = validateSendResetPinOtp({ anything: 1 });
  const byUsername: SendResetPinOtpOptions = { apiKey, username: "johndoe", emailTemplate: "forgot-pin" };
  const request = buildSendResetPinOtpRequest(byUsername);
  const method: "POST" = request.method;
  void issues, method;
  return buildSendResetPinOtpRequest({
    apiKey,
    username: "johndoe",
    fetch: (input, init) => fetch(input, init),
  });
}

/** The landing page of the email's link: the token from the address, the new PIN from the form. */
export async function landingPage(pin: string): Promise<string> {
  const resetToken: string | null = readResetToken(window.location);
  if (resetToken === null) return "no link";
  const options: ResetPinWithTokenOptions = { apiKey, resetToken, pin, xPreventWebhook: true };
  const issues: ValidationIssue[] = validateResetPinWithToken(options);
  const request: PreparedRequest = buildResetPinWithTokenRequest(options);
  const method: "PUT" = buildResetPinWithTokenRequest(options).method;
  const result: ResetPinWithTokenResult = await resetPinWithToken(options);
  return `${issues.length} ${request.url} ${method} ${result.IsPosted}`;
}

export const fromUrl: string | null = readResetToken(new URL("https://app.example/pin?vtoken=t"));
