// One Node measurement in a fresh process: node [--expose-gc] bench/node-child.mjs MODE CONFIG.json
// Prints one JSON line. MODE: cold-<side> (see sides.mjs; the package from BENCH_PKG) | percall | cpu | memory-ours | memory-baseline.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const t0 = performance.now();

// Time the wasm compile and instantiate, and keep the instance to read its memory.
let compileMs = 0;
let instantiateMs = 0;
let wasmExports;
// The build gives the exports short names: the memory is the one export that is a Memory.
const wasmMemory = () => Object.values(wasmExports).find((value) => value instanceof WebAssembly.Memory);
const timed = (Target, add) =>
  new Proxy(Target, {
    construct(target, args) {
      const start = performance.now();
      const result = Reflect.construct(target, args);
      add(performance.now() - start, result);
      return result;
    },
  });
WebAssembly.Module = timed(WebAssembly.Module, (ms) => (compileMs += ms));
// The package's module is the first one built: Node's own fetch (undici) instantiates its HTTP
// parser's wasm at the first request, and must not be counted or read as ours.
WebAssembly.Instance = timed(WebAssembly.Instance, (ms, instance) => {
  instantiateMs += ms;
  wasmExports ??= instance.exports;
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [mode, configPath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, "utf8"));
const print = (value) => process.stdout.write(JSON.stringify(value) + "\n");
// Loaded only after the clock started: sides.mjs is a few lines of data.
const { SIDES, SIDE_IDS } = await import("./sides.mjs");
const entry = (id) => pathToFileURL(path.join(root, SIDES[id].node)).href;

async function loadLibs(ids = SIDE_IDS) {
  const { makeLibs } = await import("./tasks.mjs");
  const modules = {};
  for (const id of ids) modules[id] = await import(entry(id));
  return makeLibs(modules);
}

function heapUsed() {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

if (mode.startsWith("cold-")) {
  const side = SIDES[mode.slice("cold-".length)];
  const mod = await import(entry(mode.slice("cold-".length)));
  const t1 = performance.now();
  // The package's own compile and instantiate: those that happened during its import.
  const wasmPhases = { compileMs, instantiateMs };
  await mod.init?.();
  const t2 = performance.now();
  // config.validate (bench/compare-builds.mjs): a first validateResetPinWithOtp before the reset.
  if (config.validate && mod.validateResetPinWithOtp(config.options).length !== 0) throw new Error("cold validate failed");
  const tv = performance.now();
  const result = await mod[side.reset](config.options);
  const t3 = performance.now();
  if (result.IsPosted !== true) throw new Error("cold call failed");
  const validate = config.validate ? { validateMs: tv - t2 } : {};
  print({ importMs: t1 - t0, initMs: t2 - t1, ...validate, firstCallMs: t3 - tv, totalMs: t3 - t0, ...wasmPhases });
} else if (mode === "percall") {
  const { perCall } = await import("./tasks.mjs");
  print(await perCall(await loadLibs(), config.rounds));
} else if (mode === "cpu") {
  const { cpu } = await import("./tasks.mjs");
  const libs = await loadLibs();
  print(cpu(libs, config.options, config.iterations, config.samples));
} else if (mode === "memory-ours" || mode === "memory-baseline") {
  const { memoryMix } = await import("./tasks.mjs");
  const libs = await loadLibs(["ours", "baseline"]);
  const lib = libs[mode === "memory-ours" ? "ours" : "baseline"];
  // Let both modules finish loading before the first reading.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const points = [{ calls: 0, wasmBytes: wasmMemory().buffer.byteLength, heapBytes: heapUsed() }];
  const tally = await memoryMix(lib.reset, config.base, config.successUsers, config.count, config.at, async (i) => {
    points.push({ calls: i, wasmBytes: wasmMemory().buffer.byteLength, heapBytes: heapUsed() });
  });
  print({ points, tally });
} else {
  throw new Error(`unknown mode ${mode}`);
}
