// Helpers for the consumer tests (tests/consumers/*.test.mjs): installing each consumer's
// dependencies, running commands with timeouts, long-running dev and production servers, a tiny
// static file server, driving a page, a reset from an app's server, timing, and recording each
// framework mode for the README's Frameworks table.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { closedPort, startHarness } from "../browser/harness.mjs";

export const CONSUMERS = path.dirname(fileURLToPath(import.meta.url));
export const PKG = path.resolve(CONSUMERS, "../../pkg");

/** The directory of one consumer project. */
export const consumerDir = (name) => path.join(CONSUMERS, name);

/** Seconds since `started` (a performance.now() value), for the log. */
const seconds = (started) => ((performance.now() - started) / 1000).toFixed(1);

/**
 * Runs `work` and logs `label: N s` (with `detail(result)` after it when that says something);
 * resolves with its result. Every consumer test prints its steps' seconds through this.
 */
export async function timed(label, work, detail = () => "") {
  const started = performance.now();
  const result = await work();
  const extra = detail(result);
  console.log(`${label}: ${seconds(started)} s${extra ? `, ${extra}` : ""}`);
  return result;
}

/**
 * The hooks every consumer test file shares. Before its tests: pkg/ must be built, each project
 * in `names` is installed (one after the other: npm's cache does not like concurrent writers),
 * and the harness starts (the mock server, and Chromium unless `engine` says otherwise). After
 * them, the harness is closed. Returns an object whose `harness` is set once the hook ran.
 */
export function consumerSuite(names, { engine = "chromium", timeout = 400_000 } = {}) {
  const suite = { harness: undefined };
  before(async () => {
    assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is not built: run scripts/build.sh first");
    for (const name of names) {
      const started = performance.now();
      const done = await ensureInstalled(consumerDir(name));
      if (done !== "current") console.log(`${name}: npm install (node_modules was missing or stale): ${seconds(started)} s`);
    }
    suite.harness = await startHarness({ engine });
  }, { timeout });
  after(async () => {
    await suite.harness?.close();
  });
  return suite;
}

let user = 0;
/** A fresh tenant and user with an issued OTP on the harness's mock: the parameters of one run. */
export async function freshReset(harness) {
  const apiKey = await harness.dev.createTenant();
  const username = `consumer${++user}`;
  const { otp } = await harness.dev.issueOtp(apiKey, { username });
  return { baseUrl: harness.url, apiKey, username, otp, pin: String(4000 + user) };
}

/** The server stored the new PIN: the reset really happened. */
export async function assertPinStored(harness, params) {
  const { matches } = await harness.dev.checkPin(params.apiKey, params.username, params.pin);
  assert.equal(matches, true, `the server does not have the new PIN for ${params.username}`);
}

/** What the same OTP used twice gives: the API refuses it (1068), a typed API error. */
const REUSED_OTP = { kind: "api", status: 403, errorCode: 1068 };

/** Chromium's console line for the deliberate reuse of an OTP (a 403 from the reset endpoint). */
const expectedProblem = (line) =>
  /Failed to load resource: the server responded with a status of 403 .*\/identity\/v2\/auth\/pin\/reset\/otp\//.test(
    line,
  );

/** What every browser consumer must show (see shared/scenario.js). */
export function assertBrowserScenario({ result, problems }) {
  for (const fn of ["validateResetPinWithOtp", "buildResetPinWithOtpRequest"]) {
    const before = result.beforeInit[fn];
    assert.equal(before.threw, true, `${fn} before init() did not throw`);
    assert.equal(before.isLoginRadiusError, true, `${fn} before init() threw a non-LoginRadiusError`);
    assert.match(before.message, /await init\(\)/, `${fn}: the message does not say to await init()`);
  }
  assert.deepEqual(result.result, { IsPosted: true });
  assert.deepEqual(result.reuse, REUSED_OTP);
  assert.deepEqual(result.afterInit, { validate: [], invalid: ["pin"], request: "PUT" });
  assert.deepEqual(
    problems.filter((line) => !expectedProblem(line)),
    [],
    "the page logged errors or warnings",
  );
}

/**
 * The start of the package's embedded module (the base64 string of pkg/wasm-bytes.js): a bundle
 * that contains it carries the bytes. Read when measuring, as pkg/ may be rebuilt between runs.
 */
function embeddedMark() {
  const match = /"([A-Za-z0-9+/=]{64,})"/.exec(readFileSync(path.join(PKG, "wasm-bytes.js"), "utf8"));
  assert.ok(match, "pkg/wasm-bytes.js carries no base64 string");
  return match[1].slice(0, 64);
}

