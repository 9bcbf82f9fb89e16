//! `sendResetPinOtp`: its rules, and the exact request for each identifier.

use loginradius_pin_reset::{
    build_send_request, prepare, validate_send, Issue, Operation, PreparedRequest, RawOptions,
    RawValue,
};

const KEY: &str = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";
const SEND: &str = "https://api.loginradius.com/identity/v2/auth/pin/forgot/";

fn s(v: &str) -> RawValue<'static> {
    RawValue::String(v.to_string().into())
}

fn base() -> RawOptions<'static> {
    RawOptions::new().with("apiKey", s(KEY))
}

fn build(raw: &RawOptions) -> PreparedRequest {
    let options = validate_send(raw).unwrap_or_else(|issues| panic!("{issues:?}"));
    build_send_request(&options)
}

fn issues(raw: &RawOptions) -> Vec<Issue> {
    validate_send(raw).expect_err("should be refused")
}

fn fields(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.field.as_ref()).collect()
}

#[test]
fn each_identifier_goes_to_its_own_endpoint() {
    for (key, value, segment) in [
        ("phone", "+919876543210", "otp"),
        ("email", "john@example.com", "email"),
        ("username", "johndoe", "username"),
    ] {
        let request = build(&base().with(key, s(value)));
        assert_eq!(request.method, "POST");
        assert_eq!(request.url, format!("{SEND}{segment}?apikey={KEY}"));
        assert_eq!(
            request.headers.pairs().collect::<Vec<_>>(),
            [
                ("Content-Type", "application/json"),
                ("Accept", "application/json")
            ]
        );
        assert_eq!(request.body, format!(r#"{{"{key}":"{value}"}}"#));
    }
}

#[test]
fn delivery_options_become_their_query_parameters() {
    let phone = build(
        &base()
            .with("phone", s("+919876543210"))
            .with("smsTemplate", s("pin-sms"))
            .with("isVoiceOtp", RawValue::Bool(true))
            .with("hCaptchaResponse", s("tok&en")),
    );
    assert_eq!(
        phone.url,
        format!("{SEND}otp?apikey={KEY}&smstemplate=pin-sms&isvoiceotp=true&h-captcha-response=tok%26en")
    );
    let email = build(
        &base()
            .with("email", s("john@example.com"))
            .with("emailTemplate", s("forgot-pin"))
            .with(
                "resetPinUrl",
                s("https://app.example.com/reset?from=mail#top"),
            ),
    );
    assert_eq!(
        email.url,
        format!(
            "{SEND}email?apikey={KEY}&emailtemplate=forgot-pin&resetpinurl=https%3A%2F%2Fapp.example.com%2Freset%3Ffrom%3Dmail%23top"
        )
    );
    let username = build(
        &base()
            .with("username", s("johndoe"))
            .with("emailTemplate", s("forgot-pin"))
            .with("baseUrl", s("http://127.0.0.1:8080/")),
    );
    assert_eq!(
        username.url,
        format!("http://127.0.0.1:8080/identity/v2/auth/pin/forgot/username?apikey={KEY}&emailtemplate=forgot-pin")
    );
}

#[test]
fn delivery_options_belong_to_their_identifier() {
    let refused = issues(
        &base()
            .with("email", s("john@example.com"))
            .with("smsTemplate", s("pin-sms"))
            .with("isVoiceOtp", RawValue::Bool(false)),
    );
    assert_eq!(fields(&refused), ["smsTemplate", "isVoiceOtp"]);
    assert_eq!(
        refused[0].message,
        "applies to a phone only, but the code goes to the email given; leave it out"
    );
    let refused = issues(
        &base()
            .with("phone", s("+919876543210"))
            .with("emailTemplate", s("t"))
            .with("resetPinUrl", s("https://example.com/r")),
    );
    assert_eq!(fields(&refused), ["emailTemplate", "resetPinUrl"]);
}

#[test]
fn every_rule_reports_at_once() {
    let refused = issues(
        &RawOptions::new()
            .with("apiKey", s("nope"))
            .with("phone", s("12"))
            .with("email", s("a@b.co"))
            .with("smsTemplate", s(""))
            .with("isVoiceOtp", s("yes"))
            .with("resetPinUrl", s("http://example.com/r"))
            .with("otp", s("123456"))
            .with("timeoutMs", RawValue::Number(0.5)),
    );
    assert_eq!(
        fields(&refused),
        [
            "otp",
            "apiKey",
            "phone",
            "smsTemplate",
            "isVoiceOtp",
            "resetPinUrl",
            "timeoutMs",
            "phone"
        ]
    );
    assert_eq!(
        refused[0].message,
        "is not an option of sendResetPinOtp; it is one of resetPinWithOtp"
    );
    assert!(refused[5].message.starts_with("must be an https URL"));
}

#[test]
fn reset_pin_url_must_be_an_https_page() {
    for good in [
        "https://example.com",
        "https://app.example.com/reset-pin",
        "https://app.example.com:8443/r?x=1&y=%20#frag",
    ] {
        assert!(
            validate_send(
                &base()
                    .with("email", s("a@b.co"))
                    .with("resetPinUrl", s(good))
            )
            .is_ok(),
            "{good}"
        );
    }
    for bad in [
        "http://example.com/r",
        "example.com/r",
        "https://",
        "https://user:pw@example.com/",
        "https://exa mple.com/",
        "https://example.com/a b",
        "javascript:alert(1)",
    ] {
        let refused = issues(
            &base()
                .with("email", s("a@b.co"))
                .with("resetPinUrl", s(bad)),
        );
        assert_eq!(fields(&refused), ["resetPinUrl"], "{bad}");
    }
}

#[test]
fn prepare_picks_the_operation() {
    let raw = base().with("phone", s("+919876543210"));
    let prepared = prepare(Operation::SendCode, &raw).unwrap();
    assert_eq!(prepared.request.method, "POST");
    assert_eq!(prepared.timeout_ms, 15_000);
    // The reset's rules refuse what the send accepts: no code, no PIN.
    let refused = prepare(Operation::ResetPin, &raw).unwrap_err();
    assert_eq!(fields(&refused), ["otp", "pin"]);
}

#[test]
fn reset_pin_url_may_be_http_on_a_loopback_host_only() {
    let with_url = |url: &str| {
        base()
            .with("email", s("a@b.co"))
            .with("resetPinUrl", s(url))
    };
    for url in [
        "http://127.0.0.1:8080/",
        "http://localhost/pin?x=1#f",
        "http://[::1]:9/",
    ] {
        let request = build(&with_url(url));
        assert!(request.url.ends_with(&format!(
            "&resetpinurl={}",
            url.replace(':', "%3A")
                .replace('/', "%2F")
                .replace('?', "%3F")
                .replace('=', "%3D")
                .replace('#', "%23")
                .replace('[', "%5B")
                .replace(']', "%5D")
        )));
    }
    for url in ["http://example.com/r", "http://127.0.0.1.example.com/"] {
        let refused = issues(&with_url(url));
        assert_eq!(refused.len(), 1, "{url}");
        assert_eq!(
            refused[0].message,
            "must be an https URL like https://example.com/reset-pin"
        );
    }
}
