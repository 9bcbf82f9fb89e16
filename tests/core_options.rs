//! Every option rule of `resetPinWithOtp`, positive and negative, through `validate`.

use loginradius_pin_reset::options::{option_names, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS};
use loginradius_pin_reset::{
    validate, Identifier, Issue, Operation, PathType, RawOptions, RawValue,
};

const KEY: &str = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";

fn s(v: &str) -> RawValue<'static> {
    RawValue::String(v.to_string().into())
}

/// A valid option set: apiKey, otp, pin and a username.
fn base() -> RawOptions<'static> {
    RawOptions::new()
        .with("apiKey", s(KEY))
        .with("otp", s("123456"))
        .with("pin", s("7890"))
        .with("username", s("johndoe"))
}

/// `base()` with `key` replaced (or added) by `value`.
fn with(key: &str, value: RawValue<'static>) -> RawOptions<'static> {
    let mut raw = base();
    raw.entries.retain(|(k, _)| k != key);
    raw.entries.push((key.to_string().into(), value));
    raw
}

/// `base()` without `key`.
fn without(key: &str) -> RawOptions<'static> {
    let mut raw = base();
    raw.entries.retain(|(k, _)| k != key);
    raw
}

/// The fields of every issue; panics if the options validated.
fn fields(raw: &RawOptions) -> Vec<String> {
    issues(raw)
        .into_iter()
        .map(|i| i.field.into_owned())
        .collect()
}

fn issues(raw: &RawOptions) -> Vec<Issue> {
    match validate(raw) {
        Ok(_) => panic!("expected issues for {raw:?}"),
        Err(issues) => issues,
    }
}

