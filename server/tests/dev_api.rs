//! The /__dev API, rate limiting, CORS and static files.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::{expect_error, expect_posted, iso_time, start, start_with, status_json};
use loginradius_mock::Config;
use serde_json::{json, Value};

#[tokio::test]
async fn tenants_are_created_and_updated() {
    let mock = start().await;
    let r = mock
        .client
        .post(mock.url("/__dev/tenants"))
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(r).await;
    assert_eq!(status.as_u16(), 201);
    let key = body["apiKey"].as_str().unwrap().to_owned();
    assert_eq!(key.len(), 36);
    assert_eq!(body["settings"]["pinMinLength"], 4);
    assert_eq!(body["settings"]["rateLimit"], 50);

    let r = mock
        .client
        .put(mock.url(&format!("/__dev/tenants/{key}/settings")))
        .json(&json!({ "botProtection": true, "lockoutSecs": 5 }))
        .send()
        .await
        .unwrap();
    let (status, settings) = status_json(r).await;
    assert_eq!(status.as_u16(), 200);
    assert_eq!(settings["botProtection"], true);
    assert_eq!(settings["lockoutSecs"], 5);
    assert_eq!(settings["otpValiditySecs"], 300);

    let r = mock
        .client
        .put(mock.url(&format!("/__dev/tenants/{key}/settings")))
        .json(&json!({ "noSuchSetting": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let r = mock
        .client
        .put(mock.url("/__dev/tenants/00000000-0000-4000-8000-000000000000/settings"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
}

#[tokio::test]
async fn users_are_idempotent_and_pins_checkable() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let a = mock
        .dev_post(
            &format!("/__dev/users?apikey={key}"),
            json!({ "email": "U@x.io", "phone": "+1555", "pin": "1234" }),
        )
        .await;
    let b = mock
        .dev_post(
            &format!("/__dev/users?apikey={key}"),
            json!({ "email": "u@X.io" }),
        )
        .await;
    assert_eq!(a["uid"], b["uid"]);
    assert_eq!(mock.pin_matches(&key, "+1555", "1234").await, (true, 0));
    assert_eq!(mock.pin_matches(&key, "u@x.io", "9999").await, (false, 0));
    let info = mock
        .dev_get(&format!("/__dev/users?apikey={key}&identifier=u%40x.io"))
        .await;
    assert_eq!(info["uid"], a["uid"]);
    assert_eq!(info["email"], "u@x.io");
    assert_eq!(info["hasPin"], true);
    assert!(info["lockedUntil"].is_null());

    let r = mock
        .client
        .post(mock.url(&format!("/__dev/users?apikey={key}")))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let r = mock
        .client
        .post(mock.url("/__dev/users"))
        .json(&json!({ "email": "x@y.z" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

#[tokio::test]
async fn dev_otp_returns_code_and_expiry() {
    let mock = start().await;
    let key = mock.tenant(json!({ "otpValiditySecs": 120 })).await;
    let now = mock.freeze(&key).await;
    let body = mock
        .dev_post(
            &format!("/__dev/otp?apikey={key}"),
            json!({ "phone": "+4412345" }),
        )
        .await;
    let otp = body["otp"].as_str().unwrap();
    assert_eq!(otp.len(), 6);
    assert!(otp.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(iso_time(&body["expiresAt"]), now + Duration::from_secs(120));
    assert!(body["uid"].is_string());
}

#[tokio::test]
async fn dev_reset_forgets_tenants_but_keeps_default() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    mock.dev_post("/__dev/reset", json!({})).await;
    let r = mock
        .reset("email", &format!("apikey={key}"), json!({}))
        .await;
    expect_error(r, 403, 901).await;
    let default = loginradius_mock::config::DEFAULT_API_KEY;
    let r = mock
        .reset("email", &format!("apikey={default}"), json!({}))
        .await;
    expect_error(r, 400, 908).await;
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after_and_empty_body() {
    let mock = start().await;
    let key = mock.tenant(json!({ "rateLimit": 5 })).await;
    let other = mock.tenant(json!({ "rateLimit": 5 })).await;
    mock.freeze(&key).await;
    let mut limited = 0;
    for _ in 0..15 {
        let r = mock
            .reset("email", &format!("apikey={key}"), json!({}))
            .await;
        if r.status().as_u16() == 429 {
            limited += 1;
            assert_eq!(r.headers()["retry-after"], "1");
            assert!(r.bytes().await.unwrap().is_empty());
        } else {
            expect_error(r, 400, 908).await;
        }
    }
    // The tenant's clock stands still: all 15 fall into one window, and 5 get through.
    assert_eq!(limited, 10);
    // The next window has a fresh budget.
    mock.advance(&key, 1000).await;
    let r = mock
        .reset("email", &format!("apikey={key}"), json!({}))
        .await;
    expect_error(r, 400, 908).await;
    // Another key has its own budget.
    let r = mock
        .reset("email", &format!("apikey={other}"), json!({}))
        .await;
    expect_error(r, 400, 908).await;
}

#[tokio::test]
async fn cors_preflight_and_exposed_headers() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let url = mock.reset_url("email", &format!("apikey={key}"));
    let r = mock
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header("Origin", "http://example.test")
        .header("Access-Control-Request-Method", "PUT")
        .header(
            "Access-Control-Request-Headers",
            "content-type,x-preventwebhook",
        )
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(h["access-control-allow-methods"], "PUT, POST, GET, OPTIONS");
    assert_eq!(
        h["access-control-allow-headers"],
        "content-type, accept, x-preventwebhook"
    );
    let r = mock
        .client
        .put(&url)
        .header("Origin", "http://example.test")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert_eq!(r.headers()["access-control-expose-headers"], "Retry-After");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "loginradius-mock-{name}-{}-{}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn static_files_with_csp_and_mime_types() {
    let www = temp_dir("www");
    let pkg = temp_dir("pkg");
    std::fs::write(www.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    std::fs::write(pkg.join("client_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(pkg.join("client.js"), "export default 1;").unwrap();
    let mock = start_with(Config {
        www: www.clone(),
        pkg: pkg.clone(),
        ..Config::default()
    })
    .await;

    let r = mock.client.get(mock.url("/")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        r.headers()["content-security-policy"],
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:* http://localhost:* https://api.loginradius.com; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(r.text().await.unwrap().contains("<title>demo</title>"));

    let r = mock
        .client
        .get(mock.url("/pkg/client_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/wasm");
    assert!(r.headers().contains_key("content-security-policy"));
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");

    let r = mock
        .client
        .get(mock.url("/pkg/client.js"))
        .send()
        .await
        .unwrap();
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));

    let r = mock
        .client
        .get(mock.url("/missing.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
    let _ = std::fs::remove_dir_all(www);
    let _ = std::fs::remove_dir_all(pkg);
}

#[tokio::test]
async fn dev_endpoints_reject_unknown_tenants() {
    let mock = start().await;
    for path in ["/__dev/outbox", "/__dev/webhooks", "/__dev/clock"] {
        let r = mock
            .client
            .get(mock.url(&format!(
                "{path}?apikey=00000000-0000-4000-8000-000000000000"
            )))
            .send()
            .await
            .unwrap();
        let (status, body): (_, Value) = status_json(r).await;
        assert_eq!(status.as_u16(), 404);
        assert!(body["error"].is_string());
    }
}

#[tokio::test]
async fn clock_moves_forward_per_tenant() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let other = mock.tenant(json!({})).await;
    let before = mock.dev_get(&format!("/__dev/clock?apikey={key}")).await;
    assert_eq!(before["offsetMs"], 0);
    let now = humantime::parse_rfc3339(before["now"].as_str().unwrap()).unwrap();

    let after = mock.advance(&key, 3_600_000).await;
    assert_eq!(after["offsetMs"], 3_600_000);
    let later = humantime::parse_rfc3339(after["now"].as_str().unwrap()).unwrap();
    assert!(later.duration_since(now).unwrap().as_secs() >= 3600);
    assert_eq!(mock.advance(&key, 500).await["offsetMs"], 3_600_500);
    // Another tenant keeps real time.
    let untouched = mock.dev_get(&format!("/__dev/clock?apikey={other}")).await;
    assert_eq!(untouched["offsetMs"], 0);

    for body in [
        json!({ "advanceMs": -1 }),
        json!({ "advanceMs": 400_000_000_000u64 }),
        json!({ "advanceMs": 1, "extra": true }),
    ] {
        let r = mock
            .client
            .post(mock.url(&format!("/__dev/clock?apikey={key}")))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 400, "{body}");
    }
    let r = mock
        .client
        .get(mock.url("/__dev/clock"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);

    // Frozen, the clock moves only when told to; thawed, it runs again from there.
    let frozen = mock.freeze(&key).await;
    let clock = format!("/__dev/clock?apikey={key}");
    assert_eq!(iso_time(&mock.dev_get(&clock).await["now"]), frozen);
    let moved = mock.advance(&key, 1500).await;
    assert_eq!(
        iso_time(&moved["now"]),
        frozen + Duration::from_millis(1500)
    );
    assert_eq!(moved["frozen"], true);
    let thawed = mock.dev_post(&clock, json!({ "freeze": false })).await;
    assert_eq!(thawed["frozen"], false);
    assert!(iso_time(&thawed["now"]) >= frozen + Duration::from_millis(1500));
    assert_eq!(untouched["frozen"], false);
}

#[tokio::test]
async fn otps_expire_when_the_clock_moves() {
    let mock = start().await;
    let key = mock.tenant(json!({ "otpValiditySecs": 60 })).await;
    let now = mock.freeze(&key).await;
    let q = format!("apikey={key}");
    let issued = mock
        .dev_post(
            &format!("/__dev/otp?apikey={key}"),
            json!({ "email": "t@x.io" }),
        )
        .await;
    mock.advance(&key, 59_000).await;
    let body = json!({ "otp": issued["otp"], "pin": "1234", "email": "t@x.io" });
    expect_posted(mock.reset("email", &q, body).await).await;

    let issued = mock
        .dev_post(
            &format!("/__dev/otp?apikey={key}"),
            json!({ "email": "t@x.io" }),
        )
        .await;
    // expiresAt is on the tenant's clock, 59 s ahead of where it was frozen.
    assert_eq!(
        iso_time(&issued["expiresAt"]),
        now + Duration::from_secs(59 + 60)
    );
    // At exactly its validity the code has expired.
    mock.advance(&key, 60_000).await;
    let body = json!({ "otp": issued["otp"], "pin": "1234", "email": "t@x.io" });
    expect_error(mock.reset("email", &q, body).await, 403, 1069).await;
}
