//! `resetPinWithToken`: its rules, the exact request, and the token kept out of the URL and of
//! every `Debug` string and message.

use loginradius_pin_reset::{
    build_token_request, prepare, validate_token, Issue, LoginRadiusError, Operation,
    PreparedRequest, RawOptions, RawValue,
};

const KEY: &str = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";
const TOKEN: &str = "0b7ddf52-9c7e-4b1a-8e33-2f4f5a6b7c8d";
const URL: &str = "https://api.loginradius.com/identity/v2/auth/pin/reset/token";

fn s(v: &str) -> RawValue<'static> {
    RawValue::String(v.to_string().into())
}

fn with_token(token: &str) -> RawOptions<'static> {
    RawOptions::new()
        .with("apiKey", s(KEY))
        .with("resetToken", s(token))
        .with("pin", s("2468"))
}

fn base() -> RawOptions<'static> {
    with_token(TOKEN)
}

fn build(raw: &RawOptions) -> PreparedRequest {
    let options = validate_token(raw).unwrap_or_else(|issues| panic!("{issues:?}"));
    build_token_request(&options)
}

fn issues(raw: &RawOptions) -> Vec<Issue> {
    validate_token(raw).expect_err("should be refused")
}

fn pairs(issues: &[Issue]) -> Vec<(&str, &str)> {
    issues
        .iter()
        .map(|i| (i.field.as_ref(), i.message.as_ref()))
        .collect()
}

#[test]
fn the_request_is_a_put_with_the_token_and_pin_in_the_body_only() {
    let request = build(&base());
    assert_eq!(request.method, "PUT");
    assert_eq!(request.url, format!("{URL}?apikey={KEY}"));
    assert_eq!(
        request.headers.pairs().collect::<Vec<_>>(),
        [
            ("Content-Type", "application/json"),
            ("Accept", "application/json")
        ]
    );
    assert_eq!(
        request.body,
        format!(r#"{{"ResetToken":"{TOKEN}","PIN":"2468"}}"#)
    );
    assert!(!request.url.contains(TOKEN));
}

#[test]
fn webhook_switches_captcha_and_base_url_as_for_the_otp_reset() {
    let request = build(
        &base()
            .with("preventWebhook", RawValue::Bool(false))
            .with("xPreventWebhook", RawValue::Bool(true))
            .with("gRecaptchaResponse", s("g 1"))
            .with("qqCaptchaTicket", s("t"))
            .with("qqCaptchaRandstr", s("r"))
            .with("baseUrl", s("http://127.0.0.1:8080/prefix/")),
    );
    assert_eq!(
        request.url,
        format!(
            "http://127.0.0.1:8080/prefix/identity/v2/auth/pin/reset/token?apikey={KEY}\
             &prevent_webhook=false&g-recaptcha-response=g%201&qq_captcha_ticket=t&qq_captcha_randstr=r"
        )
    );
    assert_eq!(request.headers.x_prevent_webhook, Some("true"));
}

#[test]
fn the_body_escapes_json() {
    let request = build(&with_token(r#"a"b\c"#));
    assert_eq!(request.body, r#"{"ResetToken":"a\"b\\c","PIN":"2468"}"#);
}

#[test]
fn every_missing_and_wrong_value_is_reported_at_once() {
    assert_eq!(
        pairs(&issues(&RawOptions::new())),
        [
            ("apiKey", "is required"),
            ("resetToken", "is required"),
            ("pin", "is required")
        ]
    );
    let raw = RawOptions::new()
        .with("apiKey", s("nope"))
        .with("resetToken", s("a b"))
        .with("pin", RawValue::Number(1234.0))
        .with("preventWebhook", s("true"));
    assert_eq!(
        pairs(&issues(&raw)),
        [
            (
                "apiKey",
                "must be a GUID like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (your LoginRadius API key)"
            ),
            ("resetToken", "must be printable ASCII, without spaces"),
            ("pin", "must be a string, got a number"),
            ("preventWebhook", "must be true or false, got a string"),
        ]
    );
}

#[test]
fn the_token_rule() {
    let long = "t".repeat(513);
    for (token, message) in [
        ("", "must not be empty"),
        ("tab\there", "must be printable ASCII, without spaces"),
        ("é-token", "must be printable ASCII, without spaces"),
        (long.as_str(), "must be at most 512 characters"),
    ] {
        assert_eq!(
            pairs(&issues(&with_token(token))),
            [("resetToken", message)],
            "{token:?}"
        );
    }
    build(&with_token(&"A-_b".repeat(128)));
}

#[test]
fn other_calls_options_are_named_and_typos_get_a_suggestion() {
    let raw = base()
        .with("otp", s("123456"))
        .with("email", s("a@b.co"))
        .with("resetPinUrl", s("https://a.example/"))
        .with("resettoken", s("x"))
        .with("token", s("y"));
    assert_eq!(
        pairs(&issues(&raw)),
        [
            ("otp", "is not an option of resetPinWithToken; it is one of resetPinWithOtp"),
            (
                "email",
                "is not an option of resetPinWithToken; it is one of resetPinWithOtp and sendResetPinOtp"
            ),
            ("resetPinUrl", "is not an option of resetPinWithToken; it is one of sendResetPinOtp"),
            ("resettoken", "is not an option of resetPinWithToken; did you mean \"resetToken\"?"),
            ("token", "is not an option of resetPinWithToken; did you mean \"resetToken\"?"),
        ]
    );
    // And the other way round: the token is the link's call's alone.
    let otp_reset = prepare(Operation::ResetPin, &base()).unwrap_err();
    assert!(otp_reset.iter().any(|i| i.field == "resetToken"
        && i.message == "is not an option of resetPinWithOtp; it is one of resetPinWithToken"));
}

#[test]
fn prepare_builds_the_same_request_with_the_timeout() {
    let prepared = prepare(
        Operation::ResetPinWithToken,
        &base().with("timeoutMs", RawValue::Number(2500.0)),
    )
    .unwrap();
    assert_eq!(prepared.request, build(&base()));
    assert_eq!(prepared.timeout_ms, 2500);
}

#[test]
fn the_token_is_in_no_debug_string_or_message() {
    let secret = "Tk-5ecret-9f2e71c4";
    let raw = with_token(secret);
    let options = validate_token(&raw).unwrap();
    let request = build_token_request(&options);
    for shown in [format!("{options:?}"), format!("{request:?}")] {
        assert!(
            !shown.contains(secret) && !shown.contains("2468"),
            "{shown}"
        );
    }
    // A token a rule refuses is not echoed either.
    let refused = with_token(&format!("{secret} x"));
    let error: LoginRadiusError =
        LoginRadiusError::validation(Operation::ResetPinWithToken, issues(&refused));
    assert!(!format!("{error:?} {}", error.message).contains(secret));
}