/// The single issue reported; panics unless there is exactly one.
fn one_issue(raw: &RawOptions) -> Issue {
    let mut all = issues(raw);
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

fn assert_ok(raw: &RawOptions) {
    if let Err(issues) = validate(raw) {
        panic!("expected valid, got {issues:?} for {raw:?}");
    }
}

fn assert_only_field(raw: &RawOptions, field: &str) {
    assert_eq!(fields(raw), [field], "{raw:?}");
}

// ---------- the baseline ----------

#[test]
fn minimal_valid_options_get_defaults() {
    let raw = base();
    let opts = validate(&raw).unwrap();
    assert_eq!(opts.api_key.expose(), KEY);
    assert_eq!(opts.otp.expose(), "123456");
    assert_eq!(opts.pin.expose(), "7890");
    assert_eq!(opts.identifier, Identifier::Username("johndoe"));
    assert_eq!(opts.path_type, PathType::Username);
    assert_eq!(opts.prevent_webhook, None);
    assert_eq!(opts.x_prevent_webhook, None);
    assert_eq!(opts.captcha, Default::default());
    assert_eq!(opts.connection.base_url.as_str(), DEFAULT_BASE_URL);
    assert_eq!(
        opts.connection.base_url.as_str(),
        "https://api.loginradius.com"
    );
    assert_eq!(opts.connection.timeout_ms, DEFAULT_TIMEOUT_MS);
    assert_eq!(opts.connection.timeout_ms, 15_000);
    assert!(!opts.connection.has_signal);
    assert!(!opts.connection.has_fetch);
}

#[test]
fn undefined_counts_as_absent() {
    let mut raw = base();
    for key in option_names(Operation::ResetPin).skip(3) {
        if key != "username" {
            raw.entries
                .push((key.to_string().into(), RawValue::Undefined));
        }
    }
    let opts = validate(&raw).unwrap();
    assert_eq!(opts.connection.timeout_ms, 15_000);
    assert_eq!(opts.path_type, PathType::Username);
    assert_eq!(opts.prevent_webhook, None);
    // undefined for a required option is "is required"
    let issue = one_issue(&with("otp", RawValue::Undefined));
    assert_eq!(issue, Issue::new("otp", "is required"));
}

#[test]
fn empty_options_report_every_required_field() {
    let all = issues(&RawOptions::new());
    assert_eq!(
        all,
        vec![
            Issue::new("apiKey", "is required"),
            Issue::new("otp", "is required"),
            Issue::new("pin", "is required"),
            Issue::new(
                "identifier",
                "is required: give one of email, phone or username"
            ),
        ]
    );
}

// ---------- apiKey ----------

#[test]
fn api_key_missing_and_empty() {
    assert_eq!(
        one_issue(&without("apiKey")),
        Issue::new("apiKey", "is required")
    );
    assert_eq!(
        one_issue(&with("apiKey", s(""))),
        Issue::new("apiKey", "is required and must not be empty")
    );
}

#[test]
fn api_key_accepts_guids_in_any_hex_case() {
    for key in [
        KEY,
        "4F4B8C6E-2F1A-4C3D-9B8E-7A6D5C4B3A21",
        "4f4B8c6E-2f1A-4C3d-9b8E-7a6D5c4B3a21",
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ] {
        let raw = with("apiKey", s(key));
        let opts = validate(&raw).unwrap();
        assert_eq!(opts.api_key.expose(), key);
    }
}

#[test]
fn api_key_rejects_malformed_guids() {
    let msg = "must be a GUID like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (your LoginRadius API key)";
    for bad in [
        "not-a-guid",
        "4f4b8c6e2f1a4c3d9b8e7a6d5c4b3a21",          // no dashes
        "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a2",       // last group short
        "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a211",     // last group long
        "4f4b8c6-e2f1a-4c3d-9b8e-7a6d5c4b3a21",      // groups shifted
        "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21-",     // trailing dash
        "-4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",     // leading dash
        "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21-0000", // extra group
        "4f4b8c6e-2f1a-4c3d-9b8e",                   // too few groups
        "4f4b8c6g-2f1a-4c3d-9b8e-7a6d5c4b3a21",      // non-hex g
        "{4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21}",    // braces
        " 4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",     // leading space
        "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21\n",    // trailing newline
        "4f4b8c6e_2f1a_4c3d_9b8e_7a6d5c4b3a21",      // underscores
        "４f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",     // full-width digit
        "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a2é",      // non-ASCII
        "4f4b8c6e--2f1a-4c3d-9b8e-7a6d5c4b3a21",     // double dash
        "-",
        "----",
    ] {
        assert_eq!(
            one_issue(&with("apiKey", s(bad))),
            Issue::new("apiKey", msg),
            "{bad:?}"
        );
    }
}

// ---------- otp ----------

#[test]
fn otp_accepts_1_to_32_ascii_alphanumerics() {
    for otp in [
        "1",
        "123456",
        "AbC123xyz",
        "0",
        &"9".repeat(32),
        &"aZ".repeat(16),
    ] {
        let raw = with("otp", s(otp));
        let opts = validate(&raw).unwrap();
        assert_eq!(opts.otp.expose(), otp);
    }
}

#[test]
fn otp_rejects_empty_long_symbols_and_non_ascii() {
    assert_eq!(
        one_issue(&with("otp", s(""))),
        Issue::new("otp", "must not be empty")
    );
    assert_eq!(
        one_issue(&with("otp", s(&"1".repeat(33)))),
        Issue::new("otp", "must be at most 32 characters")
    );
    for bad in [
        "12 34",
        "123-456",
        "12345!",
        "+123",
        "１２３",
        "12é",
        "١٢٣",
        "12\n",
        "\t1",
        "12_3",
        "a.b",
        "%31",
        "&",
        "123456\u{0}",
    ] {
        assert_eq!(
            one_issue(&with("otp", s(bad))),
            Issue::new("otp", "must contain only ASCII letters and digits"),
            "{bad:?}"
        );
    }
}

#[test]
fn otp_length_counts_characters_not_bytes() {
    // 17 two-byte characters: 34 bytes, but only 17 characters; the problem is the alphabet.
    let issue = one_issue(&with("otp", s(&"é".repeat(17))));
    assert_eq!(
        issue,
        Issue::new("otp", "must contain only ASCII letters and digits")
    );
}

// ---------- pin ----------

#[test]
fn pin_accepts_1_to_64_visible_characters_including_unicode() {
    for pin in [
        "1",
        "7890",
        "p@ss!W0rd#&=?/..",
        "ピン1234",
        "ñandú",
        "🔑🔑",
        &"x".repeat(64),
        &"é".repeat(64), // 64 characters, 128 bytes
        "\"quoted\\slash",
    ] {
        let raw = with("pin", s(pin));
        let opts = validate(&raw).unwrap();
        assert_eq!(opts.pin.expose(), pin);
    }
}

#[test]
fn pin_rejects_empty_long_whitespace_and_control() {
    assert_eq!(
        one_issue(&with("pin", s(""))),
        Issue::new("pin", "must not be empty")
    );
    assert_eq!(
        one_issue(&with("pin", s(&"1".repeat(65)))),
        Issue::new("pin", "must be at most 64 characters")
    );
    assert_eq!(
        one_issue(&with("pin", s(&"é".repeat(65)))),
        Issue::new("pin", "must be at most 64 characters")
    );
    for bad in [
        " ",
        "12 34",
        " 1234",
        "1234 ",
        "12\t34",
        "12\n34",
        "12\r\n34",
        "12\u{0}34",
        "12\u{7f}34",
        "12\u{85}34",
        "12\u{a0}34",   // no-break space
        "12\u{3000}34", // ideographic space
        "12\u{2028}34",
        "12\u{1b}[0m",
    ] {
        assert_eq!(
            one_issue(&with("pin", s(bad))),
            Issue::new("pin", "must not contain spaces or control characters"),
            "{bad:?}"
        );
    }
}

// ---------- identifiers ----------

#[test]
fn no_identifier_is_reported_on_field_identifier() {
    let issue = one_issue(&without("username"));
    assert_eq!(
        issue,
        Issue::new(
            "identifier",
            "is required: give one of email, phone or username"
        )
    );
}

#[test]
fn two_or_three_identifiers_report_the_extras() {
    let two = base().with("email", s("john@example.com"));
    // checked in the fixed order email, phone, username: the first one is kept, the rest reported
    assert_eq!(
        issues(&two),
        vec![Issue::new(
            "username",
            "cannot be given together with email; pass exactly one of email, phone or username"
        )]
    );

    let three = without("username")
        .with("phone", s("+919876543210"))
        .with("email", s("john@example.com"))
        .with("username", s("johndoe"));
    // checked in the fixed order email, phone, username: the first one given is kept
    assert_eq!(fields(&three), ["phone", "username"]);
    for issue in issues(&three) {
        assert!(
            issue
                .message
                .starts_with("cannot be given together with email"),
            "{issue:?}"
        );
    }

    // even an invalid second identifier counts as given
    let bad_second = base().with("phone", s("nope"));
    // phone's own format problem, and username reported as the extra identifier
    assert_eq!(fields(&bad_second), ["phone", "username"]);

    // but undefined does not
    assert_ok(&base().with("email", RawValue::Undefined));
}

#[test]
fn each_identifier_alone_sets_kind_and_default_type() {
    for (key, value, kind, ty) in [
        (
            "email",
            "john@example.com",
            Identifier::Email("john@example.com"),
            PathType::Email,
        ),
        (
            "phone",
            "+919876543210",
            Identifier::Phone("+919876543210"),
            PathType::Phone,
        ),
        (
            "username",
            "johndoe",
            Identifier::Username("johndoe"),
            PathType::Username,
        ),
    ] {
        let raw = without("username").with(key, s(value));
        let opts = validate(&raw).unwrap();
        assert_eq!(opts.identifier, kind);
        assert_eq!(opts.identifier.key(), key);
        assert_eq!(opts.identifier.value(), value);
        assert_eq!(opts.path_type, ty);
        assert_eq!(opts.path_type.as_str(), key);
    }
}

fn with_email(v: &str) -> RawOptions<'static> {
    without("username").with("email", s(v))
}

