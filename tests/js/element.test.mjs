// <loginradius-pin-reset> in this run's engine (LR_BROWSER: chromium, firefox, webkit): a page on
// another origin imports the mock's /pkg/element.js, as a site using a CDN copy would, and
// resets a PIN by email, phone and username, and by the keyboard alone; the events; axe-core with 0 violations on the element
// at each step; the email link's path (?vtoken=); the delivery attributes, options, fill() and
// focus(); field hints in Spanish; the dark scheme, reduced motion and 320 px, set through each
// engine's own settings. The styling hooks are in tests/consumers/element.test.mjs (Chromium).
// Browser only: with LR_BROWSER=none it has no tests.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { launchBrowser } from "../browser/engines/index.mjs";
import { ENGINE, ROOT, startEnv } from "./support.mjs";

const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const USER = { email: "ada@example.com", phone: "+919876543210", username: "ada" };
const LIMIT = 20_000;

let env;
before(async () => {
  if (ENGINE !== "none") env = await startEnv();
});
after(async () => {
  await env?.close();
});

async function seedUser() {
  const apiKey = await env.dev.createTenant({ rateLimit: 0 });
  await env.dev.createUser(apiKey, { ...USER, pin: "1111" });
  return apiKey;
}

/**
 * A fresh page on the second origin (at `query`), with the element for `apiKey` in it; `setup`
 * (page script, `element` in scope) runs before the element is defined.
 */
async function openElement(apiKey, query = "", setup = "", engine = env.engine) {
  const page = await engine.newPage();
  await page.goto(`${env.origins.cross}/${query}`);
  const installed = await page.evaluate(`(async () => {
    document.documentElement.lang = "en";
    window.__events = [];
    for (const type of ["pinreset", "pinreseterror"]) {
      document.addEventListener(type, (event) => window.__events.push({ type, detail: event.detail, bubbles: event.bubbles, composed: event.composed }));
    }
    const element = document.createElement("loginradius-pin-reset");
    element.setAttribute("api-key", ${JSON.stringify(apiKey)});
    element.setAttribute("base-url", ${JSON.stringify(env.url)});
    document.body.append(element);
    ${setup}
    await import(${JSON.stringify(`${env.url}/pkg/element.js`)});
    return customElements.get("loginradius-pin-reset") !== undefined && element.shadowRoot !== null;
  })()`);
  assert.equal(installed, true, "the element is defined and rendered");
  return page;
}

/** Runs `body` in the page with `root` (the shadow root) and `element` in scope; JSON out. */
function inElement(page, body) {
  return page.evaluate(`(async () => {
    const element = document.querySelector("loginradius-pin-reset");
    const root = element.shadowRoot;
    const visible = (selector) => [...root.querySelectorAll(selector)].find((node) => node.closest("[hidden]") === null);
    const waitFor = async (test, ms = ${LIMIT}) => {
      const end = Date.now() + ms;
      while (!test()) {
        if (Date.now() > end) throw new Error("timed out: " + test);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const type = (selector, value) => {
      const input = visible(selector);
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    ${body}
  })()`);
}

async function axeOnElement(page) {
  if ((await page.evaluate("typeof window.axe")) !== "object") {
    const source = await readFile(AXE, "utf8");
    await page.evaluate(`(() => { ${source}\n; return typeof window.axe; })()`);
  }
  return page.evaluate(`window.axe.run(document.querySelector("loginradius-pin-reset")).then((results) =>
    results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })))`);
}

async function newestCode(apiKey) {
  const sent = await env.dev.outbox(apiKey);
  return sent[sent.length - 1]?.otp;
}

const browserOnly = ENGINE === "none" && "no browser in this run (LR_BROWSER=none)";

