// The flow's rules, in one place: what each outcome of a call (or a refusal before one) does to
// the flow's step, its resend and lockout times, and which message a person sees. A JS table, not
// the Rust core: the rules need the clock, the call in flight and the catalog, all of which live in
// JavaScript, and keeping them out of the .wasm keeps the plain calls' download as it is.
// The first row that matches an outcome wins. Row fields:
//   on        which operations it applies to: "send", "reset" (by code), "token" (by the link)
//   ok        true: a success; otherwise it matches an error by
//   kind / status / codes / test   the LoginRadiusError's kind, HTTP status, errorCode(s), predicate
//   key       the message's catalog key (a string, or a function of the error)
//   step      the next step ("identify", "verify", "done"); absent: the step stays
//   resend    "cooldown": not before now + the cooldown; "now": at once (the code is useless);
//             "retryAfter": not before the 429's Retry-After
//   lock      true: locked until the answer's Data.LoginLockedTimeout

import en from "./messages-en.js";

/** The LoginRadius codes the catalogs name (server/README.md lists where each comes from). */
export const CODES = [
  901, 908, 920, 938, 950, 982, 991, 1038, 1066, 1067, 1068, 1069, 1074, 1079, 1083, 1096, 1132, 1134, 1148,
  1183, 1198, 1214, 1233, 1238, 1409, 6003,
];

const ALL = ["send", "reset", "token"];
/**
 * The options a person types; a problem with any other (apiKey, baseUrl...) is the site's. They
 * are the fields the catalogs have a `field_<name>` hint for (type PersonField in flow.d.ts).
 */
const PERSON_FIELDS = Object.keys(en)
  .filter((key) => key.startsWith("field_"))
  .map((key) => key.slice("field_".length));
const RESETS = ["reset", "token"];

export const RULES = [
  { on: ["send"], ok: true, step: "verify", resend: "cooldown" },
  { on: RESETS, ok: true, step: "done" },
  // No answer in time: the reset may or may not have happened, so it is never sent again by the
  // flow; the code may be spent, so a new one may be asked for at once.
  { on: ["reset"], kind: "timeout", key: "reset_timeout", resend: "now" },
  { on: ["token"], kind: "timeout", key: "token_timeout" },
  // A send that timed out may have sent a code: the code step, with the cooldown running.
  { on: ["send"], kind: "timeout", key: "send_timeout", step: "verify", resend: "cooldown" },
  { on: ["send"], kind: "aborted", key: "aborted" },
  // Nothing was sent: a setting of the site's (the API key, the base URL) is wrong, not the person's input.
  { on: ALL, kind: "validation", test: (e) => e.issues.some((i) => !PERSON_FIELDS.includes(i.field)), key: "setup" },
  { on: RESETS, kind: "aborted", key: "reset_aborted", resend: "now" },
  { on: ALL, kind: "api", status: 429, key: "rate_limited", resend: "retryAfter" },
  { on: ALL, kind: "api", codes: [1198], test: (e) => lockEnd(e) !== null, key: "1198", lock: true },
  { on: ALL, kind: "api", codes: [1198], key: "lockout_untimed" },
  // A used or expired code can never work: ask for a new one at once.
  { on: ["reset"], kind: "api", codes: [1068, 1069], key: (e) => String(e.errorCode), resend: "now" },
  // The identifier is wrong or unknown: back to where it is typed.
  { on: ALL, kind: "api", codes: [938, 1038, 1096], key: (e) => String(e.errorCode), step: "identify" },
  // The link's token was refused (wrong, used or expired). LoginRadius documents no code for it;
  // the local server answers ErrorCode 403 (server/README.md, "Reset PIN by reset token").
  { on: ["token"], kind: "api", codes: [403], key: "token_rejected", step: "identify" },
  { on: ALL, kind: "api", codes: CODES, key: (e) => String(e.errorCode) },
  { on: ALL, kind: "api", test: (e) => e.status >= 500, key: "server_error" },
  { on: ALL, key: (e) => e.kind },
];

/**
 * Refusals before any request: while locked out, and a send before the wait ends (its message
 * says why: a code on its way, or the server's rate limit).
 */
export const GUARDS = [
  { on: ALL, test: (s, now) => s.lockedUntil !== null && now < s.lockedUntil, key: "locked", kind: "locked" },
  {
    on: ["send"],
    test: (s, now) => s.resendAvailableAt !== null && now < s.resendAvailableAt,
    key: (s) => (s.resendWhy === "retryAfter" ? "rate_limited" : "cooldown"),
    kind: "cooldown",
  },
];

/** The rule for `operation`'s outcome: `error` undefined for a success. */
export function ruleFor(operation, error) {
  return RULES.find(
    (row) =>
      row.on.includes(operation) &&
      (error === undefined
        ? row.ok === true
        : row.ok !== true &&
          (row.kind === undefined || row.kind === error.kind) &&
          (row.status === undefined || row.status === error.status) &&
          (row.codes === undefined || row.codes.includes(error.errorCode)) &&
          (row.test === undefined || row.test(error))),
  );
}

/** The guard that refuses `operation` now, if any. */
export function guardFor(operation, state, now) {
  return GUARDS.find((row) => row.on.includes(operation) && row.test(state, now));
}

/** When a 1198 lockout ends (epoch ms), from the answer's Data.LoginLockedTimeout; else null. */
export function lockEnd(error) {
  const end = Date.parse(error?.data?.LoginLockedTimeout);
  return Number.isFinite(end) ? end : null;
}
