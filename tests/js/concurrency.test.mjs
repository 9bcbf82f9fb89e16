// Concurrency: 1,000 calls in flight at once, each answered by a custom fetch after a random
// delay with an outcome of its own (success carrying its number, an API error with its own code,
// a 429 with its own Retry-After, a timeout with its own timeoutMs, an abort, the last two answered
// only after the package gave up on them), each settling with exactly its own outcome; and 100
// concurrent real HTTP calls to the mock, each on its own user. And the rule for an answer that is
// processed after timeoutMs has passed: the call resolves with it.
// In Node (pkg/node.mjs) and in this run's browser (the mock's /pkg/index.js).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { places, startEnv } from "./support.mjs";

const CALLS = 1_000;
const REAL_CALLS = 100;
const SEED = 20240607;

/**
 * Starts every call before any settles, then checks each one. Self-contained (runs in pages).
 * The custom fetch decides the answer from the request body (the call's own email), so a mix-up
 * between calls would show as a wrong outcome.
 */
async function inFlight(lib, arg, h) {
  let state = arg.seed >>> 0; // mulberry32: the same delays on every run
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const delay = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
  let active = 0;
  let peak = 0;
  const fetch = async (url, init) => {
    active += 1;
    peak = Math.max(peak, active);
    try {
      const i = Number(/"email":"call(\d+)@/.exec(init.body)[1]);
      const wait = Math.floor(random() * 50);
      switch (i % 5) {
        case 0:
          return await delay(wait, new Response(JSON.stringify({ IsPosted: true, Call: i })));
        case 1: {
          const body = { ErrorCode: 100000 + i, Message: `call ${i} failed`, Description: `d${i}` };
          return await delay(wait, new Response(JSON.stringify(body), { status: 403 }));
        }
        case 2:
          return await delay(wait, new Response(null, { status: 429, headers: { "Retry-After": String(i) } }));
        default: {
          // 3: times out, 4: aborted. Both answer, but only once the package has given up on the
          // call (it aborts the signal it gave fetch): always too late, on any machine, where a
          // fixed 400 ms answer could beat the timer or the abort on a starved CPU.
          await new Promise((resolve) => init.signal.addEventListener("abort", resolve, { once: true }));
          return new Response('{"IsPosted":true}');
        }
      }
    } finally {
      active -= 1;
    }
  };
  const base = {
    apiKey: "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",
    otp: "123456",
    pin: "2468",
    baseUrl: "http://127.0.0.1:9",
    fetch,
  };
  const calls = [];
  for (let i = 0; i < arg.calls; i++) {
    const options = { ...base, email: `call${i}@example.com` };
    if (i % 5 === 3) options.timeoutMs = 20 + (i % 150);
    if (i % 5 === 4) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), Math.floor(random() * 100));
      options.signal = controller.signal;
    }
    calls.push(h.settle(() => lib.resetPinWithOtp(options)));
  }
  const results = await Promise.all(calls);

  const wrong = [];
  results.forEach((result, i) => {
    const e = result.error ?? {};
    const ok = {
      0: () => result.ok && result.value.IsPosted === true && result.value.Call === i,
      1: () =>
        e.kind === "api" && e.status === 403 && e.errorCode === 100000 + i &&
        e.message === `call ${i} failed` && e.description === `d${i}`,
      2: () => e.kind === "api" && e.status === 429 && e.retryAfter === i,
      3: () => e.kind === "timeout" && e.message.startsWith(`No answer within ${20 + (i % 150)} ms`),
      4: () => e.kind === "aborted" && e.status === 0,
    }[i % 5]();
    if (!ok && wrong.length < 10) wrong.push({ i, result });
  });
  const kinds = {};
  for (const r of results) {
    const k = r.ok ? "success" : r.error.kind;
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
  return { settled: results.length, peakFetchesInFlight: peak, kinds, wrong };
}

/**
 * A custom fetch that busy-waits until well past the call's timeoutMs, then answers at once, with
 * a body that is read at once too. The timer is due, but a timer is a task and cannot run before
 * the answer's promise callbacks (microtasks): the call processes the answer first, resolves with
 * it, and clears its timer. This is what a starved event loop does by chance (Node runs due timers
 * late and out of order); here it happens on every run.
 */
