// Keeps the validating baselines honest: on a shared set of cases the package (pkg/node.mjs),
// the zod baseline and the valibot baseline must accept and reject the same fields, build the
// same request byte for byte, and turn the same answers into the same errors.
//   node --test bench/baselines/contract.test.mjs      (needs pkg/, built by scripts/build.sh;
//   BENCH_PKG=dir tests another copy of it, as scripts/bench.sh does)
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { withFiveBadFields } from "../tasks.mjs";
import * as valibot from "./valibot.mjs";
import * as zod from "./zod.mjs";

const PKG_ENTRY = fileURLToPath(new URL(`../../${process.env.BENCH_PKG ?? "pkg"}/node.mjs`, import.meta.url));
if (!existsSync(PKG_ENTRY)) throw new Error("pkg/ is not built: run scripts/build.sh first");
const pkg = await import(PKG_ENTRY);

const IMPLEMENTATIONS = { package: pkg, zod, valibot };
const GUID = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";
const VALID = { apiKey: GUID, username: "bob", otp: "123456", pin: "7890" };

// ---------- validation ----------
/** Values of each option, good and bad, each tried on otherwise valid options. */
const VALUES = {
  apiKey: [GUID, GUID.toUpperCase(), "", "not-a-guid", `${GUID}0`, ` ${GUID}`, GUID.replaceAll("-", ""), `${GUID.slice(0, -1)}g`, 42, null],
  otp: ["123456", "abcDEF09", "a".repeat(32), "a".repeat(33), "", "12 34", "12-34", "١٢٣", "é", 123456],
  pin: ["7890", 'p"w\\d', "é😀", "x".repeat(64), "x".repeat(65), "😀".repeat(64), "😀".repeat(65), "", "12 34", "1\t2", "a\u00a0b",
    "a\u3000b", "a\u0085b", "a\ufeffb", "a\u200bb", "a\u007fb", "\ud800", "a\u2028", 1234],
  email: ["a@b.co", "first.last+tag@example.com", "ü@exämple.com", "a@b", "@b.co", "a@.co", "a@-b.co", "a@b-.co", "a@b..co",
    "a b@c.co", 'a"b@c.co', "a@b@c.co", "a@b_c.co", `${"x".repeat(64)}@b.co`, `${"x".repeat(65)}@b.co`, `${"é".repeat(32)}@b.co`,
    `${"é".repeat(33)}@b.co`, `a@${"b".repeat(63)}.co`, `a@${"b".repeat(64)}.co`, `a@${"b.".repeat(124)}co`, `a@${"b.".repeat(125)}co`, "", "a@b.c\u0000"],
  phone: ["+919876543210", "12345", "1234", "123456789012345", "1234567890123456", "+12 345", "12-345", "", "+", "++12345", "١٢٣٤٥"],
  username: ["bob", "ü-😀", "x".repeat(32), "x".repeat(33), "😀".repeat(32), "a b", "", "\ud83d", 7],
  type: ["username", "otp", "backupcode", "googleauthenticatorcode", "authenticatorcode", "email", "phone", "Username", "sms", "", 1],
  preventWebhook: [true, false, "true", 1, null],
  xPreventWebhook: [true, false, "false", 0],
  gRecaptchaResponse: ["tok", "", "x".repeat(8192), "x".repeat(8193), "é".repeat(4096), "é".repeat(4097), "a b\n&=#", "\udc00", 5],
  gRecaptchaResponseAlt: ["tok", "", 5],
  hCaptchaResponse: ["tok", "", "x".repeat(8193)],
  baseUrl: [
    // accepted by src/base_url.rs
    "https://api.loginradius.com", "https://api.loginradius.com/", "HTTPS://example.com:8443/proxy/lr/", "http://localhost:8080",
    "http://LOCALHOST", "http://127.0.0.1:9", "http://127.5.6.7", "http://[::1]:3000/x", "https://[2001:db8::1]", "https://[::ffff:1.2.3.4]",
    "https://[1:2:3:4:5:6:7::]", "https://[::]", "https://a.com:00080", "https://a.com/x@y/%41/;=:", "https://a.com//x", "https://a.com/...",
    "https://1.2.3.4", "https://a.b-c.d0", "https://x.0x1g",
    // rejected
    "", "api.loginradius.com", "ftp://example.com", "http://example.com", "http://127.0.0.1.evil.com", "http://128.0.0.1", "http://[::2]",
    "https://user:pw@example.com", "https://example.com?x=1", "https://example.com/#frag", "https://exa mple.com", "https://example.com\r\nX: y",
    "https://", "https://:80", "https://example.com:0", "https://example.com:99999", "https://example.com:65536", "https://example.com:8a",
    "https://example.com:", "https://[::1", "https://[zz]", "https://-bad.com", "https://bad-.com", "https://exämple.com", "https://example.com/a b",
    'https://example.com/"', "https://a.0", "https://4294967296", "https://0x7f.0.0.1", "https://x.0x", "https://127.0.0.08", "https://1.2.3.256",
    "https://1.2.3.4.5", "https://[1]", "https://[1:2:3:4:5:6:7:8:9]", "https://[1::2::3]", "https://[1:2:3:4:5:6:7:1.2.3.4]",
    "https://[::1.2.3.04]", "https://example.com/a/../b", "https://example.com/%2E%2e", "https://example.com/.", "https://a..com",
    `https://a.com/${"x".repeat(2040)}`, 7,
  ],
  timeoutMs: [1, 600000, 15000, 0, 600001, 1.5, -1, -0, Number.NaN, Number.POSITIVE_INFINITY, "100", null],
  signal: [new AbortController().signal, { aborted: false, addEventListener() {} }, {}, "signal", null, () => {}],
  fetch: [globalThis.fetch, () => {}, "fetch", {}, null],
};

