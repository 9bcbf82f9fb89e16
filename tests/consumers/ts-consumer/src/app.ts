// A strict TypeScript consumer of the published types, resolved through the installed package's
// `exports` (no `paths`): every option typed, the result typed, errors narrowed and `kind`
// switched on exhaustively.
import {
  buildResetPinWithOtpRequest,
  init,
  isLoginRadiusError,
  resetPinWithOtp,
  validateResetPinWithOtp,
  type LoginRadiusError,
  type LoginRadiusErrorKind,
  type PreparedRequest,
  type ResetPinWithOtpOptions,
  type ResetPinWithOtpResult,
  type ValidationIssue,
} from "loginradius-pin-reset";

/** One message per kind; the `never` default breaks the build if a kind is ever added. */
export function describeError(error: LoginRadiusError): string {
  switch (error.kind) {
    case "validation":
      return error.issues.map((issue: ValidationIssue) => `${issue.field} ${issue.message}`).join("; ");
    case "api":
      return `LoginRadius said ${error.status} (${error.errorCode ?? "no code"}): ${error.description ?? error.message}`;
    case "network":
      return "Could not reach LoginRadius; check the connection.";
    case "timeout":
      return "LoginRadius did not answer in time.";
    case "aborted":
      return "Cancelled.";
    case "invalid_response":
      return `Unexpected answer (status ${error.status}).`;
    case "load":
      return `The PIN reset could not start: ${error.message}`;
    case "not_loaded":
      return "Call init() first.";
    default: {
      const unreachable: never = error.kind;
      return unreachable;
    }
  }
}

export async function resetPin(
  username: string,
  otp: string,
  pin: string,
  signal?: AbortSignal,
): Promise<string> {
  const options: ResetPinWithOtpOptions = {
    apiKey: "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",
    username,
    otp,
    pin,
    timeoutMs: 10_000,
    ...(signal ? { signal } : {}),
  };
  await init(); // optional preload; needed in browsers before the synchronous functions
  const issues: ValidationIssue[] = validateResetPinWithOtp(options);
  if (issues.length > 0) return issues.map((issue) => issue.message).join("\n");
  const request: PreparedRequest = buildResetPinWithOtpRequest(options);
  const method: "PUT" = request.method;
  try {
    const result: ResetPinWithOtpResult = await resetPinWithOtp(options);
    const posted: true = result.IsPosted;
    return `${method} ${String(posted)}`;
  } catch (error: unknown) {
    if (isLoginRadiusError(error)) {
      const kind: LoginRadiusErrorKind = error.kind;
      const seconds: number | undefined = error.retryAfter;
      return `${kind} ${seconds ?? 0} ${describeError(error)}`;
    }
    throw error;
  }
}
