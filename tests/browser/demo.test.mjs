// The demo page in this run's browser (LR_BROWSER: chromium, firefox or webkit; see
// engines/index.mjs) against the real mock server: the whole flow by email, SMS and voice call
// (the code read from the messages panel), the email's link (followed from the panel to the
// landing step, reset, reused), every error kind of both steps, cancel, live
// validation, the masked preview of the next step, keyboard use, a phone-width layout, axe-core,
// and a clean console under the strict CSP. Run: node --test tests/browser/demo.test.mjs (WebKit:
// under `xvfb-run -a`; needs pkg/ from scripts/build.sh and the server binary)
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { axeViolations } from "./axe.mjs";
import {
  ENGINE,
  RESULTS_DIR,
  closedPort,
  failedResetResponse,
  failedSendResponse,
  failedTokenResetResponse,
  recordPageProblems,
  refusedConnection,
  startHarness,
} from "./harness.mjs";

let harness;

before(async () => {
  harness = await startHarness();
});

after(async () => {
  await harness?.close();
});

/**
 * Opens the demo on a fresh tenant, runs `body`, then asserts the console stayed clean apart from
 * the messages `allowConsole` expects. The page is closed whatever happens.
 */
async function withDemo(body, { allowConsole, viewport, tenantSettings } = {}) {
  const demo = await harness.openDemo({ viewport, tenantSettings });
  try {
    await body(demo);
    assert.deepEqual(await demo.consoleProblems(allowConsole), [], "console problems");
  } finally {
    await demo.close();
  }
}

async function fillForm(page, { email, otp, pin }) {
  if (email !== undefined) await page.getByTestId("identifier").fill(email);
  if (otp !== undefined) await page.getByTestId("otp").fill(otp);
  if (pin !== undefined) await page.getByTestId("pin").fill(pin);
}

async function openAdvanced(page) {
  const details = page.getByTestId("advanced");
  if (!(await details.evaluate((el) => el.open))) await page.locator("#advanced > summary").click();
}

/**
 * Clicks `button` and waits until the outcome panel shows a result. The click handler marks the
 * outcome busy before it returns, so an earlier result is never mistaken for this one.
 */
async function clickAndWait(page, button) {
  await page.getByTestId(button).click();
  await page.locator("[data-testid=outcome][data-state=success], [data-testid=outcome][data-state=error]").waitFor();
}

const submitAndWait = (page) => clickAndWait(page, "submit");
const sendCodeAndWait = (page) => clickAndWait(page, "send-code");

/** Picks the identifier kind (and for a phone, SMS or a voice call) and types the identifier. */
async function identify(page, { kind, identifier, voice = false }) {
  await page.getByTestId(`kind-${kind}`).check();
  if (kind === "phone") await page.getByTestId(voice ? "delivery-voice" : "delivery-sms").check();
  await page.getByTestId("identifier").fill(identifier);
}

/** The newest message in the panel, as the user reads it. */
async function newestMessage(page) {
  await page.getByTestId("message").waitFor();
  return {
    channel: await page.getByTestId("message").getAttribute("data-channel"),
    to: await text(page, "message-to"),
    code: await text(page, "message-code"),
  };
}

/**
 * After a click that navigates (the email's link): waits until the new page has loaded the package
 * and shows the link's step. Evaluating during the navigation may throw, so it is retried.
 */
async function landed(page) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await page.driver
      .evaluate(`document.querySelector("[data-testid=load-status][data-state=ready]") !== null &&
        document.body.dataset.step === "link"`)
      .catch(() => false);
    if (ready) {
      // Engines without init scripts (WebKit over WebDriver classic) record the new page's
      // problems from here on, as openDemo does after its first load.
      const recording = await page.driver.evaluate("Array.isArray(window.__pageProblems)");
      if (!recording) await page.driver.evaluate(`(${recordPageProblems})()`);
      return;
    }
    if (Date.now() > deadline) throw new Error("the link did not open the landing step");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const outcome = (page) => page.getByTestId("outcome");
const text = (page, testid) => page.getByTestId(testid).textContent();

