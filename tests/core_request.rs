//! The exact request `resetPinWithOtp` sends: method, URL, headers and body.

use loginradius_pin_reset::{build_request, validate, PreparedRequest, RawOptions, RawValue};

const KEY: &str = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";
const ENDPOINT: &str = "https://api.loginradius.com/identity/v2/auth/pin/reset/otp/";

fn s(v: &str) -> RawValue<'static> {
    RawValue::String(v.to_string().into())
}

fn base() -> RawOptions<'static> {
    RawOptions::new()
        .with("apiKey", s(KEY))
        .with("otp", s("123456"))
        .with("pin", s("7890"))
}

fn build(raw: &RawOptions) -> PreparedRequest {
    let opts = validate(raw).unwrap_or_else(|issues| panic!("{issues:?}"));
    build_request(&opts)
}

fn headers(req: &PreparedRequest) -> Vec<(&'static str, &'static str)> {
    req.headers.pairs().collect()
}

const JSON_HEADERS: [(&str, &str); 2] = [
    ("Content-Type", "application/json"),
    ("Accept", "application/json"),
];

#[test]
fn each_identifier_kind_with_its_default_type() {
    for (key, value, body) in [
        (
            "email",
            "john@example.com",
            r#"{"otp":"123456","pin":"7890","email":"john@example.com"}"#,
        ),
        (
            "phone",
            "+919876543210",
            r#"{"otp":"123456","pin":"7890","phone":"+919876543210"}"#,
        ),
        (
            "username",
            "johndoe",
            r#"{"otp":"123456","pin":"7890","username":"johndoe"}"#,
        ),
    ] {
        let req = build(&base().with(key, s(value)));
        assert_eq!(req.method, "PUT");
        assert_eq!(req.url, format!("{ENDPOINT}{key}?apikey={KEY}"));
        assert_eq!(headers(&req), JSON_HEADERS);
        assert_eq!(req.body, body);
    }
}

