// Benchmark of the package against a hand-written plain-JS fetch (bench/baseline.mjs), in Node and
// in headless Chromium, against the local mock server. Run through scripts/bench.sh, which builds
// pkg/ and starts the mock with `--www bench` (this folder is served at /, pkg/ at /pkg/).
//
//   MOCK_URL=http://127.0.0.1:PORT node bench/bench.mjs [--only node|chromium]
//
// Sizes can be lowered for a quick look: BENCH_COLD_RUNS, BENCH_ROUNDS, BENCH_CALLS,
// BENCH_CPU_ITERATIONS, BENCH_CPU_SAMPLES, BENCH_MEMORY_CALLS.
// Prints a markdown report and writes it to bench/results.md.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, keepWasmExports } from "../tests/browser/harness.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const PKG = path.join(ROOT, "pkg");
const MOCK_URL = process.env.MOCK_URL;
if (!MOCK_URL) throw new Error("MOCK_URL is not set: run scripts/bench.sh");

const int = (name, fallback) => Number.parseInt(process.env[name] ?? "", 10) || fallback;
const COLD_RUNS = int("BENCH_COLD_RUNS", 15);
const ROUNDS = int("BENCH_ROUNDS", 5);
const CALLS = int("BENCH_CALLS", 2000);
// Per call again with a realistic network: the mock holds each answer LATENCY_MS (its `slow` fault).
const LATENCY_MS = int("BENCH_LATENCY_MS", 20);
const LATENCY_CALLS = int("BENCH_LATENCY_CALLS", 100);
const WARMUP = 100;
const CPU_ITERATIONS = int("BENCH_CPU_ITERATIONS", 20000);
const CPU_SAMPLES = int("BENCH_CPU_SAMPLES", 9);
const MEMORY_CALLS = int("BENCH_MEMORY_CALLS", 10000);
const MEMORY_AT = [...new Set([1000, MEMORY_CALLS / 2, MEMORY_CALLS].map(Math.floor))].filter((n) => n > 0);
const OTP = "135790";
const PIN = "482916";
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;


const log = (...args) => console.error("[bench]", ...args);

