// Assembles bench/results.md from the last runs in bench/out/ and prints it: first the lead
// table (ready for README's "Performance"), then the first-reset report and the bench report.
//   node bench/report.mjs
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { OUT, ROOT } from "./bundle.mjs";
import { SIDE_IDS, SIDES } from "./sides.mjs";
import { bytes, fmt, stats } from "./stats.mjs";

const read = (name) => (existsSync(path.join(OUT, name)) ? readFileSync(path.join(OUT, name), "utf8") : undefined);
const bench = JSON.parse(read("bench.json") ?? "null");
const firstReset = JSON.parse(read("first-reset.json") ?? "null");

const ms = (x) => `${x >= 1000 ? Math.round(x).toLocaleString("en-US") : fmt(x, x < 10 ? 2 : 1)} ms`;

/** First reset on slow 4G, median ms from navigation start, per side. */
function firstResetRow() {
  if (!firstReset) return undefined;
  const median = (variant) => stats(firstReset.results["slow-4g"][variant].map((r) => r.resolved)).median;
  const cells = {
    ours: `${ms(median("ours-init"))} with \`init()\` at mount, ${ms(median("ours"))} without`,
    baseline: ms(median("baseline")),
    valibot: ms(median("valibot")),
    zod: ms(median("zod")),
  };
  return ["first reset on slow 4G (150 ms, 1.6 Mbit/s): page load → PIN changed, submit 2 s after the form appears", cells];
}

/** Per call with every answer held 20 ms, median ms/call per side, each environment measured. */
function latencyRow() {
  if (!bench) return undefined;
  const cells = Object.fromEntries(
    SIDE_IDS.map((id) => [id, bench.envs.map((e) => `${e.env.split(" ")[0]} ${ms(e.perCallLatency[id].median)}`).join(", ")]),
  );
  return [`per call with ${bench.latencyMs} ms of latency`, cells];
}

function bytesRow() {
  if (!bench) return undefined;
  const cells = Object.fromEntries(
    bench.sizes.map((r) => [r.id, r.wasmGzip ? `${bytes(r.totalGzip)} (JS ${bytes(r.jsGzip)} + .wasm ${bytes(r.wasmGzip)})` : bytes(r.totalGzip)]),
  );
  return ["bytes shipped (esbuild --minify, gzip -9)", cells];
}

const lines = ["# Benchmark results", ""];
const rows = [firstResetRow(), latencyRow(), bytesRow()].filter(Boolean);
if (rows.length) {
  lines.push("## In short: the package against the same call written by hand", "");
  lines.push(`| | ${SIDE_IDS.map((id) => SIDES[id].label).join(" | ")} |`);
  lines.push(`|---|${SIDE_IDS.map(() => "---").join("|")}|`);
  for (const [what, cells] of rows) lines.push(`| ${what} | ${SIDE_IDS.map((id) => cells[id]).join(" | ")} |`);
  lines.push("", "Medians. Details below; `scripts/bench.sh` measures everything again.", "");
}
// The two reports are full documents: their own titles become sections here.
for (const part of [read("first-reset.md"), read("bench.md")?.replace(/^# Benchmark results\n/, "## The benchmark\n").replace(/^## (\d)/gm, "### $1")]) {
  if (part) lines.push(part);
}
const text = lines.join("\n");
writeFileSync(path.join(ROOT, "bench", "results.md"), text);
process.stdout.write(text);
