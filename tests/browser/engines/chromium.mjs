// Chromium: Debian's /usr/bin/chromium through playwright-core (no browser download).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

import { eventedPage } from "./page-common.mjs";

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

export async function launch({ colorScheme = "light", reducedMotion = false } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), "lr-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    colorScheme,
    reducedMotion: reducedMotion ? "reduce" : "no-preference",
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
  return {
    ...eventedPage(page),
    addInitScript: (fn) => page.addInitScript(fn),
    setViewport: (size) => page.setViewportSize(size),
    /** A full GC through the DevTools protocol. */
    async collectGarbage() {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.detach();
    },
  };
}
