// axe-core in any engine's page: its source is evaluated through the driver (the page's CSP
// does not apply to the driver's own scripts), then axe.run reports the violations.
import { readFile } from "node:fs/promises";
import path from "node:path";

import { ROOT } from "./mock-server.mjs";

const AXE_SOURCE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");

/** The axe violations of the page's current state, each as { id, impact, help, targets }. */
export async function axeViolations(page) {
  if ((await page.driver.evaluate("typeof window.axe")) !== "object") {
    const source = await readFile(AXE_SOURCE, "utf8");
    // Wrapped in a function so it is one expression, which every driver's evaluate accepts.
    const installed = await page.driver.evaluate(`(() => { ${source}\n; return typeof window.axe; })()`);
    if (installed !== "object") throw new Error(`axe-core did not load in the page (${installed})`);
  }
  return page.driver.evaluate(`window.axe.run(document).then((results) =>
    results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })))`);
}
