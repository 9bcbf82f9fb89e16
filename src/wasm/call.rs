//! One `fetch` call with a timeout and the caller's `AbortSignal`, cleaned up on every path.
//!
//! Written as promise callbacks, not as an `async fn`: the future executor, its task queue and
//! the state machines of an `async` export cost ~4 KB gzip of wasm, which three callbacks avoid.
//! The call settles its own promise exactly once, whichever comes first: the classified answer,
//! a failure of `fetch` or of the body read, the timeout, or the caller's abort. A late
//! callback finds the call settled and does nothing, so a custom `fetch` (or a body stream)
//! that ignores the abort signal cannot keep the call pending.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, JsString, Object, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, EventTarget, Headers};

use super::bindings::{clear_timeout, global_fetch, set_timeout, Thenable};
use super::js_values::{error_to_js, get, set, JsError};
use super::json_view::parse_body;
use super::read_options::GivenOptions;
use crate::error::ErrorKind;
use crate::request::PreparedRequest;
use crate::response::{classify, too_large, Outcome, MAX_BODY_BYTES};
use crate::text::push_u64;

/// Sends the request; the promise resolves with the parsed body or rejects with a
/// `LoginRadiusError`.
pub(crate) fn send(request: &PreparedRequest, timeout_ms: u32, given: GivenOptions) -> Promise {
    let signal = given.signal;
    if signal.as_ref().is_some_and(is_aborted) {
        return rejected(&aborted()); // before anything was sent
    }
    let Ok(controller) = AbortController::new() else {
        return rejected(&network_error("this environment has no AbortController"));
    };
    let mut settle = None;
    // The executor runs synchronously, so `settle` is always set; `Option` keeps it panic-free.
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let call = Rc::new(Call {
        settle: Cell::new(settle),
        controller,
        signal,
        timeout_ms,
        watch: Cell::new(None),
    });
    call.watch.set(Some(Watch::start(&call)));

    let init = request_init(request, &call.controller);
    let pending = match given.fetch {
        Some(fetch) => fetch
            .call2(&JsValue::UNDEFINED, &JsValue::from_str(&request.url), &init)
            .map(|returned| Promise::resolve(&returned)),
        None => global_fetch(&request.url, &init),
    };
    match pending {
        Ok(pending) => {
            pending.unchecked_ref::<Thenable>().then(
                &callback(&call, Step::Response),
                &callback(&call, Step::Failed),
            );
        }
        Err(error) => call.fail(Failure::Network(describe(&error))),
    }
    promise
}

/// A rejected promise carrying `error` as a JavaScript `LoginRadiusError`.
pub(crate) fn rejected(error: &JsError) -> Promise {
    Promise::reject(&error_to_js(error))
}

enum Failure {
    /// fetch or the body read rejected: the text of its error.
    Network(String),
    /// A response we refuse to read (not a Response, or too large).
    Refused(JsError),
}

/// The state one call shares between its callbacks.
struct Call {
    /// `resolve` and `reject` of the caller's promise; `None` once it has settled.
    settle: Cell<Option<(Function, Function)>>,
    controller: AbortController,
    signal: Option<JsValue>,
    timeout_ms: u32,
    /// The timer and the abort listener; dropped (both removed) when the call settles.
    watch: Cell<Option<Watch>>,
}

impl Call {
    fn settled(&self) -> bool {
        let settle = self.settle.take();
        let settled = settle.is_none();
        self.settle.set(settle);
        settled
    }

    /// Settles the caller's promise, the first time only.
    fn finish(&self, result: Result<JsValue, JsError>) {
        let Some((resolve, reject)) = self.settle.take() else {
            return;
        };
        drop(self.watch.take()); // clear the timer and the listener before anything else happens
        let _ = match result {
            Ok(value) => resolve.call1(&JsValue::UNDEFINED, &value),
            Err(error) => reject.call1(&JsValue::UNDEFINED, &error_to_js(&error)),
        };
    }

    fn fail(&self, failure: Failure) {
        let error = match failure {
            _ if self.signal.as_ref().is_some_and(is_aborted) => aborted(),
            Failure::Network(cause) => network_error(&cause),
            Failure::Refused(error) => error,
        };
        self.finish(Err(error));
    }

    /// The timer fired (`timed_out`) or the caller aborted: stop the request and settle.
    fn stop(&self, timed_out: bool) {
        self.controller.abort();
        self.finish(Err(if timed_out {
            timeout(self.timeout_ms)
        } else {
            aborted()
        }));
    }

    /// `fetch` resolved: check the status and the declared length, then read the body.
    fn read_response(self: Rc<Self>, response: JsValue) {
        if self.settled() {
            return; // timed out or aborted meanwhile
        }
        let Some(status) = get(&response, "status")
            .ok()
            .and_then(|s| s.as_f64())
            .filter(|s| (100.0..=599.0).contains(s))
        else {
            return self.fail(Failure::Refused(JsError::new(
                ErrorKind::InvalidResponse,
                "fetch resolved with something that is not a Response",
                0,
            )));
        };
        let status = status as u16;
        let headers: Option<Headers> = get(&response, "headers").ok().map(JsCast::unchecked_into);
        let header = |name: &str| headers.as_ref()?.get(name).ok().flatten();
        let retry_after = header("retry-after");
        let declared_length = header("content-length").and_then(|l| declared_length(&l));
        if declared_length.is_some_and(|len| len > MAX_BODY_BYTES) {
            self.controller.abort(); // stop the download; we will not read it
            return self.fail(Failure::Refused(too_large(status)));
        }

        let response: web_sys::Response = response.unchecked_into();
        match response.text() {
            Ok(text) => {
                let on_text = callback(&self, Step::Body(status, retry_after));
                text.unchecked_ref::<Thenable>()
                    .then(&on_text, &callback(&self, Step::Failed));
            }
            Err(error) => self.fail(Failure::Network(describe(&error))),
        }
    }

