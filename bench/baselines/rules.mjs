// The rules of src/options.rs and src/base_url.rs as data: the patterns, limits and the few
// predicates a regular expression cannot state. Both baselines (zod.mjs, valibot.mjs) build
// their schemas from these, so the two libraries check exactly the same things.

export const IDENTIFIERS = ["email", "phone", "username"];
export const PATH_TYPES = [...IDENTIFIERS, "otp", "backupcode", "googleauthenticatorcode", "authenticatorcode"];
export const MAX_TIMEOUT_MS = 600_000;
export const MAX_BASE_URL_LENGTH = 2048;
const MAX_TOKEN_BYTES = 8192;
const MAX_EMAIL_LOCAL_BYTES = 64;

// What pin, username and email may never hold: Rust's char::is_whitespace (White_Space) and
// is_control (Cc), plus lone surrogates (Cs), which cannot be sent unchanged.
const SPACE_CONTROL_SURROGATE = String.raw`\p{White_Space}\p{Cc}\p{Cs}`;

export const API_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const OTP = /^[A-Za-z0-9]{1,32}$/;
// Quantifiers in `u` mode count code points, as the Rust rules count chars.
export const PIN = new RegExp(`^[^${SPACE_CONTROL_SURROGATE}]{1,64}$`, "u");
export const USERNAME = new RegExp(`^[^${SPACE_CONTROL_SURROGATE}]{1,32}$`, "u");
export const PHONE = /^\+?[0-9]{5,15}$/;
export const TOKEN = /^\P{Cs}+$/u;

// Email: at most 254 chars; a local part without @"(),:;<>[]\ ; two or more domain labels of
// 1 to 63 chars, ASCII letters, digits and inner hyphens, or any non-ASCII letter.
const EMAIL_LOCAL = String.raw`[^@"(),:;<>[\]\\${SPACE_CONTROL_SURROGATE}]+`;
const EMAIL_LABEL = String.raw`(?!-)(?:[A-Za-z0-9\-]|[^\0-\x7F${SPACE_CONTROL_SURROGATE}]){1,63}(?<!-)`;
export const EMAIL = new RegExp(String.raw`^(?=[^]{1,254}$)${EMAIL_LOCAL}@${EMAIL_LABEL}(?:\.${EMAIL_LABEL})+$`, "u");

