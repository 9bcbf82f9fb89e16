//! Who may call `/__dev/` (pages of the server's own origin, clients without an `Origin`, the
//! `--dev-api-origin` ones; JSON bodies only; off with `--no-dev-api`) and the demo's accounts.

mod common;

use common::{expect_posted, start, start_with, status_json, Mock};
use loginradius_mock::config::DEFAULT_API_KEY;
use loginradius_mock::Config;
use reqwest::{Method, RequestBuilder, Response};
use serde_json::{json, Value};

const FOREIGN: &str = "http://evil.example";

impl Mock {
    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    /// The server's own origin, as a browser on its page sends it.
    fn origin(&self) -> &str {
        &self.base
    }
}

async fn refused(response: Response, status: u16) -> String {
    assert!(
        !response
            .headers()
            .contains_key("access-control-allow-origin"),
        "{:?}",
        response.headers()
    );
    let (actual, body) = status_json(response).await;
    assert_eq!(actual.as_u16(), status, "{body}");
    body["error"].as_str().expect("error text").to_owned()
}

#[tokio::test]
async fn another_origin_is_refused_and_never_allowed_by_cors() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let outbox = format!("/__dev/outbox?apikey={key}");
    let r = mock
        .request(Method::GET, &outbox)
        .header("Origin", FOREIGN)
        .send()
        .await
        .unwrap();
    assert!(refused(r, 403).await.contains("own origin"));
    // Not even a preflight gets through, and `null` (a sandboxed or file page) is foreign too.
    let r = mock
        .request(Method::OPTIONS, &outbox)
        .header("Origin", FOREIGN)
        .header("Access-Control-Request-Method", "POST")
        .send()
        .await
        .unwrap();
    refused(r, 403).await;
    let r = mock
        .request(Method::POST, &format!("/__dev/otp?apikey={key}"))
        .header("Origin", "null")
        .json(&json!({ "email": "a@x.io" }))
        .send()
        .await
        .unwrap();
    refused(r, 403).await;
    // Nothing was created by the refused request.
    assert_eq!(
        mock.dev_get(&format!("/__dev/accounts?apikey={key}")).await["total"],
        0
    );

    // The API itself stays open to every origin: the package is called from any site.
    let r = mock
        .request(
            Method::PUT,
            &format!("/identity/v2/auth/pin/reset/otp/email?apikey={key}"),
        )
        .header("Origin", FOREIGN)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn the_servers_own_pages_and_clients_without_origin_are_served() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let r = mock
        .request(Method::POST, &format!("/__dev/users?apikey={key}"))
        .header("Origin", mock.origin())
        .json(&json!({ "email": "own@x.io" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
    // Same origin needs no CORS header, and none is sent.
    assert!(!r.headers().contains_key("access-control-allow-origin"));
    let r = mock
        .request(Method::GET, &format!("/__dev/outbox?apikey={key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn a_host_name_that_is_not_loopback_is_refused() {
    // What a page on a DNS name rebound to 127.0.0.1 sends: its own name as Host and Origin.
    let mock = start().await;
    let r = mock
        .request(
            Method::GET,
            &format!("/__dev/outbox?apikey={DEFAULT_API_KEY}"),
        )
        .header("Host", "evil.example:8080")
        .header("Origin", "http://evil.example:8080")
        .send()
        .await
        .unwrap();
    assert!(refused(r, 403).await.contains("loopback"));
}

#[tokio::test]
async fn every_body_must_be_typed_json() {
    let mock = start().await;
    let key = mock.tenant(json!({})).await;
    let path = format!("/__dev/users?apikey={key}");
    let body = r#"{"email":"typed@x.io"}"#;
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/jsonp"),
        None,
    ] {
        let mut request = mock.request(Method::POST, &path).body(body);
        if let Some(content_type) = content_type {
            request = request.header("Content-Type", content_type);
        }
        let r = request.send().await.unwrap();
        assert!(
            refused(r, 415).await.contains("application/json"),
            "{content_type:?}"
        );
    }
    assert_eq!(
        mock.dev_get(&format!("/__dev/accounts?apikey={key}")).await["total"],
        0
    );
    let r = mock
        .request(Method::POST, &path)
        .header("Content-Type", "Application/JSON; charset=utf-8")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
    // No body needs no type.
    let r = mock
        .request(Method::DELETE, &format!("/__dev/faults?apikey={key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn no_dev_api_switches_it_off_and_leaves_the_api() {
    let mock = start_with(Config {
        no_dev_api: true,
        ..Config::default()
    })
    .await;
    for (method, path) in [
        (
            Method::GET,
            format!("/__dev/outbox?apikey={DEFAULT_API_KEY}"),
        ),
        (Method::POST, "/__dev/tenants".to_owned()),
        (Method::POST, "/__dev/reset".to_owned()),
    ] {
        let r = mock
            .request(method, &path)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 404, "{path}");
    }
    let r = mock
        .send(
            "email",
            &format!("apikey={DEFAULT_API_KEY}"),
            json!({ "email": "a@x.io" }),
        )
        .await;
    assert_eq!(r.status().as_u16(), 403); // 938: no such user, from the real endpoint
}

#[tokio::test]
async fn a_named_extra_origin_may_call_it_with_cors() {
    let runner = "http://127.0.0.1:9";
    let mock = start_with(Config {
        dev_api_origins: vec![runner.to_owned()],
        ..Config::default()
    })
    .await;
    let path = format!("/__dev/tenants/{DEFAULT_API_KEY}/settings");
    let r = mock
        .request(Method::OPTIONS, &path)
        .header("Origin", runner)
        .header("Access-Control-Request-Method", "PUT")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    assert_eq!(r.headers()["access-control-allow-origin"], runner);
    assert_eq!(r.headers()["access-control-allow-headers"], "content-type");
    let r = mock
        .request(Method::GET, &path)
        .header("Origin", runner)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["access-control-allow-origin"], runner);
    assert_eq!(r.headers()["vary"], "Origin");
    let r = mock
        .request(Method::GET, &path)
        .header("Origin", FOREIGN)
        .send()
        .await
        .unwrap();
    refused(r, 403).await;
}

#[tokio::test]
async fn demo_accounts_work_at_once_and_only_when_asked_for() {
    let demo = start_with(Config {
        demo_accounts: true,
        ..Config::default()
    })
    .await;
    let listed = demo
        .dev_get(&format!("/__dev/accounts?apikey={DEFAULT_API_KEY}"))
        .await;
    let accounts = listed["accounts"].as_array().expect("accounts").clone();
    assert_eq!(listed["total"], 3, "{listed}");
    let kinds = |field: &str| accounts.iter().filter(|a| a[field].is_string()).count();
    assert!(
        kinds("email") >= 1 && kinds("phone") == 1 && kinds("username") == 1,
        "{listed}"
    );
    // Each kind's send reaches its account straight away, with no seeding.
    let q = format!("apikey={DEFAULT_API_KEY}");
    for account in &accounts {
        let (by, field) = if account["username"].is_string() {
            ("username", "username")
        } else if account["phone"].is_string() {
            assert_eq!(account["phoneVerified"], true);
            ("otp", "phone")
        } else {
            ("email", "email")
        };
        let r = demo.send(by, &q, json!({ field: account[field] })).await;
        let (status, body): (_, Value) = status_json(r).await;
        assert_eq!(status.as_u16(), 200, "{by}: {body}");
    }
    assert_eq!(demo.outbox(DEFAULT_API_KEY).await.len(), 3);
    // The reset then works with the code the outbox shows.
    let sent = demo.outbox(DEFAULT_API_KEY).await;
    let phone = sent.iter().find(|s| s["channel"] == "sms").expect("an SMS");
    let body = json!({ "otp": phone["otp"], "pin": "4821", "phone": phone["phone"] });
    expect_posted(demo.reset("phone", &q, body).await).await;

    // Without the flag the default tenant has no accounts, and new tenants never do.
    let plain = start().await;
    let listed = plain
        .dev_get(&format!("/__dev/accounts?apikey={DEFAULT_API_KEY}"))
        .await;
    assert_eq!(listed, json!({ "accounts": [], "total": 0 }));
    let key = demo.tenant(json!({})).await;
    assert_eq!(
        demo.dev_get(&format!("/__dev/accounts?apikey={key}")).await["total"],
        0
    );
}
