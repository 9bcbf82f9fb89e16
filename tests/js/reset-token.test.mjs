// The email link, finished: readResetToken, and resetPinWithToken with its validate and build, in
// Node (pkg/node.mjs) and in this run's browser (the mock's /pkg/index.js, from a page on the
// mock's origin and, for the calls that reach the mock, from another origin). readResetToken on
// strings, URLs and the page's own location; the exact request, as built, as a custom fetch
// receives it and as the mock takes it; every option rule; every error kind; the token never in a
// URL or a message; the whole link path (send with resetPinUrl, read the link from the outbox,
// read its token, reset, reuse refused).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { assertError, closedPort, expectedError, outbox, places, startEnv } from "./support.mjs";

const GUID = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";
const EMAIL = "ada@example.com";
const USERNAME = "ada";
const GRACE = "grace@example.com";
const TOKEN_PATH = "/identity/v2/auth/pin/reset/token";
const HEADERS = { "Content-Type": "application/json", Accept: "application/json" };
const TIMEOUT_MS = 300;
const SETTLES_WITHIN_MS = 30_000;
/** A token that cannot appear anywhere by chance. */
const SECRET_TOKEN = "Tk-5ecret-9f2e71c4";

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

/** A fresh tenant with Ada (old PIN 1111); `token`: issue her a reset token (its value). */
async function seedUser({ settings = {}, state = {}, token } = {}) {
  const apiKey = await env.dev.createTenant({ rateLimit: 0, ...settings });
  await env.dev.createUser(apiKey, { email: EMAIL, username: USERNAME, pin: "1111", ...state });
  const issued = token === undefined ? null : await env.dev.issueResetToken(apiKey, { email: EMAIL, token });
  return { apiKey, baseUrl: env.url, resetToken: issued?.resetToken };
}

// ---------------------------------------------------------------------------------------------
// Routines run in Node and in pages: self-contained (pages get their source), JSON in and out.

/** readResetToken on each input; `{ value }` or `{ thrown: { name, message } }`. */
function readTokens(lib, inputs) {
  return inputs.map(({ kind, value }) => {
    const input = kind === "url" ? new URL(value) : kind === "href" ? { href: value } : value;
    try {
      return { value: lib.readResetToken(input) };
    } catch (e) {
      return { thrown: { name: e.name, message: e.message } };
    }
  });
}

/** readResetToken(location) on the page itself, before and after the address gets a `vtoken`. */
function readOwnLocation(lib, token) {
  const before = lib.readResetToken(location);
  history.replaceState(null, "", `?lang=en&vtoken=${encodeURIComponent(token)}#choose`);
  const after = lib.readResetToken(location);
  history.replaceState(null, "", location.pathname);
  return { before, after };
}

/** The request three ways: built, received by a custom fetch (then sent on), sent by the package. */
async function requestThreeWays(lib, options, h) {
  const received = [];
  const recordingFetch = (url, init) => {
    received.push({
      urlType: typeof url,
      url,
      initKeys: Object.keys(init).sort(),
      method: init.method,
      headers: [...init.headers],
      body: init.body,
    });
    return fetch(url, init);
  };
  const built = h.settleSync(() => lib.buildResetPinWithTokenRequest(options.first));
  const viaCustomFetch = await h.settle(() => lib.resetPinWithToken({ ...options.first, fetch: recordingFetch }));
  const viaOwnFetch = await h.settle(() => lib.resetPinWithToken(options.second));
  return { built, received, viaCustomFetch, viaOwnFetch };
}

/** Each options object through validate, build and the call (with a counting fetch). */
async function validationOutcomes(lib, cases, h) {
  const outcomes = [];
  for (const options of cases) {
    let fetched = 0;
    const countingFetch = () => {
      fetched += 1;
      return Promise.resolve(new Response('{"IsPosted":true}'));
    };
    const withFetch = { fetch: countingFetch, ...options };
    const issues = h.settleSync(() => lib.validateResetPinWithToken(withFetch));
    const built = h.settleSync(() => lib.buildResetPinWithTokenRequest(withFetch));
    const sent = await h.settle(() => lib.resetPinWithToken(withFetch));
    outcomes.push({ issues, built, sent, fetched });
  }
  return outcomes;
}

/** One call of `lib[spec.call]` with `spec.options`, an optional abort and an optional fetch by name. */
async function callOnce(lib, spec, h) {
  const FETCHES = {
    neverAnswers: () => new Promise(() => {}),
    answersHtml: () => Promise.resolve(new Response("<!doctype html><title>Sign in</title>", { status: 200 })),
  };
  const custom = spec.fetch ? { fetch: FETCHES[spec.fetch] } : {};
  const options = h.withAbort({ ...spec.options, ...custom }, spec.abort, spec.abortAfterMs);
  const started = Date.now();
  const outcome = await h.settle(() => lib[spec.call ?? "resetPinWithToken"](options));
  return { ...outcome, elapsedMs: Date.now() - started };
}

