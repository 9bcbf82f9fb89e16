// The headless flow, loginradius-pin-reset/flow, against the real mock: in Node (pkg/flow-node.mjs)
// and in this run's browser (a page on the mock's origin importing its /pkg/flow.js). Its rules
// (npm/flow-rules.js): the resend cooldown, a 429's Retry-After, a lockout with its end time, a
// timeout never retried, cancel during a call, a wrong and a used code, an unknown account; the
// snapshot contract (a new frozen object per change, subscribe and unsubscribe); the messages
// (English, Spanish and Hindi catalogs with the same keys, an app's own).
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { ROOT, places, startEnv } from "./support.mjs";

const EMAIL = "ada@example.com";
const PHONE = "+919876543210";
const COOLDOWN_MS = 30_000;

let env;
let nodeFlow;
before(async () => {
  env = await startEnv();
  nodeFlow = await import(path.join(ROOT, "pkg", "flow-node.mjs"));
});
after(async () => {
  await env?.close();
});

/** A fresh tenant with one user holding every identifier (old PIN 1111). */
async function seedUser(settings = {}) {
  const apiKey = await env.dev.createTenant({ rateLimit: 0, ...settings });
  await env.dev.createUser(apiKey, { email: EMAIL, phone: PHONE, username: "ada", pin: "1111" });
  return { apiKey, baseUrl: env.url };
}

/**
 * Helpers for the routines, in Node and in pages (self-contained: pages get its source).
 * counting(): a fetch that records each request's path before sending it; until(flow, test, ms):
 * the first snapshot that passes; dev(baseUrl, method, path, body): the mock's /__dev/ API;
 * otps(baseUrl, apiKey): the codes sent so far.
 */
function flowHelpers() {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const counting = () => {
    const sent = [];
    const fetchCounting = (url, init) => {
      sent.push(new URL(url).pathname.split("/").slice(-2).join("/"));
      return fetch(url, init);
    };
    return { sent, fetch: fetchCounting };
  };
  const until = (flow, passes, ms = 10_000) =>
    new Promise((resolve, reject) => {
      let unsubscribe;
      const timer = setTimeout(() => {
        unsubscribe?.();
        reject(new Error(`no such snapshot within ${ms} ms; last: ${JSON.stringify(flow.getSnapshot())}`));
      }, ms);
      unsubscribe = flow.subscribe((snapshot) => {
        if (!passes(snapshot)) return;
        clearTimeout(timer);
        queueMicrotask(() => unsubscribe());
        resolve(snapshot);
      });
    });
  const dev = async (baseUrl, method, path, body) => {
    const response = await fetch(`${baseUrl}/__dev/${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /__dev/${path}: ${response.status}`);
    return response.json();
  };
  const otps = async (baseUrl, apiKey) => (await dev(baseUrl, "GET", `outbox?apikey=${apiKey}`)).map((sent) => sent.otp);
  return { sleep, counting, until, dev, otps };
}

let pageReady;
/** Runs `fn(flowModule, arg, helpers)` in Node or in the page on the mock's origin. */
async function runFlow(where, fn, arg) {
  if (where === "node") return JSON.parse(JSON.stringify({ v: await fn(nodeFlow, arg, flowHelpers()) })).v;
  const page = await env.page("same");
  pageReady ??= page.evaluate(`(async () => {
    window.flowModule = await import(${JSON.stringify(`${env.url}/pkg/flow.js`)});
    window.flowHelpers = (${flowHelpers})();
    return true;
  })()`);
  await pageReady;
  return page.evaluate(`(${fn})(window.flowModule, ${JSON.stringify(arg)}, window.flowHelpers)`);
}

const PLACES = places(["node", "same"]);


// ---------------------------------------------------------------------------------------------
// Routines: self-contained, JSON in and out.

