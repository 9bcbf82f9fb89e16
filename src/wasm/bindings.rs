//! The JavaScript globals js-sys and web-sys do not bind for every runtime, bound so that a throw
//! comes back as `Err` instead of unwinding through wasm.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::RequestInit;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` where the global scope is neither a `Window` nor a
    /// `WorkerGlobalScope` (Node, Deno, Bun): web-sys binds `fetch` only as a method of those two.
    #[wasm_bindgen(catch, js_name = fetch)]
    pub fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;

    /// js-sys has no binding for the timer functions, and web-sys binds them only on `Window`
    /// and `WorkerGlobalScope`: Node's global is neither.
    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(callback: &Function, ms: u32) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    pub fn clear_timeout(id: &JsValue);
}

// Reads of the caller's objects, which may be Proxies whose traps throw. js-sys binds these
// without `catch` (and `encode_uri_component` only for a `&str`, already converted), so a throw
// would unwind through wasm, skipping destructors and leaving the async executor mid-task.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    pub fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// Throws on a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// Throws (`Err`) exactly when `text` holds a lone surrogate (a URIError): one call for the
    /// whole string, before it is copied into wasm memory, where the surrogate would silently
    /// become U+FFFD. (`String.prototype.isWellFormed` says it directly, but Safari < 16.4
    /// lacks it.)
    #[wasm_bindgen(catch, js_name = encodeURIComponent)]
    pub fn encode_uri_component(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}
