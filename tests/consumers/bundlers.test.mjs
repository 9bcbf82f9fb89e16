// The package in SvelteKit, Rsbuild, Parcel, esbuild and Rollup, each with zero configuration: a
// consumer project per tool under tests/consumers/, its production build (served by the framework's
// own server or statically) and its dev server where it has one, resetting a PIN in Chromium
// against the local mock and checked on the server. esbuild and Rollup know nothing of
// `new URL(".wasm", import.meta.url)`: they ship the package's fallback chunk carrying the bytes.
// Prints each mode's seconds and what the page downloaded (gzip -9 of its JavaScript and wasm).
// Run: node --test tests/consumers/bundlers.test.mjs (Node 22+; needs pkg/ built by scripts/build.sh).
import assert from "node:assert/strict";
import { copyFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { closedPort, startHarness } from "../browser/harness.mjs";
import {
  PKG,
  assertPinStored,
  browserResetAt,
  consumerDir as dir,
  ensureInstalled,
  freshReset,
  installedVersion,
  recordFramework,
  run,
  startProcess,
  startStaticServer,
} from "./lib.mjs";

const PROJECTS = ["sveltekit", "rsbuild", "parcel", "esbuild", "rollup"];
const bin = (project, ...parts) => path.join(dir(project), "node_modules", ...parts);
const VITE = bin("sveltekit", "vite", "bin", "vite.js");
const RSBUILD = bin("rsbuild", "@rsbuild", "core", "bin", "rsbuild.js");
const PARCEL = bin("parcel", "parcel", "lib", "bin.js");
// esbuild's bin is its native executable once its install script ran, else a Node script: run it as is.
const ESBUILD = bin("esbuild", ".bin", "esbuild");
const ROLLUP = bin("rollup", "rollup", "dist", "bin", "rollup");

/** How the package's embedded module starts: "\0asm" in base64. */
const WASM_BASE64_START = "AGFzbQ";

/** The package whose version the Frameworks table shows for each project. */
const versionOf = {
  sveltekit: "@sveltejs/kit",
  rsbuild: "@rsbuild/core",
  parcel: "parcel",
  esbuild: "esbuild",
  rollup: "rollup",
};

let harness;
/** One row per mode: what it took and what the page downloaded, printed after the run. */
const measured = [];

before(async () => {
  assert.ok(existsSync(path.join(PKG, "index.js")), "pkg/ is not built: run scripts/build.sh first");
  // One install at a time: npm's cache does not like concurrent writers.
  for (const project of PROJECTS) {
    const started = performance.now();
    const done = await ensureInstalled(dir(project));
    measured.push({ mode: `${project}: npm install (${done})`, seconds: since(started) });
  }
  harness = await startHarness({ engine: "chromium" });
}, { timeout: 600_000 });

after(async () => {
  await harness?.close();
  const rows = measured.map(
    ({ mode, seconds, ships = "", js = "", wasm = "" }) => `| ${mode} | ${seconds} | ${ships} | ${js} | ${wasm} |`,
  );
  console.log(
    ["| mode | seconds | ships | JS gzip | wasm gzip |", "|---|---|---|---|---|", ...rows].join("\n"),
  );
});

const since = (started) => ((performance.now() - started) / 1000).toFixed(1);

/** Runs `work` (a build, a server start) and returns its result, recording its seconds. */
async function timed(mode, work) {
  const started = performance.now();
  const result = await work();
  measured.push({ mode, seconds: since(started) });
  return result;
}

/**
 * The browser scenario at `url`, recorded for the Frameworks table; with `{ expect }` it must have
 * loaded the module from there ("wasm": the bundler emitted the asset, so its users download no
 * more than the module itself). Measures the gzip -9 bytes of the JavaScript and wasm the page got.
 */
async function browserMode({ project, framework, mode, url, expect, config = "", noFavicon = false }) {
  const started = performance.now();
  const bodies = [];
  const setup = async (page) => {
    // A page with no icon link makes Chromium ask for /favicon.ico, a 404 in the console that has
    // nothing to do with the package.
    if (noFavicon) await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
    page.on("response", (response) => {
      const type = response.headers()["content-type"] ?? "";
      const kind = type.startsWith("application/wasm") ? "wasm" : /javascript/.test(type) ? "js" : null;
      // Caught at once (the page may close first), thrown below.
      if (kind && response.ok()) bodies.push(response.body().then((body) => ({ kind, body }), (error) => ({ error })));
    });
  };
  const ships = await browserResetAt(harness, url, { setup });
  if (expect) assert.equal(ships, expect, `${framework} ${mode}: expected the module from "${expect}", got "${ships}"`);
  const gzip = { js: 0, wasm: 0 };
  let embedded = false;
  for (const { kind, body, error } of await Promise.all(bodies)) {
    if (error) throw error;
    gzip[kind] += gzipSync(body, { level: 9 }).length;
    embedded ||= kind === "js" && body.includes(WASM_BASE64_START);
  }
  if (ships === "wasm") assert.equal(embedded, false, `${framework} ${mode}: the page got the .wasm and the bytes chunk too`);
  measured.push({ mode: `${project}: ${mode} (page)`, seconds: since(started), ships, ...gzip });
  recordFramework({ framework, version: installedVersion(dir(project), versionOf[project]), mode, ships, config });
}

/**
 * A static server for a build's output folder with the page beside it (esbuild and Rollup write no
 * HTML): checks that every emitted .wasm is served as application/wasm, the type streaming
 * compilation needs. Resolves with the server; close() it.
 */
async function serveBuild(outDir, page) {
  if (page) copyFileSync(page, path.join(outDir, "index.html"));
  const server = await startStaticServer(outDir);
  try {
    const wasm = readdirSync(outDir, { recursive: true }).filter((file) => String(file).endsWith(".wasm"));
    for (const file of wasm) {
      const response = await fetch(`${server.url}/${file}`);
      await response.arrayBuffer();
      assert.equal(response.headers.get("content-type"), "application/wasm", `${file} served with the wrong type`);
    }
    return server;
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** A long-running server with its output added to a failure's message, stopped afterwards. */
async function withServer(server, work) {
  try {
    return await work(server.match[1]);
  } catch (error) {
    error.message += `\nserver output:\n${server.output()}`;
    throw error;
  } finally {
    await server.stop();
  }
}

describe("SvelteKit (adapter-node, no wasm plugin or config)", () => {
  const cwd = dir("sveltekit");
  const framework = "SvelteKit";

  /** A reset from the server: the +server.js endpoint calls the package's Node build. */
  async function serverReset(origin, mode) {
    const params = await freshReset(harness);
    const response = await fetch(`${origin}/api/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    assert.equal(response.status, 200, await response.clone().text());
    assert.deepEqual(await response.json(), { IsPosted: true });
    await assertPinStored(harness, params);
    recordFramework({ framework, version: installedVersion(cwd, versionOf.sveltekit), mode, ships: "server" });
  }

  test("vite build + node build: the page and a +server.js endpoint", { timeout: 240_000 }, async () => {
    await timed("sveltekit: vite build", () =>
      run(process.execPath, [VITE, "build", "--logLevel", "warn"], { cwd, timeoutMs: 180_000 }),
    );
    const port = await closedPort();
    // adapter-node takes its address from the environment; startProcess passes the test's own.
    const server = await timed("sveltekit: node build start", () =>
      startProcess("env", ["HOST=127.0.0.1", `PORT=${port}`, process.execPath, "build"], {
        cwd,
        ready: /Listening on (http:\/\/127\.0\.0\.1:\d+)/,
        timeoutMs: 30_000,
      }),
    );
    await withServer(server, async (origin) => {
      await browserMode({ project: "sveltekit", framework, mode: "build", url: `${origin}/`, expect: "wasm" });
      await serverReset(origin, "server endpoint (build)");
    });
  });

  test("vite dev: the page and a +server.js endpoint", { timeout: 180_000 }, async () => {
    const port = await closedPort();
    const server = await timed("sveltekit: vite dev start", () =>
      startProcess(
        process.execPath,
        [VITE, "dev", "--force", "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
        { cwd, ready: /(http:\/\/127\.0\.0\.1:\d+)\//, timeoutMs: 60_000 },
      ),
    );
    await withServer(server, async (origin) => {
      await browserMode({ project: "sveltekit", framework, mode: "dev", url: `${origin}/` });
      await serverReset(origin, "server endpoint (dev)");
    });
  });
});

describe("Rsbuild (no config file)", () => {
  const cwd = dir("rsbuild");
  const framework = "Rsbuild";
  const noFavicon = true; // Rsbuild's generated page links no icon

  test("rsbuild build, served statically", { timeout: 180_000 }, async () => {
    await timed("rsbuild: rsbuild build", () => run(process.execPath, [RSBUILD, "build"], { cwd, timeoutMs: 150_000 }));
    const server = await serveBuild(path.join(cwd, "dist"));
    try {
      await browserMode({ project: "rsbuild", framework, mode: "build", url: `${server.url}/`, expect: "wasm", noFavicon });
    } finally {
      await server.close();
    }
  });

  test("rsbuild dev", { timeout: 180_000 }, async () => {
    const port = await closedPort();
    const server = await timed("rsbuild: rsbuild dev start", () =>
      startProcess(process.execPath, [RSBUILD, "dev", "--host", "127.0.0.1", "--port", String(port)], {
        cwd,
        // Rsbuild prints the address before it listens: wait for the first build too.
        ready: /(http:\/\/127\.0\.0\.1:\d+)\/[\s\S]*\bbuilt in\b/,
        timeoutMs: 60_000,
      }),
    );
    await withServer(server, (origin) => browserMode({ project: "rsbuild", framework, mode: "dev", url: `${origin}/`, noFavicon }));
  });
});

describe("Parcel 2 (no config)", () => {
  const cwd = dir("parcel");
  const framework = "Parcel";

  test("parcel build, served statically", { timeout: 240_000 }, async () => {
    // --no-cache: a cold build each run, as on a fresh clone (and never a stale copy of the package).
    await timed("parcel: parcel build", () =>
      run(process.execPath, [PARCEL, "build", "--no-cache"], { cwd, timeoutMs: 200_000 }),
    );
    const server = await serveBuild(path.join(cwd, "dist"));
    try {
      await browserMode({ project: "parcel", framework, mode: "build", url: `${server.url}/`, expect: "wasm" });
    } finally {
      await server.close();
    }
  });

  test("parcel serve", { timeout: 240_000 }, async () => {
    const port = await closedPort();
    const server = await timed("parcel: parcel serve start", () =>
      startProcess(
        process.execPath,
        [PARCEL, "serve", "--no-cache", "--dist-dir", "dist-dev", "--host", "127.0.0.1", "--port", String(port)],
        { cwd, ready: /(http:\/\/127\.0\.0\.1:\d+)/, timeoutMs: 200_000 },
      ),
    );
    await withServer(server, (origin) => browserMode({ project: "parcel", framework, mode: "dev", url: `${origin}/` }));
  });
});

describe("esbuild (no loader flag, no plugin)", () => {
  const cwd = dir("esbuild");
  for (const splitting of [false, true]) {
    const outDir = splitting ? "dist-split" : "dist";
    const flags = splitting ? ["--splitting"] : [];
    const mode = splitting ? "build --splitting" : "build";
    test(`esbuild --bundle --format=esm ${flags.join(" ")}, served statically`, { timeout: 120_000 }, async () => {
      await timed(`esbuild: ${mode}`, () =>
        run(ESBUILD, ["src/main.js", "--bundle", "--format=esm", ...flags, `--outdir=${outDir}`], {
          cwd,
        }),
      );
      const server = await serveBuild(path.join(cwd, outDir), path.join(cwd, "index.html"));
      try {
        await browserMode({ project: "esbuild", framework: "esbuild", mode, url: `${server.url}/` });
      } finally {
        await server.close();
      }
    });
  }
});

describe("Rollup (@rollup/plugin-node-resolve, no other plugin)", () => {
  const cwd = dir("rollup");
  const framework = "Rollup";

  test("rollup -c (output.dir, ES modules), served statically", { timeout: 120_000 }, async () => {
    await timed("rollup: rollup -c (output.dir)", () => run(process.execPath, [ROLLUP, "-c"], { cwd }));
    const server = await serveBuild(path.join(cwd, "dist"), path.join(cwd, "index.html"));
    try {
      await browserMode({ project: "rollup", framework, mode: "build", url: `${server.url}/` });
    } finally {
      await server.close();
    }
  });

  // The one setting a Rollup user needs, and only for a single output file: the README's config
  // line says so, and this keeps it true.
  const INLINE = "output.inlineDynamicImports: true, only with output.file (Rollup puts the package's lazily imported fallback in a chunk of its own)";

  test("rollup output.file: refused without inlineDynamicImports, served statically with it", { timeout: 120_000 }, async () => {
    const config = ["-c", "rollup.file.config.mjs"];
    await assert.rejects(
      run(process.execPath, [ROLLUP, ...config, "--no-inlineDynamicImports"], { cwd }),
      /when building multiple chunks, the "output\.dir" option must be used, not "output\.file"/,
    );
    await timed("rollup: rollup -c (output.file, inlineDynamicImports)", () =>
      run(process.execPath, [ROLLUP, ...config], { cwd }),
    );
    const server = await serveBuild(path.join(cwd, "dist-file"), path.join(cwd, "index.html"));
    try {
      await browserMode({ project: "rollup", framework, mode: "build (output.file)", url: `${server.url}/`, config: INLINE });
    } finally {
      await server.close();
    }
  });
});