/** The whole path by email, recording every snapshot a subscriber sees. */
async function happyPath({ createPinResetFlow }, { apiKey, baseUrl, email }, h) {
  const flow = createPinResetFlow({ apiKey, baseUrl });
  const seen = [];
  const unsubscribe = flow.subscribe((snapshot) => seen.push(snapshot));
  const initial = flow.getSnapshot();
  const beforeSend = Date.now();
  const sending = flow.sendCode({ email });
  const busy = flow.getSnapshot();
  const sent = await sending;
  const afterSend = Date.now();
  const [otp] = await h.otps(baseUrl, apiKey);
  const done = await flow.resetPin({ otp, pin: "2468" });
  const countBefore = seen.length;
  unsubscribe();
  flow.back(); // a change nobody hears
  const frozen = seen.every((snapshot) => Object.isFrozen(snapshot) && (snapshot.error === null || Object.isFrozen(snapshot.error)));
  const distinct = new Set(seen).size === seen.length;
  return {
    initial,
    busy,
    sent,
    done,
    firstSeenIsInitial: seen[0] === initial,
    steps: seen.map((s) => `${s.step}${s.busy ? "+busy" : ""}`),
    frozen,
    distinct,
    resolvedIsCurrent: seen[seen.length - 1] === done,
    initialUnchanged: initial.step === "identify" && initial.busy === false,
    heardAfterUnsubscribe: seen.length - countBefore,
    afterBack: flow.getSnapshot().step,
    cooldownFromSend: [sent.resendAvailableAt - afterSend, sent.resendAvailableAt - beforeSend],
  };
}

/** A resend before the cooldown ends is refused without a request; after it, allowed. */
async function cooldown({ createPinResetFlow }, { apiKey, baseUrl, email, resendCooldownMs }, h) {
  const { sent, fetch } = h.counting();
  const flow = createPinResetFlow({ apiKey, baseUrl, fetch, resendCooldownMs });
  const first = await flow.sendCode({ email });
  const refused = await flow.sendCode({ email });
  const sentWhileCooling = sent.length;
  const cleared = await h.until(flow, (s) => s.resendAvailableAt === null, resendCooldownMs + 5_000);
  const again = await flow.sendCode({ email });
  return {
    first,
    refused,
    sentWhileCooling,
    cleared,
    sameError: cleared.error === refused.error,
    again,
    sent,
    codes: (await h.otps(baseUrl, apiKey)).length,
  };
}

/** A 429 with Retry-After: 7 (the mock's rateLimited fault) on the send. */
async function rateLimited({ createPinResetFlow }, { apiKey, baseUrl, email }, h) {
  await h.dev(baseUrl, "POST", `faults?apikey=${apiKey}`, { fault: "rateLimited" });
  const { sent, fetch } = h.counting();
  const flow = createPinResetFlow({ apiKey, baseUrl, fetch });
  const before = Date.now();
  const limited = await flow.sendCode({ email });
  const refused = await flow.sendCode({ email });
  return { limited, refused, sent, waitMs: limited.resendAvailableAt - before };
}

/** Wrong codes until the tenant locks the user (1198 with its end), then nothing is sent. */
async function lockout({ createPinResetFlow }, { apiKey, baseUrl, email }, h) {
  const { sent, fetch } = h.counting();
  const flow = createPinResetFlow({ apiKey, baseUrl, fetch });
  await flow.sendCode({ email });
  const [otp] = await h.otps(baseUrl, apiKey);
  const wrong = await flow.resetPin({ otp: "000000", pin: "2468" });
  const locked = await flow.resetPin({ otp: "000001", pin: "2468" });
  const sentBefore = sent.length;
  const resetRefused = await flow.resetPin({ otp, pin: "2468" });
  const sendRefused = await flow.sendCode({ email });
  const user = await h.dev(baseUrl, "GET", `users?apikey=${apiKey}&identifier=${encodeURIComponent(email)}`);
  return { wrong, locked, resetRefused, sendRefused, sentAfterLock: sent.length - sentBefore, serverLockedUntil: user.lockedUntil };
}

