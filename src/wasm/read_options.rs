//! Reading the caller's options object into [`RawOptions`] without trusting it.
//!
//! Not serde-wasm-bindgen's deserializer: it reads only the fields it knows (so a misspelt
//! option would pass unseen, and `deny_unknown_fields` never sees it) and calls getters
//! unguarded. The object is read in one call into `read_options.js`, which guards every property
//! read, lists every own key and measures long strings before they are copied into wasm memory,
//! and hands back one string of tagged items; this module turns the items into raw values.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::call::Transport;
use crate::error::Issue;
use crate::options::{
    clip, describe, not_an_object, options_issue, RawOptions, RawValue, MAX_ECHOED_KEY, MAX_KEYS,
    MAX_RAW_STRING,
};
use crate::text::parse_decimal;

#[wasm_bindgen(module = "/src/wasm/read_options.js")]
extern "C" {
    /// Never throws: every read of the caller's object is inside a `try`.
    #[wasm_bindgen(js_name = readOptions)]
    fn read_options_js(
        options: &JsValue,
        live: &Array,
        max_keys: u32,
        max_string: u32,
        max_key: usize,
    ) -> String;
}

/// The options as read: the raw values for validation, and the live objects the call uses.
pub(crate) struct GivenOptions {
    pub raw: RawOptions,
    pub transport: Transport,
}

pub(crate) fn read_options(options: &JsValue) -> Result<GivenOptions, Vec<Issue>> {
    let live = Array::new();
    let text = read_options_js(options, &live, MAX_KEYS, MAX_RAW_STRING, MAX_ECHOED_KEY);
    let mut items = Items(&text);
    let shape = items.next().map_or(RawValue::Unreadable, |(tag, text)| {
        raw_value(tag, text, &live)
    });
    if shape != RawValue::Object {
        return Err(not_an_object(describe(&shape)));
    }
    let mut given = GivenOptions {
        raw: RawOptions::new(),
        transport: Transport {
            signal: None,
            fetch: None,
        },
    };
    while let Some((key_tag, key)) = items.next() {
        let name = match key_tag {
            'k' => key.to_string(),
            'c' => clip(key, MAX_ECHOED_KEY),
            'K' => return Err(options_issue("could not be read: listing its keys threw")),
            _ => {
                return Err(options_issue(format!(
                    "has far too many keys (over {MAX_KEYS})"
                )))
            }
        };
        let Some((tag, text)) = items.next() else {
            break;
        };
        let raw = raw_value(tag, text, &live);
        match (name.as_str(), &raw) {
            ("signal", RawValue::AbortSignal) => {
                given.transport.signal = Some(live_value(text, &live).unchecked_into())
            }
            ("fetch", RawValue::Function) => {
                given.transport.fetch = Some(live_value(text, &live).unchecked_into())
            }
            _ => {}
        }
        given.raw.entries.push((name, raw));
    }
    Ok(given)
}

/// The raw value an item describes.
fn raw_value(tag: char, text: &str, live: &Array) -> RawValue {
    match tag {
        's' => RawValue::String(text.to_string()),
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

/// The items of `read_options.js`: a tag, a length in UTF-16 units, `:`, and that text.
struct Items<'a>(&'a str);

impl<'a> Iterator for Items<'a> {
    type Item = (char, &'a str);

    fn next(&mut self) -> Option<(char, &'a str)> {
        // Every tag is ASCII: one byte. Then the digits, read as they are scanned.
        let bytes = self.0.as_bytes();
        let tag = *bytes.first()?;
        let (mut units, mut colon) = (0usize, 1);
        loop {
            match *bytes.get(colon)? {
                b':' => break,
                digit @ b'0'..=b'9' if colon < 10 => units = units * 10 + usize::from(digit - b'0'),
                _ => return None,
            }
            colon += 1;
        }
        let rest = self.0.get(colon + 1..)?;
        let end = utf16_end(rest.as_bytes(), units)?;
        self.0 = rest.get(end..)?;
        Some((char::from(tag), rest.get(..end)?))
    }
}

/// The byte index in UTF-8 `text` after its first `units` UTF-16 code units. A byte loop (this
/// runs over every byte the caller passed): each leading byte starts one unit, or two for a
/// four-byte sequence, which is a surrogate pair in UTF-16.
fn utf16_end(text: &[u8], units: usize) -> Option<usize> {
    let (mut counted, mut index) = (0, 0);
    while counted < units {
        let (width, pair) = match text.get(index)? {
            0..=0x7F => (1, false),
            0xC0..=0xDF => (2, false),
            0xE0..=0xEF => (3, false),
            _ => (4, true),
        };
        counted += 1 + usize::from(pair);
        index += width;
    }
    (counted == units && index <= text.len()).then_some(index)
}