#[test]
fn every_seed_type_with_every_identifier_kind() {
    for (key, value) in [
        ("email", "john@example.com"),
        ("phone", "+919876543210"),
        ("username", "johndoe"),
    ] {
        for ty in [
            "otp",
            "backupcode",
            "googleauthenticatorcode",
            "authenticatorcode",
            key,
        ] {
            let req = build(&base().with(key, s(value)).with("type", s(ty)));
            assert_eq!(req.url, format!("{ENDPOINT}{ty}?apikey={KEY}"));
            assert_eq!(
                req.body,
                format!(r#"{{"otp":"123456","pin":"7890","{key}":"{value}"}}"#)
            );
            assert_eq!(headers(&req), JSON_HEADERS);
        }
    }
}

#[test]
fn optional_query_parameters_come_in_the_documented_order() {
    // given in reverse order: the URL order is fixed regardless
    let raw = base()
        .with("hCaptchaResponse", s("h"))
        .with("qqCaptchaRandstr", s("r"))
        .with("qqCaptchaTicket", s("t"))
        .with("gRecaptchaResponseAlt", s("g2"))
        .with("gRecaptchaResponse", s("g1"))
        .with("preventWebhook", RawValue::Bool(false))
        .with("username", s("johndoe"));
    let req = build(&raw);
    assert_eq!(
        req.url,
        format!(
            "{ENDPOINT}username?apikey={KEY}&prevent_webhook=false&g-recaptcha-response=g1\
             &g_recaptcha_response=g2&qq_captcha_ticket=t&qq_captcha_randstr=r&h-captcha-response=h"
        )
    );
    // no X-PreventWebhook unless xPreventWebhook was given
    assert_eq!(headers(&req), JSON_HEADERS);
}

#[test]
fn each_optional_parameter_alone() {
    for (option, value, param) in [
        (
            "preventWebhook",
            RawValue::Bool(true),
            "prevent_webhook=true",
        ),
        (
            "preventWebhook",
            RawValue::Bool(false),
            "prevent_webhook=false",
        ),
        ("gRecaptchaResponse", s("abc"), "g-recaptcha-response=abc"),
        (
            "gRecaptchaResponseAlt",
            s("abc"),
            "g_recaptcha_response=abc",
        ),
        ("hCaptchaResponse", s("abc"), "h-captcha-response=abc"),
    ] {
        let req = build(&base().with("username", s("u")).with(option, value));
        assert_eq!(
            req.url,
            format!("{ENDPOINT}username?apikey={KEY}&{param}"),
            "{option}"
        );
    }
}

#[test]
fn query_values_are_percent_encoded() {
    let raw = base()
        .with("username", s("u"))
        .with("gRecaptchaResponse", s("a b&c=d#e?f/g+h%i"))
        .with("gRecaptchaResponseAlt", s("\r\nX-Injected: 1"))
        .with("qqCaptchaTicket", s("é✓"))
        .with("qqCaptchaRandstr", s("../.."))
        .with("hCaptchaResponse", s("AZaz09-._~"));
    let req = build(&raw);
    assert_eq!(
        req.url,
        format!(
            "{ENDPOINT}username?apikey={KEY}\
             &g-recaptcha-response=a%20b%26c%3Dd%23e%3Ff%2Fg%2Bh%25i\
             &g_recaptcha_response=%0D%0AX-Injected%3A%201\
             &qq_captcha_ticket=%C3%A9%E2%9C%93\
             &qq_captcha_randstr=..%2F..\
             &h-captcha-response=AZaz09-._~"
        )
    );
    let parsed = url::Url::parse(&req.url).unwrap();
    let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [
            ("apikey", KEY),
            ("g-recaptcha-response", "a b&c=d#e?f/g+h%i"),
            ("g_recaptcha_response", "\r\nX-Injected: 1"),
            ("qq_captcha_ticket", "é✓"),
            ("qq_captcha_randstr", "../.."),
            ("h-captcha-response", "AZaz09-._~"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    assert_eq!(parsed.path(), "/identity/v2/auth/pin/reset/otp/username");
    assert_eq!(parsed.fragment(), None);
}

#[test]
fn x_prevent_webhook_header_only_when_given() {
    for (b, text) in [(true, "true"), (false, "false")] {
        let req = build(
            &base()
                .with("username", s("u"))
                .with("xPreventWebhook", RawValue::Bool(b)),
        );
        assert_eq!(
            headers(&req),
            [
                ("Content-Type", "application/json"),
                ("Accept", "application/json"),
                ("X-PreventWebhook", text),
            ]
        );
        // the header does not add a query parameter
        assert_eq!(req.url, format!("{ENDPOINT}username?apikey={KEY}"));
    }
}

#[test]
fn body_is_exactly_otp_pin_and_the_identifier_with_json_escaping() {
    let pin = "p\"i\\n/é🔑<&>";
    let raw = RawOptions::new()
        .with("apiKey", s(KEY))
        .with("otp", s("AbC123"))
        .with("pin", s(pin))
        .with("email", s("o'brien+x@exämple.com"));
    let req = build(&raw);
    assert_eq!(
        req.body,
        "{\"otp\":\"AbC123\",\"pin\":\"p\\\"i\\\\n/é🔑<&>\",\"email\":\"o'brien+x@exämple.com\"}"
    );
    let parsed: serde_json::Value = serde_json::from_str(&req.body).unwrap();
    assert_eq!(
        parsed,
        serde_json::json!({"otp": "AbC123", "pin": pin, "email": "o'brien+x@exämple.com"})
    );
    // the PIN and OTP never go into the URL
    assert!(!req.url.contains("AbC123"));
}

#[test]
fn base_url_prefix_and_trailing_slash() {
    for (base_url, expected) in [
        ("https://api.loginradius.com", ENDPOINT.to_string()),
        ("https://api.loginradius.com/", ENDPOINT.to_string()),
        (
            "https://proxy.example.com/lr",
            "https://proxy.example.com/lr/identity/v2/auth/pin/reset/otp/".to_string(),
        ),
        (
            "https://proxy.example.com/lr/",
            "https://proxy.example.com/lr/identity/v2/auth/pin/reset/otp/".to_string(),
        ),
        (
            "https://proxy.example.com/a/b///",
            "https://proxy.example.com/a/b/identity/v2/auth/pin/reset/otp/".to_string(),
        ),
        (
            "http://127.0.0.1:8787",
            "http://127.0.0.1:8787/identity/v2/auth/pin/reset/otp/".to_string(),
        ),
        (
            "http://localhost:3000/mock/",
            "http://localhost:3000/mock/identity/v2/auth/pin/reset/otp/".to_string(),
        ),
        (
            "HTTP://[::1]:9000",
            "http://[::1]:9000/identity/v2/auth/pin/reset/otp/".to_string(),
        ),
    ] {
        let req = build(&base().with("username", s("u")).with("baseUrl", s(base_url)));
        assert_eq!(
            req.url,
            format!("{expected}username?apikey={KEY}"),
            "{base_url}"
        );
        let parsed = url::Url::parse(&req.url).unwrap();
        assert!(
            parsed
                .path()
                .ends_with("/identity/v2/auth/pin/reset/otp/username"),
            "{parsed}"
        );
    }
}

const SEED_URL: &str = "https://api.loginradius.com/identity/v2/auth/pin/reset/otp/otp?prevent_webhook=true&g-recaptcha-response=03AGdBq24e1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7a8b9c0d1e2f3g4h5i6j7k8l9m0n1o2p3q4r5s6t7u8v9w0x1y2z3a4b5c6d7e8f9g0h1i2j3k4l5m6n7o8p9q0r1s2t3u4v5w6x7y8z9&g_recaptcha_response=03AGdBq24e1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7a8b9c0d1e2f3g4h5i6j7k8l9m0n1o2p3q4r5s6t7u8v9w0x1y2z3a4b5c6d7e8f9g0h1i2j3k4l5m6n7o8p9q0r1s2t3u4v5w6x7y8z9&qq_captcha_ticket=03AGdBq24eJ9O8dpLsw0Pr0OTtWfkmK34K0jQde&qq_captcha_randstr=03AGdBq24eJ9O8dpLsw0Pr0OTtWfkmK34K0jQde&h-captcha-response=03AGdBq24e1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7a8b9c0d1e2f3g4h5i6j7k8l9m0n1o2p3q4r5s6t7u8v9w0x1y2z3a4b5c6d7e8f9g0h1i2j3k4l5m6n7o8p9q0r1s2t3u4v5w6x7y8z9";
const RECAPTCHA: &str = "03AGdBq24e1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7a8b9c0d1e2f3g4h5i6j7k8l9m0n1o2p3q4r5s6t7u8v9w0x1y2z3a4b5c6d7e8f9g0h1i2j3k4l5m6n7o8p9q0r1s2t3u4v5w6x7y8z9";
const QQ: &str = "03AGdBq24eJ9O8dpLsw0Pr0OTtWfkmK34K0jQde";

#[test]
fn the_seed_curl_example_reproduced_exactly() {
    let raw = RawOptions::new()
        .with("apiKey", s(KEY))
        .with("type", s("otp"))
        .with("username", s("johndoe"))
        .with("otp", s("123456"))
        .with("pin", s("7890"))
        .with("preventWebhook", RawValue::Bool(true))
        .with("gRecaptchaResponse", s(RECAPTCHA))
        .with("gRecaptchaResponseAlt", s(RECAPTCHA))
        .with("qqCaptchaTicket", s(QQ))
        .with("qqCaptchaRandstr", s(QQ))
        .with("hCaptchaResponse", s(RECAPTCHA))
        .with("xPreventWebhook", RawValue::Bool(true));
    let req = build(&raw);

    assert_eq!(req.method, "PUT");
    let expected_url = SEED_URL.replacen('?', &format!("?apikey={KEY}&"), 1);
    assert_eq!(req.url, expected_url);
    assert!(req
        .url
        .starts_with("https://api.loginradius.com/identity/v2/auth/pin/reset/otp/otp?apikey="));
    assert_eq!(
        headers(&req),
        [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
            ("X-PreventWebhook", "true"),
        ]
    );
    // the seed's -d body, with its whitespace
    let seed_body = r#"{    "otp": "123456",    "pin": "7890",    "username": "johndoe"  }"#;
    let ours: serde_json::Value = serde_json::from_str(&req.body).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(seed_body).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(
        req.body,
        r#"{"otp":"123456","pin":"7890","username":"johndoe"}"#
    );

    // the same seven query parameters, in the seed's order, after apikey
    let parsed = url::Url::parse(&req.url).unwrap();
    let names: Vec<String> = parsed.query_pairs().map(|(k, _)| k.into_owned()).collect();
    assert_eq!(
        names,
        [
            "apikey",
            "prevent_webhook",
            "g-recaptcha-response",
            "g_recaptcha_response",
            "qq_captcha_ticket",
            "qq_captcha_randstr",
            "h-captcha-response"
        ]
    );
}

#[test]
fn prepared_request_serializes_as_the_js_object() {
    let req = build(
        &base()
            .with("username", s("u"))
            .with("xPreventWebhook", RawValue::Bool(false)),
    );
    let json = serde_json::to_value(&req).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "method": "PUT",
            "url": format!("{ENDPOINT}username?apikey={KEY}"),
            "headers": {
                "Content-Type": "application/json",
                "Accept": "application/json",
                "X-PreventWebhook": "false",
            },
            "body": r#"{"otp":"123456","pin":"7890","username":"u"}"#,
        })
    );
    let without_header = build(&base().with("username", s("u")));
    let json = serde_json::to_value(&without_header).unwrap();
    assert_eq!(
        json["headers"],
        serde_json::json!({"Content-Type": "application/json", "Accept": "application/json"})
    );
}

