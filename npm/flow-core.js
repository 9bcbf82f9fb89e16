// The headless PIN-reset flow: the state of one screen (which step, busy, when a resend or the
// next try is allowed, what went wrong in words for a person) over the package's calls. The
// entries (flow.js for browsers and bundlers, flow-node.mjs and flow.cjs for Node) hand it their
// copy of the calls, so an app that imports both the calls and the flow loads one module.
// What each outcome does is decided in flow-rules.js, not here.
import en from "./messages-en.js";
import { guardFor, lockEnd, ruleFor } from "./flow-rules.js";

/**
 * Why 30 s between sends: a code usually arrives within seconds, but an SMS can take tens of
 * seconds. Each send replaces the user's previous code (LoginRadius keeps one per user), so a
 * resend while the first is still travelling makes the code that arrives first wrong (1067), and
 * wrong codes count towards the lockout (1198). Shorter than the SMS gateways' own throttles, so
 * the flow's wait is the one the user sees. `resendCooldownMs` changes it.
 */
export const DEFAULT_RESEND_COOLDOWN_MS = 30_000;
/** Seconds to wait after a 429 that carried no Retry-After (LoginRadius's limits are per second). */
const RATE_LIMIT_FALLBACK_S = 10;

// The other languages are loaded only when asked for (separate modules).
const CATALOGS = {
  es: () => import("./messages-es.js"),
  hi: () => import("./messages-hi.js"),
};

/** The languages with a catalog in the package. */
export const LOCALES = ["en", ...Object.keys(CATALOGS)];

/** The catalog for `locale` ("es", "es-MX", "hi-IN"...), English when there is none. */
export async function loadMessages(locale) {
  const load = CATALOGS[language(locale)];
  return load ? (await load()).default : en;
}

export { en as messages };

function language(locale) {
  return String(locale ?? "en").toLowerCase().split(/[-_]/)[0];
}

/** The identifier of `identity` as the snapshot shows it, frozen; null when there is none. */
function identifierOf(identity) {
  if (identity === null || typeof identity !== "object") return null;
  for (const kind of ["email", "phone", "username"]) {
    if (typeof identity[kind] === "string") {
      const identifier = { kind, value: identity[kind] };
      if (kind === "phone" && identity.isVoiceOtp === true) identifier.isVoiceOtp = true;
      return Object.freeze(identifier);
    }
  }
  return null;
}

