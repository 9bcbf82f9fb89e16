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
const START = "<!-- tested-on:start -->";
const END = "<!-- tested-on:end -->";

/** What each run covers, by label prefix. */
const WHAT = {
  node: "tests/js (fault matrix, hostile input, memory, concurrency, secrets, injection, JSON bodies) and the Node ESM and CJS consumers",
  chromium: "the package's browser tests (fault matrix with cross-origin CORS, hostile input, abort and timeout, cleanup, memory, concurrency, secrets, injection) and the demo page",
  consumers: "Vite, webpack, Worker and plain-page consumers in Chromium, TypeScript, npm pack",
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

function writeReadme(markdown) {
  const readme = readFileSync(README, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} markers`);
  writeFileSync(README, `${readme.slice(0, start + START.length)}\n${markdown}${readme.slice(end)}`);
}

function main(args) {
  if (args[0] === "--record") return recordEnvironment(args[1], args[2], args[3]);
  const runs = rows();
  if (runs.length === 0) throw new Error(`no recorded runs in ${DIR}: run scripts/test.sh first`);
  const markdown = table(runs);
  writeFileSync(path.join(DIR, "..", "tested-on.md"), markdown);
  process.stdout.write(markdown);
  if (args.includes("--write")) {
    writeReadme(markdown);
    console.log("README.md: Tested on table updated");
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
