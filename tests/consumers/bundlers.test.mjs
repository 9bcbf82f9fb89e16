// The package in SvelteKit, Rsbuild, Parcel, esbuild and Rollup, each with zero configuration: a
// consumer project per tool under tests/consumers/, its production build (served by the framework's
// own server or statically) and its dev server where it has one, resetting a PIN in Chromium
// against the local mock and checked on the server. esbuild and Rollup know nothing of
// `new URL(".wasm", import.meta.url)`: they ship the package's fallback chunk carrying the bytes.
// Prints each mode's seconds and what the page downloaded (gzip -9 of its JavaScript and wasm).
// Run: node --test tests/consumers/bundlers.test.mjs (Node 22+; needs pkg/ built by scripts/build.sh).
import assert from "node:assert/strict";
import { copyFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import {
  bin,
  browserMode,
  consumerDir as dir,
  consumerSuite,
  installedVersion,
  recordFramework,
  run,
  serve,
  serverReset,
  startStaticServer,
  timed,
} from "./lib.mjs";

/** The package whose version the Frameworks table shows for each project. */
const versionOf = {
  sveltekit: "@sveltejs/kit",
  rsbuild: "@rsbuild/core",
  parcel: "parcel",
  esbuild: "esbuild",
  rollup: "rollup",
};

const suite = consumerSuite(Object.keys(versionOf), { timeout: 600_000 });

/** The browser scenario at `url` for `project`'s page, recorded (see lib.mjs browserMode). */
const page = (project, url, options) =>
  browserMode(suite.harness, url, { version: installedVersion(dir(project), versionOf[project]), ...options });

/**
 * A page with no icon link makes Chromium ask for /favicon.ico, a 404 in the console that has
 * nothing to do with the package.
 */
const noFavicon = (page) => page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));

/**
 * A static server for a build's output folder with `page` copied beside it as index.html (esbuild
 * and Rollup write no HTML), then `work(url)`; always closed. Checks first that every emitted .wasm
 * is served as application/wasm, the type streaming compilation needs.
 */
async function serveBuild(outDir, page, work) {
  if (page) copyFileSync(page, path.join(outDir, "index.html"));
  const server = await startStaticServer(outDir);
  try {
    const wasm = readdirSync(outDir, { recursive: true }).filter((file) => String(file).endsWith(".wasm"));
    for (const file of wasm) {
      const response = await fetch(`${server.url}/${file}`);
      await response.arrayBuffer();
      assert.equal(response.headers.get("content-type"), "application/wasm", `${file} served with the wrong type`);
    }
    return await work(`${server.url}/`);
  } finally {
    await server.close();
  }
}

describe("SvelteKit (adapter-node, no wasm plugin or config)", () => {
  const cwd = dir("sveltekit");
  const framework = "SvelteKit";
  const vite = () => bin(cwd, "vite");

  /** Both uses against a running server: the page, and a reset from the +server.js endpoint (the package's Node build). */
  async function bothUses(origin, mode, expect) {
    await page("sveltekit", `${origin}/`, { framework, mode, expect });
    await timed(`sveltekit ${mode}: the server endpoint`, () => serverReset(suite.harness, origin));
    const version = installedVersion(cwd, versionOf.sveltekit);
    recordFramework({ framework, version, mode: `server endpoint (${mode})`, ships: "server" });
  }

  test("vite build + node build: the page and a +server.js endpoint", { timeout: 240_000 }, async () => {
    await timed("sveltekit: vite build", () =>
      run(process.execPath, [vite(), "build", "--logLevel", "warn"], { cwd, timeoutMs: 180_000 }),
    );
    // adapter-node takes its address from HOST and PORT (serve sets them).
    await serve("sveltekit: node build", { cwd, args: () => ["build"], timeoutMs: 30_000 }, (origin) =>
      bothUses(origin, "build", "wasm"),
    );
  });

  test("vite dev: the page and a +server.js endpoint", { timeout: 180_000 }, async () => {
    const args = (port) => [vite(), "dev", "--force", "--host", "127.0.0.1", "--port", port, "--strictPort"];
    await serve("sveltekit: vite dev", { cwd, args, timeoutMs: 60_000 }, (origin) => bothUses(origin, "dev"));
  });
});

