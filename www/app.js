// The demo page. The user's side is the drop-in element <loginradius-pin-reset>: both ways to
// reset (a code, and the email's link, which opens this page with ?vtoken=) are the element's.
// This script keeps only the developer's panels: the settings (the element's attributes and
// options, and the markup they make), the requests the element sends (masked), its events and
// its flow's snapshot, and, against the local server, its fault simulator, accounts and messages.
import { init, readResetToken, validateSendResetPinOtp } from "/pkg/index.js";
import { sentence } from "/sentence.js";

const $ = (id) => document.getElementById(id);
const element = $("reset");

const MASK = "•••";
/** The settings, for this tab only: the email's link opens this page again in it (see start). */
const SETTINGS_STORE = "lr-demo-settings";
/** The settings the package validates, by the name of their input. */
const SETTING_NAMES = { apiKey: "API key", baseUrl: "Base URL", timeoutMs: "Timeout" };
/** How many requests the Requests panel keeps. */
const REQUESTS_SHOWN = 10;

/** Builds an element with text content (never HTML, since the text comes from a server). */
function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// ---------------------------------------------------------------------------------------------
// Settings: the element's attributes and options

function readSettings() {
  return {
    apiKey: $("apiKey").value.trim(),
    baseUrl: $("baseUrl").value.trim(),
    identifiers: [...document.querySelectorAll("input[name=identifiers]:checked")].map((box) => box.value),
    locale: $("locale").value,
    timeoutMs: $("timeoutMs").value.trim(),
    voice: $("voice").checked,
  };
}

function restoreSettings(saved) {
  for (const name of ["apiKey", "baseUrl", "locale", "timeoutMs"]) {
    if (typeof saved[name] === "string") $(name).value = saved[name];
  }
  $("voice").checked = saved.voice === true;
  if (Array.isArray(saved.identifiers)) {
    for (const box of document.querySelectorAll("input[name=identifiers]")) box.checked = saved.identifiers.includes(box.value);
  }
}

