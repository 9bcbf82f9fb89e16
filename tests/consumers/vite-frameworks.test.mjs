// The Vite-based frameworks as consumers of the packed package, with zero config: Astro 5 (on Vite
// 6) and the current Astro (on Vite 8), each with the Node adapter (standalone); React Router 7 in
// framework mode on Vite 6 (as its template pins) and on Vite 8. For each: the production build
// behind its own server, and the dev server. In each mode a page's client code runs the shared
// scenario in Chromium (Astro: a <script> in the page, bundled by Astro; React Router: a route
// component's effect, its module also imported during the server render), and a server use resets
// a PIN from the framework's server (Astro: an endpoint; React Router: an action), both checked on
// the mock. Run: node --test tests/consumers/vite-frameworks.test.mjs (needs pkg/ built).
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { before, describe, test } from "node:test";
import {
  bin,
  browserMode,
  consumerDir,
  consumerSuite,
  installedVersion,
  recordFramework,
  run,
  serve,
  serverReset,
  timed,
} from "./lib.mjs";

// What differs between the two frameworks: the package with their command line (`cli`: package,
// command), their servers, and what their server use is called.
const ASTRO = {
  cli: ["astro", "astro"],
  start: () => ["dist/server/entry.mjs"],
  dev: (port) => ["dev", "--host", "127.0.0.1", "--port", port],
  serverUse: "endpoint",
};
const REACT_ROUTER = {
  cli: ["@react-router/dev", "react-router"],
  start: (dir) => [bin(dir, "@react-router/serve", "react-router-serve"), "build/server/index.js"],
  dev: (port) => ["dev", "--host", "127.0.0.1", "--port", port, "--strictPort"],
  serverUse: "action",
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
  const page = await suite.harness.context.newPage();
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

const PROJECTS = [
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
];
const FRAMEWORKS = PROJECTS.map((framework) => ({ ...framework, dir: consumerDir(framework.dir) }));

const suite = consumerSuite(PROJECTS.map((project) => project.dir), { timeout: 800_000 });

/**
 * The framework's versions, once its project is installed. (Called from a suite's `before`: the
 * file's own top-level `before` hooks run side by side, so one there could read node_modules
 * before consumerSuite's install has made it.)
 */
function readVersions(framework) {
  const vite = installedVersion(framework.dir, "vite");
  framework.version = `${installedVersion(framework.dir, framework.pkg)} (Vite ${vite})`;
  // Vite 6's dev pre-bundler moves the package's JavaScript to node_modules/.vite/deps/ without
  // its .wasm: the package loads its embedded bytes there. Vite 8's keeps the .wasm's URL.
  framework.devShips = vite.startsWith("6.") ? "embedded" : "wasm";
}

/**
 * The server use and the page against a running app, each checked on the mock (the page's module
 * from `expect`); records both for the Frameworks table.
 */
async function checkUses(framework, origin, mode, expect) {
  const { name, version, kind } = framework;
  // The server resets the PIN; the same OTP again is a typed API error.
  await serverReset(suite.harness, origin);
  recordFramework({ framework: name, version, mode: `${kind.serverUse} (${mode})`, ships: "server" });
  // The page's client code in Chromium.
  await browserMode(suite.harness, `${origin}/`, { framework: name, version, mode, expect, timeoutMs: 60_000 });
}

for (const framework of FRAMEWORKS) {
  const { kind } = framework;
  const cli = () => bin(framework.dir, ...kind.cli);
  const [, command] = kind.cli;
  const cwd = framework.dir;
  const label = (what) => `${framework.name}, ${what}`;

  describe(`${framework.name} (no config for the package)`, () => {
    before(() => readVersions(framework));

    test(`${command} build + its production server`, { timeout: 420_000 }, async () => {
      await timed(label(`${command} build`), () =>
        run(process.execPath, [cli(), "build"], { cwd, timeoutMs: 300_000 }),
      );
      // Production servers read their address from HOST and PORT (serve sets them). A production
      // build emits the .wasm beside the JavaScript that loads it.
      await serve(label("production server"), { cwd, args: () => kind.start(cwd) }, (origin) =>
        timed(label("build: both uses"), () => checkUses(framework, origin, "build", "wasm")),
      );
    });

    test(`${command} dev`, { timeout: 300_000 }, async () => {
      // A cold dev server: its dependency pre-bundle is made again, as on a fresh install.
      await rm(path.join(cwd, "node_modules", ".vite"), { recursive: true, force: true });
      const args = (port) => [cli(), ...kind.dev(port)];
      await serve(label(`${command} dev`), { cwd, args }, async (origin) => {
        await framework.beforeDevPage?.(origin, cwd);
        await timed(label("dev: both uses"), () => checkUses(framework, origin, "dev", framework.devShips));
      });
    });
  });
}
