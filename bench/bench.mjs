// Benchmark of the package against three hand-written calls, in Node and in headless Chromium,
// against the local mock server: a plain fetch (bench/baseline.mjs) and fetch with zod or valibot
// validation (bench/baselines/). Run through scripts/bench.sh, which builds pkg/ and starts the
// mock with `--www bench` (this folder is served at /, pkg/ at /pkg/).
//
//   MOCK_URL=http://127.0.0.1:PORT node bench/bench.mjs [--only node|chromium]
//
// Sizes can be lowered for a quick look: BENCH_COLD_RUNS, BENCH_ROUNDS, BENCH_CALLS,
// BENCH_LATENCY_CALLS, BENCH_CPU_ITERATIONS, BENCH_CPU_SAMPLES, BENCH_MEMORY_CALLS.
// Prints a markdown report and writes it, with the figures as JSON, to bench/out/bench.{md,json}
// (bench/report.mjs puts it into bench/results.md).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, keepWasmExports } from "../tests/browser/harness.mjs";
import { OUT, shippedBytes, writeBrowserLibs } from "./bundle.mjs";
import { dev, issueOtps, MOCK_URL, names, newTenant, OTP, PIN } from "./dev-api.mjs";
import { SIDE_IDS, SIDES } from "./sides.mjs";
import { bytes, cell, fmt, kib, markdown, stats } from "./stats.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");

const int = (name, fallback) => Number.parseInt(process.env[name] ?? "", 10) || fallback;
const COLD_RUNS = int("BENCH_COLD_RUNS", 15);
const ROUNDS = int("BENCH_ROUNDS", 5);
const CALLS = int("BENCH_CALLS", 2000);
// Per call again with a realistic network: the mock holds each answer LATENCY_MS (its `slow` fault).
const LATENCY_MS = int("BENCH_LATENCY_MS", 20);
const LATENCY_CALLS = int("BENCH_LATENCY_CALLS", 100);
const WARMUP = 100;
const CPU_ITERATIONS = int("BENCH_CPU_ITERATIONS", 10000);
const CPU_SAMPLES = int("BENCH_CPU_SAMPLES", 9);
const MEMORY_CALLS = int("BENCH_MEMORY_CALLS", 10000);
const MEMORY_AT = [...new Set([1000, MEMORY_CALLS / 2, MEMORY_CALLS].map(Math.floor))].filter((n) => n > 0);
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;

const log = (...args) => console.error("[bench]", ...args);
const LOAD_BEFORE = os.loadavg()[0].toFixed(2);

let tenant;
let latencyTenant;
const resetOptions = (username, apiKey = tenant) => ({ apiKey, baseUrl: MOCK_URL, username, otp: OTP, pin: PIN, preventWebhook: true });

/**
 * Interleaved rounds: a warm-up for each side, then the sides in turn, the order rotating each
 * round. The sides: ours, the baseline, the baseline with a timeout (bench/baseline.mjs), that
 * again after our validateResetPinWithOtp (what validating in wasm costs between round trips),
 * and the zod and valibot baselines.
 */
const PER_CALL_SIDES = ["ours", "baseline", "timeout", "validated", "valibot", "zod"];
async function perCallRounds(env, { apiKey = tenant, calls = CALLS, warmup = WARMUP } = {}) {
  const rounds = [];
  const options = (users) => users.map((username) => resetOptions(username, apiKey));
  for (const side of PER_CALL_SIDES) {
    rounds.push({ side, warmup: true, options: options(names(`${env}-w-${side}`, warmup)) });
  }
  for (let r = 0; r < ROUNDS; r++) {
    const shift = r % PER_CALL_SIDES.length;
    const order = [...PER_CALL_SIDES.slice(shift), ...PER_CALL_SIDES.slice(0, shift)];
    for (const side of order) {
      rounds.push({ side, options: options(names(`${env}-r${r}-${side}`, calls)) });
    }
  }
  await issueOtps(apiKey, rounds.flatMap((round) => round.options.map((o) => o.username)));
  return rounds;
}

/** The per-call rounds on the tenant whose every answer is held LATENCY_MS by the mock. */
const latencyRounds = (env) => perCallRounds(`${env}-lat`, { apiKey: latencyTenant, calls: LATENCY_CALLS, warmup: 10 });

