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

#[wasm_bindgen]
extern "C" {
    /// js-sys's `Object::keys` and `Array::is_array` are not `catch`: a Proxy's trap, or a revoked
    /// Proxy, would throw through wasm.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    pub fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `URL.canParse` (the URL standard as the engine implements it, for src/url_standard.rs): a
    /// boolean, no object to make and free. An engine without it (Safari before 17) throws.
    #[wasm_bindgen(catch, js_namespace = URL, js_name = canParse)]
    pub fn url_can_parse(url: &str) -> Result<bool, JsValue>;
}
