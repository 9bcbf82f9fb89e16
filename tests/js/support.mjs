// Shared helpers for tests/js/*.test.mjs: the mock server and this run's browser (from
// tests/browser/harness.mjs), a /__dev client, pages on the mock's origin and on a second origin,
// and one way to run the same self-contained test routine in Node (pkg/node.mjs) and in a page
// (the mock's /pkg/index.js) of any engine (LR_BROWSER: chromium, firefox, webkit, or none).
// LR_NODE=0 leaves out the Node place (the browser-only runs of Firefox and WebKit).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import path from "node:path";

import { ENGINE, ROOT, closedPort, devApi as devClient, keepWasmExports, startHarness } from "../browser/harness.mjs";

export { ENGINE, ROOT, closedPort };

// The package's wasm exports as globalThis.__lrWasm, in Node as in pages (openPackagePage), to
// read the memory, the externref table and the trap flag: before pkg/node.mjs is first imported.
keepWasmExports();

/** A valid GUID that names no tenant: requests with it never reach a real user. */
export const UNKNOWN_KEY = "00000000-0000-4000-8000-000000000000";

const ENGINE_TITLES = { chromium: "Chromium", firefox: "Firefox", webkit: "WebKit" };
const PLACE_TITLES = {
  node: "Node (pkg/node.mjs)",
  same: `${ENGINE_TITLES[ENGINE]}, page on the mock's origin (its /pkg/index.js)`,
  cross: `${ENGINE_TITLES[ENGINE]}, page on another origin`,
};

/**
 * The places of this run among `wanted` ("node", "same", "cross"), as [where, title] pairs: Node
 * unless LR_NODE=0, the pages unless LR_BROWSER=none.
 */
export function places(wanted) {
  return wanted
    .filter((where) => (where === "node" ? process.env.LR_NODE !== "0" : ENGINE !== "none"))
    .map((where) => [where, PLACE_TITLES[where]]);
}

/**
 * Starts the mock server and this run's browser. Returns { url, dev, lib, origins, engine, run,
 * page(kind), collectGarbage(where), close }. `lib` is the Node entry pkg/node.mjs;
 * `page("same")` is a page on the mock's origin and `page("cross")` one on a second origin (a
 * tiny local server), both with the package loaded.
 */
export async function startEnv() {
  const harness = await startHarness();
  const lib = await import(path.join(ROOT, "pkg", "node.mjs"));
  const other = await startOtherOrigin();
  const pages = new Map();
  const page = (kind) => {
    if (!pages.has(kind)) pages.set(kind, openPackagePage(harness.browser, kind, harness.url, other.url));
    return pages.get(kind);
  };
  return {
    url: harness.url,
    dev: devClient(harness.url),
    lib,
    engine: harness.browser,
    origins: { same: harness.url, cross: other.url },
    /** Runs a self-contained `fn(lib, arg, helpers)` in "node", or in the "same" / "cross" page. */
    async run(where, fn, arg) {
      if (where === "node") return inNode(lib, fn, arg);
      return inPage(await page(where), fn, arg);
    },
    /** A page (kept for the whole file) with `window.lib` = the package, initialised. */
    page,
    /**
     * A full garbage collection where the engine offers one (Node, Chromium); elsewhere (Firefox,
     * WebKit) enough garbage to make the engine collect, which is likely but not certain.
     */
    /** Whether collectGarbage(where) is a real full collection (Node, Chromium). */
    collectsOnDemand: (where) => where === "node" || harness.browser.collectsGarbage,
    async collectGarbage(where) {
      if (where === "node") return nodeGc();
      const driver = await page(where);
      if (driver.collectGarbage) return driver.collectGarbage();
      return driver.evaluate(`(${gcPressure})()`);
    },
    async close() {
      for (const opened of pages.values()) await (await opened).close().catch(() => {});
      await harness.close();
      other.server.closeAllConnections(); // browsers' keep-alive sockets would hold close() open
      await new Promise((resolve) => other.server.close(resolve));
    },
  };
}

let nodeGcFunction;
/** A full GC in Node (the test runner gives no --expose-gc): the flag, then a context that sees it. */
async function nodeGc() {
  if (!nodeGcFunction) {
    const [{ default: v8 }, { default: vm }] = await Promise.all([import("node:v8"), import("node:vm")]);
    v8.setFlagsFromString("--expose-gc");
    nodeGcFunction = vm.runInNewContext("gc");
  }
  nodeGcFunction();
}

