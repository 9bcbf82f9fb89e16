// Reproduction of a rare, pre-existing bug (also in 6824b42, before the async rewrite; with talc or
// dlmalloc alike), NOT part of the test run: under 1,000 concurrent resetPinWithOtp calls with a
// custom fetch, a few calls' timeout timers are cleared before they fire, so those calls resolve at
// 400 ms instead of timing out. Each package timer is cleared exactly once, so the timer handles of
// different calls look permuted: an externref slot freed while still held somewhere.
// Seen in about 1 run in 4: `node tests/repro/timer-mixup.mjs 2` (the argument skips call kinds).
// Prints "wrong: N badTimers: N"; both are 0 when the bug does not show.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const timers = new Map(); // the package's timers: id -> { ms, fired, cleared }
let nextId = 1;
const handles = new Map();
globalThis.setTimeout = (callback, ms) => {
  const id = nextId++;
  timers.set(id, { ms, fired: false, cleared: 0 });
  handles.set(id, realSetTimeout(() => { timers.get(id).fired = true; callback(); }, ms));
  return id;
};
globalThis.clearTimeout = (id) => {
  const timer = timers.get(id);
  if (timer) timer.cleared += 1;
  realClearTimeout(handles.get(id));
};

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const lib = await import(pathToFileURL(path.join(root, "pkg", "node.mjs")).href);
const skip = (process.argv[2] ?? "").split(",").filter(Boolean).map(Number);
const delay = (ms, value) => new Promise((resolve) => realSetTimeout(() => resolve(value), ms));
const fetch = async (url, init) => {
  const i = Number(/"email":"call(\d+)@/.exec(init.body)[1]);
  const wait = Math.floor(Math.random() * 50);
  switch (i % 5) {
    case 0: return delay(wait, new Response(JSON.stringify({ IsPosted: true })));
    case 1: return delay(wait, new Response(JSON.stringify({ ErrorCode: 1067, Message: "m" }), { status: 403 }));
    case 2: return delay(wait, new Response(null, { status: 429, headers: { "Retry-After": "1" } }));
    default: return delay(400, new Response('{"IsPosted":true}')); // 3: times out; 4: aborted
  }
};
const base = { apiKey: "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21", otp: "123456", pin: "2468", baseUrl: "http://127.0.0.1:9", fetch };
const calls = [];
for (let i = 0; i < 1000; i++) {
  if (skip.includes(i % 5)) continue;
  const options = { ...base, email: `call${i}@example.com` };
  if (i % 5 === 3) options.timeoutMs = 20 + (i % 150);
  if (i % 5 === 4) {
    const controller = new AbortController();
    realSetTimeout(() => controller.abort(), Math.floor(Math.random() * 100));
    options.signal = controller.signal;
  }
  calls.push(lib.resetPinWithOtp(options).then(() => (i % 5 >= 3 ? "wrong" : "ok"), () => "rejected"));
}
const outcomes = await Promise.all(calls);
const wrong = outcomes.filter((o) => o === "wrong").length;
const badTimers = [...timers.values()].filter((t) => t.cleared && !t.fired && t.ms < 170).length;
console.log(`wrong: ${wrong} badTimers: ${badTimers}`);
