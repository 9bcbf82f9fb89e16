// The package as its users get it: consumer projects under tests/consumers/ depend on pkg/ through
// a `file:` dependency and reset a PIN against the local mock server, each in its own environment:
// Vite (build + preview, and the dev server), webpack 5, Node ESM and CommonJS, a module Web Worker,
// a plain page with no bundler, and a strict TypeScript project. Run: node --test tests/consumers/
// (needs pkg/ built by scripts/build.sh; installs each consumer's dependencies when missing).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { closedPort, startHarness } from "../browser/harness.mjs";
import {
  CONSUMERS,
  PKG,
  ensureInstalled,
  run,
  runPage,
  startProcess,
  startStaticServer,
} from "./lib.mjs";

const dir = (name) => path.join(CONSUMERS, name);
const VITE = path.join(dir("vite"), "node_modules", "vite", "bin", "vite.js");
const WEBPACK = path.join(dir("webpack"), "node_modules", "webpack-cli", "bin", "cli.js");
const TSC = path.join(dir("ts-consumer"), "node_modules", "typescript", "bin", "tsc");

let harness;
let staticServer;
let user = 0;

before(async () => {
  assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is not built: run scripts/build.sh first");
  // Installs run one after the other: npm's cache does not like concurrent writers.
  for (const name of ["vite", "webpack", "node-esm", "node-cjs", "worker", "plain", "ts-consumer"]) {
    const done = await ensureInstalled(dir(name));
    if (done !== "current") console.log(`${name}: npm install (node_modules was missing or stale)`);
  }
  harness = await startHarness();
  staticServer = await startStaticServer(CONSUMERS);
}, { timeout: 400_000 });

after(async () => {
  await staticServer?.close();
  await harness?.close();
});

/** A fresh tenant and user with an issued OTP: the parameters of one scenario run. */
async function freshReset() {
  const apiKey = await harness.dev.createTenant();
  const username = `consumer${++user}`;
  const { otp } = await harness.dev.issueOtp(apiKey, { username });
  return { baseUrl: harness.url, apiKey, username, otp, pin: String(4000 + user) };
}

/** The server stored the new PIN: the reset really happened. */
async function assertPinStored(params) {
  const { matches } = await harness.dev.checkPin(params.apiKey, params.username, params.pin);
  assert.equal(matches, true, `the server does not have the new PIN for ${params.username}`);
}

/** Chromium's console line for the deliberate reuse of an OTP (a 403 from the reset endpoint). */
const expectedProblem = (line) =>
  /Failed to load resource: the server responded with a status of 403 .*\/identity\/v2\/auth\/pin\/reset\/otp\//.test(
    line,
  );

