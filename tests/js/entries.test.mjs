// The package's entries name the same exports whichever way they are loaded: the browser entry
// (index.js), Node's ESM (node.mjs) and CommonJS (node.cjs) ones, each written out by hand (an ES
// module's names must be), and the flow's and the element's entries for browsers and for Node.
// A name added to one and forgotten in another fails here. Node only (pkg/ from scripts/build.sh).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { ROOT } from "./support.mjs";

const pkg = (file) => path.join(ROOT, "pkg", file);
const require = createRequire(import.meta.url);
const names = (module) => Object.keys(module).sort();
const esm = async (file) => names(await import(pathToFileURL(pkg(file)).href));
const cjs = (file) => names(require(pkg(file)));

// A Node check: the browser runs (LR_NODE=0) do not register it.
const nodeTest = process.env.LR_NODE === "0" ? () => {} : test;

nodeTest("the calls: index.js, node.mjs and node.cjs export the same names", async () => {
  const browser = await esm("index.js");
  assert.ok(browser.includes("resetPinWithToken") && browser.includes("default"), browser.join(" "));
  assert.deepEqual(await esm("node.mjs"), browser, "node.mjs");
  assert.deepEqual(cjs("node.cjs"), browser, "node.cjs");
});

nodeTest("the flow and the element: the same names for browsers, Node ESM and CommonJS", async () => {
  const flow = await esm("flow.js");
  assert.ok(flow.includes("createPinResetFlow"), flow.join(" "));
  assert.deepEqual(await esm("flow-node.mjs"), flow, "flow-node.mjs");
  assert.deepEqual(cjs("flow.cjs"), flow, "flow.cjs");
  const element = await esm("element.js");
  assert.ok(element.includes("LoginRadiusPinReset"), element.join(" "));
  assert.deepEqual(cjs("element.cjs"), element, "element.cjs");
});
