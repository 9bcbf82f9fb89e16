// Firefox: Debian's firefox-esr through puppeteer-core over WebDriver BiDi (no geckodriver, no
// browser download).
import puppeteer from "puppeteer-core";

import { eventedPage } from "./page-common.mjs";

export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

export async function launch({ colorScheme = "light", reducedMotion = false } = {}) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    // A closed network: no update, telemetry or captive-portal checks dialling out.
    extraPrefsFirefox: {
      "app.update.enabled": false,
      "network.captive-portal-service.enabled": false,
      "network.connectivity-service.enabled": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "toolkit.telemetry.enabled": false,
      // What pages' media queries see: 0 dark, 1 light; reduced motion as the system setting.
      "layout.css.prefers-color-scheme.content-override": colorScheme === "dark" ? 0 : 1,
      "ui.prefersReducedMotion": reducedMotion ? 1 : 0,
    },
  });
  return {
    name: "firefox",
    title: "Firefox",
    collectsGarbage: false, // a full GC on demand (page.collectGarbage)
    version: `${(await browser.version()).replace(/^firefox\//, "")} ESR`, // the user agent says 140.0
    newPage: async () => wrap(await browser.newPage()),
    close: () => browser.close().catch(() => {}),
  };
}

/**
 * puppeteer's page.setViewport also sends a screen-orientation override, which Firefox ESR 140
 * does not know: send BiDi's browsingContext.setViewport alone, through puppeteer's frame.
 */
async function setViewport(page, { width, height }) {
  await page.mainFrame().browsingContext.setViewport({ viewport: { width, height }, devicePixelRatio: null });
}

function wrap(page) {
  return {
    ...eventedPage(page),
    addInitScript: (fn) => page.evaluateOnNewDocument(fn),
    setViewport: (size) => setViewport(page, size),
    collectGarbage: null, // no GC on demand over BiDi: see gcPressure in tests/js/support.mjs
  };
}
