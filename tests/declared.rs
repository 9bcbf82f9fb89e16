//! The Rust sources of truth against what JavaScript and TypeScript declare: the error's name,
//! kinds and fields (`ErrorKind`, `LoginRadiusError`) against npm/is-error.js and
//! src/wasm/types.d.ts, and the table of options against types.d.ts and the demo (www/app.js).
//! tests/declared.mjs reads those as Node and the TypeScript compiler do (it needs `npm ci`).

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::sync::OnceLock;

use loginradius_pin_reset::error::ERROR_NAME;
use loginradius_pin_reset::options::table::{options_of, Type, OPTIONS};
use loginradius_pin_reset::{ErrorKind, Issue, LoginRadiusError, Operation};
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

/// The demo's lists name only options, of the calls and types they are used for, and the form
/// holds every option a form can (all but `fetch`).
#[test]
fn the_demo_names_the_tables_options() {
    let lists = &declared()["demo"]["lists"];
    let spec = |name: &str| {
        OPTIONS
            .iter()
            .find(|spec| spec.name == name)
            .unwrap_or_else(|| panic!("the demo names {name:?}, which is not an option"))
    };
    let check = |list: &str, operation: Option<Operation>, ty: Type| {
        for name in strings(&lists[list]) {
            let spec = spec(&name);
            assert_eq!(spec.ty, ty, "{list}: {name}");
            if let Some(operation) = operation {
                assert!(spec.taken_by(operation), "{list}: {name}");
            } else {
                assert!(spec.taken_by(Operation::ResetPin) && spec.taken_by(Operation::SendCode));
            }
        }
    };
    check("TEXT_OPTIONS", None, Type::String);
    check(
        "RESET_TEXT_OPTIONS",
        Some(Operation::ResetPin),
        Type::String,
    );
    check("BOOLEAN_OPTIONS", Some(Operation::ResetPin), Type::Boolean);
    check("SEND_TEXT_OPTIONS", Some(Operation::SendCode), Type::String);
    check("IDENTIFIER_KINDS", None, Type::String);

    let mut in_demo = BTreeSet::new();
    for list in [
        "TEXT_OPTIONS",
        "RESET_TEXT_OPTIONS",
        "BOOLEAN_OPTIONS",
        "SEND_TEXT_OPTIONS",
        "IDENTIFIER_KINDS",
        "FIELD_NAMES",
    ] {
        in_demo.extend(strings(&lists[list]));
    }
    in_demo.extend(strings(&declared()["demo"]["assigned"]));
    for name in &in_demo {
        spec(name);
    }
    let formable: BTreeSet<String> = OPTIONS
        .iter()
        .filter(|spec| spec.ty != Type::Function)
        .map(|spec| spec.name.to_string())
        .collect();
    assert_eq!(in_demo, formable);

    // Its titles for error kinds are kinds.
    let rust = strings(&Value::Array(kinds()));
    assert!(strings(&lists["TITLES"]).is_subset(&rust));
}
