//! One `fetch` call, raced against the timeout and the caller's `AbortSignal`.
//!
//! The call is an `async fn` awaiting `JsFuture`s. Each await races the pending step (the fetch,
//! then the body read) against a [`Deadline`], so a custom `fetch` or a body stream that ignores
//! the abort signal cannot keep the call pending: the call ends when the first of them settles.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Function, JsString, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, EventTarget, Headers, RequestInit, Response};

use super::bindings::{clear_timeout, global_fetch, set_timeout};
use super::js_values::{get, JsError};
use super::json_view::parse_body;
use crate::error::ErrorKind;
use crate::operation::Operation;
use crate::request::{Prepared, PreparedRequest};
use crate::response::{classify, too_large, Outcome, MAX_BODY_BYTES};

/// What the caller handed over besides the options' values: the live JavaScript objects.
pub(crate) struct Transport {
    pub signal: Option<AbortSignal>,
    pub fetch: Option<Function>,
}

/// Sends the request and classifies the answer: the parsed body, or the one error it becomes.
pub(crate) async fn send(
    operation: Operation,
    prepared: &Prepared,
    transport: &Transport,
) -> Result<JsValue, JsError> {
    let request = &prepared.request;
    let signal = transport.signal.as_ref();
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(aborted()); // before anything was sent
    }
    let deadline = Deadline::start(operation, prepared.timeout_ms, signal)?;
    let init = request_init(request, &deadline.controller.signal())?;
    let pending = match &transport.fetch {
        Some(fetch) => fetch.call2(&JsValue::UNDEFINED, &JsValue::from_str(&request.url), &init),
        None => fetch_on_global(&request.url, &init).map(JsValue::from),
    };
    let response = deadline.race(pending).await?;

    let Some(status) = get(&response, "status")
        .ok()
        .and_then(|s| s.as_f64())
        .filter(|s| (100.0..=599.0).contains(s))
        .map(|s| s as u16)
    else {
        return Err(JsError::new(
            ErrorKind::InvalidResponse,
            "fetch resolved with something that is not a Response",
            0,
        ));
    };
    // Read through `Reflect` and `catch` bindings: a custom fetch may return any object.
    let headers = get(&response, "headers")
        .ok()
        .map(Headers::unchecked_from_js);
    let header = |name: &str| headers.as_ref()?.get(name).ok().flatten();
    let retry_after = header("retry-after");
    if header("content-length").is_some_and(|length| declares_too_large(&length)) {
        return Err(too_large(status)); // unread: the deadline's drop aborts the download
    }

    let text = deadline
        .race(
            response
                .unchecked_into::<Response>()
                .text()
                .map(JsValue::from),
        )
        .await?;
    let Some(text) = text.dyn_ref::<JsString>() else {
        return Err(network_error("the body could not be read"));
    };
    deadline.body_read.set(true);
    if text.length() as usize > MAX_BODY_BYTES {
        return Err(too_large(status));
    }
    let body = parse_body(&String::from(text));
    match classify(operation, status, retry_after.as_deref(), body) {
        Outcome::Success(body) => Ok(body),
        Outcome::Failure(error) => Err(error),
    }
}

/// Whether a `Content-Length` value is over the limit; a number too big for `u64` is too.
fn declares_too_large(length: &str) -> bool {
    let digits = length.trim();
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits
            .parse::<u64>()
            .map_or(true, |length| length > MAX_BODY_BYTES as u64)
}

/// The global scope, told apart once: where `Window` or `WorkerGlobalScope` is not defined
/// (Node), each `instanceof` check throws a ReferenceError inside the glue, which cost about
/// 12 µs per call when asked every time.
#[derive(Clone)]
enum GlobalScope {
    Window(web_sys::Window),
    Worker(web_sys::WorkerGlobalScope),
    Other,
}

thread_local! {
    static GLOBAL_SCOPE: GlobalScope = {
        let global = js_sys::global();
        if let Some(window) = global.dyn_ref::<web_sys::Window>() {
            GlobalScope::Window(window.clone())
        } else if let Some(worker) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
            GlobalScope::Worker(worker.clone())
        } else {
            GlobalScope::Other
        }
    };
}

/// `fetch` through web-sys on the global scope of a page or a worker. Node's global is
/// neither, so there the global `fetch` is called directly.
fn fetch_on_global(url: &str, init: &RequestInit) -> Result<Promise, JsValue> {
    match GLOBAL_SCOPE.with(GlobalScope::clone) {
        GlobalScope::Window(window) => Ok(window.fetch_with_str_and_init(url, init)),
        GlobalScope::Worker(worker) => Ok(worker.fetch_with_str_and_init(url, init)),
        GlobalScope::Other => global_fetch(url, init),
    }
}

