//! The forgot-PIN email's reset link over real HTTP: the link in the outbox, `PUT
//! /pin/reset/token` with its every answer, and `POST /__dev/reset-token`.

mod common;

use common::{expect_error, expect_posted, start, status_json, urlencode, Mock};
use reqwest::Response;
use serde_json::{json, Value};

const PATH: &str = "/identity/v2/auth/pin/reset/token";

async fn put(mock: &Mock, query: &str, body: Value) -> Response {
    mock.client
        .put(mock.url(&format!("{PATH}?{query}")))
        .json(&body)
        .send()
        .await
        .expect("reset by token")
}

/// Issues a token through the dev API; returns its answer.
async fn dev_token(mock: &Mock, key: &str, body: Value) -> Value {
    mock.dev_post(&format!("/__dev/reset-token?apikey={key}"), body)
        .await
}

/// A tenant with Ada (email, username); returns its API key.
async fn ready(mock: &Mock, settings: Value) -> String {
    let key = mock.tenant(settings).await;
    mock.user(
        &key,
        json!({ "email": "ada@example.com", "username": "ada" }),
    )
    .await;
    key
}

async fn ada_token(mock: &Mock, key: &str) -> String {
    let t = dev_token(mock, key, json!({ "email": "ada@example.com" })).await;
    t["resetToken"].as_str().expect("resetToken").to_owned()
}

/// The `vtoken` value of a link.
fn vtoken(link: &str) -> String {
    let query = link.split_once('?').expect("query").1;
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("vtoken="))
        .expect("vtoken")
        .to_owned()
}

async fn message_of(response: Response, status: u16, code: u64) -> String {
    let body = expect_error(response, status, code).await;
    body["Message"].as_str().expect("Message").to_owned()
}

#[tokio::test]
async fn the_emails_link_resets_the_pin_once() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    let page = "https://app.example/pin?lang=en#choose";
    for (i, (by, field, value)) in [
        ("email", "email", "Ada@Example.com"),
        ("username", "username", "ADA"),
    ]
    .into_iter()
    .enumerate()
    {
        let query = format!("apikey={key}&resetpinurl={}", urlencode(page));
        expect_posted(mock.send(by, &query, json!({ field: value })).await).await;
        let entry = mock.outbox(&key).await[i].clone();
        let link = entry["resetPinLink"].as_str().expect("link").to_owned();
        let token = entry["resetToken"].as_str().expect("token").to_owned();
        assert_eq!(
            link,
            format!("https://app.example/pin?lang=en&vtoken={token}#choose")
        );
        assert_eq!(vtoken(&link), token);
        assert_eq!(entry["to"], "ada@example.com");

        // The names LoginRadius's SDK models serialize.
        let pin = format!("{i}{i}{i}{i}");
        let r = put(
            &mock,
            &format!("apikey={key}"),
            json!({ "ResetToken": token, "PIN": pin }),
        )
        .await;
        expect_posted(r).await;
        assert_eq!(
            mock.pin_matches(&key, "ada", &pin).await,
            (true, i as u64 + 1)
        );

        let again = put(
            &mock,
            &format!("apikey={key}"),
            json!({ "resettoken": token, "pin": "9999" }),
        )
        .await;
        assert_eq!(
            message_of(again, 403, 403).await,
            "The reset token has already been used"
        );
        assert!(mock.pin_matches(&key, "ada", &pin).await.0);
    }
    let uid = mock
        .dev_get(&format!("/__dev/users?apikey={key}&identifier=ada"))
        .await["uid"]
        .clone();
    assert_eq!(
        mock.webhooks(&key).await,
        vec![
            json!({ "event": "ResetPinByResetToken", "uid": uid }),
            json!({ "event": "ResetPinByResetToken", "uid": uid })
        ]
    );
}