#[test]
fn building_is_pure() {
    let raw = base().with("phone", s("+15551234567"));
    let opts = validate(&raw).unwrap();
    assert_eq!(build_request(&opts), build_request(&opts));
}

#[test]
fn debug_never_shows_pin_otp_or_full_api_key() {
    let raw = RawOptions::new()
        .with("apiKey", s(KEY))
        .with("otp", s("OTPVALUE77"))
        .with("pin", s("PINVALUE42"))
        .with("username", s("johndoe"))
        .with("gRecaptchaResponse", s("tok"));
    let opts = validate(&raw).unwrap();
    let req = build_request(&opts);
    assert!(req.body.contains("PINVALUE42") && req.url.contains(KEY));
    for printed in [
        format!("{opts:?}"),
        format!("{opts:#?}"),
        format!("{req:?}"),
        format!("{req:#?}"),
        format!("{:?} {}", opts.pin, opts.pin),
        format!("{:?} {}", opts.otp, opts.otp),
        format!("{:?} {}", opts.api_key, opts.api_key),
    ] {
        assert!(!printed.contains("PINVALUE42"), "{printed}");
        assert!(!printed.contains("OTPVALUE77"), "{printed}");
        assert!(!printed.contains(KEY), "{printed}");
        assert!(!printed.contains("7a6d5c4b3a21"), "{printed}");
    }
    let debug = format!("{req:?}");
    assert!(debug.contains("PUT"), "{debug}");
}
