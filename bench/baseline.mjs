// The plain-JavaScript baseline: what an app would write by hand instead of this package.
// The same request (method, URL, headers, JSON body) with no validation, no timeout and no
// error typing beyond reading LoginRadius's envelope. Runs unchanged in Node and in browsers.

/** The same URL/JSON work as buildResetPinWithOtpRequest, without any validation. */
export function buildBaselineRequest(o) {
  const type = o.type ?? (o.email !== undefined ? "email" : o.phone !== undefined ? "phone" : "username");
  const identifierKey = o.email !== undefined ? "email" : o.phone !== undefined ? "phone" : "username";
  let url =
    (o.baseUrl ?? "https://api.loginradius.com") +
    "/identity/v2/auth/pin/reset/otp/" +
    type +
    "?apikey=" +
    encodeURIComponent(o.apiKey);
  if (o.preventWebhook !== undefined) url += "&prevent_webhook=" + o.preventWebhook;
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (o.xPreventWebhook !== undefined) headers["X-PreventWebhook"] = String(o.xPreventWebhook);
  const body = JSON.stringify({ otp: o.otp, pin: o.pin, [identifierKey]: o[identifierKey] });
  return { method: "PUT", url, headers, body };
}

/** A hand-written fetch PUT: resolves with the body on success, throws with status/code otherwise. */
export async function resetBaseline(o) {
  const request = buildBaselineRequest(o);
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: o.signal,
  });
  const text = await response.text();
  let data = null;
  try {
    data = JSON.parse(text);
  } catch {
    // an empty or non-JSON body: data stays null
  }
  if (response.ok && data && data.IsPosted === true) return data;
  const error = new Error((data && (data.Message ?? data.message)) || `HTTP ${response.status}`);
  error.status = response.status;
  error.errorCode = data && (data.ErrorCode ?? data.errorCode);
  throw error;
}

/**
 * The same hand-written call with the one guarantee it lacks beside ours: a timeout that aborts
 * the request (the package's default, 15 s, through an AbortController, the timer cleared after).
 * A second reference for the per-call figures, to show what a timeout costs by itself.
 */
export async function resetBaselineWithTimeout(o, timeoutMs = 15_000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await resetBaseline({ ...o, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** init() for symmetry with the package's API: nothing to load. */
export const init = () => Promise.resolve();
