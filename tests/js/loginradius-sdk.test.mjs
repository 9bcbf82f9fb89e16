// LoginRadius's own Node SDK (loginradius-sdk, a devDependency) against the local mock: the
// forgot-PIN email with a reset page (sendForgotPINEmailByEmail / ...ByUsername), the token read
// from the email's link, resetPINByResetToken (method 42.3), and the reuse refused. It shows the
// mock answers LoginRadius's own client as the service would (its body names PIN/ResetToken in
// the casing its README writes: pin, resetToken). Node only: the SDK is a Node library.
//
// The SDK speaks HTTPS only: it calls https.request({ hostname: config.apiDomain, path, ... }).
// The one change here hands those calls to http.request on the mock's port, so the SDK's own code
// builds each request and reads each answer.
import assert from "node:assert/strict";
import http from "node:http";
import https from "node:https";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";

import { devApi, startServer, stopServer } from "../browser/mock-server.mjs";

const require = createRequire(import.meta.url);
const loginRadius = require("loginradius-sdk");

const EMAIL = "ada@example.com";
const USERNAME = "ada";
const PAGE = "https://app.example/reset-pin?lang=en";
const SETTLES_WITHIN_MS = 30_000;

let server;
let dev;
let realRequest;
before(async () => {
  server = await startServer();
  dev = devApi(server.url);
  const port = new URL(server.url).port;
  realRequest = https.request;
  https.request = (options, callback) => http.request({ ...options, hostname: "127.0.0.1", port }, callback);
});
after(async () => {
  if (realRequest) https.request = realRequest;
  if (server) await stopServer(server.child);
});

/** A tenant with Ada, and the SDK configured for it (the secret is required by the SDK, unused here). */
async function setUp() {
  const apiKey = await dev.createTenant({ rateLimit: 0 });
  await dev.createUser(apiKey, { email: EMAIL, username: USERNAME, pin: "1111" });
  const sdk = loginRadius({ apiKey, apiSecret: "not-sent-by-these-calls", apiDomain: "api.loginradius.com" });
  return { apiKey, pins: sdk.pinAuthenticationApi };
}

/** The `vtoken` of the newest email's link, checked against the page it must open. */
async function tokenFromLatestEmail(apiKey) {
  const entries = await dev.outbox(apiKey);
  const link = new URL(entries.at(-1).resetPinLink);
  assert.equal(link.origin + link.pathname, "https://app.example/reset-pin");
  assert.equal(link.searchParams.get("lang"), "en");
  return link.searchParams.get("vtoken");
}

for (const [by, send] of [
  ["email", (pins) => pins.sendForgotPINEmailByEmail({ email: EMAIL }, "", PAGE)],
  ["username", (pins) => pins.sendForgotPINEmailByUsername({ username: USERNAME }, "", PAGE)],
]) {
  test(`loginradius-sdk: forgot-PIN email by ${by}, the link's token, resetPINByResetToken, reuse refused`, { timeout: SETTLES_WITHIN_MS }, async () => {
    const { apiKey, pins } = await setUp();
    assert.deepEqual(await send(pins), { IsPosted: true });
    const resetToken = await tokenFromLatestEmail(apiKey);
    assert.match(resetToken, /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);

    assert.deepEqual(await pins.resetPINByResetToken({ pin: "4321", resetToken }), { IsPosted: true });
    assert.deepEqual(await dev.checkPin(apiKey, EMAIL, "4321"), { matches: true, pinChanges: 1 });

    // The SDK rejects with the envelope itself.
    await assert.rejects(pins.resetPINByResetToken({ pin: "8765", resetToken }), (error) => {
      assert.equal(error.ErrorCode, 403);
      assert.equal(error.Message, "The reset token has already been used");
      return true;
    });
    assert.deepEqual(await dev.checkPin(apiKey, EMAIL, "4321"), { matches: true, pinChanges: 1 });
  });
}

test("loginradius-sdk: the .NET/Java model's casing (PIN, ResetToken) and the PIN policy's 1134", { timeout: SETTLES_WITHIN_MS }, async () => {
  const { apiKey, pins } = await setUp();
  const { resetToken } = await dev.issueResetToken(apiKey, { email: EMAIL });
  await assert.rejects(pins.resetPINByResetToken({ PIN: "12", ResetToken: resetToken }), (error) => {
    assert.equal(error.ErrorCode, 1134);
    assert.deepEqual(error.Errors, [
      { FieldName: "pin", ErrorMessage: "The pin must be between 4 and 12 characters long." },
    ]);
    return true;
  });
  assert.deepEqual(await pins.resetPINByResetToken({ PIN: "1357", ResetToken: resetToken }), { IsPosted: true });
  assert.deepEqual(await dev.checkPin(apiKey, USERNAME, "1357"), { matches: true, pinChanges: 1 });
});