async function expectErrorKind(page, kind) {
  assert.equal(await outcome(page).getAttribute("data-state"), "error");
  assert.equal(await outcome(page).getAttribute("data-kind"), kind);
  assert.equal(await text(page, "error-kind"), kind);
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}-${ENGINE}.png`), fullPage: true });
}

/** A user with a known old PIN and a known OTP, so each test controls the code it types. */
async function seedUser(apiKey, email, otp = "314159") {
  await harness.dev.createUser(apiKey, { email, pin: "1111" });
  await harness.dev.issueOtp(apiKey, { email, otp });
  return { email, otp };
}

describe(`demo page (${ENGINE})`, () => {
  // The send's path segment and the outbox channel of each way to get a code.
  const deliveries = [
    { name: "email", kind: "email", identifier: "ada@example.com", path: "email", channel: "email", label: "Email" },
    { name: "SMS", kind: "phone", identifier: "+919876543210", path: "otp", channel: "sms", label: "SMS" },
    { name: "voice call", kind: "phone", identifier: "+919876543211", voice: true, path: "otp", channel: "voice", label: "Voice call" },
  ];
  for (const delivery of deliveries) {
    test(`full flow by ${delivery.name}: send a code, read it in the messages panel, reset; reusing the code shows 1068`, async () => {
      await withDemo(
        async ({ page, apiKey }) => {
          const { kind, identifier } = delivery;
          await harness.dev.createUser(apiKey, { [kind]: identifier, pin: "1111" });
          await identify(page, delivery);

          // Before a code is typed the preview shows the send.
          const sendPreview = await text(page, "preview");
          const sendUrl = `POST ${harness.url}/identity/v2/auth/pin/forgot/${delivery.path}?apikey=${apiKey}`;
          assert.ok(sendPreview.startsWith(sendUrl), sendPreview);
          assert.equal(sendPreview.includes("isvoiceotp=true"), delivery.voice === true, sendPreview);
          assert.equal(await text(page, "preview-call"), "sendResetPinOtp");

          await sendCodeAndWait(page);
          assert.equal(await outcome(page).getAttribute("data-state"), "success");
          assert.match(await text(page, "outcome-title"), /code is on its way/);
          assert.match(await text(page, "next-step"), /Messages, local server only/);

          // The panel shows what the server sent, like a phone or an inbox; nothing filled the form.
          const message = await newestMessage(page);
          assert.deepEqual(
            { channel: message.channel, to: message.to },
            { channel: delivery.channel, to: identifier },
          );
          assert.equal(await text(page, "message-channel"), delivery.label);
          assert.match(message.code, /^\d{6}$/);
          const [sent] = await harness.dev.outbox(apiKey);
          assert.deepEqual({ channel: sent.channel, otp: sent.otp }, { channel: delivery.channel, otp: message.code });
          assert.equal(await page.getByTestId("otp").inputValue(), "");
          if (delivery.name === "SMS") await screenshot(page, "demo-messages");

          // With the code typed, the preview moves on to the reset, still without a secret.
          await page.getByTestId("otp").fill(message.code);
          await page.getByTestId("pin").fill("4821");
          const resetPreview = await text(page, "preview");
          assert.ok(resetPreview.startsWith(`PUT ${harness.url}/identity/v2/auth/pin/reset/otp/${kind}?apikey=`), resetPreview);
          assert.ok(!resetPreview.includes(message.code) && !resetPreview.includes("4821"), resetPreview);
          assert.equal(await text(page, "preview-call"), "resetPinWithOtp");

          await submitAndWait(page);
          assert.equal(await outcome(page).getAttribute("data-state"), "success");
          assert.match(await text(page, "outcome-title"), /PIN was reset/);
          if (delivery.name === "email") await screenshot(page, "demo-success");
          assert.deepEqual(await harness.dev.checkPin(apiKey, identifier, "4821"), { matches: true, pinChanges: 1 });
          const { uid } = await harness.dev.user(apiKey, identifier);
          assert.deepEqual(await harness.dev.webhooks(apiKey), [{ event: "ResetPinByOtp", uid }]);

          // The same code a second time: used up.
          await submitAndWait(page);
          await expectErrorKind(page, "api");
          assert.equal(await text(page, "error-errorCode"), "1068");
          assert.match(await text(page, "next-step"), /already used: press “Send me a code”/);
          assert.equal((await harness.dev.checkPin(apiKey, identifier, "4821")).pinChanges, 1);
        },
        { allowConsole: failedResetResponse(403) },
      );
    });
  }

  test("email link: the panel shows it; followed, the page asks for a new PIN only, resets once, and a reuse says to start over", async () => {
    await withDemo(
      async ({ page, apiKey }) => {
        const email = "link@example.com";
        await harness.dev.createUser(apiKey, { email, pin: "1111" });
        await identify(page, { kind: "email", identifier: email });
        await sendCodeAndWait(page);
        assert.equal(await outcome(page).getAttribute("data-state"), "success");

        // The email carries the code and, the page being prefilled as resetPinUrl, its link.
        const [sent] = await harness.dev.outbox(apiKey);
        assert.equal(sent.resetPinLink, `${harness.url}/?vtoken=${sent.resetToken}`);
        const link = page.getByTestId("message-link");
        assert.equal(await link.getAttribute("href"), sent.resetPinLink);
        assert.equal(await link.textContent(), "Choose a new PIN");

        await link.click();
        await landed(page);
        // The token left the address bar; the API key that asked for the email came along.
        assert.equal(await page.evaluate(() => location.search), "");
        assert.equal(await page.getByTestId("apiKey").inputValue(), apiKey);
        await openAdvanced(page);
        for (const hidden of ["identifier", "otp", "send-code", "kind-email", "type", "accounts"]) {
          assert.equal(await page.getByTestId(hidden).isHidden(), true, hidden);
        }
        assert.equal(await page.getByTestId("xPreventWebhook").isHidden(), false);
        assert.equal(await text(page, "preview-call"), "resetPinWithToken");
        await page.getByTestId("pin").fill("5173");
        await page.getByTestId("xPreventWebhook").selectOption("false");
        const preview = await text(page, "preview");
        assert.ok(preview.startsWith(`PUT ${harness.url}/identity/v2/auth/pin/reset/token?apikey=${apiKey}\n`), preview);
        assert.match(preview, /^X-PreventWebhook: false$/m);
        assert.deepEqual(JSON.parse(preview.slice(preview.indexOf("{"))), { ResetToken: "•••", PIN: "•••" });
        if (ENGINE === "chromium") await screenshot(page, "demo-link-step");

        await submitAndWait(page);
        assert.equal(await outcome(page).getAttribute("data-state"), "success");
        assert.match(await text(page, "outcome-title"), /PIN was reset/);
        assert.match(await text(page, "next-step"), /link you followed cannot be used again/);
        assert.deepEqual(await harness.dev.checkPin(apiKey, email, "5173"), { matches: true, pinChanges: 1 });
        const { uid } = await harness.dev.user(apiKey, email);
        assert.deepEqual(await harness.dev.webhooks(apiKey), [{ event: "ResetPinByResetToken", uid }]);

        // The same link again: refused, and the page says what to do.
        await page.getByTestId("pin").fill("6284");
        await submitAndWait(page);
        await expectErrorKind(page, "api");
        assert.equal(await text(page, "error-status"), "403");
        assert.match(await outcome(page).textContent(), /already been used/);
        assert.match(await text(page, "next-step"), /start over, ask for a new email/);
        assert.equal(await page.getByTestId("start-over").getAttribute("href"), "/");
        assert.equal((await harness.dev.checkPin(apiKey, email, "5173")).pinChanges, 1);
      },
      { allowConsole: failedTokenResetResponse(403) },
    );
  });

  test("send: an unknown user (938) is shown like any refused request", async () => {
    await withDemo(
      async ({ page, apiKey }) => {
        await identify(page, { kind: "email", identifier: "nobody@example.com" });
        await sendCodeAndWait(page);
        await expectErrorKind(page, "api");
        assert.match(await text(page, "outcome-title"), /refused to send a code/);
        assert.equal(await text(page, "error-status"), "403");
        assert.equal(await text(page, "error-errorCode"), "938");
        assert.match(await text(page, "next-step"), /No account has this identifier/);
        assert.deepEqual(await harness.dev.outbox(apiKey), []);
        assert.equal(await page.getByTestId("message").count(), 0);
      },
      { allowConsole: failedSendResponse(403) },
    );
  });

  test("send: invalid options flag only the send's fields, and nothing is sent", async () => {
    await withDemo(async ({ page, apiKey }) => {
      await page.getByTestId("kind-phone").check();
      await sendCodeAndWait(page);
      await expectErrorKind(page, "validation");
      assert.match(await text(page, "error-identifier"), /is required/);
      assert.equal(await page.evaluate(() => document.activeElement.id), "identifier");
      // The code and the PIN belong to the next step: not flagged yet.
      assert.equal(await page.getByTestId("error-otp").isHidden(), true);
      assert.equal(await page.getByTestId("error-pin").isHidden(), true);
      assert.deepEqual(await harness.dev.outbox(apiKey), []);
    });
  });

  test("send: a server fault (500 with HTML) is an invalid_response, as for the reset", async () => {
    await withDemo(
      async ({ page }) => {
        await identify(page, { kind: "email", identifier: "fault@example.com" });
        await openAdvanced(page);
        await page.getByTestId("fault").selectOption("html500");
        await sendCodeAndWait(page);
        await expectErrorKind(page, "invalid_response");
        assert.equal(await text(page, "error-status"), "500");
      },
      { allowConsole: failedSendResponse(500) },
    );
  });

  test("validation: submitting an empty form shows the package's issues next to each field", async () => {
    await withDemo(async ({ page }) => {
      // Nothing is flagged before the user has touched or submitted anything.
      assert.equal(await page.locator("[aria-invalid=true]").count(), 0);
      await submitAndWait(page);
      await expectErrorKind(page, "validation");
      assert.equal(await text(page, "error-status"), "0 (no response)");
      for (const field of ["identifier", "otp", "pin"]) {
        await assert.doesNotReject(page.getByTestId(`error-${field}`).waitFor());
        assert.match(await text(page, `error-${field}`), /is required/);
        assert.equal(await page.getByTestId(field).getAttribute("aria-invalid"), "true");
      }
      assert.match(await text(page, "error-issues"), /otp/);
      assert.match(await text(page, "next-step"), /Fix the highlighted fields/);
      // Focus moves to the first field to fix.
      assert.equal(await page.evaluate(() => document.activeElement.id), "identifier");
      await screenshot(page, "demo-error-validation");
    });
  });

  test("api: a wrong code shows 1067 and suggests a new code", async () => {
    await withDemo(
      async ({ page, apiKey }) => {
        const { email } = await seedUser(apiKey, "grace@example.com", "314159");
        await fillForm(page, { email, otp: "271828", pin: "4821" });
        await submitAndWait(page);
        await expectErrorKind(page, "api");
        assert.equal(await text(page, "error-status"), "403");
        assert.equal(await text(page, "error-errorCode"), "1067");
        assert.ok((await text(page, "error-description")).length > 0);
        assert.match(await text(page, "next-step"), /Send me a code/);
        await screenshot(page, "demo-error-api");
        assert.equal((await harness.dev.checkPin(apiKey, email, "1111")).matches, true);
      },
      { allowConsole: failedResetResponse(403) },
    );
  });

  test("api: a lockout (1198) says until when to wait", async () => {
    await withDemo(
      async ({ page, apiKey }) => {
        const { email } = await seedUser(apiKey, "locked@example.com", "314159");
        await fillForm(page, { email, otp: "271828", pin: "4821" });
        await submitAndWait(page);
        await expectErrorKind(page, "api");
        assert.equal(await text(page, "error-errorCode"), "1198");
        assert.match(await text(page, "error-data"), /LoginLockedTimeout/);
        assert.match(await text(page, "next-step"), /locked this account\. Wait until /);
      },
      // The first wrong code locks the user, so one submit shows the lockout.
      { allowConsole: failedResetResponse(403), tenantSettings: { maxOtpAttempts: 1 } },
    );
  });

  test("api: a rate limit shows how long to wait", async () => {
    await withDemo(
      async ({ page, apiKey }) => {
        const { email, otp } = await seedUser(apiKey, "rate@example.com");
        await fillForm(page, { email, otp, pin: "4821" });
        await openAdvanced(page);
        await page.getByTestId("fault").selectOption("rateLimited");
        await submitAndWait(page);
        await expectErrorKind(page, "api");
        assert.equal(await text(page, "error-status"), "429");
        assert.equal(await text(page, "error-retryAfter"), "7 s");
        assert.match(await text(page, "next-step"), /wait 7 seconds/);
      },
      { allowConsole: failedResetResponse(429) },
    );
  });

  test("network: a base URL where nothing listens", async () => {
    // Not port 1: Chromium refuses "unsafe" ports before dialling; a freed port is really closed.
    const closed = `http://127.0.0.1:${await closedPort()}`;
    await withDemo(
      async ({ page, apiKey }) => {
        const { email, otp } = await seedUser(apiKey, "net@example.com");
        await fillForm(page, { email });
        await openAdvanced(page);
        await page.getByTestId("baseUrl").fill(closed);
        // The development helpers switch off for any server but the local one; sending does not.
        assert.equal(await page.getByTestId("messages").isHidden(), true);
        assert.equal(await page.getByTestId("fault").isDisabled(), true);
        assert.equal(await page.getByTestId("send-code").isEnabled(), true);
        assert.ok((await text(page, "preview")).startsWith(`POST ${closed}/identity/v2/auth/pin/forgot/email?`));
        await sendCodeAndWait(page);
        await expectErrorKind(page, "network");

        await fillForm(page, { otp, pin: "4821" });
        assert.ok((await text(page, "preview")).startsWith(`PUT ${closed}/identity/`));
        await submitAndWait(page);
        await expectErrorKind(page, "network");
        assert.equal(await text(page, "error-status"), "0 (no response)");
        assert.match(await text(page, "next-step"), /base URL/);
      },
      { allowConsole: refusedConnection(closed) },
    );
  });

  test("live service: the page sends to https://api.loginradius.com, and its CSP lets it", async () => {
    const live = "https://api.loginradius.com";
    // This machine cannot reach the service; were the request blocked by the page's CSP, the
    // console check (a CSP violation is never allowed) would fail.
    const toLiveService = (m) => m.url.startsWith(`${live}/`) || m.text.includes(live);
    await withDemo(
      async ({ page, apiKey }) => {
        await fillForm(page, { email: "live@example.com" });
        await openAdvanced(page);
        await page.getByTestId("baseUrl").fill(live);
        await page.getByTestId("timeoutMs").fill("5000");
        assert.equal(await page.getByTestId("messages").isHidden(), true);
        assert.ok((await text(page, "preview")).startsWith(`POST ${live}/identity/v2/auth/pin/forgot/email?apikey=${apiKey}`));
        await sendCodeAndWait(page);
        // No network here: network (or timeout); with one, the live service refuses this key (api).
        assert.ok(["network", "timeout", "api"].includes(await outcome(page).getAttribute("data-kind")));
        await fillForm(page, { otp: "123456", pin: "4821" });
        assert.ok((await text(page, "preview")).startsWith(`PUT ${live}/identity/v2/auth/pin/reset/otp/email?apikey=`));
      },
      { allowConsole: toLiveService },
    );
    const header = (await fetch(harness.url)).headers.get("content-security-policy");
    assert.match(header, /connect-src [^;]*https:\/\/api\.loginradius\.com/);
  });

  test("timeout: the server hangs longer than timeoutMs", async () => {
    await withDemo(async ({ page, apiKey }) => {
      const { email, otp } = await seedUser(apiKey, "slow@example.com");
      await fillForm(page, { email, otp, pin: "4821" });
      await openAdvanced(page);
      await page.getByTestId("timeoutMs").fill("500");
      await page.getByTestId("fault").selectOption("hang");
      await submitAndWait(page);
      await expectErrorKind(page, "timeout");
      assert.match(await text(page, "next-step"), /request a new code/i);
      await screenshot(page, "demo-error-timeout");
    });
  });

  test("cancel: the Cancel button aborts a call in flight and the busy state ends", async () => {
    await withDemo(async ({ page, apiKey }) => {
      const { email, otp } = await seedUser(apiKey, "cancel@example.com");
      await fillForm(page, { email, otp, pin: "4821" });
      await openAdvanced(page);
      await page.getByTestId("fault").selectOption("hang");
      assert.equal(await page.getByTestId("cancel").isDisabled(), true);

      await page.getByTestId("submit").click();
      await page.getByTestId("busy").waitFor({ state: "visible" });
      assert.equal(await page.getByTestId("reset-form").getAttribute("aria-busy"), "true");
      assert.equal(await page.getByTestId("submit").isDisabled(), true);
      assert.equal(await outcome(page).getAttribute("data-state"), "busy");

      await page.getByTestId("cancel").click();
      await page.locator("[data-testid=outcome][data-state=error]").waitFor();
      await expectErrorKind(page, "aborted");
      assert.match(await text(page, "next-step"), /Nothing more will happen/);
      assert.equal(await page.getByTestId("busy").isHidden(), true);
      assert.equal(await page.getByTestId("reset-form").getAttribute("aria-busy"), "false");
      assert.equal(await page.getByTestId("submit").isEnabled(), true);
      assert.equal(await page.getByTestId("cancel").isDisabled(), true);
      assert.equal((await harness.dev.checkPin(apiKey, email, "1111")).matches, true);
    });
  });

  test("api: the server's policy messages join ours without doubled punctuation (no “digits..”)", async () => {
    await withDemo(
      async ({ page, apiKey }) => {
        const { email, otp } = await seedUser(apiKey, "dots@example.com");
        // Too short and with a letter: both of the mock's PIN policy messages, each ending in ".".
        await fillForm(page, { email, otp, pin: "1a" });
        await submitAndWait(page);
        await expectErrorKind(page, "api");
        assert.equal(await text(page, "error-errorCode"), "1134");
        const issues = await page.locator("[data-testid=error-issues] li").count();
        assert.equal(issues, 2);
        const shown = await text(page, "error-issues");
        assert.match(shown, /New PIN \(pin\) The pin may contain only digits\.(?!\.)/);
        assert.match(shown, /characters long\.(?!\.)/);
        for (const testid of ["outcome-body", "error-message", "next-step"]) {
          assert.doesNotMatch(await text(page, testid), /[.!?]\./, testid);
        }
      },
      { allowConsole: failedResetResponse(400) },
    );
  });

  test("invalid_response: a 500 with an HTML body", async () => {
    await withDemo(
      async ({ page, apiKey }) => {
        const { email, otp } = await seedUser(apiKey, "html@example.com");
        await fillForm(page, { email, otp, pin: "4821" });
        await openAdvanced(page);
        await page.getByTestId("fault").selectOption("html500");
        await submitAndWait(page);
        await expectErrorKind(page, "invalid_response");
        assert.equal(await text(page, "error-status"), "500");
        assert.match(await text(page, "next-step"), /base URL/);
      },
      { allowConsole: failedResetResponse(500) },
    );
  });

  test("live validation: messages appear and disappear as the user types", async () => {
    await withDemo(async ({ page }) => {
      const identifier = page.getByTestId("identifier");
      const error = page.getByTestId("error-identifier");
      assert.equal(await error.isHidden(), true);

      await identifier.pressSequentially("not-an-email");
      await error.waitFor({ state: "visible" });
      assert.match(await error.textContent(), /^Email must be an email address/);
      assert.equal(await identifier.getAttribute("aria-invalid"), "true");
      assert.match(await identifier.getAttribute("aria-describedby"), /\bidentifier-error\b/);

      await identifier.fill("ok@example.com");
      await error.waitFor({ state: "hidden" });
      assert.equal(await identifier.getAttribute("aria-invalid"), null);

      // Switching to phone re-checks the same text under the new rules.
      await page.getByTestId("kind-phone").check();
      await error.waitFor({ state: "visible" });
      assert.match(await error.textContent(), /^Phone must be 5 to 15 digits/);
      await identifier.fill("+919876543210");
      await error.waitFor({ state: "hidden" });

      const pinError = page.getByTestId("error-pin");
      await page.getByTestId("pin").pressSequentially("12 34");
      await pinError.waitFor({ state: "visible" });
      assert.match(await pinError.textContent(), /spaces/);
      await page.getByTestId("pin").fill("1234");
      await pinError.waitFor({ state: "hidden" });

      await openAdvanced(page);
      const timeoutError = page.getByTestId("error-timeoutMs");
      await page.getByTestId("timeoutMs").fill("0");
      await timeoutError.waitFor({ state: "visible" });
      await page.getByTestId("timeoutMs").fill("2000");
      await timeoutError.waitFor({ state: "hidden" });

      // Fields the user never touched (the OTP) stay quiet until a submit.
      assert.equal(await page.getByTestId("error-otp").isHidden(), true);
    });
  });

  test("request preview: shows method, URL, headers and body, never the PIN or the code", async () => {
    await withDemo(async ({ page, apiKey }) => {
      const preview = page.getByTestId("preview");
      assert.match(await preview.textContent(), /^No request yet/);

      // No code typed yet: the next step is the send, with the email's delivery options.
      await fillForm(page, { email: "mask@example.com", pin: "s3cr3t-Pin" });
      await openAdvanced(page);
      await page.getByTestId("emailTemplate").fill("pin-reset");
      await page.getByTestId("resetPinUrl").fill("https://example.com/reset?x=1");
      const send = await preview.textContent();
      assert.equal(
        send.split("\n")[0],
        `POST ${harness.url}/identity/v2/auth/pin/forgot/email?apikey=${apiKey}&emailtemplate=pin-reset&resetpinurl=https%3A%2F%2Fexample.com%2Freset%3Fx%3D1`,
      );
      assert.deepEqual(JSON.parse(send.slice(send.indexOf("{"))), { email: "mask@example.com" });
      assert.ok(!send.includes("s3cr3t-Pin"), send);

      await fillForm(page, { otp: "Zq81Xy" });
      await page.getByTestId("xPreventWebhook").selectOption("true");
      await page.getByTestId("preventWebhook").selectOption("false");
      await page.getByTestId("hCaptchaResponse").fill("tok");

      const shown = await preview.textContent();
      assert.ok(shown.startsWith(`PUT ${harness.url}/identity/v2/auth/pin/reset/otp/email?apikey=${apiKey}`), shown);
      assert.match(shown, /prevent_webhook=false/);
      assert.match(shown, /h-captcha-response=tok/);
      assert.match(shown, /^Content-Type: application\/json$/m);
      assert.match(shown, /^Accept: application\/json$/m);
      assert.match(shown, /^X-PreventWebhook: true$/m);
      const body = JSON.parse(shown.slice(shown.indexOf("{")));
      assert.deepEqual(body, { otp: "•••", pin: "•••", email: "mask@example.com" });

      // Each keystroke re-renders the preview; no intermediate state leaks either.
      const pin = page.getByTestId("pin");
      await pin.fill("");
      for (const char of "Qw9!") {
        await pin.press(char);
        const now = await preview.textContent();
        assert.ok(!now.includes("Zq81Xy") && !/Qw/.test(now), now);
      }
    });
  });

  test("keyboard: open the advanced options and submit without a mouse", async () => {
    await withDemo(async ({ page, apiKey }) => {
      const { email, otp } = await seedUser(apiKey, "keys@example.com");
      await page.getByTestId("identifier").focus();
      await page.keyboard.type(email);
      await page.keyboard.press("Tab"); // one-time code
      await page.keyboard.type(otp);
      await page.keyboard.press("Tab"); // Send me a code
      await page.keyboard.press("Tab"); // new PIN
      await page.keyboard.type("4821");
      assert.equal(await page.evaluate(() => document.activeElement.id), "pin");

      await page.keyboard.press("Tab"); // API key
      await page.keyboard.press("Tab"); // Advanced options summary
      await page.keyboard.press("Enter");
      assert.equal(await page.getByTestId("advanced").evaluate((el) => el.open), true);

      await page.getByTestId("pin").focus();
      await page.keyboard.press("Enter");
      await page.locator("[data-testid=outcome][data-state=success]").waitFor();
      assert.equal((await harness.dev.checkPin(apiKey, email, "4821")).matches, true);
    });
  });

  // WebKit: MiniBrowser's window cannot be made narrower than its toolbar (447 px), and WebDriver
  // can only size the window, so there is no 375 px viewport to test.
  const phoneWidth = { skip: ENGINE === "webkit" && "MiniBrowser's window is at least 447 px wide" };
  test("phone width: readable at 375px without sideways scrolling", phoneWidth, async () => {
    await withDemo(
      async ({ page }) => {
        await openAdvanced(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
        await submitAndWait(page);
        const after = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(after <= 0, `page with an outcome is ${after}px wider than the screen`);
        await screenshot(page, "demo-phone-width");
      },
      { viewport: { width: 375, height: 812 } },
    );
  });

  test("console: the engine's own console shows no error or warning through a whole flow", async (t) => {
    const demo = await harness.openDemo();
    try {
      // Every test checks the page's own records (CSP violations, uncaught errors); the engine's
      // console adds the browser's messages, where the engine reports them.
      if (!demo.seesConsole) return t.skip(`${ENGINE}'s WebDriver (classic) has no console events: only the page's own records are checked`);
      const { page, apiKey } = demo;
      const email = "console@example.com";
      await harness.dev.createUser(apiKey, { email });
      await fillForm(page, { email });
      await sendCodeAndWait(page);
      await fillForm(page, { otp: (await newestMessage(page)).code, pin: "4821" });
      await submitAndWait(page);
      assert.equal(await outcome(page).getAttribute("data-state"), "success");
      assert.deepEqual(await demo.consoleProblems(), []);
      // The recorder sees what the page logs, so the empty list above means something.
      await page.evaluate(() => console.warn("probe from the test"));
      let problems = [];
      for (let tries = 0; tries < 100 && problems.length === 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50)); // the event arrives after the call
        problems = await demo.consoleProblems();
      }
      assert.ok(problems.some((p) => p.includes("probe from the test")), JSON.stringify(problems));
    } finally {
      await demo.close();
    }
  });

  test("accessibility: axe-core finds no violations with the advanced options and the messages open", async () => {
    await withDemo(async ({ page, apiKey }) => {
      await harness.dev.createUser(apiKey, { phone: "+919876543212" });
      await identify(page, { kind: "phone", identifier: "+919876543212", voice: true });
      await sendCodeAndWait(page);
      await newestMessage(page);
      await openAdvanced(page);
      assert.deepEqual(await axeViolations(page), []);
      // The email's own delivery options instead of the phone's.
      await page.getByTestId("kind-email").check();
      assert.deepEqual(await axeViolations(page), []);
    });
  });
});

