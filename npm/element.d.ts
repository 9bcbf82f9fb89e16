// Types of the drop-in element, `loginradius-pin-reset/element`: importing it defines
// <loginradius-pin-reset> (in a browser; in Node it defines nothing).
import type { FlowError, PinResetFlow } from "./flow.js";

/** The element's own words (labels, buttons, outcomes): every language has each key. */
export type UiKey =
  | "form" | "legend" | "email" | "phone" | "username" | "emailLabel" | "phoneLabel" | "usernameLabel"
  | "otp" | "pin" | "tokenPin" | "send" | "reset" | "resend" | "resendIn" | "back" | "setPin" | "cancel"
  | "working" | "tokenHint" | "sentTo" | "sentToUsername" | "done";
export type UiText = { readonly [K in UiKey]: string };
/** The English words (Spanish and Hindi load with the `locale` attribute). */
export declare const text: UiText;

/** `pinreset`'s detail: how the PIN was reset, and with which identifier kind (null by the email link). */
export interface PinResetEventDetail {
  identifierKind: "email" | "phone" | "username" | null;
  via: "code" | "link";
}

/**
 * `<loginradius-pin-reset api-key="…" base-url="…" identifiers="email phone username" locale="es">`.
 * Events `pinreset` and `pinreseterror` bubble and are composed.
 */
export declare class LoginRadiusPinReset extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The headless flow behind the element (null before it is connected). */
  readonly flow: PinResetFlow | null;
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
