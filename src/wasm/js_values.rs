//! Core values out to JavaScript: errors as real `Error` objects, everything else as plain data
//! through serde-wasm-bindgen.

use js_sys::{Object, Reflect};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{LoginRadiusError, ERROR_NAME};

/// The error type of the wasm layer: `data` is the value `JSON.parse` gave.
pub(crate) type JsError = LoginRadiusError<JsValue>;

/// Plain data (objects, arrays, strings, numbers) through serde-wasm-bindgen.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    // Our types serialize only strings, small integers, options and sequences, which cannot fail.
    serde_wasm_bindgen::to_value(value).unwrap_or(JsValue::UNDEFINED)
}

/// `target[key]`; `Err` when a getter or Proxy trap threw.
pub(crate) fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

/// A real `Error` (a stack, `instanceof Error`) carrying every field of the `LoginRadiusError`
/// interface: `name` and `message` on the `Error`, the rest serialized, `data` as parsed.
pub(crate) fn error_to_js(error: &JsError) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    js.set_name(ERROR_NAME);
    let fields = to_js(error);
    let js = Object::assign(&js, fields.unchecked_ref());
    if let Some(data) = &error.data {
        // Setting a data property on an object we just created cannot fail.
        let _ = Reflect::set(&js, &JsValue::from_str("data"), data);
    }
    js.into()
}
