// Types of the drop-in element, `loginradius-pin-reset/element`: importing it defines
// <loginradius-pin-reset> (in a browser; in Node it defines nothing).
import type { FlowError, PinResetFlow } from "./flow.js";

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