// ---------- statistics and formatting ----------
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
const fmt = (x, digits = 2) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(digits));
const cell = (s, unit = "", digits) => `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

// ---------- dev API ----------
async function dev(method, pathname, { apiKey, body } = {}) {
  const url = new URL(`/__dev/${pathname}`, MOCK_URL);
  if (apiKey) url.searchParams.set("apikey", apiKey);
  const response = await fetch(url, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json();
  if (!response.ok) throw new Error(`${method} /__dev/${pathname}: ${response.status} ${data.error}`);
  return data;
}

/** Issues OTP `OTP` to each username (creating the users), 16 requests in flight. Outside any timing. */
async function issueOtps(apiKey, usernames) {
  let next = 0;
  const worker = async () => {
    while (next < usernames.length) {
      const username = usernames[next++];
      await dev("POST", "otp", { apiKey, body: { username, otp: OTP } });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

const names = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
let tenant;
let latencyTenant;
const resetOptions = (username, apiKey = tenant) => ({ apiKey, baseUrl: MOCK_URL, username, otp: OTP, pin: PIN, preventWebhook: true });

/**
 * Interleaved rounds: a warm-up for each side, then the sides in turn, the order rotating each
 * round. The sides: ours, the baseline, the baseline with a timeout (bench/baseline.mjs), and
 * that again after our validateResetPinWithOtp (what validating in wasm costs between round trips).
 */
const PER_CALL_SIDES = ["ours", "baseline", "timeout", "validated"];
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

function perCallSummary(results) {
  const timed = results.filter((r) => !r.warmup);
  const per = (side) => timed.filter((r) => r.side === side).map((r) => r.ms / r.calls);
  const ours = per("ours");
  const baseline = per("baseline");
  const timeout = per("timeout");
  return {
    ours: stats(ours),
    baseline: stats(baseline),
    timeout: stats(timeout),
    validated: stats(per("validated")),
    ratio: stats(ours.map((o, i) => o / baseline[i])),
    timeoutRatio: stats(ours.map((o, i) => o / timeout[i])),
  };
}

async function memoryConfig(env, side) {
  const successUsers = names(`${env}-mem-${side}`, Math.ceil(MEMORY_CALLS / 4));
  await issueOtps(tenant, successUsers);
  const errorUser = `${env}-mem-err`;
  await dev("POST", "users", { apiKey: tenant, body: { username: errorUser } });
  return { base: { ...resetOptions(undefined), errorUser }, successUsers, count: MEMORY_CALLS, at: MEMORY_AT };
}

// ---------- Node ----------
function nodeChild(mode, config, flags = []) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const file = path.join(dir, "config.json");
  writeFileSync(file, JSON.stringify({ pkgDir: PKG, ...config }));
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
  const coldUsers = names("node-cold", COLD_RUNS * 2);
  await issueOtps(tenant, coldUsers);
  const cold = { ours: [], baseline: [] };
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const side of i % 2 ? ["baseline", "ours"] : ["ours", "baseline"]) {
      const username = coldUsers[i * 2 + (side === "ours" ? 0 : 1)];
      cold[side].push(await nodeChild(`cold-${side}`, { options: resetOptions(username) }));
    }
  }
  result.cold = cold;

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
    const coldUsers = names("chromium-cold", COLD_RUNS * 2);
    await issueOtps(tenant, coldUsers);
    const cold = { ours: [], baseline: [] };
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const side of i % 2 ? ["baseline", "ours"] : ["ours", "baseline"]) {
        const username = coldUsers[i * 2 + (side === "ours" ? 0 : 1)];
        const context = await browser.newContext(); // fresh cache: nothing compiled or fetched yet
        const page = await context.newPage();
        await page.goto(page0);
        cold[side].push(
          await page.evaluate(
            async ({ side, options }) => {
              const t0 = performance.now();
              const mod = await import(side === "ours" ? "/pkg/index.js" : "/baseline.mjs");
              const t1 = performance.now();
              await mod.init();
              const t2 = performance.now();
              const r = await (side === "ours" ? mod.resetPinWithOtp : mod.resetBaseline)(options);
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
            { side, options: resetOptions(username) },
          ),
        );
        await context.close();
      }
    }
    result.cold = cold;

    const context = await browser.newContext();
    const fresh = async () => {
      const page = await context.newPage();
      await page.addInitScript(keepWasmExports);
      await page.goto(page0);
      await page.evaluate(async () => {
        const ours = await import("/pkg/index.js");
        await ours.init();
        const base = await import("/baseline.mjs");
        const tasks = await import("/tasks.mjs");
        window.bench = {
          tasks,
          // The exports have short names: the memory is the one export that is a Memory.
          wasmMemory: Object.values(globalThis.__lrWasm).find((value) => value instanceof WebAssembly.Memory),
          libs: {
            ours: { reset: ours.resetPinWithOtp, build: ours.buildResetPinWithOtpRequest, validate: ours.validateResetPinWithOtp },
            baseline: { reset: base.resetBaseline, build: base.buildBaselineRequest },
            timeout: { reset: base.resetBaselineWithTimeout },
            validated: { reset: (o) => (ours.validateResetPinWithOtp(o), base.resetBaselineWithTimeout(o)) },
          },
        };
      });
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
        ({ options, iterations, samples }) =>
          window.bench.tasks.cpu(window.bench.libs.ours, window.bench.libs.baseline, options, iterations, samples),
        { options: resetOptions("cpu-user"), iterations: CPU_ITERATIONS, samples: CPU_SAMPLES },
      );
      await page.close();
    }

    log("chromium: memory");
    result.memory = {};
    for (const side of ["ours", "baseline"]) {
      const page = await fresh();
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

function wasmSize() {
  try {
    return readFileSync(path.join(PKG, "loginradius_pin_reset_bg.wasm")).length;
  } catch {
    return 0;
  }
}

function report(envs) {
  const m = machine();
  const lines = [];
  const p = (s = "") => lines.push(s);
  const perCallTable = (rows) => {
    p("| environment | ours, ms/call | baseline, ms/call | ratio ours/baseline (goal ≤ 1.05) | baseline + timeout, ms/call | ratio ours/(baseline + timeout) |");
    p("|---|---|---|---|---|---|");
    for (const [env, c] of rows) {
      const cells = [c.ours, c.baseline, c.ratio, c.timeout, c.timeoutRatio].map((s) => cell(s, "", 3));
      p(`| ${env} | ${cells.join(" | ")} |`);
    }
  };
  p("# Benchmark results");
  p();
  p(`Measured ${new Date().toISOString()} by \`scripts/bench.sh\`.`);
  p();
  p(`Machine: ${m.model}, ${m.cores} cores, ${m.os}; Node ${m.node}; ${m.chromium}.`);
  p(`Package: pkg/loginradius_pin_reset_bg.wasm ${wasmSize()} bytes. Server: the local mock on 127.0.0.1, one tenant with no rate limit.`);
  p();
  p("Each figure is the median with (min–max) over the repeated runs. The baseline is bench/baseline.mjs: a hand-written");
  p("`fetch` PUT of the same URL, headers and JSON body, no validation, no timeout, reading the JSON envelope.");
  p("\"baseline + timeout\" is the same call given the package's default timeout (an AbortController aborted by a");
  p("15 s timer, cleared after): what a timeout costs by itself.");
  p();

  p(`## 1. Cold start: dynamic \`import()\` to the first resolved reset (${COLD_RUNS} fresh ${"processes / browser contexts"} per side)`);
  p();
  p("| environment | ours, ms | baseline, ms | difference, ms | ratio |");
  p("|---|---|---|---|---|");
  for (const e of envs) {
    const o = stats(e.cold.ours.map((r) => r.totalMs));
    const b = stats(e.cold.baseline.map((r) => r.totalMs));
    p(`| ${e.env} | ${cell(o)} | ${cell(b)} | ${fmt(o.median - b.median)} | ${fmt(o.median / b.median)} |`);
  }
  p();
  p("Where the package's cold start goes (ours only; baseline's import and first call beside it):");
  p();
  p("| environment | phase | ours, ms | baseline, ms |");
  p("|---|---|---|---|");
  for (const e of envs) {
    const s = (side, key) => stats(e.cold[side].map((r) => r[key]));
    const node = "compileMs" in e.cold.ours[0];
    if (node) {
      p(`| ${e.env} | \`import()\` (reads the .wasm, compiles and instantiates it synchronously) | ${cell(s("ours", "importMs"))} | ${cell(s("baseline", "importMs"))} |`);
      p(`| ${e.env} | … of which \`new WebAssembly.Module\` (compile) | ${cell(s("ours", "compileMs"))} | – |`);
      p(`| ${e.env} | … of which \`new WebAssembly.Instance\` (instantiate + start) | ${cell(s("ours", "instantiateMs"))} | – |`);
      p(`| ${e.env} | \`init()\` (no-op in Node) | ${cell(s("ours", "initMs"))} | ${cell(s("baseline", "initMs"))} |`);
    } else {
      p(`| ${e.env} | \`import()\` of index.js (the glue bundled in) | ${cell(s("ours", "importMs"))} | ${cell(s("baseline", "importMs"))} |`);
      p(`| ${e.env} | \`init()\`: fetch + compile + instantiate the .wasm | ${cell(s("ours", "initMs"))} | – |`);
      p(`| ${e.env} | … of which the .wasm fetch (resource timing) | ${cell(s("ours", "wasmFetchMs"))} | – |`);
    }
    p(`| ${e.env} | first call (includes the first fetch) | ${cell(s("ours", "firstCallMs"))} | ${cell(s("baseline", "firstCallMs"))} |`);
  }
  p();

  p(`## 2. Per call: ${CALLS} sequential successful resets (${ROUNDS} interleaved rounds per side, after ${WARMUP} warm-up calls)`);
  p();
  perCallTable(envs.map((e) => [e.env, e.perCall]));
  p();
  p("Where the difference goes, step by step from the baseline to ours (µs per call more than the step before; medians):");
  p();
  p("| environment | + a timeout (baseline + timeout) | + our validation in wasm, before the call | + the rest of ours (request, callbacks, reading the answer) |");
  p("|---|---|---|---|");
  for (const e of envs) {
    const c = e.perCall;
    const step = (from, to) => ((to.median - from.median) * 1000).toFixed(0);
    p(`| ${e.env} | ${step(c.baseline, c.timeout)} | ${step(c.timeout, c.validated)} | ${step(c.validated, c.ours)} |`);
  }
  p();
  p(`The same with every answer held ${LATENCY_MS} ms by the server (its \`slow\` fault), as a real network would: ${LATENCY_CALLS} resets per round.`);
  p();
  perCallTable(envs.map((e) => [e.env, e.perCallLatency]));
  p();

  p(`## 3. CPU only: µs per call (${CPU_SAMPLES} samples of ${CPU_ITERATIONS} calls, same valid options)`);
  p();
  p("| environment | function | µs/call | ratio to the plain-JS builder |");
  p("|---|---|---|---|");
  for (const e of envs) {
    const base = median(e.cpu["baseline: plain-JS builder"]);
    for (const [name, xs] of Object.entries(e.cpu)) {
      const s = stats(xs);
      p(`| ${e.env} | ${name} | ${cell(s, "", 3)} | ${fmt(s.median / base)} |`);
    }
  }
  p();

  p(`## 4. Memory: ${MEMORY_CALLS} calls mixing success, API error (1067), invalid options and a pre-aborted signal`);
  p();
  p("Each side in its own fresh process / page (both modules loaded in each); JS heap after a forced GC.");
  p();
  p("| environment | side | calls | wasm memory | JS heap used |");
  p("|---|---|---|---|---|");
  for (const e of envs) {
    for (const side of ["ours", "baseline"]) {
      const mem = e.memory[side];
      for (const point of mem.points) {
        p(`| ${e.env} | ${side} | ${point.calls} | ${kib(point.wasmBytes)} | ${(point.heapBytes / 1048576).toFixed(2)} MiB |`);
      }
    }
  }
  p();
  p("(In the baseline rows the wasm memory is that of the package, loaded but not called.)");
  p();
  p("Command: `scripts/bench.sh` (builds pkg/ if missing, starts the mock, runs `node bench/bench.mjs`).");
  return lines.join("\n") + "\n";
}

// ---------- main ----------
tenant = (await dev("POST", "tenants", { body: { rateLimit: 0, maxOtpAttempts: 0 } })).apiKey;
latencyTenant = (await dev("POST", "tenants", { body: { rateLimit: 0, maxOtpAttempts: 0 } })).apiKey;
await dev("POST", "faults", { apiKey: latencyTenant, body: { fault: "slow", times: 0, delayMs: LATENCY_MS } });
// Sanity: the baseline sends exactly the request the package sends.
{
  const ours = (await import(path.join(PKG, "node.mjs"))).buildResetPinWithOtpRequest(resetOptions("same-request"));
  const base = (await import("./baseline.mjs")).buildBaselineRequest(resetOptions("same-request"));
  if (JSON.stringify(ours) !== JSON.stringify(base)) {
    throw new Error(`baseline request differs:\n${JSON.stringify(ours)}\n${JSON.stringify(base)}`);
  }
}

const envs = [];
if (only !== "chromium") envs.push(await benchNode());
if (only !== "node") envs.push(await benchChromium());
const text = report(envs);
writeFileSync(path.join(HERE, "results.md"), text);
process.stdout.write(text);