describe("Rsbuild (no config file)", () => {
  const cwd = dir("rsbuild");
  const framework = "Rsbuild";
  const rsbuild = () => bin(cwd, "@rsbuild/core", "rsbuild");
  const setup = noFavicon; // Rsbuild's generated page links no icon

  test("rsbuild build, served statically", { timeout: 180_000 }, async () => {
    await timed("rsbuild: rsbuild build", () => run(process.execPath, [rsbuild(), "build"], { cwd, timeoutMs: 150_000 }));
    await serveBuild(path.join(cwd, "dist"), null, (url) =>
      page("rsbuild", url, { framework, mode: "build", expect: "wasm", setup }),
    );
  });

  test("rsbuild dev", { timeout: 180_000 }, async () => {
    const args = (port) => [rsbuild(), "dev", "--host", "127.0.0.1", "--port", port];
    // Rsbuild prints the address before it listens: wait for the first build too.
    const ready = /(http:\/\/127\.0\.0\.1:\d+)\/[\s\S]*\bbuilt in\b/;
    await serve("rsbuild: rsbuild dev", { cwd, args, ready, timeoutMs: 60_000 }, (origin) =>
      page("rsbuild", `${origin}/`, { framework, mode: "dev", setup }),
    );
  });
});

describe("Parcel 2 (no config)", () => {
  const cwd = dir("parcel");
  const framework = "Parcel";
  const parcel = () => bin(cwd, "parcel");

  test("parcel build, served statically", { timeout: 240_000 }, async () => {
    // --no-cache: a cold build each run, as on a fresh clone (and never a stale copy of the package).
    await timed("parcel: parcel build", () =>
      run(process.execPath, [parcel(), "build", "--no-cache"], { cwd, timeoutMs: 200_000 }),
    );
    await serveBuild(path.join(cwd, "dist"), null, (url) => page("parcel", url, { framework, mode: "build", expect: "wasm" }));
  });

  test("parcel serve", { timeout: 240_000 }, async () => {
    const args = (port) => [parcel(), "serve", "--no-cache", "--dist-dir", "dist-dev", "--host", "127.0.0.1", "--port", port];
    await serve("parcel: parcel serve", { cwd, args, timeoutMs: 200_000 }, (origin) =>
      page("parcel", `${origin}/`, { framework, mode: "dev" }),
    );
  });
});

describe("esbuild (no loader flag, no plugin)", () => {
  const cwd = dir("esbuild");
  for (const splitting of [false, true]) {
    const outDir = splitting ? "dist-split" : "dist";
    const flags = splitting ? ["--splitting"] : [];
    const mode = splitting ? "build --splitting" : "build";
    test(`esbuild --bundle --format=esm ${flags.join(" ")}, served statically`, { timeout: 120_000 }, async () => {
      // esbuild's bin is its native executable once its install script ran, else a Node script: run it as is.
      await timed(`esbuild: ${mode}`, () =>
        run(bin(cwd, "esbuild"), ["src/main.js", "--bundle", "--format=esm", ...flags, `--outdir=${outDir}`], { cwd }),
      );
      await serveBuild(path.join(cwd, outDir), path.join(cwd, "index.html"), (url) =>
        page("esbuild", url, { framework: "esbuild", mode }),
      );
    });
  }
});

describe("Rollup (@rollup/plugin-node-resolve, no other plugin)", () => {
  const cwd = dir("rollup");
  const framework = "Rollup";
  const rollup = () => bin(cwd, "rollup");

  test("rollup -c (output.dir, ES modules), served statically", { timeout: 120_000 }, async () => {
    await timed("rollup: rollup -c (output.dir)", () => run(process.execPath, [rollup(), "-c"], { cwd }));
    await serveBuild(path.join(cwd, "dist"), path.join(cwd, "index.html"), (url) =>
      page("rollup", url, { framework, mode: "build" }),
    );
  });

  // The one setting a Rollup user needs, and only for a single output file: the README's config
  // line says so, and this keeps it true.
  const INLINE = "output.inlineDynamicImports: true, only with output.file (Rollup puts the package's lazily imported fallback in a chunk of its own)";

  test("rollup output.file: refused without inlineDynamicImports, served statically with it", { timeout: 120_000 }, async () => {
    const config = ["-c", "rollup.file.config.mjs"];
    await assert.rejects(
      run(process.execPath, [rollup(), ...config, "--no-inlineDynamicImports"], { cwd }),
      /when building multiple chunks, the "output\.dir" option must be used, not "output\.file"/,
    );
    await timed("rollup: rollup -c (output.file, inlineDynamicImports)", () =>
      run(process.execPath, [rollup(), ...config], { cwd }),
    );
    await serveBuild(path.join(cwd, "dist-file"), path.join(cwd, "index.html"), (url) =>
      page("rollup", url, { framework, mode: "build (output.file)", config: INLINE }),
    );
  });
});
