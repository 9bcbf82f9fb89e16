//! Core values out to JavaScript: errors as real `Error` objects, issues and requests as plain data.

use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{Issue, LoginRadiusError};

/// The error type of the wasm layer: `data` is the value `JSON.parse` gave.
pub(crate) type JsError = LoginRadiusError<JsValue>;

const ERROR_NAME: &str = "LoginRadiusError";

/// Plain data through serde-wasm-bindgen's serializer. Our types serialize as maps (see
/// `PreparedRequest`'s `Serialize`), which become plain objects here.
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .unwrap_or(JsValue::UNDEFINED)
}

/// The issues as an array of plain `{ field, message }` objects, the shape `to_js` gives, built
/// by hand: through serde-wasm-bindgen it costs ~0.2 KB gzip more of wasm.
pub(crate) fn issues_to_js(issues: &[Issue]) -> JsValue {
    let array = js_sys::Array::new();
    for (index, issue) in (0u32..).zip(issues) {
        let item = js_sys::Object::new();
        set(&item, "field", &JsValue::from_str(&issue.field));
        set(&item, "message", &JsValue::from_str(&issue.message));
        array.set(index, item.into());
    }
    array.into()
}

/// `target[key]`; `Err` when a getter or Proxy trap threw.
pub(crate) fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a data property on an object we just created cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// A real `Error` carrying every field of the `LoginRadiusError` interface.
pub(crate) fn error_to_js(error: &JsError) -> JsValue {
    let js: JsValue = js_sys::Error::new(&error.message).into();
    set(&js, "name", &JsValue::from_str(ERROR_NAME));
    set(&js, "kind", &JsValue::from_str(error.kind.as_str()));
    set(&js, "status", &JsValue::from(error.status));
    if let Some(code) = error.error_code {
        set(&js, "errorCode", &JsValue::from_f64(code as f64));
    }
    if let Some(description) = &error.description {
        set(&js, "description", &JsValue::from_str(description));
    }
    set(&js, "issues", &issues_to_js(&error.issues));
    if let Some(data) = &error.data {
        set(&js, "data", data);
    }
    if let Some(seconds) = error.retry_after {
        set(&js, "retryAfter", &JsValue::from(seconds));
    }
    js
}