async function lateAnswer(lib, arg, h) {
  const started = performance.now();
  const fetch = () => {
    while (performance.now() - started < arg.timeoutMs * 3) {
      // busy: the deadline passes while fetch runs
    }
    const text = () => Promise.resolve(JSON.stringify({ IsPosted: true, Late: true }));
    return Promise.resolve({ status: 200, headers: new Headers(), text });
  };
  const result = await h.settle(() =>
    lib.resetPinWithOtp({
      apiKey: "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",
      otp: "123456",
      pin: "2468",
      email: "late@example.com",
      baseUrl: "http://127.0.0.1:9",
      timeoutMs: arg.timeoutMs,
      fetch,
    }),
  );
  const elapsed = performance.now() - started;
  // Still no timeout once the timer would have run: it was cleared with the call.
  await h.sleep(arg.timeoutMs);
  return { result, elapsed };
}

/** 100 real calls at once, each on its own user; every 10th with a wrong OTP. */
async function realCalls(lib, arg, h) {
  const results = await Promise.all(
    arg.users.map((user) =>
      h.settle(() => lib.resetPinWithOtp({ apiKey: arg.apiKey, baseUrl: arg.baseUrl, ...user })),
    ),
  );
  return results.map((r) => (r.ok ? r.value : { kind: r.error.kind, errorCode: r.error.errorCode }));
}

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

for (const [where, title] of places(["node", "same"])) {
  describe(`concurrency: ${title}`, () => {
    test(`${CALLS} calls in flight at once each settle with their own outcome`, async () => {
      const started = Date.now();
      const result = await env.run(where, inFlight, { calls: CALLS, seed: SEED });
      console.log(
        `concurrency (${where}): ${result.settled} calls settled in ${Date.now() - started} ms, ` +
          `peak ${result.peakFetchesInFlight} fetches in flight, ${JSON.stringify(result.kinds)}`,
      );
      assert.deepEqual(result.wrong, []);
      assert.equal(result.settled, CALLS);
      assert.deepEqual(result.kinds, { success: 200, api: 400, timeout: 200, aborted: 200 });
      assert.ok(result.peakFetchesInFlight >= CALLS * 0.9, `peak ${result.peakFetchesInFlight}`);
    });

    test("an answer processed after timeoutMs has passed resolves the call with it", async () => {
      const timeoutMs = 20;
      const { result, elapsed } = await env.run(where, lateAnswer, { timeoutMs });
      assert.ok(elapsed >= timeoutMs * 3, `the answer came ${elapsed} ms in`);
      assert.deepEqual(result, { ok: true, value: { IsPosted: true, Late: true } });
    });

    test(`${REAL_CALLS} concurrent real calls to the mock, each on its own user`, async () => {
      const apiKey = await env.dev.createTenant({ rateLimit: 0 });
      const users = [];
      for (let i = 0; i < REAL_CALLS; i++) {
        const email = `user${i}@example.com`;
        const otp = String(100000 + i * 7);
        await env.dev.createUser(apiKey, { email, pin: "1111" });
        await env.dev.issueOtp(apiKey, { email, otp });
        users.push({ email, otp: i % 10 === 9 ? "000000" : otp, pin: String(20000 + i) });
      }
      const started = Date.now();
      const results = await env.run(where, realCalls, { apiKey, baseUrl: env.url, users });
      console.log(`concurrency (${where}): ${REAL_CALLS} real calls at once settled in ${Date.now() - started} ms`);

      for (const [i, user] of users.entries()) {
        const wrongOtp = i % 10 === 9;
        assert.deepEqual(results[i], wrongOtp ? { kind: "api", errorCode: 1067 } : { IsPosted: true }, `call ${i}`);
        const newPin = await env.dev.checkPin(apiKey, user.email, user.pin);
        assert.deepEqual(newPin, wrongOtp ? { matches: false, pinChanges: 0 } : { matches: true, pinChanges: 1 });
      }
    });
  });
}