#[test]
fn email_accepts_addresses_up_to_254_characters() {
    let local = "a".repeat(64);
    let label = "b".repeat(63);
    // 64 + 1 + 63 + 1 + 63 + 1 + rest = 254
    let mut domain = format!("{label}.{label}.");
    let remaining = 254 - local.len() - 1 - domain.len();
    domain.push_str(&"c".repeat(remaining));
    let long = format!("{local}@{domain}");
    assert_eq!(long.chars().count(), 254);
    for ok in [
        "john@example.com",
        "John.Doe+tag@sub.example.co.uk",
        "a@b.c",
        "user@xn--exmple-cua.com",
        "josé@exämple.com",
        "o'brien@example.ie",
        "a&b=c?d/e#f@example.com",
        long.as_str(),
    ] {
        assert_ok(&with_email(ok));
    }
}

#[test]
fn email_rejects_bad_forms() {
    let bad_form = "must be an email address like name@example.com";
    let too_long = format!("{}@example.com", "a".repeat(243)); // 255 chars
    assert_eq!(too_long.len(), 255);
    assert_eq!(
        one_issue(&with_email(&too_long)),
        Issue::new("email", "must be at most 254 characters")
    );
    assert_eq!(
        one_issue(&with_email("")),
        Issue::new("email", "must not be empty")
    );
    for ws in [
        "john @example.com",
        "john@example.com\n",
        "\tjohn@example.com",
    ] {
        assert_eq!(
            one_issue(&with_email(ws)),
            Issue::new("email", "must not contain spaces or control characters"),
            "{ws:?}"
        );
    }
    for bad in [
        "john",
        "john@",
        "@example.com",
        "john@example",
        "john@@example.com",
        "john@example..com",
        "john@.example.com",
        "john@example.com.",
        "john@-example.com",
        "john@example-.com",
        "john@exa_mple.com",
        "jo\"hn@example.com",
        "jo<hn>@example.com",
        "jo,hn@example.com",
        "john@[127.0.0.1]",
        &format!("{}@example.com", "a".repeat(65)), // local part over 64
        &format!("a@{}.com", "b".repeat(64)),       // label over 63
    ] {
        assert_eq!(
            one_issue(&with_email(bad)),
            Issue::new("email", bad_form),
            "{bad:?}"
        );
    }
}