/// The second argument of `fetch`: `{ method, headers: Headers, body, signal }`.
fn request_init(request: &PreparedRequest, signal: &AbortSignal) -> Result<RequestInit, JsError> {
    let headers = Headers::new().map_err(|error| network_error(&describe(&error)))?;
    for (name, value) in request.headers.pairs() {
        headers
            .set(name, value)
            .map_err(|error| network_error(&describe(&error)))?;
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&request.body));
    init.set_signal(Some(signal));
    Ok(init)
}

/// Why the deadline ended the call.
#[derive(Clone, Copy)]
enum Stop {
    TimedOut,
    Aborted,
}

/// The timeout and the caller's signal, as one promise that resolves when either fires, and
/// which also aborts the request. Dropped when the call ends: the timer is cleared, the
/// listener removed, and the request aborted if it is still running.
struct Deadline {
    controller: AbortController,
    operation: Operation,
    timeout_ms: u32,
    stop: Rc<Cell<Option<Stop>>>,
    /// Set once the whole body is in: the request is over, and aborting it would only cost time
    /// (in Node, a completed fetch's abort takes 0.3 to 0.8 ms).
    body_read: Cell<bool>,
    /// Resolves (never rejects, so nothing is left unhandled) when the deadline fires.
    fired: Promise,
    timer: JsValue,
    _on_timeout: Closure<dyn FnMut()>,
    on_abort: Option<(EventTarget, Closure<dyn FnMut()>)>,
}

impl Deadline {
    fn start(
        operation: Operation,
        timeout_ms: u32,
        signal: Option<&AbortSignal>,
    ) -> Result<Deadline, JsError> {
        let controller = AbortController::new()
            .map_err(|_| network_error("this environment has no AbortController"))?;
        let mut resolve = None;
        // The executor runs synchronously, so `resolve` is set when `new` returns.
        let fired = Promise::new(&mut |fire, _| resolve = Some(fire));
        let Some(fire) = resolve else {
            return Err(network_error(
                "this environment's Promise did not run its executor",
            ));
        };
        let stop = Rc::new(Cell::new(None));
        let stopper = |why: Stop| {
            let (stop, controller, fire) = (stop.clone(), controller.clone(), fire.clone());
            Closure::new(move || {
                stop.set(Some(why));
                controller.abort();
                let _ = fire.call0(&JsValue::UNDEFINED);
            })
        };
        let on_timeout: Closure<dyn FnMut()> = stopper(Stop::TimedOut);
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms);
        let on_abort = signal.and_then(|signal| {
            let target: EventTarget = signal.clone().into();
            let on_abort: Closure<dyn FnMut()> = stopper(Stop::Aborted);
            target
                .add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref())
                .ok()
                .map(|()| (target, on_abort))
        });
        Ok(Deadline {
            controller,
            operation,
            timeout_ms,
            stop,
            body_read: Cell::new(false),
            fired,
            timer,
            _on_timeout: on_timeout,
            on_abort,
        })
    }

    /// Awaits `pending` (a value or a promise) unless the deadline fires first. A rejection is a
    /// network failure, or an abort when the caller's signal caused it.
    async fn race(&self, pending: Result<JsValue, JsValue>) -> Result<JsValue, JsError> {
        let pending = pending.map_err(|error| self.failure(&error))?;
        let first = JsFuture::from(Promise::race(&Array::of2(&pending, &self.fired))).await;
        // Checked after the await whatever it gave: the deadline may have fired meanwhile.
        match self.stop.get() {
            Some(Stop::TimedOut) => Err(timeout(self.operation, self.timeout_ms)),
            Some(Stop::Aborted) => Err(aborted()),
            None => first.map_err(|error| self.failure(&error)),
        }
    }

    fn failure(&self, error: &JsValue) -> JsError {
        match self.stop.get() {
            Some(Stop::Aborted) => aborted(),
            _ => network_error(&describe(error)),
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some((target, on_abort)) = &self.on_abort {
            let _ = target
                .remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
        // Stops a request still running: a body we chose not to read, or a call that failed.
        if !self.body_read.get() {
            self.controller.abort();
        }
    }
}

/// The `message` of a thrown value, if it has a short one.
fn describe(error: &JsValue) -> String {
    get(error, "message")
        .ok()
        .and_then(|m| m.dyn_into::<JsString>().ok())
        .filter(|m| m.length() <= 200)
        .map(String::from)
        .unwrap_or_default()
}

fn network_error(cause: &str) -> JsError {
    let cause = if cause.is_empty() {
        String::new()
    } else {
        format!(" ({cause})")
    };
    JsError::new(
        ErrorKind::Network,
        format!("The request did not reach LoginRadius{cause}. Check the connection, baseUrl and CORS, then try again"),
        0,
    )
}

fn timeout(operation: Operation, ms: u32) -> JsError {
    JsError::new(
        ErrorKind::Timeout,
        format!(
            "No answer within {ms} ms (timeoutMs). {}",
            operation.outcome_unknown()
        ),
        0,
    )
}

fn aborted() -> JsError {
    JsError::new(
        ErrorKind::Aborted,
        "The call was aborted by the caller's signal",
        0,
    )
}
