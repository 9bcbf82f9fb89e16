// The first reset on a throttled network, in Chromium: from navigation start to "Your PIN is
// changed", for a user who submits the form 2 s after it appears. Each side is a small app
// (bench/first-reset/app.mjs) bundled by esbuild as a production build would bundle it, served
// by the mock with its page; every run is a fresh browser context (empty cache) throttled through
// DevTools' Network.emulateNetworkConditions.
//
//   MOCK_URL=http://127.0.0.1:PORT node bench/first-reset.mjs      (scripts/bench.sh starts the
//   mock with `--www bench`, so bench/out/ is served at /out/)
//
// FIRST_RESET_RUNS (default 5) runs per side and profile. Prints a markdown table and writes it,
// with the figures as JSON, to bench/out/first-reset.{md,json}.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/browser/harness.mjs";
import { bundle, gzipSize, importPath, OUT, ROOT, WASM_ASSET_NAME } from "./bundle.mjs";
import { issueOtps, MOCK_URL, names, newTenant, OTP, PIN } from "./dev-api.mjs";
import { SIDES, WASM } from "./sides.mjs";
import { bytes, cell, stats } from "./stats.mjs";

const RUNS = Number.parseInt(process.env.FIRST_RESET_RUNS ?? "", 10) || 5;
const THINK_MS = 2000; // from the form appearing to the user submitting it
const PAGES = path.join(OUT, "first-reset");
const WASM_NAME = WASM_ASSET_NAME; // as a bundler that emits the asset names it (see bundle.mjs)

/** DevTools throttling profiles: latency per request (ms), throughput in bits per second. */
const PROFILES = [
  { id: "slow-4g", label: "slow 4G: 150 ms, 1.6 Mbit/s down, 0.75 Mbit/s up", latency: 150, down: 1.6e6, up: 0.75e6 },
  { id: "4g", label: "4G: 40 ms, 9 Mbit/s down, 9 Mbit/s up", latency: 40, down: 9e6, up: 9e6 },
];

/** What is compared: the package three ways, and the three hand-written calls. */
const VARIANTS = [
  { id: "ours-init", side: "ours", label: "loginradius-pin-reset, init() at mount", init: true },
  { id: "ours", side: "ours", label: "loginradius-pin-reset, no init()" },
  { id: "ours-preload", side: "ours", label: "loginradius-pin-reset, no init(), `<link rel=preload>` of the .wasm", preload: true, bundleOf: "ours" },
  { id: "baseline", side: "baseline", label: "plain fetch" },
  { id: "valibot", side: "valibot", label: "fetch + valibot" },
  { id: "zod", side: "zod", label: "fetch + zod" },
];

const log = (...args) => console.error("[first-reset]", ...args);

// ---------- the pages ----------
function entrySource({ side, init }) {
  const reset = SIDES[side].reset;
  return [
    `import { ${reset}${init ? ", init" : ""} } from "${importPath(side)}";`,
    'import { mountResetForm } from "./bench/first-reset/app.mjs";',
    `mountResetForm(${reset}${init ? ", { onMount: () => init() }" : ""});`,
  ].join("\n");
}

function pageHtml(variant, apiKey) {
  const script = `app-${variant.bundleOf ?? variant.id}.js`;
  return [
    "<!doctype html>",
    `<html lang="en" data-api-key="${apiKey}">`,
    '<meta charset="utf-8">',
    "<title>Reset your PIN</title>",
    ...(variant.preload ? [`<link rel="preload" href="${WASM_NAME}" as="fetch" crossorigin>`] : []),
    `<script type="module" src="${script}"></script>`,
    "<body></body>",
    "",
  ].join("\n");
}

/** One bundle per variant that has its own, one page per variant, and the .wasm beside them. */
async function writePages(apiKey) {
  rmSync(PAGES, { recursive: true, force: true });
  mkdirSync(PAGES, { recursive: true });
  const sizes = {};
  for (const variant of VARIANTS) {
    if (!variant.bundleOf) {
      const js = await bundle(entrySource(variant), path.join(PAGES, `app-${variant.id}.js`));
      sizes[variant.id] = { jsBytes: js.length, jsGzip: gzipSize(js) };
    }
    writeFileSync(path.join(PAGES, `${variant.id}.html`), pageHtml(variant, apiKey));
  }
  // The package finds the .wasm with new URL(..., import.meta.url): next to the app's bundle.
  copyFileSync(path.join(ROOT, WASM), path.join(PAGES, WASM_NAME));
  // gzip -9 siblings, for a server that serves precompressed files (the mock today sends files as they are).
  for (const file of readdirSync(PAGES).filter((name) => /\.(js|wasm)$/.test(name))) {
    writeFileSync(path.join(PAGES, `${file}.gz`), gzipSync(readFileSync(path.join(PAGES, file)), { level: 9 }));
  }
  return sizes;
}

// ---------- one run ----------
/**
 * Runs in the page before its scripts: plays the user (submits THINK_MS after the form appears)
 * and notes the times, from navigation start, of the form, the submit and the outcome.
 */
