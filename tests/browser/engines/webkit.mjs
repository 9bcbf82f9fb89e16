// WebKit (Safari's engine): WebKitGTK's MiniBrowser through Debian's WebKitWebDriver, over W3C
// WebDriver (selenium-webdriver). MiniBrowser has no headless mode: run under a display, e.g.
// `xvfb-run -a`. WebDriver classic has no init scripts, no network or console events and no GC:
// the differences are written where a test meets them (search for `engine.name === "webkit"`).
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Builder, Key } from "selenium-webdriver";

import { closedPort as freePort } from "../mock-server.mjs";
import { asJson, fromJson } from "./page-common.mjs";

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? "/usr/bin/WebKitWebDriver";
export const MINIBROWSER =
  process.env.MINIBROWSER_PATH ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const SCRIPT_TIMEOUT_MS = 600_000; // the hostile-input and memory runs take minutes in one script

export async function launch({ colorScheme = "light", reducedMotion = false } = {}) {
  if (!process.env.DISPLAY) throw new Error("WebKit's MiniBrowser needs a display: run under `xvfb-run -a`");
  const port = await freePort();
  const env = await gtkSettings({ colorScheme, reducedMotion });
  const server = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: "ignore", env });
  const stopServer = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
    if (env.XDG_CONFIG_HOME !== process.env.XDG_CONFIG_HOME) rm(env.XDG_CONFIG_HOME, { recursive: true, force: true }).catch(() => {});
  };
  let driver;
  try {
    driver = await connect(`http://127.0.0.1:${port}`);
  } catch (error) {
    stopServer();
    throw error;
  }
  await driver.manage().setTimeouts({ script: SCRIPT_TIMEOUT_MS, pageLoad: 60_000 });
  const caps = await driver.getCapabilities();
  const agent = await driver.executeScript("return navigator.userAgent");
  const session = serialised(driver);
  // Closing a session's last window ends the session: a closed page's window is blanked and kept
  // for the next page instead. The session starts with one such window.
  const spare = [await driver.getWindowHandle()];
  return {
    name: "webkit",
    title: "WebKit",
    collectsGarbage: false, // a full GC on demand (page.collectGarbage)
    version: `WebKitGTK ${caps.get("browserVersion")} (${/Safari\/[\d.]+/.exec(agent)?.[0] ?? agent})`,
    async newPage() {
      const handle =
        spare.pop() ?? (await session(async () => (await driver.switchTo().newWindow("window"), driver.getWindowHandle())));
      return wrap(driver, handle, session, () => spare.push(handle));
    },
    async close() {
      await driver.quit().catch(() => {});
      stopServer();
    },
  };
}

/**
 * WebKitGTK takes the dark scheme and reduced motion from GTK's settings: a settings.ini of its
 * own for MiniBrowser (which inherits the driver's environment) when either is asked for.
 */
async function gtkSettings({ colorScheme, reducedMotion }) {
  if (colorScheme !== "dark" && !reducedMotion) return process.env;
  const home = await mkdtemp(path.join(tmpdir(), "lr-gtk-"));
  await mkdir(path.join(home, "gtk-3.0"));
  const settings = [
    "[Settings]",
    `gtk-application-prefer-dark-theme=${colorScheme === "dark" ? 1 : 0}`,
    `gtk-enable-animations=${reducedMotion ? 0 : 1}`,
  ];
  await writeFile(path.join(home, "gtk-3.0", "settings.ini"), `${settings.join("\n")}\n`);
  return { ...process.env, XDG_CONFIG_HOME: home, ...(colorScheme === "dark" && { GTK_THEME: "Adwaita:dark" }) };
}

/** WebKitWebDriver takes a moment to listen: retry the session until it does. */
async function connect(url) {
  const capabilities = {
    browserName: "MiniBrowser",
    "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
  };
  let lastError;
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await new Builder().usingServer(url).withCapabilities(capabilities).build();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw lastError;
}

/** One WebDriver session drives every window: run one command sequence at a time. */
function serialised(driver) {
  let tail = Promise.resolve();
  return (job) => {
    const run = tail.then(job);
    tail = run.catch(() => {});
    return run;
  };
}

function wrap(driver, handle, session, release) {
  const initScripts = [];
  let originalRect; // the window's size before setViewport, restored when the page closes
  // Every command first makes this page's window the current one.
  const inWindow = (job) =>
    session(async () => {
      await driver.switchTo().window(handle);
      return job();
    });
  const evaluate = (expression) =>
    inWindow(async () => {
      const script = `const done = arguments[arguments.length - 1];
        ${asJson(expression)}.then(done, (e) => done(JSON.stringify({ pageError: String(e) + " " + (e && e.stack) })));`;
      const text = await driver.executeAsyncScript(script);
      const parsed = JSON.parse(text);
      if ("pageError" in parsed) throw new Error(`in the page: ${parsed.pageError}`);
      return fromJson(text);
    });
  return {
    native: driver,
    requests: null, // WebDriver classic sees no network events
    console: null, // ... and no console messages
    async goto(url) {
      await inWindow(() => driver.get(url));
      // No init scripts in WebDriver classic: they run once the page has loaded instead.
      for (const fn of initScripts) await evaluate(`(${fn})()`);
    },
    evaluate,
    addInitScript: async (fn) => void initScripts.push(fn.toString()),
    type: (text) => inWindow(() => driver.actions().sendKeys(text).perform()),
    press: (key) => inWindow(() => driver.actions().sendKeys(Key[key.toUpperCase()]).perform()),
    setViewport: ({ width, height }) =>
      inWindow(async () => {
        originalRect ??= await driver.manage().window().getRect();
        await driver.manage().window().setRect({ width, height });
      }),
    screenshot: (file) => inWindow(async () => writeFile(file, await driver.takeScreenshot(), "base64")),
    collectGarbage: null, // no GC on demand over WebDriver: see gcPressure in tests/js/support.mjs
    close: () =>
      inWindow(async () => {
        await driver.get("about:blank");
        if (originalRect) await driver.manage().window().setRect(originalRect); // for the next page
        release();
      }),
  };
}
