// One browser behind one small interface, whichever engine runs it. LR_BROWSER picks the engine:
// chromium (default: Debian's Chromium through playwright-core), firefox (Debian's firefox-esr
// through puppeteer-core over WebDriver BiDi) or webkit (WebKitGTK's MiniBrowser through
// WebKitWebDriver and selenium-webdriver; needs a display, e.g. under `xvfb-run -a`), or none
// (Node only). Every engine gives:
//   launchBrowser() -> { name, title, version, collectsGarbage, newPage(), close() }
//   page: goto(url), evaluate(expression) (awaited, returned as JSON data), addInitScript(fn),
//         type(text) / press("Tab" | "Enter") on the focused element, setViewport({ width, height }),
//         screenshot(file), collectGarbage (a function where collectsGarbage, else null), close(),
//         and the recorders `requests` and `console` (null where the
//         engine cannot observe them: see README "Tested on").

import { recordEnvironment } from "../../../scripts/tested-on.mjs";

/** The engines, in the order the test script runs them. */
export const ENGINES = ["chromium", "firefox", "webkit"];

/** The engine of this run: LR_BROWSER, default chromium; "none" for a Node-only run. */
export const ENGINE = process.env.LR_BROWSER || "chromium";
if (ENGINE !== "none" && !ENGINES.includes(ENGINE)) {
  throw new Error(`LR_BROWSER=${ENGINE}: expected one of ${ENGINES.join(", ")} or none`);
}

/**
 * Starts the browser of `engine` (default: this run's). In a run of scripts/test.sh
 * (LR_TESTED_ON_DIR set) it records the engine's version for the "Tested on" table.
 * `appearance`: `{ colorScheme: "dark", reducedMotion: true }` sets what its pages' media queries
 * see, through the engine's own settings (a test checks with matchMedia that it took).
 */
export async function launchBrowser(engine = ENGINE, appearance = {}) {
  if (engine === "none") throw new Error("LR_BROWSER=none: this run has no browser");
  const { launch } = await import(`./${engine}.mjs`);
  const browser = await launch(appearance);
  if (process.env.LR_TESTED_ON_DIR && process.env.LR_BROWSER === engine) recordEnvironment(engine, browser.title, browser.version);
  return browser;
}
