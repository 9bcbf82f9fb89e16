/** The `{type}` path segment. The identifier kinds are what the live service serves (and the
 * default); the other four are the values LoginRadius's published spec lists. */
export type ResetPinPathType =
  | "email"
  | "phone"
  | "username"
  | "otp"
  | "backupcode"
  | "googleauthenticatorcode"
  | "authenticatorcode";

/** The captcha tokens, for a tenant with bot protection on; each is sent as its own query parameter. */
export interface CaptchaOptions {
  /** Query `g-recaptcha-response`. */
  gRecaptchaResponse?: string;
  /** Query `g_recaptcha_response` (the alias spelling). */
  gRecaptchaResponseAlt?: string;
  /** Query `h-captcha-response`. */
  hCaptchaResponse?: string;
  /** Query `qq_captcha_ticket`; give together with `qqCaptchaRandstr`. */
  qqCaptchaTicket?: string;
  /** Query `qq_captcha_randstr`; give together with `qqCaptchaTicket`. */
  qqCaptchaRandstr?: string;
}

/** Where and how every call connects. */
export interface ConnectionOptions {
  /** Your LoginRadius API key (a GUID). Public by design; sent as the `apikey` query parameter. */
  apiKey: string;
  /** Default `https://api.loginradius.com`. https, or http for loopback hosts only. */
  baseUrl?: string;
  /** Whole milliseconds, 1 to 600000. Default 15000. */
  timeoutMs?: number;
  /** Aborts the call; the promise then rejects with kind `"aborted"`. */
  signal?: AbortSignal;
  /**
   * A fetch-compatible function used instead of the global `fetch`. It is called as a standard
   * `fetch` is: `fetch(url, { method, headers, body, signal })`, with `headers` a `Headers`
   * object, `body` the JSON text and `signal` the package's own `AbortSignal`.
   */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** Options of `resetPinWithOtp` shared by every identifier kind. */
export interface ResetPinWithOtpCommonOptions extends ConnectionOptions, CaptchaOptions {
  /** The one-time password the user received: 1 to 32 ASCII letters or digits. */
  otp: string;
  /** The new PIN: 1 to 64 characters, no whitespace or control characters. */
  pin: string;
  /** Path segment; defaults to the identifier's kind. */
  type?: ResetPinPathType;
  /** Query `prevent_webhook`: suppress the tenant's webhooks for this call. */
  preventWebhook?: boolean;
  /** Header `X-PreventWebhook` (wins over `preventWebhook` on the server). */
  xPreventWebhook?: boolean;
}

/** Exactly one identifier: `email`, `phone` or `username`. */
export type ResetPinWithOtpOptions = ResetPinWithOtpCommonOptions &
  (
    | { email: string; phone?: never; username?: never }
    | { phone: string; email?: never; username?: never }
    | { username: string; email?: never; phone?: never }
  );

/**
 * Options of `resetPinWithToken`: the token of the forgot-PIN email's link and the new PIN. The
 * token names the user, so there is no identifier.
 */
export interface ResetPinWithTokenOptions extends ConnectionOptions, CaptchaOptions {
  /**
   * The token the email's link carried (`readResetToken(location)`): 1 to 512 printable ASCII
   * characters. A secret like the OTP: it travels in the request body only.
   */
  resetToken: string;
  /** The new PIN: 1 to 64 characters, no whitespace or control characters. */
  pin: string;
  /** Query `prevent_webhook`: suppress the tenant's webhooks for this call. */
  preventWebhook?: boolean;
  /** Header `X-PreventWebhook` (wins over `preventWebhook` on the server). */
  xPreventWebhook?: boolean;
}

/**
 * Options of `sendResetPinOtp`: exactly one identifier, and only the delivery options of its
 * kind: `smsTemplate` and `isVoiceOtp` with a phone; `emailTemplate` and `resetPinUrl` with an
 * email or a username (the code arrives in the tenant's forgot-PIN email, which may carry the
 * code, a link to `resetPinUrl`, or both, depending on the template).
 */
export type SendResetPinOtpOptions = ConnectionOptions &
  CaptchaOptions &
  (
    | {
        phone: string;
        /** Query `smstemplate`: the tenant's SMS template. */
        smsTemplate?: string;
        /** Query `isvoiceotp`: `true` for a voice call instead of an SMS. */
        isVoiceOtp?: boolean;
        email?: never;
        username?: never;
        emailTemplate?: never;
        resetPinUrl?: never;
      }
    | ({ email: string; phone?: never; username?: never } & EmailDeliveryOptions)
    | ({ username: string; email?: never; phone?: never } & EmailDeliveryOptions)
  );

/** How the forgot-PIN email is sent, for an email or a username. */
export interface EmailDeliveryOptions {
  /** Query `emailtemplate`: the tenant's forgot-PIN email template. */
  emailTemplate?: string;
  /**
   * Query `resetpinurl`: the page the email's link opens (https, or http for a loopback host);
   * LoginRadius adds the reset token as its `vtoken` query parameter, for `resetPinWithToken`.
   */
  resetPinUrl?: string;
  smsTemplate?: never;
  isVoiceOtp?: never;
}

/** What a successful send resolves with: LoginRadius's own body (`Data` for a phone). */
export interface SendResetPinOtpResult {
  IsPosted: true;
  /** The SMS or call's identifiers, for a phone. */
  Data?: { AccountSid: string; Sid: string };
}

/** What a successful reset resolves with: LoginRadius's own body. */
export interface ResetPinWithOtpResult {
  IsPosted: true;
}

/** What a successful reset by the link's token resolves with: LoginRadius's own body. */
export interface ResetPinWithTokenResult {
  IsPosted: true;
}

/** One problem with one field. */
export interface ValidationIssue {
  field: string;
  message: string;
}

/** The exact request `resetPinWithOtp` sends. */
export interface ResetPinWithOtpRequest {
  method: "PUT";
  url: string;
  headers: {
    "Content-Type": "application/json";
    Accept: "application/json";
    "X-PreventWebhook"?: "true" | "false";
  };
  /** The JSON body; it holds the PIN and the OTP, so never log it. */
  body: string;
}

/** The exact request `resetPinWithToken` sends. */
export interface ResetPinWithTokenRequest {
  method: "PUT";
  url: string;
  headers: {
    "Content-Type": "application/json";
    Accept: "application/json";
    "X-PreventWebhook"?: "true" | "false";
  };
  /** The JSON body, `{"ResetToken": …, "PIN": …}`: it holds both secrets, so never log it. */
  body: string;
}

/** The exact request `sendResetPinOtp` sends. */
export interface SendResetPinOtpRequest {
  method: "POST";
  url: string;
  headers: {
    "Content-Type": "application/json";
    Accept: "application/json";
  };
  /** The JSON body: the identifier alone. */
  body: string;
}

/** Any call's request. */
export type PreparedRequest = ResetPinWithOtpRequest | SendResetPinOtpRequest | ResetPinWithTokenRequest;

/** What went wrong. `"not_loaded"`: a synchronous function was called before `await init()`. */
export type LoginRadiusErrorKind =
  | "validation"
  | "api"
  | "network"
  | "timeout"
  | "aborted"
  | "invalid_response"
  | "load"
  | "not_loaded";

/** Every rejection of `init`, `sendResetPinOtp` and `resetPinWithOtp`, and every throw of the synchronous functions. */
export interface LoginRadiusError extends Error {
  name: "LoginRadiusError";
  kind: LoginRadiusErrorKind;
  /** The HTTP status; 0 when no response arrived. */
  status: number;
  /** LoginRadius's ErrorCode, when the server sent one. */
  errorCode?: number;
  /** The server's Description, when present. */
  description?: string;
  /** Validation problems, or the server's `Errors[]`; empty when none. */
  issues: ValidationIssue[];
  /** The server's `Data` (e.g. `{ LoginLockedTimeout }` on a lockout), when present. */
  data?: unknown;
  /** Seconds to wait, from a `Retry-After` header. */
  retryAfter?: number;
}
