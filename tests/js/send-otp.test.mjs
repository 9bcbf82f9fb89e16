// sendResetPinOtp, validateSendResetPinOtp and buildSendResetPinOtpRequest: the step before the
// reset, in Node (pkg/node.mjs) and in this run's browser (the mock's /pkg/index.js, from a page on
// the mock's origin and, for the calls that reach the mock, from another origin). The exact request
// for each identifier, byte for byte, as built, as a custom fetch receives it and as the mock's
// outbox shows it arrived; every option rule; every error kind; the two steps together (send, read
// the code from the outbox, reset with it, reuse it).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { assertError, closedPort, expectedError, outbox, places, startEnv } from "./support.mjs";

const GUID = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";
const PHONE = "+919876543210";
const EMAIL = "ada@example.com";
const USERNAME = "ada";
const FORGOT = "/identity/v2/auth/pin/forgot/";
const HEADERS = { "Content-Type": "application/json", Accept: "application/json" };
const TIMEOUT_MS = 300;
const SETTLES_WITHIN_MS = 30_000;

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

/** A fresh tenant (with `settings`) holding one user with all three identifiers (and `state`). */
async function seedUser({ settings = {}, state = {} } = {}) {
  const apiKey = await env.dev.createTenant({ rateLimit: 0, ...settings });
  await env.dev.createUser(apiKey, { email: EMAIL, phone: PHONE, username: USERNAME, pin: "1111", ...state });
  return { apiKey, baseUrl: env.url };
}

// ---------------------------------------------------------------------------------------------
// Routines run in Node and in pages: self-contained (pages get their source), JSON in and out.

/**
 * The request for `spec.options` three ways: as built, as a custom fetch receives it (which then
 * forwards it to the real fetch, so it reaches the mock), and sent by the package's own fetch.
 */
async function requestThreeWays(lib, spec, h) {
  const received = [];
  const recordingFetch = (url, init) => {
    received.push({
      urlType: typeof url,
      url,
      initKeys: Object.keys(init).sort(),
      method: init.method,
      headersIsHeaders: init.headers instanceof Headers,
      headers: [...init.headers],
      body: init.body,
      signalIsAbortSignal: init.signal instanceof AbortSignal,
    });
    return fetch(url, init);
  };
  const built = h.settleSync(() => lib.buildSendResetPinOtpRequest(spec.options));
  const viaCustomFetch = await h.settle(() => lib.sendResetPinOtp({ ...spec.options, fetch: recordingFetch }));
  const viaOwnFetch = await h.settle(() => lib.sendResetPinOtp(spec.options));
  return { built, received, viaCustomFetch, viaOwnFetch };
}

/**
 * Each options object through the three functions, with a custom fetch (unless the options bring
 * their own) that counts what would have been sent.
 */
async function validationOutcomes(lib, cases, h) {
  const outcomes = [];
  for (const options of cases) {
    let fetched = 0;
    const countingFetch = () => {
      fetched += 1;
      return Promise.resolve(new Response('{"IsPosted":true}'));
    };
    const withFetch = { fetch: countingFetch, ...options };
    const issues = h.settleSync(() => lib.validateSendResetPinOtp(withFetch));
    const built = h.settleSync(() => lib.buildSendResetPinOtpRequest(withFetch));
    const sent = await h.settle(() => lib.sendResetPinOtp(withFetch));
    outcomes.push({ issues, built, sent, fetched });
  }
  return outcomes;
}

/**
 * One call of `lib[spec.call]` (sendResetPinOtp or resetPinWithOtp) with `spec.options`, an
 * optional abort ("before", or after `abortAfterMs`) and an optional custom fetch by name.
 */
