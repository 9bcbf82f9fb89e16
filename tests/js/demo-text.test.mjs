// The one rule for joined messages (www/sentence.js, used by the demo page): one full stop at the
// end, none added after a text that already ends a sentence. Checked on its own, on every message
// of the mock server that the page joins with its own words (the reset's field errors, each
// ending in "."), and on the package's messages that end in punctuation of their own (an unknown
// option's "did you mean …?"). Run: node --test tests/js/demo-text.test.mjs (needs pkg/)
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";

import { ROOT, devApi, startServer, stopServer } from "../browser/mock-server.mjs";

const { sentence } = await import(pathToFileURL(path.join(ROOT, "www", "sentence.js")));
const lib = await import(pathToFileURL(path.join(ROOT, "pkg", "node.mjs")));

/** Ends in punctuation that ends a sentence, then a full stop: what the rule prevents. */
const DOUBLED = /[.!?…]["'”’)]*\.$/u;

function assertOneStop(text, what) {
  assert.doesNotMatch(text, DOUBLED, what);
  assert.match(text, /[.!?…]["'”’)]*$/u, what);
}

test("sentence(): one full stop, none after a sentence's end", () => {
  const cases = [
    ["Phone is required", "Phone is required."],
    ["The pin may contain only digits.", "The pin may contain only digits."],
    ['did you mean "phone"?', 'did you mean "phone"?'],
    ["Stop!", "Stop!"],
    ["clipped…", "clipped…"],
    ["(the two go together)", "(the two go together)."],
    ['said "done."', 'said "done."'],
    ["  spaced out.  ", "spaced out."],
    ["", "."],
  ];
  for (const [given, expected] of cases) assert.equal(sentence(given), expected, JSON.stringify(given));
});

describe("every message the demo joins with its own words", () => {
  let server;
  let dev;

  before(async () => {
    server = await startServer();
    dev = devApi(server.url);
  });

  after(async () => {
    if (server) await stopServer(server.child);
  });

  test("the mock's PIN policy errors (digits only, letters and digits, length), as the page shows them", async () => {
    const seen = new Set();
    for (const [settings, pin] of [
      [{}, "1a"],
      [{ pinAlphanumeric: true }, "a-"],
      [{}, "1234567890123"],
    ]) {
      const apiKey = await dev.createTenant(settings);
      await dev.createUser(apiKey, { email: "dots@example.com" });
      const { otp } = await dev.issueOtp(apiKey, { email: "dots@example.com" });
      const error = await lib
        .resetPinWithOtp({ apiKey, baseUrl: server.url, email: "dots@example.com", otp, pin })
        .then(() => assert.fail("the reset succeeded"), (e) => e);
      assert.equal(error.errorCode, 1134, error.message);
      assert.ok(error.issues.length > 0);
      for (const issue of error.issues) {
        seen.add(issue.message);
        // As the page joins a setting's name or its own words with the package's or the server's text.
        assertOneStop(sentence(`New PIN (${issue.field}) ${issue.message}`), issue.message);
        assertOneStop(sentence(`New PIN ${issue.message}`), issue.message);
      }
      assertOneStop(sentence(`After 12 ms: ${error.message}`), error.message);
    }
    // The three policy messages, each ending in a full stop of its own.
    assert.equal(seen.size, 3, [...seen].join(" | "));
    for (const message of seen) assert.match(message, /\.$/);
  });

  test("the package's messages that end in punctuation of their own", () => {
    const [issue] = lib.validateResetPinWithOtp({ apiKey: "k", phoneNumber: "+919876543210", otp: "1", pin: "1234" })
      .filter((i) => i.field === "phoneNumber");
    assert.match(issue.message, /\?$/);
    assertOneStop(sentence(`phoneNumber ${issue.message}`), issue.message);
    // The package's own summary follows the same rule.
    const error = (() => {
      try {
        const apiKey = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";
        lib.buildResetPinWithOtpRequest({ apiKey, email: "a@example.com", phoneNumber: "+919876543210", otp: "1", pin: "1234" });
      } catch (e) {
        return e;
      }
      return assert.fail("the build succeeded");
    })();
    assert.equal(error.kind, "validation");
    // Its only issue ends with "?", so the summary ends there too, with no stop after it.
    assert.match(error.message, /did you mean "phone"\?$/);
    assertOneStop(error.message, error.message);
    assertOneStop(sentence(`After 0 ms: ${error.message}`), error.message);
  });
});
