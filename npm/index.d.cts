// Types for CommonJS `require("loginradius-pin-reset")` (TypeScript's node16/nodenext resolution
// in a CommonJS file): the same API as index.d.ts, declared in CommonJS form.
import type {
  LoginRadiusError,
  PreparedRequest,
  ResetPinWithOtpOptions,
  ResetPinWithOtpResult,
  ValidationIssue,
} from "./types.cjs";

export type * from "./types.cjs";

/** What `init` accepts: a URL or path of the `.wasm`, its bytes, a Response, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Accepted for symmetry with the browser entry; in Node the module is loaded on require. */
export declare function init(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;

/** Resets a user's PIN with a one-time password. Rejects with a `LoginRadiusError`. */
export declare function resetPinWithOtp(options: ResetPinWithOtpOptions): Promise<ResetPinWithOtpResult>;

/** Checks options by the same rules as `resetPinWithOtp`; `[]` when they are valid. */
export declare function validateResetPinWithOtp(options: unknown): ValidationIssue[];

/** The exact request `resetPinWithOtp` would send; throws a `LoginRadiusError` (kind "validation"). */
export declare function buildResetPinWithOtpRequest(options: ResetPinWithOtpOptions): PreparedRequest;

/** Whether `value` is a `LoginRadiusError`; works across bundle copies, unlike `instanceof`. */
export declare function isLoginRadiusError(value: unknown): value is LoginRadiusError;

/** The wasm-pack convention: `import init, { resetPinWithOtp } from "loginradius-pin-reset"`. */
export default init;
