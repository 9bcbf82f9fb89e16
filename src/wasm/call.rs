//! One `fetch` call with a timeout and the caller's `AbortSignal`, cleaned up on every path.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Function, JsString, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, EventTarget, Headers};

use super::bindings::{clear_timeout, global_fetch, set_timeout};
use super::js_values::json_to_js;
use super::read_options::GivenOptions;
use crate::error::{ErrorKind, LoginRadiusError};
use crate::request::PreparedRequest;
use crate::response::{classify, too_large, Outcome, MAX_BODY_BYTES};
use crate::text::push_u64;

/// Sends the request and classifies the answer.
pub(crate) async fn send(
    request: &PreparedRequest,
    timeout_ms: u32,
    given: &GivenOptions,
) -> Result<JsValue, LoginRadiusError> {
    let signal = given.signal.as_ref();
    if signal.is_some_and(is_aborted) {
        return Err(aborted()); // before anything was sent
    }
    let controller = AbortController::new()
        .map_err(|_| network_error("this environment has no AbortController"))?;
    let watch = Watch::start(&controller, timeout_ms, signal);

    let result = exchange(request, &controller, &watch.stopped, given.fetch.as_ref()).await;
    let timed_out = watch.timed_out.get();
    drop(watch); // clear the timer and the listener before anything else happens
    match result {
        Ok(outcome) => match outcome {
            Outcome::Success(body) => Ok(json_to_js(&body)),
            Outcome::Failure(error) => Err(error),
        },
        Err(_) if timed_out => Err(timeout(timeout_ms)),
        Err(_) if signal.is_some_and(is_aborted) => Err(aborted()),
        Err(Failure::Network(cause)) => Err(network_error(&cause)),
        Err(Failure::Refused(error)) => Err(error),
    }
}

enum Failure {
    /// fetch or the body read rejected: the text of its error.
    Network(String),
    /// A response we refuse to read (not a Response, or too large).
    Refused(LoginRadiusError),
}

async fn exchange(
    request: &PreparedRequest,
    controller: &AbortController,
    stopped: &Promise,
    custom_fetch: Option<&Function>,
) -> Result<Outcome, Failure> {
    // Each wait also ends when the call is stopped: a custom fetch (or a body stream) that
    // ignores the abort signal must not keep the call pending past the timeout or the abort.
    let until_stopped = |pending: &Promise| Promise::race(&Array::of2(pending, stopped));
    let init = request_init(request, controller);
    let pending = match custom_fetch {
        Some(fetch) => fetch
            .call2(&JsValue::UNDEFINED, &JsValue::from_str(&request.url), &init)
            .map(|returned| Promise::resolve(&returned)),
        None => global_fetch(&request.url, &init),
    };
    let pending = pending.map_err(|e| Failure::Network(describe(&e)))?;
    let response = JsFuture::from(until_stopped(&pending))
        .await
        .map_err(|e| Failure::Network(describe(&e)))?;

    let status = Reflect::get(&response, &JsValue::from_str("status"))
        .ok()
        .and_then(|s| s.as_f64())
        .filter(|s| (100.0..=599.0).contains(s))
        .ok_or_else(|| {
            Failure::Refused(LoginRadiusError::new(
                ErrorKind::InvalidResponse,
                "fetch resolved with something that is not a Response",
                0,
            ))
        })? as u16;
    let header = |name: &str| -> Option<String> {
        let headers: Headers = Reflect::get(&response, &JsValue::from_str("headers"))
            .ok()?
            .unchecked_into();
        headers.get(name).ok().flatten()
    };
    let retry_after = header("retry-after");
    let declared_length = header("content-length").and_then(|l| l.trim().parse::<usize>().ok());
    if declared_length.is_some_and(|len| len > MAX_BODY_BYTES) {
        controller.abort(); // stop the download; we will not read it
        return Err(Failure::Refused(too_large(status)));
    }

    let response: web_sys::Response = response.unchecked_into();
    let text = response
        .text()
        .map_err(|e| Failure::Network(describe(&e)))?;
    let text = JsFuture::from(until_stopped(&text))
        .await
        .map_err(|e| Failure::Network(describe(&e)))?;
    let text: JsString = text
        .dyn_into()
        .map_err(|_| Failure::Network(String::from("the body could not be read")))?;
    if text.length() as usize > MAX_BODY_BYTES {
        return Err(Failure::Refused(too_large(status)));
    }
    let body: String = text.into();
    Ok(classify(status, retry_after.as_deref(), &body))
}

