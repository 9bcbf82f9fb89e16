//! Response bodies parsed by the engine's own `JSON.parse` (exact, fast, and no parser in the
//! wasm), read by the core's one classification through [`JsonView`].

use js_sys::{Array, JsString, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::response::{integer_number, integer_text, Body, JsonView};

/// The body as `JSON.parse` reads it; js-sys's binding catches the `SyntaxError`.
pub(crate) fn parse_body(text: &str) -> Body<JsValue> {
    match JSON::parse(text) {
        Ok(value) => Body::Json(value),
        Err(_) if text.trim().is_empty() => Body::Empty,
        Err(_) => Body::NotJson,
    }
}

/// Values from `JSON.parse`: plain data, no getters or proxies, so no read here can throw.
impl JsonView for JsValue {
    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !Array::is_array(self)
    }

    fn member_ignore_case(&self, key: &str) -> Option<Self> {
        if !JsonView::is_object(self) {
            return None;
        }
        // Object.keys lists a duplicate name once, with the value of its last occurrence, in
        // source order: the last match wins, as it does natively.
        let keys = Object::keys(self.unchecked_ref::<Object>());
        // `key` is ASCII, so a match has as many UTF-16 units as `key` has bytes: only names of
        // that length are copied into wasm memory (a hostile body may have thousands of keys).
        let name = keys.iter().rev().find(|name| {
            name.dyn_ref::<JsString>().is_some_and(|name| {
                name.length() as usize == key.len() && String::from(name).eq_ignore_ascii_case(key)
            })
        })?;
        Reflect::get(self, &name).ok()
    }

    fn as_string(&self) -> Option<String> {
        JsValue::as_string(self)
    }

    fn integer(&self) -> Option<i64> {
        match self.as_f64() {
            Some(n) => integer_number(n),
            None => integer_text(&self.as_string()?),
        }
    }

    fn is_true(&self) -> bool {
        self.as_bool() == Some(true)
    }

    fn is_null(&self) -> bool {
        JsValue::is_null(self)
    }

    fn items(&self) -> Vec<Self> {
        match self.dyn_ref::<Array>() {
            Some(array) => array.to_vec(),
            None => Vec::new(),
        }
    }
}
