//! The reset endpoint over real HTTP: every error code, success in both path forms, casing,
//! webhooks, OTP lifetime and lockout.

mod common;

use std::time::Duration;

use common::{expect_error, expect_posted, iso_time, start, status_json};
use serde_json::json;

const SEED_TOKEN: &str = "03AGdBq24e1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p7q8r9s0t1u2v3w4x5y6z7a8b9c0d1e2f3g4h5i6j7k8l9m0n1o2p3q4r5s6t7u8v9w0x1y2z3a4b5c6d7e8f9g0h1i2j3k4l5m6n7o8p9q0r1s2t3u4v5w6x7y8z9";
const SEED_QQ: &str = "03AGdBq24eJ9O8dpLsw0Pr0OTtWfkmK34K0jQde";

#[tokio::test]
async fn missing_apikey_is_908() {
    let mock = start().await;
    let body = expect_error(mock.reset("email", "", json!({})).await, 400, 908).await;
    assert_eq!(body["Message"], "A parameter is not formatted correctly");
    assert_eq!(body["Description"], "The apikey is a required parameter.");
}

#[tokio::test]
async fn malformed_apikey_is_920_and_unknown_is_901() {
    let mock = start().await;
    let r = mock.reset("email", "apikey=not-a-guid", json!({})).await;
    expect_error(r, 400, 920).await;
    let unknown = "00000000-0000-4000-8000-000000000000";
    let r = mock
        .reset("email", &format!("apikey={unknown}"), json!({}))
        .await;
    expect_error(r, 403, 901).await;
}

#[tokio::test]
async fn trial_expired_is_6003() {
    let mock = start().await;
    let key = mock.tenant(json!({ "trialExpired": true })).await;
    let r = mock
        .reset("email", &format!("apikey={key}"), json!({}))
        .await;
    let body = expect_error(r, 403, 6003).await;
    assert_eq!(body["Message"], "Trial plan expired");
    assert_eq!(
        body["Description"],
        "The trial plan has expired. To continue using the service, please contact support."
    );
}

#[tokio::test]
async fn auth_failure_is_1409_in_camel_case() {
    let mock = start().await;
    let key = mock.tenant(json!({ "authFailure": true })).await;
    let r = mock
        .reset("email", &format!("apikey={key}"), json!({}))
        .await;
    let (status, body) = status_json(r).await;
    assert_eq!(status.as_u16(), 401);
    assert_eq!(
        body,
        json!({
            "errorCode": 1409,
            "message": "Authentication failed",
            "description": "The credentials provided could not be authenticated."
        })
    );
}

#[tokio::test]
async fn wrong_content_type_is_1083_and_charset_is_allowed() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let url = mock.reset_url("email", &format!("apikey={key}"));
    let r = mock
        .client
        .put(&url)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    expect_error(r, 400, 1083).await;
    let r = mock.client.put(&url).body("{}").send().await.unwrap();
    expect_error(r, 400, 1083).await;
    // With a charset parameter the request passes on to the next check (missing fields).
    let r = mock
        .client
        .put(&url)
        .header("content-type", "Application/JSON; charset=utf-8")
        .body("{}")
        .send()
        .await
        .unwrap();
    expect_error(r, 400, 908).await;
}

#[tokio::test]
async fn empty_or_non_object_body_is_1079() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let url = mock.reset_url("email", &format!("apikey={key}"));
    for body in [
        "",
        "   ",
        "[]",
        "\"text\"",
        "42",
        "null",
        "{not json",
        "{\"otp\":",
    ] {
        let r = mock
            .client
            .put(&url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        expect_error(r, 400, 1079).await;
    }
}

#[tokio::test]
async fn missing_fields_are_908_naming_each() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let q = format!("apikey={key}");
    let cases = [
        (
            "email",
            json!({ "pin": "1234", "email": "a@b.co" }),
            "The otp is a required parameter.",
        ),
        (
            "email",
            json!({ "email": "a@b.co" }),
            "The otp, pin are required parameters.",
        ),
        (
            "email",
            json!({}),
            "The otp, pin, email are required parameters.",
        ),
        (
            "phone",
            json!({ "otp": "1", "pin": "1234", "email": "a@b.co" }),
            "The phone is a required parameter.",
        ),
        (
            "otp",
            json!({ "otp": "1", "pin": "1234" }),
            "The email/phone/username is a required parameter.",
        ),
        (
            "username",
            json!({ "otp": "", "pin": null, "username": "x" }),
            "The otp, pin are required parameters.",
        ),
    ];
    for (segment, body, description) in cases {
        let r = mock.reset(segment, &q, body).await;
        let body = expect_error(r, 400, 908).await;
        assert_eq!(body["Description"], description);
    }
}

