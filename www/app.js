// The demo page: a form over every option of resetPinWithOtp, with live validation, a masked
// preview of the request, the OTP step against the local server, and a clear outcome panel.
import {
  init,
  resetPinWithOtp,
  validateResetPinWithOtp,
  buildResetPinWithOtpRequest,
  isLoginRadiusError,
} from "/pkg/index.js";

const $ = (id) => document.getElementById(id);

/** Free-text options, passed on when not empty (the id of each input is the option's name). */
const TEXT_OPTIONS = [
  "apiKey",
  "otp",
  "gRecaptchaResponse",
  "gRecaptchaResponseAlt",
  "hCaptchaResponse",
  "qqCaptchaTicket",
  "qqCaptchaRandstr",
  "baseUrl",
];
const BOOLEAN_OPTIONS = ["preventWebhook", "xPreventWebhook"];
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

/** The options object exactly as the form describes it; empty optional fields are left out. */
function readOptions() {
  const options = {};
  for (const name of TEXT_OPTIONS) {
    const value = $(name).value.trim();
    if (value !== "") options[name] = value;
  }
  // Not trimmed: a space in a PIN is an error the user should see, not something to hide.
  if ($("pin").value !== "") options.pin = $("pin").value;
  const identifier = $("identifier").value.trim();
  if (identifier !== "") options[identifierKind()] = identifier;
  if ($("type").value !== "") options.type = $("type").value;
  for (const name of BOOLEAN_OPTIONS) {
    if ($(name).value !== "") options[name] = $(name).value === "true";
  }
  const timeout = $("timeoutMs").value.trim();
  // Digits become a number; anything else is passed as typed so validation explains the problem.
  if (timeout !== "") options.timeoutMs = /^\d+$/.test(timeout) ? Number(timeout) : timeout;
  return options;
}

/** The page's own origin when the base URL points at it, i.e. at the local mock server. */
function localServerOrigin() {
  try {
    const origin = new URL($("baseUrl").value.trim()).origin;
    return origin === window.location.origin ? origin : null;
  } catch {
    return null;
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
    const text = `${fieldName(issue.field)} ${issue.message}.`;
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
    if (/^(otp|pin)$/i.test(key)) parsed[key] = MASK;
  }
  return JSON.stringify(parsed, null, 2);
}

function formatRequest(request) {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
  return [`${request.method} ${request.url}`, ...headers, "", maskBody(request.body)].join("\n");
}

function renderPreview(options, issues) {
  const preview = $("preview");
  if (issues.length > 0) {
    preview.dataset.state = "invalid";
    preview.textContent = `No request yet: ${issues.length} field(s) need attention.`;
    return;
  }
  try {
    preview.textContent = formatRequest(buildResetPinWithOtpRequest(options));
    preview.dataset.state = "ready";
  } catch (error) {
    // validate and build share their rules, so this only happens if they ever disagree.
    preview.dataset.state = "invalid";
    preview.textContent = `No request yet: ${error.message}`;
  }
}

/** Re-validates and re-renders the preview; returns the current issues. */
function refresh() {
  const options = readOptions();
  const issues = validateResetPinWithOtp(options);
  renderValidation(issues);
  renderPreview(options, issues);
  return issues;
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
}

/** "Send me a code" and the fault simulator only make sense against the local server. */
function applyServerMode() {
  const local = localServerOrigin() !== null;
  $("send-code").disabled = !local || inFlight !== null;
  $("fault").disabled = !local;
  if (!local) {
    $("send-code-status").textContent =
      "Against another server the code comes from LoginRadius by SMS or email.";
  } else if ($("send-code-status").dataset.local !== "true") {
    $("send-code-status").textContent = "";
  }
  $("send-code-status").dataset.local = String(local);
}

/** POSTs JSON to a development endpoint of the local server; returns the parsed answer. */
async function postDev(path, body) {
  const url = new URL(`/__dev/${path}`, window.location.origin);
  url.searchParams.set("apikey", $("apiKey").value.trim());
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `the server answered ${response.status}`);
  return data;
}

async function sendCode() {
  const status = $("send-code-status");
  const identifier = $("identifier").value.trim();
  if (identifier === "") {
    status.textContent = `Enter your ${fieldName("identifier").toLowerCase()} first.`;
    $("identifier").focus();
    return;
  }
  status.textContent = "Sending a code…";
  try {
    const { otp, expiresAt } = await postDev("otp", { [identifierKind()]: identifier });
    $("otp").value = otp;
    touched.add("otp");
    const until = new Date(expiresAt).toLocaleTimeString();
    status.textContent = `A code was issued and filled in below (valid until ${until}).`;
    refresh();
  } catch (error) {
    status.textContent = `Could not get a code: ${error.message}.`;
  }
}

