// The test runner's time limit, as scripts/test.sh's run_tests sets it (--test-timeout with
// --test-force-exit): a test that never settles fails within its limit, names itself, and the run
// goes on. Node 22 applies the limit to the file as a whole and names the file; Node 24 and later
// name the test. Run: node --test tests/js/test-timeout.test.mjs
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FIXTURE = path.join(ROOT, "tests", "js", "fixtures", "never-settles.mjs");
const LIMIT_MS = 2_000;
/** Far above the limit plus a Node start on a loaded machine, far below "for ever". */
const ENDS_WITHIN_MS = 60_000;
const PER_TEST = Number(process.versions.node.split(".")[0]) >= 24;

/** Runs the fixture under the runner's limit; resolves with its exit code, output and duration. */
function runFixture() {
  const args = ["--test", `--test-timeout=${LIMIT_MS}`, "--test-force-exit", "--test-reporter=spec", FIXTURE];
  const started = performance.now();
  // Without this runner's own marker, which would make the child a part of this run.
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  // If the limit ever stopped working, end the child here rather than hang this test too.
  const kill = setTimeout(() => child.kill("SIGKILL"), ENDS_WITHIN_MS);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(kill);
      resolve({ code, signal, output, ms: performance.now() - started });
    });
  });
}

test("a test that never settles fails within the limit, by name, and the run goes on", { timeout: ENDS_WITHIN_MS + 10_000 }, async () => {
  const { code, signal, output, ms } = await runFixture();
  assert.equal(signal, null, `the runner did not end by itself:\n${output}`);
  assert.equal(code, 1, output);
  assert.ok(ms < ENDS_WITHIN_MS, `took ${ms} ms`);
  assert.match(output, new RegExp(`test timed out after ${LIMIT_MS}ms`));
  if (PER_TEST) {
    assert.match(output, /✖ a deliberately hung test that never settles \(\d+(\.\d+)?ms\)/);
    assert.match(output, /✔ a test after the hung one still runs/);
    assert.match(output, /ℹ cancelled 1\b/);
  } else {
    assert.match(output, /✖ .*never-settles\.mjs \(\d+(\.\d+)?ms\)/);
  }
});