/**
 * The browser scenario at `url` (a page running shared/scenario.js) against a fresh tenant and user
 * of the harness's mock, checked in the page and on the server. With `expect` ("wasm" or
 * "embedded") the module's bytes must have come from there. Measures what the page downloaded:
 * the gzip -9 bytes of its JavaScript and wasm, and checks that a page that got the `.wasm` did not
 * also get the chunk carrying the bytes (and that one that did not, got that chunk), unless
 * `prefetchesEmbedded`: the framework makes the browser prefetch that chunk although the page loads
 * the `.wasm`, so the page must have got both. Resolves with { ships: "wasm" or "embedded", bytes:
 * { js, wasm } }. Other `options` go to runPage.
 */
export async function browserResetAt(harness, url, { expect, prefetchesEmbedded = false, ...options } = {}) {
  const params = await freshReset(harness);
  const outcome = await runPage(harness.context, url, params, { ...options, keepBodies: true });
  assertBrowserScenario(outcome);
  await assertPinStored(harness, params);
  const ships = outcome.loadedFrom;
  if (expect) assert.equal(ships, expect, `${url}: expected the module from "${expect}", the page loaded "${ships}"`);
  const mark = embeddedMark();
  const bytes = { js: 0, wasm: 0 };
  let embedded = false;
  // Each URL once: a second fetch of it (a prefetched file the page then loads) comes from the cache.
  const downloads = new Map(outcome.downloads.map((download) => [download.url, download]));
  for (const { kind, body } of downloads.values()) {
    bytes[kind] += gzipSync(body, { level: 9 }).length;
    embedded ||= kind === "js" && body.includes(mark);
  }
  if (ships === "embedded") {
    assert.equal(embedded, true, `${url}: the page loaded the embedded bytes, but no JavaScript it got carries them`);
  } else if (prefetchesEmbedded) {
    assert.equal(embedded, true, `${url}: the bytes chunk was not prefetched (drop prefetchesEmbedded)`);
  } else {
    assert.equal(embedded, false, `${url}: the page got the .wasm and the bytes chunk too`);
  }
  return { ships, bytes };
}

/** `n` bytes in KB (1024), as the size report writes them. */
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/**
 * One browser mode of a framework: browserResetAt (the other `options` go to it), its seconds and
 * what the page downloaded logged, and the mode recorded for the Frameworks table (`framework`,
 * `version`, `mode`, `config`: see recordFramework). Resolves with { ships, bytes }.
 */
export async function browserMode(harness, url, { framework, version, mode, config, ...options }) {
  const outcome = await timed(
    `${framework} ${mode}: the page`,
    () => browserResetAt(harness, url, options),
    ({ ships, bytes }) => `loaded ${ships}, downloaded JS ${kb(bytes.js)} + wasm ${kb(bytes.wasm)} (gzip -9)`,
  );
  recordFramework({ framework, version, mode, config, ...outcome });
  return outcome;
}

/** POSTs `body` as JSON to `url`; { status, body } with the answer parsed as JSON. */
async function postJson(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    assert.fail(`POST ${url} answered ${response.status}, not JSON:\n${text.slice(0, 2000)}`);
  }
}

/**
 * A reset from an app's server: POSTs fresh parameters (the mock's URL among them) to `route` at
 * `origin`; the app must answer 200 with the API's result and the mock must have the new PIN. The
 * same OTP again: the app must answer 502 with the typed error's { kind, status, errorCode }, as
 * every consumer app's reset endpoint does.
 */
export async function serverReset(harness, origin, { path: route = "/api/reset" } = {}) {
  const params = await freshReset(harness);
  assert.deepEqual(await postJson(`${origin}${route}`, params), { status: 200, body: { IsPosted: true } });
  await assertPinStored(harness, params);
  assert.deepEqual(await postJson(`${origin}${route}`, params), { status: 502, body: REUSED_OTP });
}

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
/**
 * The environment of every command: no colours, CI mode, and no framework telemetry (Next.js,
 * Astro, Nuxt, Angular would otherwise ask or send from the test's builds and servers).
 */
const QUIET_ENV = {
  ...process.env,
  NO_COLOR: "1",
  FORCE_COLOR: "0",
  CI: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  ASTRO_TELEMETRY_DISABLED: "1",
  NUXT_TELEMETRY_DISABLED: "1",
  NG_CLI_ANALYTICS: "false",
};

