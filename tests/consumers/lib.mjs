// Helpers for consumers.test.mjs: installing each consumer's dependencies, running commands with
// timeouts, long-running dev/preview servers, a tiny static file server, and driving a page.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const CONSUMERS = path.dirname(fileURLToPath(import.meta.url));
export const PKG = path.resolve(CONSUMERS, "../../pkg");

/** The directory of one consumer project. */
export const consumerDir = (name) => path.join(CONSUMERS, name);

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
  assert.deepEqual(result.reuse, { kind: "api", status: 403, errorCode: 1068 });
  assert.deepEqual(result.afterInit, { validate: [], invalid: ["pin"], request: "PUT" });
  assert.deepEqual(
    problems.filter((line) => !expectedProblem(line)),
    [],
    "the page logged errors or warnings",
  );
}

/**
 * The browser scenario at `url` (a page running shared/scenario.js) against a fresh tenant and user
 * of the harness's mock, checked in the page and on the server. Resolves with where the module's
 * bytes came from ("wasm" or "embedded").
 */
export async function browserResetAt(harness, url, options) {
  const params = await freshReset(harness);
  const outcome = await runPage(harness.context, url, params, options);
  assertBrowserScenario(outcome);
  await assertPinStored(harness, params);
  return outcome.loadedFrom;
}


const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const QUIET_ENV = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", CI: "1" };

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
 * or does not get ready within `timeoutMs`.
 */
export function startProcess(command, args, { cwd, ready, timeoutMs = 60_000 }) {
  const child = spawn(command, args, {
    cwd,
    env: QUIET_ENV,
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
 * app's node_modules/loginradius-pin-reset works). Resolves with { url, close() }.
 */
export function startStaticServer(root) {
  const server = createServer(async (request, response) => {
    try {
      const { pathname } = new URL(request.url, "http://localhost");
      let file = path.join(root, decodeURIComponent(pathname));
      if (!file.startsWith(root + path.sep) && file !== root) throw Object.assign(new Error(), { code: "EACCES" });
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
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
 * data-state, and returns { state, result, problems } (problems: page errors and console
 * errors/warnings, which a clean consumer must not produce). `setup(page)` runs before loading.
 */
export async function runPage(context, url, params, { timeoutMs = 30_000, setup } = {}) {
  const page = await context.newPage();
  if (setup) await setup(page);
  const problems = [];
  // Where the module's bytes came from: the `.wasm` asset, or the fallback chunk carrying them.
  const wasmAssets = [];
  page.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (response.ok() && type.startsWith("application/wasm")) wasmAssets.push(response.url());
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
    return { result: JSON.parse(text), problems, loadedFrom: wasmAssets.length > 0 ? "wasm" : "embedded" };
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
 * server-side use; `config`: the configuration the app needed, "" when none.
 */
export function recordFramework({ framework, version, mode, ships, config = "" }) {
  const dir = process.env.LR_TESTED_ON_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, "frameworks.jsonl"), JSON.stringify({ framework, version, mode, ships, config }) + "\n");
}
