// A dedicated module worker: no window, no document. The package loads its .wasm from a URL
// relative to its own module, fetched from inside the worker.
import * as lib from "./node_modules/loginradius-pin-reset/index.js";
import { runScenario } from "../shared/scenario.js";

self.onmessage = async ({ data }) => {
  try {
    const result = await runScenario(lib, data);
    result.inWorker = typeof window === "undefined" && typeof WorkerGlobalScope !== "undefined";
    self.postMessage({ ok: true, result });
  } catch (error) {
    self.postMessage({ ok: false, error: `${error && error.name}: ${error && error.message}` });
  }
};