/** A lockout of one second ends: the flow says so with a new snapshot, and sends again. */
async function lockoutEnds({ createPinResetFlow }, { apiKey, baseUrl, email }, h) {
  const flow = createPinResetFlow({ apiKey, baseUrl });
  await flow.sendCode({ email });
  const locked = await flow.resetPin({ otp: "000000", pin: "2468" });
  const unlocked = await h.until(flow, (s) => s.lockedUntil === null, 10_000);
  await h.sleep(200); // the mock's lockout ends on its own clock: let it pass there too
  const after = await flow.resetPin({ otp: "000000", pin: "2468" });
  return { locked, unlocked, after };
}

/** The reset gets no answer within timeoutMs: unknown outcome, never sent again, a new code at once. */
async function timeoutNeverRetried({ createPinResetFlow }, { apiKey, baseUrl, email }, h) {
  const { sent, fetch } = h.counting();
  const flow = createPinResetFlow({ apiKey, baseUrl, fetch, timeoutMs: 400 });
  await flow.sendCode({ email });
  const [otp] = await h.otps(baseUrl, apiKey);
  await h.dev(baseUrl, "POST", `faults?apikey=${apiKey}`, { fault: "hang" });
  const timedOut = await flow.resetPin({ otp, pin: "2468" });
  await h.sleep(1_000);
  const sentAfterWait = [...sent];
  const resend = await flow.sendCode({ email });
  return { timedOut, sentAfterWait, resend };
}

/** A send with no answer: the code may be on its way, so the code step, with the cooldown. */
async function sendTimeout({ createPinResetFlow }, { apiKey, baseUrl, email }, h) {
  const flow = createPinResetFlow({ apiKey, baseUrl, timeoutMs: 400 });
  await h.dev(baseUrl, "POST", `faults?apikey=${apiKey}`, { fault: "hang" });
  return { timedOut: await flow.sendCode({ email }) };
}

/** cancel() while the reset (then the send) waits for a slow answer; cancel() when idle. */
async function cancelDuringCall({ createPinResetFlow }, { apiKey, baseUrl, email }, h) {
  const flow = createPinResetFlow({ apiKey, baseUrl });
  await flow.sendCode({ email });
  const [otp] = await h.otps(baseUrl, apiKey);
  await h.dev(baseUrl, "POST", `faults?apikey=${apiKey}`, { fault: "slow", delayMs: 1_500 });
  const seen = [];
  flow.subscribe((snapshot) => seen.push(snapshot));
  const resetting = flow.resetPin({ otp, pin: "2468" });
  const busy = flow.getSnapshot();
  flow.cancel();
  const cancelled = flow.getSnapshot();
  const resolved = await resetting;
  const heard = seen.length;
  await h.sleep(2_000); // the slow answer arrives meanwhile: the flow ignores it
  const afterAnswer = { same: flow.getSnapshot() === cancelled, heard: seen.length - heard };
  await h.dev(baseUrl, "POST", `faults?apikey=${apiKey}`, { fault: "slow", delayMs: 1_500 });
  const sending = flow.sendCode({ phone: "+919876543210" });
  flow.cancel();
  const sendCancelled = await sending;
  flow.cancel();
  const idle = flow.getSnapshot();
  return { busy, cancelled, resolvedIsCancelled: resolved === cancelled, afterAnswer, sendCancelled, idle };
}

/** A wrong code, the right one, then the same one again; an unknown account on the send. */
async function wrongAndUsed({ createPinResetFlow }, { apiKey, baseUrl, email }, h) {
  const flow = createPinResetFlow({ apiKey, baseUrl });
  await flow.sendCode({ email });
  const [otp] = await h.otps(baseUrl, apiKey);
  const wrong = await flow.resetPin({ otp: otp === "000000" ? "000001" : "000000", pin: "2468" });
  const done = await flow.resetPin({ otp, pin: "2468" });
  const used = await flow.resetPin({ otp, pin: "1357" });
  const other = createPinResetFlow({ apiKey, baseUrl });
  const unknown = await other.sendCode({ email: "nobody@example.com" });
  const invalid = await createPinResetFlow({ apiKey, baseUrl }).resetPin({ otp: "", pin: "" });
  const misconfigured = await createPinResetFlow({ apiKey: "not-a-key", baseUrl }).sendCode({ email });
  return { wrong, done, used, unknown, invalid, misconfigured };
}

