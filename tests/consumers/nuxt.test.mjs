// Nuxt 4 as a consumer of the packed package, with zero config for it: a page imports the package
// at the top (its server render must work; the shared scenario runs in Chromium once mounted), and
// a server route (server/api/reset.post.js) resets a PIN from the server, checked on the mock.
// Both in `nuxt build` + the Node server it emits (.output/server/index.mjs) and in `nuxt dev`.
// nuxt/package.json pins Vite 8.3.8 through `overrides`: Nuxt 4.5.2 on Vite 8.4.0 (rolldown 1.3) fails
// to build any app with pages/ (EXTERNAL_MODULES_CANNOT_BE_TRANSFORMED_TO_MODULES on unctx), with or
// without this package. Drop the pin once a Nuxt or Vite release builds without it.
// Run: node --test tests/consumers/nuxt.test.mjs (needs pkg/ built by scripts/build.sh).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import {
  bin,
  browserMode,
  consumerDir,
  consumerSuite,
  installedVersion,
  recordFramework,
  run,
  serve,
  serverReset,
  timed,
} from "./lib.mjs";

const DIR = consumerDir("nuxt");
const FRAMEWORK = "Nuxt";
// For the README's table: not a setting for this package, but what a fresh Nuxt app needs today.
const CONFIG =
  "Vite pinned to 8.3.8 (package.json `overrides`): Nuxt 4.5.2's pages fail to build on Vite 8.4.0, " +
  "with or without this package";
const suite = consumerSuite(["nuxt"]);

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

/** Both uses against a running server at `origin`, recorded under `mode`. */
async function bothUses(origin, mode) {
  const { harness } = suite;
  const version = installedVersion(DIR, "nuxt");
  await timed(`nuxt ${mode}: the page's server render answered`, () => assertServerRendered(origin));
  // Nuxt's build links every lazily imported chunk as <link rel="prefetch"> in the page it renders,
  // the package's fallback carrying the bytes among them: the browser downloads it beside the
  // .wasm it loads. Its dev server links none.
  const prefetchesEmbedded = mode === "build";
  await browserMode(harness, `${origin}/`, { framework: FRAMEWORK, version, mode, config: CONFIG, prefetchesEmbedded });
  // The server route resets a fresh user's PIN with the mock's URL in its body; checked on the mock.
  await timed(`nuxt ${mode}: the server route`, () => serverReset(harness, origin));
  const route = `server route (${mode})`;
  recordFramework({ framework: FRAMEWORK, version, mode: route, ships: "server", config: CONFIG });
}

describe("Nuxt 4 (no config for the package)", () => {
  test("nuxt build + node .output/server/index.mjs", { timeout: 300_000 }, async () => {
    await timed("nuxt build", () => run(process.execPath, [bin(DIR, "nuxt"), "build"], { cwd: DIR, timeoutMs: 240_000 }));
    // Nitro's Node server takes its address from HOST and PORT only (serve sets them).
    const args = () => [".output/server/index.mjs"];
    await serve("nuxt server", { cwd: DIR, args, timeoutMs: 120_000 }, (origin) => bothUses(origin, "build"));
  });

  test("nuxt dev", { timeout: 300_000 }, async () => {
    const args = (port) => [bin(DIR, "nuxt"), "dev", "--host", "127.0.0.1", "--port", port];
    await serve("nuxt dev", { cwd: DIR, args, timeoutMs: 120_000 }, (origin) => bothUses(origin, "dev"));
  });
});
