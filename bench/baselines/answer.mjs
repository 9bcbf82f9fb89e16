// LoginRadiusError values and the reading of an answer into the result or one of them, as
// src/response.rs and src/wasm/call.rs do it (same kinds, statuses, codes and fields).

const ERROR_NAME = "LoginRadiusError";
/** Bodies longer than this are refused: a LoginRadius answer is a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A real Error with the package's fields; `details` only holds the fields that are present. */
export function loginRadiusError(kind, message, status, details = {}) {
  return Object.assign(new Error(message), { name: ERROR_NAME, kind, status, issues: [] }, details);
}

export function validationError(issues) {
  const summary = issues.map((issue) => `${issue.field} ${issue.message}`).join("; ");
  return loginRadiusError("validation", `Invalid options for resetPinWithOtp: ${summary}.`, 0, { issues });
}

export function networkError(cause) {
  const detail = typeof cause?.message === "string" && cause.message && cause.message.length <= 200 ? ` (${cause.message})` : "";
  return loginRadiusError("network", `The request did not reach LoginRadius${detail}. Check the connection, baseUrl and CORS, then try again`, 0);
}

export const timeoutError = (ms) =>
  loginRadiusError("timeout", `No answer within ${ms} ms (timeoutMs). The PIN may or may not have changed: request a new code before trying again`, 0);

export const abortedError = () => loginRadiusError("aborted", "The call was aborted by the caller's signal", 0);

export const notAResponseError = () => loginRadiusError("invalid_response", "fetch resolved with something that is not a Response", 0);

export const tooLargeError = (status) =>
  loginRadiusError("invalid_response", "Unexpected response from the server: the body is larger than 1 MiB, which no LoginRadius answer is. Check baseUrl", status);

const unrecognised = (status, what) =>
  loginRadiusError("invalid_response", `Unexpected response from the server: HTTP ${status} with ${what}. Check baseUrl, or try again later`, status);

const tooManyRequests = () =>
  loginRadiusError("api", "Too many requests: LoginRadius is rate-limiting this API key. Wait (see retryAfter) and try again", 429);

// ---------- reading the answer ----------
const asciiLower = (s) => s.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/** The member named `key` ignoring ASCII case; the last one, as JSON.parse keeps the last duplicate. */
function member(body, key) {
  const wanted = asciiLower(key);
  const names = Object.keys(body);
  for (let i = names.length - 1; i >= 0; i--) {
    if (names[i].length === key.length && asciiLower(names[i]) === wanted) return body[names[i]];
  }
  return undefined;
}

/** A whole number of at most 15 digits, given as a number or a string of digits. */
function integer(value) {
  if (typeof value === "number") return value % 1 === 0 && Math.abs(value) < 1e15 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^(-?)([0-9]{1,15})$/.exec(value.trim());
  return match ? Number(match[1] + match[2]) : undefined;
}

const text = (value) => (typeof value === "string" ? value : undefined);
const nonBlank = (s) => (s !== undefined && s.trim() !== "" ? s : undefined);

/** Delta-seconds of a Retry-After header (at most 9 digits); the HTTP-date form is ignored. */
function retryAfterSeconds(header) {
  const digits = header?.trim();
  return digits && /^[0-9]{1,9}$/.test(digits) ? Number(digits) : undefined;
}

/** A Content-Length value, or undefined. */
export function declaredLength(header) {
  const digits = header?.trim();
  return digits && /^[0-9]+$/.test(digits) ? Number(digits) : undefined;
}

/** The fields of a LoginRadius error envelope, or undefined when the object is not one. */
function apiErrorDetails(status, body) {
  const errorCode = integer(member(body, "ErrorCode"));
  const message = text(member(body, "Message"));
  const description = text(member(body, "Description"));
  const ok = status >= 200 && status < 300;
  // On an error status a Message or Description alone is still the server talking; on a 2xx only
  // an error code turns the answer into an error.
  if (errorCode === undefined && (ok || (message === undefined && description === undefined))) return undefined;
  const details = {};
  if (errorCode !== undefined) details.errorCode = errorCode;
  if (description !== undefined) details.description = description;
  const errors = member(body, "Errors");
  details.issues = Array.isArray(errors)
    ? errors
        .filter((entry) => isObject(entry) && typeof member(entry, "ErrorMessage") === "string")
        .map((entry) => ({ field: text(member(entry, "FieldName")) ?? "", message: member(entry, "ErrorMessage") }))
    : [];
  const data = member(body, "Data");
  if (data !== undefined && data !== null) details.data = data;
  const shown =
    nonBlank(message) ?? (errorCode !== undefined ? `LoginRadius error ${Math.abs(errorCode)}` : (nonBlank(description) ?? "LoginRadius reported an error"));
  return { message: shown, details };
}

/**
 * The outcome of one answer: `{ result }` for 2xx with `IsPosted: true`, else `{ error }`.
 * `text` is the whole body; `retryAfterHeader` the raw header or null.
 */
export function classifyAnswer(status, retryAfterHeader, bodyText) {
  let body;
  let shape = "json";
  try {
    body = JSON.parse(bodyText);
  } catch {
    shape = bodyText.trim() === "" ? "empty" : "not-json";
  }
  const ok = status >= 200 && status < 300;
  let error;
  if (shape === "json" && isObject(body)) {
    const apiError = apiErrorDetails(status, body);
    if (apiError) error = loginRadiusError("api", apiError.message, status, apiError.details);
    else if (ok && member(body, "IsPosted") === true) return { result: body };
    else if (ok) error = loginRadiusError("api", "LoginRadius answered without confirming the reset (IsPosted is not true); the PIN may not have changed", status);
    else if (status === 429) error = tooManyRequests();
    else error = unrecognised(status, "a JSON body that is not a LoginRadius answer");
  } else if (status === 429) {
    error = tooManyRequests();
  } else {
    const what = { json: "a JSON body that is not a LoginRadius answer", empty: "an empty body", "not-json": "a body that is not JSON" };
    error = unrecognised(status, what[shape]);
  }
  error.status = status;
  const retryAfter = retryAfterSeconds(retryAfterHeader);
  if (retryAfter !== undefined) error.retryAfter = retryAfter;
  return { error };
}
