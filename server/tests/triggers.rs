//! The codes set off by a tenant setting, a user state or the request's own values, each on a
//! send endpoint and on the reset: 1038, 1096, 1214, 991, 1132, 1148, 1066, 1074, 1233, 1238,
//! 1183.

mod common;

use common::{expect_error, expect_posted, start, Mock};
use serde_json::{json, Value};

const PHONE: &str = "+919876543210";
const EMAIL: &str = "ada@example.com";
const USERNAME: &str = "ada";

/// A tenant with one user holding all three identifiers and a known OTP.
async fn ready(mock: &Mock, settings: Value) -> String {
    let key = mock.tenant(settings).await;
    mock.user(
        &key,
        json!({ "phone": PHONE, "email": EMAIL, "username": USERNAME }),
    )
    .await;
    key
}

/// A reset body naming the user by `field`, with a fresh OTP.
async fn reset_body(mock: &Mock, key: &str, field: &str, value: &str) -> Value {
    let otp = mock
        .otp(key, json!({ "username": USERNAME, "otp": "424242" }))
        .await;
    json!({ "otp": otp, "pin": "1234", field: value })
}

/// Asserts `code` (with `status`) from the send endpoint `by` and from the reset by `field`.
async fn both(mock: &Mock, key: &str, by: &str, field: &str, value: &str, status: u16, code: u64) {
    let q = format!("apikey={key}");
    let r = mock.send(by, &q, json!({ field: value })).await;
    expect_error(r, status, code).await;
    let body = reset_body(mock, key, field, value).await;
    expect_error(mock.reset(field, &q, body).await, status, code).await;
}

/// Asserts that sending by `field` and resetting by it both succeed.
async fn both_ok(mock: &Mock, key: &str, by: &str, field: &str, value: &str) {
    let q = format!("apikey={key}");
    let r = mock.send(by, &q, json!({ field: value })).await;
    assert_eq!(r.status().as_u16(), 200, "send {by}");
    let body = reset_body(mock, key, field, value).await;
    expect_posted(mock.reset(field, &q, body).await).await;
}

#[tokio::test]
async fn malformed_email_is_1038() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    for bad in [
        "ada.example.com",
        "ada@example",
        "a da@example.com",
        "@example.com",
    ] {
        both(&mock, &key, "email", "email", bad, 400, 1038).await;
    }
    // The seed form checks the email too.
    let body = json!({ "otp": "1", "pin": "1234", "email": "nope" });
    let r = mock.reset("otp", &format!("apikey={key}"), body).await;
    let err = expect_error(r, 400, 1038).await;
    assert_eq!(err["Message"], "Email is not valid");
    both_ok(&mock, &key, "email", "email", "ADA@example.com").await;
}

#[tokio::test]
async fn malformed_phone_is_1096() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    for bad in [
        "+91 98765 43210",
        "98-76",
        "+1234",
        "+1234567890123456",
        "phone",
    ] {
        both(&mock, &key, "otp", "phone", bad, 400, 1096).await;
    }
    both_ok(&mock, &key, "otp", "phone", PHONE).await;
}

#[tokio::test]
async fn markup_anywhere_is_1214() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    let q = format!("apikey={key}");
    // In a query value, in the identifier, in another body field, nested.
    let r = mock
        .send(
            "email",
            &format!("{q}&emailtemplate=%3Cb%3E"),
            json!({ "email": EMAIL }),
        )
        .await;
    expect_error(r, 400, 1214).await;
    both(&mock, &key, "username", "username", "<script>", 400, 1214).await;
    let r = mock
        .send(
            "otp",
            &q,
            json!({ "phone": PHONE, "note": { "x": ["&#60;"] } }),
        )
        .await;
    expect_error(r, 400, 1214).await;
    let mut body = reset_body(&mock, &key, "email", EMAIL).await;
    body["pin"] = json!("<!--");
    let err = expect_error(mock.reset("email", &q, body).await, 400, 1214).await;
    assert_eq!(err["Message"], "Request looks dangerous");
    // Before the missing-field check: it is part of the gate.
    expect_error(
        mock.reset("email", &q, json!({ "x": "</a>" })).await,
        400,
        1214,
    )
    .await;
    // Lone angle brackets and ampersands are fine.
    let mut body = reset_body(&mock, &key, "email", EMAIL).await;
    body["note"] = json!("1 < 2 & 3 > 2");
    expect_posted(mock.reset("email", &q, body).await).await;
}