#[test]
fn phone_accepts_optional_plus_and_5_to_15_digits() {
    for ok in [
        "+919876543210",
        "919876543210",
        "12345",
        "+12345",
        "123456789012345",
        "+123456789012345",
    ] {
        let raw = without("username").with("phone", s(ok));
        assert_eq!(validate(&raw).unwrap().identifier, Identifier::Phone(ok));
    }
}

#[test]
fn phone_rejects_short_long_spaces_dashes_and_symbols() {
    let msg = "must be 5 to 15 digits with an optional leading +, like +919876543210 (no spaces or dashes)";
    for bad in [
        "",
        "+",
        "1234",
        "+1234",
        "1234567890123456",
        "+1234567890123456",
        "+91 98765 43210",
        "+91-9876-543210",
        "(091)9876543",
        "++919876543210",
        "91+9876543210",
        "+٩١٩٨٧٦٥٤٣٢١٠",
        "１２３４５６",
        "919876543210\n",
        "0x12345",
        "12345.0",
    ] {
        let raw = without("username").with("phone", s(bad));
        assert_eq!(one_issue(&raw), Issue::new("phone", msg), "{bad:?}");
    }
}

#[test]
fn username_rules() {
    for ok in [
        "j",
        "johndoe",
        "John.Doe_99",
        "ユーザー",
        &"u".repeat(32),
        &"ü".repeat(32),
        "a&b=c",
    ] {
        assert_ok(&with("username", s(ok)));
    }
    assert_eq!(
        one_issue(&with("username", s(""))),
        Issue::new("username", "must not be empty")
    );
    assert_eq!(
        one_issue(&with("username", s(&"u".repeat(33)))),
        Issue::new("username", "must be at most 32 characters")
    );
    for bad in [
        "john doe",
        " john",
        "john\t",
        "jo\nhn",
        "jo\u{0}hn",
        "jo\u{a0}hn",
    ] {
        assert_eq!(
            one_issue(&with("username", s(bad))),
            Issue::new("username", "must not contain spaces or control characters"),
            "{bad:?}"
        );
    }
}

// ---------- type ----------

#[test]
fn type_defaults_to_the_identifier_kind_and_accepts_the_seed_values() {
    for (ty, expected) in [
        ("otp", PathType::Otp),
        ("backupcode", PathType::BackupCode),
        ("googleauthenticatorcode", PathType::GoogleAuthenticatorCode),
        ("authenticatorcode", PathType::AuthenticatorCode),
        ("username", PathType::Username),
    ] {
        let raw = with("type", s(ty));
        let opts = validate(&raw).unwrap();
        assert_eq!(opts.path_type, expected);
        assert_eq!(opts.path_type.as_str(), ty);
    }
    // the seed values work with every identifier kind
    for (key, value) in [("email", "a@b.co"), ("phone", "+15551234567")] {
        for ty in [
            "otp",
            "backupcode",
            "googleauthenticatorcode",
            "authenticatorcode",
            key,
        ] {
            let raw = without("username").with(key, s(value)).with("type", s(ty));
            assert_eq!(validate(&raw).unwrap().path_type.as_str(), ty);
        }
    }
}

#[test]
fn type_naming_another_identifier_kind_is_an_error_on_type() {
    let issue = one_issue(&with("type", s("email")));
    assert_eq!(
        issue,
        Issue::new(
            "type",
            "is \"email\" but the identifier given is username; use type \"username\" or leave type out"
        )
    );
    let raw = without("username")
        .with("email", s("a@b.co"))
        .with("type", s("phone"));
    assert_only_field(&raw, "type");
    let raw = without("username")
        .with("phone", s("+15551234567"))
        .with("type", s("username"));
    assert_only_field(&raw, "type");
}

#[test]
fn type_rejects_unknown_values() {
    let msg = "must be one of \"email\", \"phone\", \"username\", \"otp\", \"backupcode\", \
               \"googleauthenticatorcode\", \"authenticatorcode\"";
    for bad in [
        "",
        "OTP",
        "Email",
        "sms",
        "otp ",
        "otp/../x",
        "backup_code",
        "pin",
    ] {
        assert_eq!(
            one_issue(&with("type", s(bad))),
            Issue::new("type", msg),
            "{bad:?}"
        );
    }
}

// ---------- booleans ----------