async function callOnce(lib, spec, h) {
  const FETCHES = {
    neverAnswers: () => new Promise(() => {}),
    answersHtml: () =>
      Promise.resolve(
        new Response("<!doctype html><title>Sign in</title>", { status: 200, headers: { "Content-Type": "text/html" } }),
      ),
    answersNotAResponse: () => Promise.resolve({ IsPosted: true }),
  };
  const custom = spec.fetch ? { fetch: FETCHES[spec.fetch] } : {};
  const options = h.withAbort({ ...spec.options, ...custom }, spec.abort, spec.abortAfterMs);
  const started = Date.now();
  const outcome = await h.settle(() => lib[spec.call ?? "sendResetPinOtp"](options));
  return { ...outcome, elapsedMs: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------
// 1. The exact request for each identifier.

const EXACT = [
  {
    name: "phone, with an SMS template and a voice call",
    options: { phone: PHONE, smsTemplate: "pin-sms", isVoiceOtp: true },
    query: (key) => `otp?apikey=${key}&smstemplate=pin-sms&isvoiceotp=true`,
    body: '{"phone":"+919876543210"}',
    delivered: { channel: "voice", identifier: PHONE, to: PHONE, template: "pin-sms", resetPinUrl: null },
    sid: /^CA[0-9a-f]{32}$/,
  },
  {
    name: "phone, by SMS (isVoiceOtp false)",
    options: { phone: PHONE, isVoiceOtp: false },
    query: (key) => `otp?apikey=${key}&isvoiceotp=false`,
    body: '{"phone":"+919876543210"}',
    delivered: { channel: "sms", identifier: PHONE, to: PHONE, template: null, resetPinUrl: null },
    sid: /^SM[0-9a-f]{32}$/,
  },
  {
    name: "email, with its template and an https resetPinUrl (query, & and fragment encoded)",
    options: { email: EMAIL, emailTemplate: "forgot-pin", resetPinUrl: "https://app.example.com/reset?from=mail&x=1#top" },
    query: (key) =>
      `email?apikey=${key}&emailtemplate=forgot-pin` +
      "&resetpinurl=https%3A%2F%2Fapp.example.com%2Freset%3Ffrom%3Dmail%26x%3D1%23top",
    body: '{"email":"ada@example.com"}',
    delivered: {
      channel: "email",
      identifier: EMAIL,
      to: EMAIL,
      template: "forgot-pin",
      resetPinUrl: "https://app.example.com/reset?from=mail&x=1#top",
    },
  },
  {
    name: "username: the email goes to the account's address",
    options: { username: USERNAME, emailTemplate: "forgot-pin" },
    query: (key) => `username?apikey=${key}&emailtemplate=forgot-pin`,
    body: '{"username":"ada"}',
    delivered: { channel: "email", identifier: USERNAME, to: EMAIL, template: "forgot-pin", resetPinUrl: null },
  },
  {
    name: "every captcha token, encoded, on a tenant with bot protection",
    settings: { botProtection: true },
    options: {
      email: EMAIL,
      gRecaptchaResponse: "g 1",
      gRecaptchaResponseAlt: "g&2",
      hCaptchaResponse: "h=3",
      qqCaptchaTicket: "t/4",
      qqCaptchaRandstr: "r?5",
    },
    query: (key) =>
      `email?apikey=${key}&g-recaptcha-response=g%201&g_recaptcha_response=g%262` +
      "&qq_captcha_ticket=t%2F4&qq_captcha_randstr=r%3F5&h-captcha-response=h%3D3",
    body: '{"email":"ada@example.com"}',
    delivered: { channel: "email", identifier: EMAIL, to: EMAIL, template: null, resetPinUrl: null },
  },
];

/** What a successful send resolves with: Data (the SMS or call) for a phone only. */
function assertSendResult(result, row) {
  assert.equal(result.ok, true, JSON.stringify(result));
  if (!row.sid) return assert.deepEqual(result.value, { IsPosted: true });
  assert.deepEqual(Object.keys(result.value).sort(), ["Data", "IsPosted"]);
  assert.equal(result.value.IsPosted, true);
  assert.deepEqual(Object.keys(result.value.Data).sort(), ["AccountSid", "Sid"]);
  assert.match(result.value.Data.AccountSid, /^AC[0-9a-f]{32}$/);
  assert.match(result.value.Data.Sid, row.sid);
}

/** The outbox holds exactly the two sends, each as `row.delivered`, each with its own code and sid. */
function assertDelivered(entries, row, results) {
  assert.equal(entries.length, 2, JSON.stringify(entries));
  entries.forEach((entry, i) => {
    const { channel, identifier, to, template, resetPinUrl } = entry;
    assert.deepEqual({ channel, identifier, to, template, resetPinUrl }, row.delivered);
    assert.match(entry.otp, /^\d{6}$/);
    assert.equal(entry.sid, row.sid ? results[i].value.Data.Sid : null);
  });
}

async function assertExactRequest(where, row) {
  const { apiKey, baseUrl } = await seedUser({ settings: row.settings });
  const options = { apiKey, baseUrl, ...row.options };
  const url = `${baseUrl}${FORGOT}${row.query(apiKey)}`;
  const got = await env.run(where, requestThreeWays, { options });

  // Built: the exact object, key order included.
  assert.equal(got.built.ok, true, JSON.stringify(got.built));
  assert.equal(JSON.stringify(got.built.value), JSON.stringify({ method: "POST", url, headers: HEADERS, body: row.body }));
  // Received by a custom fetch: called as a standard fetch is.
  assert.deepEqual(got.received, [
    {
      urlType: "string",
      url,
      initKeys: ["body", "headers", "method", "signal"],
      method: "POST",
      headersIsHeaders: true,
      headers: [["accept", "application/json"], ["content-type", "application/json"]],
      body: row.body,
      signalIsAbortSignal: true,
    },
  ]);
  // Sent through the custom fetch, then through the package's own: both arrived.
  assertSendResult(got.viaCustomFetch, row);
  assertSendResult(got.viaOwnFetch, row);
  assertDelivered(await outbox(env, apiKey), row, [got.viaCustomFetch, got.viaOwnFetch]);
}

for (const [where, title] of places(["node", "same", "cross"])) {
  describe(`sendResetPinOtp, the exact request: ${title}`, () => {
    for (const row of EXACT) test(row.name, () => assertExactRequest(where, row));
  });
}

// ---------------------------------------------------------------------------------------------
// 2. The option rules.

const MESSAGES = {
  guid: "must be a GUID like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (your LoginRadius API key)",
  phone: "must be 5 to 15 digits with an optional leading +, like +919876543210 (no spaces or dashes)",
  email: "must be an email address like name@example.com",
  https: "must be an https URL like https://example.com/reset-pin",
  empty: "must not be empty",
  spaces: "must not contain spaces or control characters",
  atMost: (n) => `must be at most ${n} characters`,
  type: (article, type) => `must be a string, got ${article} ${type}`,
  timeout: "must be a whole number of milliseconds from 1 to 600000",
  notAnOption: (extra = "") => `is not an option of sendResetPinOtp${extra}`,
  phoneOnly: (given) => `applies to a phone only, but the code goes to the ${given} given; leave it out`,
  emailOnly: "applies to an email or a username only, but the code goes to the phone given; leave it out",
  together: "cannot be given together with email; pass exactly one of email, phone or username",
};

/** [value, message] pairs shared by the fields that follow one rule. */
const TEMPLATE_BAD = [
  ["", MESSAGES.empty],
  ["pin sms", MESSAGES.spaces],
  ["tab\there", MESSAGES.spaces],
  ["t".repeat(129), MESSAGES.atMost(128)],
  [1, MESSAGES.type("a", "number")],
];
const CAPTCHA_BAD = [
  ["", "must not be empty; leave the option out instead"],
  ["c".repeat(8193), MESSAGES.atMost(8192)],
  [5, MESSAGES.type("a", "number")],
];
const expand = (fields, bad) => fields.flatMap((field) => bad.map(([value, message]) => [field, value, message]));

/**
 * Every option's bad values: [field, value, the one issue it gives (on `issueField` when given)],
 * in the order the validator reports them (the options table's).
 */
const BAD_VALUES = [
  ["apiKey", "", "is required and must not be empty"],
  ["apiKey", "not-a-guid", MESSAGES.guid],
  ["apiKey", `${GUID}0`, MESSAGES.guid],
  ["apiKey", 42, MESSAGES.type("a", "number")],
  ["phone", "12", MESSAGES.phone],
  ["phone", "+1 555 0123", MESSAGES.phone],
  ["phone", "+91-98765-43210", MESSAGES.phone],
  ["phone", "1234567890123456", MESSAGES.phone],
  ["phone", 919876543210, MESSAGES.type("a", "number")],
  ["email", "ada@example", MESSAGES.email],
  ["email", "ada.example.com", MESSAGES.email],
  ["email", "", MESSAGES.empty],
  ["email", `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.com`, MESSAGES.atMost(254)],
  ["username", "", MESSAGES.empty],
  ["username", "ada lovelace", MESSAGES.spaces],
  ["username", "u".repeat(33), MESSAGES.atMost(32)],
  ["username", true, MESSAGES.type("a", "boolean")],
  ...expand(["smsTemplate"], TEMPLATE_BAD),
  ["isVoiceOtp", "true", "must be true or false, got a string"],
  ["isVoiceOtp", 1, "must be true or false, got a number"],
  ["isVoiceOtp", null, "must be true or false, got null"],
  ...expand(["emailTemplate"], TEMPLATE_BAD),
  ["resetPinUrl", "http://app.example.com/reset", MESSAGES.https],
  ["resetPinUrl", "app.example.com/reset", MESSAGES.https],
  ["resetPinUrl", "javascript:alert(1)", MESSAGES.https],
  ["resetPinUrl", "https://", MESSAGES.https],
  ["resetPinUrl", "https://user:pw@app.example.com/reset", "must not contain credentials (user:password@)"],
  ["resetPinUrl", "https://app.example.com/a b", MESSAGES.spaces],
  ["resetPinUrl", `https://app.example.com/${"r".repeat(2025)}`, MESSAGES.atMost(2048)],
  ["resetPinUrl", 7, MESSAGES.type("a", "number")],
  ...expand(["gRecaptchaResponse", "gRecaptchaResponseAlt", "hCaptchaResponse"], CAPTCHA_BAD),
  ["baseUrl", "ftp://127.0.0.1", "must start with https:// (or http:// for localhost, 127.0.0.1 or [::1])"],
  ["baseUrl", "http://example.com", "must use https:// unless the host is localhost, 127.0.0.1 or [::1]"],
  ["baseUrl", "https://example.com/?q=1", "must not contain a query (?) or fragment (#)"],
  ["timeoutMs", 0, MESSAGES.timeout],
  ["timeoutMs", 0.5, MESSAGES.timeout],
  ["timeoutMs", 600001, MESSAGES.timeout],
  ["timeoutMs", -1, MESSAGES.timeout],
  ["timeoutMs", "1000", "must be a number, got a string"],
  ["signal", "abort", "must be an AbortSignal, got a string"],
  ["signal", {}, "must be an AbortSignal, got an object"],
  ["fetch", "fetch", "must be a function, got a string"],
  // Last: the pair is checked after every single option.
  ["qqCaptchaTicket", "t", "is required when qqCaptchaTicket is given (the two go together)", "qqCaptchaRandstr"],
  ["qqCaptchaRandstr", "r", "is required when qqCaptchaRandstr is given (the two go together)", "qqCaptchaTicket"],
];

/** The identifier that goes with an option (for the identifiers: the value under test). */
function identifierFor(field) {
  if (["phone", "email", "username"].includes(field)) return {};
  if (["smsTemplate", "isVoiceOtp"].includes(field)) return { phone: PHONE };
  return { email: EMAIL };
}

const validBase = (field) => ({ apiKey: GUID, baseUrl: "http://127.0.0.1:9", ...identifierFor(field) });

/** One case per bad value: [name, options, the issues expected]. */
const BAD_VALUE_CASES = BAD_VALUES.map(([field, value, message, issueField = field]) => [
  `${field} = ${JSON.stringify(value).slice(0, 40)}`,
  { ...validBase(field), [field]: value },
  [{ field: issueField, message }],
]);

/**
 * The first bad value of each option, all in one object per identifier (without the other
 * identifiers, their delivery options, and qqCaptchaRandstr, which would complete the pair).
 */
function allAtOnceCase(identifier) {
  const others = {
    phone: ["email", "username", "emailTemplate", "resetPinUrl"],
    email: ["phone", "username", "smsTemplate", "isVoiceOtp"],
    username: ["phone", "email", "smsTemplate", "isVoiceOtp"],
  };
  const excluded = [...others[identifier], "qqCaptchaRandstr"];
  const options = {};
  const issues = [];
  for (const [field, value, message, issueField = field] of BAD_VALUES) {
    if (excluded.includes(field) || field in options) continue;
    options[field] = value;
    issues.push({ field: issueField, message });
  }
  return [`every option wrong at once, with a bad ${identifier}`, options, issues];
}

const WRONG_IDENTIFIER_CASES = [
  [{ email: EMAIL }, "smsTemplate", "pin-sms", MESSAGES.phoneOnly("email")],
  [{ email: EMAIL }, "isVoiceOtp", true, MESSAGES.phoneOnly("email")],
  [{ username: USERNAME }, "smsTemplate", "pin-sms", MESSAGES.phoneOnly("username")],
  [{ username: USERNAME }, "isVoiceOtp", false, MESSAGES.phoneOnly("username")],
  [{ phone: PHONE }, "emailTemplate", "forgot-pin", MESSAGES.emailOnly],
  [{ phone: PHONE }, "resetPinUrl", "https://app.example.com/reset", MESSAGES.emailOnly],
].map(([identifier, field, value, message]) => [
  `${field} with ${Object.keys(identifier)[0]}`,
  { apiKey: GUID, ...identifier, [field]: value },
  [{ field, message }],
]);

/** The resets' keys, and which reset takes each. */
const RESET_ONLY = [
  ["otp", "resetPinWithOtp"],
  ["type", "resetPinWithOtp"],
  ["pin", "resetPinWithOtp and resetPinWithToken"],
  ["preventWebhook", "resetPinWithOtp and resetPinWithToken"],
  ["xPreventWebhook", "resetPinWithOtp and resetPinWithToken"],
  ["resetToken", "resetPinWithToken"],
];
const UNKNOWN_KEY_CASES = [
  ...RESET_ONLY.map(([key, calls]) => [key, "1", MESSAGES.notAnOption(`; it is one of ${calls}`)]),
  ["phoneNumber", PHONE, MESSAGES.notAnOption('; did you mean "phone"?')],
  ["smstemplate", "pin-sms", MESSAGES.notAnOption('; did you mean "smsTemplate"?')],
  ["isvoiceotp", true, MESSAGES.notAnOption('; did you mean "isVoiceOtp"?')],
  ["ResetPinUrl", "https://app.example.com/", MESSAGES.notAnOption('; did you mean "resetPinUrl"?')],
  ["colour", "blue", MESSAGES.notAnOption()],
].map(([key, value, message]) => [`unknown key ${key}`, { apiKey: GUID, phone: PHONE, [key]: value }, [{ field: key, message }]]);

const IDENTIFIER_COUNT_CASES = [
  ["no identifier", { apiKey: GUID }, [{ field: "identifier", message: "is required: give one of email, phone or username" }]],
  ["no options at all", {}, [
    { field: "apiKey", message: "is required" },
    { field: "identifier", message: "is required: give one of email, phone or username" },
  ]],
  ["email and phone", { apiKey: GUID, email: EMAIL, phone: PHONE }, [{ field: "phone", message: MESSAGES.together }]],
  ["all three", { apiKey: GUID, email: EMAIL, phone: PHONE, username: USERNAME }, [
    { field: "phone", message: MESSAGES.together },
    { field: "username", message: MESSAGES.together },
  ]],
];

/** Values at the edges of the rules, which must be accepted. */
const GOOD_CASES = [
  { phone: "12345" },
  { phone: "+123456789012345", smsTemplate: "t".repeat(128), isVoiceOtp: false },
  { username: "u".repeat(32), emailTemplate: "é漢".repeat(64) },
  { email: `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com` },
  { email: EMAIL, resetPinUrl: "https://example.com" },
  { email: EMAIL, resetPinUrl: `https://app.example.com/${"r".repeat(2024)}` },
  { email: EMAIL, resetPinUrl: "https://[::1]:8443/r?x=1#f" },
  { email: EMAIL, qqCaptchaTicket: "t", qqCaptchaRandstr: "r", hCaptchaResponse: "c".repeat(8192) },
  { phone: PHONE, timeoutMs: 1 },
  { phone: PHONE, timeoutMs: 600000, baseUrl: "https://eu.example.com/prefix/" },
].map((options) => [`accepted: ${Object.keys(options).join(", ")}`, { apiKey: GUID, baseUrl: "http://127.0.0.1:9", ...options }, []]);

/** Validate, build and send agree: the issues, or a request that is sent once. */
function assertValidation(name, outcome, issues) {
  assert.deepEqual(outcome.issues, { ok: true, value: issues }, name);
  if (issues.length === 0) {
    assert.equal(outcome.built.ok && outcome.built.value.method, "POST", name);
    assert.deepEqual(outcome.sent, { ok: true, value: { IsPosted: true } }, name);
    assert.equal(outcome.fetched, 1, name);
    return;
  }
  for (const [step, result] of [["build", outcome.built], ["send", outcome.sent]]) {
    assert.equal(result.ok, false, `${name}: ${step} accepted it`);
    const { name: errorName, kind, status, issues: got, isError, isTrap } = result.error;
    assert.deepEqual({ errorName, kind, status, issues: got, isError, isTrap }, {
      errorName: "LoginRadiusError", kind: "validation", status: 0, issues, isError: true, isTrap: false,
    }, `${name}: ${step}`);
    const listed = issues.map((i) => `${i.field} ${i.message}`).join("; ");
    // One full stop, none after a message that already ends a sentence ("did you mean …?").
    const stop = /[.!?…]$/.test(listed) ? "" : ".";
    assert.equal(result.error.message, `Invalid options for sendResetPinOtp: ${listed}${stop}`, `${name}: ${step}`);
  }
  assert.equal(outcome.fetched, 0, `${name}: sent despite the issues`);
}

const RULE_TABLES = [
  ["every option's bad values: one issue on that option", BAD_VALUE_CASES],
  ["every issue at once", ["phone", "email", "username"].map(allAtOnceCase)],
  ["delivery options with the wrong identifier are refused", WRONG_IDENTIFIER_CASES],
  ["unknown keys are refused (reset-only keys named as such, typos get a suggestion)", UNKNOWN_KEY_CASES],
  ["exactly one identifier", IDENTIFIER_COUNT_CASES],
  ["values at the edges of the rules are accepted", GOOD_CASES],
];

for (const [where, title] of places(["node", "same"])) {
  describe(`sendResetPinOtp, the option rules: ${title}`, () => {
    for (const [name, cases] of RULE_TABLES) {
      test(`${name} (${cases.length} cases)`, async () => {
        const outcomes = await env.run(where, validationOutcomes, cases.map(([, options]) => options));
        assert.equal(outcomes.length, cases.length);
        cases.forEach(([caseName, , issues], i) => assertValidation(caseName, outcomes[i], issues));
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Every error kind, against the mock (nothing may reach the outbox).

const TOO_MANY = "Too many requests: LoginRadius is rate-limiting this API key. Wait (see retryAfter) and try again";
const NOT_CONFIRMED =
  "LoginRadius answered without confirming the send (IsPosted is not true); the code may not have been sent";
const NETWORK = /^The request did not reach LoginRadius( \([^)]+\))?\. Check the connection, baseUrl and CORS, then try again$/;
const timedOut = (ms) =>
  `No answer within ${ms} ms (timeoutMs). A code may or may not have been sent: wait for it, or ask for a new one`;
const unexpected = (status, what) =>
  `Unexpected response from the server: HTTP ${status} with ${what}. Check baseUrl, or try again later`;

const apiError = (status, errorCode, message, description) =>
  expectedError("api", status, message, { errorCode, description });

/** The tenant settings and user states that make the mock refuse a send (server/README.md). */
const API_REFUSALS = [
  ["938: no such user", {}, { username: "nobody" }, 403, 938, "User does not exist",
    "No user exists for the provided identifier."],
  ["991: the user is blocked", { state: { blocked: true } }, { email: EMAIL }, 403, 991, "Account is blocked",
    "The account has been blocked, please contact the site administrator."],
  ["1233: PIN authentication off", { settings: { pinAuthentication: false } }, { email: EMAIL }, 403, 1233,
    "PIN authentication is not configured", "PIN authentication is not configured for this site."],
  ["1074: phone login off", { settings: { phoneLogin: false } }, { phone: PHONE, smsTemplate: "pin-sms" }, 403, 1074,
    "Phone login is not enabled", "Phone number login is not enabled for this site."],
  ["1238: username login off", { settings: { usernameLogin: "disabled" } }, { username: USERNAME }, 403, 1238,
    "Username login is not enabled", "Username login is not enabled for this site, please use the email or phone number."],
  ["1066: phone not verified", { state: { phoneVerified: false } }, { phone: PHONE, isVoiceOtp: true }, 403, 1066,
    "Phone number is not verified", "The phone number has not been verified, please verify it first."],
  ["908: bot protection and no captcha", { settings: { botProtection: true } }, { phone: PHONE }, 400, 908,
    "A parameter is not formatted correctly", "The captcha is a required parameter."],
  ["1214: markup in a template the package accepts", {}, { email: EMAIL, emailTemplate: "<b>pin" }, 400, 1214,
    "Request looks dangerous", "A potentially dangerous value was detected in the request."],
  ["982: an invalid captcha (lowercase envelope)", { settings: { botProtection: true } },
    { phone: PHONE, gRecaptchaResponse: "invalid" }, 403, 982,
    "Invalid captcha", "The captcha response is invalid, please try again."],
];

const ERRORS = [
  ...API_REFUSALS.map(([name, seed, options, status, code, message, description]) => ({
    name: `api ${name}`,
    ...seed,
    options,
    expect: apiError(status, code, message, description),
  })),
  {
    name: "api 429: rate limited, Retry-After 7",
    fault: { fault: "rateLimited" },
    options: { email: EMAIL },
    expect: expectedError("api", 429, TOO_MANY, { retryAfter: 7 }),
  },
  {
    name: "api: {} on 200 does not confirm the send",
    fault: { fault: "emptyObject200" },
    options: { email: EMAIL },
    expect: expectedError("api", 200, NOT_CONFIRMED),
  },
  {
    name: "network: refused connection (closed port)",
    closedPort: true,
    options: { phone: PHONE },
    expect: expectedError("network", 0, NETWORK),
  },
  {
    name: "network: connection dropped mid-body",
    fault: { fault: "dropMidBody" },
    options: { phone: PHONE },
    expect: expectedError("network", 0, NETWORK),
  },
  {
    name: "timeout: the mock never answers",
    fault: { fault: "hang" },
    options: { phone: PHONE, timeoutMs: TIMEOUT_MS },
    expect: expectedError("timeout", 0, timedOut(TIMEOUT_MS)),
    atLeastMs: TIMEOUT_MS - 50,
  },
  {
    name: "timeout: a custom fetch that never answers",
    fetch: "neverAnswers",
    options: { email: EMAIL, timeoutMs: 150 },
    expect: expectedError("timeout", 0, timedOut(150)),
    atLeastMs: 100,
  },
  {
    name: "aborted before the call: nothing is sent",
    abort: "before",
    options: { phone: PHONE },
    expect: expectedError("aborted", 0, "The call was aborted by the caller's signal"),
  },
  {
    name: "aborted during the call (the mock hangs)",
    fault: { fault: "hang" },
    abort: "during",
    abortAfterMs: 200,
    options: { username: USERNAME, timeoutMs: 10_000 },
    expect: expectedError("aborted", 0, "The call was aborted by the caller's signal"),
    atLeastMs: 150,
  },
  {
    name: "invalid_response: HTML on 500 (mock fault)",
    fault: { fault: "html500" },
    options: { email: EMAIL },
    expect: expectedError("invalid_response", 500, unexpected(500, "a body that is not JSON")),
  },
  {
    name: "invalid_response: a custom fetch answering an HTML page on 200",
    fetch: "answersHtml",
    options: { phone: PHONE },
    expect: expectedError("invalid_response", 200, unexpected(200, "a body that is not JSON")),
  },
  {
    name: "invalid_response: a custom fetch resolving with something that is not a Response",
    fetch: "answersNotAResponse",
    options: { phone: PHONE },
    expect: expectedError("invalid_response", 0, "fetch resolved with something that is not a Response"),
  },
];

async function assertErrorRow(where, row) {
  const { apiKey, baseUrl } = await seedUser(row);
  if (row.fault) await env.dev.armFault(apiKey, row.fault);
  const base = row.closedPort ? `http://127.0.0.1:${await closedPort()}` : baseUrl;
  const spec = { options: { apiKey, baseUrl: base, ...row.options }, fetch: row.fetch, abort: row.abort, abortAfterMs: row.abortAfterMs };
  const outcome = await env.run(where, callOnce, spec);
  assertError(outcome, row.expect);
  assert.ok(outcome.elapsedMs >= (row.atLeastMs ?? 0) && outcome.elapsedMs < SETTLES_WITHIN_MS, `${outcome.elapsedMs} ms`);
  await env.dev.clearFaults(apiKey);
  assert.deepEqual(await outbox(env, apiKey), [], "a code was sent");
}

for (const [where, title] of places(["node", "same", "cross"])) {
  describe(`sendResetPinOtp, every error kind: ${title}`, () => {
    for (const row of ERRORS) test(row.name, () => assertErrorRow(where, row));
  });
}

// ---------------------------------------------------------------------------------------------
// 4. The two steps together: send the code, read it from the outbox, reset with it, reuse it.

const CODE_USED = apiError(403, 1068, "The OTP code has already been used",
  "The OTP code has already been used, please request a new OTP.");
const CODE_INVALID = apiError(403, 1067, "The OTP code is invalid",
  "The OTP code is invalid, please request a new OTP or try again.");

/** Sends a code to `identifier` and returns the code the outbox shows. */
async function sendAndReadCode(where, tenant, identifier) {
  const sent = await env.run(where, callOnce, { options: { ...tenant, ...identifier } });
  assert.equal(sent.ok, true, JSON.stringify(sent));
  const entries = await outbox(env, tenant.apiKey);
  return entries.at(-1).otp;
}

const resetWith = (where, tenant, identifier, otp, pin) =>
  env.run(where, callOnce, { call: "resetPinWithOtp", options: { ...tenant, ...identifier, otp, pin } });

for (const [where, title] of places(["node", "same"])) {
  describe(`send the code, then reset the PIN with it: ${title}`, () => {
    for (const identifier of [{ phone: PHONE }, { email: EMAIL }, { username: USERNAME }]) {
      test(`by ${Object.keys(identifier)[0]}: the sent code resets the PIN once; reused, it gives api 1068`, async () => {
        const tenant = await seedUser();
        const otp = await sendAndReadCode(where, tenant, identifier);
        const reset = await resetWith(where, tenant, identifier, otp, "8642");
        assert.deepEqual({ ok: reset.ok, value: reset.value }, { ok: true, value: { IsPosted: true } });
        assert.deepEqual(await env.dev.checkPin(tenant.apiKey, EMAIL, "8642"), { matches: true, pinChanges: 1 });
        assertError(await resetWith(where, tenant, identifier, otp, "9753"), CODE_USED);
        assert.deepEqual(await env.dev.checkPin(tenant.apiKey, EMAIL, "8642"), { matches: true, pinChanges: 1 });
      });
    }

    test("a second send replaces the first code: the old one gives api 1067, the new one resets", async () => {
      const tenant = await seedUser();
      const first = await sendAndReadCode(where, tenant, { phone: PHONE });
      const second = await sendAndReadCode(where, tenant, { phone: PHONE });
      assert.notEqual(first, second);
      assertError(await resetWith(where, tenant, { phone: PHONE }, first, "8642"), CODE_INVALID);
      const reset = await resetWith(where, tenant, { phone: PHONE }, second, "8642");
      assert.equal(reset.ok, true, JSON.stringify(reset));
      assert.deepEqual(await env.dev.checkPin(tenant.apiKey, PHONE, "8642"), { matches: true, pinChanges: 1 });
    });
  });
}
