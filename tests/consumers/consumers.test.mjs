// The package as its users get it: consumer projects under tests/consumers/ depend on pkg/ through
// a `file:` dependency and reset a PIN against the local mock server, each in its own environment:
// Vite (build + preview, and the dev server), webpack 5, a module Web Worker, a plain page with no
// bundler (all in Chromium), and a strict TypeScript project. Node ESM and CommonJS are in
// node.test.mjs (run on every Node line). Run: node --test tests/consumers/*.test.mjs
// (needs pkg/ built by scripts/build.sh; installs each consumer's dependencies when missing).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CONSUMERS,
  PKG,
  assertBrowserScenario,
  assertPinStored,
  bin,
  browserResetAt,
  consumerDir as dir,
  consumerSuite,
  freshReset,
  run,
  runPage,
  serve,
  startStaticServer,
} from "./lib.mjs";

// The browser consumers drive Playwright's own API (routes, workers): Chromium only.
const suite = consumerSuite(["vite", "webpack", "worker", "plain", "ts-consumer"]);
let staticServer;
let loadPage;

before(async () => {
  staticServer = await startStaticServer(CONSUMERS);
  loadPage = `${staticServer.url}/plain/load.html`;
});

after(async () => {
  await staticServer?.close();
});

/** The scenario at `url`; these bundlers emit the `.wasm`, so their users download nothing more. */
const browserReset = (url) => browserResetAt(suite.harness, url, { expect: "wasm" });

/** The app's own URL of the exported .wasm (Vite's `?url`) given to init(): it is what loads. */
async function selfHostedReset(url) {
  const params = await freshReset(suite.harness);
  const requested = [];
  const { result, problems } = await runPage(suite.harness.context, url, { ...params, selfHosted: "" }, {
    setup: (page) => page.on("request", (request) => requested.push(new URL(request.url()).pathname)),
  });
  assert.deepEqual(result.issues, []);
  assert.deepEqual(result.result, { IsPosted: true });
  assert.ok(requested.includes(new URL(result.wasmUrl, url).pathname), `${result.wasmUrl} was not fetched`);
  assert.deepEqual(problems, []);
  await assertPinStored(suite.harness, params);
}

describe("Vite (no wasm plugin, no config; and the exported .wasm with ?url)", () => {
  const cwd = dir("vite");
  for (const [name, command, build] of [
    ["vite build + vite preview", ["preview"], true],
    ["vite dev server", ["--force"], false],
  ]) {
    test(name, { timeout: 120_000 }, async () => {
      if (build) await run(process.execPath, [bin(cwd, "vite"), "build", "--logLevel", "warn"], { cwd });
      const args = (port) => [bin(cwd, "vite"), ...command, "--host", "127.0.0.1", "--port", port, "--strictPort"];
      await serve(name, { cwd, args, timeoutMs: 30_000 }, async (origin) => {
        await browserReset(`${origin}/`);
        await selfHostedReset(`${origin}/`);
      });
    });
  }
});

describe("webpack 5 (no loader, no experiments, no config file)", () => {
  test("webpack --mode production, served statically", { timeout: 120_000 }, async () => {
    await run(process.execPath, [bin(dir("webpack"), "webpack-cli"), "--mode", "production"], { cwd: dir("webpack") });
    await browserReset(`${staticServer.url}/webpack/index.html`);
  });
});

