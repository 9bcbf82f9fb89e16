//! The error kinds have one source, `ErrorKind` in src/error.rs: the JavaScript guard
//! (npm/is-error.js) and the TypeScript type (src/wasm/types.d.ts) must list exactly its names.

use loginradius_pin_reset::ErrorKind;

fn rust_kinds() -> Vec<String> {
    ErrorKind::ALL
        .iter()
        .map(|kind| {
            serde_json::to_value(kind)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// The double-quoted words in `text` between `start` and the next `end`.
fn quoted_between(text: &str, start: &str, end: &str) -> Vec<String> {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"))
        + start.len();
    let rest = &text[from..];
    let section = &rest[..rest.find(end).unwrap()];
    section
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn javascript_guard_lists_every_kind() {
    let js = std::fs::read_to_string("npm/is-error.js").unwrap();
    assert_eq!(
        quoted_between(&js, "export const ERROR_KINDS = [", "];"),
        rust_kinds()
    );
}

#[test]
fn typescript_type_lists_every_kind() {
    let ts = std::fs::read_to_string("src/wasm/types.d.ts").unwrap();
    assert_eq!(
        quoted_between(&ts, "export type LoginRadiusErrorKind =", ";"),
        rust_kinds()
    );
}
