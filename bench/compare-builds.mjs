// Cold start of two builds of the package, side by side in one run (issue 10: the new build no more
// than 2 ms slower than the old one, in Node and in Chromium). Run through scripts/compare-builds.sh,
// which builds or copies the two packages into bench/out/compare/www/{old,new}/ and serves that
// folder as the mock's --www, so both builds come through the same route and compression.
//
//   MOCK_URL=http://127.0.0.1:PORT node bench/compare-builds.mjs [--only node|chromium]
//
// Each run measures old and new once each, in a fresh Node process (bench/node-child.mjs cold-ours,
// with BENCH_PKG pointing at the build) and in a fresh Chromium context, the order alternating run
// by run, after COMPARE_WARMUP unrecorded runs. COMPARE_RUNS (default 15) runs per build.
// COMPARE_NODES="20=node 22=.node-lines/22/bin/node" runs the Node part under each binary given
// (default: this node). Prints a markdown report, also written with the raw figures to
// bench/out/compare.{md,json}.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/browser/harness.mjs";
import { OUT } from "./bundle.mjs";
import { issueOtps, MOCK_URL, names, newTenant, OTP, PIN } from "./dev-api.mjs";
import { cell, fmt, markdown, median, stats } from "./stats.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
/** Served at / by the mock: index.html, builds.json and the two packages at /old/ and /new/. */
const WWW = path.join(OUT, "compare", "www");
const BUILDS = ["old", "new"];
const LABELS = JSON.parse(readFileSync(path.join(WWW, "builds.json"), "utf8"));

const int = (name, fallback) => (process.env[name] === undefined ? fallback : Number.parseInt(process.env[name], 10));
const RUNS = int("COMPARE_RUNS", 15);
const WARMUP = int("COMPARE_WARMUP", 1);
const NODES = (process.env.COMPARE_NODES ?? `${process.versions.node.split(".")[0]}=${process.execPath}`)
  .split(/\s+/)
  .filter(Boolean)
  .map((pair) => {
    const [line, bin] = pair.split("=");
    return { line, bin: bin === "node" ? process.execPath : path.resolve(ROOT, bin) };
  });
const GOAL_MS = 2;
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;

const log = (...args) => console.error("[compare]", ...args);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(", ");
/** Runnable tasks on the machine right now (/proc/stat procs_running, this process included): a snapshot of contention. */
const runnable = () => Number(/^procs_running (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1] ?? NaN);
const loads = { before: load() };

let tenant;
const resetOptions = (username) => ({ apiKey: tenant, baseUrl: MOCK_URL, username, otp: OTP, pin: PIN, preventWebhook: true });

/**
 * WARMUP + RUNS runs; in each, both builds once, old first in even runs and new first in odd ones.
 * `measure(build, options)` does one cold start and returns its phases (ms).
 */
async function interleaved(env, measure) {
  const total = WARMUP + RUNS;
  const users = names(`${env}-cold`, total * 2);
  await issueOtps(tenant, users);
  const results = { old: [], new: [], runnable: [] };
  for (let i = 0; i < total; i++) {
    const order = i % 2 === 0 ? BUILDS : [...BUILDS].reverse();
    if (i >= WARMUP) results.runnable.push(runnable());
    for (const build of order) {
      const timings = await measure(build, resetOptions(users[i * 2 + BUILDS.indexOf(build)]));
      if (i >= WARMUP) results[build].push(timings);
    }
  }
  return results;
}

// ---------- Node: bench/node-child.mjs cold-ours on the build's node.mjs ----------
function nodeCold(bin, build, options) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "compare-"));
  const file = path.join(dir, "config.json");
  writeFileSync(file, JSON.stringify({ options, validate: true }));
  const env = { ...process.env, BENCH_PKG: path.relative(ROOT, path.join(WWW, build)) };
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [path.join(HERE, "node-child.mjs"), "cold-ours", file], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`node-child cold-ours (${build}) exited ${code}`));
      resolve(JSON.parse(out.trim().split("\n").pop()));
    });
  });
}

const NODE_PHASES = [
  ["totalMs", "total: `import()` to the first resolved reset"],
  ["importMs", "`import()` of node.mjs (reads, compiles and instantiates the .wasm synchronously)"],
  ["compileMs", "… of which `new WebAssembly.Module` (compile)"],
  ["instantiateMs", "… of which `new WebAssembly.Instance` (instantiate + start)"],
  ["importRestMs", "… of which the rest (JS glue parse and evaluation, file reads)"],
  ["validateMs", "first `validateResetPinWithOtp` (valid options)"],
  ["firstCallMs", "first `resetPinWithOtp` (includes the first fetch)"],
];