#[tokio::test]
async fn captcha_missing_is_908_and_invalid_is_982_lowercase() {
    let mock = start().await;
    let key = mock.tenant(json!({ "botProtection": true })).await;
    let otp = mock.otp(&key, json!({ "email": "c@x.io" })).await;
    let body = json!({ "otp": otp, "pin": "1234", "email": "c@x.io" });

    let r = mock
        .reset("email", &format!("apikey={key}"), body.clone())
        .await;
    let err = expect_error(r, 400, 908).await;
    assert_eq!(err["Description"], "The captcha is a required parameter.");

    // A lone QQ ticket is not a complete captcha.
    let r = mock
        .reset(
            "email",
            &format!("apikey={key}&qq_captcha_ticket=t"),
            body.clone(),
        )
        .await;
    expect_error(r, 400, 908).await;

    let r = mock
        .reset(
            "email",
            &format!("apikey={key}&g-recaptcha-response=invalid"),
            body.clone(),
        )
        .await;
    let (status, err) = status_json(r).await;
    assert_eq!(status.as_u16(), 403);
    assert_eq!(err["errorcode"], 982);
    assert!(err["message"].is_string() && err["description"].is_string());
    assert!(err.get("ErrorCode").is_none() && err.get("errorCode").is_none());

    // Tokens in the body count too.
    let mut with_token = body.clone();
    with_token["h-captcha-response"] = json!("invalid");
    let r = mock
        .reset("email", &format!("apikey={key}"), with_token)
        .await;
    assert_eq!(r.status().as_u16(), 403);

    let mut with_token = body.clone();
    with_token["g_recaptcha_response"] = json!("ok-token");
    let r = mock
        .reset("email", &format!("apikey={key}"), with_token)
        .await;
    expect_posted(r).await;

    let otp = mock.otp(&key, json!({ "email": "c@x.io" })).await;
    let r = mock
        .reset(
            "email",
            &format!("apikey={key}&qq_captcha_ticket=t&qq_captcha_randstr=r"),
            json!({ "otp": otp, "pin": "1234", "email": "c@x.io" }),
        )
        .await;
    expect_posted(r).await;
}

#[tokio::test]
async fn unknown_user_is_938() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let r = mock
        .reset(
            "username",
            &format!("apikey={key}"),
            json!({ "otp": "123456", "pin": "1234", "username": "nobody" }),
        )
        .await;
    expect_error(r, 403, 938).await;
}

#[tokio::test]
async fn wrong_otp_is_1067_used_is_1068() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let q = format!("apikey={key}");
    let otp = mock.otp(&key, json!({ "phone": "+15550001111" })).await;
    let wrong = if otp == "000000" { "111111" } else { "000000" };
    let r = mock
        .reset(
            "phone",
            &q,
            json!({ "otp": wrong, "pin": "1234", "phone": "+15550001111" }),
        )
        .await;
    expect_error(r, 403, 1067).await;

    let body = json!({ "otp": otp, "pin": "1234", "phone": "+15550001111" });
    expect_posted(mock.reset("phone", &q, body.clone()).await).await;
    // Single use.
    expect_error(mock.reset("phone", &q, body).await, 403, 1068).await;
}

#[tokio::test]
async fn user_without_otp_gets_1067() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    mock.dev_post(
        &format!("/__dev/users?apikey={key}"),
        json!({ "username": "nootp" }),
    )
    .await;
    let r = mock
        .reset(
            "username",
            &format!("apikey={key}"),
            json!({ "otp": "123456", "pin": "1234", "username": "nootp" }),
        )
        .await;
    expect_error(r, 403, 1067).await;
}

