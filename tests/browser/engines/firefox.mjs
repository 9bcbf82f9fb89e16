// Firefox: Debian's firefox-esr through puppeteer-core over WebDriver BiDi (no geckodriver, no
// browser download).
import puppeteer from "puppeteer-core";

import { asJson, fromJson } from "./index.mjs";

export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

export async function launch() {
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
    },
  });
  const agent = await browser.userAgent();
  return {
    name: "firefox",
    title: "Firefox",
    collectsGarbage: false, // a full GC on demand (page.collectGarbage)
    version: /Firefox\/([\d.]+)/.exec(agent)?.[1] ?? (await browser.version()),
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
  const requests = [];
  const console = [];
  page.on("request", (r) => requests.push({ url: r.url(), method: r.method(), headers: r.headers() }));
  page.on("console", (m) => console.push({ type: m.type(), text: m.text(), url: m.location()?.url ?? "" }));
  page.on("pageerror", (e) => console.push({ type: "pageerror", text: e.message, url: "" }));
  return {
    native: page,
    requests,
    console,
    goto: (url) => page.goto(url),
    evaluate: async (expression) => fromJson(await page.evaluate(asJson(expression))),
    addInitScript: (fn) => page.evaluateOnNewDocument(fn),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    setViewport: (size) => setViewport(page, size),
    screenshot: (file) => page.screenshot({ path: file, fullPage: true }),
    collectGarbage: null, // no GC on demand over BiDi: see gcPressure in tests/js/support.mjs
    close: () => page.close(),
  };
}
