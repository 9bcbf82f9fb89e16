// The demo page in this run's browser (LR_BROWSER: chromium, firefox or webkit; see
// engines/index.mjs) against the real mock server. The user's side is the element
// <loginradius-pin-reset>; these tests drive it as a person would and check the developer panels
// beside it: a reset by email, phone and username with the code read from the messages panel;
// the email's link followed from the panel, reset once, refused the second time; the fault
// simulator, a timeout and Cancel; the settings (language, identifiers, a wrong API key, the live
// service); the requests panel, which never shows a secret; a phone-width layout, axe-core, and a
// clean console under the strict CSP; and the page as scripts/demo.sh opens it.
// Run: node --test tests/browser/demo.test.mjs (WebKit: under `xvfb-run -a`; needs pkg/ from
// scripts/build.sh and the server binary)
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { axeViolations } from "./axe.mjs";
import {
  ENGINE,
  RESULTS_DIR,
  failedResetResponse,
  failedSendResponse,
  failedTokenResetResponse,
  recordPageProblems,
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
async function withDemo(body, { allowConsole, viewport } = {}) {
  const demo = await harness.openDemo({ viewport });
  try {
    await body(demo);
    assert.deepEqual(await demo.consoleProblems(allowConsole), [], "console problems");
  } finally {
    await demo.close();
  }
}

/** A control inside the element's shadow root (the first visible one that matches). */
const inElement = (page, selector) => page.locator(`[data-testid=element] >>> ${selector}`);
const text = (page, testid) => page.getByTestId(testid).textContent();

/** Chooses the identifier kind in the element, types the identifier and sends a code. */
async function sendCode(page, kind, identifier) {
  await inElement(page, `input[type=radio][value=${kind}]`).check();
  await inElement(page, "input[name=identifier]").fill(identifier);
  await inElement(page, "button.primary").click();
}

/** Waits until the element shows its error summary; returns its text. */
async function elementError(page) {
  await inElement(page, "[part=error-summary]").waitFor();
  return inElement(page, "[part=error-summary]").textContent();
}

/** Types the code and the new PIN and resets; waits for the element's outcome. */
async function resetWith(page, otp, pin) {
  await inElement(page, "input[name=otp]").fill(otp);
  await inElement(page, "input[name=pin]").fill(pin);
  await inElement(page, "button.primary").click();
}

/** Waits for the element's "done" step; returns the live region's words. */
async function done(page) {
  await page.waitForFunction(() =>
    /PIN was reset/.test(document.querySelector("[data-testid=element]").shadowRoot.querySelector("[role=status]").textContent),
  );
  return inElement(page, "[role=status]").textContent();
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

/** The requests panel, newest first: each request's text and its answer once it has one. */
async function requests(page, count) {
  await page.locator(`[data-testid=request]:nth-child(${count}) [data-testid=request-answer][data-status]`).waitFor({ state: "attached" });
  return page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=request]")].map((item) => ({
      request: item.querySelector("[data-testid=request-text]").textContent,
      answer: item.querySelector("[data-testid=request-answer]").textContent,
      status: item.querySelector("[data-testid=request-answer]").dataset.status,
    })),
  );
}

/** The events panel, newest first. */
function events(page) {
  return page.evaluate(() => [...document.querySelectorAll("[data-testid=event]")].map((item) => item.textContent));
}

/**
 * After a click that navigates (the email's link): waits until the new page has loaded the package
 * and its element shows the link's step. Evaluating during the navigation may throw, so it is retried.
 */
