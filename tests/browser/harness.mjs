// Test harness for the demo page: starts the mock server on a free port, launches Debian's
// Chromium through playwright-core, and offers helpers for the server's /__dev API.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const RESULTS_DIR = path.join(ROOT, "test-results");

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
const SERVER_START_TIMEOUT_MS = 30_000;

/** The server binary; built once when missing (the test script normally builds it first). */
function serverBinary() {
  if (process.env.LOGINRADIUS_MOCK_BIN) return process.env.LOGINRADIUS_MOCK_BIN;
  const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
  const binary = path.join(targetDir, "release", "loginradius-mock");
  if (!existsSync(binary)) {
    const build = spawnSync("cargo", ["build", "--release", "-p", "loginradius-mock"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("cargo build of loginradius-mock failed");
  }
  return binary;
}

/** Starts the server on port 0 and resolves with its URL from the `listening on` line. */
function startServer() {
  if (!existsSync(path.join(ROOT, "pkg", "index.js"))) {
    throw new Error("pkg/ is not built: run scripts/build.sh first");
  }
  const args = ["--port", "0", "--www", path.join(ROOT, "www"), "--pkg", path.join(ROOT, "pkg")];
  const child = spawn(serverBinary(), args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the mock server did not print its URL in time"));
    }, SERVER_START_TIMEOUT_MS);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the mock server exited early (${code})`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve({ child, url: match[1] });
    });
  });
}

/** SIGTERM (a graceful shutdown also ends `hang` faults), SIGKILL if it takes too long. */
function stopServer(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Starts everything. Returns { url, dev, openDemo, close }. Call close() in an `after` hook.
 */
/**
 * A page init script (`page.addInitScript(keepWasmExports)`): keeps the exports of the first wasm
 * module the page instantiates, the package's, as globalThis.__lrWasm. The glue is bundled into
 * pkg/index.js, so this is how tests and the benchmark read the module's memory, externref table
 * and trap flag. Its short export names are not fixed: find those by type (see `wasmMemory`).
 */
export function keepWasmExports() {
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const real = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const result = await real.apply(this, args);
      globalThis.__lrWasm ??= (result.instance ?? result).exports;
      return result;
    };
  }
}

export async function startHarness() {
  const { child, url } = await startServer();
  const profile = await mkdtemp(path.join(tmpdir(), "demo-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    await stopServer(child);
    throw error;
  }
  await mkdir(RESULTS_DIR, { recursive: true });
  const dev = devApi(url);

  return {
    url,
    dev,
    /** The Chromium context, for tests that open pages of their own (tests/consumers/). */
    context,
    /** A fresh page on the demo, with its own tenant and a console recorder. */
    openDemo: (options) => openDemo(context, url, dev, options),
    async close() {
      await context.close().catch(() => {});
      await stopServer(child);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Thin client for the server's development endpoints (see server/README.md). */
export function devApi(baseUrl) {
  async function call(method, pathname, { apiKey, query = {}, body } = {}) {
    const url = new URL(`/__dev/${pathname}`, baseUrl);
    if (apiKey) url.searchParams.set("apikey", apiKey);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json();
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${data.error}`);
    return data;
  }
  return {
    createTenant: async (settings = {}) => (await call("POST", "tenants", { body: settings })).apiKey,
    createUser: (apiKey, user) => call("POST", "users", { apiKey, body: user }),
    issueOtp: (apiKey, identifier) => call("POST", "otp", { apiKey, body: identifier }),
    armFault: (apiKey, fault) => call("POST", "faults", { apiKey, body: fault }),
    clearFaults: (apiKey) => call("DELETE", "faults", { apiKey }),
    webhooks: (apiKey) => call("GET", "webhooks", { apiKey }),
    user: (apiKey, identifier) => call("GET", "users", { apiKey, query: { identifier } }),
    checkPin: (apiKey, identifier, pin) =>
      call("GET", "users/pin", { apiKey, query: { identifier, pin } }),
  };
}

// Runs in the page before its own scripts (DevTools protocol, so the page's CSP does not apply):
// records CSP violations even if the console wording ever changes.
function recordCspViolations() {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}

async function openDemo(context, url, dev, { viewport, tenantSettings } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const consoleMessages = [];
  const pageErrors = [];
  page.on("console", (message) => {
    consoleMessages.push({ type: message.type(), text: message.text(), url: message.location().url });
  });
  page.on("pageerror", (error) => pageErrors.push(error));
  await page.addInitScript(recordCspViolations);

  const apiKey = await dev.createTenant(tenantSettings);
  await page.goto(url);
  await page.locator("[data-testid=load-status][data-state=ready]").waitFor();
  await page.getByTestId("apiKey").fill(apiKey);

  return {
    page,
    apiKey,
    /**
     * Console problems: any CSP message, page error or console error/warning, except the
     * messages `allowed` matches (e.g. the browser's own log line for a deliberately failed fetch).
     */
    async consoleProblems(allowed = () => false) {
      const violations = await page.evaluate(() => window.__cspViolations);
      const messages = consoleMessages.filter(
        (m) =>
          /content security policy/i.test(m.text) ||
          ((m.type === "error" || m.type === "warning") && !allowed(m)),
      );
      return [
        ...violations.map((v) => `CSP violation: ${v}`),
        ...messages.map((m) => `${m.type}: ${m.text} (${m.url})`),
        ...pageErrors.map((e) => `pageerror: ${e.message}`),
      ];
    },
    close: () => page.close(),
  };
}

/** Chromium's log line for a fetch that got an HTTP error status from the reset endpoint. */
export function failedResetResponse(status) {
  return (m) =>
    m.type === "error" &&
    m.text.startsWith(`Failed to load resource: the server responded with a status of ${status} `) &&
    m.url.includes("/identity/v2/auth/pin/reset/otp/");
}

/** Chromium's log line for a fetch to a port where nothing listens. */
export function refusedConnection(origin) {
  return (m) =>
    m.type === "error" &&
    m.text === "Failed to load resource: net::ERR_CONNECTION_REFUSED" &&
    m.url.startsWith(`${origin}/`);
}

/** A loopback port where nothing listens: bound by the OS, then released. */
export function closedPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