#[test]
fn prevent_webhook_options_must_be_booleans() {
    for key in ["preventWebhook", "xPreventWebhook"] {
        for b in [true, false] {
            let raw = with(key, RawValue::Bool(b));
            let opts = validate(&raw).unwrap();
            let got = if key == "preventWebhook" {
                opts.prevent_webhook
            } else {
                opts.x_prevent_webhook
            };
            assert_eq!(got, Some(b));
        }
        for (bad, got) in [
            (s("true"), "a string"),
            (RawValue::Number(1.0), "a number"),
            (RawValue::Null, "null"),
            (RawValue::Object, "an object"),
        ] {
            assert_eq!(
                one_issue(&with(key, bad)),
                Issue::new(key, format!("must be true or false, got {got}"))
            );
        }
    }
}

// ---------- captcha ----------

#[test]
fn captcha_tokens_are_non_empty_strings() {
    let raw = base()
        .with("gRecaptchaResponse", s("g-token"))
        .with("gRecaptchaResponseAlt", s("g_token"))
        .with("hCaptchaResponse", s("h-token"))
        .with("qqCaptchaTicket", s("ticket"))
        .with("qqCaptchaRandstr", s("randstr"));
    let c = validate(&raw).unwrap().captcha;
    assert_eq!(c.g_recaptcha_response, Some("g-token"));
    assert_eq!(c.g_recaptcha_response_alt, Some("g_token"));
    assert_eq!(c.h_captcha_response, Some("h-token"));
    assert_eq!(c.qq_ticket_and_randstr, Some(("ticket", "randstr")));

    for key in [
        "gRecaptchaResponse",
        "gRecaptchaResponseAlt",
        "hCaptchaResponse",
    ] {
        assert_eq!(
            one_issue(&with(key, s(""))),
            Issue::new(key, "must not be empty; leave the option out instead")
        );
        assert_eq!(
            one_issue(&with(key, s(&"t".repeat(8193)))),
            Issue::new(key, "must be at most 8192 characters")
        );
        assert_ok(&with(key, s(&"t".repeat(8192))));
        assert_eq!(
            one_issue(&with(key, RawValue::Bool(true))),
            Issue::new(key, "must be a string, got a boolean")
        );
    }
}

#[test]
fn qq_ticket_and_randstr_go_together() {
    assert_eq!(
        one_issue(&base().with("qqCaptchaTicket", s("t"))),
        Issue::new(
            "qqCaptchaRandstr",
            "is required when qqCaptchaTicket is given (the two go together)"
        )
    );
    assert_eq!(
        one_issue(&base().with("qqCaptchaRandstr", s("r"))),
        Issue::new(
            "qqCaptchaTicket",
            "is required when qqCaptchaRandstr is given (the two go together)"
        )
    );
    // one present but invalid: only its own problem is reported
    let raw = base()
        .with("qqCaptchaTicket", s(""))
        .with("qqCaptchaRandstr", s("r"));
    assert_only_field(&raw, "qqCaptchaTicket");
    let raw = base()
        .with("qqCaptchaTicket", s("t"))
        .with("qqCaptchaRandstr", RawValue::Number(1.0));
    assert_only_field(&raw, "qqCaptchaRandstr");
    // undefined counts as missing
    let raw = base()
        .with("qqCaptchaTicket", s("t"))
        .with("qqCaptchaRandstr", RawValue::Undefined);
    assert_only_field(&raw, "qqCaptchaRandstr");
}

// ---------- baseUrl ----------