/** ms/call per side, and ours against each other side round by round. */
function perCallSummary(results) {
  const timed = results.filter((r) => !r.warmup);
  const per = (side) => timed.filter((r) => r.side === side).map((r) => r.ms / r.calls);
  const ours = per("ours");
  const summary = { ratioTo: {} };
  for (const side of PER_CALL_SIDES) {
    summary[side] = stats(per(side));
    if (side !== "ours") summary.ratioTo[side] = stats(ours.map((o, i) => o / per(side)[i]));
  }
  // The names the first table has always used.
  summary.ratio = summary.ratioTo.baseline;
  summary.timeoutRatio = summary.ratioTo.timeout;
  return summary;
}

async function memoryConfig(env, side) {
  const successUsers = names(`${env}-mem-${side}`, Math.ceil(MEMORY_CALLS / 4));
  await issueOtps(tenant, successUsers);
  const errorUser = `${env}-mem-err`;
  await dev("POST", "users", { apiKey: tenant, body: { username: errorUser } });
  return { base: { ...resetOptions(undefined), errorUser }, successUsers, count: MEMORY_CALLS, at: MEMORY_AT };
}

/**
 * COLD_RUNS cold starts of each side, the side order rotating each run. `measure(side, options)`
 * runs one in a fresh process or browser context and returns its timings.
 */
async function coldStarts(env, measure) {
  const users = names(`${env}-cold`, COLD_RUNS * SIDE_IDS.length);
  await issueOtps(tenant, users);
  const cold = Object.fromEntries(SIDE_IDS.map((id) => [id, []]));
  for (let i = 0; i < COLD_RUNS; i++) {
    const order = [...SIDE_IDS.slice(i % SIDE_IDS.length), ...SIDE_IDS.slice(0, i % SIDE_IDS.length)];
    for (const side of order) {
      const username = users[i * SIDE_IDS.length + SIDE_IDS.indexOf(side)];
      cold[side].push(await measure(side, resetOptions(username)));
    }
  }
  return cold;
}

// ---------- Node ----------
function nodeChild(mode, config, flags = []) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const file = path.join(dir, "config.json");
  writeFileSync(file, JSON.stringify(config));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, path.join(HERE, "node-child.mjs"), mode, file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`node-child ${mode} exited ${code}`));
      resolve(JSON.parse(out.trim().split("\n").pop()));
    });
  });
}

async function benchNode() {
  const result = { env: "Node " + process.version };

  log("node: cold start");
  result.cold = await coldStarts("node", (side, options) => nodeChild(`cold-${side}`, { options }));

  log("node: per call");
  result.perCall = perCallSummary(await nodeChild("percall", { rounds: await perCallRounds("node") }));
  log(`node: per call with ${LATENCY_MS} ms network latency`);
  result.perCallLatency = perCallSummary(await nodeChild("percall", { rounds: await latencyRounds("node") }));

  log("node: cpu");
  result.cpu = await nodeChild("cpu", {
    options: resetOptions("cpu-user"),
    iterations: CPU_ITERATIONS,
    samples: CPU_SAMPLES,
  });

  log("node: memory");
  result.memory = {};
  for (const side of ["ours", "baseline"]) {
    result.memory[side] = await nodeChild(`memory-${side}`, await memoryConfig("node", side), ["--expose-gc"]);
  }
  return result;
}