// The demo as `scripts/demo.sh` starts it: the server with --demo-accounts, the page on the
// default tenant, nothing seeded by the test.
describe(`first contact: the demo as scripts/demo.sh starts it (${ENGINE})`, () => {
  let demoHarness;

  before(async () => {
    demoHarness = await startHarness({ serverArgs: ["--demo-accounts"] });
  });

  after(async () => {
    await demoHarness?.close();
  });

  test("the form opens with an account filled in, and the first “Send me a code” works with no seeding", async () => {
    const demo = await demoHarness.openDemo({ ownTenant: false });
    try {
      const { page, apiKey } = demo;
      const accounts = await demoHarness.dev.accounts(apiKey);
      assert.equal(accounts.length, 3);
      // The page lists them, and the first is already in the form.
      await page.locator("[data-testid=account]:nth-child(3)").waitFor();
      const listed = [];
      for (let i = 1; i <= 3; i++) listed.push(await page.locator(`[data-testid=account]:nth-child(${i})`).textContent());
      assert.deepEqual(listed.map((line) => line.replace("Use this account", "").trim()), [
        "Email: ada@example.com",
        "Phone: +919876543210",
        "Username: grace",
      ]);
      assert.equal(await page.getByTestId("identifier").inputValue(), "ada@example.com");
      assert.equal(await page.getByTestId("kind-email").evaluate((el) => el.checked), true);

      // Straight away: send, read the code, choose a PIN of digits, reset.
      await sendCodeAndWait(page);
      assert.equal(await outcome(page).getAttribute("data-state"), "success");
      const message = await newestMessage(page);
      assert.deepEqual({ channel: message.channel, to: message.to }, { channel: "email", to: "ada@example.com" });
      await fillForm(page, { otp: message.code, pin: "4821" });
      await submitAndWait(page);
      assert.equal(await outcome(page).getAttribute("data-state"), "success");
      assert.match(await text(page, "outcome-title"), /PIN was reset/);
      assert.deepEqual(await demoHarness.dev.checkPin(apiKey, "ada@example.com", "4821"), { matches: true, pinChanges: 1 });
      await screenshot(page, "demo-first-contact");

      // "Use this account" on the phone: one click fills the kind and the number.
      await page.locator("[data-testid=account]:nth-child(2) [data-testid=use-account]").click();
      assert.equal(await page.getByTestId("kind-phone").evaluate((el) => el.checked), true);
      assert.equal(await page.getByTestId("identifier").inputValue(), "+919876543210");
      await sendCodeAndWait(page);
      assert.equal(await outcome(page).getAttribute("data-state"), "success");
      const sms = (await demoHarness.dev.outbox(apiKey)).at(-1);
      assert.deepEqual({ channel: sms.channel, to: sms.to }, { channel: "sms", to: "+919876543210" });
      assert.deepEqual(await demo.consoleProblems(), [], "console problems");
    } finally {
      await demo.close();
    }
  });
});
