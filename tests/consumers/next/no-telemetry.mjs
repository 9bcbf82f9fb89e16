// Imported first by next.test.mjs: lib.mjs copies process.env for its child processes when it
// loads, and Next.js would otherwise try to send telemetry from `next build`, `start` and `dev`.
process.env.NEXT_TELEMETRY_DISABLED = "1";
