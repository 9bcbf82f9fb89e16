//! Every injected fault of the reset endpoint, over real HTTP.

mod common;

use std::time::{Duration, Instant};

use common::{client, expect_error, expect_posted, start, status_json, Mock};
use serde_json::{json, Value};

/// A tenant with a user "f@x.io" holding a fresh OTP; returns (apikey, valid reset body).
async fn ready(mock: &Mock) -> (String, Value) {
    let key = mock.tenant(json!({})).await;
    let otp = mock.otp(&key, json!({ "email": "f@x.io" })).await;
    (key, json!({ "otp": otp, "pin": "1234", "email": "f@x.io" }))
}

#[tokio::test]
async fn slow_waits_then_answers_normally() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "slow", "delayMs": 400 }))
        .await;
    let started = Instant::now();
    expect_posted(mock.reset("email", &format!("apikey={key}"), body).await).await;
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn hang_never_answers() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "hang" })).await;
    let started = Instant::now();
    let result = mock
        .client
        .put(mock.reset_url("email", &format!("apikey={key}")))
        .timeout(Duration::from_millis(500))
        .json(&body)
        .send()
        .await;
    let error = result.expect_err("hang must not answer");
    assert!(error.is_timeout(), "{error}");
    assert!(started.elapsed() >= Duration::from_millis(500));
    // Used up: the next request is normal.
    expect_posted(mock.reset("email", &format!("apikey={key}"), body).await).await;
}

#[tokio::test]
async fn html500() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "html500" })).await;
    let r = mock.reset("email", &format!("apikey={key}"), body).await;
    assert_eq!(r.status().as_u16(), 500);
    let content_type = r.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert_eq!(
        r.text().await.unwrap(),
        "<html><body><h1>500 Internal Server Error</h1></body></html>"
    );
}

#[tokio::test]
async fn empty502() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "empty502" })).await;
    let r = mock.reset("email", &format!("apikey={key}"), body).await;
    assert_eq!(r.status().as_u16(), 502);
    assert!(r.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn truncated() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "truncated" })).await;
    let r = mock.reset("email", &format!("apikey={key}"), body).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    let text = r.text().await.unwrap();
    assert_eq!(text, "{\"IsPosted\": tr");
    assert!(serde_json::from_str::<Value>(&text).is_err());
}

#[tokio::test]
async fn error200() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "error200" })).await;
    let r = mock.reset("email", &format!("apikey={key}"), body).await;
    expect_error(r, 200, 1067).await;
}

#[tokio::test]
async fn empty_object200() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "emptyObject200" })).await;
    let (status, json) =
        status_json(mock.reset("email", &format!("apikey={key}"), body).await).await;
    assert_eq!(status.as_u16(), 200);
    assert_eq!(json, json!({}));
}

#[tokio::test]
async fn big() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "big" })).await;
    let r = mock.reset("email", &format!("apikey={key}"), body).await;
    assert_eq!(r.status().as_u16(), 200);
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.len() >= 10 * 1024 * 1024, "{}", bytes.len());
    assert!(bytes.starts_with(b"{\"IsPosted\":true,\"Pad\":\""));
    let parsed: Value = serde_json::from_slice(&bytes).expect("valid JSON");
    assert_eq!(parsed["IsPosted"], true);
}

#[tokio::test]
async fn rate_limited() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "rateLimited" })).await;
    let r = mock.reset("email", &format!("apikey={key}"), body).await;
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "7");
    assert!(r.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn drop_mid_body() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "dropMidBody" })).await;
    let r = mock.reset("email", &format!("apikey={key}"), body).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-length"], "100");
    let error = r.bytes().await.expect_err("body must fail");
    assert!(error.is_body() || error.is_decode(), "{error:?}");
}

#[tokio::test]
async fn no_cors_strips_cors_headers_including_preflight() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    let url = mock.reset_url("email", &format!("apikey={key}"));
    mock.fault(&key, json!({ "fault": "noCors" })).await;

    let preflight = mock
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header("Origin", "http://localhost:9999")
        .header("Access-Control-Request-Method", "PUT")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(preflight
        .headers()
        .keys()
        .all(|name| !name.as_str().starts_with("access-control-")));

    let r = mock
        .client
        .put(&url)
        .header("Origin", "http://localhost:9999")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(r
        .headers()
        .keys()
        .all(|name| !name.as_str().starts_with("access-control-")));
    expect_posted(r).await;

    // Used up: CORS is back.
    let r = mock
        .client
        .put(&url)
        .header("Origin", "http://localhost:9999")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn times_counts_and_zero_lasts_until_cleared() {
    let mock = start().await;
    let (key, body) = ready(&mock).await;
    let q = format!("apikey={key}");
    mock.fault(&key, json!({ "fault": "empty502", "times": 2 }))
        .await;
    for _ in 0..2 {
        assert_eq!(
            mock.reset("email", &q, json!({})).await.status().as_u16(),
            502
        );
    }
    expect_error(mock.reset("email", &q, json!({})).await, 400, 908).await;

    mock.fault(&key, json!({ "fault": "html500", "times": 0 }))
        .await;
    for _ in 0..4 {
        assert_eq!(
            mock.reset("email", &q, json!({})).await.status().as_u16(),
            500
        );
    }
    let r = mock
        .client
        .delete(mock.url(&format!("/__dev/faults?apikey={key}")))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    expect_posted(mock.reset("email", &q, body).await).await;
}

#[tokio::test]
async fn faults_are_per_api_key_and_fire_before_validation() {
    let mock = start().await;
    let (key, _) = ready(&mock).await;
    let (other, other_body) = ready(&mock).await;
    mock.fault(&key, json!({ "fault": "empty502", "times": 0 }))
        .await;
    // No content type, no body: the fault still fires.
    let r = client()
        .put(mock.reset_url("email", &format!("apikey={key}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 502);
    expect_posted(
        mock.reset("email", &format!("apikey={other}"), other_body)
            .await,
    )
    .await;
    // Faults also work for keys that name no tenant.
    let bogus = "not-a-key";
    mock.fault(bogus, json!({ "fault": "error200" })).await;
    expect_error(
        mock.reset("email", &format!("apikey={bogus}"), json!({}))
            .await,
        200,
        1067,
    )
    .await;
}

#[tokio::test]
async fn unknown_fault_is_rejected() {
    let mock = start().await;
    let (key, _) = ready(&mock).await;
    let r = mock
        .client
        .post(mock.url(&format!("/__dev/faults?apikey={key}")))
        .json(&json!({ "fault": "meltdown" }))
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(r).await;
    assert_eq!(status.as_u16(), 400);
    assert!(body["error"]
        .as_str()
        .is_some_and(|e| e.contains("meltdown")));
}
