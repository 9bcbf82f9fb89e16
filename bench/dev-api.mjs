// The mock server's /__dev API as the benchmarks use it: tenants, users with an issued OTP, faults.
const MOCK_URL = process.env.MOCK_URL;
if (!MOCK_URL) throw new Error("MOCK_URL is not set: run scripts/bench.sh");
export { MOCK_URL };

export const OTP = "135790";
export const PIN = "482916";

export async function dev(method, pathname, { apiKey, body } = {}) {
  const url = new URL(`/__dev/${pathname}`, MOCK_URL);
  if (apiKey) url.searchParams.set("apikey", apiKey);
  const json = body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(url, { method, ...json });
  const data = await response.json();
  if (!response.ok) throw new Error(`${method} /__dev/${pathname}: ${response.status} ${data.error}`);
  return data;
}

/**
 * A fresh tenant with no rate limit and no lockout; its API key. OTPs are issued before a step
 * starts and last a day, so none expires while a slow machine works through them.
 */
export const newTenant = async () =>
  (await dev("POST", "tenants", { body: { rateLimit: 0, maxOtpAttempts: 0, otpValiditySecs: 86_400 } })).apiKey;

/** Issues OTP `OTP` to each username (creating the users), 16 requests in flight. Outside any timing. */
export async function issueOtps(apiKey, usernames) {
  let next = 0;
  const worker = async () => {
    while (next < usernames.length) {
      const username = usernames[next++];
      await dev("POST", "otp", { apiKey, body: { username, otp: OTP } });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

export const names = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
