// Angular (current CLI, application builder on esbuild) as a consumer of the packed package, with
// zero config: a standalone app of one component runs the shared scenario. `ng build`, served as
// single-page apps are hosted (a missing file answers index.html with 200, so a .wasm that the
// build did not emit comes back as HTML), and `ng serve` with CI=1 (no prebundling cache).
// Run: node --test tests/consumers/angular.test.mjs (needs pkg/ built by scripts/build.sh).
import path from "node:path";
import { describe, test } from "node:test";
import {
  bin,
  browserMode,
  consumerDir,
  consumerSuite,
  installedVersion,
  run,
  serve,
  startStaticServer,
  timed,
} from "./lib.mjs";

const DIR = consumerDir("angular");
const FRAMEWORK = "Angular";
const suite = consumerSuite(["angular"]);

/** The page's browser mode, recorded under `mode`. */
const page = (url, mode) =>
  browserMode(suite.harness, url, { framework: FRAMEWORK, version: installedVersion(DIR, "@angular/core"), mode });

describe("Angular (application builder, no config for the package)", () => {
  test("ng build, served with an index.html fallback", { timeout: 300_000 }, async () => {
    await timed("ng build", () => run(process.execPath, [bin(DIR, "@angular/cli", "ng"), "build"], { cwd: DIR, timeoutMs: 240_000 }));
    const server = await startStaticServer(path.join(DIR, "dist", "browser"), { spaFallback: true });
    try {
      await page(`${server.url}/`, "build (index.html fallback)");
    } finally {
      await server.close();
    }
  });

  test("ng serve with CI=1", { timeout: 300_000 }, async () => {
    // CI=1 comes with lib.mjs's environment for every command: no prebundling cache, as in CI.
    const args = (port) => [bin(DIR, "@angular/cli", "ng"), "serve", "--host", "127.0.0.1", "--port", port];
    await serve("ng serve", { cwd: DIR, args, timeoutMs: 240_000 }, (origin) => page(`${origin}/`, "dev (CI=1)"));
  });
});
