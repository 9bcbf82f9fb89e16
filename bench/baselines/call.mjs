// What the two validating baselines share: everything but validation. Given a library's
// `parse(options)`, createResetPinClient returns the package's three functions: the same
// request, the same timeout (AbortController + timer, default 15 s), the caller's signal, and
// the same typed errors for every answer.
import {
  abortedError,
  classifyAnswer,
  declaredLength,
  MAX_BODY_BYTES,
  networkError,
  notAResponseError,
  timeoutError,
  tooLargeError,
  validationError,
} from "./answer.mjs";
import { buildRequest } from "./request.mjs";

export { buildRequest } from "./request.mjs";
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * @param parse (options) => { options } when valid, { issues: [{ field, message }] } when not
 */
export function createResetPinClient(parse) {
  const accepted = (options) => {
    const parsed = parse(options);
    if (parsed.issues) throw validationError(parsed.issues);
    return parsed.options;
  };
  return {
    validateResetPinWithOtp: (options) => parse(options).issues ?? [],
    buildResetPinWithOtpRequest: (options) => buildRequest(accepted(options)),
    /** Never throws synchronously: invalid options reject like every other failure. */
    async resetPinWithOtp(options) {
      const valid = accepted(options);
      return send(buildRequest(valid), valid);
    },
  };
}

/** Sends the request; settles once, with whichever comes first: the answer, the timeout, the caller's abort. */
async function send(request, { timeoutMs = DEFAULT_TIMEOUT_MS, signal, fetch: fetchImpl = globalThis.fetch }) {
  if (signal?.aborted) throw abortedError(); // nothing sent
  const controller = new AbortController();
  let stop;
  // Rejects on timeout or abort even if a custom fetch ignores the signal.
  const stopped = new Promise((_, reject) => {
    stop = (error) => {
      controller.abort();
      reject(error);
    };
  });
  const timer = setTimeout(() => stop(timeoutError(timeoutMs)), timeoutMs);
  const onAbort = () => stop(abortedError());
  signal?.addEventListener("abort", onAbort);
  try {
    return await Promise.race([stopped, exchange(request, fetchImpl, controller, signal)]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** One fetch and the reading of its answer into the parsed body or a LoginRadiusError. */
async function exchange(request, fetchImpl, controller, signal) {
  const failed = (cause) => (signal?.aborted ? abortedError() : networkError(cause));
  let response;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
  } catch (cause) {
    throw failed(cause);
  }
  const status = response?.status;
  if (typeof status !== "number" || !(status >= 100 && status <= 599)) throw notAResponseError();
  const header = (name) => {
    try {
      return response.headers.get(name);
    } catch {
      return null;
    }
  };
  if (declaredLength(header("content-length")) > MAX_BODY_BYTES) {
    controller.abort(); // stop the download: it will not be read
    throw tooLargeError(status);
  }
  let body;
  try {
    body = await response.text();
  } catch (cause) {
    throw failed(cause);
  }
  if (typeof body !== "string") throw networkError({ message: "the body could not be read" });
  if (body.length > MAX_BODY_BYTES) throw tooLargeError(status);
  const { result, error } = classifyAnswer(status, header("retry-after"), body);
  if (error) throw error;
  return result;
}
