// Memory and cleanup: 10,000 calls mixing success, API errors, invalid responses, validation
// failures, timeouts, aborts (before and during) and a sample of real HTTP calls to the mock,
// in Node and in this run's browser. Reports the wasm memory and the externref table before, after the
// 1,000-call warm-up and at the end (they must stop growing after the warm-up), and shows that no
// timer of the package and no listener on a caller's AbortSignal is left behind.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { places, startEnv } from "./support.mjs";

const CALLS = 10_000;
const BATCH = 100; // calls in flight at once
const CHECKPOINT = 1_000; // calls between checkpoints
// The high-water mark of 100 calls in flight (the async executor's tasks, their promises and
// closures) is reached within the first few thousand calls; from then on nothing may grow.
const WARM_UP = 3_000;

/**
 * The mixed run, in phases: "start" installs the instruments, "run" makes calls [from, to),
 * "figures" reads the module's memory, "finish" restores the globals and returns the counts.
 * Self-contained (its source runs in pages); state lives in globalThis.__memoryRun and the
 * module's exports in globalThis.__lrWasm (see support.mjs). Timers are counted only when the
 * package starts them (a stack frame matching `arg.packageCode`); listeners only on the callers' signals. Each call that gets past validation and a
 * pre-aborted signal (`started`) must start one timer and add one listener.
 */
async function memoryPhase(lib, arg, h) {
  const wasm = globalThis.__lrWasm;
  if (arg.phase === "figures") {
    // The build gives the exports short names: find the memory and the externref table by type.
    const table = Object.values(wasm).find((value) => value instanceof WebAssembly.Table);
    const memory = Object.values(wasm).find((value) => value instanceof WebAssembly.Memory);
    let live = 0;
    for (let i = 0; i < table.length; i++) if (table.get(i) != null) live += 1;
    return { memoryBytes: memory.buffer.byteLength, externrefs: table.length, liveExternrefs: live };
  }
  if (arg.phase === "start") {
    const state = {
      realSet: globalThis.setTimeout.bind(globalThis),
      realClear: globalThis.clearTimeout.bind(globalThis),
      originalSet: globalThis.setTimeout,
      originalClear: globalThis.clearTimeout,
      liveTimers: new Set(),
      timers: { created: 0, cleared: 0, fired: 0 },
      proto: AbortSignal.prototype,
      own: {},
      callerSignals: new WeakSet(),
      liveListeners: new Map(),
      listeners: { added: 0, removed: 0 },
      outcomes: {},
      expected: {},
      started: 0,
      mismatches: [],
    };
    globalThis.__memoryRun = state;
    const packageCode = new RegExp(arg.packageCode);
    const { realSet, realClear, liveTimers, timers, proto, liveListeners, listeners } = state;
    globalThis.setTimeout = function (callback, ms, ...rest) {
      if (!packageCode.test(new Error().stack)) return realSet(callback, ms, ...rest);
      timers.created += 1;
      const id = realSet((...a) => {
        liveTimers.delete(id);
        timers.fired += 1;
        return callback(...a);
      }, ms, ...rest);
      liveTimers.add(id);
      return id;
    };
    globalThis.clearTimeout = function (id) {
      if (liveTimers.delete(id)) timers.cleared += 1;
      return realClear(id);
    };
    for (const name of ["addEventListener", "removeEventListener"]) {
      state.own[name] = Object.getOwnPropertyDescriptor(proto, name);
    }
    const realAdd = proto.addEventListener;
    const realRemove = proto.removeEventListener;
    proto.addEventListener = function (type, listener, options) {
      if (state.callerSignals.has(this)) {
        listeners.added += 1;
        if (!liveListeners.has(this)) liveListeners.set(this, new Set());
        liveListeners.get(this).add(listener);
      }
      return realAdd.call(this, type, listener, options);
    };
    proto.removeEventListener = function (type, listener, options) {
      const set = liveListeners.get(this);
      if (set?.delete(listener)) {
        listeners.removed += 1;
        if (set.size === 0) liveListeners.delete(this);
      }
      return realRemove.call(this, type, listener, options);
    };
    return true;
  }
  const state = globalThis.__memoryRun;
  if (arg.phase === "finish") {
    globalThis.setTimeout = state.originalSet;
    globalThis.clearTimeout = state.originalClear;
    for (const [name, own] of Object.entries(state.own)) {
      if (own) Object.defineProperty(state.proto, name, own);
      else delete state.proto[name];
    }
    let outstanding = 0;
    for (const set of state.liveListeners.values()) outstanding += set.size;
    return {
      outcomes: state.outcomes,
      expected: state.expected,
      started: state.started,
      mismatches: state.mismatches,
      timers: { ...state.timers, outstanding: state.liveTimers.size },
      listeners: { ...state.listeners, outstanding },
      terminated: h.terminated(),
    };
  }

  // ---- phase "run": calls [from, to), `batch` in flight at once ----
  const never = () => new Promise(() => {});
  const respond = (body, status) => () => Promise.resolve(new Response(body, { status }));
  const apiError = JSON.stringify({ ErrorCode: 1067, Message: "The OTP code is invalid", Description: "d" });
  const offline = {
    apiKey: "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",
    otp: "123456",
    pin: "2468",
    email: "ada@example.com",
    baseUrl: "http://127.0.0.1:9",
  };
  /** Options and the expected outcome of call i. */
  function plan(i, controller) {
    const signal = controller.signal;
    if (arg.real && i % 50 === 0) {
      const success = arg.real.successes[i / 50];
      if (success) return [{ ...arg.real.base, ...success, signal }, "success"];
      return [{ ...arg.real.base, email: arg.real.wrongEmail, otp: "000000", signal }, "api"];
    }
    switch (i % 20) {
      case 8: case 9: case 10: case 11:
        return [{ ...offline, signal, fetch: respond(apiError, 403) }, "api"];
      case 12: case 13: case 14:
        return [{ ...offline, signal, fetch: never, timeoutMs: 5 }, "timeout"];
      case 15: case 16:
        state.realSet(() => controller.abort(), 1);
        return [{ ...offline, signal, fetch: never }, "aborted"];
      case 17:
        controller.abort();
        return [{ ...offline, signal, fetch: respond('{"IsPosted":true}', 200) }, "aborted"];
      case 18:
        return [{ ...offline, signal, fetch: respond("<html>oops</html>", 500) }, "invalid_response"];
      case 19:
        return [{ ...offline, otp: "not an otp!", signal }, "validation"];
      default:
        return [{ ...offline, signal, fetch: respond('{"IsPosted":true}', 200) }, "success"];
    }
  }
  async function call(i) {
    const controller = new AbortController();
    state.callerSignals.add(controller.signal);
    const [options, expected] = plan(i, controller);
    if (expected !== "validation" && !controller.signal.aborted) state.started += 1;
    const result = await h.settle(() => lib.resetPinWithOtp(options));
    const got = result.ok ? "success" : h.typed(result.error) ? result.error.kind : "untyped";
    state.outcomes[got] = (state.outcomes[got] ?? 0) + 1;
    state.expected[expected] = (state.expected[expected] ?? 0) + 1;
    if (got !== expected && state.mismatches.length < 10) {
      state.mismatches.push({ i, expected, got, error: result.error });
    }
  }
  const started = Date.now();
  for (let i = arg.from; i < arg.to; i += arg.batch) {
    await Promise.all(Array.from({ length: Math.min(arg.batch, arg.to - i) }, (_, k) => call(i + k)));
  }
  return { elapsedMs: Date.now() - started };
}

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

