//! Arbitrary option objects -> options::validate; on success build_request, then the invariants:
//! the URL is the base URL + the endpoint path + the type, its query is exactly the expected
//! parameters whose decoded values round-trip (so the PIN and OTP are never in it), the headers
//! hold no CR/LF, and the body is a JSON object of exactly otp, pin and the identifier.
#![no_main]

use std::borrow::Cow;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use loginradius_pin_reset::options::table::OPTIONS;
use loginradius_pin_reset::options::{RawOptions, RawValue};
use loginradius_pin_reset::request::ENDPOINT_PATH;
use loginradius_pin_reset::{build_request, validate};

/// A string biased towards values that pass validation, so the fuzzer gets past the rules.
#[derive(Arbitrary, Debug)]
enum FuzzString {
    Raw(String),
    Valid,
    ValidWithSuffix(String),
    PrefixWithValid(String),
    ValidWithChar(char),
}

#[derive(Arbitrary, Debug)]
enum FuzzValue {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    Str(FuzzString),
    TooLong(u32),
    IllFormedString,
    Function,
    AbortSignal,
    Array,
    Object,
    BigInt,
    Unreadable,
}

#[derive(Arbitrary, Debug)]
enum FuzzKey {
    Known(u8),
    Other(String),
}

#[derive(Arbitrary, Debug)]
struct Input {
    entries: Vec<(FuzzKey, FuzzValue)>,
}

fn valid_for(key: &str) -> &'static str {
    match key {
        "apiKey" => "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",
        "otp" => "123456",
        "pin" => "7890",
        "email" => "jane@example.com",
        "phone" => "+919876543210",
        "username" => "johndoe",
        "type" => "otp",
        "baseUrl" => "http://127.0.0.1:8080",
        _ => "token",
    }
}

fn raw(input: Input) -> RawOptions<'static> {
    let mut options = RawOptions::new();
    for (key, value) in input.entries {
        let key = match key {
            FuzzKey::Known(i) => OPTIONS[usize::from(i) % OPTIONS.len()].name.to_string(),
            FuzzKey::Other(s) => s,
        };
        let value = match value {
            FuzzValue::Undefined => RawValue::Undefined,
            FuzzValue::Null => RawValue::Null,
            FuzzValue::Bool(b) => RawValue::Bool(b),
            FuzzValue::Number(n) => RawValue::Number(n),
            FuzzValue::Str(s) => RawValue::String(Cow::Owned(match s {
                FuzzString::Raw(s) => s,
                FuzzString::Valid => valid_for(&key).to_string(),
                FuzzString::ValidWithSuffix(s) => format!("{}{s}", valid_for(&key)),
                FuzzString::PrefixWithValid(s) => format!("{s}{}", valid_for(&key)),
                FuzzString::ValidWithChar(c) => format!("{}{c}", valid_for(&key)),
            })),
            FuzzValue::TooLong(n) => RawValue::TooLong(n),
            FuzzValue::IllFormedString => RawValue::IllFormedString,
            FuzzValue::Function => RawValue::Function,
            FuzzValue::AbortSignal => RawValue::AbortSignal,
            FuzzValue::Array => RawValue::Array,
            FuzzValue::Object => RawValue::Object,
            FuzzValue::BigInt => RawValue::Other("bigint"),
            FuzzValue::Unreadable => RawValue::Unreadable,
        };
        options = options.with(key, value);
    }
    options
}

fuzz_target!(|input: Input| {
    let options = raw(input);
    let validated = validate(&options);
    // Deterministic: the same input gives the same answer.
    assert_eq!(validated, validate(&options));
    let options = match validated {
        Ok(options) => options,
        Err(issues) => {
            assert!(!issues.is_empty(), "rejected without an issue");
            return;
        }
    };
    let request = build_request(&options);
    assert_eq!(request.method, "PUT");

    // The URL: base + endpoint + type, then exactly the expected query parameters.
    let url = &request.url;
    assert!(!url.contains(['\r', '\n', ' ', '#']), "raw CR/LF/space/# in the URL");
    let prefix = format!(
        "{}{}{}",
        options.connection.base_url.as_str(),
        ENDPOINT_PATH,
        options.path_type.as_str()
    );
    assert!(url.starts_with(&prefix), "URL does not start with {prefix}");
    let parsed = url::Url::parse(url).expect("the URL parses");
    assert_eq!(parsed.fragment(), None);
    let query: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    let captcha = &options.captcha;
    let bool_text = |b: Option<bool>| b.map(|b| if b { "true" } else { "false" });
    let qq = captcha.qq_ticket_and_randstr;
    let expected: Vec<(&str, Option<&str>)> = vec![
        ("apikey", Some(options.api_key.expose())),
        ("prevent_webhook", bool_text(options.prevent_webhook)),
        ("g-recaptcha-response", captcha.g_recaptcha_response),
        ("g_recaptcha_response", captcha.g_recaptcha_response_alt),
        ("qq_captcha_ticket", qq.map(|(t, _)| t)),
        ("qq_captcha_randstr", qq.map(|(_, r)| r)),
        ("h-captcha-response", captcha.h_captcha_response),
    ];
    let expected: Vec<(String, String)> = expected
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name.to_string(), v.to_string())))
        .collect();
    assert_eq!(query, expected, "query parameters do not round-trip");
    // Hence no parameter carries the PIN or the OTP, unless another option equals it verbatim.
    for (name, _) in &query {
        assert!(!name.eq_ignore_ascii_case("pin") && !name.eq_ignore_ascii_case("otp"));
    }

    // Headers: fixed names, no CR/LF.
    for (name, value) in request.headers.pairs() {
        assert!(!name.contains(['\r', '\n']) && !value.contains(['\r', '\n']));
    }

    // The body: serde_json reads exactly otp, pin and the identifier.
    let id_key = options.identifier.key();
    let serde: serde_json::Value = serde_json::from_str(&request.body).expect("serde_json reads the body");
    let object = serde.as_object().expect("the body is an object");
    assert_eq!(object.len(), 3);
    assert_eq!(object["otp"], options.otp.expose());
    assert_eq!(object["pin"], options.pin.expose());
    assert_eq!(object[id_key], options.identifier.value());

    // Debug output never shows the body.
    let debug = format!("{request:?} {options:?}");
    assert!(debug.contains("<hidden: holds the PIN and OTP>"));
    if options.pin.expose().len() >= 8 {
        assert!(!debug.contains(options.pin.expose()), "PIN in Debug output");
    }
});
