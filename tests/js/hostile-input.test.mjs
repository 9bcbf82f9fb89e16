// Hostile input at every exported function, in Node (pkg/node.mjs) and in this run's browser (the
// mock's /pkg/index.js): every option (and the __proto__ / constructor / unknown keys) × every hostile
// value, hostile options objects, hostile values returned by a custom fetch, and every value
// through isLoginRadiusError. Each case must give a typed LoginRadiusError (or a boolean, or an
// issues array), never a wasm trap or a foreign throw; the three option-taking functions must
// agree; and afterwards the module still resets a PIN against the mock.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { seedTenant, places, startEnv } from "./support.mjs";

/**
 * Generates and runs every case. Self-contained (its source runs in pages): returns counts and
 * the first failures.
 */
async function hostileSuite(lib, arg, h) {
  const OPTIONS = [
    "apiKey", "otp", "pin", "email", "phone", "username", "type", "preventWebhook",
    "xPreventWebhook", "gRecaptchaResponse", "gRecaptchaResponseAlt", "hCaptchaResponse",
    "qqCaptchaTicket", "qqCaptchaRandstr", "baseUrl", "timeoutMs", "signal", "fetch",
  ];
  const KEYS = [...OPTIONS, "__proto__", "constructor", "phoneNumber"];
  const okFetch = () => Promise.resolve(new Response('{"IsPosted":true}', { status: 200 }));
  const valid = () => ({
    apiKey: "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",
    otp: "123456",
    pin: "2468",
    email: "ada@example.com",
    baseUrl: "http://127.0.0.1:9",
    timeoutMs: 2000,
    fetch: okFetch,
  });

  // ---- hostile values, each named; built once (the 10 MB string is shared) ----
  const thrower = () => {
    throw new Error("hostile getter");
  };
  const trapProxy = (trap, target = {}) => new Proxy(target, { [trap]: thrower });
  const TRAPS = ["get", "ownKeys", "getPrototypeOf", "has", "getOwnPropertyDescriptor", "set", "defineProperty"];
  const allTraps = new Proxy({}, Object.fromEntries(TRAPS.map((t) => [t, thrower])));
  const revoked = (target) => {
    const r = Proxy.revocable(target, {});
    r.revoke();
    return r.proxy;
  };
  const protoViaDefine = Object.defineProperty({}, "__proto__", { value: { polluted: true }, enumerable: true });
  const mb1 = "7".repeat(1 << 20);
  const mb10 = "a".repeat(10 << 20);
  const VALUES = [
    ["undefined", undefined], ["null", null], ["true", true], ["false", false],
    ["0", 0], ["-0", -0], ["1", 1], ["-1", -1], ["1.5", 1.5], ["NaN", NaN],
    ["Infinity", Infinity], ["-Infinity", -Infinity], ["2**53+2", 2 ** 53 + 2], ["1e21", 1e21],
    ["5e-324", 5e-324], ["600001", 600001],
    ["10n", 10n], ["2n**64n", 2n ** 64n], ["Symbol()", Symbol("s")], ["Symbol.iterator", Symbol.iterator],
    ["[]", []], ['["a"]', ["a"]], ["nested array", [1, [2, [3]]]], ["sparse array", new Array(5)],
    ["frozen array", Object.freeze(["a"])],
    ["function", function () {}], ["throwing function", thrower], ["async function", async () => {}],
    ["class", class {}], ["Proxy(function, apply throws)", new Proxy(function () {}, { apply: thrower })],
    ["revoked function proxy", revoked(function () {})],
    ["{}", {}], ["Object.create(null)", Object.create(null)], ["Date(NaN)", new Date(NaN)],
    ["RegExp", /x/g], ["new String", new String("abc")], ["new Number", new Number(1)],
    ["new Boolean", new Boolean(false)], ["Map", new Map([[1, 2]])], ["Uint8Array", new Uint8Array(4)],
    ["Promise", Promise.resolve(1)], ["Error", new Error("x")],
    ["empty string", ""], ["space", " "], ["tab", "\t"], ["1 MB string", mb1], ["10 MB string", mb10],
    ["lone high surrogate", "\uD800"], ["lone low surrogate", "\uDC00"], ["surrogate inside", "a\uD800b"],
    ["reversed pair", "\uDC00\uD800"], ["astral", "\uDBFF\uDFFF😀"],
    ["NUL", "\0"], ["C0 controls", "\u0001\u001f\u007f"], ["C1 and separators", "\u0085\u00a0\u2028\u2029\ufeff"],
    ["CRLF header", "a\r\nX-Injected: 1"], ["CR", "\r"], ["LF", "\n"], ["ANSI escape", "\u001b[31mred"],
    ["encoded CRLF", "%00%0d%0a"], ["dot segments", "../../.."], ["URL delimiters", "?#&=/"],
    ["non-ASCII", "é漢😀"], ["'null'", "null"], ["'__proto__'", "__proto__"],
    ...TRAPS.map((t) => [`Proxy(${t} throws)`, trapProxy(t)]),
    ["Proxy(every trap throws)", allTraps], ["revoked proxy", revoked({})],
    ["10,000 keys", Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`k${i}`, i]))],
    ["Symbol keys", { [Symbol("a")]: 1, [Symbol.iterator]: thrower }],
    ["JSON __proto__/constructor", JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')],
    ["defineProperty __proto__", protoViaDefine], ["frozen object", Object.freeze({ a: 1 })],
    ["toString/valueOf throw", { toString: thrower, valueOf: thrower, [Symbol.toPrimitive]: thrower }],
    ["fake signal, listener throws", { aborted: false, addEventListener: thrower, removeEventListener: thrower }],
    ["fake signal, aborted getter throws", { get aborted() { return thrower(); }, addEventListener() {} }],
    ["fake signal, aborted not boolean", { aborted: "yes", addEventListener() {} }],
    ["aborted AbortSignal", AbortSignal.abort()], ["live AbortSignal", new AbortController().signal],
    ["globalThis", globalThis], ["the module namespace", lib],
  ];

  // ---- whole hostile options objects ----
  const withGetter = (key) => Object.defineProperty(valid(), key, { get: thrower, enumerable: true });
  const withSymbols = Object.assign(valid(), { [Symbol("apiKey")]: "x", [Symbol.toPrimitive]: thrower });
  const OPTION_OBJECTS = [
    ...VALUES.map(([name, value]) => [`options = ${name}`, value]),
    ...TRAPS.map((t) => [`options = Proxy(valid, ${t} throws)`, trapProxy(t, valid())]),
    ["options = Proxy(valid, every trap throws)", new Proxy(valid(), Object.fromEntries(TRAPS.map((t) => [t, thrower])))],
    ["options = revoked Proxy(valid)", revoked(valid())],
    ["options = frozen valid", Object.freeze(valid())],
    ["options = sealed valid", Object.seal(valid())],
    ["options = valid + 10,000 keys", Object.assign(valid(), Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`k${i}`, i])))],
    ["options = valid + Symbol keys", withSymbols],
    ["options = Object.create(valid) (inherited only)", Object.create(valid())],
    ["options = null prototype + valid", Object.assign(Object.create(null), valid())],
    ["options = prototype is a throwing Proxy", Object.setPrototypeOf(valid(), allTraps)],
    ["options = JSON with __proto__", Object.assign(JSON.parse('{"__proto__":{"apiKey":"x"}}'), valid())],
    ["options = JSON with constructor", Object.assign(JSON.parse('{"constructor":{"prototype":{"x":1}}}'), valid())],
    ...KEYS.map((key) => [`options = valid with a throwing getter for ${key}`, withGetter(key)]),
  ];

  // ---- the cartesian product: every key × every value, set as an own property ----
  for (const key of KEYS) {
    for (const [name, value] of VALUES) {
      const options = valid();
      if (["phone", "username"].includes(key)) delete options.email;
      Object.defineProperty(options, key, { value, enumerable: true, writable: true, configurable: true });
      OPTION_OBJECTS.push([`${key} = ${name}`, options]);
    }
  }

  const counts = { reset: 0, validate: 0, build: 0, isLoginRadiusError: 0, fetchReturns: 0 };
  const outcomes = {};
  const failures = [];
  let traps = 0;
  const note = (kind) => (outcomes[kind] = (outcomes[kind] ?? 0) + 1);
  const fail = (what, detail) => {
    if (detail?.isTrap) traps += 1;
    if (failures.length < 20) failures.push(`${what}: ${JSON.stringify(detail)}`);
  };
  const issuesShape = (issues) =>
    Array.isArray(issues) && issues.every((i) => typeof i.field === "string" && typeof i.message === "string");

  for (const [name, options] of OPTION_OBJECTS) {
    // validate: always an issues array
    counts.validate += 1;
    const validated = h.settleSync(() => lib.validateResetPinWithOtp(options));
    if (!validated.ok || !issuesShape(validated.value)) fail(`validate ${name}`, validated.error ?? validated.value);
    const issues = validated.ok ? JSON.stringify(validated.value) : "?";

    // build: a request, or a typed validation throw with the same issues
    counts.build += 1;
    const built = h.settleSync(() => lib.buildResetPinWithOtpRequest(options));
    if (built.ok) {
      note("build: request");
      if (built.value?.method !== "PUT" || issues !== "[]") fail(`build ${name} (validate said ${issues})`, built.value);
    } else if (h.typed(built.error) && built.error.kind === "validation") {
      note("build: validation throw");
      if (JSON.stringify(built.error.issues) !== issues) fail(`build ${name}: issues differ from validate`, built.error);
    } else fail(`build ${name}`, built.error);

    // reset: resolves (a valid hostile value, answered by okFetch) or a typed rejection
    counts.reset += 1;
    let returned;
    const reset = await h.settle(() => {
      returned = lib.resetPinWithOtp(options);
      return returned;
    });
    if (!(returned instanceof Promise)) fail(`reset ${name}: not a Promise`, String(returned));
    if (reset.ok) note("reset: resolved");
    else if (h.typed(reset.error)) {
      note(`reset: ${reset.error.kind}`);
      if (reset.error.kind === "validation" && JSON.stringify(reset.error.issues) !== issues) {
        fail(`reset ${name}: issues differ from validate`, reset.error);
      }
      if (reset.error.kind !== "validation" && issues !== "[]") fail(`reset ${name}: sent despite issues`, reset.error);
    } else fail(`reset ${name}`, reset.error);
  }

  // ---- a custom fetch returning hostile values ----
  const responseLike = (overrides) =>
    Object.defineProperties(
      { status: 200, headers: new Headers(), text: () => Promise.resolve('{"IsPosted":true}') },
      Object.getOwnPropertyDescriptors(overrides), // copies getters without calling them
    );
  const RETURNS = [
    ...VALUES,
    ["rejected promise (non-Error)", Promise.reject("just a string")],
    ["status 99", responseLike({ status: 99 })], ["status 600", responseLike({ status: 600 })],
    ["status NaN", responseLike({ status: NaN })], ["status '200'", responseLike({ status: "200" })],
    ["status getter throws", responseLike({ get status() { return thrower(); } })],
    ["headers null", responseLike({ headers: null })], ["headers throw", responseLike({ headers: allTraps })],
    ["text missing", responseLike({ text: undefined })], ["text throws", responseLike({ text: thrower })],
    ["text resolves a number", responseLike({ text: () => Promise.resolve(42) })],
    ["text rejects", responseLike({ text: () => Promise.reject(new Error("body")) })],
    ["text is 10 MB", responseLike({ text: () => Promise.resolve(mb10) })],
    ["text lone surrogate", responseLike({ text: () => Promise.resolve('{"IsPosted":true,"x":"\uD800"}') })],
    ["Content-Length lies huge", new Response('{"IsPosted":true}', { headers: { "Content-Length": "99999999999" } })],
    ["deep JSON", new Response("[".repeat(100000) + "]".repeat(100000))],
    ["JSON with __proto__", new Response('{"IsPosted":true,"__proto__":{"polluted":true}}')],
    ["error body with hostile fields", new Response('{"ErrorCode":1e400,"Message":{"a":1},"Errors":[null,1,{"FieldName":[]}],"Data":"\\ud800"}', { status: 400 })],
  ];
  const isPromise = (v) => {
    try {
      return v instanceof Promise;
    } catch {
      return false; // a revoked proxy
    }
  };
  for (const [, value] of RETURNS) if (isPromise(value)) value.catch(() => {}); // handled
  for (const [name, value] of RETURNS) {
    counts.fetchReturns += 1;
    const result = await h.settle(() => lib.resetPinWithOtp({ ...valid(), fetch: () => value }));
    if (result.ok) note("fetch return: resolved");
    else if (h.typed(result.error)) note(`fetch return: ${result.error.kind}`);
    else fail(`fetch returning ${name}`, result.error);
  }

  // ---- isLoginRadiusError: always a boolean ----
  const fakeErrors = [
    ["look-alike plain object", { name: "LoginRadiusError", kind: "api" }],
    ["look-alike with unknown kind", { name: "LoginRadiusError", kind: "nope" }],
    ["Proxy answering like an error", new Proxy({}, { get: (_, k) => ({ name: "LoginRadiusError", kind: "api" })[k] })],
  ];
  for (const [name, value] of [...VALUES, ...OPTION_OBJECTS, ...fakeErrors]) {
    counts.isLoginRadiusError += 1;
    const result = h.settleSync(() => lib.isLoginRadiusError(value));
    if (!result.ok || typeof result.value !== "boolean") fail(`isLoginRadiusError ${name}`, result.error ?? result.value);
    else note(`isLoginRadiusError: ${result.value}`);
  }

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const terminated = h.terminated();
  return { total, counts, outcomes, traps, terminated, failures, values: VALUES.length, keys: KEYS.length };
}

