// Fault matrix: every fault the mock can inject (server/README.md, "Faults"), a refused
// connection, and an abort before and during the call, each asserted field by field (present
// fields with `in`, so an absent field is told from one set to undefined) in Node
// (pkg/node.mjs) and in this run's browser (the mock's /pkg/index.js), from a page on the mock's
// own origin and from a page on another origin (where the noCors fault is a CORS failure).
// Also: a custom fetch (or body) that ignores the abort signal still times out or aborts.
// After the whole matrix, a normal call still resets the PIN.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { assertError, closedPort, expectedError, places, seedTenant, startEnv } from "./support.mjs";

const MESSAGES = {
  network: /^The request did not reach LoginRadius( \([^)]+\))?\. Check the connection, baseUrl and CORS, then try again$/,
  timeout: (ms) =>
    `No answer within ${ms} ms (timeoutMs). The PIN may or may not have changed: request a new code before trying again`,
  aborted: "The call was aborted by the caller's signal",
  unexpected: (status, what) =>
    `Unexpected response from the server: HTTP ${status} with ${what}. Check baseUrl, or try again later`,
  tooLarge:
    "Unexpected response from the server: the body is larger than 1 MiB, which no LoginRadius answer is. Check baseUrl",
  notConfirmed:
    "LoginRadius answered without confirming the reset (IsPosted is not true); the PIN may not have changed",
  tooMany: "Too many requests: LoginRadius is rate-limiting this API key. Wait (see retryAfter) and try again",
};

const TIMEOUT_MS = 400;
// Elapsed times are checked only from below (nothing settles before its timeout or abort fires)
// and against a ceiling no loaded machine reaches: what proves the timeout or the abort won is the
// kind of the error. The faults delay on the server's wall clock; once the mock has a test clock
// (/__dev/clock), the slow and hang rows can advance it instead of waiting.
const SETTLES_WITHIN_MS = 30_000;

/** One call, in Node or in a page. Self-contained: its source runs in the browser too. */
async function callOnce(lib, spec, h) {
  const options = { ...spec.options };
  if (spec.abort) {
    const controller = new AbortController();
    options.signal = controller.signal;
    if (spec.abort === "before") controller.abort();
    else setTimeout(() => controller.abort(), spec.abortAfterMs);
  }
  const started = Date.now();
  const outcome = await h.settle(() => lib.resetPinWithOtp(options));
  return { ...outcome, elapsedMs: Date.now() - started };
}

/**
 * The matrix. Each row: the fault to arm (or other setup), the call's extra options, and what the
 * caller gets (a function of where it runs: "node", "same" or "cross").
 */
const MATRIX = [
  {
    name: "refused connection (closed port)",
    setup: async () => ({ baseUrl: `http://127.0.0.1:${await closedPort()}` }),
    expect: () => expectedError("network", 0, MESSAGES.network),
  },
  {
    name: "hang, timeoutMs fires",
    fault: { fault: "hang" },
    options: { timeoutMs: TIMEOUT_MS },
    expect: () => expectedError("timeout", 0, MESSAGES.timeout(TIMEOUT_MS)),
    elapsed: [TIMEOUT_MS - 50, SETTLES_WITHIN_MS],
  },
  {
    name: "slow (3 s) past the timeout",
    fault: { fault: "slow", delayMs: 3000 },
    options: { timeoutMs: TIMEOUT_MS },
    expect: () => expectedError("timeout", 0, MESSAGES.timeout(TIMEOUT_MS)),
    elapsed: [TIMEOUT_MS - 50, SETTLES_WITHIN_MS],
  },
  {
    name: "slow (300 ms) within the timeout succeeds",
    fault: { fault: "slow", delayMs: 300 },
    options: { timeoutMs: SETTLES_WITHIN_MS }, // the delay is the point, not the timeout
    expect: () => "success",
  },
  {
    name: "html500",
    fault: { fault: "html500" },
    expect: () => expectedError("invalid_response", 500, MESSAGES.unexpected(500, "a body that is not JSON")),
  },
  {
    name: "empty502",
    fault: { fault: "empty502" },
    expect: () => expectedError("invalid_response", 502, MESSAGES.unexpected(502, "an empty body")),
  },
  {
    name: "truncated JSON on 200",
    fault: { fault: "truncated" },
    expect: () => expectedError("invalid_response", 200, MESSAGES.unexpected(200, "a body that is not JSON")),
  },
  {
    name: "big (10 MiB body) is refused",
    fault: { fault: "big" },
    expect: () => expectedError("invalid_response", 200, MESSAGES.tooLarge),
  },
  {
    name: "error200 (error envelope on 200)",
    fault: { fault: "error200" },
    expect: () =>
      expectedError("api", 200, "The OTP code is invalid", {
        errorCode: 1067,
        description: "The OTP code is invalid, please request a new OTP or try again.",
      }),
  },
  {
    name: "emptyObject200 ({} on 200)",
    fault: { fault: "emptyObject200" },
    expect: () => expectedError("api", 200, MESSAGES.notConfirmed),
  },
  {
    name: "rateLimited (429, Retry-After: 7)",
    fault: { fault: "rateLimited" },
    expect: () => expectedError("api", 429, MESSAGES.tooMany, { retryAfter: 7 }),
  },
  {
    name: "dropMidBody",
    fault: { fault: "dropMidBody" },
    expect: () => expectedError("network", 0, MESSAGES.network),
  },
  {
    name: "noCors (a CORS failure only for a page on another origin)",
    fault: { fault: "noCors" },
    // The fault answers {"IsPosted":true} without touching the user: no CORS in Node, none needed
    // on the same origin.
    expect: (where) => (where === "cross" ? expectedError("network", 0, MESSAGES.network) : "success"),
    noReset: true,
  },
  {
    name: "abort during the call (server hangs)",
    fault: { fault: "hang" },
    options: { timeoutMs: 10_000 },
    abort: "during",
    abortAfterMs: 200,
    expect: () => expectedError("aborted", 0, MESSAGES.aborted),
    elapsed: [150, SETTLES_WITHIN_MS],
  },
  {
    name: "abort before the call: nothing is sent",
    // Armed for one request: if the aborted call sent anything, it would use the fault up.
    fault: { fault: "error200", times: 1 },
    abort: "before",
    expect: () => expectedError("aborted", 0, MESSAGES.aborted),
    async after(env, where, options) {
      const next = await env.run(where, callOnce, { options });
      assert.equal(next.ok, false);
      assert.equal(next.error.errorCode, 1067, "the fault was still armed: no request was sent");
    },
  },
];