    /// The body arrived: classify it and settle.
    fn read_body(&self, status: u16, retry_after: Option<&str>, text: JsValue) {
        if self.settled() {
            return;
        }
        let Ok(text) = text.dyn_into::<JsString>() else {
            return self.fail(Failure::Network(String::from("the body could not be read")));
        };
        if text.length() as usize > MAX_BODY_BYTES {
            return self.fail(Failure::Refused(too_large(status)));
        }
        self.finish(match classify(status, retry_after, parse_body(text)) {
            Outcome::Success(body) => Ok(body),
            Outcome::Failure(error) => Err(error),
        });
    }
}

/// What a promise callback does with its one argument.
enum Step {
    /// `fetch` resolved with the response.
    Response,
    /// The body's text arrived: the status and the `Retry-After` header already read.
    Body(u16, Option<String>),
    /// `fetch` or the body read rejected.
    Failed,
}

/// A JavaScript function running `step` on the call with its one argument.
///
/// Handed to JavaScript for good (freed by the JS garbage collector): a promise may call it after
/// the call has settled, and it must still be there to find the call settled and do nothing.
/// One closure type for every step (an enum, not a closure per step): one copy of its code.
fn callback(call: &Rc<Call>, step: Step) -> JsValue {
    let (call, mut step) = (call.clone(), Some(step));
    Listener::new(move |value| match step.take() {
        Some(Step::Response) => call.clone().read_response(value),
        Some(Step::Body(status, retry_after)) => {
            call.read_body(status, retry_after.as_deref(), value)
        }
        Some(Step::Failed) if !call.settled() => call.fail(Failure::Network(describe(&value))),
        _ => {}
    })
    .into_js_value()
}

/// The fetch init as a plain object, so a custom `fetch` sees ordinary data.
fn request_init(request: &PreparedRequest, controller: &AbortController) -> JsValue {
    let headers = Object::new();
    for (name, value) in request.headers.pairs() {
        set(&headers, name, &JsValue::from_str(value));
    }
    let init = Object::new();
    set(&init, "method", &JsValue::from_str(request.method));
    set(&init, "headers", &headers);
    set(&init, "body", &JsValue::from_str(&request.body));
    set(&init, "signal", &controller.signal());
    init.into()
}

/// A callback JavaScript calls with one argument (or none: `setTimeout`'s).
type Listener = Closure<dyn FnMut(JsValue)>;

/// The timer and the listener on the caller's signal; both removed when dropped.
struct Watch {
    timer: JsValue,
    _on_timeout: Listener,
    caller: Option<(EventTarget, Listener)>,
}

impl Watch {
    /// Both closures hold the call; the call holds the watch until it settles, which breaks
    /// the cycle (the timer always fires in the end, so every call settles).
    fn start(call: &Rc<Call>) -> Watch {
        let stop_on = |timed_out: bool| {
            let call = call.clone();
            Listener::new(move |_| call.stop(timed_out))
        };
        let on_timeout = stop_on(true);
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), call.timeout_ms);
        let caller = call.signal.as_ref().and_then(|signal| {
            let target: EventTarget = signal.clone().unchecked_into();
            let on_abort = stop_on(false);
            target
                .add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref())
                .ok()
                .map(|()| (target, on_abort))
        });
        Watch {
            timer,
            _on_timeout: on_timeout,
            caller,
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some((target, on_abort)) = &self.caller {
            let _ = target
                .remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}

/// A `Content-Length` value; huge ones saturate (still over the limit). Not `str::parse`,
/// whose error type drags in formatting code.
fn declared_length(value: &str) -> Option<usize> {
    let digits = value.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let add = |n: usize, b: u8| n.saturating_mul(10).saturating_add(usize::from(b - b'0'));
    Some(digits.bytes().fold(0, add))
}

fn is_aborted(signal: &JsValue) -> bool {
    get(signal, "aborted")
        .ok()
        .and_then(|a| a.as_bool())
        .unwrap_or(false)
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
    let mut message = String::from("The request did not reach LoginRadius");
    if !cause.is_empty() {
        message.push_str(" (");
        message.push_str(cause);
        message.push(')');
    }
    message.push_str(". Check the connection, baseUrl and CORS, then try again");
    JsError::new(ErrorKind::Network, message, 0)
}

fn timeout(ms: u32) -> JsError {
    let mut message = String::from("No answer within ");
    push_u64(&mut message, u64::from(ms));
    message.push_str(" ms (timeoutMs). The PIN may or may not have changed: request a new code before trying again");
    JsError::new(ErrorKind::Timeout, message, 0)
}

fn aborted() -> JsError {
    JsError::new(
        ErrorKind::Aborted,
        "The call was aborted by the caller's signal",
        0,
    )
}
