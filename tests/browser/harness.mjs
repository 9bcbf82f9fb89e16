// Test harness for the demo page and the package's browser tests: starts the mock server on a
// free port and this run's browser (LR_BROWSER: chromium, firefox or webkit; see engines/), and
// opens the demo page behind Playwright-like locators (locators.mjs), whatever the engine.
import { mkdir } from "node:fs/promises";
import path from "node:path";

import { ENGINE, launchBrowser } from "./engines/index.mjs";
import { withLocators } from "./locators.mjs";
import { ROOT, closedPort, devApi, startServer, stopServer } from "./mock-server.mjs";

export { CHROMIUM, CHROMIUM_ARGS } from "./engines/chromium.mjs";
export { ENGINE, ROOT, closedPort, devApi };
export const RESULTS_DIR = path.join(ROOT, "test-results");

/**
 * A page init script (`page.addInitScript(keepWasmExports)`, or evaluated before the package is
 * imported), also called as is in Node: keeps the exports of the package's wasm module as
 * globalThis.__lrWasm, however it is instantiated (the package compiles the
 * module and instantiates it with `new WebAssembly.Instance`). The glue is bundled into the
 * package, so this is how tests and the benchmark read the module's memory, externref table and
 * trap flag. Its short export names are not fixed: find those by type (see `wasmMemory`).
 * Self-contained: it is serialized into pages.
 */
export function keepWasmExports() {
  // The package's module, told apart from others (Node's fetch instantiates its own parser) by
  // wasm-bindgen's trap flag, which the tests read.
  const keep = (instance) => {
    if (instance.exports.__instance_terminated) globalThis.__lrWasm ??= instance.exports;
    return instance;
  };
  WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
    construct: (target, args, newTarget) => keep(Reflect.construct(target, args, newTarget)),
  });
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const real = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const result = await real.apply(this, args);
      keep(result.instance ?? result);
      return result;
    };
  }
}

/**
 * Starts the server (with `serverArgs`) and the browser of `engine` (default: LR_BROWSER; none for
 * "none"). Returns { url, dev, browser, context (Chromium's Playwright context, for Chromium-only
 * tests), openDemo, close }.
 */
export async function startHarness({ engine = ENGINE, serverArgs = [] } = {}) {
  const { child, url } = await startServer(serverArgs);
  let browser;
  try {
    browser = engine === "none" ? null : await launchBrowser(engine);
  } catch (error) {
    await stopServer(child);
    throw error;
  }
  await mkdir(RESULTS_DIR, { recursive: true });
  const dev = devApi(url);

  return {
    url,
    dev,
    browser,
    context: browser?.context,
    /**
     * A fresh page on the demo with a console recorder, on its own new tenant (or, with
     * `ownTenant: false`, as a user opens it: on the default tenant the page starts with).
     */
    openDemo: (options) => openDemo(browser, url, dev, options),
    async close() {
      await browser?.close();
      await stopServer(child);
    },
  };
}

// Runs in the page before its own scripts where the engine has init scripts (after load in
// WebKit): records CSP violations and uncaught errors even if the console wording ever changes,
// and where the engine shows no console at all.
export function recordPageProblems() {
  window.__pageProblems = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__pageProblems.push(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
  });
  window.addEventListener("error", (event) => window.__pageProblems.push(`pageerror: ${event.message}`));
  window.addEventListener("unhandledrejection", (event) =>
    window.__pageProblems.push(`pageerror: unhandled rejection ${event.reason}`),
  );
}

async function openDemo(browser, url, dev, { viewport, tenantSettings, ownTenant = true } = {}) {
  const driver = await browser.newPage();
  const page = withLocators(driver);
  if (viewport) await page.setViewportSize(viewport);
  await driver.addInitScript(recordPageProblems);

  await driver.goto(url);
  await page.locator("[data-testid=load-status][data-state=ready]").waitFor();
  let apiKey = await page.getByTestId("apiKey").inputValue();
  if (ownTenant) {
    apiKey = await dev.createTenant(tenantSettings);
    await page.getByTestId("apiKey").fill(apiKey);
  }

  return {
    page,
    apiKey,
    /** Whether the engine reports the page's console to the test (not WebKit's WebDriver). */
    seesConsole: Array.isArray(driver.console),
    /**
     * Console problems: any CSP violation or uncaught error, and any console error/warning
     * (where the engine shows the console) except the messages `allowed` matches (e.g. the
     * browser's own log line for a deliberately failed fetch).
     */
    async consoleProblems(allowed = () => false) {
      const recorded = await driver.evaluate("window.__pageProblems");
      const messages = (driver.console ?? []).filter(
        (m) =>
          /content security policy/i.test(m.text) ||
          // Chromium types console.warn "warning", Firefox (over BiDi) "warn".
          (["error", "warning", "warn", "pageerror"].includes(m.type) && !allowed(m)),
      );
      return [...recorded, ...messages.map((m) => `${m.type}: ${m.text} (${m.url})`)];
    },
    close: () => driver.close(),
  };
}

/**
 * Chromium's log line for a fetch that got an HTTP error status from the reset endpoint (Firefox
 * logs nothing for it; WebKit's console is not observed).
 */
export function failedResetResponse(status) {
  return failedResponse(status, "/identity/v2/auth/pin/reset/otp/");
}

/** The same for the reset by the email link's token. */
export function failedTokenResetResponse(status) {
  return failedResponse(status, "/identity/v2/auth/pin/reset/token");
}

/** The same for the endpoints that send the code (`/identity/v2/auth/pin/forgot/…`). */
export function failedSendResponse(status) {
  return failedResponse(status, "/identity/v2/auth/pin/forgot/");
}

function failedResponse(status, endpoint) {
  return (m) =>
    m.type === "error" &&
    m.text.startsWith(`Failed to load resource: the server responded with a status of ${status} `) &&
    m.url.includes(endpoint);
}

/**
 * The browser's log line for a fetch to a port where nothing listens: Chromium's, or Firefox's
 * (which reports it as a failed CORS request, the closed port being another origin).
 */
export function refusedConnection(origin) {
  const firefox = new RegExp(
    `^Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${origin}/.*\\(Reason: CORS request did not succeed\\)`,
  );
  return (m) =>
    (m.type === "error" && m.text === "Failed to load resource: net::ERR_CONNECTION_REFUSED" && m.url.startsWith(`${origin}/`)) ||
    (m.type === "pageerror" && firefox.test(m.text));
}
