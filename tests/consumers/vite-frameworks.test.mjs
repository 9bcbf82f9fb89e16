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
  assertPinStored,
  browserResetAt,
  consumerDir,
  ensureInstalled,
  freshReset,
  installedVersion,
  recordFramework,
  run,
  startProcess,
} from "./lib.mjs";

// What differs between the two frameworks: the package with their command line (`cli`: package,
// command), their servers, and what their server use is called.
const ASTRO = {
  cli: ["astro", "astro"],
  start: () => ["dist/server/entry.mjs"],
  dev: (port) => ["dev", "--host", "127.0.0.1", "--port", port],
  serverUse: "endpoint",
  env: { ASTRO_TELEMETRY_DISABLED: "1" },
};
const REACT_ROUTER = {
  cli: ["@react-router/dev", "react-router"],
  start: (dir) => [bin(dir, "@react-router/serve", "react-router-serve"), "build/server/index.js"],
  dev: (port) => ["dev", "--host", "127.0.0.1", "--port", port, "--strictPort"],
  serverUse: "action",
  env: {},
};

// React Router 7 on Vite 6 pre-bundles React and itself at start and finds a route's other
// dependencies only when a browser loads the route; unless that first bundling is still running,
// it then bundles them again and reloads the page, which gets a second copy of React ("Invalid
// hook call") and never hydrates. Any dependency does this (a stub package with no wasm did too),
// and the reload works. So the test loads the page once with no parameters (the scenario then
// stops at validation, sending nothing), waits until the package is pre-bundled, and runs the
// scenario on the next load, as a developer would.
async function firstLoadFindsDependencies(origin, dir) {
  const metadata = path.join(dir, "node_modules", ".vite", "deps", "_metadata.json");
  const preBundled = () => {
    try {
      return "loginradius-pin-reset" in JSON.parse(readFileSync(metadata, "utf8")).optimized;
    } catch {
      return false; // not written yet
    }
  };
  const page = await harness.context.newPage();
  try {
    await page.goto(`${origin}/`);
    const deadline = Date.now() + 60_000;
    while (!preBundled()) {
      if (Date.now() > deadline) throw new Error("the dev server did not pre-bundle loginradius-pin-reset");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await page.close();
  }
}

const FRAMEWORKS = [
  { name: "Astro 5", dir: "astro5", pkg: "astro", kind: ASTRO },
  { name: "Astro", dir: "astro", pkg: "astro", kind: ASTRO },
  {
    name: "React Router 7 (Vite 6)",
    dir: "react-router-vite6",
    pkg: "react-router",
    kind: REACT_ROUTER,
    beforeDevPage: firstLoadFindsDependencies,
  },
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
    const vite = installedVersion(framework.dir, "vite");
    framework.version = `${installedVersion(framework.dir, framework.pkg)} (Vite ${vite})`;
    // Vite 6's dev pre-bundler moves the package's JavaScript to node_modules/.vite/deps/ without
    // its .wasm: the package loads its embedded bytes there. Vite 8's keeps the .wasm's URL.
    framework.devShips = vite.startsWith("6.") ? "embedded" : "wasm";
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
 * the Frameworks table. Resolves with where the page's module bytes came from.
 */
async function checkUses(framework, origin, mode) {
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
  const ships = await browserResetAt(harness, `${origin}/`, { timeoutMs: 60_000 });
  recordFramework({ framework: name, version, mode, ships });
  console.log(`${name}, ${mode}: both uses in ${seconds(started)}, the page loaded ${ships}`);
  return ships;
}

for (const framework of FRAMEWORKS) {
  const { kind } = framework;
  const cli = () => bin(framework.dir, ...kind.cli);
  const [, command] = kind.cli;

  describe(`${framework.name} (no config for the package)`, () => {
    test(`${command} build + its production server`, { timeout: 420_000 }, async () => {
      const started = Date.now();
      await run(process.execPath, [cli(), "build"], {
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
        await framework.beforeDevPage?.(origin, framework.dir);
        assert.equal(await checkUses(framework, origin, "dev"), framework.devShips);
      });
    });
  });
}
