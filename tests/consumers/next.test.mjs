// Next.js 16 (App Router, no next.config) as a consumer of the packed package, with zero config:
// `next build` with Turbopack (the default) and with `--webpack`, each served by `next start`, and
// `next dev`. In each mode: a client component imports the package at the top (its page is
// prerendered or server-rendered in Node, then runs the shared scenario in Chromium); a server
// component validates the options of its query string during the server render; a route handler
// resets the PIN from the server, checked on the mock.
// Run: node --test tests/consumers/next.test.mjs (needs pkg/ built by scripts/build.sh).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  bin,
  browserMode,
  consumerDir,
  consumerSuite,
  freshReset,
  installedVersion,
  recordFramework,
  run,
  serve,
  serverReset,
  timed,
} from "./lib.mjs";

const DIR = consumerDir("next");
const FRAMEWORK = "Next.js";
const suite = consumerSuite(["next"]);

/**
 * `next build` (with `flags`): fails the test with Next's output if the build fails, or if it
 * says anything about the package or a `.wasm` (zero config means no warning either).
 */
async function build(flags) {
  const label = ["next build", ...flags].join(" ");
  const { stdout, stderr } = await timed(label, () =>
    run(process.execPath, [bin(DIR, "next"), "build", ...flags], { cwd: DIR, timeoutMs: 300_000 }),
  );
  const output = stdout + stderr;
  assert.doesNotMatch(output, /loginradius|\.wasm/i, `${label} mentions the package:\n${output}`);
}

/** `next start` or `next dev` on 127.0.0.1 and a free port, then the three uses, recorded under `mode`. */
function serveNext(command, mode) {
  const args = (port) => [bin(DIR, "next"), command, "--hostname", "127.0.0.1", "--port", port];
  return serve(`next ${command}`, { cwd: DIR, args, ready: /Ready in/, timeoutMs: 60_000 }, (origin) =>
    timed(`next ${mode}: the three uses`, () => checkUses(origin, mode)),
  );
}

/** The text React rendered into `<pre id="...">` of a server-rendered page. */
function preText(html, id) {
  const match = new RegExp(`<pre id="${id}">([^<]*)</pre>`).exec(html);
  assert.ok(match, `no <pre id="${id}"> in the page:\n${html.slice(0, 2000)}`);
  const entities = { "&quot;": '"', "&#x27;": "'", "&lt;": "<", "&gt;": ">", "&amp;": "&" };
  return match[1].replace(/&(?:quot|#x27|lt|gt|amp);/g, (entity) => entities[entity]);
}

async function get(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  const body = await response.text();
  assert.equal(response.status, 200, `GET ${url} answered ${response.status}:\n${body.slice(0, 2000)}`);
  return body;
}

/** The three uses against a running server; records each for the Frameworks table. */
async function checkUses(origin, mode) {
  const { harness } = suite;
  const version = installedVersion(DIR, "next");
  // The client component's page renders on the server first (`next dev` renders it on request).
  assert.match(await get(`${origin}/`), /<pre id="result"><\/pre>/);

  // A server component validating during the server render. Made-up OTP and PIN: the query
  // string shows in Next's request log; serverReset sends the real ones only in POST bodies.
  const valid = { ...(await freshReset(harness)), otp: "123456", pin: "2468" };
  const issues = async (options) =>
    JSON.parse(preText(await get(`${origin}/validate?${new URLSearchParams(options)}`), "issues"));
  assert.deepEqual(await issues(valid), []);
  const invalid = await issues({ ...valid, apiKey: "not-a-guid", pin: "" });
  assert.deepEqual(invalid.map((issue) => issue.field).sort(), ["apiKey", "pin"]);

  // A route handler resetting the PIN from the server; the same OTP again is a typed API error.
  await serverReset(harness, origin);
  recordFramework({
    framework: FRAMEWORK,
    version,
    mode: `server component + route handler in ${mode}`,
    ships: "server",
  });

  // The client component in Chromium. Next emits the `.wasm` asset (Turbopack and webpack, build
  // and dev): the page must load it, not the larger fallback chunk carrying the bytes.
  await browserMode(harness, `${origin}/`, { framework: FRAMEWORK, version, mode, expect: "wasm", timeoutMs: 60_000 });
}

// One after the other: both builds write .next/ (`next dev` writes .next/dev/).
describe("Next.js 16 (App Router, no next.config)", () => {
  test("next build (Turbopack) + next start", { timeout: 420_000 }, async () => {
    await build([]);
    await serveNext("start", "build (Turbopack)");
  });

  test("next build --webpack + next start", { timeout: 420_000 }, async () => {
    await build(["--webpack"]);
    await serveNext("start", "build (webpack)");
  });

  test("next dev (Turbopack)", { timeout: 300_000 }, async () => {
    await serveNext("dev", "dev (Turbopack)");
  });
});