function simulatedUser({ username, otp, pin, thinkMs }) {
  const marks = (window.firstReset = {});
  new MutationObserver(() => {
    const form = document.querySelector("form#reset");
    if (form && marks.formShown === undefined) {
      marks.formShown = performance.now();
      setTimeout(() => {
        Object.assign(form.elements.username, { value: username });
        Object.assign(form.elements.otp, { value: otp });
        Object.assign(form.elements.pin, { value: pin });
        marks.submitted = performance.now();
        form.requestSubmit();
      }, thinkMs);
    }
    const outcome = document.querySelector("#outcome[data-outcome]");
    if (outcome && marks.resolved === undefined) {
      marks.resolved = performance.now();
      marks.outcome = outcome.dataset.outcome;
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

async function firstReset(browser, variant, profile, username) {
  const context = await browser.newContext(); // empty cache: everything is downloaded
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.down / 8,
      uploadThroughput: profile.up / 8,
    });
    await page.addInitScript(simulatedUser, { username, otp: OTP, pin: PIN, thinkMs: THINK_MS });
    await page.goto(`${MOCK_URL}/out/first-reset/${variant.id}.html`);
    await page.waitForFunction(() => window.firstReset.resolved !== undefined, null, { timeout: 60_000 });
    const marks = await page.evaluate(() => window.firstReset);
    if (marks.outcome !== "ok") throw new Error(`${variant.id} on ${profile.id}: the reset failed (${marks.outcome})`);
    // Bytes on the wire for scripts and the .wasm (not the page or the API call), and whether
    // they came compressed.
    const wire = await page.evaluate(() => {
      const files = performance.getEntriesByType("resource").filter((e) => /\.(js|wasm)$/.test(new URL(e.name).pathname));
      return {
        transferred: files.reduce((sum, e) => sum + e.transferSize, 0),
        compressed: files.some((e) => e.encodedBodySize < e.decodedBodySize),
      };
    });
    return { ...marks, ...wire };
  } finally {
    await context.close();
  }
}

// ---------- report ----------
function report(results, sizes) {
  const lines = [];
  const p = (s = "") => lines.push(s);
  p(`## First reset on a throttled network (Chromium, ${RUNS} runs each, fresh context and empty cache per run)`);
  p();
  p("From navigation start to the resolved reset shown on the page, the user submitting the form 2 s after it appears.");
  p("Each side is the same small app (bench/first-reset/app.mjs) bundled by esbuild --bundle --minify, served by the");
  p("mock with the .wasm beside it; DevTools throttling (Network.emulateNetworkConditions) adds its latency to every");
  const compressed = Object.values(results).some((byVariant) => Object.values(byVariant).some((runs) => runs.some((r) => r.compressed)));
  p(
    compressed
      ? "request. Scripts and the .wasm came gzip-compressed (\"on the wire\": their compressed size)."
      : "request. The mock serves files uncompressed, so scripts and the .wasm travel at their raw size here (\"on the wire\"), not gzipped as a production server would send them.",
  );
  p("Median (min–max).");
  p();
  p("| network | side | navigation → PIN changed, ms | form shown at, ms | submit → PIN changed, ms | JS + wasm on the wire |");
  p("|---|---|---|---|---|---|");
  for (const profile of PROFILES) {
    for (const variant of VARIANTS) {
      const runs = results[profile.id][variant.id];
      const of = (f) => stats(runs.map(f));
      p(
        `| ${profile.label} | ${variant.label} | ${cell(of((r) => r.resolved), "", 0)} | ${cell(of((r) => r.formShown), "", 0)} | ` +
          `${cell(of((r) => r.resolved - r.submitted), "", 0)} | ${bytes(of((r) => r.transferred).median)} |`,
      );
    }
  }
  p();
  p("App bundles (JS only; the package's .wasm comes on top):");
  p();
  p("| side | app bundle, minified | gzip |");
  p("|---|---|---|");
  for (const variant of VARIANTS.filter((v) => sizes[v.id])) {
    p(`| ${variant.label} | ${bytes(sizes[variant.id].jsBytes)} | ${bytes(sizes[variant.id].jsGzip)} |`);
  }
  p();
  p("Command: `scripts/bench.sh --only first-reset` (or `node bench/first-reset.mjs` with MOCK_URL set and the mock serving bench/).");
  return lines.join("\n") + "\n";
}

// ---------- main ----------
const apiKey = await newTenant();
const sizes = await writePages(apiKey);
const users = names("first-reset", RUNS * PROFILES.length * VARIANTS.length);
await issueOtps(apiKey, users);

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const chromiumVersion = browser.version();
const results = {};
try {
  let next = 0;
  for (const profile of PROFILES) {
    results[profile.id] = Object.fromEntries(VARIANTS.map((v) => [v.id, []]));
    for (let run = 0; run < RUNS; run++) {
      log(`${profile.id}: run ${run + 1} of ${RUNS}`);
      // The side order rotates each run, so no side always follows the same one.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + run) % VARIANTS.length]);
      for (const variant of order) {
        results[profile.id][variant.id].push(await firstReset(browser, variant, profile, users[next++]));
      }
    }
  }
} finally {
  await browser.close();
}

const text = report(results, sizes);
mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, "first-reset.md"), text);
writeFileSync(
  path.join(OUT, "first-reset.json"),
  JSON.stringify({ profiles: PROFILES, variants: VARIANTS, results, sizes, chromium: chromiumVersion }, null, 1),
);
process.stdout.write(text);
