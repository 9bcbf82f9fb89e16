import type {
  LoginRadiusError,
  ResetPinWithOtpRequest,
  SendResetPinOtpRequest,
  ResetPinWithOtpOptions,
  ResetPinWithOtpResult,
  ResetPinWithTokenOptions,
  ResetPinWithTokenRequest,
  ResetPinWithTokenResult,
  SendResetPinOtpOptions,
  SendResetPinOtpResult,
  ValidationIssue,
} from "./types.js";

export type * from "./types.js";

/** What `init` accepts: a URL or path of the `.wasm`, its bytes, a Response, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module. `resetPinWithOtp` calls it itself; call it once before the
 * synchronous functions in browsers and workers. In Node the module is loaded on import.
 */
export function init(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;

/**
 * Asks LoginRadius to send the user a code for `resetPinWithOtp`: by SMS (or a voice call) to a
 * phone, or in the tenant's forgot-PIN email for an email or a username. Rejects with a
 * `LoginRadiusError`.
 */
export function sendResetPinOtp(options: SendResetPinOtpOptions): Promise<SendResetPinOtpResult>;

/** Checks options by the same rules as `sendResetPinOtp`; `[]` when they are valid. */
export function validateSendResetPinOtp(options: unknown): ValidationIssue[];

/** The exact request `sendResetPinOtp` would send; throws a `LoginRadiusError` (kind "validation"). */
export function buildSendResetPinOtpRequest(options: SendResetPinOtpOptions): SendResetPinOtpRequest;

/** Resets a user's PIN with a one-time password. Rejects with a `LoginRadiusError`. */
export function resetPinWithOtp(options: ResetPinWithOtpOptions): Promise<ResetPinWithOtpResult>;

/** Checks options by the same rules as `resetPinWithOtp`; `[]` when they are valid. */
export function validateResetPinWithOtp(options: unknown): ValidationIssue[];

/** The exact request `resetPinWithOtp` would send; throws a `LoginRadiusError` (kind "validation"). */
export function buildResetPinWithOtpRequest(options: ResetPinWithOtpOptions): ResetPinWithOtpRequest;

/**
 * Resets a user's PIN with the token of the forgot-PIN email's link (`readResetToken(location)`
 * on the page the link opens). Rejects with a `LoginRadiusError`.
 */
export function resetPinWithToken(options: ResetPinWithTokenOptions): Promise<ResetPinWithTokenResult>;

/** Checks options by the same rules as `resetPinWithToken`; `[]` when they are valid. */
export function validateResetPinWithToken(options: unknown): ValidationIssue[];

/** The exact request `resetPinWithToken` would send; throws a `LoginRadiusError` (kind "validation"). */
export function buildResetPinWithTokenRequest(options: ResetPinWithTokenOptions): ResetPinWithTokenRequest;

/** Whether `value` is a `LoginRadiusError`; works across bundle copies, unlike `instanceof`. */
export function isLoginRadiusError(value: unknown): value is LoginRadiusError;

/**
 * The reset token the forgot-PIN email's link carried (its `vtoken` query parameter), from
 * `location` (or a URL, or anything with a string `href`) or a URL string; `null` when there is
 * none. For the page the link opens: `resetPinWithToken({ apiKey, resetToken, pin })`.
 */
export function readResetToken(locationOrUrl: string | { readonly href: string }): string | null;

/** The wasm-pack convention: `import init, { resetPinWithOtp } from "loginradius-pin-reset"`. */
export default init;