async function benchNode({ line, bin }) {
  const version = await new Promise((resolve) => {
    const child = spawn(bin, ["--version"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("exit", () => resolve(out.trim()));
  });
  log(`node ${version}: ${RUNS} cold starts per build (+${WARMUP} warm-up)`);
  const results = await interleaved(`node${line}`, (build, options) => nodeCold(bin, build, options));
  for (const build of BUILDS) {
    for (const r of results[build]) r.importRestMs = r.importMs - r.compileMs - r.instantiateMs;
  }
  return { env: `Node ${version}`, phases: NODE_PHASES, results, load: load() };
}

// ---------- Chromium: a fresh context per cold start ----------
/** Page init script: times the glue's WebAssembly.instantiateStreaming / instantiate (fetch body + compile + instantiate). */
function timeWasmLoad() {
  globalThis.__wasmLoad = [];
  for (const name of ["instantiateStreaming", "instantiate", "compileStreaming", "compile"]) {
    const real = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const start = performance.now();
      const result = await real.apply(this, args);
      globalThis.__wasmLoad.push({ name, start, end: performance.now() });
      return result;
    };
  }
}

const CHROMIUM_PHASES = [
  ["totalMs", "total: `import()` to the first resolved reset"],
  ["importMs", "`import()` of index.js (fetch, parse, evaluate the glue)"],
  ["jsFetchMs", "… of which the index.js fetch (resource timing)"],
  ["initMs", "`await init()`: fetch + compile + instantiate the .wasm"],
  ["wasmFetchMs", "… of which the .wasm fetch (resource timing, request to last byte)"],
  ["wasmBodyMs", "… … of which first byte to last"],
  ["wasmAfterFetchMs", "… of which after the last byte (compile tail + instantiate + start)"],
  ["validateMs", "first `validateResetPinWithOtp` (valid options)"],
  ["firstCallMs", "first `resetPinWithOtp` (includes the first fetch)"],
];

async function benchChromium() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const env = `Chromium ${browser.version()}`;
  log(`${env}: ${RUNS} cold starts per build (+${WARMUP} warm-up)`);
  const transfer = {};
  try {
    const results = await interleaved("chromium", async (build, options) => {
      const context = await browser.newContext(); // fresh HTTP and code caches: nothing fetched or compiled yet
      const page = await context.newPage();
      await page.addInitScript(timeWasmLoad);
      await page.goto(`${MOCK_URL}/`);
      const timings = await page.evaluate(
        async ({ url, options }) => {
          const t0 = performance.now();
          const mod = await import(url);
          const t1 = performance.now();
          await mod.init();
          const t2 = performance.now();
          if (mod.validateResetPinWithOtp(options).length !== 0) throw new Error("cold validate failed");
          const tv = performance.now();
          const r = await mod.resetPinWithOtp(options);
          const t3 = performance.now();
          if (r.IsPosted !== true) throw new Error("cold call failed");
          const entries = performance.getEntriesByType("resource");
          const wasm = entries.find((e) => e.name.endsWith(".wasm"));
          const js = entries.find((e) => e.name.endsWith("/index.js"));
          const loaded = globalThis.__wasmLoad.at(-1);
          return {
            importMs: t1 - t0,
            jsFetchMs: js.responseEnd - js.startTime,
            initMs: t2 - t1,
            wasmFetchMs: wasm.responseEnd - wasm.startTime,
            wasmBodyMs: wasm.responseEnd - wasm.responseStart,
            wasmAfterFetchMs: loaded.end - wasm.responseEnd,
            validateMs: tv - t2,
            firstCallMs: t3 - tv,
            totalMs: t3 - t0,
            loadedBy: loaded.name,
            transfer: Object.fromEntries(
              [["js", js], ["wasm", wasm]].map(([k, e]) => [k, { transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize }]),
            ),
          };
        },
        { url: `/${build}/index.js`, options },
      );
      transfer[build] = { ...timings.transfer, loadedBy: timings.loadedBy };
      delete timings.transfer;
      await context.close();
      return timings;
    });
    return { env, phases: CHROMIUM_PHASES, results, transfer, load: load() };
  } finally {
    await browser.close();
  }
}

// ---------- report ----------
const size = (file) => {
  try {
    const bytes = readFileSync(path.join(WWW, file));
    return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  } catch {
    return null;
  }
};
const FILES = [
  ["loginradius_pin_reset_bg.wasm", ".wasm"],
  ["index.js", "index.js (browser entry + bundled glue)"],
  ["node/loginradius_pin_reset.js", "node/loginradius_pin_reset.js (Node glue)"],
  ["node.cjs", "node.cjs"],
  ["node/lib.cjs", "node/lib.cjs (Node glue, options reader, isLoginRadiusError)"],
  ["node.mjs", "node.mjs"],
  ["is-error.cjs", "is-error.cjs"],
];
const num = (n) => n.toLocaleString("en-US");