describe("no bundler", () => {
  test("plain page: <script type=module> imports the package's index.js", { timeout: 60_000 }, async () => {
    await browserReset(`${staticServer.url}/plain/index.html`);
  });

  test("the .wasm missing, or an HTML page in its place: the module loads from its embedded bytes", { timeout: 60_000 }, async () => {
    for (const [label, fulfil] of [
      ["404", { status: 404, contentType: "text/plain", body: "not found" }],
      ["index.html fallback", { status: 200, contentType: "text/html", body: "<!doctype html><title>app</title>" }],
    ]) {
      const params = await freshReset(suite.harness);
      const requested = [];
      const { result, problems, loadedFrom } = await runPage(suite.harness.context, loadPage, params, {
        setup: async (page) => {
          page.on("request", (request) => requested.push(new URL(request.url()).pathname.split("/").pop()));
          await page.route("**/loginradius_pin_reset_bg.wasm", (route) => route.fulfill(fulfil));
        },
      });
      assert.deepEqual(result.first, { loaded: true, issues: [] }, label);
      assert.equal(loadedFrom, "embedded", label);
      assert.ok(requested.includes("wasm-bytes.js"), `${label}: the embedded bytes were not fetched`);
      assert.deepEqual(problems.filter((line) => !/status of 404/.test(line)), [], `${label}: console problems`);
    }
  });

  test("a wrong MIME type: the module still loads from the .wasm itself, with no warning", { timeout: 60_000 }, async () => {
    const params = await freshReset(suite.harness);
    const { result, problems } = await runPage(suite.harness.context, loadPage, params, {
      setup: (page) =>
        page.route("**/loginradius_pin_reset_bg.wasm", async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, headers: { ...response.headers(), "content-type": "application/octet-stream" } });
        }),
    });
    assert.deepEqual(result.first, { loaded: true, issues: [] });
    assert.deepEqual(problems, []);
  });

  test("init(url) with a bad URL rejects with kind \"load\" and a message naming the cause and the fix", { timeout: 60_000 }, async () => {
    const cases = [
      ["404", { status: 404, contentType: "text/plain", body: "not found" }, /answered 404; serve the package's loginradius_pin_reset_bg\.wasm at that URL, or call init\(\) with no argument/],
      ["HTML", { status: 200, contentType: "text/html", body: "<!doctype html><title>app</title>" }, /is an HTML page \(a fallback to index\.html\?\); serve the package's/],
      ["not wasm", { status: 200, contentType: "application/octet-stream", body: "GIF89a" }, /is not WebAssembly; serve the package's/],
    ];
    for (const [label, fulfil, message] of cases) {
      const source = `${staticServer.url}/elsewhere/module.wasm`;
      const { result } = await runPage(suite.harness.context, loadPage, { source }, {
        setup: (page) => page.route("**/elsewhere/module.wasm", (route) => route.fulfill(fulfil)),
      });
      assert.equal(result.first.isLoginRadiusError, true, label);
      assert.equal(result.first.kind, "load", label);
      assert.match(result.first.message, /^Could not load the loginradius-pin-reset WebAssembly module: /, label);
      assert.ok(result.first.message.includes(source), `${label}: the message does not name the URL`);
      assert.match(result.first.message, message, label);
    }
  });

  test("a Content-Security-Policy without 'wasm-unsafe-eval' is named, with the fix", { timeout: 60_000 }, async () => {
    const { result } = await runPage(suite.harness.context, loadPage, {}, {
      setup: (page) =>
        page.route("**/plain/load.html*", async (route) => {
          const response = await route.fetch();
          await route.fulfill({
            response,
            headers: { ...response.headers(), "content-security-policy": "script-src 'self' 'unsafe-inline'" },
          });
        }),
    });
    assert.equal(result.first.kind, "load");
    assert.match(result.first.message, /Content-Security-Policy does not allow WebAssembly; add 'wasm-unsafe-eval' to its script-src\.$/);
  });

  test("offline (the .wasm and its fallback both fail): kind \"load\", and the next call retries", { timeout: 60_000 }, async () => {
    const params = await freshReset(suite.harness);
    let failing = true;
    const { result } = await runPage(suite.harness.context, `${loadPage}?retry`, params, {
      setup: async (page) => {
        await page.route(/loginradius_pin_reset_bg\.wasm|wasm-bytes\.js/, (route) => {
          if (!failing) return route.continue();
          if (route.request().url().endsWith("wasm-bytes.js")) failing = false; // the last of the first attempt
          return route.abort("internetdisconnected");
        });
      },
    });
    assert.equal(result.first.isLoginRadiusError, true, JSON.stringify(result.first));
    assert.equal(result.first.kind, "load");
    assert.equal(result.first.status, 0);
    assert.equal(result.first.hasCause, true);
    assert.match(result.first.message, /check the connection and try again\.$/);
    assert.deepEqual(result.second, { loaded: true, issues: [] });
  });

  test("dedicated module Web Worker", { timeout: 60_000 }, async () => {
    const params = await freshReset(suite.harness);
    const outcome = await runPage(suite.harness.context, `${staticServer.url}/worker/index.html`, params);
    assert.equal(outcome.result.inWorker, true, "the scenario did not run in a worker");
    delete outcome.result.inWorker;
    assertBrowserScenario(outcome);
    await assertPinStored(suite.harness, params);
  });
});

describe("TypeScript (strict, through the installed package's exports and types)", () => {
  for (const config of ["tsconfig.json", "tsconfig.node16.json"]) {
    const label = config === "tsconfig.json" ? "moduleResolution bundler" : "node16 (ESM and a .cts require)";
    test(`tsc --noEmit: ${label}`, { timeout: 120_000 }, async () => {
      await run(process.execPath, [bin(dir("ts-consumer"), "typescript", "tsc"), "-p", config, "--noEmit"], { cwd: dir("ts-consumer") });
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
      "node/lib.cjs",
      "package.json",
      "types.d.cts",
      "types.d.ts",
      "wasm-bytes.js",
    ]);
    const readme = report.files.find((file) => file.path === "README.md");
    assert.ok(readme.size > 1000, "the packed README.md is (nearly) empty");
  });
});
