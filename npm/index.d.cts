// Types for CommonJS `require("loginradius-pin-reset")` (TypeScript's node16/nodenext resolution
// in a CommonJS file): the same API as index.d.ts, declared in CommonJS form.
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
} from "./types.cjs";

export type * from "./types.cjs";

/** What `init` accepts: a URL or path of the `.wasm`, its bytes, a Response, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Accepted for symmetry with the browser entry; in Node the module is loaded on require. */
export declare function init(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;

/**
 * Asks LoginRadius to send the user a code for `resetPinWithOtp`: by SMS (or a voice call) to a
 * phone, or in the tenant's forgot-PIN email for an email or a username. Rejects with a
 * `LoginRadiusError`.
 */
export declare function sendResetPinOtp(options: SendResetPinOtpOptions): Promise<SendResetPinOtpResult>;

/** Checks options by the same rules as `sendResetPinOtp`; `[]` when they are valid. */
export declare function validateSendResetPinOtp(options: unknown): ValidationIssue[];

/** The exact request `sendResetPinOtp` would send; throws a `LoginRadiusError` (kind "validation"). */
export declare function buildSendResetPinOtpRequest(options: SendResetPinOtpOptions): SendResetPinOtpRequest;

/** Resets a user's PIN with a one-time password. Rejects with a `LoginRadiusError`. */
export declare function resetPinWithOtp(options: ResetPinWithOtpOptions): Promise<ResetPinWithOtpResult>;

/** Checks options by the same rules as `resetPinWithOtp`; `[]` when they are valid. */
export declare function validateResetPinWithOtp(options: unknown): ValidationIssue[];

/** The exact request `resetPinWithOtp` would send; throws a `LoginRadiusError` (kind "validation"). */
export declare function buildResetPinWithOtpRequest(options: ResetPinWithOtpOptions): ResetPinWithOtpRequest;

/**
 * Resets a user's PIN with the token of the forgot-PIN email's link (`readResetToken(location)`
 * on the page the link opens). Rejects with a `LoginRadiusError`.
 */
export declare function resetPinWithToken(options: ResetPinWithTokenOptions): Promise<ResetPinWithTokenResult>;

/** Checks options by the same rules as `resetPinWithToken`; `[]` when they are valid. */
export declare function validateResetPinWithToken(options: unknown): ValidationIssue[];

/** The exact request `resetPinWithToken` would send; throws a `LoginRadiusError` (kind "validation"). */
export declare function buildResetPinWithTokenRequest(options: ResetPinWithTokenOptions): ResetPinWithTokenRequest;

/** Whether `value` is a `LoginRadiusError`; works across bundle copies, unlike `instanceof`. */
export declare function isLoginRadiusError(value: unknown): value is LoginRadiusError;

/**
 * The reset token the forgot-PIN email's link carried (its `vtoken` query parameter), from
 * `location` (or a URL, or anything with a string `href`) or a URL string; `null` when there is
 * none. For the page the link opens: `resetPinWithToken({ apiKey, resetToken, pin })`.
 */
export declare function readResetToken(locationOrUrl: string | { readonly href: string }): string | null;

/** The wasm-pack convention: `import init, { resetPinWithOtp } from "loginradius-pin-reset"`. */
export default init;
