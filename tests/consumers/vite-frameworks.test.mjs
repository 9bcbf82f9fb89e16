// The Vite-based frameworks as consumers of the packed package, with zero config: Astro 5 (on Vite
// 6) and the current Astro (on Vite 8), each with the Node adapter (standalone); React Router 7 in
// framework mode on Vite 6 (as its template pins) and on Vite 8. For each: the production build
// behind its own server, and the dev server. In each mode a page's client code runs the shared
// scenario in Chromium (Astro: a <script> in the page, bundled by Astro; React Router: a route
// component's effect, its module also imported during the server render), and a server use resets
// a PIN from the framework's server (Astro: an endpoint; React Router: an action), both checked on
// the mock. Run: node --test tests/consumers/vite-frameworks.test.mjs (needs pkg/ built).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { closedPort, startHarness } from "../browser/harness.mjs";
import {
  PKG,
  assertBrowserScenario,
  assertPinStored,
  consumerDir,
  ensureInstalled,
  freshReset,
  installedVersion,
  recordFramework,
  run,
  runPage,
  startProcess,
} from "./lib.mjs";

// What differs between the two frameworks: their commands, and what their server use is called.
const ASTRO = {
  cli: ["astro", "astro"],
  build: ["build"],
  start: () => ["dist/server/entry.mjs"],
  dev: (port) => ["dev", "--host", "127.0.0.1", "--port", port],
  serverUse: "endpoint",
  env: { ASTRO_TELEMETRY_DISABLED: "1" },
};
const REACT_ROUTER = {
  cli: ["@react-router/dev", "react-router"],
  build: ["build"],
  start: (dir) => [bin(dir, "@react-router/serve", "react-router-serve"), "build/server/index.js"],
  dev: (port) => ["dev", "--host", "127.0.0.1", "--port", port, "--strictPort"],
  serverUse: "action",
  env: {},
};

// The Vite 6 dev server's dependency pre-bundler moves the package's JavaScript to
// node_modules/.vite/deps/ without its .wasm: the asset answers 404 and the package loads the
// embedded bytes instead. Chromium logs that 404; it is the fallback working, not a fault.
const VITE6_DEV_WASM_404 =
  /^error: Failed to load resource: the server responded with a status of 404 \(Not Found\) \(http:\/\/127\.0\.0\.1:\d+\/node_modules\/\.vite\/deps\/loginradius_pin_reset_bg\.wasm\)$/;

const FRAMEWORKS = [
  { name: "Astro 5", dir: "astro5", pkg: "astro", kind: ASTRO },
  { name: "Astro", dir: "astro", pkg: "astro", kind: ASTRO },
  { name: "React Router 7 (Vite 6)", dir: "react-router-vite6", pkg: "react-router", kind: REACT_ROUTER },
  { name: "React Router 7 (Vite 8)", dir: "react-router", pkg: "react-router", kind: REACT_ROUTER },
].map((framework) => ({ ...framework, dir: consumerDir(framework.dir) }));

let harness;

before(async () => {
  assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is not built: run scripts/build.sh first");
  // One after the other: npm's cache does not like concurrent writers.
  for (const framework of FRAMEWORKS) {
    const started = Date.now();
    const done = await ensureInstalled(framework.dir);
    if (done !== "current") console.log(`${framework.name}: npm install in ${seconds(started)}`);
    framework.version = `${installedVersion(framework.dir, framework.pkg)} (Vite ${installedVersion(framework.dir, "vite")})`;
  }
  harness = await startHarness({ engine: "chromium" });
}, { timeout: 800_000 });

after(async () => {
  await harness?.close();
});

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The file of the command `name` that the installed package `pkg` declares in its "bin". */
function bin(dir, pkg, name) {
  const root = path.join(dir, "node_modules", pkg);
  const { bin: bins } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  return path.join(root, typeof bins === "string" ? bins : bins[name]);
}

/**
 * A server (`argsFor(port)` run by this Node) on 127.0.0.1 and a free port, HOST and PORT set for the
 * production servers that read them; `work(origin)` runs once the server prints its address, and
 * the server is always stopped. Failures carry the server's output.
 */