// ---------- Chromium ----------
async function benchChromium() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const result = { env: "Chromium " + browser.version() };
  const page0 = `${MOCK_URL}/`;
  try {
    log("chromium: cold start");
    result.cold = await coldStarts("chromium", async (side, options) => {
      const context = await browser.newContext(); // fresh cache: nothing compiled or fetched yet
      const page = await context.newPage();
      await page.goto(page0);
      const timings = await page.evaluate(
        async ({ url, reset, options }) => {
          const t0 = performance.now();
          const mod = await import(url);
          const t1 = performance.now();
          await mod.init?.();
          const t2 = performance.now();
          const r = await mod[reset](options);
          const t3 = performance.now();
          if (r.IsPosted !== true) throw new Error("cold call failed");
          const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
          return {
            importMs: t1 - t0,
            initMs: t2 - t1,
            firstCallMs: t3 - t2,
            totalMs: t3 - t0,
            wasmFetchMs: wasm ? wasm.responseEnd - wasm.startTime : 0,
          };
        },
        { url: SIDES[side].browser, reset: SIDES[side].reset, options },
      );
      await context.close();
      return timings;
    });

    const context = await browser.newContext();
    /** A page with the given sides loaded (ours always, ready: init() done) and bench/tasks.mjs. */
    const fresh = async (ids = SIDE_IDS) => {
      const page = await context.newPage();
      await page.addInitScript(keepWasmExports);
      await page.goto(page0);
      await page.evaluate(
        async ({ urls }) => {
          const modules = {};
          for (const [id, url] of Object.entries(urls)) modules[id] = await import(url);
          await modules.ours.init();
          const tasks = await import("/tasks.mjs");
          window.bench = {
            tasks,
            // The exports have short names: the memory is the one export that is a Memory.
            wasmMemory: Object.values(globalThis.__lrWasm).find((value) => value instanceof WebAssembly.Memory),
            libs: tasks.makeLibs(modules),
          };
        },
        { urls: Object.fromEntries(ids.map((id) => [id, SIDES[id].browser])) },
      );
      return page;
    };

    log("chromium: per call");
    {
      const page = await fresh();
      const run = async (rounds) =>
        perCallSummary(await page.evaluate((rounds) => window.bench.tasks.perCall(window.bench.libs, rounds), rounds));
      result.perCall = await run(await perCallRounds("chromium"));
      log(`chromium: per call with ${LATENCY_MS} ms network latency`);
      result.perCallLatency = await run(await latencyRounds("chromium"));
      await page.close();
    }

    log("chromium: cpu");
    {
      const page = await fresh();
      result.cpu = await page.evaluate(
        ({ options, iterations, samples }) => window.bench.tasks.cpu(window.bench.libs, options, iterations, samples),
        { options: resetOptions("cpu-user"), iterations: CPU_ITERATIONS, samples: CPU_SAMPLES },
      );
      await page.close();
    }

    log("chromium: memory");
    result.memory = {};
    for (const side of ["ours", "baseline"]) {
      const page = await fresh(["ours", "baseline"]);
      const cdp = await context.newCDPSession(page);
      const heap = async () => {
        await cdp.send("HeapProfiler.collectGarbage");
        await cdp.send("HeapProfiler.collectGarbage");
        return (await cdp.send("Runtime.getHeapUsage")).usedSize;
      };
      const points = [];
      await page.exposeFunction("benchCheckpoint", async (calls) => {
        const wasmBytes = await page.evaluate(() => window.bench.wasmMemory.buffer.byteLength);
        points.push({ calls, wasmBytes, heapBytes: await heap() });
      });
      await page.evaluate(() => window.benchCheckpoint(0));
      const config = await memoryConfig("chromium", side);
      const tally = await page.evaluate(
        ({ side, config }) =>
          window.bench.tasks.memoryMix(
            window.bench.libs[side].reset,
            config.base,
            config.successUsers,
            config.count,
            config.at,
            (i) => window.benchCheckpoint(i),
          ),
        { side, config },
      );
      result.memory[side] = { points, tally };
      await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
  }
  return result;
}

// ---------- report ----------
function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? "unknown";
  let chromiumVersion = "unknown";
  try {
    chromiumVersion = execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {}
  return { model, cores: os.cpus().length, node: process.version, chromium: chromiumVersion, os: `${os.type()} ${os.release()}` };
}

const LABEL = { ...Object.fromEntries(SIDE_IDS.map((id) => [id, SIDES[id].label])), ours: "ours", timeout: "plain fetch + timeout" };
const BASELINES = SIDE_IDS.filter((id) => id !== "ours");