#[tokio::test]
async fn without_a_page_url_the_email_has_no_link_and_a_new_email_replaces_the_old_link() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    let q = format!("apikey={key}");
    expect_posted(
        mock.send("email", &q, json!({ "email": "ada@example.com" }))
            .await,
    )
    .await;
    let entry = &mock.outbox(&key).await[0];
    assert!(entry["resetPinLink"].is_null() && entry["resetToken"].is_null());
    assert!(entry["otp"].is_string());

    let q = format!("apikey={key}&resetpinurl=https%3A%2F%2Fa.example%2F");
    expect_posted(
        mock.send("email", &q, json!({ "email": "ada@example.com" }))
            .await,
    )
    .await;
    expect_posted(
        mock.send("email", &q, json!({ "email": "ada@example.com" }))
            .await,
    )
    .await;
    let outbox = mock.outbox(&key).await;
    let old = outbox[1]["resetToken"].as_str().expect("token");
    let new = outbox[2]["resetToken"].as_str().expect("token");
    assert_ne!(old, new);
    assert_eq!(
        outbox[2]["resetPinLink"],
        format!("https://a.example/?vtoken={new}")
    );
    let r = put(
        &mock,
        &format!("apikey={key}"),
        json!({ "resetToken": old, "pin": "1234" }),
    )
    .await;
    assert_eq!(message_of(r, 403, 403).await, "The reset token is invalid");
    let r = put(
        &mock,
        &format!("apikey={key}"),
        json!({ "resetToken": new, "pin": "1234" }),
    )
    .await;
    expect_posted(r).await;
}

#[tokio::test]
async fn a_wrong_token_is_refused_and_locks_nobody() {
    let mock = start().await;
    let key = ready(&mock, json!({ "maxOtpAttempts": 1 })).await;
    for wrong in ["nope", "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21"] {
        let r = put(
            &mock,
            &format!("apikey={key}"),
            json!({ "resettoken": wrong, "pin": "1234" }),
        )
        .await;
        assert_eq!(message_of(r, 403, 403).await, "The reset token is invalid");
    }
    let user = mock
        .dev_get(&format!("/__dev/users?apikey={key}&identifier=ada"))
        .await;
    assert_eq!(user["failedAttempts"], 0);
    assert!(user["lockedUntil"].is_null());
}

#[tokio::test]
async fn tokens_expire_on_the_tenants_clock() {
    let mock = start().await;
    let key = ready(&mock, json!({ "resetTokenValiditySecs": 60 })).await;
    // Frozen: the token's age is exactly what the test moves the clock by.
    mock.freeze(&key).await;
    let settings = mock
        .dev_get(&format!("/__dev/tenants/{key}/settings"))
        .await;
    assert_eq!(settings["resetTokenValiditySecs"], 60);

    let token = ada_token(&mock, &key).await;
    mock.advance(&key, 59_000).await;
    let r = put(
        &mock,
        &format!("apikey={key}"),
        json!({ "resettoken": token, "pin": "1234" }),
    )
    .await;
    expect_posted(r).await;

    let token = ada_token(&mock, &key).await;
    mock.advance(&key, 60_000).await;
    let r = put(
        &mock,
        &format!("apikey={key}"),
        json!({ "resettoken": token, "pin": "5678" }),
    )
    .await;
    assert_eq!(message_of(r, 403, 403).await, "The reset token has expired");

    // ageSecs: already old when issued; the default validity is 900 s.
    let key = ready(&mock, json!({})).await;
    let t = dev_token(
        &mock,
        &key,
        json!({ "email": "ada@example.com", "ageSecs": 900 }),
    )
    .await;
    let r = put(
        &mock,
        &format!("apikey={key}"),
        json!({ "resettoken": t["resetToken"], "pin": "1234" }),
    )
    .await;
    assert_eq!(message_of(r, 403, 403).await, "The reset token has expired");
}

#[tokio::test]
async fn missing_fields_are_908_naming_each() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    let q = format!("apikey={key}");
    for (body, description) in [
        (json!({}), "The resettoken, pin are required parameters."),
        (
            json!({ "pin": "1234" }),
            "The resettoken is a required parameter.",
        ),
        (
            json!({ "ResetToken": "x", "PIN": "" }),
            "The pin is a required parameter.",
        ),
        (
            json!({ "resettoken": null, "pin": [] }),
            "The resettoken, pin are required parameters.",
        ),
    ] {
        let body = expect_error(put(&mock, &q, body).await, 400, 908).await;
        assert_eq!(body["Description"], description);
    }
}