function report(envs) {
  const { lines, p, table } = markdown();
  const cpu = os.cpus()[0]?.model ?? "unknown";
  p("# Cold start: old build against new build");
  p();
  p(`Measured ${new Date().toISOString()} by \`scripts/compare-builds.sh\`; ${cpu}, ${os.cpus().length} cores.`);
  p(`- old: ${LABELS.old}`);
  p(`- new: ${LABELS.new}`);
  p();
  p(`${RUNS} cold starts per build and environment (fresh Node process / fresh Chromium context), old and new`);
  p(`alternating (old first in even runs, new first in odd ones), after ${WARMUP} unrecorded run(s) each; both builds served`);
  p(`by the same local mock server (--www; ${LABELS.compression ?? "gzip on the fly by the mock"}). Cells: median (min–max), ms. "new − old": the difference of`);
  p("the medians; \"paired\": the median of the per-run differences (each run measures both builds back to back).");
  p(`Load average (1, 5, 15 min): ${loads.before} before; ${envs.map((e) => `${e.load} after ${e.env}`).join("; ")}.`);
  p(
    "Runnable tasks at the start of each run (/proc/stat, this process included; 2 cores): " +
      envs.map((e) => `${e.env} median ${median(e.results.runnable)} (${Math.min(...e.results.runnable)}–${Math.max(...e.results.runnable)})`).join("; ") +
      ".",
  );
  p();
  const rows = [];
  for (const e of envs) {
    for (const [key, label] of e.phases) {
      const o = e.results.old.map((r) => r[key]);
      const n = e.results.new.map((r) => r[key]);
      const diff = median(n) - median(o);
      const paired = median(n.map((x, i) => x - o[i]));
      const verdict = key === "totalMs" ? (Math.max(diff, paired) <= GOAL_MS ? " ✓" : " ✗") : "";
      rows.push([e.env, label, cell(stats(o)), cell(stats(n)), `${diff >= 0 ? "+" : ""}${fmt(diff)}${verdict}`, `${paired >= 0 ? "+" : ""}${fmt(paired)}`]);
    }
  }
  table(["environment", "phase", "old, ms", "new, ms", `new − old, ms (goal ≤ +${GOAL_MS} on the total)`, "paired new − old, ms"], rows);
  p();
  p("Files (bytes; gzip -9 by Node's zlib):");
  p();
  table(
    ["file", "old", "new", "new − old"],
    FILES.map(([file, label]) => {
      const [o, n] = BUILDS.map((b) => size(`${b}/${file}`));
      const f = (s) => (s ? `${num(s.bytes)} (gzip ${num(s.gzip)})` : "–");
      const d = o && n ? `${n.bytes - o.bytes >= 0 ? "+" : ""}${num(n.bytes - o.bytes)} (gzip ${n.gzip - o.gzip >= 0 ? "+" : ""}${num(n.gzip - o.gzip)})` : "–";
      return [label, f(o), f(n), d];
    }),
  );
  const chromiumEnv = envs.find((e) => e.transfer);
  if (chromiumEnv) {
    p();
    const t = chromiumEnv.transfer;
    p(
      "Over the wire in Chromium (resource timing, encoded / decoded body bytes): " +
        BUILDS.map((b) => `${b}: index.js ${num(t[b].js.encodedBodySize)} / ${num(t[b].js.decodedBodySize)}, .wasm ${num(t[b].wasm.encodedBodySize)} / ${num(t[b].wasm.decodedBodySize)} (loaded by WebAssembly.${t[b].loadedBy})`).join("; ") +
        ".",
    );
  }
  p();
  p("Command: `scripts/compare-builds.sh` (defaults: `--old 6824b42 --new pkg`; `--precompressed` serves .gz files).");
  return lines.join("\n") + "\n";
}

// ---------- main ----------
for (const build of BUILDS) statSync(path.join(WWW, build, "node.mjs")); // both builds in place
tenant = await newTenant();
const envs = [];
if (only !== "chromium") for (const node of NODES) envs.push(await benchNode(node));
if (only !== "node") envs.push(await benchChromium());
const text = report(envs);
writeFileSync(path.join(OUT, "compare.md"), text);
writeFileSync(path.join(OUT, "compare.json"), JSON.stringify({ labels: LABELS, runs: RUNS, warmup: WARMUP, loads, envs }, null, 1));
process.stdout.write(text);