/** The whole link path: send with resetPinUrl, then (given the link) read its token and reset twice. */
async function resetFromLink(lib, { options, link, pins }, h) {
  const resetToken = lib.readResetToken(link);
  const first = await h.settle(() => lib.resetPinWithToken({ ...options, resetToken, pin: pins[0] }));
  const again = await h.settle(() => lib.resetPinWithToken({ ...options, resetToken, pin: pins[1] }));
  return { resetToken, first, again };
}

// ---------------------------------------------------------------------------------------------
// 1. readResetToken.

const READS = [
  ["the mock's link", { kind: "string", value: `https://app.example/pin?vtoken=${GUID}` }, { value: GUID }],
  ["after other parameters, before a fragment", { kind: "string", value: "https://a.example/p?lang=en&vtype=reset&vtoken=abc#x" }, { value: "abc" }],
  ["percent-encoded, + as a space", { kind: "string", value: "https://a.example/?vtoken=a%2Fb+c" }, { value: "a/b c" }],
  ["a template that wrote ?vtoken after a query", { kind: "string", value: "https://a.example/p?lang=en?vtoken=t1" }, { value: "t1" }],
  ["a hash route", { kind: "string", value: "https://a.example/#/reset?vtoken=t2" }, { value: "t2" }],
  ["the first of two", { kind: "string", value: "https://a.example/?vtoken=one&vtoken=two" }, { value: "one" }],
  ["a URL object", { kind: "url", value: "https://a.example/p?vtoken=t3" }, { value: "t3" }],
  ["anything with an href", { kind: "href", value: "https://a.example/p?vtoken=t4" }, { value: "t4" }],
  ["no token", { kind: "string", value: "https://a.example/p?lang=en" }, { value: null }],
  ["an empty token", { kind: "string", value: "https://a.example/p?vtoken=&x=1" }, { value: null }],
  ["a name that only ends in vtoken", { kind: "string", value: "https://a.example/p?myvtoken=x" }, { value: null }],
  ["a malformed escape", { kind: "string", value: "https://a.example/p?vtoken=%E0%A4%A" }, { value: null }],
  ["an empty string", { kind: "string", value: "" }, { value: null }],
  ["a number", { kind: "raw", value: 42 }, { thrown: { name: "TypeError", message: "readResetToken takes location, a URL or a string, not number" } }],
  ["null", { kind: "raw", value: null }, { thrown: { name: "TypeError", message: "readResetToken takes location, a URL or a string, not null" } }],
  ["an object without href", { kind: "raw", value: { search: "?vtoken=x" } }, { thrown: { name: "TypeError", message: "readResetToken takes location, a URL or a string, not object" } }],
];