function report(envs, sizes) {
  const m = machine();
  const { lines, p, table } = markdown();
  const perCallTable = (rows) =>
    table(
      ["environment", "ours, ms/call", "baseline, ms/call", "ratio ours/baseline (goal ≤ 1.05)", "baseline + timeout, ms/call", "ratio ours/(baseline + timeout)"],
      rows.map(([env, c]) => [env, ...[c.ours, c.baseline, c.ratio, c.timeout, c.timeoutRatio].map((s) => cell(s, "", 3))]),
    );
  /** ours against the three hand-written calls, ms/call and ratios. */
  const validatingTable = (key) =>
    table(
      ["environment", ...SIDE_IDS.map((id) => `${LABEL[id]}, ms/call`), ...BASELINES.map((id) => `ours / ${LABEL[id]}`)],
      envs.map((e) => [e.env, ...SIDE_IDS.map((id) => cell(e[key][id], "", 3)), ...BASELINES.map((id) => cell(e[key].ratioTo[id], "", 3))]),
    );

  p("# Benchmark results");
  p();
  p(`Measured ${new Date().toISOString()} by \`scripts/bench.sh\`.`);
  p();
  p(`Machine: ${m.model}, ${m.cores} cores, ${m.os}; Node ${m.node}; ${m.chromium}; 1-minute load average ${LOAD_BEFORE} before the run (other work on the machine makes the figures noisier).`);
  p(`Package: loginradius_pin_reset_bg.wasm ${sizes[0].wasmBytes} bytes. Server: the local mock on 127.0.0.1, one tenant with no rate limit.`);
  p();
  p("Each figure is the median with (min–max) over the repeated runs. The baseline (plain fetch) is bench/baseline.mjs:");
  p("a hand-written `fetch` PUT of the same URL, headers and JSON body, no validation, no timeout, reading the JSON envelope.");
  p("\"baseline + timeout\" is the same call given the package's default timeout (an AbortController aborted by a");
  p("15 s timer, cleared after): what a timeout costs by itself. \"fetch + valibot\" and \"fetch + zod\" (bench/baselines/)");
  p("are the package's whole call written by hand: the same rules as schemas, the same request, timeout and typed errors");
  p("(bench/baselines/contract.test.mjs checks that they agree with the package).");
  p();

  p(`## 1. Cold start: dynamic \`import()\` to the first resolved reset (${COLD_RUNS} fresh processes / browser contexts per side)`);
  p();
  const total = (e, id) => stats(e.cold[id].map((r) => r.totalMs));
  table(
    ["environment", ...SIDE_IDS.map((id) => `${LABEL[id]}, ms`), ...BASELINES.map((id) => `ours − ${LABEL[id]}, ms (< 0: ours faster)`)],
    envs.map((e) => [e.env, ...SIDE_IDS.map((id) => cell(total(e, id))), ...BASELINES.map((id) => fmt(total(e, "ours").median - total(e, id).median))]),
  );
  p();
  p("Where the cold start goes (the package's own phases; each side's import and first call beside it):");
  p();
  const rows = [];
  for (const e of envs) {
    const s = (side, key) => cell(stats(e.cold[side].map((r) => r[key])));
    const all = (key) => SIDE_IDS.map((id) => s(id, key));
    const oursOnly = (key) => [s("ours", key), ...BASELINES.map(() => "–")];
    if ("compileMs" in e.cold.ours[0]) {
      rows.push([e.env, "`import()` (ours: reads the .wasm, compiles and instantiates it synchronously)", ...all("importMs")]);
      rows.push([e.env, "… of which `new WebAssembly.Module` (compile)", ...oursOnly("compileMs")]);
      rows.push([e.env, "… of which `new WebAssembly.Instance` (instantiate + start)", ...oursOnly("instantiateMs")]);
      rows.push([e.env, "`init()` (no-op in Node)", ...oursOnly("initMs")]);
    } else {
      rows.push([e.env, "`import()` (ours: index.js, the glue bundled in; valibot, zod: their bundles)", ...all("importMs")]);
      rows.push([e.env, "`init()`: fetch + compile + instantiate the .wasm", ...oursOnly("initMs")]);
      rows.push([e.env, "… of which the .wasm fetch (resource timing)", ...oursOnly("wasmFetchMs")]);
    }
    rows.push([e.env, "first call (includes the first fetch)", ...all("firstCallMs")]);
  }
  table(["environment", "phase", ...SIDE_IDS.map((id) => `${LABEL[id]}, ms`)], rows);
  p();

  p(`## 2. Per call: ${CALLS} sequential successful resets (${ROUNDS} interleaved rounds per side, after ${WARMUP} warm-up calls)`);
  p();
  perCallTable(envs.map((e) => [e.env, e.perCall]));
  p();
  p("Where the difference goes, step by step from the baseline to ours (µs per call more than the step before; medians):");
  p();
  const step = (from, to) => ((to.median - from.median) * 1000).toFixed(0);
  table(
    ["environment", "+ a timeout (baseline + timeout)", "+ our validation in wasm, before the call", "+ the rest of ours (request, callbacks, reading the answer)"],
    envs.map(({ env, perCall: c }) => [env, step(c.baseline, c.timeout), step(c.timeout, c.validated), step(c.validated, c.ours)]),
  );
  p();
  p("Against the hand-written calls that do the same work (validation with zod or valibot, the timeout, typed errors):");
  p();
  validatingTable("perCall");
  p();
  p(`The same with every answer held ${LATENCY_MS} ms by the server (its \`slow\` fault), as a real network would: ${LATENCY_CALLS} resets per round.`);
  p();
  perCallTable(envs.map((e) => [e.env, e.perCallLatency]));
  p();
  validatingTable("perCallLatency");
  p();

  p(`## 3. CPU only: µs per call (${CPU_SAMPLES} samples of ${CPU_ITERATIONS} calls)`);
  p();
  p("validate: ours `validateResetPinWithOtp`, the baselines their schema's `safeParse` (issues mapped to `{ field, message }`).");
  p("build: ours `buildResetPinWithOtpRequest`, the baselines `safeParse` + the same request builder; with 5 bad fields it");
  p("throws the validation error. Plain fetch has no validation: its builder only. The 5 bad fields: apiKey, otp, pin,");
  p("preventWebhook, timeoutMs (bench/tasks.mjs `withFiveBadFields`).");
  p();
  const cpuRows = [];
  for (const e of envs) {
    const find = (side, stepName, input) => e.cpu.find((c) => c.side === side && c.step === stepName && c.input === input);
    for (const [stepName, input] of [["validate", "valid"], ["validate", "5 bad fields"], ["build", "valid"], ["build", "5 bad fields"]]) {
      const us = (side) => {
        const found = find(side, stepName, input);
        return found ? cell(stats(found.us), "", 3) : "–";
      };
      cpuRows.push([e.env, stepName, input, ...SIDE_IDS.map(us)]);
    }
  }
  table(["environment", "step", "options", ...SIDE_IDS.map((id) => `${LABEL[id]}, µs`)], cpuRows);
  p();

  p(`## 4. Memory: ${MEMORY_CALLS} calls mixing success, API error (1067), invalid options and a pre-aborted signal`);
  p();
  p("Each side in its own fresh process / page (the package and the plain baseline loaded in each); JS heap after a forced GC.");
  p();
  const memoryRows = [];
  for (const e of envs) {
    for (const side of ["ours", "baseline"]) {
      for (const point of e.memory[side].points) {
        memoryRows.push([e.env, side, point.calls, kib(point.wasmBytes), `${(point.heapBytes / 1048576).toFixed(2)} MiB`]);
      }
    }
  }
  table(["environment", "side", "calls", "wasm memory", "JS heap used"], memoryRows);
  p();
  p("(In the baseline rows the wasm memory is that of the package, loaded but not called.)");
  p();

  p("## 5. Bytes shipped: what an app bundles for `resetPinWithOtp`");
  p();
  p("esbuild --bundle --minify of an entry that exports only the side's reset function (bench/bundle.mjs), and the");
  p(".wasm for ours; gzip -9 by Node's zlib.");
  p();
  table(
    ["side", "JS, minified", "JS, gzip", ".wasm", ".wasm, gzip", "total, gzip"],
    sizes.map((r) => [LABEL[r.id] === "ours" ? SIDES.ours.label : LABEL[r.id], bytes(r.jsBytes), bytes(r.jsGzip), r.wasmBytes ? bytes(r.wasmBytes) : "–", r.wasmGzip ? bytes(r.wasmGzip) : "–", bytes(r.totalGzip)]),
  );
  p();
  p("Command: `scripts/bench.sh` (builds pkg/ if missing, starts the mock, runs `node bench/bench.mjs`).");
  return lines.join("\n") + "\n";
}

