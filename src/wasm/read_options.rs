//! Reading the caller's options object into [`RawOptions`] without trusting it.
//!
//! Not serde-wasm-bindgen's deserializer: it reads only the fields it knows (so a misspelt
//! option would pass unseen, and `deny_unknown_fields` never sees it) and calls getters
//! unguarded. Here every own enumerable key is listed, every read that can run the caller's code
//! (a getter, a Proxy trap) goes through a `catch` binding, and a string is measured before it is
//! copied into wasm memory.

use std::borrow::Cow;

use js_sys::{JsString, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::bindings::{is_array, object_keys};
use super::call::Transport;
use crate::error::Issue;
use crate::operation::Operation;
use crate::options::table::Type;
use crate::options::{
    describe, not_an_object, option_of, options_issue, RawOptions, RawValue, MAX_ECHOED_KEY,
    MAX_KEYS, MAX_RAW_STRING,
};

/// The options as read: the raw values for validation, and the live objects the call uses.
pub(crate) struct GivenOptions {
    pub raw: RawOptions<'static>,
    pub transport: Transport,
}

/// Reads `options` for `operation`: every own enumerable key with its value, or the one issue
/// with the object as a whole.
pub(crate) fn read_options(
    operation: Operation,
    options: &JsValue,
) -> Result<GivenOptions, Vec<Issue>> {
    let shape = raw_value(options);
    if shape != RawValue::Object {
        return Err(not_an_object(describe(&shape)));
    }
    // A Proxy's `ownKeys` or `getOwnPropertyDescriptor` trap may throw, and a revoked Proxy does.
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
    for key in keys.iter() {
        let text = key_text(&key);
        let spec = option_of(operation, &text);
        let name = spec.map_or(Cow::Owned(text), |spec| Cow::Borrowed(spec.name));
        let Ok(value) = Reflect::get(options, &key) else {
            given.raw.entries.push((name, RawValue::Unreadable));
            continue;
        };
        let raw = raw_value(&value);
        match (spec.map(|spec| spec.ty), &raw) {
            (Some(Type::AbortSignal), RawValue::AbortSignal) => {
                given.transport.signal = Some(value.unchecked_into())
            }
            (Some(Type::Function), RawValue::Function) => {
                given.transport.fetch = Some(value.unchecked_into())
            }
            _ => {}
        }
        given.raw.entries.push((name, raw));
    }
    Ok(given)
}

/// A key's text; a hostile key may be megabytes, so only what a message echoes (one unit more
/// than [`MAX_ECHOED_KEY`], so the message shows it was cut) is copied.
fn key_text(key: &JsValue) -> String {
    let Some(key) = key.dyn_ref::<JsString>() else {
        return String::new(); // `Object.keys` lists only strings
    };
    let limit = MAX_ECHOED_KEY as u32 + 1;
    if key.length() > limit {
        key.slice(0, limit).into()
    } else {
        key.into()
    }
}

/// What a value is, as validation needs it. Never runs the caller's code outside a `catch`.
fn raw_value(value: &JsValue) -> RawValue<'static> {
    if let Some(text) = value.dyn_ref::<JsString>() {
        string_value(text)
    } else if value.is_undefined() {
        RawValue::Undefined
    } else if value.is_null() {
        RawValue::Null
    } else if let Some(flag) = value.as_bool() {
        RawValue::Bool(flag)
    } else if let Some(number) = value.as_f64() {
        RawValue::Number(number)
    } else if value.is_function() {
        RawValue::Function
    } else if value.is_bigint() {
        RawValue::Other("a bigint")
    } else if value.is_symbol() {
        RawValue::Other("a symbol")
    } else {
        // `Array.isArray` throws on a revoked Proxy.
        match is_array(value) {
            Err(_) => RawValue::Unreadable,
            Ok(true) => RawValue::Array,
            Ok(false) if is_abort_signal(value) => RawValue::AbortSignal,
            Ok(false) => RawValue::Object,
        }
    }
}

/// Duck-typed, not `instanceof`, so a signal from another realm (an iframe's) or a polyfill is
/// accepted too.
fn is_abort_signal(object: &JsValue) -> bool {
    let get = |key: &str| Reflect::get(object, &JsValue::from_str(key)).ok();
    get("aborted").is_some_and(|aborted| aborted.as_bool().is_some())
        && get("addEventListener").is_some_and(|listen| listen.is_function())
}

/// A string, measured before it is copied; one holding a lone surrogate is refused, as sending
/// it would change it.
fn string_value(text: &JsString) -> RawValue<'static> {
    let units = text.length();
    if units > MAX_RAW_STRING {
        return RawValue::TooLong(units);
    }
    let copy = String::from(text);
    // The copy has U+FFFD where the string had a lone surrogate: only then is the string itself
    // checked, unit by unit (a call into JavaScript each).
    if copy.chars().any(|c| c == char::REPLACEMENT_CHARACTER) && !text.is_valid_utf16() {
        return RawValue::IllFormedString;
    }
    RawValue::String(Cow::Owned(copy))
}