let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

/** Runs one matrix row on its own tenant and asserts what the caller gets. */
async function runRow(where, row) {
  const seeded = await seedTenant(env);
  const { apiKey, email, otp, pin, baseUrl } = seeded;
  if (row.fault) await env.dev.armFault(apiKey, row.fault);
  const extra = row.setup ? await row.setup() : {};
  const options = { apiKey, email, otp, pin, baseUrl, ...row.options, ...extra };
  const outcome = await env.run(where, callOnce, {
    options,
    abort: row.abort ?? null,
    abortAfterMs: row.abortAfterMs ?? 0,
  });
  const expected = row.expect(where);
  if (expected === "success") {
    assert.deepEqual(outcome.ok ? outcome.value : outcome.error, { IsPosted: true });
    const check = await env.dev.checkPin(apiKey, email, pin);
    assert.equal(check.matches, !row.noReset, "PIN changed on the server exactly when it should");
  } else {
    assertError(outcome, expected);
    // Whatever failed, the PIN did not change (the timeout cases abort before the answer).
    if (!row.fault?.fault?.startsWith("slow")) {
      assert.equal((await env.dev.checkPin(apiKey, email, "1111")).matches, true);
    }
  }
  if (row.elapsed) {
    const [min, max] = row.elapsed;
    assert.ok(outcome.elapsedMs >= min && outcome.elapsedMs <= max, `settled after ${outcome.elapsedMs} ms`);
  }
  await row.after?.(env, where, options);
  await env.dev.clearFaults(apiKey);
}

/**
 * A custom fetch that ignores the abort signal: it never answers, or answers with a body that
 * never ends. The timeout and the caller's abort must still settle the call. Self-contained.
 */
async function deafFetch(lib, spec, h) {
  const fetch =
    spec.fetch === "never"
      ? () => new Promise(() => {})
      : () => Promise.resolve(new Response(new ReadableStream({ start() {} }), { status: 200 }));
  const options = {
    apiKey: "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",
    otp: "123456",
    pin: "2468",
    email: "ada@example.com",
    fetch,
    timeoutMs: spec.timeoutMs,
  };
  if (spec.abortAfterMs) {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), spec.abortAfterMs);
    options.signal = controller.signal;
  }
  const started = Date.now();
  const outcome = await h.settle(() => lib.resetPinWithOtp(options));
  return { ...outcome, elapsedMs: Date.now() - started };
}

const DEAF = [
  ["a fetch that never answers: the timeout still fires", { fetch: "never", timeoutMs: 150 }, "timeout"],
  ["a fetch that never answers: the caller's abort still ends it", { fetch: "never", timeoutMs: 60_000, abortAfterMs: 100 }, "aborted"],
  ["a body that never ends: the timeout still fires", { fetch: "endless", timeoutMs: 150 }, "timeout"],
  ["a body that never ends: the caller's abort still ends it", { fetch: "endless", timeoutMs: 60_000, abortAfterMs: 100 }, "aborted"],
];

for (const [where, title] of places(["node", "same", "cross"])) {
  describe(`fault matrix: ${title}`, () => {
    for (const row of MATRIX) {
      test(row.name, () => runRow(where, row));
    }

    for (const [name, spec, kind] of DEAF) {
      if (where === "cross") continue; // no network involved: the origin does not matter
      test(`custom fetch ignoring the signal: ${name}`, async () => {
        const outcome = await env.run(where, deafFetch, spec);
        const message = kind === "timeout" ? MESSAGES.timeout(spec.timeoutMs) : MESSAGES.aborted;
        assertError(outcome, expectedError(kind, 0, message));
        assert.ok(outcome.elapsedMs < SETTLES_WITHIN_MS, `settled after ${outcome.elapsedMs} ms`);
      });
    }

    test("after the whole matrix, a normal call still resets the PIN", async () => {
      const { apiKey, email, otp, baseUrl } = await seedTenant(env);
      const outcome = await env.run(where, callOnce, {
        options: { apiKey, email, otp, pin: "97531", baseUrl },
      });
      assert.deepEqual(outcome, { ok: true, value: { IsPosted: true }, elapsedMs: outcome.elapsedMs });
      assert.deepEqual(await env.dev.checkPin(apiKey, email, "97531"), { matches: true, pinChanges: 1 });
    });
  });
}