/** Whole option sets: identifiers, the type/identifier match, the qq pair, unknown keys, non-objects. */
const { username, ...NO_IDENTIFIER } = VALID;
const SHAPES = {
  "no identifier": NO_IDENTIFIER,
  "identifier undefined": { ...NO_IDENTIFIER, username: undefined },
  "email and phone": { ...NO_IDENTIFIER, email: "a@b.co", phone: "12345" },
  "all three identifiers": { ...VALID, email: "a@b.co", phone: "12345" },
  "two identifiers, one bad": { ...NO_IDENTIFIER, email: "bad", username: "a b" },
  "type email, identifier phone": { ...NO_IDENTIFIER, phone: "12345", type: "email" },
  "type email, bad phone": { ...NO_IDENTIFIER, phone: "12", type: "email" },
  "type otp with phone": { ...NO_IDENTIFIER, phone: "12345", type: "otp" },
  "qq ticket only": { ...VALID, qqCaptchaTicket: "t" },
  "qq randstr only": { ...VALID, qqCaptchaRandstr: "r" },
  "qq bad ticket only": { ...VALID, qqCaptchaTicket: "" },
  "qq both": { ...VALID, qqCaptchaTicket: "t", qqCaptchaRandstr: "r" },
  "qq ticket, bad randstr": { ...VALID, qqCaptchaTicket: "t", qqCaptchaRandstr: 1 },
  "unknown key": { ...VALID, phoneNumber: "12345" },
  "unknown key undefined": { ...VALID, extra: undefined },
  "several unknown keys": { ...VALID, api_key: GUID, PIN: "1" },
  "everything wrong": { apiKey: 1, otp: null, pin: [], email: {}, phone: 12345, type: "x", timeoutMs: "1", fetch: 1, zz: 1 },
  "five bad fields": withFiveBadFields(VALID),
  "null": null,
  "undefined": undefined,
  "array": [VALID],
  "string": "options",
  "number": 1,
  "function": () => {},
};

function validationCases() {
  const cases = Object.entries(SHAPES);
  for (const [field, values] of Object.entries(VALUES)) {
    const base = ["email", "phone"].includes(field) ? NO_IDENTIFIER : VALID;
    for (const value of values) cases.push([`${field} = ${JSON.stringify(value)?.slice(0, 40)}`, { ...base, [field]: value }]);
  }
  return cases;
}

const rejectedFields = (impl, options) => [...new Set(impl.validateResetPinWithOtp(options).map((issue) => issue.field))].sort();

test("the three reject the same fields for every case", () => {
  const disagreements = [];
  let rejected = 0;
  const cases = validationCases();
  for (const [name, options] of cases) {
    const expected = rejectedFields(pkg, options);
    if (expected.length) rejected++;
    for (const side of ["zod", "valibot"]) {
      const got = rejectedFields(IMPLEMENTATIONS[side], options);
      if (JSON.stringify(got) !== JSON.stringify(expected)) disagreements.push(`${side}, ${name}: package [${expected}], ${side} [${got}]`);
    }
  }
  assert.deepEqual(disagreements, []);
  assert.ok(rejected > 100 && rejected < cases.length - 40, `${rejected} of ${cases.length} rejected: both kinds are covered`);
});

test("the bench's 'five bad fields' options break exactly five fields in each", () => {
  for (const impl of Object.values(IMPLEMENTATIONS)) assert.equal(rejectedFields(impl, withFiveBadFields(VALID)).length, 5);
});

