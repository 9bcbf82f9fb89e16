// The demo page: a form over every option of sendResetPinOtp and resetPinWithOtp, with live
// validation, a masked preview of the next request, the local server's messages (the code it
// "sent", and the email's reset link), and a clear outcome panel. Both steps work against the
// local server and the live one. Opened from the email's link (?vtoken=…), it is the landing page:
// one step, "choose a new PIN", sent with resetPinWithToken.
import {
  init,
  sendResetPinOtp,
  validateSendResetPinOtp,
  buildSendResetPinOtpRequest,
  resetPinWithOtp,
  validateResetPinWithOtp,
  buildResetPinWithOtpRequest,
  resetPinWithToken,
  validateResetPinWithToken,
  buildResetPinWithTokenRequest,
  readResetToken,
  isLoginRadiusError,
} from "/pkg/index.js";
import { sentence } from "/sentence.js";

const $ = (id) => document.getElementById(id);

/** Free-text options of both steps, passed on when not empty (each input's id is the option's name). */
const TEXT_OPTIONS = [
  "apiKey",
  "gRecaptchaResponse",
  "gRecaptchaResponseAlt",
  "hCaptchaResponse",
  "qqCaptchaTicket",
  "qqCaptchaRandstr",
  "baseUrl",
];
/** The reset's own options. */
const RESET_TEXT_OPTIONS = ["otp", "type"];
const BOOLEAN_OPTIONS = ["preventWebhook", "xPreventWebhook"];
/** The send's delivery options, by the identifier kinds they apply to (see their data-kinds). */
const SEND_TEXT_OPTIONS = {
  smsTemplate: ["phone"],
  emailTemplate: ["email", "username"],
  resetPinUrl: ["email", "username"],
};
const IDENTIFIER_FIELDS = ["identifier", "email", "phone", "username"];

/** How each identifier kind looks in the form. */
const IDENTIFIER_KINDS = {
  email: { label: "Email", type: "email", autocomplete: "email", placeholder: "name@example.com" },
  phone: { label: "Phone", type: "tel", autocomplete: "tel", placeholder: "+919876543210" },
  username: { label: "Username", type: "text", autocomplete: "username", placeholder: "" },
};

/** Human names used to turn "is required" into "One-time code is required". */
const FIELD_NAMES = {
  apiKey: "API key",
  otp: "One-time code",
  pin: "New PIN",
  resetToken: "The link's token",
  smsTemplate: "SMS template",
  emailTemplate: "Email template",
  resetPinUrl: "Link in the email",
  baseUrl: "Base URL",
  timeoutMs: "Timeout",
  type: "Path type",
  preventWebhook: "prevent_webhook",
  xPreventWebhook: "X-PreventWebhook",
  gRecaptchaResponse: "reCAPTCHA token",
  gRecaptchaResponseAlt: "reCAPTCHA alias token",
  hCaptchaResponse: "hCaptcha token",
  qqCaptchaTicket: "Tencent captcha ticket",
  qqCaptchaRandstr: "Tencent captcha randstr",
};

const MASK = "•••";

/** Where the page keeps, for this tab only, the API key that asked for the email (see start). */
const API_KEY_STORE = "lr-demo-apiKey";

/** The token of the email's link this page was opened with, or null: then it is the landing page. */
let resetToken = null;

const form = $("reset-form");
/** Fields the user has edited: their errors show while typing; the rest wait for a submit. */
const touched = new Set();
let showAllErrors = false;
/** The AbortController of the call in flight, or null when idle. */
let inFlight = null;

// ---------------------------------------------------------------------------------------------
// Reading the form

function identifierKind() {
  return form.elements.identifierKind.value;
}

function addTextOptions(options, names) {
  for (const name of names) {
    const value = $(name).value.trim();
    if (value !== "") options[name] = value;
  }
  return options;
}

function addTimeout(options) {
  const timeout = $("timeoutMs").value.trim();
  // Digits become a number; anything else is passed as typed so validation explains the problem.
  if (timeout !== "") options.timeoutMs = /^\d+$/.test(timeout) ? Number(timeout) : timeout;
  return options;
}

