// Types of the drop-in element, `loginradius-pin-reset/element`: importing it defines
// <loginradius-pin-reset> (in a browser; in Node it defines nothing).
import type { FlowError, PinResetFlow, PinResetFlowOptions } from "./flow.js";

/** The element's own words (labels, buttons, outcomes): every language has each key. */
export type UiKey =
  | "form" | "legend" | "email" | "phone" | "username" | "emailLabel" | "phoneLabel" | "usernameLabel"
  | "otp" | "pin" | "tokenPin" | "send" | "reset" | "resend" | "resendIn" | "back" | "setPin" | "cancel"
  | "working" | "tokenHint" | "channel" | "sms" | "voice" | "sentTo" | "callingTo" | "sentToUsername" | "done";
export type UiText = { readonly [K in UiKey]: string };
/** The English words (Spanish and Hindi load with the `locale` attribute). */
export declare const text: UiText;

/** `pinreset`'s detail: how the PIN was reset, and with which identifier kind (null by the email link). */
export interface PinResetEventDetail {
  identifierKind: "email" | "phone" | "username" | null;
  via: "code" | "link";
}

/** The flow's options that are not attributes. */
export type PinResetElementOptions = Omit<PinResetFlowOptions, "apiKey" | "baseUrl" | "locale">;

/**
 * `<loginradius-pin-reset api-key="…" base-url="…" identifiers="email phone username" locale="es">`,
 * and how the code is sent: `reset-pin-url` (the page the email's link opens; relative to this
 * page), `email-template`, `sms-template`, `voice` (offer a voice call for a phone's code). Events `pinreset` and `pinreseterror` bubble and are composed.
 */
export declare class LoginRadiusPinReset extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The headless flow behind the element (null before it is connected). */
  readonly flow: PinResetFlow | null;
  /** timeoutMs, fetch, messages, resendCooldownMs; setting them starts a new flow. */
  options: PinResetElementOptions;
  /**
   * Puts an identifier in the first step's field and selects its kind; when idle past the first
   * step, starts over. Throws a TypeError for a kind the element does not offer.
   */
  fill(identity: { email: string } | { phone: string } | { username: string }): void;
  /** Focuses the field of the step shown (the identifier, the code, the new PIN), or the outcome. */
  focus(options?: FocusOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "loginradius-pin-reset": LoginRadiusPinReset;
  }
  interface HTMLElementEventMap {
    pinreset: CustomEvent<PinResetEventDetail>;
    pinreseterror: CustomEvent<FlowError>;
  }
}
