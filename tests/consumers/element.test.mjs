// <loginradius-pin-reset> in a plain page (tests/consumers/plain/element.html: the element and one
// import of the installed package's element.js, no bundler), in Chromium against the mock: a PIN
// reset by email (keyboard only), phone and username; the events; errors tied to their fields, the
// error summary focused, the live region; axe-core with 0 violations in the light and dark schemes
// and at 320 px; ::part() and the custom properties; reduced motion; a locale.
// Run: node --test tests/consumers/element.test.mjs (needs pkg/ built by scripts/build.sh).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { CONSUMERS, consumerSuite, startStaticServer } from "./lib.mjs";

const suite = consumerSuite(["plain"]);
const AXE = path.join(CONSUMERS, "../../node_modules/axe-core/axe.min.js");
const EMAIL = "ada@example.com";
const PHONE = "+919876543210";
const USERNAME = "ada";
let staticServer;

before(async () => {
  staticServer = await startStaticServer(CONSUMERS);
});
after(async () => {
  await staticServer?.close();
});

/** A fresh tenant with one user holding every identifier (old PIN 1111). */
async function seedUser() {
  const { dev, url } = suite.harness;
  const apiKey = await dev.createTenant({ rateLimit: 0 });
  await dev.createUser(apiKey, { email: EMAIL, phone: PHONE, username: USERNAME, pin: "1111" });
  return { apiKey, baseUrl: url };
}

/** The answers the tests cause on purpose (a wrong code, an unknown account) log a failed load. */
const expected = (line) => /status of (403|400)/.test(line);

/**
 * Opens the page with the element for `seeded` (and any other attributes), records the events that
 * reach `document` and the page's problems. Resolves with { page, element, problems }.
 */
async function openElement(seeded, attributes = {}, { colorScheme = "light", width = 1024 } = {}) {
  const page = await suite.harness.context.newPage();
  await page.setViewportSize({ width, height: 800 });
  await page.emulateMedia({ colorScheme });
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (["error", "warning"].includes(message.type()) && !expected(message.text())) problems.push(message.text());
  });
  const query = new URLSearchParams({ "api-key": seeded.apiKey, "base-url": seeded.baseUrl, ...attributes });
  await page.goto(`${staticServer.url}/plain/element.html?${query}`);
  await page.waitForFunction(() => document.querySelector("loginradius-pin-reset")?.shadowRoot?.querySelector("form"));
  await page.evaluate(() => {
    window.__events = [];
    for (const type of ["pinreset", "pinreseterror"]) {
      document.addEventListener(type, (event) =>
        window.__events.push({ type, detail: event.detail, bubbles: event.bubbles, composed: event.composed }),
      );
    }
  });
  return { page, element: page.locator("loginradius-pin-reset"), problems };
}

async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: await readFile(AXE, "utf8") });
  return page.evaluate(() =>
    window.axe.run(document).then((results) =>
      results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })),
    ),
  );
}

/** The element's focused control inside its shadow root: { name, part, text }. */
const focused = (page) =>
  page.evaluate(() => {
    const active = document.querySelector("loginradius-pin-reset").shadowRoot.activeElement;
    return active && { name: active.getAttribute("name"), part: active.getAttribute("part"), text: active.textContent };
  });

const events = (page) => page.evaluate(() => window.__events);

/** The newest code the mock sent this tenant. */
async function lastCode(apiKey) {
  const sent = await suite.harness.dev.outbox(apiKey);
  return sent[sent.length - 1].otp;
}

async function assertPin(apiKey, identifier, pin) {
  const { matches } = await suite.harness.dev.checkPin(apiKey, identifier, pin);
  assert.equal(matches, true, `the server does not have the new PIN for ${identifier}`);
}

