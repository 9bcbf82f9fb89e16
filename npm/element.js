// <loginradius-pin-reset>: the drop-in element, a screen over the headless flow (./flow.js).
// Everything it shows is text set with textContent (never HTML: messages may carry server text),
// styled by a constructed stylesheet (no inline <style>, so a CSP's style-src 'self' allows it),
// themable through CSS custom properties and ::part(). Importing it in Node (SSR) defines nothing.
import * as lib from "./index.js";
import { createPinResetFlow } from "./flow.js";

const KINDS = {
  email: { type: "email", autocomplete: "email", inputmode: "email" },
  phone: { type: "tel", autocomplete: "tel", inputmode: "tel" },
  username: { type: "text", autocomplete: "username", inputmode: "text" },
};

/**
 * How the code is sent, from attributes read at each send: the option each one sets, and the
 * identifier kinds that take it (LoginRadius sends a username's code by email).
 */
const DELIVERY = {
  "reset-pin-url": { option: "resetPinUrl", kinds: ["email", "username"] },
  "email-template": { option: "emailTemplate", kinds: ["email", "username"] },
  "sms-template": { option: "smsTemplate", kinds: ["phone"] },
};

/**
 * The element's own words in English; messages-es.js and messages-hi.js export the same keys as
 * `ui` (TypeScript checks them against the type UiText). `email` and `emailLabel`: the choice
 * between kinds and the field's own label differ, so each control has a name of its own.
 */
export const text = {
  form: "Reset your PIN",
  legend: "Reset your PIN with",
  email: "Email",
  phone: "Phone",
  username: "Username",
  emailLabel: "Email address",
  phoneLabel: "Phone number",
  usernameLabel: "Your username",
  otp: "One-time code",
  pin: "New PIN",
  tokenPin: "Your new PIN",
  send: "Send me a code",
  reset: "Reset my PIN",
  resend: "Send a new code",
  resendIn: "Send a new code (in {seconds} s)",
  back: "Back",
  setPin: "Set my new PIN",
  cancel: "Cancel",
  working: "Working…",
  tokenHint: "Choose a new PIN for your account.",
  channel: "Send the code by",
  sms: "Text message (SMS)",
  voice: "Voice call",
  sentTo: "We sent a code to {to}.",
  callingTo: "We are calling {to} to read out your code.",
  sentToUsername: "We sent a code to the email address of {to}.",
  done: "Your PIN was reset. Sign in with your new PIN.",
};

// The other languages' words, loaded only when asked for (the same modules as the flow's messages).
const TEXTS = {
  es: () => import("./messages-es.js"),
  hi: () => import("./messages-hi.js"),
};

// Light or dark as the page's color-scheme says (a light-only page keeps it light, whatever the
// system prefers): Canvas and CanvasText follow it, and light-dark() the accents where supported.
const CSS = `
:host { display: block; max-width: 28rem;
  font: var(--lr-font, inherit); color: var(--lr-color-text, CanvasText);
  background: var(--lr-color-background, Canvas); border-radius: var(--lr-radius, 0.5rem);
  --_accent: var(--lr-color-accent, #0b57d0); --_on-accent: var(--lr-color-on-accent, #fff);
  --_error: var(--lr-color-error, #b3261e); --_border: var(--lr-color-border, #767676); }
@supports (color: light-dark(#000, #fff)) {
  :host { --_accent: var(--lr-color-accent, light-dark(#0b57d0, #a8c7fa));
    --_on-accent: var(--lr-color-on-accent, light-dark(#fff, #062e6f));
    --_error: var(--lr-color-error, light-dark(#b3261e, #f2b8b5));
    --_border: var(--lr-color-border, light-dark(#767676, #8e918f)); } }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
form { display: grid; gap: var(--lr-gap, 0.75rem); padding: var(--lr-padding, 1rem); margin: 0; }
[hidden] { display: none !important; }
fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
legend, label { font-weight: 600; }
legend { padding: 0; margin-bottom: 0.25rem; }
fieldset label { font-weight: normal; display: inline-flex; gap: 0.35rem; align-items: center; min-height: 44px; }
.field { display: grid; gap: 0.25rem; }
input:not([type=radio]) { width: 100%; min-height: 44px; padding: 0.5rem 0.75rem; font: inherit; color: inherit;
  background: transparent; border: 1px solid var(--_border); border-radius: var(--lr-input-radius, 0.375rem); }
input[aria-invalid=true] { border-color: var(--_error); border-width: 2px; }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
button { min-height: 44px; padding: 0.5rem 1rem; font: inherit; border-radius: var(--lr-button-radius, 0.375rem);
  border: 1px solid var(--_accent); background: transparent; color: inherit; cursor: pointer; }
button.primary { background: var(--_accent); color: var(--_on-accent); font-weight: 600; }
button:disabled { cursor: not-allowed; opacity: 0.7; }
.error { color: var(--_error); margin: 0; }
.summary { border: 2px solid var(--_error); border-radius: 0.375rem; padding: 0.75rem; }
.summary h2 { font-size: 1em; margin: 0 0 0.25rem; }
.summary p, .summary ul { margin: 0; }
.hint, .status, .done p { margin: 0; }
.busy::before { content: ""; display: inline-block; width: 0.8em; height: 0.8em; margin-inline-end: 0.4em;
  border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; vertical-align: -0.1em; }
@media (prefers-reduced-motion: no-preference) { .busy::before { animation: lr-spin 0.8s linear infinite; } }
@keyframes lr-spin { to { transform: rotate(1turn); } }
`;

