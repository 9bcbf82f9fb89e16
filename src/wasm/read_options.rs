//! Reading the caller's options object into [`RawOptions`] without trusting it.
//!
//! Not serde-wasm-bindgen's deserializer: it reads only the fields it knows (so a misspelt
//! option would pass unseen, and `deny_unknown_fields` never sees it) and calls getters
//! unguarded. The object is read in one call into `read_options.js`, which guards every property
//! read, lists every own key and measures long strings before they are copied into wasm memory,
//! and hands back one string of tagged items; this module turns the items into raw values.

use std::borrow::Cow;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::call::Transport;
use crate::error::Issue;
use crate::items::Items;
use crate::operation::Operation;
use crate::options::{
    clip, describe, not_an_object, option_names, options_issue, RawOptions, RawValue,
    MAX_ECHOED_KEY, MAX_KEYS, MAX_RAW_STRING,
};
use crate::text::parse_decimal;

#[wasm_bindgen(module = "/src/wasm/read_options.js")]
extern "C" {
    /// Never throws: every read of the caller's object is inside a `try`.
    #[wasm_bindgen(js_name = readOptions)]
    fn read_options_js(
        options: &JsValue,
        live: &Array,
        names: &Array,
        max_keys: u32,
        max_string: u32,
        max_key: usize,
    ) -> String;
}

/// The options as read: the raw values for validation, and the live objects the call uses.
pub(crate) struct GivenOptions<'a> {
    pub raw: RawOptions<'a>,
    pub transport: Transport,
}

/// The caller's options object, copied out of JavaScript in one call: the items, and the
/// values they point at in `live`. The raw options borrow their strings from it.
pub(crate) struct Snapshot {
    /// The option names of the call, which `#` items point into.
    names: &'static [&'static str],
    items: String,
    live: Array,
}

impl Snapshot {
    pub(crate) fn take(operation: Operation, options: &JsValue) -> Snapshot {
        let live = Array::new();
        let items = read_options_js(
            options,
            &live,
            &names_in_js(operation),
            MAX_KEYS,
            MAX_RAW_STRING,
            MAX_ECHOED_KEY,
        );
        Snapshot {
            names: option_names(operation),
            items,
            live,
        }
    }

    pub(crate) fn read(&self) -> Result<GivenOptions<'_>, Vec<Issue>> {
        let live = &self.live;
        let mut items = Items(&self.items);
        let shape = items.next().map_or(RawValue::Unreadable, |(tag, text)| {
            raw_value(tag, text, live)
        });
        if shape != RawValue::Object {
            return Err(not_an_object(describe(&shape)));
        }
        let mut given = GivenOptions {
            // Room for the options a real call passes, so the list is not regrown on the way.
            raw: RawOptions {
                entries: Vec::with_capacity(8),
            },
            transport: Transport {
                signal: None,
                fetch: None,
            },
        };
        while let Some((key_tag, key)) = items.next() {
            let name = match key_tag {
                '#' => match parse_decimal(key, 2).and_then(|at| self.names.get(at as usize)) {
                    Some(name) => Cow::Borrowed(*name),
                    None => return Err(unreadable()),
                },
                'k' => Cow::Borrowed(key),
                'c' => Cow::Owned(clip(key, MAX_ECHOED_KEY)),
                'M' => {
                    return Err(options_issue(format!(
                        "has far too many keys (over {MAX_KEYS})"
                    )))
                }
                _ => return Err(options_issue("could not be read: listing its keys threw")),
            };
            let Some((tag, text)) = items.next() else {
                return Err(unreadable());
            };
            let raw = raw_value(tag, text, live);
            match (name.as_ref(), &raw) {
                ("signal", RawValue::AbortSignal) => {
                    given.transport.signal = Some(live_value(text, live).unchecked_into())
                }
                ("fetch", RawValue::Function) => {
                    given.transport.fetch = Some(live_value(text, live).unchecked_into())
                }
                _ => {}
            }
            given.raw.entries.push((name, raw));
        }
        // Every item read: a string the parser stopped short in would lose options silently.
        if !items.0.is_empty() {
            return Err(unreadable());
        }
        Ok(given)
    }
}

/// The option names of `operation` as a JavaScript array, made once per operation: the reader
/// sends a key that is one of them as its index there.
fn names_in_js(operation: Operation) -> Array {
    thread_local! {
        static RESET: Array = names_array(Operation::ResetPin);
        static SEND: Array = names_array(Operation::SendCode);
    }
    match operation {
        Operation::ResetPin => RESET.with(Array::clone),
        Operation::SendCode => SEND.with(Array::clone),
    }
}

fn names_array(operation: Operation) -> Array {
    let names = Array::new();
    for name in option_names(operation) {
        names.push(&JsValue::from_str(name));
    }
    names
}

/// The reader's string did not parse: never expected, but never a silent success either.
fn unreadable() -> Vec<Issue> {
    options_issue("could not be read")
}

/// The raw value an item describes.
fn raw_value<'a>(tag: char, text: &'a str, live: &Array) -> RawValue<'a> {
    match tag {
        's' => RawValue::String(Cow::Borrowed(text)),
        'L' => RawValue::TooLong(parse_decimal(text, 10).unwrap_or(u32::MAX)),
        'I' => RawValue::IllFormedString,
        'u' => RawValue::Undefined,
        'n' => RawValue::Null,
        't' => RawValue::Bool(true),
        'f' => RawValue::Bool(false),
        'd' => RawValue::Number(live_value(text, live).as_f64().unwrap_or(f64::NAN)),
        'F' => RawValue::Function,
        'S' => RawValue::AbortSignal,
        'A' => RawValue::Array,
        'O' => RawValue::Object,
        'b' => RawValue::Other("a bigint"),
        'y' => RawValue::Other("a symbol"),
        'x' => RawValue::Unreadable,
        _ => RawValue::Other("an unknown value"),
    }
}

/// The value an item's text points at in `live`.
fn live_value(index: &str, live: &Array) -> JsValue {
    live.get(parse_decimal(index, 9).unwrap_or(u32::MAX))
}