/** A real reset against the mock, after the hostile cases: the module still works. */
async function stillWorks(lib, options, h) {
  const issues = lib.validateResetPinWithOtp(options);
  const request = lib.buildResetPinWithOtpRequest(options);
  const reset = await h.settle(() => lib.resetPinWithOtp(options));
  return { issues, method: request.method, reset };
}

/** The cases per function: the suite's fixed lists, so the same in Node and every engine. */
const CASES = { reset: 1953, validate: 1953, build: 1953, isLoginRadiusError: 2043, fetchReturns: 105 };

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

for (const [where, title] of places(["node", "same"])) {
  describe(`hostile input: ${title}`, () => {
    test("every function × every option × every hostile value: typed, never a trap", async () => {
      const started = Date.now();
      const summary = await env.run(where, hostileSuite);
      const ms = Date.now() - started;
      console.log(
        `hostile inputs (${where}): ${summary.total} cases, ${summary.traps} traps, ` +
          `${summary.failures.length} failures in ${ms} ms — ${JSON.stringify(summary.counts)} ` +
          `(${summary.keys} keys × ${summary.values} values)`,
      );
      console.log(`  outcomes: ${JSON.stringify(summary.outcomes)}`);
      assert.deepEqual(summary.failures, []);
      assert.equal(summary.traps, 0);
      assert.equal(summary.terminated, 0, "the wasm instance's trap flag is set");
      // Exactly the cases the suite builds (21 keys × 87 values, and the rest), in every engine.
      assert.deepEqual(summary.counts, CASES);
      assert.equal(summary.total, 8007);
    });

    test("afterwards the module still resets a PIN against the mock", async () => {
      const { apiKey, email, otp, baseUrl } = await seedTenant(env);
      const options = { apiKey, email, otp, pin: "8642", baseUrl };
      const result = await env.run(where, stillWorks, options);
      assert.deepEqual(result, { issues: [], method: "PUT", reset: { ok: true, value: { IsPosted: true } } });
      assert.deepEqual(await env.dev.checkPin(apiKey, email, "8642"), { matches: true, pinChanges: 1 });
    });
  });
}