#[tokio::test]
async fn blocked_user_is_991_until_unblocked() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    mock.user(&key, json!({ "email": EMAIL, "blocked": true }))
        .await;
    let info = mock
        .dev_get(&format!("/__dev/users?apikey={key}&identifier={USERNAME}"))
        .await;
    assert_eq!(info["blocked"], true);
    both(&mock, &key, "username", "username", USERNAME, 403, 991).await;
    // Even with a wrong OTP the block answers first, and no attempt is counted.
    let r = mock
        .reset(
            "email",
            &format!("apikey={key}"),
            json!({ "otp": "wrong", "pin": "1234", "email": EMAIL }),
        )
        .await;
    let err = expect_error(r, 403, 991).await;
    assert_eq!(err["Message"], "Account is blocked");
    mock.user(&key, json!({ "email": EMAIL, "blocked": false }))
        .await;
    both_ok(&mock, &key, "username", "username", USERNAME).await;
}

#[tokio::test]
async fn captcha_and_security_question_lockouts_are_1132_and_1148() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    mock.user(&key, json!({ "username": USERNAME, "lockout": "captcha" }))
        .await;
    both(&mock, &key, "email", "email", EMAIL, 403, 1132).await;
    mock.user(
        &key,
        json!({ "username": USERNAME, "lockout": "securityQuestion" }),
    )
    .await;
    both(&mock, &key, "otp", "phone", PHONE, 403, 1148).await;
    let info = mock
        .dev_get(&format!("/__dev/users?apikey={key}&identifier={USERNAME}"))
        .await;
    assert_eq!(info["lockout"], "securityQuestion");
    // null clears it; an unknown kind is refused.
    mock.user(&key, json!({ "username": USERNAME, "lockout": null }))
        .await;
    both_ok(&mock, &key, "email", "email", EMAIL).await;
    let r = mock
        .client
        .post(mock.url(&format!("/__dev/users?apikey={key}")))
        .json(&json!({ "username": USERNAME, "lockout": "forever" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

#[tokio::test]
async fn unverified_phone_is_1066_for_phone_requests_only() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    // /__dev/otp may set the state as it issues the code.
    mock.dev_post(
        &format!("/__dev/otp?apikey={key}"),
        json!({ "phone": PHONE, "phoneVerified": false }),
    )
    .await;
    both(&mock, &key, "otp", "phone", PHONE, 403, 1066).await;
    both_ok(&mock, &key, "email", "email", EMAIL).await;
    mock.user(&key, json!({ "phone": PHONE, "phoneVerified": true }))
        .await;
    both_ok(&mock, &key, "otp", "phone", PHONE).await;
}

#[tokio::test]
async fn phone_login_off_is_1074_for_phone_requests_only() {
    let mock = start().await;
    let key = ready(&mock, json!({ "phoneLogin": false })).await;
    both(&mock, &key, "otp", "phone", PHONE, 403, 1074).await;
    both_ok(&mock, &key, "email", "email", EMAIL).await;
}

#[tokio::test]
async fn pin_authentication_off_is_1233_everywhere() {
    let mock = start().await;
    let key = ready(&mock, json!({ "pinAuthentication": false })).await;
    both(&mock, &key, "otp", "phone", PHONE, 403, 1233).await;
    both(&mock, &key, "email", "email", EMAIL, 403, 1233).await;
    both(&mock, &key, "username", "username", USERNAME, 403, 1233).await;
    // Switched back on through the settings endpoint.
    let r = mock
        .client
        .put(mock.url(&format!("/__dev/tenants/{key}/settings")))
        .json(&json!({ "pinAuthentication": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    both_ok(&mock, &key, "username", "username", USERNAME).await;
}

#[tokio::test]
async fn username_login_disabled_is_1238_and_required_is_1183() {
    let mock = start().await;
    let key = ready(&mock, json!({ "usernameLogin": "disabled" })).await;
    both(&mock, &key, "username", "username", USERNAME, 403, 1238).await;
    let body = reset_body(&mock, &key, "username", USERNAME).await;
    let r = mock.reset("otp", &format!("apikey={key}"), body).await;
    expect_error(r, 403, 1238).await;
    both_ok(&mock, &key, "email", "email", EMAIL).await;

    let key = ready(&mock, json!({ "usernameLogin": "required" })).await;
    both(&mock, &key, "email", "email", EMAIL, 403, 1183).await;
    both_ok(&mock, &key, "username", "username", USERNAME).await;
    both_ok(&mock, &key, "otp", "phone", PHONE).await;

    let r = mock
        .client
        .post(mock.url("/__dev/tenants"))
        .json(&json!({ "usernameLogin": "sometimes" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

#[tokio::test]
async fn new_settings_and_states_have_permissive_defaults() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    let settings = mock
        .dev_get(&format!("/__dev/tenants/{key}/settings"))
        .await;
    assert_eq!(settings["pinAuthentication"], true);
    assert_eq!(settings["phoneLogin"], true);
    assert_eq!(settings["usernameLogin"], "allowed");
    let info = mock
        .dev_get(&format!("/__dev/users?apikey={key}&identifier={EMAIL}"))
        .await;
    assert_eq!(info["blocked"], false);
    assert!(info["lockout"].is_null());
    assert_eq!(info["phoneVerified"], true);
}