// ---------- baseUrl ----------
// https to any host, http only to a loopback host; a port from 1 to 65535; a path of RFC 3986
// pchars without . or .. segments; no query, fragment or credentials (none of ? # @ can appear
// before the path). Case-insensitive like the Rust checks.
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`; // no leading zeros
const DOTTED_DECIMAL = String.raw`${OCTET}(?:\.${OCTET}){3}`;
const HEX_GROUP = "[0-9a-f]{1,4}";
/** `n` colon-separated 16-bit groups. */
const groups = (n) => (n === 0 ? "" : `${HEX_GROUP}(?::${HEX_GROUP}){${n - 1}}`);
/** `n` groups, of which the last two may be written as an IPv4 address. */
const groupsEndingInIpv4 = (n) =>
  n < 2 ? groups(n) : `(?:${groups(n)}|${n > 2 ? `${groups(n - 2)}:` : ""}${DOTTED_DECIMAL})`;
/** What Rust's Ipv6Addr parser accepts: eight groups, or fewer around one `::` (7 at most). */
const IPV6 = [
  groupsEndingInIpv4(8),
  ...Array.from({ length: 8 }, (_, head) => {
    const tails = Array.from({ length: 8 - head }, (_, tail) => groupsEndingInIpv4(tail));
    return `${groups(head)}::(?:${tails.join("|")})`;
  }),
].join("|");
const LABEL = String.raw`(?!-)[a-z0-9\-]+(?<!-)`;
// A last label that URL parsers read as a number (decimal or 0x hex) makes the host an IPv4
// address: only plain dotted decimal is accepted then.
const NUMERIC_LABEL = String.raw`(?:\d+|0x[0-9a-f]*)(?![a-z0-9\-])`;
const HOST = String.raw`(?:${DOTTED_DECIMAL}|(?:${LABEL}\.)*(?!${NUMERIC_LABEL})${LABEL}|\[(?:${IPV6})\])`;
const LOOPBACK_HOST = String.raw`(?:localhost|127(?:\.${OCTET}){3}|\[::1\])`;
const PORT = String.raw`(?=\d{1,5}(?!\d))0*(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d\d|655[0-2]\d|6553[0-5])`;
const DOT_SEGMENT = String.raw`(?:\.|%2e){1,2}(?=/|$)`;
const PATH = String.raw`(?:/(?!${DOT_SEGMENT})[a-z0-9\-._~%!$&'()*+,;=:@]*)*`;
export const BASE_URL = new RegExp(String.raw`^(?:https://${HOST}|http://${LOOPBACK_HOST})(?::${PORT})?${PATH}$`, "i");

// ---------- what a pattern cannot say ----------
const utf8Length = (s) => new TextEncoder().encode(s).length;

/** Captcha tokens are limited in bytes, as the Rust check counts them. */
export const tokenFits = (token) => utf8Length(token) <= MAX_TOKEN_BYTES;

/** The part before the last @ is at most 64 bytes. */
export const emailLocalPartFits = (email) => utf8Length(email.slice(0, email.lastIndexOf("@"))) <= MAX_EMAIL_LOCAL_BYTES;

/** Duck-typed, as the package reads a signal: one from another realm or a polyfill counts too. */
export const isAbortSignal = (value) =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  typeof value.aborted === "boolean" &&
  typeof value.addEventListener === "function";

export const isOptionsObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

export const MESSAGES = {
  apiKey: "must be a GUID like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (your LoginRadius API key)",
  otp: "must be 1 to 32 ASCII letters and digits",
  pin: "must be 1 to 64 characters, without spaces or control characters",
  email: "must be an email address like name@example.com",
  phone: "must be 5 to 15 digits with an optional leading +, like +919876543210 (no spaces or dashes)",
  username: "must be 1 to 32 characters, without spaces or control characters",
  token: "must be a non-empty string of at most 8192 bytes; leave the option out instead",
  baseUrl: "must be https://host[:port][/path] (or http:// for localhost, 127.0.0.1 or [::1]), without query, fragment or credentials",
  timeoutMs: "must be a whole number of milliseconds from 1 to 600000",
  signal: "must be an AbortSignal",
  fetch: "must be a function",
  options: "must be an object",
  unknownKey: "is not an option of resetPinWithOtp",
};

/**
 * The rules across fields, as src/options.rs applies them: exactly one identifier; a `type`
 * naming an identifier kind must match the identifier; the two qq tokens go together. A rule
 * about a partner that is present but invalid stays silent (that field is already reported).
 * `isValid(field)` says whether the schema accepted that field.
 */
export function crossFieldIssues(options, isValid) {
  if (!isOptionsObject(options)) return [];
  const issues = [];
  const given = IDENTIFIERS.filter((key) => options[key] !== undefined);
  if (given.length === 0) {
    issues.push({ field: "identifier", message: "is required: give one of email, phone or username" });
  }
  for (const key of given.slice(1)) {
    issues.push({ field: key, message: `cannot be given together with ${given[0]}; pass exactly one of email, phone or username` });
  }
  const { type } = options;
  if (given.length === 1 && isValid(given[0]) && IDENTIFIERS.includes(type) && type !== given[0]) {
    issues.push({ field: "type", message: `is "${type}" but the identifier given is ${given[0]}; use type "${given[0]}" or leave type out` });
  }
  const pair = [
    ["qqCaptchaTicket", "qqCaptchaRandstr"],
    ["qqCaptchaRandstr", "qqCaptchaTicket"],
  ];
  for (const [present, missing] of pair) {
    if (options[present] !== undefined && options[missing] === undefined && isValid(present)) {
      issues.push({ field: missing, message: `is required when ${present} is given (the two go together)` });
    }
  }
  return issues;
}
