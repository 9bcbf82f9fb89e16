//! JavaScript globals, bound so that a throw comes back as `Err` instead of unwinding through wasm.

use js_sys::{Array, Function, JsString, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`: pages, workers and Node alike; nothing touches `window`.
    #[wasm_bindgen(catch, js_name = fetch)]
    pub fn global_fetch(url: &str, init: &JsValue) -> Result<Promise, JsValue>;

    /// A promise seen only through `then`, which js-sys binds for borrowed closures alone; ours
    /// are functions handed over to JavaScript (see `call::callback`).
    pub type Thenable;

    #[wasm_bindgen(method, js_name = then)]
    pub fn then(this: &Thenable, on_fulfilled: &JsValue, on_rejected: &JsValue) -> JsValue;

    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(callback: &Function, ms: u32) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    pub fn clear_timeout(id: &JsValue);

    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    pub fn object_keys(value: &JsValue) -> Result<Array, JsValue>;

    /// `JSON.parse` of a string already in JavaScript (js-sys's binding takes a `&str`, which
    /// would copy the body into wasm memory and back).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;

    /// Throws (`Err`) exactly when `text` holds a lone surrogate (a URIError): one call for the
    /// whole string, where a loop over `charCodeAt` crossed into JavaScript once per UTF-16 unit.
    /// (`String.prototype.isWellFormed` would say it directly, but Safari < 16.4 lacks it.)
    #[wasm_bindgen(catch, js_name = encodeURIComponent)]
    pub fn encode_uri_component(text: &JsString) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}