async function landed(page) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await page.driver
      .evaluate(`document.querySelector("[data-testid=load-status][data-state=ready]") !== null &&
        document.querySelector("[data-testid=element]").shadowRoot?.querySelector("input[name=token-pin]")?.checkVisibility() === true`)
      .catch(() => false);
    if (ready) {
      // Engines without init scripts (WebKit over WebDriver classic) record the new page's
      // problems from here on, as openDemo does after its first load.
      const recording = await page.driver.evaluate("Array.isArray(window.__pageProblems)");
      if (!recording) await page.driver.evaluate(`(${recordPageProblems})()`);
      return;
    }
    if (Date.now() > deadline) throw new Error("the link did not open the element's new-PIN step");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}-${ENGINE}.png`), fullPage: true });
}

describe(`demo page (${ENGINE})`, () => {
  // The send's path segment and the outbox channel of each identifier kind.
  const kinds = [
    { kind: "email", user: { email: "ada@example.com" }, path: "email", channel: "email", to: "ada@example.com" },
    { kind: "phone", user: { phone: "+919876543210" }, path: "otp", channel: "sms", to: "+919876543210" },
    { kind: "username", user: { username: "grace", email: "grace@example.com" }, path: "username", channel: "email", to: "grace@example.com" },
  ];
  for (const { kind, user, path: sendPath, channel, to } of kinds) {
    test(`reset by ${kind} in the element: the code from the messages panel; the requests, masked; the events`, async () => {
      await withDemo(async ({ page, apiKey }) => {
        await harness.dev.createUser(apiKey, { ...user, pin: "1111" });
        await sendCode(page, kind, user[kind]);
        await inElement(page, "input[name=otp]").waitFor();

        // The panel shows what the server sent, like a phone or an inbox.
        const message = await newestMessage(page);
        assert.deepEqual({ channel: message.channel, to: message.to }, { channel, to });
        assert.match(message.code, /^\d{6}$/);
        const [send] = await requests(page, 1);
        assert.ok(send.request.startsWith(`POST ${harness.url}/identity/v2/auth/pin/forgot/${sendPath}?apikey=${apiKey}`), send.request);
        assert.equal(send.status, "200");
        if (kind === "phone") await screenshot(page, "demo-messages");

        await resetWith(page, message.code, "4821");
        assert.equal(await done(page), "Your PIN was reset. Sign in with your new PIN.");
        assert.deepEqual(await harness.dev.checkPin(apiKey, user[kind], "4821"), { matches: true, pinChanges: 1 });

        const [reset] = await requests(page, 2);
        assert.ok(reset.request.startsWith(`PUT ${harness.url}/identity/v2/auth/pin/reset/otp/${kind}?apikey=${apiKey}\n`), reset.request);
        const body = JSON.parse(reset.request.slice(reset.request.indexOf("{")));
        assert.deepEqual(body, { otp: "•••", pin: "•••", [kind]: user[kind] });
        assert.match(reset.answer, /^Answered 200 after \d+ ms\.$/);
        const panels = await page.evaluate(() => document.querySelector(".side").textContent);
        assert.ok(!panels.includes("4821"), "the new PIN shows nowhere");
        assert.deepEqual(await events(page), [`pinreset by a code to the ${kind}`]);
        const snapshot = JSON.parse(await text(page, "snapshot"));
        assert.deepEqual({ step: snapshot.step, busy: snapshot.busy, error: snapshot.error }, { step: "done", busy: false, error: null });
        if (kind === "email") await screenshot(page, "demo-success");
      });
    });
  }

  test("voice call: offered in the settings, chosen in the element; the messages panel shows the call", async () => {
    await withDemo(async ({ page, apiKey }) => {
      await harness.dev.createUser(apiKey, { phone: "+919876543211", pin: "1111" });
      await page.getByTestId("offer-voice").click();
      assert.match(await text(page, "markup"), /^  voice$/m);
      await inElement(page, "input[type=radio][value=phone]").check();
      await inElement(page, "[part=channel] input[value=voice]").check();
      await inElement(page, "input[name=identifier]").fill("+919876543211");
      await inElement(page, "button.primary").click();
      const message = await newestMessage(page);
      assert.deepEqual({ channel: message.channel, to: message.to }, { channel: "voice", to: "+919876543211" });
      assert.equal(await text(page, "message-channel"), "Voice call");
      const [send] = await requests(page, 1);
      assert.match(send.request, /[?&]isvoiceotp=true/);
      await resetWith(page, message.code, "4821");
      await done(page);
      assert.equal((await harness.dev.checkPin(apiKey, "+919876543211", "4821")).matches, true);
    });
  });

  test("email link: the message's link opens the element on “choose a new PIN”, which resets once; the same link again is refused", async () => {
    await withDemo(
      async ({ page, apiKey }) => {
        const email = "link@example.com";
        await harness.dev.createUser(apiKey, { email, pin: "1111" });
        await sendCode(page, "email", email);

        // The element sends this page as resetPinUrl, so the email carries a link back to it.
        await page.getByTestId("message-link").waitFor();
        const [sent] = await harness.dev.outbox(apiKey);
        assert.equal(sent.resetPinLink, `${harness.url}/?vtoken=${sent.resetToken}`);
        assert.equal(await page.getByTestId("message-link").getAttribute("href"), sent.resetPinLink);

        await page.getByTestId("message-link").click();
        await landed(page);
        // The token left the address bar; the settings (the API key) came along; no account to choose.
        assert.equal(await page.evaluate(() => location.search), "");
        assert.equal(await page.getByTestId("apiKey").inputValue(), apiKey);
        assert.equal(await page.getByTestId("accounts").isHidden(), true);
        if (ENGINE === "chromium") await screenshot(page, "demo-link-step");

        await inElement(page, "input[name=token-pin]").fill("5173");
        await inElement(page, "button.primary").click();
        await done(page);
        assert.deepEqual(await harness.dev.checkPin(apiKey, email, "5173"), { matches: true, pinChanges: 1 });
        const [reset] = await requests(page, 1);
        assert.ok(reset.request.startsWith(`PUT ${harness.url}/identity/v2/auth/pin/reset/token?apikey=${apiKey}\n`), reset.request);
        assert.deepEqual(JSON.parse(reset.request.slice(reset.request.indexOf("{"))), { ResetToken: "•••", PIN: "•••" });
        assert.deepEqual(await events(page), ["pinreset by the email's link"]);

        // The same link again: refused, and the element says what to do.
        await page.driver.goto(sent.resetPinLink);
        await landed(page);
        await inElement(page, "input[name=token-pin]").fill("6284");
        await inElement(page, "button.primary").click();
        assert.match(await elementError(page), /This reset link no longer works\..*Ask for a new reset email\./);
        assert.equal((await harness.dev.checkPin(apiKey, email, "5173")).pinChanges, 1);
      },
      { allowConsole: failedTokenResetResponse(403) },
    );
  });

  test("fault simulator: a 500 with an HTML body, once; the element says so, the next send works", async () => {
    await withDemo(
      async ({ page, apiKey }) => {
        await harness.dev.createUser(apiKey, { email: "fault@example.com" });
        await page.getByTestId("fault").selectOption("html500");
        await sendCode(page, "email", "fault@example.com");
        assert.match(await elementError(page), /The server sent an answer we could not read\./);
        const [failed] = await requests(page, 1);
        assert.equal(failed.status, "500");
        assert.match(await text(page, "fault-status"), /“500 with an HTML body” armed for the request to \/identity\/v2\/auth\/pin\/forgot\/email\./);
        assert.equal(await page.getByTestId("fault").inputValue(), "", "a fault is armed once");
        assert.match((await events(page))[0], /^pinreseterror invalid_response: The server sent an answer we could not read\.$/);

        await inElement(page, "button.primary").click();
        await inElement(page, "input[name=otp]").waitFor();
        assert.equal((await requests(page, 2))[0].status, "200");
      },
      { allowConsole: failedSendResponse(500) },
    );
  });

  test("timeout and Cancel: a hanging server, the element's timeout from the settings, then Cancel", async () => {
    await withDemo(async ({ page, apiKey }) => {
      await harness.dev.createUser(apiKey, { email: "slow@example.com" });
      await page.getByTestId("timeoutMs").fill("500");
      assert.match(await text(page, "markup"), /element\.options = \{ timeoutMs: 500 \};/);
      await page.getByTestId("fault").selectOption("hang");
      await sendCode(page, "email", "slow@example.com");
      // A send that timed out may have sent a code: the element moves on to the code, and says so.
      assert.match(await elementError(page), /We are not sure the code was sent\./);
      const [timedOut] = await requests(page, 1);
      assert.match(timedOut.answer, /^No answer: the element stopped waiting after \d+ ms/);
      await screenshot(page, "demo-error-timeout");

      // Without a timeout (a new option: the element starts over), Cancel stops the wait.
      await page.getByTestId("timeoutMs").fill("");
      await inElement(page, "input[name=identifier]").waitFor();
      await page.getByTestId("fault").selectOption("hang");
      await sendCode(page, "email", "slow@example.com");
      await inElement(page, "[part=busy]").waitFor();
      await inElement(page, "button[data-t=cancel]").click();
      assert.match(await elementError(page), /You cancelled the request\./);
      assert.equal((await requests(page, 1))[0].status, "none");
    });
  });

  test("settings: the language, the identifiers offered and a wrong API key reach the element and its markup", async () => {
    await withDemo(async ({ page, apiKey }) => {
      await page.getByTestId("locale").selectOption("es");
      await page.waitForFunction(() =>
        document.querySelector("[data-testid=element]").shadowRoot.querySelector("legend").textContent === "Restablecer tu PIN con",
      );
      await page.getByTestId("offer-phone").click(); // unchecked
      await page.getByTestId("offer-username").click(); // unchecked
      assert.equal(await inElement(page, "[part=identifiers]").isHidden(), true, "one kind: no choice shown");
      const markup = await text(page, "markup");
      assert.match(markup, new RegExp(`api-key="${apiKey}"`));
      assert.match(markup, /identifiers="email"/);
      assert.match(markup, /locale="es"/);
      assert.match(markup, new RegExp(`reset-pin-url="${harness.url}/"`));

      // A wrong API key: the setting says what is wrong, and the element sends nothing.
      await page.getByTestId("apiKey").fill("not-a-key");
      assert.match(await text(page, "error-apiKey"), /^API key /);
      assert.equal(await page.getByTestId("apiKey").getAttribute("aria-invalid"), "true");
      await inElement(page, "input[name=identifier]").fill("ada@example.com");
      await inElement(page, "button.primary").click();
      assert.match(await elementError(page), /PIN reset is not set up correctly on this site|El restablecimiento del PIN no está/);
      assert.equal(await page.getByTestId("request").count(), 0);
    });
  });

  test("live service: the element sends to https://api.loginradius.com, and the page's CSP lets it", async () => {
    const live = "https://api.loginradius.com";
    // This machine cannot reach the service; were the request blocked by the page's CSP, the
    // console check (a CSP violation is never allowed) would fail.
    const toLiveService = (m) => m.url.startsWith(`${live}/`) || m.text.includes(live);
    await withDemo(
      async ({ page, apiKey }) => {
        await page.getByTestId("baseUrl").fill(live);
        await page.getByTestId("timeoutMs").fill("5000");
        for (const panel of ["messages", "accounts", "faults"]) assert.equal(await page.getByTestId(panel).isHidden(), true, panel);
        await sendCode(page, "email", "live@example.com");
        await page.getByTestId("event").waitFor();
        const [sent] = await requests(page, 1);
        assert.ok(sent.request.startsWith(`POST ${live}/identity/v2/auth/pin/forgot/email?apikey=${apiKey}`), sent.request);
        // No network here: network (or timeout); with one, the live service refuses this key (api).
        assert.match((await events(page))[0], /^pinreseterror /);
      },
      { allowConsole: toLiveService },
    );
    const header = (await fetch(harness.url)).headers.get("content-security-policy");
    assert.match(header, /connect-src [^;]*https:\/\/api\.loginradius\.com/);
  });

  // WebKit: MiniBrowser's window cannot be made narrower than its toolbar (447 px), and WebDriver
  // can only size the window, so there is no 375 px viewport to test.
  const phoneWidth = { skip: ENGINE === "webkit" && "MiniBrowser's window is at least 447 px wide" };
  test("phone width: readable at 375px without sideways scrolling, before and after an error", phoneWidth, async () => {
    await withDemo(
      async ({ page }) => {
        const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok((await overflow()) <= 0, "page is wider than the screen");
        await sendCode(page, "email", "nobody@example.com");
        await elementError(page);
        assert.ok((await overflow()) <= 0, "page with an error is wider than the screen");
        await screenshot(page, "demo-phone-width");
      },
      { viewport: { width: 375, height: 812 }, allowConsole: failedSendResponse(403) },
    );
  });

  test("console: the engine's own console shows no error or warning through a whole reset", async (t) => {
    const demo = await harness.openDemo();
    try {
      // Every test checks the page's own records (CSP violations, uncaught errors); the engine's
      // console adds the browser's messages, where the engine reports them.
      if (!demo.seesConsole) return t.skip(`${ENGINE}'s WebDriver (classic) has no console events: only the page's own records are checked`);
      const { page, apiKey } = demo;
      await harness.dev.createUser(apiKey, { email: "console@example.com" });
      await sendCode(page, "email", "console@example.com");
      await resetWith(page, (await newestMessage(page)).code, "4821");
      await done(page);
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

  test("accessibility: axe-core finds no violations on the whole page, with every panel filled", async () => {
    await withDemo(async ({ page, apiKey }) => {
      assert.deepEqual(await axeViolations(page), [], "on opening");
      await harness.dev.createUser(apiKey, { phone: "+919876543212" });
      await sendCode(page, "phone", "+919876543212");
      await newestMessage(page);
      await resetWith(page, "000000", "12");
      await elementError(page);
      await page.getByTestId("event").waitFor();
      assert.deepEqual(await axeViolations(page), [], "with messages, requests, events and an error");
    }, { allowConsole: failedResetResponse(403) });
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

  test("the element opens with an account filled in, and the first “Send me a code” works with no seeding", async () => {
    const demo = await demoHarness.openDemo({ ownTenant: false });
    try {
      const { page, apiKey } = demo;
      const accounts = await demoHarness.dev.accounts(apiKey);
      assert.equal(accounts.length, 3);
      // The page lists them, and the first is already in the element.
      await page.locator("[data-testid=account]:nth-child(3)").waitFor();
      const listed = [];
      for (let i = 1; i <= 3; i++) listed.push(await page.locator(`[data-testid=account]:nth-child(${i})`).textContent());
      assert.deepEqual(listed.map((line) => line.replace("Use this account", "").trim()), [
        "Email: ada@example.com",
        "Phone: +919876543210",
        "Username: grace",
      ]);
      await page.waitForFunction(
        () => document.querySelector("[data-testid=element]").shadowRoot?.querySelector("input[name=identifier]")?.value === "ada@example.com",
      );
      assert.equal(await inElement(page, "input[type=radio][value=email]").evaluate((el) => el.checked), true);

      // Straight away: send, read the code, choose a PIN of digits, reset.
      await inElement(page, "button.primary").click();
      const message = await newestMessage(page);
      assert.deepEqual({ channel: message.channel, to: message.to }, { channel: "email", to: "ada@example.com" });
      await resetWith(page, message.code, "4821");
      await done(page);
      assert.deepEqual(await demoHarness.dev.checkPin(apiKey, "ada@example.com", "4821"), { matches: true, pinChanges: 1 });
      await screenshot(page, "demo-first-contact");

      // "Use this account" on the phone: one click starts the element over with the number.
      await page.locator("[data-testid=account]:nth-child(2) [data-testid=use-account]").click();
      assert.equal(await inElement(page, "input[type=radio][value=phone]").evaluate((el) => el.checked), true);
      assert.equal(await inElement(page, "input[name=identifier]").inputValue(), "+919876543210");
      const focused = await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.getAttribute("name") ?? null);
      assert.equal(focused, "identifier", "focus moves to the element's field");
      await inElement(page, "button.primary").click();
      await inElement(page, "input[name=otp]").waitFor();
      const sms = (await demoHarness.dev.outbox(apiKey)).at(-1);
      assert.deepEqual({ channel: sms.channel, to: sms.to }, { channel: "sms", to: "+919876543210" });
      assert.deepEqual(await demo.consoleProblems(), [], "console problems");
    } finally {
      await demo.close();
    }
  });
});