#[tokio::test]
async fn expired_otp_is_1069() {
    let mock = start().await;
    let key = mock.tenant(json!({ "otpValiditySecs": 60 })).await;
    // Frozen, so a code 59 s old is still 59 s old when the reset arrives.
    mock.freeze(&key).await;
    let otp = mock
        .otp(&key, json!({ "email": "old@x.io", "ageSecs": 60 }))
        .await;
    let r = mock
        .reset(
            "email",
            &format!("apikey={key}"),
            json!({ "otp": otp, "pin": "1234", "email": "old@x.io" }),
        )
        .await;
    expect_error(r, 403, 1069).await;
    // Still fresh at 59 s.
    let otp = mock
        .otp(&key, json!({ "email": "old@x.io", "ageSecs": 59 }))
        .await;
    let r = mock
        .reset(
            "email",
            &format!("apikey={key}"),
            json!({ "otp": otp, "pin": "1234", "email": "old@x.io" }),
        )
        .await;
    expect_posted(r).await;
}

#[tokio::test]
async fn max_attempts_lock_with_1198_and_timeout() {
    let mock = start().await;
    let key = mock
        .tenant(json!({ "maxOtpAttempts": 3, "lockoutSecs": 600 }))
        .await;
    let now = mock.freeze(&key).await;
    let q = format!("apikey={key}");
    let otp = mock.otp(&key, json!({ "username": "locky" })).await;
    let wrong = json!({ "otp": "not-it", "pin": "1234", "username": "locky" });
    expect_error(mock.reset("username", &q, wrong.clone()).await, 403, 1067).await;
    expect_error(mock.reset("username", &q, wrong.clone()).await, 403, 1067).await;
    // The attempt that reaches the maximum answers 1198 itself.
    let body = expect_error(mock.reset("username", &q, wrong).await, 403, 1198).await;
    let until = &body["Data"]["LoginLockedTimeout"];
    assert!(
        until.as_str().expect("LoginLockedTimeout").ends_with('Z'),
        "{until}"
    );
    assert_eq!(iso_time(until), now + Duration::from_secs(600));

    // Even the right OTP is refused while locked.
    let right = json!({ "otp": otp, "pin": "1234", "username": "locky" });
    expect_error(mock.reset("username", &q, right).await, 403, 1198).await;
}

#[tokio::test]
async fn lockout_ends_after_lockout_secs() {
    let mock = start().await;
    let key = mock
        .tenant(json!({ "maxOtpAttempts": 1, "lockoutSecs": 60, "otpValiditySecs": 600 }))
        .await;
    mock.freeze(&key).await;
    let q = format!("apikey={key}");
    let otp = mock.otp(&key, json!({ "username": "brief" })).await;
    let wrong = json!({ "otp": "nope", "pin": "1234", "username": "brief" });
    expect_error(mock.reset("username", &q, wrong).await, 403, 1198).await;
    let right = json!({ "otp": otp, "pin": "1234", "username": "brief" });
    // Still locked 1 ms before the end (the test clock moves instead of the test sleeping).
    mock.advance(&key, 59_999).await;
    expect_error(mock.reset("username", &q, right.clone()).await, 403, 1198).await;
    mock.advance(&key, 1).await;
    let user = mock
        .dev_get(&format!("/__dev/users?apikey={key}&identifier=brief"))
        .await;
    assert!(user["lockedUntil"].is_null(), "{user}");
    expect_posted(mock.reset("username", &q, right).await).await;
}

#[tokio::test]
async fn pin_policy_violation_is_1134_with_errors() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let q = format!("apikey={key}");
    let otp = mock.otp(&key, json!({ "email": "p@x.io" })).await;
    for pin in ["12", "1234567890123", "12ab", "12 34"] {
        let r = mock
            .reset(
                "email",
                &q,
                json!({ "otp": otp, "pin": pin, "email": "p@x.io" }),
            )
            .await;
        let body = expect_error(r, 400, 1134).await;
        let errors = body["Errors"].as_array().expect("Errors");
        assert!(!errors.is_empty());
        for e in errors {
            assert_eq!(e["FieldName"], "pin");
            assert!(e["ErrorMessage"].as_str().is_some_and(|m| !m.is_empty()));
        }
    }
    // A policy failure does not use up the OTP.
    let r = mock
        .reset(
            "email",
            &q,
            json!({ "otp": otp, "pin": "123456789012", "email": "p@x.io" }),
        )
        .await;
    expect_posted(r).await;
}

