// Benchmark bodies shared by Node (bench/node-child.mjs) and Chromium (imported by the page).
// `lib` is an adapter: { reset(options) -> Promise, build(options), validate(options) }.

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

/** CPU only: microseconds per call of each function, `samples` times `iterations`. */
export function cpu(ours, baseline, options, iterations, samples) {
  const cases = {
    "ours: buildResetPinWithOtpRequest": () => ours.build(options),
    "ours: validateResetPinWithOtp": () => ours.validate(options),
    "baseline: plain-JS builder": () => baseline.build(options),
  };
  const result = {};
  let sink = 0;
  for (const name of Object.keys(cases)) result[name] = [];
  // warm-up: let the JIT settle on every case first
  for (const fn of Object.values(cases)) for (let i = 0; i < iterations; i++) sink += fn().url?.length ?? 1;
  for (let s = 0; s < samples; s++) {
    for (const [name, fn] of Object.entries(cases)) {
      const start = now();
      for (let i = 0; i < iterations; i++) {
        const r = fn();
        sink += r.length ?? r.url.length;
      }
      result[name].push(((now() - start) * 1000) / iterations);
    }
  }
  if (sink === 42) console.log("sink");
  return result;
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