/** Arms the chosen fault for the next reset call of this API key (development only). */
async function armFault() {
  const fault = $("fault").value;
  if (fault === "" || localServerOrigin() === null) return;
  await postDev("faults", { fault, times: 1 });
}

// ---------------------------------------------------------------------------------------------
// Busy state and the call itself

function setBusy(busy) {
  form.setAttribute("aria-busy", String(busy));
  $("submit").disabled = busy;
  $("cancel").disabled = !busy;
  $("busy").hidden = !busy;
  applyServerMode();
}

async function submit(event) {
  event.preventDefault();
  if (inFlight) return;
  showAllErrors = true;
  const issues = refresh();
  const options = readOptions();
  inFlight = new AbortController();
  options.signal = inFlight.signal;
  setBusy(true);
  showWorking();
  const started = performance.now();
  try {
    // Validation errors still go through the package, so the page shows its real rejection.
    if (issues.length === 0) await armFault();
    await resetPinWithOtp(options);
    showSuccess(performance.now() - started);
  } catch (error) {
    showError(error, performance.now() - started);
    if (error?.kind === "validation") focusFirstInvalid();
  } finally {
    const cancelHadFocus = document.activeElement === $("cancel");
    inFlight = null;
    setBusy(false);
    // A disabled button drops focus to <body>; keep keyboard users in the form.
    if (cancelHadFocus) $("submit").focus();
  }
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

function showSuccess(ms) {
  setOutcome("success", null, [
    el("p", "Your PIN was reset.", { class: "outcome-title", "data-testid": "outcome-title" }),
    el("p", `The server answered {"IsPosted": true} after ${Math.round(ms)} ms.`),
    el("p", "Sign in with your new PIN. The code you used cannot be used again.", {
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
  for (const issue of issues) list.append(el("li", `${fieldName(issue.field)} (${issue.field}) ${issue.message}.`));
  return list;
}

function showError(error, ms) {
  if (!isLoginRadiusError(error)) {
    setOutcome("error", "unexpected", [
      el("p", "Something unexpected went wrong.", { class: "outcome-title", "data-testid": "outcome-title" }),
      el("p", String(error?.message ?? error)),
    ]);
    return;
  }
  const children = [
    el("p", TITLES[error.kind] ?? "The request failed.", {
      class: "outcome-title",
      "data-testid": "outcome-title",
    }),
    el("p", `After ${Math.round(ms)} ms: ${error.message}`, { class: "hint" }),
    errorDetails(error),
  ];
  if (error.issues.length > 0) children.push(issueList(error.issues));
  children.push(el("p", nextStep(error), { class: "next-step", "data-testid": "next-step" }));
  setOutcome("error", error.kind, children);
}

const TITLES = {
  validation: "Some fields need fixing.",
  api: "The server refused the reset.",
  network: "The request did not reach the server.",
  timeout: "The server did not answer in time.",
  aborted: "You cancelled the request.",
  invalid_response: "The server's answer was not a LoginRadius response.",
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

function apiAdvice(error) {
  if (error.status === 429) {
    const wait = error.retryAfter === undefined ? "a few" : String(error.retryAfter);
    return `Too many requests: wait ${wait} seconds, then try again.`;
  }
  if (error.errorCode === 1198) return lockoutAdvice(error);
  const advice = API_ADVICE[error.errorCode];
  if (advice) return advice;
  if (error.status >= 500) return "The server had a problem: try again in a moment.";
  return "Read the description above, correct the request and try again.";
}

function nextStep(error) {
  switch (error.kind) {
    case "validation":
      return "Nothing was sent. Fix the highlighted fields, then submit again.";
    case "api":
      return apiAdvice(error);
    case "network":
      return "Check your connection and the base URL, and that the server allows requests from this page (CORS). Then try again.";
    case "timeout":
      return "The reset may or may not have happened. Request a new code and try again, or raise the timeout.";
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
  if (id) touched.add(id);
  refresh();
}

function wireEvents() {
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("submit", submit);
  $("cancel").addEventListener("click", cancel);
  $("send-code").addEventListener("click", sendCode);
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
  applyIdentifierKind();
  applyServerMode();
  wireEvents();
  refresh();
  status.dataset.state = "ready";
  status.textContent = "Package loaded: the form checks your input as you type.";
}

start();
