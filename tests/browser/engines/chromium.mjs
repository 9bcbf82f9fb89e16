// Chromium: Debian's /usr/bin/chromium through playwright-core (no browser download).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

import { asJson, fromJson } from "./index.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Without the background-networking flags Chromium keeps dialling out on a closed network.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch() {
  const profile = await mkdtemp(path.join(tmpdir(), "lr-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    name: "chromium",
    title: "Chromium",
    collectsGarbage: true, // a full GC on demand (page.collectGarbage)
    version: context.browser()?.version() ?? (await versionOf(context)),
    /** Playwright's context, for Chromium-only tests (tests/consumers/). */
    context,
    newPage: async () => wrap(await context.newPage()),
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A persistent context has no browser() object: ask a page. */
async function versionOf(context) {
  const page = await context.newPage();
  const agent = await page.evaluate(() => navigator.userAgent);
  await page.close();
  return /Chrome\/([\d.]+)/.exec(agent)?.[1] ?? agent;
}

function wrap(page) {
  const requests = [];
  const console = [];
  page.on("request", (r) => requests.push({ url: r.url(), method: r.method(), headers: r.headers() }));
  page.on("console", (m) => console.push({ type: m.type(), text: m.text(), url: m.location().url }));
  page.on("pageerror", (e) => console.push({ type: "pageerror", text: e.message, url: "" }));
  return {
    native: page,
    requests,
    console,
    goto: (url) => page.goto(url),
    // A string expression goes through the DevTools protocol: the page's CSP does not apply.
    evaluate: async (expression) => fromJson(await page.evaluate(asJson(expression))),
    addInitScript: (fn) => page.addInitScript(fn),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    setViewport: (size) => page.setViewportSize(size),
    screenshot: (file) => page.screenshot({ path: file, fullPage: true }),
    /** A full GC through the DevTools protocol. */
    async collectGarbage() {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.detach();
    },
    close: () => page.close(),
  };
}