/** What every browser consumer must show (see shared/scenario.js). */
function assertBrowserScenario({ result, problems }) {
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

async function browserReset(url) {
  const params = await freshReset();
  assertBrowserScenario(await runPage(harness.context, url, params));
  await assertPinStored(params);
}

describe("Vite (no wasm plugin, no config)", () => {
  test("vite build + vite preview", { timeout: 120_000 }, async () => {
    await run(process.execPath, [VITE, "build", "--logLevel", "warn"], { cwd: dir("vite") });
    const port = await closedPort();
    const server = await startProcess(
      process.execPath,
      [VITE, "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
      { cwd: dir("vite"), ready: /(http:\/\/127\.0\.0\.1:\d+)\//, timeoutMs: 30_000 },
    );
    try {
      await browserReset(server.match[1] + "/");
    } finally {
      await server.stop();
    }
  });

  test("vite dev server", { timeout: 120_000 }, async () => {
    const port = await closedPort();
    const server = await startProcess(
      process.execPath,
      [VITE, "--force", "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
      { cwd: dir("vite"), ready: /(http:\/\/127\.0\.0\.1:\d+)\//, timeoutMs: 30_000 },
    );
    try {
      await browserReset(server.match[1] + "/");
    } catch (error) {
      error.message += `\nvite output:\n${server.output()}`;
      throw error;
    } finally {
      await server.stop();
    }
  });
});

describe("webpack 5 (no loader, no experiments, no config file)", () => {
  test("webpack --mode production, served statically", { timeout: 120_000 }, async () => {
    await run(process.execPath, [WEBPACK, "--mode", "production"], { cwd: dir("webpack") });
    await browserReset(`${staticServer.url}/webpack/index.html`);
  });
});

describe("no bundler", () => {
  test("plain page: <script type=module> imports the package's index.js", { timeout: 60_000 }, async () => {
    await browserReset(`${staticServer.url}/plain/index.html`);
  });

  test("a failed .wasm load rejects with a LoginRadiusError, and the next call retries", { timeout: 60_000 }, async () => {
    const params = await freshReset();
    let wasmRequests = 0;
    const { result, problems } = await runPage(harness.context, `${staticServer.url}/plain/retry.html`, params, {
      setup: (page) =>
        page.route("**/loginradius_pin_reset_bg.wasm", (route) =>
          ++wasmRequests === 1 ? route.abort("failed") : route.continue(),
        ),
    });
    assert.equal(wasmRequests, 2, "the second call did not fetch the .wasm again");
    assert.equal(result.first.isLoginRadiusError, true, `not a LoginRadiusError: ${JSON.stringify(result.first)}`);
    assert.equal(result.first.kind, "network");
    assert.equal(result.first.status, 0);
    assert.equal(result.first.hasCause, true);
    assert.match(result.first.message, /WebAssembly module/);
    assert.deepEqual(result.second, { IsPosted: true });
    assert.deepEqual(
      problems.filter((line) => !/Failed to load resource: net::ERR_FAILED/.test(line)),
      [],
      "the page logged errors or warnings",
    );
    await assertPinStored(params);
  });

  test("dedicated module Web Worker", { timeout: 60_000 }, async () => {
    const params = await freshReset();
    const outcome = await runPage(harness.context, `${staticServer.url}/worker/index.html`, params);
    assert.equal(outcome.result.inWorker, true, "the scenario did not run in a worker");
    delete outcome.result.inWorker;
    assertBrowserScenario(outcome);
    await assertPinStored(params);
  });
});

describe("Node", () => {
  for (const [name, script, entry] of [
    ["ESM import", "node-esm/reset.mjs", /\/node\.mjs$/],
    ["CommonJS require", "node-cjs/reset.cjs", /\/node\.cjs$/],
  ]) {
    test(`${name}: sync functions with no init(), and a real reset`, { timeout: 60_000 }, async () => {
      const params = await freshReset();
      const { stdout } = await run(process.execPath, [path.basename(script), JSON.stringify(params)], {
        cwd: dir(path.dirname(script)),
        timeoutMs: 30_000,
      });
      const out = JSON.parse(stdout.trim().split("\n").at(-1));
      assert.match(out.entry, entry, `"loginradius-pin-reset" resolved to ${out.entry}`);
      assert.deepEqual(out.validate, []);
      assert.deepEqual(out.invalid, ["pin"]);
      assert.equal(out.request, "PUT");
      assert.equal(out.buildError, "validation");
      assert.deepEqual(out.result, { IsPosted: true });
      assert.deepEqual(out.reuse, { kind: "api", status: 403, errorCode: 1068 });
      await assertPinStored(params);
    });
  }

  test("importing the browser entry touches no browser global (SSR-safe)", { timeout: 30_000 }, async () => {
    // Every browser global a careless import might read is a getter that records the access.
    const script = `
      const touched = [];
      for (const name of ["window", "document", "self", "navigator", "location", "localStorage",
        "sessionStorage", "HTMLElement", "customElements", "addEventListener", "postMessage"]) {
        Object.defineProperty(globalThis, name, {
          configurable: true,
          get() { touched.push(name); return undefined; },
        });
      }
      const fetched = [];
      globalThis.fetch = (input) => { fetched.push(String(input)); throw new Error("no fetch at import"); };
      const lib = await import(process.argv[1]);
      console.log(JSON.stringify({ touched, fetched, exports: Object.keys(lib).sort() }));
    `;
    const entry = path.join(dir("node-esm"), "node_modules", "loginradius-pin-reset", "index.js");
    const { stdout } = await run(
      process.execPath,
      ["--input-type=module", "-e", script, pathToFileURL(entry).href],
      { cwd: CONSUMERS, timeoutMs: 20_000 },
    );
    const out = JSON.parse(stdout.trim());
    assert.deepEqual(out.touched, [], "importing index.js read browser globals");
    assert.deepEqual(out.fetched, [], "importing index.js fetched something");
    assert.deepEqual(out.exports, [
      "buildResetPinWithOtpRequest",
      "init",
      "isLoginRadiusError",
      "resetPinWithOtp",
      "validateResetPinWithOtp",
    ]);
  });
});

describe("TypeScript (strict, through the installed package's exports and types)", () => {
  for (const config of ["tsconfig.json", "tsconfig.node16.json"]) {
    const label = config === "tsconfig.json" ? "moduleResolution bundler" : "node16 (ESM and a .cts require)";
    test(`tsc --noEmit: ${label}`, { timeout: 120_000 }, async () => {
      await run(process.execPath, [TSC, "-p", config, "--noEmit"], { cwd: dir("ts-consumer") });
    });
  }
});

describe("the packed package", () => {
  test("npm pack --dry-run lists only what a user needs", { timeout: 60_000 }, async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json"], { cwd: PKG });
    const [report] = JSON.parse(stdout);
    const files = report.files.map((file) => file.path).sort();
    assert.deepEqual(files, [
      "README.md",
      "index.d.cts",
      "index.d.ts",
      "index.js",
      "loginradius_pin_reset_bg.wasm",
      "node.cjs",
      "node.mjs",
      "node/loginradius_pin_reset.js",
      "node/package.json",
      "package.json",
      "types.d.cts",
      "types.d.ts",
    ]);
    const readme = report.files.find((file) => file.path === "README.md");
    assert.ok(readme.size > 1000, "the packed README.md is (nearly) empty");
  });
});
