// The local server's /__dev/ API as a page on another site meets it, in this run's browser
// (LR_BROWSER): the browser will not let that page read the outbox of codes or seed users (no
// CORS for it, and 403), and a body that is not typed JSON, the only kind a page may send
// without asking first, is refused, while the same page still calls the LoginRadius API itself.
// The demo, on the server's own origin, uses /__dev/ (see demo.test.mjs). Run: node --test
// tests/browser/dev-api.test.mjs (WebKit: under `xvfb-run -a`; needs pkg/ and the server binary)
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";

import { ENGINE, startHarness } from "./harness.mjs";

let harness;
let other;

/** Another origin (another loopback port) serving one blank page. */
function startOtherOrigin() {
  const server = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end("<!doctype html><title>another site</title>");
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

before(async () => {
  harness = await startHarness();
  other = await startOtherOrigin();
});

after(async () => {
  await harness?.close();
  other?.server.closeAllConnections();
  await new Promise((resolve) => other?.server.close(resolve) ?? resolve());
});

/** Runs in the page: each request's fate, as the page sees it. Self-contained. */
async function tryFromPage({ base, apiKey }) {
  const attempt = async (path, init) => {
    try {
      const response = await fetch(`${base}${path}`, init);
      return { read: response.status, body: await response.text() };
    } catch (error) {
      return { refused: error.name };
    }
  };
  const json = (body) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return {
    outbox: await attempt(`/__dev/outbox?apikey=${apiKey}`),
    seed: await attempt(`/__dev/users?apikey=${apiKey}`, json({ email: "mallory@example.com" })),
    // What a page may send without a preflight: the browser sends it, the server must refuse it.
    simple: await attempt(`/__dev/users?apikey=${apiKey}`, {
      method: "POST",
      mode: "no-cors",
      body: JSON.stringify({ email: "simple@example.com" }),
    }),
    api: await attempt(`/identity/v2/auth/pin/forgot/email?apikey=${apiKey}`, json({ email: "nobody@example.com" })),
  };
}

describe(`/__dev/ from a page on another origin (${ENGINE})`, () => {
  test("cannot read the outbox or seed a user; the LoginRadius API still answers it", async () => {
    const apiKey = await harness.dev.createTenant();
    await harness.dev.createUser(apiKey, { email: "ada@example.com" });
    await harness.dev.issueOtp(apiKey, { email: "ada@example.com", otp: "314159" });
    const driver = await harness.browser.newPage();
    try {
      await driver.goto(other.url);
      const seen = await driver.evaluate(`(${tryFromPage})(${JSON.stringify({ base: harness.url, apiKey })})`);
      assert.deepEqual(seen.outbox, { refused: "TypeError" }, JSON.stringify(seen));
      assert.deepEqual(seen.seed, { refused: "TypeError" }, JSON.stringify(seen));
      // An opaque answer: the page learns nothing, and the server created nothing (below).
      assert.equal(seen.simple.read, 0, JSON.stringify(seen));
      // The API itself stays open to every origin (938: no such user).
      assert.equal(seen.api.read, 403, JSON.stringify(seen));
      assert.equal(JSON.parse(seen.api.body).ErrorCode, 938);
    } finally {
      await driver.close();
    }
    // Only the seeded account exists: neither POST got through.
    assert.deepEqual((await harness.dev.accounts(apiKey)).map((a) => a.email), ["ada@example.com"]);
  });
});
