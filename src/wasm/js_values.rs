//! Core values out to JavaScript: errors as real `Error` objects, JSON as plain values.

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{Issue, LoginRadiusError};
use crate::json::Value;

const ERROR_NAME: &str = "LoginRadiusError";
const KINDS: [&str; 6] = [
    "validation",
    "api",
    "network",
    "timeout",
    "aborted",
    "invalid_response",
];

/// Plain data through serde-wasm-bindgen's serializer. Our types serialize as maps (see
/// `PreparedRequest`'s `Serialize`), which become plain objects here.
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn issues_to_js(issues: &[Issue]) -> JsValue {
    to_js(&issues)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a data property on an object we just created cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// A real `Error` carrying every field of the `LoginRadiusError` interface.
pub(crate) fn error_to_js(error: &LoginRadiusError) -> JsValue {
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
        set(&js, "data", &json_to_js(data));
    }
    if let Some(seconds) = error.retry_after {
        set(&js, "retryAfter", &JsValue::from(seconds));
    }
    js
}

/// A parsed response body as the value `JSON.parse` would have produced.
pub(crate) fn json_to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        // The text passed the JSON grammar, so parseFloat reads it exactly as JSON.parse would.
        Value::Number(text) => JsValue::from_f64(js_sys::Number::parse_float(text)),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(json_to_js).collect::<Array>().into(),
        Value::Object(members) => {
            let object = Object::new();
            for (key, member) in members {
                // defineProperty, not set: a "__proto__" member must stay a plain property.
                let descriptor = Object::new();
                set(&descriptor, "value", &json_to_js(member));
                set(&descriptor, "writable", &JsValue::TRUE);
                set(&descriptor, "enumerable", &JsValue::TRUE);
                set(&descriptor, "configurable", &JsValue::TRUE);
                let _ = Reflect::define_property(&object, &JsValue::from_str(key), &descriptor);
            }
            object.into()
        }
    }
}

/// The check behind `isLoginRadiusError`: never throws, even on a hostile Proxy.
pub(crate) fn is_login_radius_error(value: &JsValue) -> bool {
    if !value.is_object() {
        return false;
    }
    let field = |key: &str| {
        Reflect::get(value, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    field("name").as_deref() == Some(ERROR_NAME)
        && field("kind").is_some_and(|kind| KINDS.contains(&kind.as_str()))
}