#[tokio::test]
async fn the_gate_of_the_reset_by_otp_applies() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    let body = json!({ "resettoken": "x", "pin": "1234" });
    expect_error(put(&mock, "", body.clone()).await, 400, 908).await;
    expect_error(put(&mock, "apikey=nope", body.clone()).await, 400, 920).await;
    expect_error(
        put(
            &mock,
            "apikey=00000000-0000-4000-8000-000000000000",
            body.clone(),
        )
        .await,
        403,
        901,
    )
    .await;
    let q = format!("apikey={key}");

    let r = mock
        .client
        .put(mock.url(&format!("{PATH}?{q}")))
        .body(body.to_string())
        .send()
        .await
        .expect("no content type");
    expect_error(r, 400, 1083).await;
    let r = mock
        .client
        .put(mock.url(&format!("{PATH}?{q}")))
        .header("content-type", "application/json")
        .body("[]")
        .send()
        .await
        .expect("array body");
    expect_error(r, 400, 1079).await;
    expect_error(
        put(&mock, &q, json!({ "resettoken": "<b>", "pin": "1234" })).await,
        400,
        1214,
    )
    .await;

    let r = mock
        .client
        .get(mock.url(&format!("{PATH}?{q}")))
        .send()
        .await
        .expect("get");
    expect_error(r, 405, 405).await;

    for (settings, status, code) in [
        (json!({ "trialExpired": true }), 403, 6003),
        (json!({ "pinAuthentication": false }), 403, 1233),
    ] {
        let key = ready(&mock, settings).await;
        let r = put(&mock, &format!("apikey={key}"), body.clone()).await;
        expect_error(r, status, code).await;
    }
    let key = ready(&mock, json!({ "authFailure": true })).await;
    let (status, camel) =
        status_json(put(&mock, &format!("apikey={key}"), body.clone()).await).await;
    assert_eq!(
        (status.as_u16(), camel["errorCode"].clone()),
        (401, json!(1409))
    );
}

#[tokio::test]
async fn rate_limit_and_faults_apply() {
    let mock = start().await;
    let key = ready(&mock, json!({ "rateLimit": 1 })).await;
    let token = ada_token(&mock, &key).await;
    let q = format!("apikey={key}");
    expect_posted(put(&mock, &q, json!({ "resettoken": token, "pin": "1234" })).await).await;
    let r = put(&mock, &q, json!({ "resettoken": token, "pin": "1234" })).await;
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "1");

    let key = ready(&mock, json!({})).await;
    mock.fault(&key, json!({ "fault": "html500" })).await;
    let r = put(&mock, &format!("apikey={key}"), json!({})).await;
    assert_eq!(r.status().as_u16(), 500);
    assert!(r.text().await.expect("html").starts_with("<html>"));
}

#[tokio::test]
async fn captcha_is_required_when_bot_protection_is_on() {
    let mock = start().await;
    let key = ready(&mock, json!({ "botProtection": true })).await;
    let token = ada_token(&mock, &key).await;
    let body = json!({ "resettoken": token, "pin": "1234" });
    let missing = expect_error(
        put(&mock, &format!("apikey={key}"), body.clone()).await,
        400,
        908,
    )
    .await;
    assert_eq!(
        missing["Description"],
        "The captcha is a required parameter."
    );
    let r = put(
        &mock,
        &format!("apikey={key}&g-recaptcha-response=invalid"),
        body.clone(),
    )
    .await;
    let (status, lower) = status_json(r).await;
    assert_eq!(
        (status.as_u16(), lower["errorcode"].clone()),
        (403, json!(982))
    );
    let r = put(&mock, &format!("apikey={key}&h-captcha-response=ok"), body).await;
    expect_posted(r).await;
}