describe("<loginradius-pin-reset> in a plain page (Chromium)", () => {
  test("by email, keyboard only: code, a wrong code (summary focused, event), the right one; axe 0 at each step", { timeout: 90_000 }, async () => {
    const seeded = await seedUser();
    const { page, element, problems } = await openElement(seeded);
    try {
      assert.deepEqual(await axeViolations(page), [], "the identify step");
      // Tab from the page into the element: the chosen identifier kind, then the field.
      await page.keyboard.press("Tab");
      assert.deepEqual((await focused(page))?.part, "radio");
      await page.keyboard.press("Tab");
      assert.equal((await focused(page))?.name, "identifier");
      await page.keyboard.type(EMAIL);
      await page.keyboard.press("Enter");
      await element.getByLabel("One-time code").waitFor();
      assert.equal((await focused(page))?.name, "otp", "focus moves to the code");
      assert.equal(await element.getByRole("status").textContent(), `We sent a code to ${EMAIL}.`);
      assert.deepEqual(await axeViolations(page), [], "the verify step");

      const code = await lastCode(seeded.apiKey);
      await page.keyboard.type(code === "000000" ? "000001" : "000000");
      await page.keyboard.press("Tab");
      await page.keyboard.type("2468");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => window.__events.length > 0);
      const summary = await focused(page);
      assert.equal(summary?.part, "error-summary", "focus moves to the error summary");
      assert.match(summary.text, /^That code is not right\.Check the code in your message and type it again\./);
      const [error] = await events(page);
      assert.equal(error.type, "pinreseterror");
      assert.equal(error.detail.key, "1067");
      assert.equal(error.detail.errorCode, 1067);
      assert.deepEqual([error.bubbles, error.composed], [true, true]);
      assert.deepEqual(await axeViolations(page), [], "the verify step with an error");

      await element.getByLabel("One-time code").fill(code);
      await element.getByLabel("New PIN", { exact: true }).press("Enter");
      await element.getByRole("status").getByText("Your PIN was reset.").waitFor();
      assert.equal(await element.getByRole("status").textContent(), "Your PIN was reset. Sign in with your new PIN.");
      assert.equal((await focused(page))?.part, "status", "focus stays in the element");
      const reset = (await events(page)).find((event) => event.type === "pinreset");
      assert.deepEqual(reset, { type: "pinreset", detail: { identifierKind: "email", via: "code" }, bubbles: true, composed: true });
      await assertPin(seeded.apiKey, EMAIL, "2468");
      assert.deepEqual(await axeViolations(page), [], "the done step");
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  for (const [kind, option, label, identifier] of [
    ["phone", "Phone", "Phone number", PHONE],
    ["username", "Username", "Your username", USERNAME],
  ]) {
    test(`by ${kind}`, { timeout: 60_000 }, async () => {
      const seeded = await seedUser();
      const { page, element, problems } = await openElement(seeded);
      try {
        await element.getByRole("radio", { name: option }).check();
        await element.getByLabel(label).fill(identifier);
        await element.getByRole("button", { name: "Send me a code" }).click();
        await element.getByLabel("One-time code").fill(await lastCodeAfterSend(seeded.apiKey));
        await element.getByLabel("New PIN", { exact: true }).fill("5791");
        await element.getByRole("button", { name: "Reset my PIN" }).click();
        await element.getByRole("status").getByText("Your PIN was reset.").waitFor();
        const reset = (await events(page)).find((event) => event.type === "pinreset");
        assert.deepEqual(reset.detail, { identifierKind: kind, via: "code" });
        await assertPin(seeded.apiKey, identifier, "5791");
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }

  test("fields to fix: aria-invalid, the message tied to its field, a summary link; the resend waits", { timeout: 60_000 }, async () => {
    const seeded = await seedUser();
    const { page, element, problems } = await openElement(seeded);
    try {
      await element.getByLabel("Email address").fill(EMAIL);
      await element.getByRole("button", { name: "Send me a code" }).click();
      await element.getByLabel("One-time code").fill("123456");
      await element.getByRole("button", { name: "Reset my PIN" }).click();
      const pin = element.getByLabel("New PIN", { exact: true });
      await page.waitForFunction(() =>
        document.querySelector("loginradius-pin-reset").shadowRoot.querySelector("input[name=pin][aria-invalid=true]"),
      );
      const described = await pin.evaluate((input) => input.getRootNode().getElementById(input.getAttribute("aria-describedby")).textContent);
      assert.equal(described, "Type a new PIN, without spaces.", "the catalog says what to type");
      assert.equal(await element.getByRole("link", { name: described }).count(), 1, "the summary links to the field");
      await element.getByRole("link", { name: described }).click();
      assert.equal((await focused(page))?.name, "pin");
      const resend = element.getByRole("button", { name: /Send a new code/ });
      assert.equal(await resend.isDisabled(), true);
      assert.match(await resend.textContent(), /^Send a new code \(in \d+ s\)$/);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  test("dark scheme at 320 px: axe 0, nothing wider than the screen; reduced motion stops the spinner", { timeout: 60_000 }, async () => {
    const seeded = await seedUser();
    const { page, element } = await openElement(seeded, {}, { colorScheme: "dark", width: 320 });
    try {
      assert.deepEqual(await axeViolations(page), []);
      await element.getByLabel("Email address").fill("nobody@example.com");
      await element.getByRole("button", { name: "Send me a code" }).click();
      await page.waitForFunction(() => window.__events.length > 0);
      assert.deepEqual(await axeViolations(page), [], "with an error shown");
      // axe sees inside the shadow root: a field whose label no longer names it is reported.
      await page.evaluate(() =>
        document.querySelector("loginradius-pin-reset").shadowRoot.querySelector("label[for$=identifier]").removeAttribute("for"),
      );
      assert.ok((await axeViolations(page)).some((violation) => violation.id === "label"), "axe reports the unlabelled field");
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), "no horizontal scroll at 320 px");
      const spinner = () =>
        page.evaluate(() => {
          const busy = document.querySelector("loginradius-pin-reset").shadowRoot.querySelector("[part=busy]");
          busy.hidden = false;
          const name = getComputedStyle(busy, "::before").animationName;
          busy.hidden = true;
          return name;
        });
      assert.equal(await spinner(), "lr-spin");
      await page.emulateMedia({ reducedMotion: "reduce" });
      assert.equal(await spinner(), "none");
    } finally {
      await page.close();
    }
  });

  test("styling through ::part() and custom properties; identifiers; locale in Spanish, then Hindi", { timeout: 60_000 }, async () => {
    const seeded = await seedUser();
    const { page, element } = await openElement(seeded, { identifiers: "username", locale: "es" });
    try {
      await page.addStyleTag({
        content: "loginradius-pin-reset { --lr-color-accent: rgb(1, 2, 3); } loginradius-pin-reset::part(form) { padding: 7px; }",
      });
      // locale="es": the element's own words and the messages in Spanish.
      const button = element.getByRole("button", { name: "Envíame un código" });
      await button.waitFor();
      assert.equal(await button.evaluate((node) => getComputedStyle(node).backgroundColor), "rgb(1, 2, 3)");
      assert.equal(await element.locator("form").evaluate((node) => getComputedStyle(node).paddingTop), "7px");
      assert.equal(await element.getByRole("radio").count(), 0, "one kind offered: no choice shown");
      await element.getByLabel("Tu nombre de usuario").fill("nobody");
      await button.click();
      await page.waitForFunction(() => window.__events.length > 0);
      const [error] = await events(page);
      assert.equal(error.detail.title, "No encontramos esa cuenta.");
      assert.equal(await element.getByRole("heading").textContent(), "No encontramos esa cuenta.");
      assert.equal(await element.getByRole("form").getAttribute("aria-label"), "Restablecer tu PIN");
      // Another language while shown: the words and the message change, the error stays.
      await element.evaluate((node) => node.setAttribute("locale", "hi"));
      await element.getByRole("button", { name: "मुझे कोड भेजें" }).waitFor();
      await element.getByRole("heading", { name: "यह खाता नहीं मिला।" }).waitFor();
    } finally {
      await page.close();
    }
  });
});

/** The code of the send the page just made (waits for it to reach the outbox). */
async function lastCodeAfterSend(apiKey) {
  for (let tries = 0; tries < 100; tries++) {
    const sent = await suite.harness.dev.outbox(apiKey);
    if (sent.length > 0) return sent[sent.length - 1].otp;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no code was sent");
}
