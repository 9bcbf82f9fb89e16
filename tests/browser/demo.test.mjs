// The demo page in this run's browser (LR_BROWSER: chromium, firefox or webkit; see
// engines/index.mjs) against the real mock server: the whole flow, every error kind, cancel, live
// validation, the masked preview, keyboard use, a phone-width layout, and a clean console under
// the strict CSP. Run: node --test tests/browser/demo.test.mjs (WebKit: under `xvfb-run -a`;
// needs pkg/ from scripts/build.sh and the server binary)
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  ENGINE,
  RESULTS_DIR,
  closedPort,
  failedResetResponse,
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

/** Clicks submit and waits until the outcome panel shows a result. */
async function submitAndWait(page) {
  await page.getByTestId("submit").click();
  await page.locator("[data-testid=outcome][data-state=success], [data-testid=outcome][data-state=error]").waitFor();
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
  test("full flow: send a code, choose a PIN, reset, see success", async () => {
    await withDemo(async ({ page, apiKey }) => {
      const email = "ada@example.com";
      await harness.dev.createUser(apiKey, { email, pin: "1111" });

      await page.getByTestId("identifier").fill(email);
      await page.getByTestId("send-code").click();
      await page.waitForFunction(() => /^[A-Za-z0-9]+$/.test(document.getElementById("otp").value));
      assert.match(await text(page, "send-code-status"), /filled in/);
      await page.getByTestId("pin").fill("4821");

      // The prepared request is complete and still shows no secret.
      const otp = await page.getByTestId("otp").inputValue();
      const preview = await text(page, "preview");
      assert.match(preview, /^PUT http:\/\/127\.0\.0\.1:\d+\/identity\/v2\/auth\/pin\/reset\/otp\/email\?apikey=/);
      assert.ok(!preview.includes(otp) && !preview.includes("4821"), preview);

      await submitAndWait(page);
      assert.equal(await outcome(page).getAttribute("data-state"), "success");
      assert.match(await text(page, "outcome-title"), /PIN was reset/);
      await screenshot(page, "demo-success");

      // The server really changed the PIN and logged the webhook.
      assert.deepEqual(await harness.dev.checkPin(apiKey, email, "4821"), { matches: true, pinChanges: 1 });
      assert.equal((await harness.dev.checkPin(apiKey, email, "1111")).matches, false);
      const { uid } = await harness.dev.user(apiKey, email);
      assert.deepEqual(await harness.dev.webhooks(apiKey), [{ event: "ResetPinByOtp", uid }]);
    });
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
        await fillForm(page, { email, otp, pin: "4821" });
        await openAdvanced(page);
        await page.getByTestId("baseUrl").fill(closed);
        // The dev-only helpers switch off for any server but the local one.
        assert.equal(await page.getByTestId("send-code").isDisabled(), true);
        assert.equal(await page.getByTestId("fault").isDisabled(), true);
        assert.ok((await text(page, "preview")).startsWith(`PUT ${closed}/identity/`));
        await submitAndWait(page);
        await expectErrorKind(page, "network");
        assert.equal(await text(page, "error-status"), "0 (no response)");
        assert.match(await text(page, "next-step"), /base URL/);
      },
      { allowConsole: refusedConnection(closed) },
    );
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

      await fillForm(page, { email: "mask@example.com", otp: "Zq81Xy", pin: "s3cr3t-Pin" });
      await openAdvanced(page);
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
});