#[tokio::test]
async fn blocked_and_locked_accounts_are_refused_without_using_the_token() {
    let mock = start().await;
    let key = ready(&mock, json!({ "maxOtpAttempts": 1, "lockoutSecs": 60 })).await;
    mock.freeze(&key).await;
    let token = ada_token(&mock, &key).await;
    let q = format!("apikey={key}");
    let body = json!({ "resettoken": token, "pin": "1234" });
    for (state, code) in [
        (json!({ "blocked": true }), 991),
        (json!({ "blocked": false, "lockout": "captcha" }), 1132),
        (json!({ "lockout": "securityQuestion" }), 1148),
    ] {
        let mut user = json!({ "email": "ada@example.com" });
        user.as_object_mut()
            .expect("object")
            .extend(state.as_object().expect("state").clone());
        mock.user(&key, user).await;
        expect_error(put(&mock, &q, body.clone()).await, 403, code).await;
    }
    mock.user(&key, json!({ "email": "ada@example.com", "lockout": null }))
        .await;

    // One wrong OTP locks Ada for 60 s (maxOtpAttempts 1): the link waits too.
    let r = mock
        .reset(
            "email",
            &q,
            json!({ "email": "ada@example.com", "otp": "000000", "pin": "1234" }),
        )
        .await;
    expect_error(r, 403, 1198).await;
    let locked = expect_error(put(&mock, &q, body.clone()).await, 403, 1198).await;
    assert!(locked["Data"]["LoginLockedTimeout"].is_string());
    mock.advance(&key, 60_000).await;
    expect_posted(put(&mock, &q, body).await).await;
}

#[tokio::test]
async fn a_pin_against_the_policy_is_1134_and_keeps_the_token() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    let token = ada_token(&mock, &key).await;
    let q = format!("apikey={key}");
    let body = expect_error(
        put(&mock, &q, json!({ "resettoken": token, "pin": "12a" })).await,
        400,
        1134,
    )
    .await;
    assert_eq!(
        body["Errors"],
        json!([
            { "FieldName": "pin", "ErrorMessage": "The pin must be between 4 and 12 characters long." },
            { "FieldName": "pin", "ErrorMessage": "The pin may contain only digits." }
        ])
    );
    expect_posted(put(&mock, &q, json!({ "resettoken": token, "pin": "4321" })).await).await;
    assert_eq!(mock.pin_matches(&key, "ada", "4321").await, (true, 1));
}

#[tokio::test]
async fn prevent_webhook_suppresses_the_event() {
    let mock = start().await;
    let key = ready(&mock, json!({})).await;
    let token = ada_token(&mock, &key).await;
    let r = mock
        .client
        .put(mock.url(&format!("{PATH}?apikey={key}&prevent_webhook=false")))
        .header("X-PreventWebhook", "TRUE")
        .json(&json!({ "resettoken": token, "pin": "1234" }))
        .send()
        .await
        .expect("put");
    expect_posted(r).await;
    assert!(mock.webhooks(&key).await.is_empty());
}

#[tokio::test]
async fn the_dev_endpoint_issues_tokens_and_links() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let t = dev_token(
        &mock,
        &key,
        json!({ "username": "Grace", "token": "tok-1", "resetPinUrl": "http://127.0.0.1:1/www/?a=b" }),
    )
    .await;
    assert_eq!(t["resetToken"], "tok-1");
    assert_eq!(t["link"], "http://127.0.0.1:1/www/?a=b&vtoken=tok-1");
    assert!(humantime::parse_rfc3339(t["expiresAt"].as_str().expect("expiresAt")).is_ok());
    let user = mock
        .dev_get(&format!("/__dev/users?apikey={key}&identifier=grace"))
        .await;
    assert_eq!(user["uid"], t["uid"]);
    let plain = dev_token(&mock, &key, json!({ "username": "grace" })).await;
    assert!(plain["link"].is_null());
    assert_eq!(plain["resetToken"].as_str().map(str::len), Some(36));

    for (query, body, status) in [
        (format!("apikey={key}"), json!({}), 400),
        (
            format!("apikey={key}"),
            json!({ "email": "a@b.co", "ageSecs": u64::MAX }),
            400,
        ),
        (
            format!("apikey={key}"),
            json!({ "email": "a@b.co", "nope": 1 }),
            400,
        ),
        (
            "apikey=00000000-0000-4000-8000-000000000000".to_owned(),
            json!({ "email": "a@b.co" }),
            404,
        ),
        (String::new(), json!({ "email": "a@b.co" }), 400),
    ] {
        let r = mock
            .client
            .post(mock.url(&format!("/__dev/reset-token?{query}")))
            .json(&body)
            .send()
            .await
            .expect("dev post");
        let (actual, answer) = status_json(r).await;
        assert_eq!(actual.as_u16(), status, "{query} {body}: {answer}");
        assert!(answer["error"].is_string());
    }
}