describe(`<loginradius-pin-reset> in ${ENGINE}`, { skip: browserOnly }, () => {
  for (const kind of ["email", "phone", "username"]) {
    test(`reset by ${kind}: the steps, the events, axe 0 at each step`, { timeout: 60_000 }, async () => {
      const apiKey = await seedUser();
      const page = await openElement(apiKey);
      try {
        assert.deepEqual(await axeOnElement(page), [], "identify");
        await inElement(page, `
          const radio = root.querySelector("input[type=radio][value=${kind}]");
          radio.click();
          type("input[name=identifier]", ${JSON.stringify(USER[kind])});
          visible("button.primary").click();
          await waitFor(() => visible("input[name=otp]"));`);
        assert.deepEqual(await axeOnElement(page), [], "verify");
        const otp = await newestCode(apiKey);
        const wrong = await inElement(page, `
          type("input[name=otp]", ${JSON.stringify(otp === "000000" ? "000001" : "000000")});
          type("input[name=pin]", "2468");
          visible("button.primary").click();
          await waitFor(() => window.__events.length > 0);
          return { focused: root.activeElement?.getAttribute("part"), event: window.__events[0] };`);
        assert.equal(wrong.focused, "error-summary");
        assert.equal(wrong.event.type, "pinreseterror");
        assert.equal(wrong.event.detail.title, "That code is not right.");
        assert.deepEqual([wrong.event.bubbles, wrong.event.composed], [true, true]);
        assert.deepEqual(await axeOnElement(page), [], "verify with an error");
        const done = await inElement(page, `
          type("input[name=otp]", ${JSON.stringify(otp)});
          visible("button.primary").click();
          await waitFor(() => window.__events.length > 1);
          return { status: root.querySelector("[role=status]").textContent, event: window.__events[1] };`);
        assert.equal(done.status, "Your PIN was reset. Sign in with your new PIN.");
        assert.deepEqual(done.event, { type: "pinreset", detail: { identifierKind: kind, via: "code" }, bubbles: true, composed: true });
        const { matches } = await env.dev.checkPin(apiKey, USER[kind], "2468");
        assert.equal(matches, true, "the server has the new PIN");
        assert.deepEqual(await axeOnElement(page), [], "done");
      } finally {
        await page.close();
      }
    });
  }

  test("keyboard: type, Enter, focus moved to the code, Tab to the PIN, Enter; the PIN is changed", { timeout: 60_000 }, async () => {
    const apiKey = await seedUser();
    const page = await openElement(apiKey);
    const focusedName = () => inElement(page, `return root.activeElement?.getAttribute("name") ?? null;`);
    try {
      await inElement(page, `root.querySelector("input[name=identifier]").focus();`);
      await page.type(USER.email);
      await page.press("Enter");
      await inElement(page, `await waitFor(() => visible("input[name=otp]") && root.activeElement === visible("input[name=otp]"));`);
      assert.equal(await focusedName(), "otp", "focus moves to the code");
      await page.type(await newestCode(apiKey));
      await page.press("Tab");
      assert.equal(await focusedName(), "pin");
      await page.type("8642");
      await page.press("Enter");
      const done = await inElement(page, `
        await waitFor(() => window.__events.length > 0);
        return { event: window.__events[0].type, focused: root.activeElement?.getAttribute("part") };`);
      assert.deepEqual(done, { event: "pinreset", focused: "status" });
      const { matches } = await env.dev.checkPin(apiKey, USER.email, "8642");
      assert.equal(matches, true, "the server has the new PIN");
    } finally {
      await page.close();
    }
  });

  test("the email link: the page's ?vtoken= opens the new-PIN step, leaves the address; the reset works", { timeout: 60_000 }, async () => {
    const apiKey = await seedUser();
    const response = await fetch(`${env.url}/__dev/reset-token?apikey=${apiKey}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: USER.email }),
    });
    const { resetToken } = await response.json();
    const page = await openElement(apiKey, `?vtoken=${encodeURIComponent(resetToken)}`);
    try {
      const done = await inElement(page, `
        await waitFor(() => visible("input[name=token-pin]"));
        if (location.search.includes("vtoken")) throw new Error("the token is still in the address: " + location.href);
        type("input[name=token-pin]", "2468");
        visible("button.primary").click();
        await waitFor(() => window.__events.length > 0);
        return window.__events[0];`);
      assert.deepEqual(done.detail, { identifierKind: null, via: "link" });
      const { matches } = await env.dev.checkPin(apiKey, USER.email, "2468");
      assert.equal(matches, true);
    } finally {
      await page.close();
    }
  });

  test("how the code is sent: reset-pin-url (relative) and the templates reach the server for the kinds that take them; options set before the element is defined are used; fill()", { timeout: 60_000 }, async () => {
    const apiKey = await seedUser();
    const setup = `
      element.setAttribute("reset-pin-url", "/reset?from=email");
      element.setAttribute("email-template", "pin-reset-email");
      element.setAttribute("sms-template", "pin-reset-sms");
      window.__requests = [];
      element.options = { timeoutMs: 9000, fetch: (input, init) => (window.__requests.push(String(input)), fetch(input, init)) };`;
    const page = await openElement(apiKey, "", setup);
    try {
      const refused = await inElement(page, `
        element.setAttribute("identifiers", "email phone");
        try { element.fill({ username: "ada" }); return "filled"; } catch (error) { return error.constructor.name + ": " + error.message; }`);
      assert.equal(refused, 'TypeError: fill(): username is not offered here (identifiers="email phone")');
      const sent = async (kind) => {
        await inElement(page, `
          element.fill({ ${kind}: ${JSON.stringify(USER[kind])} });
          if (root.querySelector("input[type=radio][value=${kind}]").checked !== true) throw new Error("kind not selected");
          element.focus();
          if (root.activeElement?.name !== "identifier") throw new Error("focus() did not reach the identifier: " + root.activeElement?.outerHTML);
          visible("button.primary").click();
          await waitFor(() => visible("input[name=otp]"));`);
        return (await env.dev.outbox(apiKey)).at(-1);
      };
      const email = await sent("email");
      assert.equal(email.resetPinUrl, `${env.origins.cross}/reset?from=email`);
      assert.equal(email.template, "pin-reset-email");
      assert.ok(email.resetPinLink.startsWith(`${env.origins.cross}/reset?from=email&vtoken=`), email.resetPinLink);
      // fill() on the code step starts over with the new identifier.
      const sms = await sent("phone");
      assert.deepEqual({ channel: sms.channel, template: sms.template, resetPinUrl: sms.resetPinUrl }, { channel: "sms", template: "pin-reset-sms", resetPinUrl: null });
      const requests = await page.evaluate("window.__requests");
      assert.deepEqual(requests.map((url) => new URL(url).pathname), ["/identity/v2/auth/pin/forgot/email", "/identity/v2/auth/pin/forgot/otp"]);
      assert.ok(requests[0].includes("emailtemplate=pin-reset-email") && requests[1].includes("smstemplate=pin-reset-sms"), requests.join(" "));
    } finally {
      await page.close();
    }
  });

  test("a field typed wrong, in Spanish: the field's error and the summary's link say what to type in the element's language", { timeout: 60_000 }, async () => {
    const apiKey = await seedUser();
    const page = await openElement(apiKey, "", `element.setAttribute("locale", "es");`);
    try {
      const shown = await inElement(page, `
        await waitFor(() => root.querySelector("legend").textContent === "Restablecer tu PIN con");
        type("input[name=identifier]", "not-an-email");
        visible("button.primary").click();
        await waitFor(() => window.__events.length > 0);
        const input = visible("input[name=identifier]");
        return {
          invalid: input.getAttribute("aria-invalid"),
          field: root.getElementById(input.getAttribute("aria-describedby")).textContent,
          link: root.querySelector("[part=error-link]").textContent,
          title: window.__events[0].detail.title,
        };`);
      const hint = "Escribe tu correo electrónico, como nombre@ejemplo.com.";
      assert.deepEqual(shown, { invalid: "true", field: hint, link: hint, title: "Hay campos que corregir." });
      assert.deepEqual(await env.dev.outbox(apiKey), [], "nothing was sent");
    } finally {
      await page.close();
    }
  });

  test("dark system and reduced motion from the engine's own settings: light on a light-only page; on a page with color-scheme light dark, at 320 px where the engine allows, axe 0, light text on a dark ground, nothing wider than the screen; the spinner still", { timeout: 90_000 }, async (t) => {
    const apiKey = await seedUser();
    const engine = await launchBrowser(ENGINE, { colorScheme: "dark", reducedMotion: true });
    try {
      const page = await openElement(apiKey, "", "", engine);
      const media = await page.evaluate(`[matchMedia("(prefers-color-scheme: dark)").matches, matchMedia("(prefers-reduced-motion: reduce)").matches]`);
      if (!media.every(Boolean)) return t.skip(`${ENGINE} did not take [dark, reduced motion] from its settings: ${JSON.stringify(media)}`);
      const lightness = (rgb) => rgb.match(/[\d.]+/g).slice(0, 3).reduce((sum, channel) => sum + Number(channel), 0) / 3;
      const colors = () => inElement(page, `return { text: getComputedStyle(root.querySelector("form")).color, ground: getComputedStyle(element).backgroundColor };`);
      // A page that declares no color-scheme is light, whatever the system prefers: so is the element.
      const onLightPage = await colors();
      assert.ok(lightness(onLightPage.text) < 100 && lightness(onLightPage.ground) > 150, JSON.stringify(onLightPage));
      await page.evaluate(`document.documentElement.style.colorScheme = "light dark"`);
      // WebKit: MiniBrowser's window cannot be narrower than its toolbar (447 px).
      const narrow = ENGINE !== "webkit";
      if (narrow) await page.setViewport({ width: 320, height: 640 });
      assert.deepEqual(await axeOnElement(page), [], "identify");
      await inElement(page, `
        type("input[name=identifier]", "nobody@example.com");
        visible("button.primary").click();
        await waitFor(() => window.__events.length > 0);`);
      assert.deepEqual(await axeOnElement(page), [], "with an error shown");
      const looks = await inElement(page, `
        const busy = root.querySelector("[part=busy]");
        busy.hidden = false;
        const animation = getComputedStyle(busy, "::before").animationName;
        busy.hidden = true;
        return {
          text: getComputedStyle(root.querySelector("form")).color,
          ground: getComputedStyle(element).backgroundColor,
          animation,
          accent: getComputedStyle(visible("button.primary")).backgroundColor,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          width: window.innerWidth,
        };`);
      assert.ok(lightness(looks.text) > 150 && lightness(looks.ground) < 100, JSON.stringify(looks));
      assert.equal(looks.accent, "rgb(168, 199, 250)", "the dark scheme's accent (light-dark())");
      assert.equal(looks.animation, "none", "reduced motion stops the spinner");
      if (narrow) assert.deepEqual([looks.width, looks.overflow <= 0], [320, true], JSON.stringify(looks));
    } finally {
      await engine.close();
    }
  });

  test("voice: with the attribute, a phone's code comes by a call when chosen, the resend too; the status says so; axe 0", { timeout: 60_000 }, async () => {
    const apiKey = await seedUser();
    const page = await openElement(apiKey, "", `element.setAttribute("voice", ""); element.options = { resendCooldownMs: 0 };`);
    try {
      const hiddenForEmail = await inElement(page, `return root.querySelector("[part=channel]").hidden;`);
      assert.equal(hiddenForEmail, true, "no channel choice for an email");
      const status = await inElement(page, `
        root.querySelector("input[type=radio][value=phone]").click();
        if (root.querySelector("[part=channel]").hidden) throw new Error("no channel choice for a phone");
        root.querySelector("[part=channel] input[value=voice]").click();
        type("input[name=identifier]", ${JSON.stringify(USER.phone)});
        visible("button.primary").click();
        await waitFor(() => visible("input[name=otp]"));
        return root.querySelector("[role=status]").textContent;`);
      assert.equal(status, `We are calling ${USER.phone} to read out your code.`);
      assert.deepEqual(await axeOnElement(page), [], "verify, by a call");
      await inElement(page, `
        const resend = [...root.querySelectorAll("button")].find((b) => b.textContent === "Send a new code");
        await waitFor(() => !resend.disabled);
        resend.click();
        await waitFor(() => !element.flow.getSnapshot().busy);`);
      const sent = await env.dev.outbox(apiKey);
      assert.deepEqual(sent.map((entry) => entry.channel), ["voice", "voice"]);
    } finally {
      await page.close();
    }
  });
});