for (const [where, title] of places(["node", "same", "cross"])) {
  describe(`readResetToken: ${title}`, () => {
    test(`strings, URLs and objects with an href (${READS.length} cases)`, async () => {
      const got = await env.run(where, readTokens, READS.map(([, input]) => input));
      READS.forEach(([name, , expected], i) => assert.deepEqual(got[i], expected, name));
    });
    if (where !== "node") {
      test("the page's own location", async () => {
        assert.deepEqual(await env.run(where, readOwnLocation, "a b/c"), { before: null, after: "a b/c" });
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 2. The exact request.

const EXACT = [
  {
    name: "token and PIN only",
    extra: {},
    query: "",
    headers: HEADERS,
  },
  {
    name: "webhook switches and every captcha token, on a tenant with bot protection",
    settings: { botProtection: true },
    extra: {
      preventWebhook: true,
      xPreventWebhook: false,
      gRecaptchaResponse: "g 1",
      gRecaptchaResponseAlt: "g&2",
      hCaptchaResponse: "h=3",
      qqCaptchaTicket: "t/4",
      qqCaptchaRandstr: "r?5",
    },
    query:
      "&prevent_webhook=true&g-recaptcha-response=g%201&g_recaptcha_response=g%262" +
      "&qq_captcha_ticket=t%2F4&qq_captcha_randstr=r%3F5&h-captcha-response=h%3D3",
    headers: { ...HEADERS, "X-PreventWebhook": "false" },
  },
];

for (const [where, title] of places(["node", "same", "cross"])) {
  describe(`resetPinWithToken, the exact request: ${title}`, () => {
    for (const row of EXACT) {
      test(row.name, async () => {
        const { apiKey, baseUrl } = await seedUser({ settings: row.settings });
        // Two users, a token each: one for the custom fetch's call, one for the package's own.
        const first = (await env.dev.issueResetToken(apiKey, { email: EMAIL, token: `${SECRET_TOKEN}-1` })).resetToken;
        const second = (await env.dev.issueResetToken(apiKey, { email: GRACE, token: `${SECRET_TOKEN}-2` })).resetToken;
        const options = { apiKey, baseUrl, resetToken: first, pin: "2468", ...row.extra };
        const got = await env.run(where, requestThreeWays, { first: options, second: { ...options, resetToken: second, pin: "1357" } });
        const url = `${baseUrl}${TOKEN_PATH}?apikey=${apiKey}${row.query}`;
        const body = `{"ResetToken":"${first}","PIN":"2468"}`;
        assert.equal(got.built.ok, true, JSON.stringify(got.built));
        assert.equal(JSON.stringify(got.built.value), JSON.stringify({ method: "PUT", url, headers: row.headers, body }));
        assert.ok(!url.includes(SECRET_TOKEN), "the token is in the URL");
        assert.deepEqual(got.received, [{
          urlType: "string",
          url,
          initKeys: ["body", "headers", "method", "signal"],
          method: "PUT",
          headers: Object.entries(row.headers).map(([k, v]) => [k.toLowerCase(), v]).sort(),
          body,
        }]);
        // Sent through the custom fetch, then through the package's own: both arrived.
        assert.deepEqual(got.viaCustomFetch, { ok: true, value: { IsPosted: true } });
        assert.deepEqual(got.viaOwnFetch, { ok: true, value: { IsPosted: true } });
        assert.deepEqual(await env.dev.checkPin(apiKey, EMAIL, "2468"), { matches: true, pinChanges: 1 });
        assert.deepEqual(await env.dev.checkPin(apiKey, GRACE, "1357"), { matches: true, pinChanges: 1 });
        // X-PreventWebhook: false wins over prevent_webhook=true on the server: both events fired.
        assert.equal((await env.dev.webhooks(apiKey)).length, 2);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 3. The option rules.

const notAnOption = (extra = "") => `is not an option of resetPinWithToken${extra}`;

const BAD_VALUES = [
  ["apiKey", "", "is required and must not be empty"],
  ["apiKey", "not-a-guid", "must be a GUID like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (your LoginRadius API key)"],
  ["resetToken", "", "must not be empty"],
  ["resetToken", "has space", "must be printable ASCII, without spaces"],
  ["resetToken", "é-token", "must be printable ASCII, without spaces"],
  ["resetToken", "t".repeat(513), "must be at most 512 characters"],
  ["resetToken", 1234, "must be a string, got a number"],
  ["pin", "", "must not be empty"],
  ["pin", "12 34", "must not contain spaces or control characters"],
  ["pin", 7890, "must be a string, got a number"],
  ["preventWebhook", "true", "must be true or false, got a string"],
  ["xPreventWebhook", 1, "must be true or false, got a number"],
  ["hCaptchaResponse", "", "must not be empty; leave the option out instead"],
  ["baseUrl", "http://example.com", "must use https:// unless the host is localhost, 127.0.0.1 or [::1]"],
  ["timeoutMs", 0, "must be a whole number of milliseconds from 1 to 600000"],
  ["signal", "abort", "must be an AbortSignal, got a string"],
  ["fetch", "fetch", "must be a function, got a string"],
];

const validBase = { apiKey: GUID, resetToken: GUID, pin: "2468", baseUrl: "http://127.0.0.1:9" };

const RULE_CASES = [
  ...BAD_VALUES.map(([field, value, message]) => [
    `${field} = ${JSON.stringify(value).slice(0, 30)}`,
    { ...validBase, [field]: value },
    [{ field, message }],
  ]),
  ["no options at all", {}, [
    { field: "apiKey", message: "is required" },
    { field: "resetToken", message: "is required" },
    { field: "pin", message: "is required" },
  ]],
  ["the OTP call's options", { ...validBase, otp: "123456", type: "email" }, [
    { field: "otp", message: notAnOption("; it is one of resetPinWithOtp") },
    { field: "type", message: notAnOption("; it is one of resetPinWithOtp") },
  ]],
  ["an identifier: the token names the user", { ...validBase, email: EMAIL }, [
    { field: "email", message: notAnOption("; it is one of resetPinWithOtp and sendResetPinOtp") },
  ]],
  ["the send's options", { ...validBase, resetPinUrl: "https://a.example/" }, [
    { field: "resetPinUrl", message: notAnOption("; it is one of sendResetPinOtp") },
  ]],
  ["typos get a suggestion", { ...validBase, resettoken: "x", token: "y", PIN: "1" }, [
    { field: "resettoken", message: notAnOption('; did you mean "resetToken"?') },
    { field: "token", message: notAnOption('; did you mean "resetToken"?') },
    { field: "PIN", message: notAnOption('; did you mean "pin"?') },
  ]],
  ["accepted: a GUID token", { ...validBase }, []],
  ["accepted: a long base64url token and every optional option", {
    ...validBase,
    resetToken: "A-_b".repeat(128),
    preventWebhook: false,
    xPreventWebhook: true,
    gRecaptchaResponse: "g",
    timeoutMs: 600000,
  }, []],
];

function assertValidation(name, outcome, issues) {
  assert.deepEqual(outcome.issues, { ok: true, value: issues }, name);
  if (issues.length === 0) {
    assert.equal(outcome.built.ok && outcome.built.value.method, "PUT", name);
    assert.deepEqual(outcome.sent, { ok: true, value: { IsPosted: true } }, name);
    assert.equal(outcome.fetched, 1, name);
    return;
  }
  for (const [step, result] of [["build", outcome.built], ["call", outcome.sent]]) {
    assert.equal(result.ok, false, `${name}: ${step} accepted it`);
    const { name: errorName, kind, status, issues: got } = result.error;
    assert.deepEqual({ errorName, kind, status, issues: got }, { errorName: "LoginRadiusError", kind: "validation", status: 0, issues }, `${name}: ${step}`);
    const listed = issues.map((i) => `${i.field} ${i.message}`).join("; ");
    // One full stop, none after a message that already ends a sentence ("did you mean …?").
    const stop = /[.!?…]$/.test(listed) ? "" : ".";
    assert.equal(result.error.message, `Invalid options for resetPinWithToken: ${listed}${stop}`, `${name}: ${step}`);
  }
  assert.equal(outcome.fetched, 0, `${name}: sent despite the issues`);
}

for (const [where, title] of places(["node", "same"])) {
  describe(`resetPinWithToken, the option rules: ${title}`, () => {
    test(`every rule (${RULE_CASES.length} cases); the token is never echoed`, async () => {
      const cases = RULE_CASES.map(([, options]) => ({ ...options }));
      // The secret token, wrong in a way a rule catches: its value must not appear in any issue.
      cases.push({ ...validBase, resetToken: `${SECRET_TOKEN} x` });
      const outcomes = await env.run(where, validationOutcomes, cases);
      RULE_CASES.forEach(([name, , issues], i) => assertValidation(name, outcomes[i], issues));
      assert.ok(!JSON.stringify(outcomes.at(-1)).includes(SECRET_TOKEN), "the token was echoed");
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 4. Every error kind.

const apiError = (status, errorCode, message, description) => expectedError("api", status, message, { errorCode, description });
const NETWORK = /^The request did not reach LoginRadius( \([^)]+\))?\. Check the connection, baseUrl and CORS, then try again$/;
const TOKEN_USED = apiError(403, 403, "The reset token has already been used",
  "The reset token has already been used, please request a new PIN reset email.");
const TOKEN_INVALID = apiError(403, 403, "The reset token is invalid",
  "The reset token is invalid, please request a new PIN reset email.");
const TOKEN_EXPIRED = apiError(403, 403, "The reset token has expired",
  "The reset token has expired, please request a new PIN reset email.");

const ERRORS = [
  { name: "api: a token the server never issued", options: { resetToken: GUID }, expect: TOKEN_INVALID },
  { name: "api: an expired token", token: SECRET_TOKEN, age: 900, expect: TOKEN_EXPIRED },
  {
    name: "api 1134: a PIN against the tenant's policy (the token stays usable)",
    token: SECRET_TOKEN,
    options: { pin: "12a" },
    expect: {
      ...apiError(400, 1134, "Validation failed", "The data did not pass server-side validation."),
      issues: [
        { field: "pin", message: "The pin must be between 4 and 12 characters long." },
        { field: "pin", message: "The pin may contain only digits." },
      ],
    },
  },
  { name: "api 991: the token's user is blocked", token: SECRET_TOKEN, state: { blocked: true },
    expect: apiError(403, 991, "Account is blocked", "The account has been blocked, please contact the site administrator.") },
  { name: "api 908: bot protection and no captcha", token: SECRET_TOKEN, settings: { botProtection: true },
    expect: apiError(400, 908, "A parameter is not formatted correctly", "The captcha is a required parameter.") },
  {
    name: "api 429: rate limited",
    token: SECRET_TOKEN,
    fault: { fault: "rateLimited" },
    expect: expectedError("api", 429, "Too many requests: LoginRadius is rate-limiting this API key. Wait (see retryAfter) and try again", { retryAfter: 7 }),
  },
  { name: "network: refused connection", token: SECRET_TOKEN, closedPort: true, expect: expectedError("network", 0, NETWORK) },
  {
    name: "timeout: the mock never answers",
    token: SECRET_TOKEN,
    fault: { fault: "hang" },
    options: { timeoutMs: TIMEOUT_MS },
    expect: expectedError("timeout", 0, `No answer within ${TIMEOUT_MS} ms (timeoutMs). The PIN may or may not have changed: if the link no longer works, ask for a new email`),
    atLeastMs: TIMEOUT_MS - 50,
  },
  { name: "aborted before the call", token: SECRET_TOKEN, abort: "before", expect: expectedError("aborted", 0, "The call was aborted by the caller's signal") },
  {
    name: "invalid_response: HTML on 500",
    token: SECRET_TOKEN,
    fault: { fault: "html500" },
    expect: expectedError("invalid_response", 500, "Unexpected response from the server: HTTP 500 with a body that is not JSON. Check baseUrl, or try again later"),
  },
  {
    name: "api: {} on 200 does not confirm the reset",
    token: SECRET_TOKEN,
    fault: { fault: "emptyObject200" },
    expect: expectedError("api", 200, "LoginRadius answered without confirming the reset (IsPosted is not true); the PIN may not have changed"),
  },
];

for (const [where, title] of places(["node", "same", "cross"])) {
  describe(`resetPinWithToken, every error kind: ${title}`, () => {
    for (const row of ERRORS) {
      test(row.name, async () => {
        const { apiKey, baseUrl } = await seedUser({ settings: row.settings, state: row.state });
        const issued = row.token === undefined ? null
          : await env.dev.issueResetToken(apiKey, { email: EMAIL, token: row.token, ageSecs: row.age ?? 0 });
        if (row.fault) await env.dev.armFault(apiKey, row.fault);
        const base = row.closedPort ? `http://127.0.0.1:${await closedPort()}` : baseUrl;
        const options = { apiKey, baseUrl: base, resetToken: issued?.resetToken, pin: "2468", ...row.options };
        const outcome = await env.run(where, callOnce, { options, abort: row.abort });
        assertError(outcome, row.expect);
        assert.ok(!JSON.stringify(outcome).includes(SECRET_TOKEN), "the token is in the error");
        assert.ok(outcome.elapsedMs >= (row.atLeastMs ?? 0) && outcome.elapsedMs < SETTLES_WITHIN_MS, `${outcome.elapsedMs} ms`);
        await env.dev.clearFaults(apiKey);
        if (row.fault?.fault !== "emptyObject200") {
          assert.equal((await env.dev.checkPin(apiKey, EMAIL, "1111")).matches, true, "the PIN changed");
        }
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 5. The whole link path.

for (const [where, title] of places(["node", "same", "cross"])) {
  describe(`the email's link, end to end: ${title}`, () => {
    for (const identifier of [{ email: EMAIL }, { username: USERNAME }]) {
      test(`sendResetPinOtp by ${Object.keys(identifier)[0]} with resetPinUrl, the outbox's link, readResetToken, resetPinWithToken; reuse refused`, async () => {
        const { apiKey, baseUrl } = await seedUser();
        const page = "https://app.example/choose-pin?lang=en";
        const sent = await env.run(where, callOnce, { call: "sendResetPinOtp", options: { apiKey, baseUrl, ...identifier, resetPinUrl: page } });
        assert.deepEqual({ ok: sent.ok, value: sent.value }, { ok: true, value: { IsPosted: true } });
        const [entry] = await outbox(env, apiKey);
        assert.equal(entry.resetPinLink, `${page}&vtoken=${entry.resetToken}`);

        const got = await env.run(where, resetFromLink, { options: { apiKey, baseUrl }, link: entry.resetPinLink, pins: ["8642", "9753"] });
        assert.equal(got.resetToken, entry.resetToken);
        assert.deepEqual(got.first, { ok: true, value: { IsPosted: true } });
        assertError(got.again, TOKEN_USED);
        assert.deepEqual(await env.dev.checkPin(apiKey, EMAIL, "8642"), { matches: true, pinChanges: 1 });
        const { uid } = await env.dev.user(apiKey, EMAIL);
        assert.deepEqual(await env.dev.webhooks(apiKey), [{ event: "ResetPinByResetToken", uid }]);
      });
    }
  });
}
