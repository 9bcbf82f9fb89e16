//! Reading the caller's options object into [`RawOptions`] without trusting it.
//!
//! Not serde-wasm-bindgen's deserializer: it reads only the fields it knows (so a misspelt
//! option would pass unseen, and `deny_unknown_fields` never sees it) and calls getters
//! unguarded. Here every property access goes through `Reflect` or a `catch` binding, so throwing
//! getters and Proxy traps become issues, every own key is listed, and long strings are measured
//! before they are copied into wasm memory.

use js_sys::{JsString, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::bindings::{encode_uri_component, is_array, object_keys};
use super::call::Transport;
use crate::error::Issue;
use crate::options::{
    clip, describe, not_an_object, options_issue, RawOptions, RawValue, MAX_ECHOED_KEY, MAX_KEYS,
    MAX_RAW_STRING,
};

/// The options as read: the raw values for validation, and the live objects the call uses.
pub(crate) struct GivenOptions {
    pub raw: RawOptions,
    pub transport: Transport,
}

pub(crate) fn read_options(options: &JsValue) -> Result<GivenOptions, Vec<Issue>> {
    let shape = read_value(options);
    if shape != RawValue::Object {
        return Err(not_an_object(describe(&shape)));
    }
    let keys = object_keys(options)
        .map_err(|_| options_issue("could not be read: listing its keys threw"))?;
    if keys.length() > MAX_KEYS {
        return Err(options_issue(format!(
            "has far too many keys (over {MAX_KEYS})"
        )));
    }
    let mut given = GivenOptions {
        raw: RawOptions::new(),
        transport: Transport {
            signal: None,
            fetch: None,
        },
    };
    for index in 0..keys.length() {
        let key = keys.get_unchecked(index);
        let name = key_name(&key);
        let value = Reflect::get(options, &key);
        let raw = value
            .as_ref()
            .map(read_value)
            .unwrap_or(RawValue::Unreadable);
        if let Ok(value) = value {
            match (name.as_str(), &raw) {
                ("signal", RawValue::AbortSignal) => {
                    given.transport.signal = Some(value.unchecked_into())
                }
                ("fetch", RawValue::Function) => given.transport.fetch = value.dyn_into().ok(),
                _ => {}
            }
        }
        given.raw.entries.push((name, raw));
    }
    Ok(given)
}

/// A property name, cut short when hostile: it may be echoed in an issue.
fn key_name(key: &JsValue) -> String {
    let Some(text) = key.dyn_ref::<JsString>() else {
        return String::from("?");
    };
    if text.length() > 4 * MAX_ECHOED_KEY as u32 {
        let head: String = text.slice(0, MAX_ECHOED_KEY as u32).into();
        return clip(&head, MAX_ECHOED_KEY);
    }
    text.into()
}

/// Each check is a call into JavaScript: strings, what almost every option is, are asked first.
fn read_value(value: &JsValue) -> RawValue {
    if let Some(text) = value.dyn_ref::<JsString>() {
        read_string(text)
    } else if value.is_undefined() {
        RawValue::Undefined
    } else if value.is_null() {
        RawValue::Null
    } else if let Some(b) = value.as_bool() {
        RawValue::Bool(b)
    } else if let Some(n) = value.as_f64() {
        RawValue::Number(n)
    } else if value.is_function() {
        RawValue::Function
    } else if value.is_object() {
        read_object(value)
    } else if value.is_bigint() {
        RawValue::Other("a bigint")
    } else if value.is_symbol() {
        RawValue::Other("a symbol")
    } else {
        RawValue::Other("an unknown value")
    }
}

fn read_string(text: &JsString) -> RawValue {
    let length = text.length();
    if length > MAX_RAW_STRING {
        RawValue::TooLong(length)
    } else if !is_well_formed(text) {
        // Converting would replace the surrogate with U+FFFD: the server would get other text.
        RawValue::IllFormedString
    } else {
        RawValue::String(text.into())
    }
}

fn read_object(value: &JsValue) -> RawValue {
    match is_array(value) {
        Ok(true) => return RawValue::Array,
        Err(_) => return RawValue::Unreadable,
        Ok(false) => {}
    }
    // Duck-typed, so a signal from another realm or a polyfill is accepted too.
    let aborted = Reflect::get(value, &ABORTED.with(JsValue::clone));
    let listen = Reflect::get(value, &ADD_EVENT_LISTENER.with(JsValue::clone));
    match (aborted, listen) {
        (Ok(aborted), Ok(listen)) if aborted.as_bool().is_some() && listen.is_function() => {
            RawValue::AbortSignal
        }
        _ => RawValue::Object,
    }
}

thread_local! {
    // Created once: every options object is asked for them, and each new JS string from Rust
    // costs a UTF-8 decode.
    static ABORTED: JsValue = JsValue::from_str("aborted");
    static ADD_EVENT_LISTENER: JsValue = JsValue::from_str("addEventListener");
}

/// Whether every surrogate in `text` is half of a pair.
fn is_well_formed(text: &JsString) -> bool {
    encode_uri_component(text).is_ok()
}
