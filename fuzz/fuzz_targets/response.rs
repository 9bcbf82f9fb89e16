//! Arbitrary bytes -> (status, Retry-After, body) -> response::classify_text, plus json::parse checked
//! against serde_json. classify must map every input to exactly one outcome without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use loginradius_pin_reset::json::{self, Value};
use loginradius_pin_reset::{classify_text, ErrorKind, Outcome};

/// Nesting depth of a serde_json value (a scalar is 0).
fn depth(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        serde_json::Value::Object(members) => 1 + members.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Whether the text has a \u escape of a UTF-16 surrogate (which serde_json rejects when lone).
fn has_surrogate_escape(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["\\ud8", "\\ud9", "\\uda", "\\udb", "\\udc", "\\udd", "\\ude", "\\udf"]
        .iter()
        .any(|p| lower.contains(p))
}

/// Same shape and the same strings (numbers compared as text through f64 would round).
fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    match (ours, theirs) {
        (Value::Null, serde_json::Value::Null) => true,
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::Number(_), serde_json::Value::Number(_)) => true,
        (Value::String(a), serde_json::Value::String(b)) => a == b,
        (Value::Array(a), serde_json::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        // serde_json keeps the last of duplicate names, as get_ignore_case's exact-name lookup does.
        (Value::Object(a), serde_json::Value::Object(b)) => b.iter().all(|(name, value)| {
            a.iter().rev().find(|(n, _)| n == name).is_some_and(|(_, v)| same(v, value))
        }),
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]) % 1000;
    let retry_len = usize::from(data[2] % 16).min(data.len() - 3);
    let retry_bytes = &data[3..3 + retry_len];
    let retry_after = (data[2] & 0x80 != 0).then(|| String::from_utf8_lossy(retry_bytes).into_owned());
    let body = String::from_utf8_lossy(&data[3 + retry_len..]);

    // The JSON parser against serde_json.
    let ours = json::parse(&body);
    match serde_json::from_str::<serde_json::Value>(&body) {
        Ok(theirs) if depth(&theirs) < 60 => {
            let ours = ours.as_ref().expect("serde_json accepts a document json::parse rejects");
            assert!(same(ours, &theirs), "json::parse and serde_json disagree");
        }
        Ok(_) => {}
        // serde_json also refuses numbers beyond f64 (1e400), which json::parse keeps as text.
        Err(e) => assert!(
            ours.is_none()
                || has_surrogate_escape(&body)
                || e.to_string().contains("number out of range"),
            "json::parse accepts a document serde_json rejects"
        ),
    }

    // classify: exactly one outcome, consistent with the status.
    match classify_text(status, retry_after.as_deref(), &body) {
        Outcome::Success(value) => {
            assert!((200..300).contains(&status), "success on status {status}");
            assert_eq!(value.get_ignore_case("IsPosted"), Some(&Value::Bool(true)));
        }
        Outcome::Failure(error) => {
            assert_eq!(error.status, status);
            assert!(!error.message.is_empty());
            assert!(matches!(error.kind, ErrorKind::Api | ErrorKind::InvalidResponse));
            if let Some(seconds) = error.retry_after {
                let text = retry_after.as_deref().expect("retry_after without a header");
                assert_eq!(text.trim().parse::<u32>().ok(), Some(seconds));
            }
        }
    }
});