/** The email link's path: a token from the mock, the reset with it, the same token again. */
async function tokenPath({ createPinResetFlow }, { apiKey, baseUrl, email }, h) {
  const { resetToken } = await h.dev(baseUrl, "POST", `reset-token?apikey=${apiKey}`, { email });
  const flow = createPinResetFlow({ apiKey, baseUrl });
  const done = await flow.resetPinWithToken({ resetToken, pin: "2468" });
  const reused = await flow.resetPinWithToken({ resetToken, pin: "1357" });
  return { done, reused };
}

/** Spanish and Hindi, loaded when asked for; an app's own message wins. */
async function languages({ createPinResetFlow, loadMessages, messages, LOCALES }, { apiKey, baseUrl, email }, h) {
  const flow = createPinResetFlow({ apiKey, baseUrl, locale: "es-MX" });
  const spanish = await h.until(flow, (s) => s.locale === "es");
  await flow.sendCode({ email });
  const wrongEs = await flow.resetPin({ otp: "000000", pin: "2468" });
  await flow.setLocale("hi");
  const wrongHi = flow.getSnapshot();
  await flow.setLocale("fr");
  const wrongFallback = flow.getSnapshot();
  const own = createPinResetFlow({ apiKey, baseUrl, messages: { 1067: { title: "Nope.", action: "Look again." } } });
  await own.sendCode({ email });
  const wrongOwn = await own.resetPin({ otp: "000000", pin: "2468" });
  // A field the person typed wrong: the catalog's sentence in the flow's language; the package's
  // own words stay in `message`; a setting's issue (apiKey) gets none.
  const typo = createPinResetFlow({ apiKey, baseUrl, locale: "es" });
  await h.until(typo, (s) => s.locale === "es");
  const typoEs = await typo.sendCode({ email: "not-an-email" });
  const setting = await createPinResetFlow({ apiKey: "nope", baseUrl }).sendCode({ email });
  const keys = (catalog) => Object.keys(catalog).sort().join(",");
  const catalogs = await Promise.all(LOCALES.map((locale) => loadMessages(locale)));
  return {
    typoEs: typoEs.error.issues,
    settingIssues: setting.error.issues,
    spanish: spanish.locale,
    wrongEs: wrongEs.error,
    wrongHi: wrongHi.error,
    wrongFallback: { locale: wrongFallback.locale, title: wrongFallback.error.title },
    wrongOwn: wrongOwn.error,
    locales: LOCALES,
    sameKeys: catalogs.map((catalog) => keys(catalog) === keys(messages)),
    empty: catalogs.flatMap((catalog) =>
      Object.entries(catalog)
        .filter(([, m]) => (typeof m === "string" ? m === "" : !m.title || !m.action))
        .map(([k]) => k),
    ),
  };
}

// ---------------------------------------------------------------------------------------------

