// Hostile input at every exported function, in Node (pkg/node.mjs) and in this run's browser (the
// mock's /pkg/index.js): every option (and the __proto__ / constructor / unknown keys) × every hostile
// value, hostile options objects, hostile values returned by a custom fetch, and every value
// through isLoginRadiusError, for both calls (resetPinWithOtp and sendResetPinOtp, each with its
// validate and build). Each case must give a typed LoginRadiusError (or a boolean, or an issues
// array), never a wasm trap or a foreign throw; each call's three functions must agree; and
// afterwards the module still resets a PIN and sends a code against the mock.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { outbox, seedTenant, places, startEnv } from "./support.mjs";

/**
 * Generates and runs every case. Self-contained (its source runs in pages): returns counts and
 * the first failures.
 */
async function hostileSuite(lib, arg, h) {
  const okFetch = () => Promise.resolve(new Response('{"IsPosted":true}', { status: 200 }));
  const connection = { baseUrl: "http://127.0.0.1:9", timeoutMs: 2000, fetch: okFetch };
  const apiKey = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";
  // Each operation: its three functions, its option names (plus keys that must be refused), a
  // valid options object, and how a key under test changes it (an identifier or a phone-only
  // option replaces the email), so that each case reaches the rule of that key.
  const OPERATIONS = [
    {
      counts: { call: "reset", validate: "validate", build: "build", fetchReturns: "fetchReturns" },
      call: lib.resetPinWithOtp,
      validate: lib.validateResetPinWithOtp,
      build: lib.buildResetPinWithOtpRequest,
      method: "PUT",
      keys: [
        "apiKey", "otp", "pin", "email", "phone", "username", "type", "preventWebhook",
        "xPreventWebhook", "gRecaptchaResponse", "gRecaptchaResponseAlt", "hCaptchaResponse",
        "qqCaptchaTicket", "qqCaptchaRandstr", "baseUrl", "timeoutMs", "signal", "fetch",
        "__proto__", "constructor", "phoneNumber",
      ],
      valid: () => ({ apiKey, otp: "123456", pin: "2468", email: "ada@example.com", ...connection }),
      phoneKeys: [],
    },
    {
      counts: { call: "send", validate: "validateSend", build: "buildSend", fetchReturns: "sendFetchReturns" },
      call: lib.sendResetPinOtp,
      validate: lib.validateSendResetPinOtp,
      build: lib.buildSendResetPinOtpRequest,
      method: "POST",
      keys: [
        "apiKey", "email", "phone", "username", "smsTemplate", "isVoiceOtp", "emailTemplate",
        "resetPinUrl", "gRecaptchaResponse", "gRecaptchaResponseAlt", "hCaptchaResponse",
        "qqCaptchaTicket", "qqCaptchaRandstr", "baseUrl", "timeoutMs", "signal", "fetch",
        "__proto__", "constructor", "phoneNumber", "otp",
      ],
      valid: () => ({ apiKey, email: "ada@example.com", ...connection }),
      phoneKeys: ["smsTemplate", "isVoiceOtp"],
    },
  ];
  /** `operation.valid()` made ready for a hostile value under `key`. */
  const validFor = (operation, key) => {
    const options = operation.valid();
    if (["phone", "username", ...operation.phoneKeys].includes(key)) delete options.email;
    if (operation.phoneKeys.includes(key)) options.phone = "+919876543210";
    return options;
  };

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

  // ---- whole hostile options objects, and every key × every value, for one operation ----
  const optionObjects = (operation) => {
    const valid = operation.valid;
    const withGetter = (key) => Object.defineProperty(valid(), key, { get: thrower, enumerable: true });
    const withSymbols = Object.assign(valid(), { [Symbol("apiKey")]: "x", [Symbol.toPrimitive]: thrower });
    const objects = [
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
      ...operation.keys.map((key) => [`options = valid with a throwing getter for ${key}`, withGetter(key)]),
    ];
    for (const key of operation.keys) {
      for (const [name, value] of VALUES) {
        const options = validFor(operation, key);
        Object.defineProperty(options, key, { value, enumerable: true, writable: true, configurable: true });
        objects.push([`${key} = ${name}`, options]);
      }
    }
    return objects;
  };

  const counts = {};
  const outcomes = {};
  const failures = [];
  let traps = 0;
  const count = (name) => (counts[name] = (counts[name] ?? 0) + 1);
  const note = (kind) => (outcomes[kind] = (outcomes[kind] ?? 0) + 1);
  const fail = (what, detail) => {
    if (detail?.isTrap) traps += 1;
    if (failures.length < 20) failures.push(`${what}: ${JSON.stringify(detail)}`);
  };
  const issuesShape = (issues) =>
    Array.isArray(issues) && issues.every((i) => typeof i.field === "string" && typeof i.message === "string");

  /** One options object through an operation's validate, build and call: typed, and in agreement. */
  const checkOptions = async (operation, name, options) => {
    const { call: callName, validate: validateName, build: buildName } = operation.counts;
    // validate: always an issues array
    count(validateName);
    const validated = h.settleSync(() => operation.validate(options));
    if (!validated.ok || !issuesShape(validated.value)) fail(`${validateName} ${name}`, validated.error ?? validated.value);
    const issues = validated.ok ? JSON.stringify(validated.value) : "?";

    // build: a request, or a typed validation throw with the same issues
    count(buildName);
    const built = h.settleSync(() => operation.build(options));
    if (built.ok) {
      note(`${buildName}: request`);
      if (built.value?.method !== operation.method || issues !== "[]") {
        fail(`${buildName} ${name} (${validateName} said ${issues})`, built.value);
      }
    } else if (h.typed(built.error) && built.error.kind === "validation") {
      note(`${buildName}: validation throw`);
      if (JSON.stringify(built.error.issues) !== issues) fail(`${buildName} ${name}: issues differ from ${validateName}`, built.error);
    } else fail(`${buildName} ${name}`, built.error);

    // the call: resolves (a valid hostile value, answered by okFetch) or a typed rejection
    count(callName);
    let returned;
    const called = await h.settle(() => {
      returned = operation.call(options);
      return returned;
    });
    if (!(returned instanceof Promise)) fail(`${callName} ${name}: not a Promise`, String(returned));
    if (called.ok) note(`${callName}: resolved`);
    else if (h.typed(called.error)) {
      note(`${callName}: ${called.error.kind}`);
      if (called.error.kind === "validation" && JSON.stringify(called.error.issues) !== issues) {
        fail(`${callName} ${name}: issues differ from ${validateName}`, called.error);
      }
      if (called.error.kind !== "validation" && issues !== "[]") fail(`${callName} ${name}: sent despite issues`, called.error);
    } else fail(`${callName} ${name}`, called.error);
  };

  const allObjects = [];
  for (const operation of OPERATIONS) {
    const objects = optionObjects(operation);
    allObjects.push(...objects);
    for (const [name, options] of objects) await checkOptions(operation, name, options);
  }

  // ---- a custom fetch returning hostile values ----
  const responseLike = (overrides) =>
    Object.defineProperties(
      { status: 200, headers: new Headers(), text: () => Promise.resolve('{"IsPosted":true}') },
      Object.getOwnPropertyDescriptors(overrides), // copies getters without calling them
    );
  /** Fresh for each call: a Response's body can be read once. */
  const hostileReturns = () => [
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
  for (const operation of OPERATIONS) {
    const what = operation.counts.fetchReturns;
    const returns = hostileReturns();
    for (const [, value] of returns) if (isPromise(value)) value.catch(() => {}); // handled
    for (const [name, value] of returns) {
      count(what);
      const result = await h.settle(() => operation.call({ ...operation.valid(), fetch: () => value }));
      if (result.ok) note(`${what}: resolved`);
      else if (h.typed(result.error)) note(`${what}: ${result.error.kind}`);
      else fail(`${what}: fetch returning ${name}`, result.error);
    }
  }

  // ---- isLoginRadiusError: always a boolean ----
  const fakeErrors = [
    ["look-alike plain object", { name: "LoginRadiusError", kind: "api" }],
    ["look-alike with unknown kind", { name: "LoginRadiusError", kind: "nope" }],
    ["Proxy answering like an error", new Proxy({}, { get: (_, k) => ({ name: "LoginRadiusError", kind: "api" })[k] })],
  ];
  for (const [name, value] of [...VALUES, ...allObjects, ...fakeErrors]) {
    count("isLoginRadiusError");
    const result = h.settleSync(() => lib.isLoginRadiusError(value));
    if (!result.ok || typeof result.value !== "boolean") fail(`isLoginRadiusError ${name}`, result.error ?? result.value);
    else note(`isLoginRadiusError: ${result.value}`);
  }

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const terminated = h.terminated();
  const keys = OPERATIONS.map((operation) => operation.keys.length);
  return { total, counts, outcomes, traps, terminated, failures, values: VALUES.length, keys };
}

/**
 * A real reset, then a real send, against the mock, after the hostile cases: the module still
 * works. (The send comes second: it replaces the seeded code.)
 */
async function stillWorks(lib, arg, h) {
  const { otp, pin, ...sendOptions } = arg;
  const resetOptions = { ...sendOptions, otp, pin };
  return {
    reset: {
      issues: lib.validateResetPinWithOtp(resetOptions),
      method: lib.buildResetPinWithOtpRequest(resetOptions).method,
      outcome: await h.settle(() => lib.resetPinWithOtp(resetOptions)),
    },
    send: {
      issues: lib.validateSendResetPinOtp(sendOptions),
      method: lib.buildSendResetPinOtpRequest(sendOptions).method,
      outcome: await h.settle(() => lib.sendResetPinOtp(sendOptions)),
    },
  };
}

/**
 * The cases per function: the suite's fixed lists, so the same in Node and every engine. Each
 * call's option-taking functions get 21 keys × 87 values and 126 whole objects; isLoginRadiusError
 * gets the 87 values, both calls' objects and 3 look-alikes; each call gets 105 fetch returns.
 */
const CASES = {
  validate: 1953, build: 1953, reset: 1953,
  validateSend: 1953, buildSend: 1953, send: 1953,
  fetchReturns: 105, sendFetchReturns: 105,
  isLoginRadiusError: 3996,
};
const TOTAL = 15924;

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
          `(${summary.keys.join(" and ")} keys × ${summary.values} values)`,
      );
      console.log(`  outcomes: ${JSON.stringify(summary.outcomes)}`);
      assert.deepEqual(summary.failures, []);
      assert.equal(summary.traps, 0);
      assert.equal(summary.terminated, 0, "the wasm instance's trap flag is set");
      // Exactly the cases the suite builds (21 keys × 87 values per call, and the rest), in every engine.
      assert.deepEqual(summary.counts, CASES);
      assert.equal(summary.total, TOTAL);
      // The answer is read the same way for both calls: the same fetch returns, the same outcomes.
      const byKind = (prefix) =>
        Object.entries(summary.outcomes)
          .filter(([key]) => key.startsWith(`${prefix}: `))
          .map(([key, n]) => [key.slice(prefix.length), n])
          .sort();
      assert.deepEqual(byKind("sendFetchReturns"), byKind("fetchReturns"));
    });

    test("afterwards the module still resets a PIN and sends a code against the mock", async () => {
      const { apiKey, email, otp, baseUrl } = await seedTenant(env);
      const result = await env.run(where, stillWorks, { apiKey, email, otp, pin: "8642", baseUrl });
      const succeeded = (method) => ({ issues: [], method, outcome: { ok: true, value: { IsPosted: true } } });
      assert.deepEqual(result, { reset: succeeded("PUT"), send: succeeded("POST") });
      assert.deepEqual(await env.dev.checkPin(apiKey, email, "8642"), { matches: true, pinChanges: 1 });
      const sent = await outbox(env, apiKey);
      assert.deepEqual(sent.map(({ channel, to }) => ({ channel, to })), [{ channel: "email", to: email }]);
    });
  });
}