async function serve(framework, label, argsFor, work) {
  const port = String(await closedPort());
  const args = argsFor(port);
  const env = { ...framework.kind.env, HOST: "127.0.0.1", PORT: port };
  const started = Date.now();
  const server = await startProcess(
    "env",
    [...Object.entries(env).map(([name, value]) => `${name}=${value}`), process.execPath, ...args],
    { cwd: framework.dir, ready: new RegExp(`http://127\\.0\\.0\\.1:${port}`), timeoutMs: 90_000 },
  );
  console.log(`${framework.name}, ${label}: ready in ${seconds(started)}`);
  try {
    await work(`http://127.0.0.1:${port}`);
  } catch (error) {
    error.message += `\n${label} output:\n${server.output()}`;
    throw error;
  } finally {
    await server.stop();
  }
}

/** POSTs the reset's parameters to the app's server use; { status, body }. */
async function serverReset(origin, params) {
  const response = await fetch(`${origin}/api/reset`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(params),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    assert.fail(`POST /api/reset answered ${response.status}, not JSON:\n${text.slice(0, 2000)}`);
  }
}

/**
 * The server use and the page against a running app, each checked on the mock; records both for
 * the Frameworks table. `allowed`: console lines this mode may log (exact patterns).
 */
async function checkUses(framework, origin, mode, allowed = []) {
  const started = Date.now();
  const { name, version, kind } = framework;

  // The server resets the PIN; the same OTP again is a typed API error.
  const params = await freshReset(harness);
  assert.deepEqual(await serverReset(origin, params), { status: 200, body: { IsPosted: true } });
  await assertPinStored(harness, params);
  assert.deepEqual(await serverReset(origin, params), {
    status: 502,
    body: { kind: "api", status: 403, errorCode: 1068 },
  });
  recordFramework({ framework: name, version, mode: `${kind.serverUse} (${mode})`, ships: "server" });

  // The page's client code in Chromium.
  const pageParams = await freshReset(harness);
  const outcome = await runPage(harness.context, `${origin}/`, pageParams, { timeoutMs: 60_000 });
  outcome.problems = outcome.problems.filter((line) => !allowed.some((pattern) => pattern.test(line)));
  assertBrowserScenario(outcome);
  await assertPinStored(harness, pageParams);
  recordFramework({ framework: name, version, mode, ships: outcome.loadedFrom });
  console.log(`${name}, ${mode}: both uses in ${seconds(started)}, the page loaded ${outcome.loadedFrom}`);
  return outcome.loadedFrom;
}

for (const framework of FRAMEWORKS) {
  const { kind } = framework;
  const cli = () => bin(framework.dir, ...kind.cli);
  const [, command] = kind.cli;

  describe(`${framework.name} (no config for the package)`, () => {
    test(`${command} build + its production server`, { timeout: 420_000 }, async () => {
      const started = Date.now();
      await run(process.execPath, [cli(), ...kind.build], {
        cwd: framework.dir,
        timeoutMs: 300_000,
        env: kind.env,
      });
      console.log(`${framework.name}: ${command} build in ${seconds(started)}`);
      await serve(framework, "production server", () => kind.start(framework.dir), async (origin) => {
        // A production build emits the .wasm beside the JavaScript that loads it.
        assert.equal(await checkUses(framework, origin, "build"), "wasm");
      });
    });

    test(`${command} dev`, { timeout: 300_000 }, async () => {
      // A cold dev server: its dependency pre-bundle is made again, as on a fresh install.
      await rm(path.join(framework.dir, "node_modules", ".vite"), { recursive: true, force: true });
      await serve(framework, `${command} dev`, (port) => [cli(), ...kind.dev(port)], async (origin) => {
        const vite6 = installedVersion(framework.dir, "vite").startsWith("6.");
        await checkUses(framework, origin, "dev", vite6 ? [VITE6_DEV_WASM_404] : []);
      });
    });
  });
}