let sheet;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

/** Builds an element: attributes from `attrs` (a `text` key becomes its textContent). */
function h(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else if (value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

/**
 * The email link's token, from the page's address (`?vtoken=`), which then forgets it: a secret,
 * like the code, it should not stay in the history or be shared with the address.
 */
function takeResetToken() {
  const token = lib.readResetToken(globalThis.location);
  if (token !== null) {
    const url = new URL(globalThis.location.href);
    url.searchParams.delete("vtoken");
    url.searchParams.delete("vtype");
    globalThis.history?.replaceState(globalThis.history.state, "", url);
  }
  return token;
}

/** `url` resolved against the page; as given when it is no URL (validation then names it). */
function absolute(url) {
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    return url;
  }
}

let ids = 0;

const Base = globalThis.HTMLElement ?? class {};

export class LoginRadiusPinReset extends Base {
  static observedAttributes = ["api-key", "base-url", "identifiers", "locale", "voice"];

  #flow = null;
  #unsubscribe = null;
  #ui = null;
  #kind = "email";
  #token = null;
  #last = null;
  #ticker = null;
  #text = text;
  #options = {};

  connectedCallback() {
    // A property set before the element was defined is an own property hiding the setter.
    if (Object.hasOwn(this, "options")) {
      const early = this.options;
      delete this.options;
      this.options = early;
    }
    this.#ensureBuilt();
    if (!this.#flow) {
      this.#start();
      this.#loadText();
    } else {
      this.#unsubscribe ??= this.#flow.subscribe((snapshot) => this.#render(snapshot));
    }
  }

  disconnectedCallback() {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    clearInterval(this.#ticker);
  }

  attributeChangedCallback(name, old, value) {
    if (!this.#ui || old === value) return;
    if (name === "locale") {
      this.#flow?.setLocale(value ?? "en");
      this.#loadText();
    } else if (name === "identifiers" || name === "voice") {
      this.#applyKinds();
    } else if (this.isConnected) {
      this.#start(); // a new api-key or base-url: a new flow
    }
  }

  /** The flow behind the element, for apps that want its snapshot too. */
  get flow() {
    return this.#flow;
  }

  /**
   * The flow's options that are not attributes (timeoutMs, fetch, messages, resendCooldownMs).
   * Setting them starts a new flow, so set them before the person starts.
   */
  get options() {
    return this.#options;
  }

  set options(value) {
    this.#options = Object.freeze({ ...value });
    if (this.#flow && this.isConnected) this.#start();
  }

  /**
   * Puts an identifier in the first step's field and selects its kind, e.g. `fill({ email })`:
   * for a page that already knows who is resetting. When idle past the first step, starts over.
   */
  fill(identity) {
    const given = Object.entries(identity ?? {});
    const [kind, value] = given[0] ?? [];
    if (given.length !== 1 || !(kind in KINDS) || typeof value !== "string") {
      throw new TypeError("fill() takes one identifier as a string: { email }, { phone } or { username }");
    }
    if (!this.#offered().includes(kind)) {
      throw new TypeError(`fill(): ${kind} is not offered here (identifiers="${this.#offered().join(" ")}")`);
    }
    this.#ensureBuilt();
    this.#kind = kind;
    this.#applyKinds();
    this.#ui.identifier.input.value = value;
    const snapshot = this.#flow?.getSnapshot();
    if (snapshot && !snapshot.busy && snapshot.step !== "identify") this.#flow.cancel();
  }

  /** Focuses the field of the step shown (the identifier, the code, the new PIN), or the outcome. */
  focus(options) {
    const ui = this.#ui;
    if (!ui) return super.focus?.(options);
    const field = [ui.identifier, ui.otp, ui.tokenPin].find(({ input }) => input.closest("[hidden]") === null);
    (field?.input ?? ui.status).focus(options);
  }

  #ensureBuilt() {
    if (this.#ui) return;
    this.#build();
    this.#token = takeResetToken();
  }

  #offered() {
    const asked = (this.getAttribute("identifiers") ?? "email phone username").split(/[\s,]+/);
    const kinds = asked.filter((kind) => kind in KINDS);
    return kinds.length > 0 ? [...new Set(kinds)] : ["email"];
  }

  #start() {
    this.#unsubscribe?.();
    this.#flow = createPinResetFlow({
      ...this.#options,
      apiKey: this.getAttribute("api-key") ?? "",
      baseUrl: this.getAttribute("base-url") ?? undefined,
      locale: this.getAttribute("locale") ?? undefined,
    });
    this.#last = null;
    this.#unsubscribe = this.#flow.subscribe((snapshot) => this.#render(snapshot));
  }

  async #loadText() {
    const locale = this.getAttribute("locale") ?? "en";
    const load = TEXTS[locale.toLowerCase().split(/[-_]/)[0]];
    let words = text;
    try {
      if (load) words = (await load()).ui;
    } catch {
      // a chunk that did not load: English
    }
    if ((this.getAttribute("locale") ?? "en") !== locale) return; // changed meanwhile
    this.#text = words;
    this.#applyText();
  }

  /** Every fixed word of the element in the current language. */
  #applyText() {
    const root = this.shadowRoot;
    for (const node of root.querySelectorAll("[data-t]")) node.textContent = this.#text[node.dataset.t];
    root.querySelector("form").setAttribute("aria-label", this.#text.form);
    this.#applyKind();
    if (this.#last) this.#render(this.#last, { again: true });
  }

  #build() {
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [styles()];
    const id = (name) => `lr${++ids}-${name}`;
    const field = (name, attrs) => {
      const inputId = id(name);
      const errorId = id(`${name}-error`);
      const label = h("label", { for: inputId, part: "label", "data-t": attrs.label, text: text[attrs.label] });
      const input = h("input", { id: inputId, name, part: "input", "aria-describedby": errorId, ...attrs, label: undefined });
      const error = h("p", { id: errorId, class: "error", part: "field-error" });
      return { box: h("div", { class: "field", part: "field" }, [label, input, error]), label, input, error };
    };
    const summaryTitle = h("h2", { id: id("summary-title") });
    const summaryAction = h("p");
    const summaryIssues = h("ul");
    const summary = h("div", { class: "summary", part: "error-summary", tabindex: "-1", "aria-labelledby": summaryTitle.id, hidden: true }, [
      summaryTitle,
      summaryAction,
      summaryIssues,
    ]);
    const legend = h("legend", { part: "legend", "data-t": "legend", text: text.legend });
    const kinds = h("fieldset", { part: "identifiers" }, [legend]);
    const identifier = field("identifier", { label: "emailLabel", required: true, autocapitalize: "none", spellcheck: "false" });
    // With the `voice` attribute, a phone's code may come by a call instead of an SMS.
    const channelName = id("channel");
    const channelOption = (value, checked) =>
      h("label", { part: "option" }, [
        h("input", { type: "radio", name: channelName, value, part: "radio", checked }),
        h("span", { "data-t": value, text: text[value] }),
      ]);
    const channel = h("fieldset", { part: "channel", hidden: true }, [
      h("legend", { part: "legend", "data-t": "channel", text: text.channel }),
      channelOption("sms", true),
      channelOption("voice", false),
    ]);
    const send = h("button", { type: "submit", class: "primary", part: "button primary", "data-t": "send", text: text.send });
    const identify = h("div", { class: "step" }, [kinds, identifier.box, channel, h("div", { class: "actions" }, [send])]);

    const otp = field("otp", { label: "otp", required: true, autocomplete: "one-time-code", inputmode: "numeric", spellcheck: "false" });
    const pin = field("pin", { label: "pin", type: "password", required: true, autocomplete: "new-password", inputmode: "numeric" });
    const reset = h("button", { type: "submit", class: "primary", part: "button primary", "data-t": "reset", text: text.reset });
    const resend = h("button", { type: "button", part: "button", text: text.resend });
    const back = h("button", { type: "button", part: "button", "data-t": "back", text: text.back });
    const verify = h("div", { class: "step", hidden: true }, [otp.box, pin.box, h("div", { class: "actions" }, [reset, resend, back])]);

    const tokenPin = field("token-pin", { label: "tokenPin", type: "password", required: true, autocomplete: "new-password", inputmode: "numeric" });
    const setPin = h("button", { type: "submit", class: "primary", part: "button primary", "data-t": "setPin", text: text.setPin });
    const tokenHint = h("p", { class: "hint", part: "hint", "data-t": "tokenHint", text: text.tokenHint });
    const token = h("div", { class: "step", hidden: true }, [tokenHint, tokenPin.box, h("div", { class: "actions" }, [setPin])]);


    const cancel = h("button", { type: "button", part: "button", "data-t": "cancel", text: text.cancel, hidden: true });
    const busy = h("p", { class: "busy hint", part: "busy", hidden: true, "data-t": "working", text: text.working });
    // The outcome of each step ("We sent a code to…", "Your PIN was reset…"), announced as it changes.
    const status = h("p", { class: "status", part: "status", role: "status", tabindex: "-1" });
    const steps = [summary, status, identify, verify, token, h("div", { class: "actions" }, [busy, cancel])];
    const form = h("form", { part: "form", novalidate: true, "aria-label": text.form }, steps);
    root.append(form);

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#submit();
    });
    kinds.addEventListener("change", (event) => {
      this.#kind = event.target.value;
      this.#applyKind();
    });
    resend.addEventListener("click", () => {
      const current = this.#flow.getSnapshot().identifier;
      if (current) this.#flow.sendCode(this.#identity(current.kind, current.value, current.isVoiceOtp), this.#delivery(current.kind));
    });
    back.addEventListener("click", () => this.#flow.back());
    cancel.addEventListener("click", () => this.#flow.cancel());

    // prettier-ignore
    this.#ui = {
      form, summary, summaryTitle, summaryAction, summaryIssues, status, busy, cancel,
      identify, kinds, legend, identifier, channel, send,
      verify, otp, pin, reset, resend, back,
      token, tokenPin, setPin,
    };
    this.#applyKinds();
  }

  #applyKinds() {
    const { kinds, legend } = this.#ui;
    const offered = this.#offered();
    if (!offered.includes(this.#kind)) this.#kind = offered[0];
    const name = `lr${++ids}-kind`;
    kinds.replaceChildren(
      legend,
      ...offered.map((kind) => {
        const radio = h("input", { type: "radio", name, value: kind, part: "radio", checked: kind === this.#kind });
        return h("label", { part: "option" }, [radio, h("span", { "data-t": kind, text: this.#text[kind] })]);
      }),
    );
    kinds.hidden = offered.length < 2;
    this.#applyKind();
  }

  #applyKind() {
    const { input, label } = this.#ui.identifier;
    const kind = KINDS[this.#kind];
    label.dataset.t = `${this.#kind}Label`;
    label.textContent = this.#text[label.dataset.t];
    for (const attr of ["type", "autocomplete", "inputmode"]) input.setAttribute(attr, kind[attr]);
    input.dataset.kind = this.#kind;
    this.#ui.channel.hidden = this.#kind !== "phone" || !this.hasAttribute("voice");
  }

  /** Who gets the code; a phone's by a voice call when that is offered and chosen. */
  #identity(kind, value, voice = !this.#ui.channel.hidden && this.#ui.channel.querySelector("[value=voice]").checked) {
    return kind === "phone" && voice ? { phone: value, isVoiceOtp: true } : { [kind]: value };
  }

  /** The delivery attributes that apply to `kind`; a relative reset-pin-url is resolved. */
  #delivery(kind) {
    const delivery = {};
    for (const [attribute, { option, kinds }] of Object.entries(DELIVERY)) {
      const value = this.getAttribute(attribute);
      if (value === null || value === "" || !kinds.includes(kind)) continue;
      delivery[option] = option === "resetPinUrl" ? absolute(value) : value;
    }
    return delivery;
  }

  #submit() {
    const ui = this.#ui;
    const snapshot = this.#flow.getSnapshot();
    if (snapshot.busy) return;
    if (this.#token && snapshot.step !== "done" && !ui.token.hidden) {
      this.#flow.resetPinWithToken({ resetToken: this.#token, pin: ui.tokenPin.input.value });
    } else if (snapshot.step === "identify") {
      this.#flow.sendCode(this.#identity(this.#kind, ui.identifier.input.value.trim()), this.#delivery(this.#kind));
    } else if (snapshot.step === "verify") {
      this.#flow.resetPin({ otp: ui.otp.input.value.trim(), pin: ui.pin.input.value });
    }
  }

  #render(snapshot, { again = false } = {}) {
    const previous = again ? snapshot : this.#last;
    this.#last = snapshot;
    const ui = this.#ui;
    if (snapshot.error?.key === "token_rejected") this.#token = null; // the link is spent: ask for a code
    const tokenMode = this.#token !== null && snapshot.step !== "done";
    ui.identify.hidden = tokenMode || snapshot.step !== "identify";
    ui.verify.hidden = tokenMode || snapshot.step !== "verify";
    ui.token.hidden = !tokenMode;
    ui.form.setAttribute("aria-busy", String(snapshot.busy));
    ui.busy.hidden = !snapshot.busy;
    ui.cancel.hidden = !snapshot.busy;
    const lockedNow = snapshot.lockedUntil !== null;
    for (const button of [ui.send, ui.reset, ui.setPin]) button.disabled = snapshot.busy || lockedNow;
    ui.back.disabled = snapshot.busy;
    this.#renderResend(snapshot);
    this.#renderError(snapshot.error);

    if (previous === null || again) {
      this.#renderStatus(snapshot);
      return;
    }
    // Announcements and focus, on transitions only.
    if (previous.step !== snapshot.step) {
      this.#renderStatus(snapshot);
      if (snapshot.step === "verify") {
        ui.otp.input.value = "";
        ui.otp.input.focus();
      } else if (snapshot.step === "done") {
        ui.status.focus(); // the form's controls are gone: keep the keyboard user here
        const via = previous.operation === "token" ? "link" : "code";
        this.#emit("pinreset", { identifierKind: via === "link" ? null : snapshot.identifier.kind, via });
      } else if (snapshot.step === "identify" && !snapshot.error) {
        ui.identifier.input.focus();
      }
    }
    if (snapshot.error && snapshot.error !== previous.error) {
      ui.summary.focus();
      this.#emit("pinreseterror", { ...snapshot.error });
    }
  }

  /** The step's outcome in the live region: the code's destination, or the PIN changed. */
  #renderStatus(snapshot) {
    const words = this.#text;
    let line = "";
    if (snapshot.step === "verify" && snapshot.identifier) {
      const { kind, value } = snapshot.identifier;
      const sentence = snapshot.identifier.isVoiceOtp ? words.callingTo : kind === "username" ? words.sentToUsername : words.sentTo;
      line = sentence.replace("{to}", value);
    } else if (snapshot.step === "done") {
      line = words.done;
    }
    if (this.#ui.status.textContent !== line) this.#ui.status.textContent = line;
  }

  #renderResend(snapshot) {
    const { resend } = this.#ui;
    clearInterval(this.#ticker);
    const tick = () => {
      const left = snapshot.resendAvailableAt === null ? 0 : Math.ceil((snapshot.resendAvailableAt - Date.now()) / 1000);
      resend.disabled = snapshot.busy || left > 0 || snapshot.lockedUntil !== null;
      resend.textContent = left > 0 ? this.#text.resendIn.replace("{seconds}", String(left)) : this.#text.resend;
    };
    tick();
    if (snapshot.resendAvailableAt !== null) this.#ticker = setInterval(tick, 1000);
  }

  #renderError(error) {
    const ui = this.#ui;
    // Which field each issue belongs to: the identifier's name, or the field of the step shown.
    const fields = { otp: ui.otp, pin: ui.token.hidden ? ui.pin : ui.tokenPin, resetToken: ui.tokenPin };
    for (const name of ["email", "phone", "username", "identifier"]) fields[name] = ui.identifier;
    for (const { input, error: text } of [ui.identifier, ui.otp, ui.pin, ui.tokenPin]) {
      input.removeAttribute("aria-invalid");
      text.textContent = "";
    }
    ui.summary.hidden = error === null;
    ui.summaryIssues.replaceChildren();
    if (error === null) return;
    ui.summaryTitle.textContent = error.title;
    ui.summaryAction.textContent = error.action;
    for (const issue of error.issues) {
      const target = fields[issue.field];
      const name = target?.label.textContent ?? issue.field;
      const sentence = issue.hint ?? `${name}: ${issue.message}`;
      if (target) {
        target.input.setAttribute("aria-invalid", "true");
        target.error.textContent = target.error.textContent ? `${target.error.textContent} ${sentence}` : sentence;
        const link = h("a", { href: `#${target.input.id}`, part: "error-link", text: sentence });
        link.addEventListener("click", (event) => {
          event.preventDefault();
          target.input.focus();
        });
        ui.summaryIssues.append(h("li", {}, [link]));
      } else {
        ui.summaryIssues.append(h("li", { text: sentence }));
      }
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

if (globalThis.customElements && !customElements.get("loginradius-pin-reset")) {
  customElements.define("loginradius-pin-reset", LoginRadiusPinReset);
}
