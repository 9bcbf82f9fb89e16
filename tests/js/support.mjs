// Shared helpers for tests/js/*.test.mjs: the mock server and Chromium (from tests/browser/
// harness.mjs), a /__dev client, pages on the mock's origin and on a second origin, and one way
// to run the same self-contained test routine in Node (pkg/node.mjs) and in a Chromium page
// (the mock's /pkg/index.js).
import { createServer } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

import { ROOT, closedPort, devApi as devClient, keepWasmExports, startHarness } from "../browser/harness.mjs";

export { ROOT, closedPort };

// The Node glue instantiates the module with `new WebAssembly.Instance` when pkg/node.mjs is first
// imported (by startEnv): keep its exports as globalThis.__lrWasm, to read the memory, the
// externref table and the trap flag. Pages get the same through keepWasmExports (openPackagePage).
const RealInstance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(RealInstance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    globalThis.__lrWasm ??= instance.exports;
    return instance;
  },
});

/** A valid GUID that names no tenant: requests with it never reach a real user. */
export const UNKNOWN_KEY = "00000000-0000-4000-8000-000000000000";

/**
 * Starts the mock server and Chromium. Returns { url, dev, lib, origins, page(kind), close }.
 * `lib` is the Node entry pkg/node.mjs; `page("same")` is a page on the mock's origin and
 * `page("cross")` one on a second origin (a tiny local server), both with the package loaded.
 */
export async function startEnv() {
  const harness = await startHarness();
  const lib = await import(path.join(ROOT, "pkg", "node.mjs"));
  const other = await startOtherOrigin();
  let context = harness.context;
  let ownBrowser;
  if (!context) {
    // Older harness without `context`: launch a context of our own, with the same binary.
    const profile = await mkdtemp(path.join(tmpdir(), "js-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    ownBrowser = { context, profile };
  }
  const pages = new Map();
  return {
    url: harness.url,
    dev: devClient(harness.url),
    lib,
    origins: { same: harness.url, cross: other.url },
    /** Runs a self-contained `fn(lib, arg, helpers)` in "node", or in the "same" / "cross" page. */
    async run(where, fn, arg) {
      if (where === "node") return inNode(lib, fn, arg);
      if (!pages.has(where)) pages.set(where, openPackagePage(context, where, harness.url, other.url));
      return inPage(await pages.get(where), fn, arg);
    },
    /** A page (kept for the whole file) with `window.lib` = the package, initialised. */
    async page(kind = "same") {
      if (!pages.has(kind)) pages.set(kind, openPackagePage(context, kind, harness.url, other.url));
      return pages.get(kind);
    },
    async close() {
      for (const page of pages.values()) await (await page).page.close().catch(() => {});
      if (ownBrowser) {
        await ownBrowser.context.close().catch(() => {});
        await rm(ownBrowser.profile, { recursive: true, force: true });
      }
      await harness.close();
      other.server.closeAllConnections(); // Chromium's keep-alive sockets would hold close() open
      await new Promise((resolve) => other.server.close(resolve));
    },
  };
}

/** A second origin (another loopback port) serving one blank page. */
function startOtherOrigin() {
  const server = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end("<!doctype html><title>another origin</title>");
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

/**
 * Opens a page and imports the package from the mock. "same": the mock's demo page (its origin,
 * its CSP); "cross": the blank page of the second origin, importing the package cross-origin.
 */
async function openPackagePage(context, kind, mockUrl, otherUrl) {
  const page = await context.newPage();
  const console = [];
  page.on("console", (m) => console.push({ type: m.type(), text: m.text() }));
  const requests = [];
  page.on("request", (r) => requests.push({ url: r.url(), method: r.method(), headers: r.headers() }));
  await page.addInitScript(keepWasmExports);
  await page.goto(kind === "same" ? `${mockUrl}/` : `${otherUrl}/`);
  await page.evaluate(async (pkgUrl) => {
    window.lib = await import(pkgUrl);
    await window.lib.init();
  }, `${mockUrl}/pkg/index.js`);
  await page.evaluate(`window.helpers = (${makeHelpers.toString()})()`);
  return { page, console, requests, kind };
}

/**
 * Runs `fn(lib, arg, helpers)` in Node and returns its result. `fn` must be self-contained (no
 * outer variables; `arg` is JSON), because `inPage` sends its source text to the browser.
 */
export function inNode(lib, fn, arg) {
  return fn(lib, arg ?? null, helpers);
}

/** Runs the same self-contained `fn(lib, arg, helpers)` in a page opened by `env.page(...)`. */
export function inPage({ page }, fn, arg) {
  // A string expression: evaluated through the DevTools protocol, so the page's CSP (no eval)
  // does not apply to it.
  return page.evaluate(`(${fn.toString()})(window.lib, ${JSON.stringify(arg ?? null)}, window.helpers)`);
}

/**
 * A fresh tenant with one user (old PIN 1111) holding a known OTP. Returns the options of a
 * call that would succeed against the mock: { apiKey, email, otp, pin, baseUrl }.
 */
export async function seedTenant(env, { settings = {}, email = "ada@example.com", otp = "123456", pin = "2468" } = {}) {
  const apiKey = await env.dev.createTenant({ rateLimit: 0, ...settings });
  await env.dev.createUser(apiKey, { email, pin: "1111" });
  await env.dev.issueOtp(apiKey, { email, otp });
  return { apiKey, email, otp, pin, baseUrl: env.url };
}

/**
 * Helpers shared by Node and pages: self-contained (pages get its source), so no imports.
 * describe(e): every field of a thrown value as plain data; settle(fn): runs fn (sync or async)
 * and returns { ok, value } or { ok: false, error: describe(e) }.
 */
export function makeHelpers() {
  const describe = (e) => {
    if (typeof e !== "object" || e === null) return { thrown: String(e), typeofThrown: typeof e };
    return {
      name: e.name,
      kind: e.kind,
      status: e.status,
      message: e.message,
      errorCode: e.errorCode,
      description: e.description,
      issues: e.issues,
      data: e.data,
      retryAfter: e.retryAfter,
      isError: e instanceof Error,
      isTrap:
        e instanceof WebAssembly.RuntimeError || /unreachable|RuntimeError/.test(String(e.message)),
    };
  };
  const settle = async (fn) => {
    try {
      return { ok: true, value: await fn() };
    } catch (e) {
      return { ok: false, error: describe(e) };
    }
  };
  const settleSync = (fn) => {
    try {
      return { ok: true, value: fn() };
    } catch (e) {
      return { ok: false, error: describe(e) };
    }
  };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  /** wasm-bindgen's `static __instance_terminated: u32` (the export is its address): 1 after a trap. */
  const terminated = () => {
    const wasm = globalThis.__lrWasm;
    if (!wasm?.__instance_terminated) return null;
    const memory = Object.values(wasm).find((value) => value instanceof WebAssembly.Memory);
    return new Uint32Array(memory.buffer, wasm.__instance_terminated.value, 1)[0];
  };
  const KINDS = ["validation", "api", "network", "timeout", "aborted", "invalid_response"];
  /** A described error is one of ours: a real Error named LoginRadiusError with a known kind. */
  const typed = (d) =>
    d.isError === true && d.name === "LoginRadiusError" && KINDS.includes(d.kind) && !d.isTrap &&
    typeof d.status === "number" && Array.isArray(d.issues) && typeof d.message === "string";
  return { describe, settle, settleSync, sleep, typed, terminated, KINDS };
}

export const helpers = makeHelpers();

/** Removes the fields a test does not care about (undefined), for deepEqual. */
export function defined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