/// The fetch init as a plain object, so a custom `fetch` sees ordinary data.
fn request_init(request: &PreparedRequest, controller: &AbortController) -> JsValue {
    let headers = Object::new();
    for (name, value) in request.headers.pairs() {
        let _ = Reflect::set(
            &headers,
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        );
    }
    let init = Object::new();
    let _ = Reflect::set(
        &init,
        &JsValue::from_str("method"),
        &JsValue::from_str(request.method),
    );
    let _ = Reflect::set(&init, &JsValue::from_str("headers"), &headers);
    let _ = Reflect::set(
        &init,
        &JsValue::from_str("body"),
        &JsValue::from_str(&request.body),
    );
    let _ = Reflect::set(&init, &JsValue::from_str("signal"), &controller.signal());
    init.into()
}

/// The timer and the listener on the caller's signal; both removed when dropped.
struct Watch {
    timed_out: Rc<Cell<bool>>,
    /// Rejects when the timer fires or the caller aborts; never settles otherwise.
    stopped: Promise,
    timer: JsValue,
    _on_timeout: Closure<dyn FnMut()>,
    caller: Option<(EventTarget, Closure<dyn FnMut()>)>,
}

impl Watch {
    fn start(controller: &AbortController, timeout_ms: u32, signal: Option<&JsValue>) -> Watch {
        let timed_out = Rc::new(Cell::new(false));
        let mut stop = None;
        let stopped = Promise::new(&mut |_resolve, reject| stop = Some(reject));
        // The executor runs synchronously, so `stop` is always set; `Option` keeps it panic-free.
        let reject = move |stop: &Option<Function>| {
            if let Some(stop) = stop {
                let _ = stop.call0(&JsValue::UNDEFINED);
            }
        };
        let on_timeout = {
            let (flag, controller, stop) = (timed_out.clone(), controller.clone(), stop.clone());
            Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                controller.abort();
                reject(&stop);
            })
        };
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), timeout_ms);
        let caller = signal.and_then(|signal| {
            let target: EventTarget = signal.clone().unchecked_into();
            let controller = controller.clone();
            let on_abort = Closure::<dyn FnMut()>::new(move || {
                controller.abort();
                reject(&stop);
            });
            target
                .add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref())
                .ok()
                .map(|()| (target, on_abort))
        });
        Watch {
            timed_out,
            stopped,
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

fn is_aborted(signal: &JsValue) -> bool {
    Reflect::get(signal, &JsValue::from_str("aborted"))
        .ok()
        .and_then(|a| a.as_bool())
        .unwrap_or(false)
}

/// The `message` of a thrown value, if it has a short one.
fn describe(error: &JsValue) -> String {
    Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.dyn_into::<JsString>().ok())
        .filter(|m| m.length() <= 200)
        .map(String::from)
        .unwrap_or_default()
}

fn network_error(cause: &str) -> LoginRadiusError {
    let mut message = String::from("The request did not reach LoginRadius");
    if !cause.is_empty() {
        message.push_str(" (");
        message.push_str(cause);
        message.push(')');
    }
    message.push_str(". Check the connection, baseUrl and CORS, then try again");
    LoginRadiusError::new(ErrorKind::Network, message, 0)
}

fn timeout(ms: u32) -> LoginRadiusError {
    let mut message = String::from("No answer within ");
    push_u64(&mut message, u64::from(ms));
    message.push_str(" ms (timeoutMs). The PIN may or may not have changed: request a new code before trying again");
    LoginRadiusError::new(ErrorKind::Timeout, message, 0)
}

fn aborted() -> LoginRadiusError {
    LoginRadiusError::new(
        ErrorKind::Aborted,
        "The call was aborted by the caller's signal",
        0,
    )
}
