//! Response bodies parsed by the engine's own `JSON.parse` (exact, fast, and no parser in the
//! wasm), read by the core's one classification through [`JsonView`].

use js_sys::{Array, JsString};
use wasm_bindgen::{JsCast, JsValue};

use super::bindings::{is_array, json_parse, object_keys};
use crate::response::{integer_text, Body, JsonView};

/// The body as `JSON.parse` reads it. A parse failure comes back as `Err` (a `catch` binding),
/// never as a throw through wasm.
pub(crate) fn parse_body(text: JsString) -> Body<JsValue> {
    match json_parse(&text) {
        Ok(value) => Body::Json(value),
        // Whitespace by Rust's `trim`, as the native `classify_text` decides.
        Err(_) if String::from(text).trim().is_empty() => Body::Empty,
        Err(_) => Body::NotJson,
    }
}

/// Values from `JSON.parse`: plain data, no getters or proxies, so no read here can throw.
impl JsonView for JsValue {
    fn is_object(&self) -> bool {
        JsValue::is_object(self) && is_array(self) == Ok(false)
    }

    fn member_ignore_case(&self, key: &str) -> Option<Self> {
        if !JsonView::is_object(self) {
            return None;
        }
        // Object.keys lists a duplicate name once, with the value of its last occurrence.
        let keys = object_keys(self).ok()?;
        // From the last key back, by index (no iterator adapters).
        let mut index = keys.length();
        while index > 0 {
            index -= 1;
            let name = keys.get_unchecked(index);
            // `key` is ASCII, so a match has as many UTF-16 units as `key` has bytes: only
            // those names are copied into wasm memory.
            let matches = name.dyn_ref::<JsString>().is_some_and(|name| {
                name.length() as usize == key.len() && String::from(name).eq_ignore_ascii_case(key)
            });
            if matches {
                return js_sys::Reflect::get(self, &name).ok();
            }
        }
        None
    }

    fn as_string(&self) -> Option<String> {
        JsValue::as_string(self)
    }

    /// A JSON number parsed to a whole value of at most 15 digits (`1e3` counts: JSON.parse
    /// does not keep the source text), or a string of digits.
    fn integer(&self) -> Option<i64> {
        match self.as_f64() {
            Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(n as i64),
            Some(_) => None,
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
        match is_array(self) {
            Ok(true) => {
                let array = self.unchecked_ref::<Array>();
                let mut items = Vec::new();
                for index in 0..array.length() {
                    items.push(array.get_unchecked(index));
                }
                items
            }
            _ => Vec::new(),
        }
    }
}
