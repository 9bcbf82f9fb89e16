// The README's framework recipes for loginradius-pin-reset/flow, and <loginradius-pin-reset>
// rendered by each framework, in production builds and dev servers, in Chromium, against the mock. Each app has a
// /flow page with the same ids: the recipe resets a PIN by email (a wrong code first, the resend
// waiting its cooldown); the element resets one by username, its `pinreset` event reaching the
// framework's handler. React 19 (React Router 7, useSyncExternalStore), Svelte 5 (SvelteKit, the
// store contract), Vue 3 (Nuxt 4, shallowRef + subscribe), Angular (signals; the element with
// CUSTOM_ELEMENTS_SCHEMA). Run: node --test tests/consumers/frameworks-flow.test.mjs (needs pkg/ built).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import path from "node:path";

import { bin, consumerDir, consumerSuite, run, serve, startStaticServer, timed } from "./lib.mjs";

const FRAMEWORKS = [
  {
    name: "React 19 (React Router 7)",
    dir: consumerDir("react-router"),
    build: (dir) => [bin(dir, "@react-router/dev", "react-router"), "build"],
    start: (dir) => [bin(dir, "@react-router/serve", "react-router-serve"), "build/server/index.js"],
    dev: (dir, port) => [bin(dir, "@react-router/dev", "react-router"), "dev", "--host", "127.0.0.1", "--port", port, "--strictPort"],
  },
  {
    name: "Svelte 5 (SvelteKit)",
    dir: consumerDir("sveltekit"),
    build: (dir) => [bin(dir, "vite"), "build"],
    start: () => ["build"],
    dev: (dir, port) => [bin(dir, "vite"), "dev", "--host", "127.0.0.1", "--port", port, "--strictPort"],
  },
  {
    // Its own project: a second page in tests/consumers/nuxt would change what Nuxt prefetches on
    // the scenario's page there.
    name: "Vue 3 (Nuxt 4)",
    dir: consumerDir("nuxt-flow"),
    build: (dir) => [bin(dir, "nuxt"), "build"],
    start: () => [".output/server/index.mjs"],
    dev: (dir, port) => [bin(dir, "nuxt"), "dev", "--host", "127.0.0.1", "--port", port],
  },
  {
    name: "Angular (signals, CUSTOM_ELEMENTS_SCHEMA)",
    dir: consumerDir("angular"),
    build: (dir) => [bin(dir, "@angular/cli", "ng"), "build"],
    staticRoot: "dist/browser", // served with an index.html fallback, as the app is hosted
    dev: (dir, port) => [bin(dir, "@angular/cli", "ng"), "serve", "--host", "127.0.0.1", "--port", port],
  },
];

const suite = consumerSuite(["react-router", "sveltekit", "nuxt-flow", "angular"], { timeout: 800_000 });

async function newestCode(apiKey) {
  const sent = await suite.harness.dev.outbox(apiKey);
  return sent[sent.length - 1]?.otp;
}

/**
 * A dev server's first visit: it may still be bundling (Nuxt answers a loading page) or find the
 * page's dependencies only now and reload; a developer's next visit is the one that works.
 */
async function warmUp(origin) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${origin}/flow`).catch(() => null);
    if (response?.status === 200) break; // Nuxt's loading page is a 503
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const page = await suite.harness.context.newPage();
  try {
    await page.goto(`${origin}/flow`, { waitUntil: "networkidle", timeout: 120_000 });
  } finally {
    await page.close();
  }
}

/**
 * The /flow page at `origin`: the recipe, then the element. `settle`: a dev server's page hydrates
 * only once its many modules have loaded, so the test waits for the network to go quiet first.
 */
async function drivePage(origin, { settle = false } = {}) {
  const { dev, url: baseUrl, context } = suite.harness;
  const apiKey = await dev.createTenant({ rateLimit: 0 });
  await dev.createUser(apiKey, { email: "ada@example.com", pin: "1111" });
  await dev.createUser(apiKey, { username: "grace", email: "grace@example.com", pin: "1111" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  try {
    await page.goto(`${origin}/flow?${new URLSearchParams({ apiKey, baseUrl })}`, settle ? { waitUntil: "networkidle", timeout: 120_000 } : {});
    // The recipe.
    await page.locator("#email").fill("ada@example.com");
    await page.locator("#send").click();
    await page.locator("#step", { hasText: /^verify$/ }).waitFor();
    assert.equal(await page.locator("#resend").isDisabled(), true, "the resend waits for its cooldown");
    const code = await newestCode(apiKey);
    await page.locator("#otp").fill(code === "000000" ? "000001" : "000000");
    await page.locator("#pin").fill("2468");
    await page.locator("#reset").click();
    await page.locator("#error", { hasText: "That code is not right." }).waitFor();
    await page.locator("#otp").fill(code);
    await page.locator("#reset").click();
    await page.locator("#step", { hasText: /^done$/ }).waitFor();
    assert.equal((await dev.checkPin(apiKey, "ada@example.com", "2468")).matches, true);
    // The element, rendered by the framework.
    const element = page.locator("loginradius-pin-reset");
    await element.getByLabel("Your username").fill("grace");
    await element.getByRole("button", { name: "Send me a code" }).click();
    await element.getByLabel("One-time code").waitFor();
    await element.getByLabel("One-time code").fill(await newestCode(apiKey));
    await element.getByLabel("New PIN", { exact: true }).fill("5791");
    await element.getByRole("button", { name: "Reset my PIN" }).click();
    await page.locator("#element-event", { hasText: "username" }).waitFor();
    assert.deepEqual(JSON.parse(await page.locator("#element-event").textContent()), { identifierKind: "username", via: "code" });
    assert.equal((await dev.checkPin(apiKey, "grace", "5791")).matches, true);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
}

describe("the flow's recipes and the element in the frameworks (production builds, Chromium)", () => {
  for (const { name, dir, build, start, staticRoot } of FRAMEWORKS) {
    test(name, { timeout: 600_000 }, async () => {
      await timed(`${name}: build`, () => run(process.execPath, build(dir), { cwd: dir, timeoutMs: 400_000 }));
      const page = (origin) => timed(`${name}: the /flow page`, () => drivePage(origin));
      if (start) return serve(`${name}: production server`, { cwd: dir, args: () => start(dir) }, page);
      const server = await startStaticServer(path.join(dir, staticRoot), { spaFallback: true });
      try {
        await page(server.url);
      } finally {
        await server.close();
      }
    });
  }
});

describe("the flow's recipes and the element in the frameworks' dev servers (Chromium)", () => {
  for (const { name, dir, dev } of FRAMEWORKS) {
    test(`${name}, dev`, { timeout: 400_000 }, async () => {
      const args = (port) => dev(dir, port);
      await serve(`${name}: dev server`, { cwd: dir, args, timeoutMs: 240_000 }, async (origin) => {
        await timed(`${name}: dev, first visit`, () => warmUp(origin));
        await timed(`${name}: dev, the /flow page`, () => drivePage(origin, { settle: true }));
      });
    });
  }
});
