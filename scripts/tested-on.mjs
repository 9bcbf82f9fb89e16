#!/usr/bin/env node
// The README's "Tested on" table, from a test run rather than by hand. scripts/test.sh records,
// per run (a Node line or a browser engine), what it ran on (`<label>.json`) and its TAP output
// (`<label>.tap`) in test-results/tested-on/. Then:
//   node scripts/tested-on.mjs                     prints the table, writes test-results/tested-on.md
//   node scripts/tested-on.mjs --write             ... and puts it in README.md between the markers
//   node scripts/tested-on.mjs --record <label> <environment> <version>   records one run's environment
// The test run itself never edits tracked files; --write is for a person updating the README.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIR = process.env.LR_TESTED_ON_DIR ?? path.join(ROOT, "test-results", "tested-on");
const README = path.join(ROOT, "README.md");

/** What each run covers, by label prefix. */
const WHAT = {
  node: "tests/js (the three calls' contracts and the email link, the flow, fault matrix, hostile input, memory, concurrency, secrets, injection, JSON bodies, LoginRadius's Node SDK against the mock) and the Node consumers (ESM, CJS, a moved server bundle)",
  chromium: "the package's browser tests (the three calls, the flow and the element, fault matrix with cross-origin CORS, hostile input, abort and timeout, cleanup, memory, concurrency, secrets, injection), the demo page and /__dev/ from another origin",
  consumers: "every framework and bundler consumer (the Frameworks table below), loading failures, the element in a plain page, TypeScript, npm pack",
};
const what = (label) => WHAT[label.split("-")[0]] ?? WHAT.chromium;

/** Records the environment of run `label` (called by the test script and by the browser launcher). */
export function recordEnvironment(label, environment, version) {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(path.join(DIR, `${label}.json`), JSON.stringify({ environment, version }) + "\n");
}

/** The last value of each `# name N` summary line of a TAP file. */
function tapSummary(file) {
  const summary = {};
  for (const match of readFileSync(file, "utf8").matchAll(/^# (tests|pass|fail|skipped|todo|cancelled) (\d+)$/gm)) {
    summary[match[1]] = Number(match[2]);
  }
  return summary;
}

/** One row per run that has both its environment and its TAP. */
function rows() {
  if (!existsSync(DIR)) return [];
  const order = (label) => ["node", "chromium", "firefox", "webkit", "consumers"].indexOf(label.split("-")[0]);
  return readdirSync(DIR)
    .filter((name) => name.endsWith(".tap") && existsSync(path.join(DIR, name.replace(/\.tap$/, ".json"))))
    .map((name) => {
      const label = name.replace(/\.tap$/, "");
      const { environment, version } = JSON.parse(readFileSync(path.join(DIR, `${label}.json`), "utf8"));
      return { label, environment, version, ...tapSummary(path.join(DIR, name)) };
    })
    .sort((a, b) => order(a.label) - order(b.label) || a.label.localeCompare(b.label, "en", { numeric: true }));
}

function table(runs) {
  const lines = [
    "| environment | version | tests | passed | failed | skipped | what ran |",
    "|---|---|---|---|---|---|---|",
    ...runs.map(
      (r) =>
        `| ${r.environment} | ${r.version} | ${r.tests ?? "?"} | ${r.pass ?? "?"} | ${r.fail ?? "?"} | ` +
        `${(r.skipped ?? 0) + (r.todo ?? 0)} | ${what(r.label)} |`,
    ),
  ];
  return lines.join("\n") + "\n";
}

/** `n` bytes in KB (1024), as scripts/size-report.mjs writes them. */
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/**
 * The Frameworks table, from the modes the consumer tests recorded as passed
 * (tests/consumers/lib.mjs recordFramework): one row per framework and version. "downloaded
 * (gzip)": what a user's browser downloads from a production build, the page's JavaScript and
 * wasm at gzip -9 (the framework's own code included), the largest over the build modes; dev
 * servers' unminified modules are left out.
 */
function frameworksTable() {
  const file = path.join(DIR, "frameworks.jsonl");
  if (!existsSync(file)) return "";
  const byFramework = new Map();
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
    const entry = JSON.parse(line);
    const key = `${entry.framework}\u0000${entry.version}`;
    if (!byFramework.has(key)) byFramework.set(key, { ...entry, modes: [], ships: new Set(), config: new Set(), bytes: null });
    const row = byFramework.get(key);
    row.modes.push(entry.mode);
    if (entry.ships !== "server") row.ships.add(entry.ships);
    if (entry.config) row.config.add(entry.config);
    const total = (bytes) => bytes.js + bytes.wasm;
    if (entry.bytes && entry.mode.startsWith("build") && (!row.bytes || total(entry.bytes) > total(row.bytes))) {
      row.bytes = entry.bytes;
    }
  }
  const SHIPS = { wasm: "the `.wasm` asset", embedded: "the embedded bytes (a JS chunk)" };
  const downloaded = (bytes) =>
    bytes ? `${kb(bytes.js + bytes.wasm)}${bytes.wasm ? ` (JS ${kb(bytes.js)}, wasm ${kb(bytes.wasm)})` : " of JS"}` : "-";
  const lines = [
    "| framework | version | passed end to end (reset checked on the server) | the browser loads | downloaded (gzip) | configuration |",
    "|---|---|---|---|---|---|",
    ...[...byFramework.values()].map(
      (row) =>
        `| ${row.framework} | ${row.version} | ${row.modes.join(", ")} | ` +
        `${[...row.ships].map((ships) => SHIPS[ships] ?? ships).join("; ") || "(server only)"} | ` +
        `${downloaded(row.bytes)} | ${[...row.config].join("; ") || "none"} |`,
    ),
  ];
  return lines.join("\n") + "\n";
}

/** Puts `markdown` between the `name` markers of the README. */
function writeReadme(name, markdown) {
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const readme = readFileSync(README, "utf8");
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} markers`);
  writeFileSync(README, `${readme.slice(0, from + start.length)}\n${markdown}${readme.slice(to)}`);
}

function main(args) {
  if (args[0] === "--record") return recordEnvironment(args[1], args[2], args[3]);
  const runs = rows();
  if (runs.length === 0) throw new Error(`no recorded runs in ${DIR}: run scripts/test.sh first`);
  const markdown = table(runs);
  const frameworks = frameworksTable();
  writeFileSync(path.join(DIR, "..", "tested-on.md"), markdown);
  writeFileSync(path.join(DIR, "..", "frameworks.md"), frameworks);
  process.stdout.write(`${markdown}\n${frameworks}`);
  if (args.includes("--write")) {
    writeReadme("tested-on", markdown);
    if (frameworks) writeReadme("frameworks", frameworks);
    console.log("README.md: Tested on and Frameworks tables updated");
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
