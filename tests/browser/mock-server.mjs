// The mock LoginRadius server for the tests: started on a free port with the demo (www/) and the
// built package (pkg/), stopped again, and a thin client for its /__dev API.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SERVER_START_TIMEOUT_MS = 30_000;

/** The server binary; built once when missing (the test script normally builds it first). */
function serverBinary() {
  if (process.env.LOGINRADIUS_MOCK_BIN) return process.env.LOGINRADIUS_MOCK_BIN;
  const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");
  const binary = path.join(targetDir, "release", "loginradius-mock");
  if (!existsSync(binary)) {
    const build = spawnSync("cargo", ["build", "--release", "-p", "loginradius-mock"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("cargo build of loginradius-mock failed");
  }
  return binary;
}

/**
 * Starts the server on port 0 (with `extraArgs`, e.g. `--demo-accounts`) and resolves with its
 * URL from the `listening on` line.
 */
export function startServer(extraArgs = []) {
  if (!existsSync(path.join(ROOT, "pkg", "index.js"))) {
    throw new Error("pkg/ is not built: run scripts/build.sh first");
  }
  const args = ["--port", "0", "--www", path.join(ROOT, "www"), "--pkg", path.join(ROOT, "pkg"), ...extraArgs];
  const child = spawn(serverBinary(), args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the mock server did not print its URL in time"));
    }, SERVER_START_TIMEOUT_MS);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the mock server exited early (${code})`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve({ child, url: match[1] });
    });
  });
}

/** SIGTERM (a graceful shutdown also ends `hang` faults), SIGKILL if it takes too long. */
export function stopServer(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Thin client for the server's development endpoints (see server/README.md). */
export function devApi(baseUrl) {
  async function call(method, pathname, { apiKey, query = {}, body } = {}) {
    const url = new URL(`/__dev/${pathname}`, baseUrl);
    if (apiKey) url.searchParams.set("apikey", apiKey);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json();
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${data.error}`);
    return data;
  }
  return {
    createTenant: async (settings = {}) => (await call("POST", "tenants", { body: settings })).apiKey,
    accounts: async (apiKey) => (await call("GET", "accounts", { apiKey })).accounts,
    createUser: (apiKey, user) => call("POST", "users", { apiKey, body: user }),
    issueOtp: (apiKey, identifier) => call("POST", "otp", { apiKey, body: identifier }),
    /** A reset-link token, as the forgot-PIN email with a page URL issues one. */
    issueResetToken: (apiKey, body) => call("POST", "reset-token", { apiKey, body }),
    armFault: (apiKey, fault) => call("POST", "faults", { apiKey, body: fault }),
    clearFaults: (apiKey) => call("DELETE", "faults", { apiKey }),
    webhooks: (apiKey) => call("GET", "webhooks", { apiKey }),
    outbox: (apiKey) => call("GET", "outbox", { apiKey }),
    user: (apiKey, identifier) => call("GET", "users", { apiKey, query: { identifier } }),
    checkPin: (apiKey, identifier, pin) =>
      call("GET", "users/pin", { apiKey, query: { identifier, pin } }),
  };
}

/** A loopback port where nothing listens: bound by the OS, then released. */
export function closedPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
