// The package from Node consumers, on whichever Node runs this file (scripts/node-matrix.sh runs it
// on every tested line): ESM import and CommonJS require of the installed package resolve to its
// Node entries, the synchronous functions work with no init(), and a real reset reaches the mock;
// importing the browser entry touches no browser global. Run: node --test tests/consumers/node.test.mjs
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import { CONSUMERS, PKG, assertPinStored, consumerDir as dir, consumerSuite, freshReset, run } from "./lib.mjs";

// The workspace's esbuild (a devDependency of the repository, not of the consumer); its bin is
// the native executable once installed.
const ESBUILD = path.resolve(PKG, "..", "node_modules", ".bin", "esbuild");

const suite = consumerSuite(["node-esm", "node-cjs"], { engine: "none" });

describe("Node", () => {
  for (const [name, script, entry] of [
    ["ESM import", "node-esm/reset.mjs", /\/node\.mjs$/],
    ["CommonJS require", "node-cjs/reset.cjs", /\/node\.cjs$/],
  ]) {
    test(`${name}: sync functions with no init(), and a real reset`, { timeout: 60_000 }, async () => {
      const params = await freshReset(suite.harness);
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
      await assertPinStored(suite.harness, params);
    });
  }

  // What Next.js, Nitro or `esbuild --platform=node` do to a server: the package inlined into one
  // file that then runs from another folder, away from node_modules.
  for (const format of ["esm", "cjs"]) {
    test(`a server bundle (esbuild --platform=node, ${format}) moved to another folder loads and resets`, { timeout: 60_000 }, async () => {
      const params = await freshReset(suite.harness);
      const source = path.join(dir("node-esm"), `server-bundle-entry.mjs`);
      const out = await mkdtemp(path.join(tmpdir(), "lr-server-bundle-"));
      const bundle = path.join(out, format === "esm" ? "server.mjs" : "server.cjs");
      try {
        await writeFile(
          source,
          `import { resetPinWithOtp, validateResetPinWithOtp } from "loginradius-pin-reset";
           const options = JSON.parse(process.argv[2]);
           const validate = validateResetPinWithOtp(options);
           resetPinWithOtp(options).then((result) => console.log(JSON.stringify({ validate, result })));`,
        );
        await run(
          ESBUILD,
          [source, "--bundle", "--platform=node", `--format=${format}`, `--outfile=${bundle}`, "--log-level=warning"],
          { cwd: dir("node-esm"), timeoutMs: 30_000 },
        );
        const { stdout } = await run(process.execPath, [bundle, JSON.stringify(params)], { cwd: out, timeoutMs: 30_000 });
        assert.deepEqual(JSON.parse(stdout.trim()), { validate: [], result: { IsPosted: true } });
        await assertPinStored(suite.harness, params);
      } finally {
        await rm(source, { force: true });
        await rm(out, { recursive: true, force: true });
      }
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
      const defaultIsInit = lib.default === lib.init;
      console.log(JSON.stringify({ touched, fetched, exports: Object.keys(lib).sort(), defaultIsInit }));
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
      "buildResetPinWithTokenRequest",
      "buildSendResetPinOtpRequest",
      "default",
      "init",
      "isLoginRadiusError",
      "readResetToken",
      "resetPinWithOtp",
      "resetPinWithToken",
      "sendResetPinOtp",
      "validateResetPinWithOtp",
      "validateResetPinWithToken",
      "validateSendResetPinOtp",
    ]);
    // The wasm-pack convention: `import init, { ... } from "loginradius-pin-reset"`.
    assert.equal(out.defaultIsInit, true, "the default export is init");
  });
});

