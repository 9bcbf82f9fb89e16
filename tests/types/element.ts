// The element's published types (loginradius-pin-reset/element): the tag and its events are typed.
import { LoginRadiusPinReset, type PinResetEventDetail } from "loginradius-pin-reset/element";

const element: LoginRadiusPinReset = document.createElement("loginradius-pin-reset");
element.setAttribute("api-key", "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21");
element.addEventListener("pinreset", (event) => {
  const detail: PinResetEventDetail = event.detail;
  return detail.via === "code" ? detail.identifierKind : null;
});
element.addEventListener("pinreseterror", (event) => event.detail.title + event.detail.action);
export const step = element.flow?.getSnapshot().step;
// @ts-expect-error the detail of pinreset has no title
element.addEventListener("pinreset", (event) => event.detail.title);

// The flow's options that are not attributes, and fill() with exactly one identifier.
element.options = { timeoutMs: 8000, resendCooldownMs: 60_000, fetch: (input, init) => fetch(input, init) };
element.fill({ email: "ada@example.com" });
// @ts-expect-error apiKey is an attribute, not an option
element.options = { apiKey: "x" };
// @ts-expect-error fill takes one identifier
element.fill({ pin: "1234" });
