// React 19 (React Router 7's production build, tests/consumers/react-router, route /flow): the
// README's recipe, loginradius-pin-reset/flow through useSyncExternalStore, resets a PIN by email
// with a wrong code first; <loginradius-pin-reset> rendered by React resets one by username, its
// `pinreset` event reaching React's `onpinreset`. Both checked on the mock, in Chromium.
// Run: node --test tests/consumers/react-flow.test.mjs (needs pkg/ built by scripts/build.sh).
import assert from "node:assert/strict";
import { test } from "node:test";

import { bin, consumerDir, consumerSuite, run, serve, timed } from "./lib.mjs";

const dir = consumerDir("react-router");
const suite = consumerSuite(["react-router"], { timeout: 800_000 });

async function newestCode(apiKey) {
  const sent = await suite.harness.dev.outbox(apiKey);
  return sent[sent.length - 1]?.otp;
}

test("React 19: the flow's recipe and the element, in a React Router build", { timeout: 600_000 }, async () => {
  const { dev, url: baseUrl, context } = suite.harness;
  await timed("react-router build", () =>
    run(process.execPath, [bin(dir, "@react-router/dev", "react-router"), "build"], { cwd: dir, timeoutMs: 300_000 }),
  );
  const start = () => [bin(dir, "@react-router/serve", "react-router-serve"), "build/server/index.js"];
  await serve("React Router production server", { cwd: dir, args: start }, async (origin) => {
    const apiKey = await dev.createTenant({ rateLimit: 0 });
    await dev.createUser(apiKey, { email: "ada@example.com", pin: "1111" });
    await dev.createUser(apiKey, { username: "grace", email: "grace@example.com", pin: "1111" });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(error.message));
    try {
      await page.goto(`${origin}/flow?${new URLSearchParams({ apiKey, baseUrl })}`);
      // The recipe.
      await page.locator("#email").fill("ada@example.com");
      await page.locator("#send").click();
      await page.locator("#step", { hasText: /^verify$/ }).waitFor();
      assert.equal(await page.locator("#resend").isDisabled(), true, "the resend waits for its cooldown");
      const code = await newestCode(apiKey);
      await page.locator("#otp").fill(code === "000000" ? "000001" : "000000");
      await page.locator("#pin").fill("2468");
      await page.locator("#reset").click();
      await page.locator("#error", { hasText: "That code is not right." }).waitFor();
      await page.locator("#otp").fill(code);
      await page.locator("#reset").click();
      await page.locator("#step", { hasText: /^done$/ }).waitFor();
      assert.equal((await dev.checkPin(apiKey, "ada@example.com", "2468")).matches, true);
      // The element, rendered by React.
      const element = page.locator("loginradius-pin-reset");
      await element.getByLabel("Your username").fill("grace");
      await element.getByRole("button", { name: "Send me a code" }).click();
      await element.getByLabel("One-time code").waitFor();
      await element.getByLabel("One-time code").fill(await newestCode(apiKey));
      await element.getByLabel("New PIN", { exact: true }).fill("5791");
      await element.getByRole("button", { name: "Reset my PIN" }).click();
      await page.locator("#element-event", { hasText: "username" }).waitFor();
      assert.deepEqual(JSON.parse(await page.locator("#element-event").textContent()), { identifierKind: "username", via: "code" });
      assert.equal((await dev.checkPin(apiKey, "grace", "5791")).matches, true);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});
