// Next.js 16 (App Router, no next.config) as a consumer of the packed package, with zero config:
// `next build` with Turbopack (the default) and with `--webpack`, each served by `next start`, and
// `next dev`. In each mode: a client component imports the package at the top (its page is
// prerendered or server-rendered in Node, then runs the shared scenario in Chromium); a server
// component validates the options of its query string during the server render; a route handler
// resets the PIN from the server, checked on the mock.
// Run: node --test tests/consumers/next.test.mjs (needs pkg/ built by scripts/build.sh).
import "./next/no-telemetry.mjs"; // first: before lib.mjs copies process.env
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { closedPort, startHarness } from "../browser/harness.mjs";
import {
  PKG,
  assertPinStored,
  browserResetAt,
  consumerDir,
  ensureInstalled,
  freshReset,
  installedVersion,
  recordFramework,
  run,
  startProcess,
} from "./lib.mjs";

const DIR = consumerDir("next");
const NEXT = path.join(DIR, "node_modules", "next", "dist", "bin", "next");

let harness;
let version;

before(async () => {
  assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is not built: run scripts/build.sh first");
  const done = await ensureInstalled(DIR);
  if (done !== "current") console.log("next: npm install (node_modules was missing or stale)");
  version = installedVersion(DIR, "next");
  harness = await startHarness({ engine: "chromium" });
}, { timeout: 400_000 });

after(async () => {
  await harness?.close();
});

/**
 * `next build` (with `flags`): fails the test with Next's output if the build fails, or if it
 * says anything about the package or a `.wasm` (zero config means no warning either).
 */
async function build(flags) {
  const label = ["next build", ...flags].join(" ");
  const started = Date.now();
  const { stdout, stderr } = await run(process.execPath, [NEXT, "build", ...flags], {
    cwd: DIR,
    timeoutMs: 300_000,
  });
  console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const output = stdout + stderr;
  assert.doesNotMatch(output, /loginradius|\.wasm/i, `${label} mentions the package:\n${output}`);
}

/** `next start` or `next dev` on 127.0.0.1 and a free port, then `work(origin)`; always stopped. */
async function serve(command, work) {
  const port = await closedPort();
  const started = Date.now();
  const server = await startProcess(
    process.execPath,
    [NEXT, command, "--hostname", "127.0.0.1", "--port", String(port)],
    { cwd: DIR, ready: /Ready in/, timeoutMs: 60_000 },
  );
  console.log(`next ${command}: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    await work(`http://127.0.0.1:${port}`);
  } catch (error) {
    error.message += `\nnext ${command} output:\n${server.output()}`;
    throw error;
  } finally {
    await server.stop();
  }
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
  const started = Date.now();
  // The client component's page renders on the server first (`next dev` renders it on request).
  assert.match(await get(`${origin}/`), /<pre id="result"><\/pre>/);

  // A server component validating during the server render. Made-up OTP and PIN: the query
  // string shows in Next's request log, the real ones go only in the POST bodies below.
  const params = await freshReset(harness);
  const valid = { ...params, otp: "123456", pin: "2468" };
  const issues = async (options) =>
    JSON.parse(preText(await get(`${origin}/validate?${new URLSearchParams(options)}`), "issues"));
  assert.deepEqual(await issues(valid), []);
  const invalid = await issues({ ...valid, apiKey: "not-a-guid", pin: "" });
  assert.deepEqual(invalid.map((issue) => issue.field).sort(), ["apiKey", "pin"]);

  // A route handler resetting the PIN from the server; the same OTP again is a typed API error.
  const post = async () => {
    const response = await fetch(`${origin}/api/reset`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      assert.fail(`POST /api/reset answered ${response.status}, not JSON:\n${text.slice(0, 2000)}`);
    }
  };
  assert.deepEqual(await post(), { status: 200, body: { IsPosted: true } });
  await assertPinStored(harness, params);
  assert.deepEqual(await post(), { status: 502, body: { kind: "api", status: 403, errorCode: 1068 } });
  recordFramework({
    framework: "Next.js",
    version,
    mode: `server component + route handler in ${mode}`,
    ships: "server",
  });

  // The client component in Chromium. Next emits the `.wasm` asset (Turbopack and webpack, build
  // and dev): the page must load it, not the larger fallback chunk carrying the bytes.
  const ships = await browserResetAt(harness, `${origin}/`, { timeoutMs: 60_000 });
  assert.equal(ships, "wasm", "the page loaded the embedded bytes, not the .wasm asset Next emitted");
  recordFramework({ framework: "Next.js", version, mode, ships });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`next ${mode}: the three uses in ${seconds} s, the page loaded ${ships}`);
}

// One after the other: both builds write .next/ (`next dev` writes .next/dev/).
describe("Next.js 16 (App Router, no next.config)", () => {
  test("next build (Turbopack) + next start", { timeout: 420_000 }, async () => {
    await build([]);
    await serve("start", (origin) => checkUses(origin, "build (Turbopack)"));
  });

  test("next build --webpack + next start", { timeout: 420_000 }, async () => {
    await build(["--webpack"]);
    await serve("start", (origin) => checkUses(origin, "build (webpack)"));
  });

  test("next dev (Turbopack)", { timeout: 300_000 }, async () => {
    await serve("dev", (origin) => checkUses(origin, "dev (Turbopack)"));
  });
});
