// Secrets: with a distinctive PIN and OTP, every outcome (success and each error kind, from real
// faults of the mock) is checked for them in every request URL and header (as fetch was called,
// and, where the engine shows the network (Chromium, Firefox; WebKit over WebDriver classic
// reports that check as skipped), as they went on the wire), in every error field, string and
// stack, in the console, and in the request preview's URL and headers. The API key never appears unmasked in
// an error. In Node (pkg/node.mjs) and in this run's browser (the mock's /pkg/index.js).
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";

import { closedPort, places, startEnv } from "./support.mjs";

const PIN = "P1n5ecret9";
const OTP = "Otp5ecret7";
const EMAIL = "grace@example.com";
/** Why an engine's page reports no requests or console lines (WebKit, see engines/webkit.mjs). */
const NO_EVENTS = "its WebDriver, classic WebDriver, has no network or console events";

/**
 * Every scenario, in a row: records what fetch was called with, what the console got and every
 * string of every error. Self-contained (runs in pages).
 */
async function secretScenarios(lib, arg, h) {
  const requests = [];
  const consoleLines = [];
  const realFetch = globalThis.fetch;
  const recordingFetch = (url, init) => {
    requests.push({ url: String(url), headers: JSON.stringify(Object.fromEntries(new Headers(init?.headers))) });
    return realFetch(url, init);
  };
  const consoleMethods = ["log", "info", "warn", "error", "debug", "trace", "dir", "table"];
  const realConsole = Object.fromEntries(consoleMethods.map((m) => [m, console[m]]));
  for (const m of consoleMethods) {
    console[m] = (...args) => {
      consoleLines.push(`${m}: ${args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")}`);
    };
  }
  /** Every string a caller (or a logger) could get out of an error. */
  const errorTexts = (e) => {
    if (typeof e !== "object" || e === null) return [String(e)];
    const texts = [String(e), String(e.stack)];
    for (const key of Object.getOwnPropertyNames(e)) {
      const value = e[key];
      texts.push(`${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
    }
    return texts;
  };

  const outcomes = [];
  const scenario = async (name, options, { abort, viaCustomFetch } = {}) => {
    const call = { ...options };
    if (viaCustomFetch) call.fetch = recordingFetch;
    else globalThis.fetch = recordingFetch;
    if (abort) {
      const controller = new AbortController();
      call.signal = controller.signal;
      if (abort === "before") controller.abort();
      else setTimeout(() => controller.abort(), abort);
    }
    try {
      await lib.resetPinWithOtp(call);
      outcomes.push({ name, kind: "success", texts: [] });
    } catch (e) {
      outcomes.push({ name, kind: e?.kind, texts: errorTexts(e), isError: lib.isLoginRadiusError(e) });
    } finally {
      globalThis.fetch = realFetch;
    }
  };
  const base = { otp: arg.otp, pin: arg.pin, email: arg.email, baseUrl: arg.baseUrl };
  const key = (name) => arg.keys[name];
  try {
    await scenario("success", { ...base, apiKey: key("success") });
    await scenario("success (custom fetch)", { ...base, apiKey: key("successCustom") }, { viaCustomFetch: true });
    await scenario("api: wrong OTP", { ...base, apiKey: key("wrongOtp") });
    await scenario("api: error200", { ...base, apiKey: key("error200") });
    await scenario("api: rateLimited", { ...base, apiKey: key("rateLimited") });
    await scenario("invalid_response: html500", { ...base, apiKey: key("html500") });
    await scenario("invalid_response: truncated", { ...base, apiKey: key("truncated") });
    await scenario("invalid_response: big", { ...base, apiKey: key("big") });
    await scenario("network: dropMidBody", { ...base, apiKey: key("dropMidBody") });
    await scenario("network: refused", { ...base, apiKey: key("refused"), baseUrl: arg.closedBase });
    await scenario("timeout: hang", { ...base, apiKey: key("hang"), timeoutMs: 200 });
    await scenario("aborted: before", { ...base, apiKey: key("abortBefore") }, { abort: "before" });
    await scenario("aborted: during", { ...base, apiKey: key("abortDuring") }, { abort: 100 });
    // Validation: the secrets are valid, something else is not; then the secrets themselves are
    // invalid (each with the secret inside it).
    await scenario("validation: other field", { ...base, apiKey: key("validation"), type: "phone", timeoutMs: 0 });
    await scenario("validation: bad PIN and OTP", {
      ...base,
      apiKey: key("validation"),
      pin: `${arg.pin} ${arg.pin}\n`,
      otp: `${arg.otp}!${arg.otp}`,
    });
    await scenario("validation: PIN too long", { ...base, apiKey: key("validation"), pin: arg.pin.repeat(7) });
    await scenario("validation: OTP too long", { ...base, apiKey: key("validation"), otp: arg.otp.repeat(4) });
    await scenario("validation: secrets under unknown keys", {
      ...base,
      apiKey: key("validation"),
      Pin: arg.pin,
      OTP: arg.otp,
    });
    // The synchronous functions.
    const preview = lib.buildResetPinWithOtpRequest({ ...base, apiKey: key("validation") });
    let buildError = [];
    try {
      lib.buildResetPinWithOtpRequest({ ...base, apiKey: key("validation"), pin: `${arg.pin}\u0000` });
    } catch (e) {
      buildError = errorTexts(e);
    }
    const issues = lib.validateResetPinWithOtp({ ...base, apiKey: "not-a-key", otp: `${arg.otp}?`, pin: `${arg.pin} ` });
    return {
      outcomes,
      requests,
      consoleLines,
      preview: { url: preview.url, headers: JSON.stringify(preview.headers), method: preview.method, body: preview.body },
      buildError,
      issues: JSON.stringify(issues),
    };
  } finally {
    Object.assign(console, realConsole);
  }
}

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

/** One tenant per scenario, the user holding OTP (or another code), the fault armed. */
async function tenants() {
  const faults = ["error200", "rateLimited", "html500", "truncated", "big", "dropMidBody", "hang"];
  const names = ["success", "successCustom", "wrongOtp", "refused", "abortBefore", "abortDuring", "validation", ...faults];
  const keys = {};
  for (const name of names) {
    const apiKey = await env.dev.createTenant({ rateLimit: 0, pinAlphanumeric: true });
    await env.dev.createUser(apiKey, { email: EMAIL, pin: "1111" });
    await env.dev.issueOtp(apiKey, { email: EMAIL, otp: name === "wrongOtp" ? "999999" : OTP });
    if (faults.includes(name)) await env.dev.armFault(apiKey, { fault: name });
    if (name === "abortDuring") await env.dev.armFault(apiKey, { fault: "hang" });
    keys[name] = apiKey;
  }
  return keys;
}

const has = (text, secret) => String(text).includes(secret);

for (const [where, title] of places(["node", "same"])) {
  describe(`secrets: ${title}`, () => {
    let run;
    let keys;
    before(async () => {
      keys = await tenants();
      const closedBase = `http://127.0.0.1:${await closedPort()}`;
      // The page's network and console as the engine reports them: WebKit's WebDriver shows neither.
      const page = where === "node" ? null : await env.page(where);
      const requests = page?.requests ?? null;
      const pageConsole = page?.console ?? null;
      const before = requests?.length ?? 0;
      const consoleBefore = pageConsole?.length ?? 0;
      run = await env.run(where, secretScenarios, { keys, pin: PIN, otp: OTP, email: EMAIL, baseUrl: env.url, closedBase });
      run.wire = requests ? requests.slice(before).filter((r) => r.url.includes("/identity/")) : null;
      run.pageConsole = pageConsole ? pageConsole.slice(consoleBefore).map((m) => `${m.type}: ${m.text}`) : null;
    });

    test("every outcome happened as planned (one of each kind)", () => {
      const kinds = Object.fromEntries(run.outcomes.map((o) => [o.name, o.kind]));
      assert.deepEqual(kinds, {
        success: "success",
        "success (custom fetch)": "success",
        "api: wrong OTP": "api",
        "api: error200": "api",
        "api: rateLimited": "api",
        "invalid_response: html500": "invalid_response",
        "invalid_response: truncated": "invalid_response",
        "invalid_response: big": "invalid_response",
        "network: dropMidBody": "network",
        "network: refused": "network",
        "timeout: hang": "timeout",
        "aborted: before": "aborted",
        "aborted: during": "aborted",
        "validation: other field": "validation",
        "validation: bad PIN and OTP": "validation",
        "validation: PIN too long": "validation",
        "validation: OTP too long": "validation",
        "validation: secrets under unknown keys": "validation",
      });
      console.log(
        `secrets (${where}): ${run.outcomes.length} calls, ${run.requests.length} fetch calls, ` +
          `${run.wire?.length ?? "no"} requests seen on the wire, ` +
          `${run.outcomes.reduce((n, o) => n + o.texts.length, 0)} error strings checked`,
      );
    });

    const assertNoSecretInUrlOrHeaders = (requests) => {
      for (const request of requests) {
        const headers = typeof request.headers === "string" ? request.headers : JSON.stringify(request.headers);
        for (const secret of [PIN, OTP]) {
          assert.ok(!has(request.url, secret), `${secret} in ${request.url}`);
          assert.ok(!has(decodeURIComponent(request.url), secret), `${secret} in ${request.url}`);
          assert.ok(!has(headers, secret), `${secret} in headers ${headers}`);
        }
      }
    };

    test("the PIN and OTP are in no URL and no header, as fetched", () => {
      assert.ok(run.requests.length >= 12, `only ${run.requests.length} requests recorded`);
      assertNoSecretInUrlOrHeaders(run.requests);
    });

    // In a page, also as the engine itself reports the requests (what went on the wire).
    const inPage = where === "node" ? () => {} : test;
    inPage("the PIN and OTP are in no URL and no header, on the wire", (t) => {
      if (run.wire === null) return t.skip(`${env.engine.title} shows no network events to a test (${NO_EVENTS})`);
      assert.ok(run.wire.length >= 12, `only ${run.wire.length} requests seen on the wire`);
      assertNoSecretInUrlOrHeaders(run.wire);
    });

    test("no error of any kind carries the PIN, the OTP or the unmasked API key", () => {
      for (const outcome of run.outcomes) {
        const apiKey = Object.values(keys);
        for (const text of outcome.texts) {
          for (const secret of [PIN, OTP, ...apiKey]) {
            assert.ok(!has(text, secret), `${outcome.name}: "${secret}" in ${text}`);
          }
          // Not even the key's tail: at most its first four characters would be a masked form.
          for (const k of apiKey) assert.ok(!has(text, k.slice(-12)), `${outcome.name}: key tail in ${text}`);
        }
      }
      for (const text of run.buildError) {
        for (const secret of [PIN, OTP, keys.validation]) assert.ok(!has(text, secret), text);
      }
      assert.ok(run.buildError.length > 0, "buildResetPinWithOtpRequest did not throw");
      for (const secret of [PIN, OTP]) assert.ok(!has(run.issues, secret), run.issues);
    });

    const nodeOnly = where === "node" ? test : () => {};
    nodeOnly("Node's util.inspect of an error shows no secret either", async () => {
      const { resetPinWithOtp } = env.lib;
      for (const options of [
        { apiKey: keys.validation, otp: OTP, pin: `${PIN}\n`, email: EMAIL, baseUrl: env.url },
        { apiKey: keys.validation, otp: OTP, pin: PIN, email: EMAIL, baseUrl: `http://127.0.0.1:${await closedPort()}` },
      ]) {
        const error = await resetPinWithOtp(options).catch((e) => e);
        const shown = inspect(error, { depth: 5, showHidden: true });
        for (const secret of [PIN, OTP, keys.validation]) assert.ok(!has(shown, secret), shown);
      }
    });

    test("the package writes nothing to the console", () => {
      assert.deepEqual(run.consoleLines, [], "the package wrote to the console");
    });

    inPage("no line of the engine's own console carries a secret", (t) => {
      if (run.pageConsole === null) return t.skip(`${env.engine.title} shows no console messages to a test (${NO_EVENTS})`);
      for (const line of run.pageConsole) {
        for (const secret of [PIN, OTP]) assert.ok(!has(line, secret), line);
      }
    });

    test("the request preview: secrets only in the body", () => {
      const { url, headers, method, body } = run.preview;
      assert.equal(method, "PUT");
      for (const secret of [PIN, OTP]) {
        assert.ok(!has(url, secret) && !has(headers, secret), `${secret} in the preview's URL or headers`);
      }
      assert.deepEqual(JSON.parse(body), { otp: OTP, pin: PIN, email: EMAIL });
    });
  });
}
