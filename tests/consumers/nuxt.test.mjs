// Nuxt 4 as a consumer of the packed package, with zero config for it: a page imports the package
// at the top (its server render must work; the shared scenario runs in Chromium once mounted), and
// a server route (server/api/reset.post.js) resets a PIN from the server, checked on the mock.
// Both in `nuxt build` + the Node server it emits (.output/server/index.mjs) and in `nuxt dev`.
// nuxt/package.json pins Vite 8.3.8 through `overrides`: Nuxt 4.5.2 on Vite 8.4.0 (rolldown 1.3) fails
// to build any app with pages/ (EXTERNAL_MODULES_CANNOT_BE_TRANSFORMED_TO_MODULES on unctx), with or
// without this package. Drop the pin once a Nuxt or Vite release builds without it.
// Run: node --test tests/consumers/nuxt.test.mjs (needs pkg/ built by scripts/build.sh).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
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

const DIR = consumerDir("nuxt");
const NUXT = path.join(DIR, "node_modules", "nuxt", "bin", "nuxt.mjs");
const FRAMEWORK = "Nuxt";
// For the README's table: not a setting for this package, but what a fresh Nuxt app needs today.
const CONFIG =
  "Vite pinned to 8.3.8 (package.json `overrides`): Nuxt 4.5.2's pages fail to build on Vite 8.4.0, " +
  "with or without this package";

let harness;
let version;

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

before(async () => {
  assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is not built: run scripts/build.sh first");
  const started = Date.now();
  const done = await ensureInstalled(DIR);
  if (done !== "current") console.log(`nuxt: npm install (node_modules was missing or stale): ${seconds(started)}`);
  version = installedVersion(DIR, "nuxt");
  harness = await startHarness({ engine: "chromium" });
}, { timeout: 400_000 });

after(async () => {
  await harness?.close();
});

/**
 * The page's server render, once the server answers it (the dev server answers a loading page
 * until its first build is done): a 200 with the page's own markup.
 */
async function assertServerRendered(origin, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const response = await fetch(`${origin}/`).catch((error) => ({ status: 0, text: async () => String(error) }));
    last = `${response.status}\n${await response.text()}`;
    if (response.status === 200 && last.includes('<pre id="result">')) return;
    if (response.status >= 500) break;
    await sleep(500);
  }
  assert.fail(`the page's server render did not answer with the page:\n${last.slice(0, 3000)}`);
}

/** The server route resets a fresh user's PIN with the mock's URL in its body; checked on the mock. */
async function serverRouteReset(origin) {
  const params = await freshReset(harness);
  const response = await fetch(`${origin}/api/reset`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(params),
  });
  const body = await response.text();
  assert.equal(response.status, 200, `POST /api/reset: ${body}`);
  assert.deepEqual(JSON.parse(body), { IsPosted: true });
  await assertPinStored(harness, params);
}

/** Both uses against a running server at `origin`, recorded under `mode`. */
async function bothUses(origin, mode) {
  let started = Date.now();
  await assertServerRendered(origin);
  console.log(`nuxt ${mode}: the page's server render answered in ${seconds(started)}`);
  started = Date.now();
  const ships = await browserResetAt(harness, `${origin}/`);
  console.log(`nuxt ${mode}: the page reset the PIN in ${seconds(started)} (loaded from ${ships})`);
  recordFramework({ framework: FRAMEWORK, version, mode, ships, config: CONFIG });
  started = Date.now();
  await serverRouteReset(origin);
  console.log(`nuxt ${mode}: the server route reset the PIN in ${seconds(started)}`);
  const route = `server route (${mode})`;
  recordFramework({ framework: FRAMEWORK, version, mode: route, ships: "server", config: CONFIG });
}

/** A long-running server on 127.0.0.1:`port`, then `work(origin)`; always stopped. */
async function serve(label, command, args, ready, work) {
  const started = Date.now();
  const server = await startProcess(command, args, { cwd: DIR, ready, timeoutMs: 120_000 });
  console.log(`nuxt ${label}: listening in ${seconds(started)}`);
  try {
    await work();
  } catch (error) {
    error.message += `\n${label} output:\n${server.output()}`;
    throw error;
  } finally {
    await server.stop();
  }
}

describe("Nuxt 4 (no config for the package)", () => {
  test("nuxt build + node .output/server/index.mjs", { timeout: 300_000 }, async () => {
    const started = Date.now();
    await run(process.execPath, [NUXT, "build"], { cwd: DIR, timeoutMs: 240_000 });
    console.log(`nuxt build: ${seconds(started)}`);
    const port = await closedPort();
    // Nitro's Node server takes its address from the environment only (`env` sets it: startProcess
    // takes no env of its own).
    const args = [`PORT=${port}`, "HOST=127.0.0.1", process.execPath, ".output/server/index.mjs"];
    await serve("server", "env", args, /Listening on/, () => bothUses(`http://127.0.0.1:${port}`, "build"));
  });

  test("nuxt dev", { timeout: 300_000 }, async () => {
    const port = await closedPort();
    const args = [NUXT, "dev", "--host", "127.0.0.1", "--port", String(port)];
    await serve("dev", process.execPath, args, /Local:/, () => bothUses(`http://127.0.0.1:${port}`, "dev"));
  });
});