/** The new PIN and the webhook switches, which both resets take. */
function addResetOptions(options) {
  // Not trimmed: a space in a PIN is an error the user should see, not something to hide.
  if ($("pin").value !== "") options.pin = $("pin").value;
  for (const name of BOOLEAN_OPTIONS) {
    if ($(name).value !== "") options[name] = $(name).value === "true";
  }
  return options;
}

/** What both steps take, exactly as the form describes it; empty optional fields are left out. */
function readSharedOptions() {
  const options = addTextOptions({}, TEXT_OPTIONS);
  const identifier = $("identifier").value.trim();
  if (identifier !== "") options[identifierKind()] = identifier;
  return addTimeout(options);
}

/** The options of sendResetPinOtp: only the delivery options of the chosen identifier kind. */
function readSendOptions() {
  const kind = identifierKind();
  const names = Object.keys(SEND_TEXT_OPTIONS).filter((name) => SEND_TEXT_OPTIONS[name].includes(kind));
  const options = addTextOptions(readSharedOptions(), names);
  if (kind === "phone" && form.elements.delivery.value === "voice") options.isVoiceOtp = true;
  return options;
}

/** The options of resetPinWithOtp. */
function readResetOptions() {
  return addResetOptions(addTextOptions(readSharedOptions(), RESET_TEXT_OPTIONS));
}

/** The options of resetPinWithToken: the link's token instead of an identifier and a code. */
function readTokenOptions() {
  return addResetOptions(addTimeout(addTextOptions({ resetToken }, TEXT_OPTIONS)));
}