#[test]
fn base_url_accepts_https_loopback_http_and_path_prefixes() {
    for (given, normalised) in [
        ("https://api.loginradius.com", "https://api.loginradius.com"),
        (
            "https://api.loginradius.com/",
            "https://api.loginradius.com",
        ),
        (
            "HTTPS://Example.com:8443/proxy/lr/",
            "https://Example.com:8443/proxy/lr",
        ),
        ("https://example.com/a/b//", "https://example.com/a/b"),
        ("http://localhost", "http://localhost"),
        ("http://LOCALHOST:3000", "http://LOCALHOST:3000"),
        ("http://127.0.0.1:8080/mock", "http://127.0.0.1:8080/mock"),
        ("http://127.255.255.254", "http://127.255.255.254"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("https://[2001:db8::1]:443/x", "https://[2001:db8::1]:443/x"),
        ("https://10.0.0.1", "https://10.0.0.1"),
    ] {
        let raw = with("baseUrl", s(given));
        let opts = validate(&raw).unwrap();
        assert_eq!(opts.connection.base_url.as_str(), normalised, "{given}");
    }
}

#[test]
fn base_url_rejects_insecure_queries_fragments_credentials_and_junk() {
    let cases: &[(&str, &str)] = &[
        (
            "http://api.loginradius.com",
            "must use https:// unless the host is localhost, 127.0.0.1 or [::1]",
        ),
        (
            "http://10.0.0.1",
            "must use https:// unless the host is localhost, 127.0.0.1 or [::1]",
        ),
        (
            "http://localhost.evil.com",
            "must use https:// unless the host is localhost, 127.0.0.1 or [::1]",
        ),
        (
            "http://127.0.0.1.nip.io",
            "must use https:// unless the host is localhost, 127.0.0.1 or [::1]",
        ),
        (
            "http://[::2]",
            "must use https:// unless the host is localhost, 127.0.0.1 or [::1]",
        ),
        (
            "https://example.com/?a=1",
            "must not contain a query (?) or fragment (#)",
        ),
        (
            "https://example.com#x",
            "must not contain a query (?) or fragment (#)",
        ),
        (
            "https://example.com?",
            "must not contain a query (?) or fragment (#)",
        ),
        (
            "https://user:pw@example.com",
            "must not contain credentials (user:password@)",
        ),
        (
            "https://user@example.com/",
            "must not contain credentials (user:password@)",
        ),
        (
            "api.loginradius.com",
            "must start with https:// (or http:// for localhost, 127.0.0.1 or [::1])",
        ),
        (
            "ftp://example.com",
            "must start with https:// (or http:// for localhost, 127.0.0.1 or [::1])",
        ),
        (
            "//example.com",
            "must start with https:// (or http:// for localhost, 127.0.0.1 or [::1])",
        ),
        (
            "javascript:alert(1)",
            "must start with https:// (or http:// for localhost, 127.0.0.1 or [::1])",
        ),
        (
            "https://exa mple.com",
            "must not contain spaces or control characters",
        ),
        (
            "https://example.com\r\nX-Evil: 1",
            "must not contain spaces or control characters",
        ),
        (
            "https://",
            "must name a host, like https://api.loginradius.com",
        ),
        (
            "https:///path",
            "must name a host, like https://api.loginradius.com",
        ),
        (
            "https://exa_mple.com",
            "must name a host, like https://api.loginradius.com",
        ),
        (
            "https://example.com:0",
            "has a port that is not a number from 1 to 65535",
        ),
        (
            "https://example.com:65536",
            "has a port that is not a number from 1 to 65535",
        ),
        (
            "https://example.com:",
            "has a port that is not a number from 1 to 65535",
        ),
        (
            "https://example.com/a\"b",
            "has a path with characters that must be percent-encoded",
        ),
        (
            "https://example.com/a<b>",
            "has a path with characters that must be percent-encoded",
        ),
        (
            "https://example.com/é",
            "has a path with characters that must be percent-encoded",
        ),
        (
            "https://example.com\\evil.com",
            "must name a host, like https://api.loginradius.com",
        ),
    ];
    for (bad, msg) in cases {
        assert_eq!(
            one_issue(&with("baseUrl", s(bad))),
            Issue::new("baseUrl", *msg),
            "{bad:?}"
        );
    }
    assert_eq!(
        one_issue(&with(
            "baseUrl",
            s(&format!("https://e.com/{}", "a".repeat(2048)))
        )),
        Issue::new("baseUrl", "must be at most 2048 characters")
    );
}

// ---------- timeoutMs ----------

#[test]
fn timeout_ms_is_a_whole_number_from_1_to_600000() {
    for ok in [1.0, 15_000.0, 599_999.0, 600_000.0, 1e3] {
        let raw = with("timeoutMs", RawValue::Number(ok));
        let opts = validate(&raw).unwrap();
        assert_eq!(f64::from(opts.connection.timeout_ms), ok);
    }
    let msg = "must be a whole number of milliseconds from 1 to 600000";
    for bad in [
        0.0,
        -0.0,
        -1.0,
        1.5,
        0.5,
        600_001.0,
        1e12,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
        f64::MAX,
    ] {
        assert_eq!(
            one_issue(&with("timeoutMs", RawValue::Number(bad))),
            Issue::new("timeoutMs", msg),
            "{bad}"
        );
    }
    assert_eq!(
        one_issue(&with("timeoutMs", s("1000"))),
        Issue::new("timeoutMs", "must be a number, got a string")
    );
}

// ---------- signal and fetch ----------

#[test]
fn signal_must_be_an_abort_signal_and_fetch_a_function() {
    let raw = base()
        .with("signal", RawValue::AbortSignal)
        .with("fetch", RawValue::Function);
    let opts = validate(&raw).unwrap();
    assert!(opts.connection.has_signal);
    assert!(opts.connection.has_fetch);

    assert_eq!(
        one_issue(&with("signal", RawValue::Object)),
        Issue::new("signal", "must be an AbortSignal, got an object")
    );
    assert_eq!(
        one_issue(&with("signal", RawValue::Function)),
        Issue::new("signal", "must be an AbortSignal, got a function")
    );
    assert_eq!(
        one_issue(&with("fetch", RawValue::Object)),
        Issue::new("fetch", "must be a function, got an object")
    );
    assert_eq!(
        one_issue(&with("fetch", RawValue::AbortSignal)),
        Issue::new("fetch", "must be a function, got an AbortSignal")
    );
    assert_eq!(
        one_issue(&with("fetch", s("fetch"))),
        Issue::new("fetch", "must be a function, got a string")
    );
    assert_eq!(
        one_issue(&with("signal", RawValue::Null)),
        Issue::new("signal", "must be an AbortSignal, got null")
    );
}

// ---------- unknown keys ----------

#[test]
fn unknown_keys_are_reported_with_suggestions() {
    let issue = one_issue(&base().with("phoneNumber", s("+15551234567")));
    assert_eq!(
        issue,
        Issue::new(
            "phoneNumber",
            "is not an option of resetPinWithOtp; did you mean \"phone\"?"
        )
    );
    for (key, suggestion) in [
        ("api_key", Some("apiKey")),
        ("apikey", Some("apiKey")),
        ("ApiKey", Some("apiKey")),
        ("OTP", Some("otp")),
        ("PIN", Some("pin")),
        ("UserName", Some("username")),
        ("user_name", Some("username")),
        ("timeout", Some("timeoutMs")),
        ("base_url", Some("baseUrl")),
        ("prevent_webhook", Some("preventWebhook")),
        ("emailAddress", Some("email")),
        ("foo", None),
        ("", None),
        ("__", None),
    ] {
        let issue = one_issue(&base().with(key, RawValue::Bool(true)));
        assert_eq!(issue.field, key);
        let expected = match suggestion {
            Some(name) => {
                format!("is not an option of resetPinWithOtp; did you mean \"{name}\"?")
            }
            None => "is not an option of resetPinWithOtp".to_string(),
        };
        assert_eq!(issue.message, expected, "{key}");
    }
}

#[test]
fn hostile_unknown_keys_are_clipped() {
    let long = "k".repeat(500);
    let issue = one_issue(&base().with(&long, RawValue::Null));
    assert_eq!(issue.field, format!("{}…", "k".repeat(64)));
}

// ---------- wrong types ----------

#[test]
fn wrong_types_name_the_field_and_what_was_given() {
    let string_fields = [
        "apiKey",
        "otp",
        "pin",
        "username",
        "type",
        "gRecaptchaResponse",
        "gRecaptchaResponseAlt",
        "hCaptchaResponse",
        "baseUrl",
    ];
    for field in string_fields {
        for (value, expected) in [
            (RawValue::Null, "must be a string, got null"),
            (RawValue::Number(1.0), "must be a string, got a number"),
            (RawValue::Bool(false), "must be a string, got a boolean"),
            (RawValue::Array, "must be a string, got an array"),
            (RawValue::Object, "must be a string, got an object"),
            (RawValue::Function, "must be a string, got a function"),
            (
                RawValue::AbortSignal,
                "must be a string, got an AbortSignal",
            ),
            (RawValue::Other("bigint"), "must be a string, got bigint"),
            (RawValue::Other("symbol"), "must be a string, got symbol"),
            (RawValue::Unreadable, "could not be read: its getter threw"),
            (
                RawValue::IllFormedString,
                "contains a lone UTF-16 surrogate, which cannot be sent without changing it",
            ),
            (
                RawValue::TooLong(20_000),
                "is far too long (over 16384 characters)",
            ),
        ] {
            let raw = with(field, value.clone());
            let all = issues(&raw);
            assert!(
                all.contains(&Issue::new(field, expected)),
                "{field} {value:?}: {all:?}"
            );
            // only the field itself (and, for a username, nothing about identifiers)
            assert!(all.iter().all(|i| i.field == field), "{all:?}");
        }
    }
    // email / phone / qq: the same messages
    for field in ["email", "phone"] {
        let raw = without("username").with(field, RawValue::Array);
        assert_eq!(
            one_issue(&raw),
            Issue::new(field, "must be a string, got an array")
        );
    }
    for (field, other) in [
        ("qqCaptchaTicket", "qqCaptchaRandstr"),
        ("qqCaptchaRandstr", "qqCaptchaTicket"),
    ] {
        let raw = base().with(field, RawValue::Null).with(other, s("x"));
        assert_eq!(
            one_issue(&raw),
            Issue::new(field, "must be a string, got null")
        );
    }
    for (field, value, expected) in [
        ("timeoutMs", RawValue::Null, "must be a number, got null"),
        (
            "timeoutMs",
            RawValue::Unreadable,
            "could not be read: its getter threw",
        ),
        (
            "timeoutMs",
            RawValue::TooLong(99_999),
            "must be a number, got a string",
        ),
        (
            "preventWebhook",
            RawValue::IllFormedString,
            "contains a lone UTF-16 surrogate, which cannot be sent without changing it",
        ),
        (
            "signal",
            RawValue::Unreadable,
            "could not be read: its getter threw",
        ),
        ("fetch", RawValue::Array, "must be a function, got an array"),
    ] {
        assert_eq!(one_issue(&with(field, value)), Issue::new(field, expected));
    }
}

// ---------- all at once ----------

#[test]
fn every_issue_is_reported_at_once() {
    let raw = RawOptions::new()
        .with("apiKey", s("nope"))
        .with("otp", s("12 34"))
        .with("pin", s(""))
        .with("email", s("not-an-email"))
        .with("phone", s("123"))
        .with("type", s("sms"))
        .with("preventWebhook", s("yes"))
        .with("xPreventWebhook", RawValue::Number(1.0))
        .with("gRecaptchaResponse", s(""))
        .with("qqCaptchaTicket", s("t"))
        .with("baseUrl", s("http://example.com"))
        .with("timeoutMs", RawValue::Number(0.0))
        .with("signal", RawValue::Object)
        .with("fetch", RawValue::Null)
        .with("phoneNumber", s("x"));
    assert_eq!(
        fields(&raw),
        [
            "phoneNumber",
            "apiKey",
            "otp",
            "pin",
            "email",
            "phone",
            "type",
            "preventWebhook",
            "xPreventWebhook",
            "gRecaptchaResponse",
            "baseUrl",
            "timeoutMs",
            "signal",
            "fetch",
            "phone", // given together with email
            "qqCaptchaRandstr",
        ]
    );
}

#[test]
fn issue_messages_never_echo_the_pin_or_otp() {
    let pin_value = "SECRETPIN-\u{7}-ZZ";
    let otp_value = "SECRETOTP_9876";
    let raw = RawOptions::new()
        .with("otp", s(otp_value))
        .with("pin", s(pin_value))
        .with("username", s(otp_value));
    for issue in issues(&raw) {
        for secret in [pin_value, otp_value, "SECRET"] {
            assert!(!issue.message.contains(secret), "{issue:?}");
        }
    }
}

#[test]
fn debug_of_validated_options_hides_secrets() {
    let mut raw = with("pin", s("PINVALUE42"));
    raw.entries.retain(|(k, _)| k != "otp");
    let raw = raw.with("otp", s("OTPVALUE77"));
    let opts = validate(&raw).unwrap();
    let debug = format!("{opts:?}");
    assert!(!debug.contains("PINVALUE42"), "{debug}");
    assert!(!debug.contains("OTPVALUE77"), "{debug}");
    assert!(!debug.contains(KEY), "{debug}");
    assert!(!debug.contains("2f1a-4c3d"), "{debug}");
    assert!(debug.contains("4f4b…****"), "{debug}");
    assert_eq!(format!("{}", opts.pin), "***");
    assert_eq!(format!("{}", opts.otp), "***");
    assert!(!format!("{}", opts.api_key).contains(KEY));
}

#[test]
fn base_url_rejects_hosts_and_paths_url_parsers_would_change_or_refuse() {
    // found by the properties: these used to pass validation, then fail to parse or
    // send the request to another path
    let host = "must name a host, like https://api.loginradius.com";
    let dots = "must not contain . or .. path segments";
    for (bad, msg) in [
        ("https://a.0", host),
        ("https://example.123", host),
        ("https://a.0x1f", host),
        ("https://4294967296", host),
        ("https://1.2.3", host),
        ("https://256.1.1.1", host),
        ("https://08.1.1.1", host),
        ("http://127.0.0.01", host),
        ("https://[1]", host),
        ("https://[::1::2]", host),
        ("https://example.com/a/../b", dots),
        ("https://example.com/..", dots),
        ("https://example.com/./x", dots),
        ("https://example.com/%2e%2E/x", dots),
        ("https://example.com/.%2e", dots),
    ] {
        assert_eq!(
            one_issue(&with("baseUrl", s(bad))),
            Issue::new("baseUrl", msg),
            "{bad:?}"
        );
    }
    for ok in [
        "https://1.2.3.4",
        "https://0.0.0.0",
        "https://a.b1",
        "https://example.com/.well-known/x",
        "https://example.com/a..b/...",
        "https://[::ffff:1.2.3.4]",
        "http://[0:0:0:0:0:0:0:1]",
    ] {
        let raw = with("baseUrl", s(ok));
        if ok == "http://[0:0:0:0:0:0:0:1]" {
            // a loopback address, but not in the one spelling http is allowed for
            assert_eq!(fields(&raw), ["baseUrl"]);
        } else {
            assert_ok(&raw);
        }
    }
}