/** The real-HTTP sample: 40 users with an OTP each (successes) and one user for wrong codes. */
async function realSample() {
  const apiKey = await env.dev.createTenant({ rateLimit: 0, maxOtpAttempts: 0 });
  const successes = [];
  for (let k = 0; k < CALLS / 250; k++) {
    const email = `mem${k}@example.com`;
    await env.dev.issueOtp(apiKey, { email, otp: "424242" }); // creates the user too
    successes.push({ email, otp: "424242" });
  }
  // Spread the successes over the run: real call i (every 50th) is a success when i % 250 == 0.
  const spread = [];
  for (let k = 0; k < CALLS / 50; k++) spread.push(k % 5 === 0 ? successes[k / 5] : undefined);
  await env.dev.createUser(apiKey, { email: "wrong@example.com", pin: "1111" });
  await env.dev.issueOtp(apiKey, { email: "wrong@example.com", otp: "999999" });
  return {
    apiKey,
    successes,
    arg: { base: { apiKey, baseUrl: env.url, pin: "5555" }, successes: spread, wrongEmail: "wrong@example.com" },
  };
}

/**
 * A full garbage collection, then time for FinalizationRegistry callbacks to run. Where the
 * engine only collects under allocation pressure (Firefox, WebKit), more rounds and longer pauses.
 */
async function collectGarbage(where) {
  const forced = env.collectsOnDemand(where);
  for (let round = 0; round < (forced ? 3 : 6); round++) {
    await env.collectGarbage(where);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const pause = forced ? 20 : 50;
    if (where !== "node") await env.run(where, (lib, ms) => new Promise((resolve) => setTimeout(resolve, ms)), pause);
  }
}

/**
 * The package's code on a stack trace: a wasm frame (WebKit shows only that: the wasm calls the
 * imported setTimeout directly, and its stack names no script), the Node glue (bundled in
 * node/lib.cjs) or the page's bundled index.js. No other wasm module calls setTimeout in these runs.
 */
