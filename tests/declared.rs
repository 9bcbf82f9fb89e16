//! The Rust sources of truth against what JavaScript and TypeScript declare: the error's name,
//! kinds and fields (`ErrorKind`, `LoginRadiusError`) against npm/is-error.js and
//! src/wasm/types.d.ts, and the table of options against types.d.ts, the demo's settings
//! (www/app.js) and the element's delivery attributes (npm/element.js).
//! tests/declared.mjs reads those as Node and the TypeScript compiler do (it needs `npm ci`).

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::sync::OnceLock;

use loginradius_pin_reset::error::ERROR_NAME;
use loginradius_pin_reset::options::table::{options_of, Type, OPTIONS};
use loginradius_pin_reset::{
    validate_send, ErrorKind, Issue, LoginRadiusError, Operation, RawOptions, RawValue,
};
use serde_json::{json, Value};

/// What tests/declared.mjs printed.
fn declared() -> &'static Value {
    static DECLARED: OnceLock<Value> = OnceLock::new();
    DECLARED.get_or_init(|| {
        let output = Command::new("node")
            .arg("tests/declared.mjs")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("node runs");
        assert!(
            output.status.success(),
            "tests/declared.mjs failed (run `npm ci` first?):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    })
}

fn strings(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn kinds() -> Vec<Value> {
    ErrorKind::ALL
        .iter()
        .map(|kind| serde_json::to_value(kind).unwrap())
        .collect()
}

#[test]
fn the_guard_names_every_kind_in_order() {
    assert_eq!(declared()["guard"]["kinds"], Value::Array(kinds()));
    assert_eq!(declared()["guard"]["name"], ERROR_NAME);
}

#[test]
fn the_typescript_kinds_are_rusts() {
    let rust: BTreeSet<String> = strings(&Value::Array(kinds()));
    assert_eq!(strings(&declared()["errorKinds"]), rust);
}

/// The error's fields: `name` and `message` on the `Error`, `data` set beside the serialized
/// fields; the rest are what Rust serializes, optional where Rust may leave them out.
#[test]
fn the_typescript_error_has_rusts_fields() {
    let full: LoginRadiusError = LoginRadiusError {
        error_code: Some(1),
        description: Some(String::new()),
        issues: vec![Issue::new("f", "m")],
        retry_after: Some(1),
        data: Some(json!({})),
        ..LoginRadiusError::new(ErrorKind::Api, "m", 400)
    };
    let minimal: LoginRadiusError = LoginRadiusError::new(ErrorKind::Api, "m", 400);
    let keys = |error: &LoginRadiusError| -> BTreeSet<String> {
        let value = serde_json::to_value(error).unwrap();
        value.as_object().unwrap().keys().cloned().collect()
    };
    let mut expected: BTreeMap<String, bool> = keys(&full)
        .into_iter()
        .map(|key| {
            let optional = !keys(&minimal).contains(&key);
            (key, optional)
        })
        .collect();
    expected.insert("name".into(), false);
    expected.insert("data".into(), true);

    let declared = declared()["errorInterface"].as_object().unwrap();
    let typescript: BTreeMap<String, bool> = declared
        .iter()
        .map(|(key, p)| (key.clone(), p["optional"].as_bool().unwrap()))
        .collect();
    assert_eq!(typescript, expected);
    assert_eq!(declared["name"]["type"], format!("\"{ERROR_NAME}\""));
}

fn type_name(ty: Type) -> &'static str {
    match ty {
        Type::String => "string",
        Type::Boolean => "boolean",
        Type::Number => "number",
        Type::AbortSignal => "AbortSignal",
        Type::Function => "function",
    }
}

#[test]
fn the_typescript_options_are_the_tables() {
    for (operation, declared_name) in [
        (Operation::ResetPin, "resetPinWithOtp"),
        (Operation::SendCode, "sendResetPinOtp"),
        (Operation::ResetPinWithToken, "resetPinWithToken"),
    ] {
        let expected: BTreeMap<&str, Value> = options_of(operation)
            .map(|spec| {
                let declared = json!({ "type": type_name(spec.ty), "optional": !spec.required });
                (spec.name, declared)
            })
            .collect();
        let typescript: BTreeMap<&str, Value> = declared()["options"][declared_name]
            .as_object()
            .unwrap()
            .iter()
            .map(|(key, p)| (key.as_str(), p.clone()))
            .collect();
        assert_eq!(typescript, expected, "{declared_name}");
    }
}

/// The demo's settings are options of every call, of the types its inputs give them.
#[test]
fn the_demo_settings_are_options_of_every_call() {
    let settings = strings(&declared()["demo"]["settings"]);
    assert!(!settings.is_empty());
    for name in &settings {
        let spec = OPTIONS
            .iter()
            .find(|spec| spec.name == name.as_str())
            .unwrap_or_else(|| panic!("the demo sets {name:?}, which is not an option"));
        for operation in [
            Operation::SendCode,
            Operation::ResetPin,
            Operation::ResetPinWithToken,
        ] {
            assert!(spec.taken_by(operation), "{name}: {operation:?}");
        }
    }
}

/// Each delivery attribute of the element sets a text option of the send, and only for the
/// identifier kinds the send accepts it with.
#[test]
fn the_elements_delivery_attributes_are_send_options_for_their_kinds() {
    let delivery = declared()["element"]["delivery"].as_array().unwrap();
    assert!(!delivery.is_empty());
    for entry in delivery {
        let option = entry["option"].as_str().unwrap();
        let spec = OPTIONS
            .iter()
            .find(|spec| spec.name == option)
            .unwrap_or_else(|| panic!("the element sets {option:?}, which is not an option"));
        assert!(
            spec.taken_by(Operation::SendCode) && spec.ty == Type::String,
            "{option}"
        );
        let kinds = strings(&entry["kinds"]);
        for (kind, identifier) in [
            ("email", "ada@example.com"),
            ("phone", "+919876543210"),
            ("username", "ada"),
        ] {
            let raw = RawOptions::new()
                .with("apiKey", text("4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21"))
                .with(kind, text(identifier))
                .with(option, text("https://example.com/reset"));
            assert_eq!(
                validate_send(&raw).is_ok(),
                kinds.contains(kind),
                "{option} with {kind}"
            );
        }
    }
}

fn text(value: &str) -> RawValue<'static> {
    RawValue::String(value.to_string().into())
}
