//! 1214: LoginRadius refuses values that look like markup, the way ASP.NET request validation
//! does: `<` followed by a letter, `!`, `/` or `?`, or the sequence `&#`. Every query value and
//! every string in the JSON body (names included, at any depth) is checked.

use serde_json::{Map, Value};

use crate::params::Query;

pub fn is_dangerous(query: &Query, body: &Map<String, Value>) -> bool {
    query.values().any(looks_like_markup) || object_is_dangerous(body)
}

fn object_is_dangerous(object: &Map<String, Value>) -> bool {
    object
        .iter()
        .any(|(name, value)| looks_like_markup(name) || value_is_dangerous(value))
}

fn value_is_dangerous(value: &Value) -> bool {
    match value {
        Value::String(text) => looks_like_markup(text),
        Value::Array(items) => items.iter().any(value_is_dangerous),
        Value::Object(object) => object_is_dangerous(object),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

fn looks_like_markup(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| match pair {
        [b'<', next] => next.is_ascii_alphabetic() || matches!(next, b'!' | b'/' | b'?'),
        [b'&', b'#'] => true,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_dangerous_other_punctuation_is_not() {
        for bad in ["<script>", "a<b", "<!--", "</x", "<?php", "&#60;"] {
            assert!(looks_like_markup(bad), "{bad}");
        }
        for fine in [
            "a < b",
            "<>",
            "1<2",
            "&amp",
            "u&apikey=x#y/../z?é",
            "'\"<>`",
            "#&",
        ] {
            assert!(!looks_like_markup(fine), "{fine}");
        }
    }
}