/** The file of the command `name` that the installed package `pkg` declares in its "bin", in a consumer directory. */
export function bin(dir, pkg, name = pkg) {
  const root = path.join(dir, "node_modules", pkg);
  const { bin: bins } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  return path.join(root, typeof bins === "string" ? bins : bins[name]);
}

/**
 * Runs a command to completion; rejects with its output on a non-zero exit or after `timeoutMs`.
 * Resolves with { stdout, stderr }.
 */
export function run(command, args, { cwd, timeoutMs = 120_000, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...QUIET_ENV, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const label = `\`${command} ${args.join(" ")}\` in ${path.relative(CONSUMERS, cwd) || "."}`;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${label} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${label} could not start: ${error.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${label} failed (${signal ?? code})\n${stdout}\n${stderr}`));
    });
  });
}

/**
 * `npm install` in a consumer directory unless its node_modules is current. Each consumer has
 * `install-links=true` in its .npmrc, so npm copies the packed files of pkg/ into node_modules as a
 * registry install would (only what `files` lists; bundlers then treat it as a dependency, not as
 * linked source). npm does not notice when pkg/ is rebuilt, so a copy that differs from pkg/ is
 * removed and installed again. Returns what was done, for the log.
 */
export async function ensureInstalled(dir) {
  const hidden = path.join(dir, "node_modules", ".package-lock.json");
  const installed = path.join(dir, "node_modules", "loginradius-pin-reset");
  const manifestsCurrent =
    existsSync(hidden) &&
    ["package.json", "package-lock.json"].every(
      (name) => !existsSync(path.join(dir, name)) || mtime(path.join(dir, name)) <= mtime(hidden),
    );
  const copyCurrent = existsSync(installed) && (await sameFiles(installed, PKG));
  if (manifestsCurrent && copyCurrent) return "current";
  await rm(installed, { recursive: true, force: true });
  await rm(path.join(dir, "node_modules", ".vite"), { recursive: true, force: true });
  await run(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: dir,
    timeoutMs: 180_000,
  });
  return "installed";
}

/** Every file of the installed copy equals its counterpart in pkg/ (and there is at least one). */
async function sameFiles(installed, pkg) {
  const entries = await readdir(installed, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  for (const entry of files) {
    const relative = path.relative(installed, path.join(entry.parentPath ?? entry.path, entry.name));
    const original = path.join(pkg, relative);
    if (!existsSync(original)) return false;
    const [a, b] = await Promise.all([readFile(path.join(installed, relative)), readFile(original)]);
    if (!a.equals(b)) return false;
  }
  return files.length > 0;
}

function mtime(file) {
  return statSync(file).mtimeMs;
}

/**
 * Starts a long-running command (a dev or preview server) and resolves once a line of its output
 * matches `ready`: { child, match, output(), stop() }. Rejects with the output if it exits first
 * or does not get ready within `timeoutMs`. `env` is merged over the quiet environment.
 */
export function startProcess(command, args, { cwd, ready, timeoutMs = 60_000, env = {} }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...QUIET_ENV, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() ends its children too
  });
  let output = "";
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      killGroup(child, "SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const label = `\`${command} ${args.join(" ")}\``;
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${label} was not ready after ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => output, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${label} could not start: ${error.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited early (${code})\n${output}`));
    });
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * A server on 127.0.0.1 and a free port, then `work(origin, server)`; the server is always
 * stopped, and a failure's message gets its output. `args(port)` is run by `command` (this Node
 * unless said otherwise) in `cwd`; the address goes both ways, as flags in `args` for the CLIs and
 * as HOST and PORT in the environment (over `env`) for the production servers that read only those.
 * Ready when a line matches `ready` (by default, once it prints its origin). Logs its start's seconds
 * under `label`; resolves with what `work` resolves with.
 */
export async function serve(label, { command = process.execPath, args, cwd, env = {}, ready, timeoutMs = 90_000 }, work) {
  const port = await closedPort();
  const origin = `http://127.0.0.1:${port}`;
  const server = await timed(`${label}: ready`, () =>
    startProcess(command, args(String(port)), {
      cwd,
      env: { ...env, HOST: "127.0.0.1", PORT: String(port) },
      ready: ready ?? new RegExp(origin.replaceAll(".", "\\.")),
      timeoutMs,
    }),
  );
  try {
    return await work(origin, server);
  } catch (error) {
    error.message += `\n${label} output:\n${server.output()}`;
    throw error;
  } finally {
    await server.stop();
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".css": "text/css",
};

/**
 * A static file server on 127.0.0.1 and a free port, serving `root` (symlinks followed, so an
 * app's node_modules/loginradius-pin-reset works). A missing file answers 404, or with
 * `spaFallback` root's index.html with 200, as single-page app hosting does (so a `.wasm` a build
 * did not emit comes back as an HTML page). Resolves with { url, close() }.
 */
export function startStaticServer(root, { spaFallback = false } = {}) {
  const server = createServer(async (request, response) => {
    try {
      const { pathname } = new URL(request.url, "http://localhost");
      let file = path.join(root, decodeURIComponent(pathname));
      if (!file.startsWith(root + path.sep) && file !== root) throw Object.assign(new Error(), { code: "EACCES" });
      if ((await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, "index.html");
      if (spaFallback && !existsSync(file)) file = path.join(root, "index.html");
      const body = await readFile(file);
      response.writeHead(200, {
        "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
      });
      response.end(body);
    } catch (error) {
      response.writeHead(error.code === "EACCES" ? 403 : 404, { "Content-Type": "text/plain" });
      response.end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}

/**
 * Opens `url` with the scenario parameters in its query string, waits for #result to get a
 * data-state, and returns { result, problems, loadedFrom, downloads } (problems: page errors and
 * console errors/warnings, which a clean consumer must not produce; loadedFrom: "wasm" when a
 * `.wasm` came as application/wasm, else "embedded"; with `keepBodies`, downloads: { kind: "js"
 * or "wasm", url, body } of each such response). `setup(page)` runs before loading.
 */
export async function runPage(context, url, params, { timeoutMs = 30_000, setup, keepBodies = false } = {}) {
  const page = await context.newPage();
  if (setup) await setup(page);
  const problems = [];
  // Where the module's bytes came from: the `.wasm` asset, or the fallback chunk carrying them.
  // With `keepBodies`, what the page downloaded: its JavaScript and wasm bodies, asked for at once
  // (the page may close first). Only then: a body the page stopped reading (a .wasm a CSP refused)
  // never arrives.
  const responses = [];
  page.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    const kind = type.startsWith("application/wasm") ? "wasm" : /javascript/.test(type) ? "js" : null;
    if (!kind || !response.ok()) return;
    const failed = (error) => ({ error: new Error(`${response.url()}: no body: ${error.message}`) });
    const url = response.url();
    const body = keepBodies ? response.body().then((body) => ({ kind, url, body }), failed) : { kind, url };
    responses.push(body);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    }
  });
  try {
    const target = new URL(url);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    await page.goto(target.href);
    const node = page.locator("#result[data-state]");
    try {
      await node.waitFor({ timeout: timeoutMs });
    } catch {
      throw new Error(
        `${url}: no result after ${timeoutMs} ms; page problems:\n${problems.join("\n") || "(none)"}`,
      );
    }
    const state = await node.getAttribute("data-state");
    const text = await node.textContent();
    if (state !== "done") {
      throw new Error(`${url}: the scenario failed:\n${text}\n${problems.join("\n")}`);
    }
    const downloads = await Promise.all(responses);
    for (const { error } of downloads) if (error) throw error;
    const loadedFrom = downloads.some(({ kind }) => kind === "wasm") ? "wasm" : "embedded";
    return { result: JSON.parse(text), problems, loadedFrom, ...(keepBodies && { downloads }) };
  } finally {
    await page.close().catch(() => {});
  }
}

/** The installed version of `name` in a consumer directory, from its package.json. */
export function installedVersion(dir, name) {
  return JSON.parse(readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")).version;
}

/**
 * Records one framework mode that passed, for the README's Frameworks table (scripts/tested-on.mjs
 * reads $LR_TESTED_ON_DIR/frameworks.jsonl). `framework`: e.g. "Next.js"; `version`: the installed
 * version; `mode`: e.g. "build (Turbopack)", "dev", "route handler"; `ships`: what the browser
 * loaded, "wasm" (the .wasm asset) or "embedded" (the chunk carrying the bytes), or "server" for a
 * server-side use; `bytes`: for a page, what it downloaded ({ js, wasm }: gzip -9 bytes, see
 * browserResetAt); `config`: the configuration the app needed, "" when none.
 */
export function recordFramework({ framework, version, mode, ships, bytes, config = "" }) {
  const dir = process.env.LR_TESTED_ON_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const entry = { framework, version, mode, ships, bytes, config };
  appendFileSync(path.join(dir, "frameworks.jsonl"), JSON.stringify(entry) + "\n");
}
