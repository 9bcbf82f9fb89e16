// Benchmark bodies shared by Node (bench/node-child.mjs) and Chromium (imported by the page).
// A lib is an adapter: { reset(options) -> Promise, build(options), validate(options) } (see makeLibs).

const now = () => performance.now();

/** The options of the "5 bad fields" figures: five fields broken at once, each its own way. */
export const withFiveBadFields = (options) => ({
  ...options,
  apiKey: "not-a-guid",
  otp: "12 34",
  pin: "",
  preventWebhook: "yes",
  timeoutMs: 0,
});

/** Sequential resets; every one must resolve with IsPosted. Returns elapsed ms. */
export async function sequentialResets(reset, optionsList) {
  const start = now();
  for (const options of optionsList) {
    const result = await reset(options);
    if (!result || result.IsPosted !== true) throw new Error("a reset did not succeed");
  }
  return now() - start;
}

/**
 * Per call: rounds = [{ side, options: [...] }], run in the given (interleaved) order.
 * Returns [{ side, ms, calls }].
 */
export async function perCall(libs, rounds) {
  const out = [];
  for (const round of rounds) {
    const ms = await sequentialResets(libs[round.side].reset, round.options);
    out.push({ side: round.side, ms, calls: round.options.length, warmup: !!round.warmup });
  }
  return out;
}

/**
 * The per-call sides from the loaded modules: the package, the plain-fetch baseline (alone, with
 * a timeout, and after the package's validation) and the validating baselines that were loaded.
 */
export function makeLibs({ ours, baseline, valibot, zod }) {
  const validating = (m) => ({ reset: m.resetPinWithOtp, build: m.buildResetPinWithOtpRequest, validate: m.validateResetPinWithOtp });
  const libs = {
    ours: validating(ours),
    baseline: { reset: baseline.resetBaseline, build: baseline.buildBaselineRequest },
    timeout: { reset: baseline.resetBaselineWithTimeout },
    validated: { reset: (o) => (ours.validateResetPinWithOtp(o), baseline.resetBaselineWithTimeout(o)) },
  };
  if (valibot) libs.valibot = validating(valibot);
  if (zod) libs.zod = validating(zod);
  return libs;
}

/** The CPU cases: validate and build, on valid options and on options with five bad fields. */
function cpuCases(libs, valid) {
  const bad = withFiveBadFields(valid);
  const cases = [];
  for (const side of ["ours", "valibot", "zod"]) {
    const { validate, build } = libs[side];
    const buildOrError = (options) => {
      try {
        return build(options);
      } catch (error) {
        return error;
      }
    };
    cases.push({ side, step: "validate", input: "valid", fn: () => validate(valid) });
    cases.push({ side, step: "validate", input: "5 bad fields", fn: () => validate(bad) });
    cases.push({ side, step: "build", input: "valid", fn: () => buildOrError(valid) });
    cases.push({ side, step: "build", input: "5 bad fields", fn: () => buildOrError(bad) });
  }
  cases.push({ side: "baseline", step: "build", input: "valid", fn: () => libs.baseline.build(valid) });
  return cases;
}

/**
 * CPU only: microseconds per call of each case, `samples` times `iterations`.
 * Returns [{ side, step, input, us: [per sample] }].
 */
export function cpu(libs, options, iterations, samples) {
  const cases = cpuCases(libs, options);
  let sink = 0;
  // warm-up: let the JIT settle on every case first
  for (const { fn } of cases) for (let i = 0; i < iterations; i++) if (fn() === undefined) sink++;
  const us = cases.map(() => []);
  for (let s = 0; s < samples; s++) {
    cases.forEach(({ fn }, c) => {
      const start = now();
      for (let i = 0; i < iterations; i++) if (fn() === undefined) sink++;
      us[c].push(((now() - start) * 1000) / iterations);
    });
  }
  if (sink) throw new Error("a CPU case returned nothing");
  return cases.map(({ side, step, input }, c) => ({ side, step, input, us: us[c] }));
}

/**
 * Memory: `count` calls of `reset`, mixing four outcomes in turn: success (pre-issued OTPs),
 * an API error (wrong OTP, 1067), invalid options (a PIN with a space) and an aborted call.
 * `checkpoint(i)` is awaited after call i for each i in `at`. Returns per-outcome counts.
 */
export async function memoryMix(reset, base, successUsers, count, at, checkpoint) {
  const tally = { ok: 0, error: 0 };
  const aborted = new AbortController();
  aborted.abort();
  let s = 0;
  for (let i = 1; i <= count; i++) {
    let options;
    switch (i % 4) {
      case 0:
        options = { ...base, username: successUsers[s++], otp: base.otp };
        break;
      case 1:
        options = { ...base, username: base.errorUser, otp: "000000" };
        break;
      case 2:
        options = { ...base, username: base.errorUser, pin: "12 34" };
        break;
      default:
        options = { ...base, username: base.errorUser, signal: aborted.signal };
    }
    delete options.errorUser;
    try {
      await reset(options);
      tally.ok++;
    } catch {
      tally.error++;
    }
    if (at.includes(i)) await checkpoint(i);
  }
  return tally;
}
