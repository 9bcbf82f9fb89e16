// Angular (current CLI, application builder on esbuild) as a consumer of the packed package, with
// zero config: a standalone app of one component runs the shared scenario. `ng build`, served as
// single-page apps are hosted (a missing file answers index.html with 200, so a .wasm that the
// build did not emit comes back as HTML), and `ng serve` with CI=1 (no prebundling cache).
// Run: node --test tests/consumers/angular.test.mjs (needs pkg/ built by scripts/build.sh).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { closedPort, startHarness } from "../browser/harness.mjs";
import {
  PKG,
  browserResetAt,
  consumerDir,
  ensureInstalled,
  installedVersion,
  recordFramework,
  run,
  startProcess,
} from "./lib.mjs";

const DIR = consumerDir("angular");
const NG = path.join(DIR, "node_modules", "@angular", "cli", "bin", "ng.js");
const FRAMEWORK = "Angular";

let harness;
let version;

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

before(async () => {
  assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is not built: run scripts/build.sh first");
  const started = Date.now();
  const done = await ensureInstalled(DIR);
  if (done !== "current") console.log(`angular: npm install (node_modules was missing or stale): ${seconds(started)}`);
  version = installedVersion(DIR, "@angular/core");
  harness = await startHarness({ engine: "chromium" });
}, { timeout: 400_000 });

after(async () => {
  await harness?.close();
});

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css",
  ".wasm": "application/wasm",
};

/**
 * A static server for a single-page app, as SPA hosting is set up: a path with no file answers
 * `index.html` with 200 (not 404). Resolves with { url, close() }.
 * (lib.mjs's startStaticServer answers 404; this could move there as an option.)
 */
function startSpaServer(root) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, "http://localhost");
    let file = path.join(root, decodeURIComponent(pathname));
    const found = file.startsWith(root + path.sep) && (await stat(file).catch(() => null))?.isFile();
    if (!found) file = path.join(root, "index.html");
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(500).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}

describe("Angular (application builder, no config for the package)", () => {
  test("ng build, served with an index.html fallback", { timeout: 300_000 }, async () => {
    let started = Date.now();
    await run(process.execPath, [NG, "build"], { cwd: DIR, timeoutMs: 240_000 });
    console.log(`ng build: ${seconds(started)}`);
    const server = await startSpaServer(path.join(DIR, "dist", "browser"));
    try {
      started = Date.now();
      const ships = await browserResetAt(harness, `${server.url}/`);
      console.log(`ng build: the page reset the PIN in ${seconds(started)} (loaded from ${ships})`);
      recordFramework({ framework: FRAMEWORK, version, mode: "build (index.html fallback)", ships });
    } finally {
      await server.close();
    }
  });

  test("ng serve with CI=1", { timeout: 300_000 }, async () => {
    // CI=1 comes with startProcess's environment (lib.mjs): no prebundling cache, as in CI.
    const port = await closedPort();
    let started = Date.now();
    const server = await startProcess(
      process.execPath,
      [NG, "serve", "--host", "127.0.0.1", "--port", String(port)],
      { cwd: DIR, ready: /(http:\/\/127\.0\.0\.1:\d+)\//, timeoutMs: 240_000 },
    );
    console.log(`ng serve: ready in ${seconds(started)}`);
    try {
      started = Date.now();
      const ships = await browserResetAt(harness, server.match[1] + "/");
      console.log(`ng serve: the page reset the PIN in ${seconds(started)} (loaded from ${ships})`);
      recordFramework({ framework: FRAMEWORK, version, mode: "dev (CI=1)", ships });
    } catch (error) {
      error.message += `\nng serve output:\n${server.output()}`;
      throw error;
    } finally {
      await server.stop();
    }
  });
});