export function createFlow(lib, options = {}) {
  const { apiKey, baseUrl, timeoutMs, fetch, locale, messages, resendCooldownMs } = options;
  const now = Date.now;
  const connection = { apiKey, baseUrl, timeoutMs, fetch };
  const cooldownMs = resendCooldownMs ?? DEFAULT_RESEND_COOLDOWN_MS;
  const resendAt = new Map(); // identifier key -> epoch ms
  const resendWhy = new Map(); // identifier key -> the rule's `resend` that set it
  const lockedAt = new Map(); // identifier (or token) key -> epoch ms the lockout ends
  const listeners = new Set();
  let catalog = { ...en, ...messages };
  let activeLocale = "en";
  let wantedLocale = language(locale);
  let state = { step: "identify", busy: false, operation: null, identifier: null, subject: null, error: null };
  let call = null; // { controller, operation, subject } while a request is in flight
  let timer;
  let rendered = { source: null, catalog: null, value: null }; // see renderedError
  let snapshot = build();

  function build() {
    const at = now();
    const future = (value) => (value !== undefined && value > at ? value : null);
    return Object.freeze({
      step: state.step,
      busy: state.busy,
      operation: state.operation,
      identifier: state.identifier,
      resendAvailableAt: future(resendAt.get(state.subject)),
      lockedUntil: future(lockedAt.get(state.subject)),
      error: state.error && renderedError(),
      locale: activeLocale,
    });
  }

  /** The error's message, rendered again only when the error or the catalog changed. */
  function renderedError() {
    if (rendered.source !== state.error || rendered.catalog !== catalog) {
      rendered = { source: state.error, catalog, value: render(state.error) };
    }
    return rendered.value;
  }

  function render({ key, params, ...error }) {
    const message = catalog[key] ?? en[key];
    const fill = (text) =>
      text
        .replace("{seconds}", String(params.seconds))
        .replace("{until}", params.until === undefined ? "" : formatTime(params.until, activeLocale));
    // The catalogs have a hint (`field_<name>`) for exactly the fields a person types.
    const hintOf = (field) => (error.kind === "validation" && `field_${field}` in en ? catalog[`field_${field}`] : undefined);
    const issues = error.issues.map((issue) => {
      const hint = hintOf(issue.field);
      return Object.freeze(hint === undefined ? issue : { ...issue, hint });
    });
    return Object.freeze({ ...error, issues, key, title: fill(message.title), action: fill(message.action) });
  }

  function set(patch) {
    state = { ...state, ...patch };
    snapshot = build();
    schedule();
    for (const listener of [...listeners]) listener(snapshot);
  }

  /** A change when the resend wait or the lockout ends, so a screen can enable its buttons. */
  function schedule() {
    clearTimeout(timer);
    const ends = [snapshot.resendAvailableAt, snapshot.lockedUntil].filter((t) => t !== null);
    if (ends.length === 0) return;
    timer = setTimeout(() => set({}), Math.max(0, Math.min(...ends) - now()) + 1);
    timer?.unref?.(); // never keeps a Node process alive
  }

  function refuse(guard, subject, identifier) {
    const at = now();
    const params = {
      seconds: Math.max(1, Math.ceil(((resendAt.get(subject) ?? at) - at) / 1000)),
      until: lockedAt.get(subject),
    };
    const key = typeof guard.key === "function" ? guard.key({ resendWhy: resendWhy.get(subject) }) : guard.key;
    set({ identifier, subject, error: { key, kind: guard.kind, status: 0, issues: [], params } });
    return snapshot;
  }

  /** Runs one call; its outcome goes through the rules unless the flow was cancelled meanwhile. */
  async function run(operation, subject, identifier, send) {
    if (state.busy) return snapshot;
    const guard = guardFor(operation, { lockedUntil: lockedAt.get(subject) ?? null, resendAvailableAt: resendAt.get(subject) ?? null }, now());
    if (guard) return refuse(guard, subject, identifier);
    const controller = new AbortController();
    const mine = { controller, operation, subject };
    call = mine;
    set({ busy: true, operation, identifier, subject, error: null });
    let error;
    try {
      await send({ ...definedOnly(connection), signal: controller.signal });
    } catch (thrown) {
      // The calls reject only with a LoginRadiusError; anything else is treated as no answer.
      error = lib.isLoginRadiusError(thrown) ? thrown : { kind: "network", status: 0, issues: [] };
    }
    if (call !== mine) return snapshot; // cancelled: cancel() already applied the outcome
    call = null;
    apply(operation, subject, error);
    return snapshot;
  }

  function apply(operation, subject, error) {
    const rule = ruleFor(operation, error);
    const at = now();
    const retryAfter = error?.retryAfter ?? RATE_LIMIT_FALLBACK_S;
    if (rule.resend === "cooldown") resendAt.set(subject, at + cooldownMs);
    if (rule.resend === "now") resendAt.delete(subject);
    if (rule.resend === "retryAfter") resendAt.set(subject, Math.max(resendAt.get(subject) ?? 0, at + retryAfter * 1000));
    if (rule.resend) resendWhy.set(subject, rule.resend);
    if (rule.lock) lockedAt.set(subject, lockEnd(error));
    const patch = { busy: false, operation: null, error: null };
    if (rule.step) patch.step = rule.step;
    if (error !== undefined) {
      const key = typeof rule.key === "function" ? rule.key(error) : rule.key;
      patch.error = {
        key,
        kind: error.kind,
        status: error.status ?? 0,
        issues: Array.isArray(error.issues) ? error.issues.map((issue) => Object.freeze({ ...issue })) : [],
        ...(error.errorCode !== undefined && { errorCode: error.errorCode }),
        ...(error.retryAfter !== undefined && { retryAfter: error.retryAfter }),
        params: { seconds: retryAfter, until: lockedAt.get(subject) ?? undefined },
      };
    }
    set(patch);
  }

  /** Stops the call in flight, if any, as if it had been aborted (the rules say what follows). */
  function stopCall() {
    if (!call) return false;
    const { controller, operation, subject } = call;
    call = null;
    controller.abort();
    apply(operation, subject, { kind: "aborted", status: 0, issues: [] });
    return true;
  }

  async function useLocale(wanted) {
    wantedLocale = language(wanted);
    let loaded;
    try {
      loaded = await loadMessages(wantedLocale);
    } catch {
      loaded = en; // a chunk that did not load: English rather than nothing
    }
    if (language(wanted) !== wantedLocale) return; // a later call asked for another language
    activeLocale = loaded === en ? "en" : wantedLocale;
    catalog = { ...loaded, ...messages };
    set({});
  }

  if (wantedLocale !== "en") useLocale(wantedLocale);

  return {
    getSnapshot: () => snapshot,
    /** Calls `listener(snapshot)` now and on every change (React, Vue, Svelte's store contract). */
    subscribe(listener) {
      listeners.add(listener);
      listener(snapshot);
      return () => {
        listeners.delete(listener);
      };
    },
    sendCode(identity, delivery) {
      const identifier = identifierOf(identity);
      const subject = identifier && `${identifier.kind}:${identifier.value}`;
      return run("send", subject, identifier, (connected) =>
        lib.sendResetPinOtp({ ...delivery, ...identity, ...connected }),
      );
    },
    resetPin({ otp, pin } = {}) {
      const identifier = state.identifier;
      const named = identifier ? { [identifier.kind]: identifier.value } : {};
      return run("reset", state.subject, identifier, (connected) =>
        lib.resetPinWithOtp({ ...named, otp, pin, ...connected }),
      );
    },
    resetPinWithToken({ resetToken, pin } = {}) {
      return run("token", `token:${resetToken}`, null, (connected) =>
        lib.resetPinWithToken({ resetToken, pin, ...connected }),
      );
    },
    /** To the identify step (stopping a call in flight); the identifier stays for the form. */
    back() {
      // A call stopped on the way keeps its message (a reset's outcome is then unknown).
      const stopped = stopCall();
      set({ step: "identify", ...(!stopped && { error: null }) });
    },
    /** Stops the call in flight (its outcome is then unknown: see the rules); idle, starts over. */
    cancel() {
      if (!stopCall()) set({ step: "identify", identifier: null, subject: null, error: null });
    },
    /** Switches the messages' language; resolves once the catalog is loaded (English if none). */
    setLocale: useLocale,
  };
}

function definedOnly(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function formatTime(epochMs, locale) {
  const date = new Date(epochMs);
  const sameDay = new Date().toDateString() === date.toDateString();
  try {
    return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" }).format(date);
  } catch {
    return date.toISOString();
  }
}