// ---------- main ----------
tenant = await newTenant();
latencyTenant = await newTenant();
await dev("POST", "faults", { apiKey: latencyTenant, body: { fault: "slow", times: 0, delayMs: LATENCY_MS } });
// Sanity: every side sends exactly the request the package sends (bench/baselines/contract.test.mjs checks far more).
{
  const options = resetOptions("same-request");
  const ours = JSON.stringify((await import(path.join(ROOT, SIDES.ours.node))).buildResetPinWithOtpRequest(options));
  const others = {
    baseline: (await import("./baseline.mjs")).buildBaselineRequest(options),
    valibot: (await import("./baselines/valibot.mjs")).buildResetPinWithOtpRequest(options),
    zod: (await import("./baselines/zod.mjs")).buildResetPinWithOtpRequest(options),
  };
  for (const [side, request] of Object.entries(others)) {
    if (JSON.stringify(request) !== ours) throw new Error(`the ${side} request differs:\n${ours}\n${JSON.stringify(request)}`);
  }
}

log("bundles: bytes shipped, and the valibot and zod modules for the bench page");
const sizes = await shippedBytes();
await writeBrowserLibs();

const envs = [];
if (only !== "chromium") envs.push(await benchNode());
if (only !== "node") envs.push(await benchChromium());
const text = report(envs, sizes);
mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, "bench.md"), text);
writeFileSync(path.join(OUT, "bench.json"), JSON.stringify({ envs, sizes, latencyMs: LATENCY_MS }, null, 1));
process.stdout.write(text);