for (const [where, title] of PLACES) {
  describe(`the flow: ${title}`, () => {
    test("the whole path by email: steps, a new frozen snapshot per change, subscribe and unsubscribe", { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const r = await runFlow(where, happyPath, { ...seeded, email: EMAIL });
      assert.deepEqual(r.initial, {
        step: "identify",
        busy: false,
        operation: null,
        identifier: null,
        resendAvailableAt: null,
        lockedUntil: null,
        error: null,
        locale: "en",
      });
      assert.equal(r.busy.busy, true);
      assert.equal(r.busy.operation, "send");
      assert.deepEqual(r.busy.identifier, { kind: "email", value: EMAIL });
      assert.equal(r.sent.step, "verify");
      assert.equal(r.sent.error, null);
      assert.ok(r.cooldownFromSend[0] <= COOLDOWN_MS && r.cooldownFromSend[1] >= COOLDOWN_MS, `cooldown ${r.cooldownFromSend}`);
      assert.equal(r.done.step, "done");
      assert.equal(r.done.error, null);
      assert.equal(r.firstSeenIsInitial, true, "subscribe calls the listener at once with the current snapshot");
      assert.deepEqual(r.steps, ["identify", "identify+busy", "verify", "verify+busy", "done"]);
      assert.equal(r.frozen, true);
      assert.equal(r.distinct, true, "a new object per change");
      assert.equal(r.resolvedIsCurrent, true);
      assert.equal(r.initialUnchanged, true);
      assert.equal(r.heardAfterUnsubscribe, 0);
      assert.equal(r.afterBack, "identify");
      const { matches } = await env.dev.checkPin(seeded.apiKey, EMAIL, "2468");
      assert.equal(matches, true, "the server has the new PIN");
    });

    test("resend: refused before resendAvailableAt without a request, allowed after it", { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const r = await runFlow(where, cooldown, { ...seeded, email: EMAIL, resendCooldownMs: 800 });
      assert.equal(r.first.step, "verify");
      assert.equal(r.refused.step, "verify");
      assert.equal(r.refused.resendAvailableAt, r.first.resendAvailableAt);
      assert.equal(r.refused.error.kind, "cooldown");
      assert.equal(r.refused.error.key, "cooldown");
      assert.equal(r.refused.error.status, 0);
      assert.equal(r.refused.error.title, "A code is already on its way.");
      assert.match(r.refused.error.action, /^Wait 1 seconds before asking for another: a new code makes the one you have stop working\.$/);
      assert.equal(r.sentWhileCooling, 1, "the refused resend sent nothing");
      assert.equal(r.cleared.resendAvailableAt, null, "a snapshot when the wait ends");
      assert.equal(r.sameError, true, "an unchanged error stays the same object");
      assert.equal(r.again.error, null);
      assert.deepEqual(r.sent, ["forgot/email", "forgot/email"]);
      assert.equal(r.codes, 2);
    });

    test("429 with Retry-After: the wait it says, nothing sent before", { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const r = await runFlow(where, rateLimited, { ...seeded, email: EMAIL });
      assert.equal(r.limited.step, "identify");
      assert.deepEqual(
        { ...r.limited.error },
        {
          kind: "api",
          key: "rate_limited",
          status: 429,
          retryAfter: 7,
          issues: [],
          title: "Too many attempts in a short time.",
          action: "Wait 7 seconds, then try again.",
        },
      );
      assert.ok(r.waitMs >= 7_000 && r.waitMs < 8_000, `resendAvailableAt ${r.waitMs} ms after the call`);
      assert.equal(r.refused.error.kind, "cooldown");
      assert.equal(r.refused.error.key, "rate_limited", "the refusal says why: the rate limit, not a code on its way");
      assert.match(r.refused.error.action, /^Wait [67] seconds, then try again\.$/);
      assert.equal(r.refused.error.status, 0);
      assert.deepEqual(r.sent, ["forgot/email"], "the refused send sent nothing");
    });

    test("lockout: 1198's LoginLockedTimeout is lockedUntil; nothing is sent until then", { timeout: 60_000 }, async () => {
      const seeded = await seedUser({ maxOtpAttempts: 2, lockoutSecs: 600 });
      const r = await runFlow(where, lockout, { ...seeded, email: EMAIL });
      assert.equal(r.wrong.error.key, "1067");
      assert.equal(r.wrong.lockedUntil, null);
      assert.equal(r.locked.error.key, "1198");
      assert.equal(r.locked.error.errorCode, 1198);
      assert.equal(r.locked.step, "verify");
      assert.equal(r.locked.lockedUntil, Date.parse(r.serverLockedUntil), "lockedUntil is the server's end of the lockout");
      assert.ok(r.locked.lockedUntil > Date.now() + 500_000);
      assert.match(r.locked.error.action, /^Wait until .*\d.*, then ask for a new code\.$/);
      for (const refused of [r.resetRefused, r.sendRefused]) {
        assert.equal(refused.error.kind, "locked");
        assert.equal(refused.error.key, "locked");
        assert.equal(refused.lockedUntil, r.locked.lockedUntil);
        assert.match(refused.error.action, /^Try again after .*\d/);
      }
      assert.equal(r.sentAfterLock, 0, "nothing is sent while locked");
    });

    test("lockout: its end is a new snapshot, and the flow sends again", { timeout: 60_000 }, async () => {
      const seeded = await seedUser({ maxOtpAttempts: 1, lockoutSecs: 1 });
      const r = await runFlow(where, lockoutEnds, { ...seeded, email: EMAIL });
      assert.equal(r.locked.error.key, "1198");
      assert.notEqual(r.locked.lockedUntil, null);
      assert.equal(r.unlocked.lockedUntil, null);
      assert.equal(r.after.error.kind, "api", "after the lockout the reset reaches the server again");
      assert.equal(r.after.error.key, "1198");
    });

    test("timeout on the reset: never sent again, the step says to request a new code, which is allowed at once", { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const r = await runFlow(where, timeoutNeverRetried, { ...seeded, email: EMAIL });
      assert.equal(r.timedOut.step, "verify");
      assert.equal(r.timedOut.error.kind, "timeout");
      assert.equal(r.timedOut.error.key, "reset_timeout");
      assert.equal(r.timedOut.error.title, "We did not hear back, so your PIN may or may not have changed.");
      assert.equal(r.timedOut.error.action, "Ask for a new code and use it to set your PIN again.");
      assert.equal(r.timedOut.resendAvailableAt, null, "a new code may be asked for at once");
      assert.deepEqual(r.sentAfterWait, ["forgot/email", "otp/email"], "one reset request, not retried");
      assert.equal(r.resend.error, null);
    });

    test("timeout on the send: the code step, the cooldown running", { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const r = await runFlow(where, sendTimeout, { ...seeded, email: EMAIL });
      assert.equal(r.timedOut.step, "verify");
      assert.equal(r.timedOut.error.key, "send_timeout");
      assert.notEqual(r.timedOut.resendAvailableAt, null);
    });

    test("cancel during a call: settles at once, the late answer is ignored; idle, it starts over", { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const r = await runFlow(where, cancelDuringCall, { ...seeded, email: EMAIL });
      assert.equal(r.busy.busy, true);
      assert.equal(r.busy.operation, "reset");
      assert.equal(r.cancelled.busy, false);
      assert.equal(r.cancelled.step, "verify");
      assert.equal(r.cancelled.error.kind, "aborted");
      assert.equal(r.cancelled.error.key, "reset_aborted");
      assert.equal(r.cancelled.error.title, "You stopped waiting, so your PIN may or may not have changed.");
      assert.equal(r.cancelled.resendAvailableAt, null, "a new code may be asked for at once");
      assert.equal(r.resolvedIsCancelled, true, "resetPin resolved (never rejects) with the cancelled snapshot");
      assert.deepEqual(r.afterAnswer, { same: true, heard: 0 });
      assert.equal(r.sendCancelled.error.key, "aborted");
      assert.equal(r.sendCancelled.busy, false);
      assert.deepEqual(r.idle.identifier, null);
      assert.equal(r.idle.step, "identify");
      assert.equal(r.idle.error, null);
    });

    test("a wrong code, then a used one; an unknown account; fields to fix; the site's own setting wrong", { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const r = await runFlow(where, wrongAndUsed, { ...seeded, email: EMAIL });
      assert.deepEqual(
        { ...r.wrong.error },
        { kind: "api", key: "1067", errorCode: 1067, status: 403, issues: [], title: "That code is not right.", action: "Check the code in your message and type it again." },
      );
      assert.equal(r.wrong.step, "verify");
      assert.equal(r.done.step, "done");
      assert.equal(r.used.error.key, "1068");
      assert.equal(r.used.error.title, "That code was already used.");
      assert.equal(r.used.error.action, "Ask for a new code.");
      assert.equal(r.used.resendAvailableAt, null, "a used code: a new one may be asked for at once");
      assert.equal(r.unknown.step, "identify");
      assert.equal(r.unknown.error.key, "938");
      assert.equal(r.unknown.error.title, "We could not find that account.");
      assert.equal(r.invalid.error.kind, "validation");
      assert.deepEqual(r.invalid.error.issues.map((issue) => issue.field).sort(), ["identifier", "otp", "pin"]);
      assert.equal(r.invalid.error.key, "validation");
      assert.equal(r.misconfigured.error.kind, "validation");
      assert.equal(r.misconfigured.error.key, "setup", "a wrong API key is the site's problem, not the person's");
      assert.equal(r.misconfigured.error.title, "PIN reset is not set up correctly on this site.");
    });

    test("the email link: reset with the token, the same token again is refused", { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const r = await runFlow(where, tokenPath, { ...seeded, email: EMAIL });
      assert.equal(r.done.step, "done");
      assert.equal(r.done.error, null);
      assert.equal(r.reused.step, "identify");
      assert.equal(r.reused.error.key, "token_rejected");
      assert.equal(r.reused.error.title, "This reset link no longer works.");
      const { matches } = await env.dev.checkPin(seeded.apiKey, EMAIL, "2468");
      assert.equal(matches, true, "the server has the new PIN");
    });

    test("messages: Spanish and Hindi loaded when asked for, English otherwise, an app's own wins", { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const r = await runFlow(where, languages, { ...seeded, email: EMAIL });
      assert.equal(r.spanish, "es");
      assert.equal(r.wrongEs.title, "Ese código no es correcto.");
      assert.equal(r.wrongHi.title, "यह कोड सही नहीं है।");
      assert.deepEqual(r.wrongFallback, { locale: "en", title: "That code is not right." });
      assert.deepEqual([r.wrongOwn.title, r.wrongOwn.action], ["Nope.", "Look again."]);
      assert.deepEqual(r.locales, ["en", "es", "hi"]);
      assert.deepEqual(r.sameKeys, [true, true, true], "every catalog has exactly the English keys");
      assert.deepEqual(r.empty, []);
      assert.deepEqual(r.typoEs, [
        { field: "email", message: "must be an email address like name@example.com", hint: "Escribe tu correo electrónico, como nombre@ejemplo.com." },
      ]);
      assert.ok(r.settingIssues.length > 0 && r.settingIssues.every((issue) => issue.field === "apiKey" && !("hint" in issue)), JSON.stringify(r.settingIssues));
    });
  });
}

if (process.env.LR_NODE !== "0") {
  test("the CommonJS entry (flow.cjs) is the same flow over node.cjs, its catalogs too", { timeout: 60_000 }, async () => {
    const { createRequire } = await import("node:module");
    const cjs = createRequire(import.meta.url)(path.join(ROOT, "pkg", "flow.cjs"));
    const seeded = await seedUser();
    const r = await inNodeWith(cjs, wrongAndUsed, { ...seeded, email: EMAIL });
    assert.equal(r.wrong.error.key, "1067");
    assert.equal(r.done.step, "done");
    assert.equal(r.used.error.key, "1068");
    assert.equal((await cjs.loadMessages("hi"))[1068].title, "यह कोड पहले ही इस्तेमाल हो चुका है।");
  });
}

function inNodeWith(module, fn, arg) {
  return fn(module, arg, flowHelpers());
}