/** Whether the base URL points at this page's own server, i.e. at the local mock server. */
function isLocalServer() {
  try {
    return new URL($("baseUrl").value.trim()).origin === window.location.origin;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Live validation

/** The id of the input that shows an issue about `field`, or null for a form-wide issue. */
function inputIdFor(field) {
  if (IDENTIFIER_FIELDS.includes(field)) return "identifier";
  return $(`${field}-error`) ? field : null;
}

function fieldName(field) {
  if (IDENTIFIER_FIELDS.includes(field)) return IDENTIFIER_KINDS[identifierKind()].label;
  return FIELD_NAMES[field] ?? field;
}

/** Groups issues by the input that shows them ("" for the form-wide slot). */
function groupIssues(issues) {
  const groups = new Map();
  for (const issue of issues) {
    const id = inputIdFor(issue.field) ?? "";
    const text = sentence(`${fieldName(issue.field)} ${issue.message}`);
    groups.set(id, [...(groups.get(id) ?? []), text]);
  }
  return groups;
}

function showFieldError(id, messages) {
  const input = $(id);
  const slot = $(`${id}-error`);
  const visible = messages.length > 0 && (showAllErrors || touched.has(id));
  slot.textContent = visible ? messages.join(" ") : "";
  slot.hidden = !visible;
  if (visible) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

function renderValidation(issues) {
  const groups = groupIssues(issues);
  for (const slot of form.querySelectorAll(".field-error[id$='-error']")) {
    const id = slot.id.slice(0, -"-error".length);
    showFieldError(id, groups.get(id) ?? []);
  }
  const general = groups.get("") ?? [];
  $("form-errors").textContent = showAllErrors ? general.join(" ") : "";
  $("form-errors").hidden = !showAllErrors || general.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Request preview

/** The body with the OTP and PIN replaced, so the preview never shows a secret. */
function maskBody(body) {
  const parsed = JSON.parse(body);
  for (const key of Object.keys(parsed)) {
    if (/^(otp|pin|resettoken)$/i.test(key)) parsed[key] = MASK;
  }
  return JSON.stringify(parsed, null, 2);
}

function formatRequest(request) {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
  return [`${request.method} ${request.url}`, ...headers, "", maskBody(request.body)].join("\n");
}

/** The preview of the step that comes next. */
function renderPreview(step) {
  const preview = $("preview");
  const options = step.read();
  const issues = step.validate(options);
  preview.dataset.step = step.name;
  $("preview-call").textContent = step.name;
  if (issues.length > 0) {
    preview.dataset.state = "invalid";
    preview.textContent = `No request yet: ${issues.length} field(s) need attention.`;
    return;
  }
  try {
    preview.textContent = formatRequest(step.build(options));
    preview.dataset.state = "ready";
  } catch (error) {
    // validate and build share their rules, so this only happens if they ever disagree.
    preview.dataset.state = "invalid";
    preview.textContent = `No request yet: ${error.message}`;
  }
}

/**
 * The issues of both steps, each once: the reset's (the form's submit) and the send's own
 * delivery options. The shared fields follow the same rules, so their messages are identical.
 */
function formIssues() {
  if (resetToken !== null) return STEPS.token.validate(STEPS.token.read());
  const issues = [...STEPS.reset.validate(STEPS.reset.read()), ...STEPS.send.validate(STEPS.send.read())];
  const seen = new Set();
  return issues.filter(({ field, message }) => !seen.has(`${field} ${message}`) && seen.add(`${field} ${message}`));
}

/** Re-validates and re-renders the preview. */
function refresh() {
  renderValidation(formIssues());
  renderPreview(upcomingStep());
}

// ---------------------------------------------------------------------------------------------
// The identifier kind chooser and the local-only helpers

function applyIdentifierKind() {
  const kind = IDENTIFIER_KINDS[identifierKind()];
  const input = $("identifier");
  $("identifier-label").textContent = kind.label;
  input.type = kind.type;
  input.autocomplete = kind.autocomplete;
  input.placeholder = kind.placeholder;
  // Only the delivery choices of this kind: SMS or voice for a phone, the email's for the others.
  $("delivery").hidden = identifierKind() !== "phone";
  for (const group of form.querySelectorAll("[data-kinds]")) {
    group.hidden = !group.dataset.kinds.split(" ").includes(identifierKind());
  }
}

/**
 * The fault simulator, the accounts and the messages only make sense against the local server
 * (and the accounts not on the link's step, where the token names the user).
 */
function applyServerMode() {
  const local = isLocalServer();
  $("fault").disabled = !local;
  $("messages").hidden = !local;
  $("accounts").hidden = !local || resetToken !== null;
  if (local) {
    refreshMessages();
    refreshAccounts();
  }
}

/** Calls a development endpoint of the local server for this API key; returns the parsed answer. */
async function callDev(method, path, body) {
  const url = new URL(`/__dev/${path}`, window.location.origin);
  url.searchParams.set("apikey", $("apiKey").value.trim());
  const json = body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(url, { method, ...json });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `the server answered ${response.status}`);
  return data;
}

/** Arms the chosen fault for the next request of this API key (development only). */
async function armFault() {
  const fault = $("fault").value;
  if (fault === "" || !isLocalServer()) return;
  await callDev("POST", "faults", { fault, times: 1 });
}

// ---------------------------------------------------------------------------------------------
// The messages panel: what the local server "sent" (its /__dev/outbox), as a phone or an inbox

const CHANNELS = { sms: "SMS", voice: "Voice call", email: "Email" };

/** The API key whose messages are listed and how many of them; a new key starts a new list. */
let listed = { apiKey: null, count: 0 };
/** Only the latest outbox read renders, so quick edits of the API key cannot mix two lists. */
let latestRead = 0;

function messageItem(entry) {
  const item = el("li", undefined, { class: "message", "data-testid": "message", "data-channel": entry.channel });
  const meta = el("p", undefined, { class: "message-meta" });
  meta.append(
    el("strong", CHANNELS[entry.channel] ?? entry.channel, { "data-testid": "message-channel" }),
    " to ",
    el("span", entry.to ?? "(no address on the account)", { "data-testid": "message-to" }),
    " · ",
    el("time", new Date(entry.sentAt).toLocaleTimeString(), { datetime: entry.sentAt }),
  );
  const code = el("p", entry.channel === "voice" ? "The caller reads out your code: " : "Your one-time code: ");
  code.append(el("strong", entry.otp, { class: "message-code", "data-testid": "message-code" }));
  item.append(meta, code);
  if (entry.template) item.append(el("p", `Template: ${entry.template}`, { class: "hint" }));
  if (entry.resetPinLink) {
    // The email's link, as the user would click it: it opens this page on "choose a new PIN".
    const link = el("p", "Or follow the link: ");
    link.append(el("a", "Choose a new PIN", { href: entry.resetPinLink, "data-testid": "message-link" }));
    item.append(link);
  } else if (entry.resetPinUrl) {
    item.append(el("p", `Link: ${entry.resetPinUrl}`, { class: "hint" }));
  }
  return item;
}

/** Adds the messages not listed yet, newest first (only those, so the log announces only them). */
async function refreshMessages() {
  const apiKey = $("apiKey").value.trim();
  const read = ++latestRead;
  const list = $("message-list");
  let entries;
  try {
    entries = await callDev("GET", "outbox");
  } catch (error) {
    entries = error;
  }
  if (read !== latestRead) return;
  if (apiKey !== listed.apiKey) {
    list.replaceChildren();
    listed = { apiKey, count: 0 };
  }
  if (entries instanceof Error) {
    $("messages-status").textContent = sentence(`No messages to show: ${entries.message}`);
    return;
  }
  for (const entry of entries.slice(listed.count)) list.prepend(messageItem(entry));
  listed.count = entries.length;
  $("messages-status").textContent = entries.length === 0 ? "No messages yet for this API key." : "";
}

// ---------------------------------------------------------------------------------------------
// The accounts panel: the local server's accounts for this API key (its /__dev/accounts), each
// one click from the form. `scripts/demo.sh` starts the server with one account of each kind.

/** Only the latest accounts read renders, as for the messages. */
let latestAccountsRead = 0;

/** How the form names a listed account: by its username, else its phone, else its email. */
function accountIdentity(account) {
  const kind = ["username", "phone", "email"].find((name) => account[name]);
  return kind ? { kind, identifier: account[kind] } : null;
}

/** Fills the form's identifier with `account`, as if the user had typed it. */
function useAccount({ kind, identifier }) {
  form.elements.identifierKind.value = kind;
  applyIdentifierKind();
  $("identifier").value = identifier;
  touched.add("identifier");
  refresh();
}

function accountItem(identity) {
  const item = el("li", undefined, { class: "account", "data-testid": "account" });
  const button = el("button", "Use this account", {
    type: "button",
    class: "secondary",
    "data-testid": "use-account",
    // The visible words start the accessible name (axe: label-content-name-mismatch).
    "aria-label": `Use this account: ${identity.identifier}`,
  });
  button.addEventListener("click", () => {
    useAccount(identity);
    $("identifier").focus();
  });
  item.append(
    el("span", `${IDENTIFIER_KINDS[identity.kind].label}: `),
    el("code", identity.identifier, { "data-testid": "account-identifier" }),
    " ",
    button,
  );
  return item;
}

/** Lists the accounts; with `prefill`, an empty identifier takes the first one. */
async function refreshAccounts({ prefill = false } = {}) {
  const read = ++latestAccountsRead;
  let answer;
  try {
    answer = await callDev("GET", "accounts");
  } catch (error) {
    answer = error;
  }
  if (read !== latestAccountsRead) return;
  const list = $("account-list");
  if (answer instanceof Error) {
    list.replaceChildren();
    $("accounts-status").textContent = sentence(`No accounts to show: ${answer.message}`);
    return;
  }
  const identities = answer.accounts.map(accountIdentity).filter(Boolean);
  list.replaceChildren(...identities.map(accountItem));
  $("accounts-status").textContent =
    identities.length === 0 ? "No accounts for this API key yet: scripts/demo.sh starts the server with three." : "";
  if (prefill && identities.length > 0 && $("identifier").value.trim() === "") useAccount(identities[0]);
}

// ---------------------------------------------------------------------------------------------
// The two steps, their busy state and the calls themselves

const STEPS = {
  send: {
    name: "sendResetPinOtp",
    read: readSendOptions,
    validate: validateSendResetPinOtp,
    build: buildSendResetPinOtpRequest,
    call: sendResetPinOtp,
    busy: "Sending a code…",
    refused: "The server refused to send a code.",
    timeoutAdvice: "A code may or may not have been sent: check your messages before asking for another, or raise the timeout.",
    onSuccess: showSent,
  },
  reset: {
    name: "resetPinWithOtp",
    read: readResetOptions,
    validate: validateResetPinWithOtp,
    build: buildResetPinWithOtpRequest,
    call: resetPinWithOtp,
    busy: "Resetting your PIN…",
    refused: "The server refused the reset.",
    timeoutAdvice: "The reset may or may not have happened. Request a new code and try again, or raise the timeout.",
    onSuccess: showSuccess,
  },
  token: {
    name: "resetPinWithToken",
    read: readTokenOptions,
    validate: validateResetPinWithToken,
    build: buildResetPinWithTokenRequest,
    call: resetPinWithToken,
    busy: "Resetting your PIN…",
    refused: "The server refused the reset.",
    timeoutAdvice: "The reset may or may not have happened. If the link no longer works, ask for a new email.",
    onSuccess: showTokenSuccess,
  },
};

/** The step the preview shows: sending a code until the user has typed one, then the reset. */
function upcomingStep() {
  if (resetToken !== null) return STEPS.token;
  return $("otp").value.trim() === "" ? STEPS.send : STEPS.reset;
}

function setBusy(step) {
  const busy = step !== null;
  form.setAttribute("aria-busy", String(busy));
  $("submit").disabled = busy;
  $("send-code").disabled = busy;
  $("cancel").disabled = !busy;
  $("busy").hidden = !busy;
  if (busy) $("busy-text").textContent = step.busy;
}

/** Runs one step through the package and shows its outcome; invalid options are sent too. */
async function run(step) {
  if (inFlight) return;
  const options = step.read();
  const valid = step.validate(options).length === 0;
  inFlight = new AbortController();
  options.signal = inFlight.signal;
  setBusy(step);
  showWorking();
  const started = performance.now();
  try {
    // Validation errors still go through the package, so the page shows its real rejection.
    if (valid) await armFault();
    const result = await step.call(options);
    step.onSuccess(result, performance.now() - started, options);
  } catch (error) {
    showError(error, performance.now() - started, step);
    if (error?.kind === "validation") flagIssues(error.issues);
  } finally {
    const cancelHadFocus = document.activeElement === $("cancel");
    inFlight = null;
    setBusy(null);
    // A disabled button drops focus to <body>; keep keyboard users in the form.
    if (cancelHadFocus) $("submit").focus();
  }
}

/** Shows the rejected fields' messages and moves focus to the first of them. */
function flagIssues(issues) {
  for (const { field } of issues) touched.add(inputIdFor(field));
  refresh();
  focusFirstInvalid();
}

function submit(event) {
  event.preventDefault();
  showAllErrors = true;
  refresh();
  run(resetToken === null ? STEPS.reset : STEPS.token);
}

function sendCode() {
  run(STEPS.send);
}

function focusFirstInvalid() {
  form.querySelector("[aria-invalid='true']")?.focus();
}

function cancel() {
  inFlight?.abort();
}

// ---------------------------------------------------------------------------------------------
// The outcome panel

/** Builds an element with text content (never HTML, since the text comes from a server). */
function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function setOutcome(state, kind, children) {
  const outcome = $("outcome");
  outcome.dataset.state = state;
  if (kind) outcome.dataset.kind = kind;
  else delete outcome.dataset.kind;
  $("outcome-body").replaceChildren(...children);
}

function showWorking() {
  setOutcome("busy", null, [el("p", "Sending the request…")]);
}

/** How the code travels, in words: "by SMS to +91…", "by email to the address of ada". */
function deliveryText(options) {
  if (options.phone) return `by ${options.isVoiceOtp ? "voice call" : "SMS"} to ${options.phone}`;
  if (options.email) return `by email to ${options.email}`;
  return `by email to the address of ${options.username}`;
}

function showSent(result, ms, options) {
  const where = isLocalServer()
    ? "Read the code under “Messages, local server only”, type it into “One-time code”, choose a new PIN and reset it."
    : "Type the code from the message you receive into “One-time code”, choose a new PIN and reset it.";
  const sid = result.Data?.Sid ? ` (Sid ${result.Data.Sid})` : "";
  setOutcome("success", null, [
    el("p", "A code is on its way.", { class: "outcome-title", "data-testid": "outcome-title" }),
    el("p", `Sent ${deliveryText(options)}: the server answered {"IsPosted": true}${sid} after ${Math.round(ms)} ms.`),
    el("p", where, { "data-testid": "next-step" }),
  ]);
  $("send-code-status").textContent = `Code sent ${deliveryText(options)} at ${new Date().toLocaleTimeString()}.`;
  // The email's link opens this page in this tab: it finds the API key here (see start).
  sessionStorage.setItem(API_KEY_STORE, options.apiKey ?? "");
  if (isLocalServer()) refreshMessages();
}

function showSuccess(_result, ms) {
  setOutcome("success", null, [
    el("p", "Your PIN was reset.", { class: "outcome-title", "data-testid": "outcome-title" }),
    el("p", `The server answered {"IsPosted": true} after ${Math.round(ms)} ms.`),
    el("p", "Sign in with your new PIN. The code you used cannot be used again.", {
      "data-testid": "next-step",
    }),
  ]);
}

function showTokenSuccess(_result, ms) {
  setOutcome("success", null, [
    el("p", "Your PIN was reset.", { class: "outcome-title", "data-testid": "outcome-title" }),
    el("p", `The server answered {"IsPosted": true} after ${Math.round(ms)} ms.`),
    el("p", "Sign in with your new PIN. The link you followed cannot be used again.", {
      "data-testid": "next-step",
    }),
  ]);
}

/** A definition list of the error's fields, leaving out the ones it does not have. */
function errorDetails(error) {
  const rows = [
    ["Kind", error.kind, "kind"],
    ["HTTP status", error.status === 0 ? "0 (no response)" : String(error.status), "status"],
    ["Error code", error.errorCode, "errorCode"],
    ["Description", error.description, "description"],
    ["Retry after", error.retryAfter === undefined ? undefined : `${error.retryAfter} s`, "retryAfter"],
    ["Data", error.data === undefined ? undefined : JSON.stringify(error.data), "data"],
  ];
  const list = el("dl", undefined, { class: "details" });
  for (const [term, value, testid] of rows) {
    if (value === undefined || value === null) continue;
    list.append(el("dt", term), el("dd", String(value), { "data-testid": `error-${testid}` }));
  }
  return list;
}

function issueList(issues) {
  const list = el("ul", undefined, { class: "issues", "data-testid": "error-issues" });
  for (const issue of issues) list.append(el("li", sentence(`${fieldName(issue.field)} (${issue.field}) ${issue.message}`)));
  return list;
}

function showError(error, ms, step) {
  if (!isLoginRadiusError(error)) {
    setOutcome("error", "unexpected", [
      el("p", "Something unexpected went wrong.", { class: "outcome-title", "data-testid": "outcome-title" }),
      el("p", String(error?.message ?? error)),
    ]);
    return;
  }
  const children = [
    el("p", (error.kind === "api" ? step.refused : TITLES[error.kind]) ?? "The request failed.", {
      class: "outcome-title",
      "data-testid": "outcome-title",
    }),
    el("p", sentence(`After ${Math.round(ms)} ms: ${error.message}`), { class: "hint", "data-testid": "error-message" }),
    errorDetails(error),
  ];
  if (error.issues.length > 0) children.push(issueList(error.issues));
  children.push(el("p", advice(error, step), { class: "next-step", "data-testid": "next-step" }));
  if (step === STEPS.token) children.push(startOverLink());
  setOutcome("error", error.kind, children);
}

/** Back to the two-step form, without the link's token. */
function startOverLink() {
  const p = el("p");
  p.append(el("a", "Start over: ask for a new email", { href: window.location.pathname, "data-testid": "start-over" }));
  return p;
}

const TITLES = {
  validation: "Some fields need fixing.",
  network: "The request did not reach the server.",
  timeout: "The server did not answer in time.",
  aborted: "You cancelled the request.",
  invalid_response: "The server's answer was not a LoginRadius response.",
  load: "This page could not load its PIN reset code.",
};

/** What the user can do about each LoginRadius error code. */
const API_ADVICE = {
  901: "This API key is not known to the server: check it in your LoginRadius dashboard.",
  920: "The API key is malformed: copy it again from your LoginRadius dashboard.",
  908: "A required value is missing (see the description): fill it in and try again.",
  938: "No account has this identifier: check the email, phone or username.",
  982: "The captcha was rejected: solve the captcha again and retry.",
  1067: "The code is wrong: check it, or press “Send me a code” to get a new one.",
  1068: "This code was already used: press “Send me a code” to get a new one.",
  1069: "This code has expired: press “Send me a code” to get a new one.",
  1134: "The new PIN does not meet the PIN policy (see the issues): choose another PIN.",
  1409: "Authentication failed: check the API key and the base URL.",
  6003: "This LoginRadius app's trial has expired: its owner has to upgrade the plan.",
  950: "The server failed unexpectedly: try again in a moment.",
};

function lockoutAdvice(error) {
  const until = error.data?.LoginLockedTimeout;
  const when = until ? new Date(until).toLocaleString() : "the lockout ends";
  return `Too many wrong codes locked this account. Wait until ${when}, then request a new code.`;
}

const LINK_ADVICE =
  "This link cannot reset your PIN any more (it was used, has expired, or a newer email replaced it): start over, ask for a new email with a link, and follow the newest one.";

function apiAdvice(error, step) {
  if (error.status === 429) {
    const wait = error.retryAfter === undefined ? "a few" : String(error.retryAfter);
    return `Too many requests: wait ${wait} seconds, then try again.`;
  }
  if (error.errorCode === 1198) return lockoutAdvice(error);
  // The local server answers 403 for a link that is used, expired or replaced (LoginRadius
  // documents no code for it): the way out is a new email.
  if (step === STEPS.token && error.status === 403 && error.errorCode === 403) return LINK_ADVICE;
  const advice = API_ADVICE[error.errorCode];
  if (advice) return advice;
  if (error.status >= 500) return "The server had a problem: try again in a moment.";
  return "Read the description above, correct the request and try again.";
}

function advice(error, step) {
  switch (error.kind) {
    case "validation":
      return "Nothing was sent. Fix the highlighted fields, then submit again.";
    case "api":
      return apiAdvice(error, step);
    case "network":
      return "Check your connection and the base URL, and that the server allows requests from this page (CORS). Then try again.";
    case "timeout":
      return step.timeoutAdvice;
    case "aborted":
      return "Nothing more will happen: the page stopped waiting. Submit again when you are ready (request a new code if this one was already used).";
    case "invalid_response":
      return "Check that the base URL points at the LoginRadius API (https://api.loginradius.com) or the local server, then try again.";
    default:
      return "Try again.";
  }
}

// ---------------------------------------------------------------------------------------------
// Start-up

function onEdit(event) {
  const id = event.target.name === "identifierKind" ? "identifier" : event.target.id;
  if (event.target.name === "identifierKind") applyIdentifierKind();
  if (id === "baseUrl") applyServerMode();
  if (id === "apiKey" && isLocalServer()) {
    refreshMessages();
    refreshAccounts();
  }
  if (id) touched.add(id);
  refresh();
}

function wireEvents() {
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", submit);
  $("cancel").addEventListener("click", cancel);
  $("send-code").addEventListener("click", sendCode);
  $("messages-refresh").addEventListener("click", refreshMessages);
}

/**
 * Opened from the email's link: read its token (readResetToken), take it out of the address bar
 * (it is a secret until used), and show the one step left, choosing a new PIN.
 */
function enterLinkStep() {
  resetToken = readResetToken(window.location);
  if (resetToken === null) return;
  const url = new URL(window.location.href);
  url.searchParams.delete("vtoken");
  url.searchParams.delete("vtype");
  history.replaceState(null, "", url);
  const apiKey = sessionStorage.getItem(API_KEY_STORE);
  if (apiKey) $("apiKey").value = apiKey;
  document.body.dataset.step = "link";
  $("link-step").hidden = false;
  for (const id of ["identify", "identifier-field", "delivery", "otp-field", "type-field", "sending"]) $(id).hidden = true;
  $("form-heading").textContent = "Choose a new PIN";
  $("pin").focus();
}

async function start() {
  const status = $("load-status");
  try {
    // The synchronous validate/build functions need the wasm loaded first (browsers only).
    await init();
  } catch (error) {
    status.dataset.state = "failed";
    status.textContent = `The package failed to load: ${error.message}`;
    $("submit").disabled = true;
    return;
  }
  $("baseUrl").value = window.location.origin;
  // The email's link opens this page: its landing step is the third call (see enterLinkStep).
  $("resetPinUrl").value = new URL("/", window.location.origin).href;
  enterLinkStep();
  applyIdentifierKind();
  applyServerMode();
  wireEvents();
  // The form opens with an account filled in, so the first "Send me a code" works.
  if (isLocalServer()) await refreshAccounts({ prefill: true });
  refresh();
  status.dataset.state = "ready";
  status.textContent = "Package loaded: the form checks your input as you type.";
}

start();