// ---------- the request ----------
const awkward = "a&b=c#d?e/f !'()*~+é😀\"\\";
const BUILD_CASES = [
  VALID,
  { ...NO_IDENTIFIER, email: "first.last+tag@exämple.com" },
  { ...NO_IDENTIFIER, phone: "+919876543210", type: "otp" },
  { ...VALID, pin: 'p"w\\d-é😀', username: "ü-😀", type: "backupcode" },
  { ...VALID, preventWebhook: false, xPreventWebhook: true },
  { ...VALID, preventWebhook: true, xPreventWebhook: false, timeoutMs: 1000, signal: new AbortController().signal, fetch: () => {} },
  {
    ...VALID,
    gRecaptchaResponse: awkward,
    gRecaptchaResponseAlt: "alt\n\t",
    hCaptchaResponse: "h",
    qqCaptchaTicket: "ticket=1&x",
    qqCaptchaRandstr: "@rand",
  },
  { ...VALID, baseUrl: "HTTPS://example.com:8443/proxy/lr//" },
  { ...VALID, baseUrl: "http://[::1]:3000/x/", apiKey: GUID.toUpperCase() },
  { ...VALID, baseUrl: "http://127.0.0.1:9" },
];

test("the three build the same request byte for byte", () => {
  for (const options of BUILD_CASES) {
    const expected = JSON.stringify(pkg.buildResetPinWithOtpRequest(options));
    for (const side of ["zod", "valibot"]) assert.equal(JSON.stringify(IMPLEMENTATIONS[side].buildResetPinWithOtpRequest(options)), expected, side);
  }
});

test("invalid options throw the same validation error from build and reject the same from reset", async () => {
  const options = withFiveBadFields(VALID);
  for (const [side, impl] of Object.entries(IMPLEMENTATIONS)) {
    assert.throws(() => impl.buildResetPinWithOtpRequest(options), { name: "LoginRadiusError", kind: "validation", status: 0 }, side);
    await assert.rejects(impl.resetPinWithOtp(options), (error) => error.kind === "validation" && error.issues.length === 5, side);
  }
});

// ---------- answers ----------
const json = (status, body, headers = {}) => () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const raw = (status, body, headers = {}) => () => new Response(body, { status, headers });
const never = () => new Promise(() => {});

/** name -> [a fetch implementation, () => extra options (fresh for each call: signals are single use)]. */
const ANSWERS = {
  "success": [json(200, { IsPosted: true })],
  "invalid OTP, 400": [json(400, { Description: "The OTP is invalid", ErrorCode: 1067, Message: "Invalid OTP" })],
  "error envelope on 200, lowercase keys": [json(200, { errorcode: 1067, message: "Invalid OTP", description: "d" })],
  "locked, code as a string, Data": [json(403, { ErrorCode: "1198", Message: "Locked", Data: { LoginLockedTimeout: "2030-01-01T00:00:00Z" } })],
  "PIN policy, field errors": [json(400, { ErrorCode: 1134, Message: "", Errors: [{ FieldName: "pin", ErrorMessage: "too short" }, { FieldName: "x" }, 3] })],
  "message only, 500": [json(500, { Message: "boom" })],
  "200 with {}": [json(200, {})],
  "200 with IsPosted false": [json(200, { IsPosted: false })],
  "429, empty, Retry-After": [raw(429, "", { "retry-after": " 7 " })],
  "429 with an envelope": [json(429, { ErrorCode: 1138, Message: "Too many" }, { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" })],
  "500 HTML": [raw(500, "<html>oops</html>")],
  "502 empty": [raw(502, "")],
  "truncated JSON": [raw(200, '{"IsPo')],
  "JSON array, 404": [json(404, [1])],
  "declared over 1 MiB": [() => ({ status: 200, headers: new Headers({ "content-length": "2000000" }), text: async () => "{}" })],
  "body over 1 MiB": [raw(200, `"${"x".repeat(1024 * 1024)}"`)],
  "not a Response": [() => ({})],
  "fetch rejects": [() => Promise.reject(new TypeError("fetch failed"))],
  "timeout": [never, () => ({ timeoutMs: 30 })],
  "aborted before": [() => assert.fail("nothing may be sent"), () => ({ signal: AbortSignal.abort() })],
  "aborted during": [never, () => ({ signal: AbortSignal.timeout(20) })],
};

/** The call's outcome, reduced to what must agree, and the request fetch was given. */
async function outcome(impl, fetchImpl, extra = () => ({})) {
  let sent;
  const fetch = (url, init) => {
    // Headers as sent, whichever form they were given in (a plain object or a Headers).
    sent = { url, method: init.method, headers: [...new Headers(init.headers)], body: init.body };
    return fetchImpl();
  };
  try {
    return { result: await impl.resetPinWithOtp({ ...VALID, baseUrl: "http://127.0.0.1:9", fetch, ...extra() }), sent };
  } catch (error) {
    const { name, kind, status, errorCode, description, issues, data, retryAfter, message } = error;
    return { error: { name, kind, status, errorCode, description, issues, data, retryAfter, message }, isError: error instanceof Error, sent };
  }
}

for (const [name, [fetchImpl, extra]] of Object.entries(ANSWERS)) {
  test(`answer: ${name}`, async () => {
    const expected = await outcome(pkg, fetchImpl, extra);
    for (const side of ["zod", "valibot"]) assert.deepEqual(await outcome(IMPLEMENTATIONS[side], fetchImpl, extra), expected, side);
  });
}