const PACKAGE_CODE = "wasm-function\\[|pkg/node/lib\\.cjs|/pkg/index\\.js";

function report(where, runMs, checkpoints, counts) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(`memory (${where}): ${CALLS} calls in ${runMs} ms, ${BATCH} in flight; figures after a full GC`);
  for (const c of checkpoints) {
    console.log(
      `  after ${String(c.calls).padStart(5)} calls: wasm memory ${kb(c.memoryBytes)}, ` +
        `externref table ${c.externrefs} (live ${c.liveExternrefs}; before the GC: ${c.liveBeforeGc})`,
    );
  }
  console.log(`  outcomes ${JSON.stringify(counts.outcomes)}; ${counts.started} calls started (past validation and a pre-aborted signal)`);
  console.log(`  package timers ${JSON.stringify(counts.timers)}`);
  console.log(`  abort listeners on callers' signals ${JSON.stringify(counts.listeners)}`);
}

for (const [where, title] of places(["node", "same"])) {
  describe(`memory and cleanup: ${title}`, () => {
    test(`${CALLS} mixed calls: memory stops growing after ${WARM_UP}, nothing left behind`, async () => {
      const sample = await realSample();
      const figures = () => env.run(where, memoryPhase, { phase: "figures" });
      const checkpoints = [];
      const checkpoint = async (calls) => {
        const { liveExternrefs: liveBeforeGc } = await figures();
        await collectGarbage(where);
        checkpoints.push({ calls, ...(await figures()), liveBeforeGc });
      };

      await checkpoint(0);
      await env.run(where, memoryPhase, { phase: "start", packageCode: PACKAGE_CODE });
      let runMs = 0;
      for (let from = 0; from < CALLS; from += CHECKPOINT) {
        const { elapsedMs } = await env.run(where, memoryPhase, {
          phase: "run",
          from,
          to: from + CHECKPOINT,
          batch: BATCH,
          real: sample.arg,
        });
        runMs += elapsedMs;
        await checkpoint(from + CHECKPOINT);
      }
      const counts = await env.run(where, memoryPhase, { phase: "finish" });
      report(where, runMs, checkpoints, counts);

      assert.deepEqual(counts.mismatches, []);
      assert.deepEqual(counts.outcomes, counts.expected);
      assert.equal(Object.values(counts.outcomes).reduce((a, b) => a + b, 0), CALLS);

      const at = (calls) => checkpoints.find((c) => c.calls === calls);
      // Where a GC cannot be forced (Firefox, WebKit: allocation pressure only, and WebKit's JSC
      // scans the stack conservatively), a handful of values may outlive a collection. A leak
      // holds at least one per call: thousands by the end.
      const survivors = env.collectsOnDemand(where) ? 0 : 16;
      for (const c of checkpoints.filter((c) => c.calls > WARM_UP)) {
        assert.ok(c.memoryBytes <= at(WARM_UP).memoryBytes, `wasm memory grew after the warm-up (${c.calls} calls)`);
        assert.ok(c.externrefs <= at(WARM_UP).externrefs, `the externref table grew after the warm-up (${c.calls} calls)`);
        assert.ok(c.liveExternrefs <= at(WARM_UP).liveExternrefs + survivors, `JS values still held after ${c.calls} calls`);
      }
      // The first calls create the module's statics once (the async executor's queue, the global
      // object, cached JS strings): a fixed handful of held values, not one per call.
      const statics = at(WARM_UP).liveExternrefs - at(0).liveExternrefs;
      assert.ok(statics <= 32 + survivors, `${statics} JS values held after the warm-up`);
      // The instruments saw what the calls made (not 0 == 0): one timeout timer and one abort
      // listener per started call; every timed-out call's timer fired, every other was cleared.
      assert.ok(counts.started > 0);
      assert.equal(counts.timers.created, counts.started, "package timers seen: one per started call");
      assert.equal(counts.timers.fired, counts.expected.timeout, "one fired timer per timed-out call");
      assert.equal(counts.timers.outstanding, 0, "a timer of the package is still pending");
      assert.equal(counts.timers.created, counts.timers.cleared + counts.timers.fired);
      assert.equal(counts.listeners.added, counts.started, "abort listeners seen: one per started call");
      assert.equal(counts.listeners.outstanding, 0, "an abort listener is still on a caller's signal");
      assert.equal(counts.listeners.added, counts.listeners.removed);
      assert.equal(counts.terminated, 0, "the wasm instance's trap flag is set");

      // The real successes changed their users' PINs exactly once.
      for (const { email } of sample.successes) {
        assert.deepEqual(await env.dev.checkPin(sample.apiKey, email, "5555"), { matches: true, pinChanges: 1 });
      }
    });
  });
}
