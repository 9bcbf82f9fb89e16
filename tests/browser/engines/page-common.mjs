// What the engine drivers share: results as JSON data, and (for Playwright and puppeteer, whose
// page APIs agree on events, keyboard and screenshots) the common half of a page.

/**
 * Wraps an expression so the page returns `{ value }` as a JSON string: every engine then hands
 * back the same plain data (undefined fields absent, as JSON has them), whatever its own
 * serialisation does with undefined, -0 or NaN.
 */
export function asJson(expression) {
  return `(async () => JSON.stringify({ value: await (${expression}) }))()`;
}

/** The other half of asJson. */
export function fromJson(text) {
  return JSON.parse(text).value;
}

/**
 * The part of a page that Playwright's and puppeteer's pages implement alike: recorders of the
 * requests and console lines (and uncaught errors), navigation, evaluation, the keyboard,
 * screenshots and close. Each driver adds addInitScript, setViewport and collectGarbage.
 */
export function eventedPage(page) {
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
    // A string expression goes through the browser's protocol: the page's CSP does not apply.
    evaluate: async (expression) => fromJson(await page.evaluate(asJson(expression))),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    screenshot: (file) => page.screenshot({ path: file, fullPage: true }),
    close: () => page.close(),
  };
}
