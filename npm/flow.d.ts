// Types of the headless flow, `loginradius-pin-reset/flow`.
import type { LoginRadiusErrorKind, SendResetPinOtpOptions, ValidationIssue } from "./types.js";

/** The LoginRadius codes every catalog has a message for. */
export type LoginRadiusCode =
  | 901 | 908 | 920 | 938 | 950 | 982 | 991 | 1038 | 1066 | 1067 | 1068 | 1069 | 1074 | 1079 | 1083
  | 1096 | 1132 | 1134 | 1148 | 1183 | 1198 | 1214 | 1233 | 1238 | 1409 | 6003;

/** Refusals of the flow itself, before any request. */
export type FlowRefusalKind = "cooldown" | "locked";

/** Every message a catalog must have: the error kinds, the flow's own outcomes, the codes. */
export type MessageKey =
  | LoginRadiusErrorKind
  | FlowRefusalKind
  | "send_timeout"
  | "reset_timeout"
  | "token_timeout"
  | "reset_aborted"
  | "rate_limited"
  | "lockout_untimed"
  | "token_rejected"
  | "server_error"
  | "setup"
  | `${LoginRadiusCode}`;

/** A message for a person: what happened, and what to do. `{seconds}` and `{until}` are filled in. */
export interface Message {
  title: string;
  action: string;
}

/** The fields a person types: a validation issue on one is shown with the catalog's sentence. */
export type PersonField = "email" | "phone" | "username" | "identifier" | "otp" | "pin" | "resetToken";
/** What to type in a field, in the catalog: `field_email`, `field_otp`... */
export type FieldHintKey = `field_${PersonField}`;

/** A complete catalog: TypeScript reports any key it lacks. */
export type Catalog = { readonly [K in MessageKey]: Message } & { readonly [K in FieldHintKey]: string };

/** A field's problem: the package's words (English), and for a field the person types, the catalog's. */
export interface FlowIssue extends ValidationIssue {
  /** What to type, in the flow's language (validation issues on a `PersonField` only). */
  hint?: string;
}

/** The steps of the screen. */
export type FlowStep = "identify" | "verify" | "done";

/** The identifier in use, as the snapshot shows it. */
export interface FlowIdentifier {
  kind: "email" | "phone" | "username";
  value: string;
  /** A voice call instead of an SMS (phone only). */
  isVoiceOtp?: true;
}

/** What went wrong, with the message for a person. */
export interface FlowError {
  /** The LoginRadiusError's kind, or the flow's own refusal. */
  kind: LoginRadiusErrorKind | FlowRefusalKind;
  /** The catalog key the message came from. */
  key: MessageKey;
  /** LoginRadius's ErrorCode, when the server sent one. */
  errorCode?: number;
  /** The HTTP status; 0 when no response arrived (or nothing was sent). */
  status: number;
  /** Seconds, from a 429's Retry-After. */
  retryAfter?: number;
  title: string;
  action: string;
  /** The fields to fix (validation), or the server's field errors (e.g. the PIN policy). */
  issues: readonly FlowIssue[];
}

/** One immutable state of the flow: a new object on every change. */
export interface FlowSnapshot {
  readonly step: FlowStep;
  /** A request is in flight. */
  readonly busy: boolean;
  /** Which call is in flight, when busy. */
  readonly operation: "send" | "reset" | "token" | null;
  readonly identifier: Readonly<FlowIdentifier> | null;
  /** Epoch ms before which `sendCode` for this identifier is refused; null when it is allowed. */
  readonly resendAvailableAt: number | null;
  /** Epoch ms the lockout ends; null when not locked. Nothing is sent before then. */
  readonly lockedUntil: number | null;
  readonly error: Readonly<FlowError> | null;
  /** The language of the messages in use ("en" until another catalog has loaded). */
  readonly locale: string;
}

export interface PinResetFlowOptions {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** "en" (default), "es", "hi", or a tag such as "es-MX"; other languages fall back to English. */
  locale?: string;
  /** Your own messages, over the locale's catalog (a complete `Catalog`, or some keys). */
  messages?: Partial<Catalog>;
  /** Milliseconds between two sends to the same identifier; default 30000 (see the README). */
  resendCooldownMs?: number;
}

/** Who gets the code: exactly one identifier. */
export type SendCodeIdentity =
  | { email: string; phone?: never; username?: never; isVoiceOtp?: never }
  | { phone: string; isVoiceOtp?: boolean; email?: never; username?: never }
  | { username: string; email?: never; phone?: never; isVoiceOtp?: never };

/** How the code is sent: the templates and the email link's page. */
export type SendCodeDelivery = Pick<
  Extract<SendResetPinOtpOptions, { email: string }>,
  "emailTemplate" | "resetPinUrl"
> & { smsTemplate?: string };

export interface PinResetFlow {
  getSnapshot(): FlowSnapshot;
  /** Calls `listener` at once with the snapshot, then on every change; returns the unsubscribe. */
  subscribe(listener: (snapshot: FlowSnapshot) => void): () => void;
  /** Sends a code (never rejects; the outcome is in the snapshot it resolves with). */
  sendCode(identity: SendCodeIdentity, delivery?: SendCodeDelivery): Promise<FlowSnapshot>;
  /** Resets the PIN with the code sent to the identifier in use (never rejects). */
  resetPin(input: { otp: string; pin: string }): Promise<FlowSnapshot>;
  /** Resets the PIN with the email link's token (never rejects). */
  resetPinWithToken(input: { resetToken: string; pin: string }): Promise<FlowSnapshot>;
  /** Back to the identify step, stopping a call in flight. */
  back(): void;
  /** Stops the call in flight (then the outcome is unknown: the message says what to do); idle, starts over. */
  cancel(): void;
  /** Switches the messages' language; resolves once its catalog has loaded. */
  setLocale(locale: string): Promise<void>;
}

export function createPinResetFlow(options: PinResetFlowOptions): PinResetFlow;

/** The English catalog. */
export const messages: Catalog;
/** The languages the package has catalogs for. */
export const LOCALES: readonly string[];
/** The default wait between two sends, in ms. */
export const DEFAULT_RESEND_COOLDOWN_MS: number;
/** Loads the catalog of `locale` (English when the package has none). */
export function loadMessages(locale: string): Promise<Catalog>;
