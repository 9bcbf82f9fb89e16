//! The option names of each call, and the issue for a key that is none of them.

use super::{clip, RawOptions, MAX_ECHOED_KEY, OPTION_NAMES, SEND_OPTION_NAMES};
use crate::error::Issue;
use crate::operation::Operation;
use crate::text::contains_str;

/// Every option name of `operation`.
pub(crate) fn option_names(operation: Operation) -> &'static [&'static str] {
    match operation {
        Operation::SendCode => &SEND_OPTION_NAMES,
        Operation::ResetPin => &OPTION_NAMES,
    }
}

/// An issue for every key that is not an option of `operation`, naming the other call when the
/// key is one of its options, or the option the key was probably meant to be.
pub(super) fn unknown_keys(raw: &RawOptions, operation: Operation, issues: &mut Vec<Issue>) {
    let names = option_names(operation);
    let other = match operation {
        Operation::SendCode => Operation::ResetPin,
        Operation::ResetPin => Operation::SendCode,
    };
    for (key, _) in &raw.entries {
        if names.contains(&key.as_ref()) {
            continue;
        }
        let mut message = format!("is not an option of {}", operation.function_name());
        if option_names(other).contains(&key.as_ref()) {
            message.push_str("; it is one of ");
            message.push_str(other.function_name());
        } else if let Some(suggestion) = suggest(key, names) {
            message.push_str("; did you mean \"");
            message.push_str(suggestion);
            message.push_str("\"?");
        }
        issues.push(Issue::new(clip(key, MAX_ECHOED_KEY), message));
    }
}

/// A known option the unknown `key` was probably meant to be: same letters in another case,
/// or one name containing the other (`phoneNumber` → `phone`, `api_key` → `apiKey`).
fn suggest(key: &str, names: &[&'static str]) -> Option<&'static str> {
    let folded: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if folded.is_empty() {
        return None;
    }
    let lower = |name: &&str| name.to_ascii_lowercase();
    names
        .iter()
        .find(|name| lower(name) == folded)
        .or_else(|| {
            names.iter().find(|name| {
                let name = lower(name);
                contains_str(&folded, &name) || (folded.len() > 2 && contains_str(&name, &folded))
            })
        })
        .copied()
}