#[tokio::test]
async fn tenant_pin_policy_is_configurable() {
    let mock = start().await;
    let key = mock
        .tenant(json!({ "pinAlphanumeric": true, "pinMinLength": 6, "pinMaxLength": 8 }))
        .await;
    let q = format!("apikey={key}");
    let otp = mock.otp(&key, json!({ "email": "a@x.io" })).await;
    let r = mock
        .reset(
            "email",
            &q,
            json!({ "otp": otp, "pin": "ab12", "email": "a@x.io" }),
        )
        .await;
    let body = expect_error(r, 400, 1134).await;
    assert_eq!(body["Errors"].as_array().map(Vec::len), Some(1));
    let r = mock
        .reset(
            "email",
            &q,
            json!({ "otp": otp, "pin": "ab12cd", "email": "a@x.io" }),
        )
        .await;
    expect_posted(r).await;
    assert_eq!(mock.pin_matches(&key, "a@x.io", "ab12cd").await, (true, 1));
}

#[tokio::test]
async fn success_in_live_form_for_each_identifier() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let q = format!("apikey={key}");
    let cases = [
        ("email", "Mixed.Case@Example.com", "mixed.case@example.com"),
        ("phone", "+919876543210", "+919876543210"),
        ("username", "JaneDoe", "janedoe"),
    ];
    for (kind, given, lookup) in cases {
        let otp = mock.otp(&key, json!({ kind: given })).await;
        let r = mock
            .reset(
                kind,
                &q,
                json!({ "otp": otp, "pin": "4321", kind: lookup.to_uppercase() }),
            )
            .await;
        // Emails and usernames match in any case; upper-casing a phone number changes nothing.
        expect_posted(r).await;
        assert_eq!(mock.pin_matches(&key, lookup, "4321").await, (true, 1));
        assert_eq!(mock.pin_matches(&key, lookup, "0000").await, (false, 1));
    }
    let hooks = mock.webhooks(&key).await;
    assert_eq!(hooks.len(), 3);
    for hook in hooks {
        assert_eq!(hook["event"], "ResetPinByOtp");
        assert!(hook["uid"].as_str().is_some_and(|u| !u.is_empty()));
    }
}

#[tokio::test]
async fn seed_curl_example_succeeds() {
    let mock = start().await;
    // Bot protection on, so the seed's captcha parameters are really checked.
    let key = mock.tenant(json!({ "botProtection": true })).await;
    mock.otp(&key, json!({ "username": "johndoe", "otp": "123456" }))
        .await;
    let query = format!(
        "apikey={key}&prevent_webhook=true&g-recaptcha-response={SEED_TOKEN}&g_recaptcha_response={SEED_TOKEN}&qq_captcha_ticket={SEED_QQ}&qq_captcha_randstr={SEED_QQ}&h-captcha-response={SEED_TOKEN}"
    );
    let r = mock
        .client
        .put(mock.reset_url("otp", &query))
        .header("X-PreventWebhook", "true")
        .header("Content-Type", "application/json")
        .body(r#"{    "otp": "123456",    "pin": "7890",    "username": "johndoe"  }"#)
        .send()
        .await
        .unwrap();
    expect_posted(r).await;
    assert_eq!(mock.pin_matches(&key, "johndoe", "7890").await, (true, 1));
    assert!(mock.webhooks(&key).await.is_empty());
}

#[tokio::test]
async fn every_seed_type_is_accepted() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    for segment in [
        "otp",
        "backupcode",
        "googleauthenticatorcode",
        "authenticatorcode",
    ] {
        let otp = mock.otp(&key, json!({ "email": "s@x.io" })).await;
        let r = mock
            .reset(
                segment,
                &format!("apikey={key}"),
                json!({ "otp": otp, "pin": "1111", "email": "s@x.io" }),
            )
            .await;
        expect_posted(r).await;
    }
}

