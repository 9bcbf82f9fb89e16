// The exact request of src/request.rs, built from options a schema has accepted.
import { IDENTIFIERS } from "./rules.mjs";

export const DEFAULT_BASE_URL = "https://api.loginradius.com";
const ENDPOINT_PATH = "/identity/v2/auth/pin/reset/otp/";

/** Query parameter name and the option it carries, in the order the package sends them. */
const QUERY = [
  ["apikey", "apiKey"],
  ["prevent_webhook", "preventWebhook"],
  ["g-recaptcha-response", "gRecaptchaResponse"],
  ["g_recaptcha_response", "gRecaptchaResponseAlt"],
  ["qq_captcha_ticket", "qqCaptchaTicket"],
  ["qq_captcha_randstr", "qqCaptchaRandstr"],
  ["h-captcha-response", "hCaptchaResponse"],
];

/** Everything but RFC 3986's unreserved characters, which encodeURIComponent leaves five more of. */
const encodeQueryValue = (value) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Lowercase scheme, no trailing slash: the form src/base_url.rs returns. */
const normalizeBaseUrl = (url) => url.replace(/^https?:/i, (scheme) => scheme.toLowerCase()).replace(/\/+$/, "");

/** `{ method, url, headers, body }`, as buildResetPinWithOtpRequest returns it. */
export function buildRequest(options) {
  const identifier = IDENTIFIERS.find((key) => options[key] !== undefined);
  let url = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL) + ENDPOINT_PATH + (options.type ?? identifier);
  let separator = "?";
  for (const [name, option] of QUERY) {
    const value = options[option];
    if (value === undefined) continue;
    url += `${separator}${name}=${encodeQueryValue(String(value))}`;
    separator = "&";
  }
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (options.xPreventWebhook !== undefined) headers["X-PreventWebhook"] = String(options.xPreventWebhook);
  // Valid values hold no control characters or U+2028/9, so JSON.stringify writes the same bytes as Rust.
  const body = JSON.stringify({ otp: options.otp, pin: options.pin, [identifier]: options[identifier] });
  return { method: "PUT", url, headers, body };
}