/** The timeout as the option: digits become a number; anything else is passed as typed, so the package explains it. */
function timeoutOption(text) {
  if (text === "") return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** The settings' problems, in the package's own words (validating a send to a placeholder address). */
function settingIssues(settings) {
  const options = { apiKey: settings.apiKey, email: "someone@example.com" };
  if (settings.baseUrl !== "") options.baseUrl = settings.baseUrl;
  if (settings.timeoutMs !== "") options.timeoutMs = timeoutOption(settings.timeoutMs);
  return validateSendResetPinOtp(options).filter((issue) => issue.field in SETTING_NAMES);
}

function showSettingIssues(issues) {
  for (const [field, name] of Object.entries(SETTING_NAMES)) {
    const messages = issues.filter((issue) => issue.field === field).map((issue) => sentence(`${name} ${issue.message}`));
    const slot = $(`${field}-error`);
    slot.textContent = messages.join(" ");
    slot.hidden = messages.length === 0;
    if (messages.length > 0) $(field).setAttribute("aria-invalid", "true");
    else $(field).removeAttribute("aria-invalid");
  }
}

function setAttribute(name, value) {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

/** The attributes these settings give the element (null: left out, the element's default). */
function attributesOf(settings) {
  const all = settings.identifiers.length === 0 || settings.identifiers.length === 3;
  return {
    "api-key": settings.apiKey,
    "base-url": settings.baseUrl === "" ? null : settings.baseUrl,
    identifiers: all ? null : settings.identifiers.join(" "),
    locale: settings.locale === "en" ? null : settings.locale,
    voice: settings.voice ? "" : null,
    // The email's link opens this page, where the element finds the token.
    "reset-pin-url": new URL("/", window.location.origin).href,
  };
}

let appliedTimeout = null;

/** Gives the element the settings; a new API key, base URL or timeout starts it over. */
function applySettings() {
  const settings = readSettings();
  sessionStorage.setItem(SETTINGS_STORE, JSON.stringify(settings));
  showSettingIssues(settingIssues(settings));
  const attributes = attributesOf(settings);
  for (const [name, value] of Object.entries(attributes)) setAttribute(name, value);
  if (appliedTimeout !== settings.timeoutMs) {
    appliedTimeout = settings.timeoutMs;
    const timeoutMs = timeoutOption(settings.timeoutMs);
    element.options = { fetch: recordingFetch, ...(timeoutMs !== undefined && { timeoutMs }) };
  }
  renderMarkup(attributes, settings.timeoutMs);
  watchFlow();
}

function quoted(value) {
  return `"${value.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}"`;
}

/** The element as an app writes it, with these settings. */
function renderMarkup(attributes, timeout) {
  const lines = Object.entries(attributes)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => (value === "" ? `  ${name}` : `  ${name}=${quoted(value)}`));
  const markup = [
    '<script type="module">',
    '  import "loginradius-pin-reset/element";',
    "</script>",
    "<loginradius-pin-reset",
    ...lines,
    "></loginradius-pin-reset>",
  ];
  if (timeout !== "") markup.push("", "<!-- and in a script: -->", `element.options = { timeoutMs: ${timeout} };`);
  $("markup").textContent = markup.join("\n");
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
// Requests: what the element sends, through its options.fetch

/** The body with the code, the PIN and the link's token masked. */
function maskBody(body) {
  try {
    const parsed = JSON.parse(body);
    for (const key of Object.keys(parsed)) {
      if (/^(otp|pin|resettoken)$/i.test(key)) parsed[key] = MASK;
    }
    return JSON.stringify(parsed, null, 2);
  } catch {
    return body === undefined ? "" : MASK; // never shown unmasked: it may hold a secret
  }
}

function formatRequest(url, init) {
  const headers = [...new Headers(init.headers)].map(([name, value]) => `${name}: ${value}`);
  return [`${init.method ?? "GET"} ${url}`, ...headers, "", maskBody(init.body)].join("\n");
}

/** The element's fetch: lists the request, arms the chosen fault first, then notes the answer. */
async function recordingFetch(input, init = {}) {
  const url = String(input);
  const answer = el("p", "Waiting for the answer…", { class: "hint", "data-testid": "request-answer" });
  const item = el("li", undefined, { class: "request", "data-testid": "request" });
  item.append(el("pre", formatRequest(url, init), { class: "preview", "data-testid": "request-text" }), answer);
  $("request-list").prepend(item);
  $("request-list").querySelector(`li:nth-child(${REQUESTS_SHOWN + 1})`)?.remove();
  $("requests-status").textContent = "";
  await armFault(url);
  const started = performance.now();
  const after = () => `after ${Math.round(performance.now() - started)} ms`;
  try {
    const response = await fetch(input, init);
    answer.textContent = `Answered ${response.status} ${after()}.`;
    answer.dataset.status = String(response.status);
    if (isLocalServer()) refreshMessages();
    return response;
  } catch (error) {
    answer.textContent =
      error?.name === "AbortError"
        ? `No answer: the element stopped waiting ${after()} (its timeout, or Cancel).`
        : sentence(`No answer ${after()}: ${error?.message ?? error}`);
    answer.dataset.status = "none";
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Events and the flow's snapshot

let watched = null;
let unwatch = () => {};

/** Shows the snapshot of the element's flow, following it when a new setting makes a new one. */
function watchFlow() {
  if (element.flow === watched) return;
  unwatch();
  watched = element.flow;
  unwatch = watched?.subscribe((snapshot) => {
    $("snapshot").textContent = JSON.stringify(snapshot, null, 2);
  }) ?? (() => {});
}

function logEvent(event) {
  const { detail } = event;
  const summary =
    event.type === "pinreset"
      ? `by ${detail.via === "link" ? "the email's link" : `a code to the ${detail.identifierKind}`}`
      : `${detail.errorCode ?? detail.kind}: ${detail.title}`;
  const item = el("li", undefined, { class: "event", "data-testid": "event", "data-type": event.type });
  item.append(el("code", event.type), ` ${summary}`);
  $("event-list").prepend(item);
}

// ---------------------------------------------------------------------------------------------
// The local server's development API: faults, accounts, messages

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

/** Arms the chosen fault for the request to `url`, once; the choice then goes back to none. */
async function armFault(url) {
  const select = $("fault");
  const fault = select.value;
  if (fault === "" || !isLocalServer()) return;
  const name = select.selectedOptions[0].textContent;
  select.value = "";
  try {
    await callDev("POST", "faults", { fault, times: 1 });
    $("fault-status").textContent = `“${name}” armed for the request to ${new URL(url).pathname}.`;
  } catch (error) {
    $("fault-status").textContent = sentence(`“${name}” could not be armed: ${error.message}`);
  }
}

/** The fault simulator, the accounts and the messages work only against the local server. */
function applyServerMode() {
  const local = isLocalServer();
  $("faults").hidden = !local;
  $("messages").hidden = !local;
  $("accounts").hidden = !local || linkLanding;
  // A malformed key names no tenant: its error is under the setting, not asked of the server.
  if (local && $("apiKey").getAttribute("aria-invalid") === "true") {
    $("message-list").replaceChildren();
    $("account-list").replaceChildren();
    listed = { apiKey: null, count: 0 };
    for (const id of ["messages-status", "accounts-status"]) $(id).textContent = "Fix the API key under Settings to see its accounts and messages.";
  } else if (local) {
    refreshMessages();
    refreshAccounts();
  }
}

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

const KIND_LABELS = { email: "Email", phone: "Phone", username: "Username" };

/** Only the latest accounts read renders, as for the messages. */
let latestAccountsRead = 0;

/** How the element names a listed account: by its username, else its phone, else its email. */
function accountIdentity(account) {
  const kind = ["username", "phone", "email"].find((name) => account[name]);
  return kind ? { kind, identifier: account[kind] } : null;
}

/** Puts `identifier` in the element, offering its kind first if the settings left it out. */
function useAccount({ kind, identifier }) {
  const box = document.querySelector(`input[name=identifiers][value=${kind}]`);
  if (!box.checked) {
    box.checked = true;
    applySettings();
  }
  element.fill({ [kind]: identifier });
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
    element.focus(); // on to the element's field: Enter sends the code
  });
  item.append(
    el("span", `${KIND_LABELS[identity.kind]}: `),
    el("code", identity.identifier, { "data-testid": "account-identifier" }),
    " ",
    button,
  );
  return item;
}

/** Lists the accounts; with `prefill`, the first one goes into the element. */
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
  if (prefill && identities.length > 0) useAccount(identities[0]);
}

// ---------------------------------------------------------------------------------------------
// Start-up

/** Opened from the email's link: the element shows "choose a new PIN"; no account to choose. */
const linkLanding = readResetToken(window.location) !== null;

function onSettingsEdit(event) {
  applySettings();
  if (["apiKey", "baseUrl"].includes(event.target.id)) applyServerMode();
}

async function start() {
  const status = $("load-status");
  try {
    // The settings are checked with the package's synchronous validation: the wasm first.
    await init();
  } catch (error) {
    status.dataset.state = "failed";
    status.textContent = `The package failed to load: ${error.message}`;
    return;
  }
  $("baseUrl").value = window.location.origin;
  // Landing from the email's link, the settings that asked for it (its API key) come back.
  const saved = linkLanding ? sessionStorage.getItem(SETTINGS_STORE) : null;
  if (saved) restoreSettings(JSON.parse(saved));
  for (const type of ["pinreset", "pinreseterror"]) document.addEventListener(type, logEvent);
  // Configured before it is defined, so the element starts once, with these settings.
  applySettings();
  await import("/pkg/element.js");
  watchFlow();
  $("settings").addEventListener("input", onSettingsEdit);
  $("messages-refresh").addEventListener("click", refreshMessages);
  applyServerMode();
  // The element opens with an account filled in, so the first "Send me a code" works.
  if (isLocalServer() && !linkLanding) await refreshAccounts({ prefill: true });
  status.dataset.state = "ready";
  status.textContent = "Package loaded.";
}

start();