#[tokio::test]
async fn names_are_case_insensitive() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let otp = mock.otp(&key, json!({ "username": "casey" })).await;
    let r = mock
        .reset(
            "username",
            &format!("ApiKey={key}"),
            json!({ "OTP": otp, "PIN": "2468", "UserName": "casey" }),
        )
        .await;
    expect_posted(r).await;
    let otp = mock.otp(&key, json!({ "username": "casey" })).await;
    let r = mock
        .reset(
            "username",
            &format!("APIKEY={key}"),
            json!({ "Otp": otp, "Pin": "1357", "USERNAME": "CASEY" }),
        )
        .await;
    expect_posted(r).await;
    assert_eq!(mock.pin_matches(&key, "casey", "1357").await, (true, 2));
}

#[tokio::test]
async fn webhook_honours_prevent_webhook_and_header_wins() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    // (query, header, fires)
    let cases: [(&str, Option<&str>, bool); 6] = [
        ("", None, true),
        ("&prevent_webhook=true", None, false),
        ("&prevent_webhook=TRUE", None, false),
        ("&prevent_webhook=false", None, true),
        ("&prevent_webhook=true", Some("false"), true),
        ("&prevent_webhook=false", Some("True"), false),
    ];
    let mut expected = 0;
    for (query, header, fires) in cases {
        let otp = mock.otp(&key, json!({ "email": "w@x.io" })).await;
        let mut request = mock
            .client
            .put(mock.reset_url("email", &format!("apikey={key}{query}")))
            .json(&json!({ "otp": otp, "pin": "1234", "email": "w@x.io" }));
        if let Some(value) = header {
            request = request.header("X-PreventWebhook", value);
        }
        expect_posted(request.send().await.unwrap()).await;
        expected += usize::from(fires);
        assert_eq!(
            mock.webhooks(&key).await.len(),
            expected,
            "query {query:?} header {header:?}"
        );
    }
}

#[tokio::test]
async fn unknown_type_and_paths_are_404() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let r = mock.reset("sms", &format!("apikey={key}"), json!({})).await;
    let body = expect_error(r, 404, 404).await;
    assert_eq!(body["Description"], "The requested resource was not found.");
    let r = mock
        .client
        .get(mock.url("/identity/v2/auth/account"))
        .send()
        .await
        .unwrap();
    expect_error(r, 404, 404).await;
    let r = mock
        .client
        .get(mock.reset_url("email", &format!("apikey={key}")))
        .send()
        .await
        .unwrap();
    expect_error(r, 405, 405).await;
}

#[tokio::test]
async fn garbage_never_panics_the_server() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let url = mock.reset_url("email", &format!("apikey={key}"));
    let deep = "[".repeat(100_000);
    let bodies: Vec<Vec<u8>> = vec![
        deep.into_bytes(),
        "{".repeat(10_000).into_bytes(),
        vec![0xff, 0xfe, 0x00, 0x7b],
        b"{\"otp\": \"\xff\xfe\"}".to_vec(),
        b"{\"otp\": 1e999999, \"pin\": 18446744073709551616999, \"email\": true}".to_vec(),
        b"{\"otp\": {\"a\": 1}, \"pin\": [1], \"email\": null}".to_vec(),
        b"{\"otp\":\"1\",\"pin\":\"\\ud800\",\"email\":\"\\u0000\"}".to_vec(),
    ];
    for body in bodies {
        let r = mock
            .client
            .put(&url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
    }
    // Over the 2 MB body limit: answered like any invalid body.
    let r = mock
        .client
        .put(&url)
        .header("content-type", "application/json")
        .body(vec![b'x'; 3 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    expect_error(r, 400, 1079).await;
    let r = mock
        .client
        .put(mock.url(&format!(
            "/identity/v2/auth/pin/reset/otp/%FF%FE?apikey={key}"
        )))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    expect_error(r, 404, 404).await;
    // Odd query strings too.
    let r = mock
        .client
        .put(mock.url("/identity/v2/auth/pin/reset/otp/email?apikey=%ZZ&&=&%%%&apikey"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    // Still serving.
    let otp = mock.otp(&key, json!({ "email": "g@x.io" })).await;
    let r = mock
        .reset(
            "email",
            &format!("apikey={key}"),
            json!({ "otp": otp, "pin": "1234", "email": "g@x.io" }),
        )
        .await;
    expect_posted(r).await;
}
