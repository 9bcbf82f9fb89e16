//! The three send endpoints (`forgot/otp`, `forgot/email`, `forgot/username`) over real HTTP:
//! answers, outbox entries, codes the reset accepts, and the admission checks shared with it.

mod common;

use common::{expect_error, expect_posted, start, status_json, Mock};
use serde_json::{json, Value};

/// The three endpoints with the body field each reads.
const SENDS: [(&str, &str); 3] = [
    ("otp", "phone"),
    ("email", "email"),
    ("username", "username"),
];

/// A tenant with one user holding all three identifiers; returns its API key.
async fn tenant_with_user(mock: &Mock, settings: Value) -> String {
    let key = mock.tenant(settings).await;
    mock.user(
        &key,
        json!({ "phone": "+919876543210", "email": "Ada@Example.com", "username": "Ada" }),
    )
    .await;
    key
}

/// The identifier value of the test user for each body field.
fn identifier(field: &str) -> &'static str {
    match field {
        "phone" => "+919876543210",
        "email" => "ada@example.com",
        _ => "ada",
    }
}

fn hex_sid(sid: &Value, prefix: &str) -> bool {
    sid.as_str().is_some_and(|s| {
        s.len() == 34 && s.starts_with(prefix) && s[2..].bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[tokio::test]
async fn phone_send_answers_sids_and_its_code_resets_the_pin() {
    let mock = start().await;
    let key = tenant_with_user(&mock, json!({})).await;
    let r = mock
        .send(
            "otp",
            &format!("apikey={key}&smstemplate=pin-sms"),
            json!({ "phone": "+919876543210" }),
        )
        .await;
    let (status, body) = status_json(r).await;
    assert_eq!(status.as_u16(), 200, "{body}");
    assert_eq!(body["IsPosted"], true);
    assert!(hex_sid(&body["Data"]["AccountSid"], "AC"), "{body}");
    assert!(hex_sid(&body["Data"]["Sid"], "SM"), "{body}");

    let user = mock
        .dev_get(&format!("/__dev/users?apikey={key}&identifier=ada"))
        .await;
    let outbox = mock.outbox(&key).await;
    assert_eq!(outbox.len(), 1);
    let entry = &outbox[0];
    let otp = entry["otp"].as_str().expect("otp").to_owned();
    assert!(otp.len() == 6 && otp.bytes().all(|b| b.is_ascii_digit()));
    assert!(humantime::parse_rfc3339(entry["sentAt"].as_str().expect("sentAt")).is_ok());
    assert_eq!(
        entry,
        &json!({
            "channel": "sms",
            "identifier": "+919876543210",
            "to": "+919876543210",
            "phone": "+919876543210",
            "otp": otp,
            "template": "pin-sms",
            "resetPinUrl": null,
            "resetPinLink": null,
            "resetToken": null,
            "sid": body["Data"]["Sid"],
            "uid": user["uid"],
            "sentAt": entry["sentAt"],
        })
    );

    let r = mock
        .reset(
            "phone",
            &format!("apikey={key}"),
            json!({ "otp": otp, "pin": "5555", "phone": "+919876543210" }),
        )
        .await;
    expect_posted(r).await;
    assert_eq!(mock.pin_matches(&key, "ada", "5555").await, (true, 1));

    // One SMS account per tenant, a new message SID per send.
    let r = mock
        .send(
            "otp",
            &format!("apikey={key}"),
            json!({ "phone": "+919876543210" }),
        )
        .await;
    let (_, again) = status_json(r).await;
    assert_eq!(again["Data"]["AccountSid"], body["Data"]["AccountSid"]);
    assert_ne!(again["Data"]["Sid"], body["Data"]["Sid"]);
    assert!(mock.outbox(&key).await[1]["template"].is_null());
}

#[tokio::test]
async fn isvoiceotp_true_calls_instead_of_texting() {
    let mock = start().await;
    let key = tenant_with_user(&mock, json!({})).await;
    let cases = [
        ("&IsVoiceOtp=TRUE", "voice", "CA"),
        ("&isvoiceotp=false", "sms", "SM"),
        ("&isvoiceotp=yes", "sms", "SM"),
    ];
    for (i, (query, channel, prefix)) in cases.into_iter().enumerate() {
        let r = mock
            .send(
                "otp",
                &format!("apikey={key}{query}"),
                json!({ "phone": "+919876543210" }),
            )
            .await;
        let (status, body) = status_json(r).await;
        assert_eq!(status.as_u16(), 200);
        assert!(hex_sid(&body["Data"]["Sid"], prefix), "{query}: {body}");
        let entry = &mock.outbox(&key).await[i];
        assert_eq!(entry["channel"], channel, "{query}");
        assert_eq!(entry["sid"], body["Data"]["Sid"]);
    }
}

#[tokio::test]
async fn email_and_username_sends_mail_the_account_and_record_template_and_url() {
    let mock = start().await;
    let key = tenant_with_user(&mock, json!({})).await;
    let url = "https://app.example/reset-pin?x=1";
    for (i, (by, field)) in SENDS.into_iter().skip(1).enumerate() {
        let query = format!(
            "apikey={key}&EmailTemplate=pin-mail&resetPINurl={}",
            common::urlencode(url)
        );
        let given = identifier(field).to_uppercase();
        expect_posted(mock.send(by, &query, json!({ field: given })).await).await;
        let entry = mock.outbox(&key).await[i].clone();
        assert_eq!(entry["channel"], "email");
        assert_eq!(entry["identifier"], identifier(field));
        assert_eq!(entry["to"], "ada@example.com");
        assert!(entry["phone"].is_null() && entry["sid"].is_null());
        assert_eq!(entry["template"], "pin-mail");
        assert_eq!(entry["resetPinUrl"], url);
        let otp = entry["otp"].as_str().expect("otp");
        let r = mock
            .reset(
                field,
                &format!("apikey={key}"),
                json!({ "otp": otp, "pin": format!("{i}234"), field: identifier(field) }),
            )
            .await;
        expect_posted(r).await;
    }
    assert_eq!(mock.pin_matches(&key, "ada", "1234").await, (true, 2));
}

#[tokio::test]
async fn username_without_email_is_sent_to_nobody_but_still_gets_a_code() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    mock.user(&key, json!({ "username": "solo" })).await;
    let r = mock
        .send(
            "username",
            &format!("apikey={key}"),
            json!({ "username": "solo" }),
        )
        .await;
    expect_posted(r).await;
    let entry = &mock.outbox(&key).await[0];
    assert!(entry["to"].is_null());
    assert_eq!(entry["identifier"], "solo");
}

#[tokio::test]
async fn a_new_send_replaces_the_previous_code() {
    let mock = start().await;
    let key = tenant_with_user(&mock, json!({})).await;
    let q = format!("apikey={key}");
    for _ in 0..2 {
        expect_posted(
            mock.send("email", &q, json!({ "email": "ada@example.com" }))
                .await,
        )
        .await;
    }
    let outbox = mock.outbox(&key).await;
    let (first, second) = (&outbox[0]["otp"], &outbox[1]["otp"]);
    if first != second {
        let r = mock
            .reset(
                "email",
                &q,
                json!({ "otp": first, "pin": "1234", "email": "ada@example.com" }),
            )
            .await;
        expect_error(r, 403, 1067).await;
    }
    let r = mock
        .reset(
            "email",
            &q,
            json!({ "otp": second, "pin": "1234", "email": "ada@example.com" }),
        )
        .await;
    expect_posted(r).await;
}

#[tokio::test]
async fn sends_run_the_same_gate_as_the_reset() {
    let mock = start().await;
    let key = tenant_with_user(&mock, json!({})).await;
    let expired = mock.tenant(json!({ "trialExpired": true })).await;
    let failing = mock.tenant(json!({ "authFailure": true })).await;
    for (by, field) in SENDS {
        let body = json!({ field: identifier(field) });
        let missing = expect_error(mock.send(by, "", body.clone()).await, 400, 908).await;
        assert_eq!(
            missing["Description"],
            "The apikey is a required parameter."
        );
        expect_error(mock.send(by, "apikey=nope", body.clone()).await, 400, 920).await;
        let unknown = "apikey=00000000-0000-4000-8000-000000000000";
        expect_error(mock.send(by, unknown, body.clone()).await, 403, 901).await;
        let r = mock
            .send(by, &format!("apikey={expired}"), body.clone())
            .await;
        expect_error(r, 403, 6003).await;
        let (status, camel) = status_json(
            mock.send(by, &format!("apikey={failing}"), body.clone())
                .await,
        )
        .await;
        assert_eq!((status.as_u16(), &camel["errorCode"]), (401, &json!(1409)));

        let url = mock.url(&format!("/identity/v2/auth/pin/forgot/{by}?apikey={key}"));
        let r = mock
            .client
            .post(&url)
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        expect_error(r, 400, 1083).await;
        let r = mock
            .client
            .post(&url)
            .header("content-type", "application/json")
            .body("[]")
            .send()
            .await
            .unwrap();
        expect_error(r, 400, 1079).await;
        let r = mock
            .send(by, &format!("apikey={key}"), json!({ "other": "x" }))
            .await;
        let err = expect_error(r, 400, 908).await;
        assert_eq!(
            err["Description"],
            format!("The {field} is a required parameter.")
        );
        let stranger = match field {
            "phone" => "+15550000000",
            "email" => "nobody@example.com",
            _ => "nobody",
        };
        let r = mock
            .send(by, &format!("apikey={key}"), json!({ field: stranger }))
            .await;
        expect_error(r, 403, 938).await;
        let r = mock.client.get(&url).send().await.unwrap();
        expect_error(r, 405, 405).await;

        // Names in any casing.
        let r = mock
            .send(
                by,
                &format!("APIKEY={key}"),
                json!({ field.to_uppercase(): identifier(field) }),
            )
            .await;
        assert_eq!(r.status().as_u16(), 200, "{by}");
    }
}

#[tokio::test]
async fn sends_are_rate_limited_until_the_window_moves() {
    let mock = start().await;
    let key = tenant_with_user(&mock, json!({ "rateLimit": 2 })).await;
    mock.freeze(&key).await;
    let q = format!("apikey={key}");
    let body = json!({ "username": "ada" });
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let r = mock.send("username", &q, body.clone()).await;
        statuses.push(r.status().as_u16());
        if r.status().as_u16() == 429 {
            assert_eq!(r.headers()["retry-after"], "1");
            assert!(r.bytes().await.unwrap().is_empty());
        }
    }
    // The tenant's clock stands still, so all three fall into one window.
    assert_eq!(statuses, [200, 200, 429]);
    mock.advance(&key, 1000).await;
    expect_posted(mock.send("username", &q, body).await).await;
}

#[tokio::test]
async fn sends_demand_a_captcha_under_bot_protection() {
    let mock = start().await;
    let key = tenant_with_user(&mock, json!({ "botProtection": true })).await;
    for (by, field) in SENDS {
        let body = json!({ field: identifier(field) });
        let r = mock.send(by, &format!("apikey={key}"), body.clone()).await;
        let err = expect_error(r, 400, 908).await;
        assert_eq!(err["Description"], "The captcha is a required parameter.");
        let r = mock
            .send(
                by,
                &format!("apikey={key}&h-captcha-response=invalid"),
                body.clone(),
            )
            .await;
        let (status, err) = status_json(r).await;
        assert_eq!((status.as_u16(), &err["errorcode"]), (403, &json!(982)));
        let r = mock
            .send(
                by,
                &format!("apikey={key}&g-recaptcha-response=ok"),
                body.clone(),
            )
            .await;
        assert_eq!(r.status().as_u16(), 200);
        let mut with_token = body.clone();
        with_token["qq_captcha_ticket"] = json!("t");
        with_token["qq_captcha_randstr"] = json!("r");
        let r = mock.send(by, &format!("apikey={key}"), with_token).await;
        assert_eq!(r.status().as_u16(), 200);
    }
    assert_eq!(mock.outbox(&key).await.len(), 6);
}

#[tokio::test]
async fn faults_fire_on_sends_too() {
    let mock = start().await;
    let key = tenant_with_user(&mock, json!({})).await;
    mock.fault(&key, json!({ "fault": "empty502" })).await;
    let r = mock
        .send(
            "email",
            &format!("apikey={key}"),
            json!({ "email": "ada@example.com" }),
        )
        .await;
    assert_eq!(r.status().as_u16(), 502);
    assert!(mock.outbox(&key).await.is_empty());
}

#[tokio::test]
async fn a_timed_lockout_refuses_sends_with_1198() {
    let mock = start().await;
    let key = tenant_with_user(&mock, json!({ "maxOtpAttempts": 1, "lockoutSecs": 60 })).await;
    let q = format!("apikey={key}");
    let wrong = json!({ "otp": "nope", "pin": "1234", "username": "ada" });
    expect_error(mock.reset("username", &q, wrong).await, 403, 1198).await;
    for (by, field) in SENDS {
        let r = mock.send(by, &q, json!({ field: identifier(field) })).await;
        let err = expect_error(r, 403, 1198).await;
        assert!(err["Data"]["LoginLockedTimeout"].is_string());
    }
    mock.advance(&key, 60_000).await;
    expect_posted(
        mock.send("username", &q, json!({ "username": "ada" }))
            .await,
    )
    .await;
}