/** Runs in a page: allocates and drops ~256 MiB in 1 MiB pieces, which makes any engine collect. */
function gcPressure() {
  let keep = null;
  for (let i = 0; i < 256; i++) keep = new Array(1 << 17).fill(i);
  return keep.length > 0;
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
 * The package is imported as its own instance (a query on the URL), after keepWasmExports is
 * installed: WebDriver classic (WebKit) has no init scripts, so this works in every engine.
 */
async function openPackagePage(browser, kind, mockUrl, otherUrl) {
  const page = await browser.newPage();
  await page.goto(kind === "same" ? `${mockUrl}/` : `${otherUrl}/`);
  if (kind === "same") {
    // The demo loads its own instance: let it finish, so ours is the one keepWasmExports keeps.
    await page.evaluate(`new Promise((resolve) => {
      const ready = () => document.querySelector("[data-testid=load-status][data-state=ready]");
      const wait = () => (ready() ? resolve(true) : setTimeout(wait, 20));
      wait();
    })`);
  }
  await page.evaluate(`(${keepWasmExports})()`);
  await page.evaluate(`(async () => {
    window.lib = await import(${JSON.stringify(`${mockUrl}/pkg/index.js?instance=tests`)});
    await window.lib.init();
    window.helpers = (${makeHelpers})();
    return true;
  })()`);
  return Object.assign(page, { kind });
}

/**
 * Runs `fn(lib, arg, helpers)` in Node and returns its result as JSON data, as a page does. `fn`
 * must be self-contained (no outer variables; `arg` is JSON), because `inPage` sends its source
 * text to the browser.
 */
export async function inNode(lib, fn, arg) {
  const value = await fn(lib, arg ?? null, helpers);
  return JSON.parse(JSON.stringify({ value })).value;
}

/** Runs the same self-contained `fn(lib, arg, helpers)` in a page opened by `env.page(...)`. */
export function inPage(page, fn, arg) {
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
 * describe(e): every field a thrown value has, as plain data; settle(fn): runs fn (sync or async)
 * and returns { ok, value } or { ok: false, error: describe(e) }.
 */
export function makeHelpers() {
  const FIELDS = ["name", "kind", "status", "message", "errorCode", "description", "issues", "data", "retryAfter"];
  /**
   * Present fields only (`in`): an absent field stays absent, and one set to undefined is marked,
   * since the JSON that carries results out of a page would drop it.
   */
  const describe = (e) => {
    if (typeof e !== "object" || e === null) return { thrown: String(e), typeofThrown: typeof e };
    const described = {};
    try {
      for (const field of FIELDS) {
        if (field in e) described[field] = e[field] === undefined ? "(present, undefined)" : e[field];
      }
      described.isError = e instanceof Error;
      described.isTrap = e instanceof WebAssembly.RuntimeError || /unreachable|RuntimeError/.test(String(e.message));
    } catch (reading) {
      described.unreadable = String(reading); // a foreign throw, e.g. a revoked Proxy
    }
    return described;
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
  /** `options` with a signal aborted before the call (`abort` "before") or `afterMs` into it. */
  const withAbort = (options, abort, afterMs) => {
    if (!abort) return options;
    const controller = new AbortController();
    if (abort === "before") controller.abort();
    else setTimeout(() => controller.abort(), afterMs);
    return { ...options, signal: controller.signal };
  };
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
  return { describe, settle, settleSync, sleep, withAbort, typed, terminated, KINDS };
}

export const helpers = makeHelpers();

/**
 * The tenant's sent codes, oldest first (GET /__dev/outbox: channel, identifier, to, otp,
 * template, resetPinUrl, sid, ...; see server/README.md).
 */
export async function outbox(env, apiKey) {
  const response = await fetch(`${env.url}/__dev/outbox?apikey=${encodeURIComponent(apiKey)}`);
  if (!response.ok) throw new Error(`GET outbox: ${response.status}`);
  return response.json();
}

/**
 * The error a caller must get, every field (as `helpers.describe` gives it): the fields not named
 * here or in `extra` (errorCode, description, data, retryAfter) must be absent.
 */
export function expectedError(kind, status, message, extra = {}) {
  return { name: "LoginRadiusError", kind, status, message, issues: [], isError: true, isTrap: false, ...extra };
}

/** `outcome` (from `helpers.settle`) is a rejection with exactly `expected`; a RegExp message matches. */
export function assertError(outcome, expected) {
  assert.equal(outcome.ok, false, `expected a rejection, got ${JSON.stringify(outcome)}`);
  const actual = { ...outcome.error };
  if (expected.message instanceof RegExp) {
    assert.match(actual.message, expected.message);
    actual.message = expected.message;
  }
  assert.deepEqual(actual, expected);
}
