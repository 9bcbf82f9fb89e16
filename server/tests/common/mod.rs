//! Starts the mock in-process on 127.0.0.1:0 and offers small helpers over real HTTP.
// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::time::{Duration, SystemTime};

use loginradius_mock::{AppState, Config};
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use tokio::net::TcpListener;

pub struct Mock {
    pub base: String,
    pub client: Client,
}

pub fn client() -> Client {
    // no_proxy: the machine may set HTTP(S)_PROXY for registries; tests talk to loopback only.
    Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("build reqwest client")
}

pub async fn start() -> Mock {
    start_with(Config::default()).await
}

pub async fn start_with(config: Config) -> Mock {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let state = AppState::new(&config);
    // The server lives as long as the test's runtime.
    tokio::spawn(loginradius_mock::run(
        listener,
        state,
        std::future::pending(),
    ));
    Mock {
        base: format!("http://{addr}"),
        client: client(),
    }
}

impl Mock {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn reset_url(&self, segment: &str, query: &str) -> String {
        self.url(&format!(
            "/identity/v2/auth/pin/reset/otp/{segment}?{query}"
        ))
    }

    /// A new tenant with the given settings; returns its API key.
    pub async fn tenant(&self, settings: Value) -> String {
        let response = self
            .client
            .post(self.url("/__dev/tenants"))
            .json(&settings)
            .send()
            .await
            .expect("create tenant");
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.expect("tenant json");
        body["apiKey"].as_str().expect("apiKey").to_owned()
    }

    /// Issues an OTP for the user named in `body` (created if missing); returns the code.
    pub async fn otp(&self, key: &str, body: Value) -> String {
        let body = self
            .dev_post(&format!("/__dev/otp?apikey={key}"), body)
            .await;
        body["otp"].as_str().expect("otp").to_owned()
    }

    pub async fn dev_post(&self, path: &str, body: Value) -> Value {
        let response = self
            .client
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("dev post");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.expect("dev json")
    }

    pub async fn dev_get(&self, path: &str) -> Value {
        let response = self
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("dev get");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.expect("dev json")
    }

    /// PUT to the reset endpoint with a JSON body.
    pub async fn reset(&self, segment: &str, query: &str, body: Value) -> Response {
        self.client
            .put(self.reset_url(segment, query))
            .json(&body)
            .send()
            .await
            .expect("reset request")
    }

    /// POST to a send endpoint (`otp`, `email` or `username`) with a JSON body.
    pub async fn send(&self, by: &str, query: &str, body: Value) -> Response {
        self.client
            .post(self.url(&format!("/identity/v2/auth/pin/forgot/{by}?{query}")))
            .json(&body)
            .send()
            .await
            .expect("send request")
    }

    pub async fn outbox(&self, key: &str) -> Vec<Value> {
        let body = self.dev_get(&format!("/__dev/outbox?apikey={key}")).await;
        body.as_array().expect("outbox array").clone()
    }

    /// Creates the user (or updates it) with the given identifiers and state fields.
    pub async fn user(&self, key: &str, body: Value) -> Value {
        self.dev_post(&format!("/__dev/users?apikey={key}"), body)
            .await
    }

    /// Moves the tenant's clock forward; returns the clock's answer.
    pub async fn advance(&self, key: &str, ms: u64) -> Value {
        self.dev_post(
            &format!("/__dev/clock?apikey={key}"),
            json!({ "advanceMs": ms }),
        )
        .await
    }

    /// Stops the tenant's clock, so only [`Mock::advance`] moves it: what a test checks about
    /// time then never depends on how fast the machine runs it. Returns the frozen "now".
    pub async fn freeze(&self, key: &str) -> SystemTime {
        let clock = self
            .dev_post(
                &format!("/__dev/clock?apikey={key}"),
                json!({ "freeze": true }),
            )
            .await;
        assert_eq!(clock["frozen"], true, "{clock}");
        iso_time(&clock["now"])
    }

    pub async fn webhooks(&self, key: &str) -> Vec<Value> {
        let body = self.dev_get(&format!("/__dev/webhooks?apikey={key}")).await;
        body.as_array().expect("webhook array").clone()
    }

    pub async fn pin_matches(&self, key: &str, identifier: &str, pin: &str) -> (bool, u64) {
        let body = self
            .dev_get(&format!(
                "/__dev/users/pin?apikey={key}&identifier={}&pin={pin}",
                urlencode(identifier)
            ))
            .await;
        (
            body["matches"].as_bool().expect("matches"),
            body["pinChanges"].as_u64().expect("pinChanges"),
        )
    }

    pub async fn fault(&self, key: &str, body: Value) {
        self.dev_post(&format!("/__dev/faults?apikey={key}"), body)
            .await;
    }
}

/// An ISO-8601 time as the server writes it.
pub fn iso_time(value: &Value) -> SystemTime {
    humantime::parse_rfc3339(value.as_str().expect("an ISO-8601 string")).expect("ISO-8601")
}

pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Status and JSON body of an answer.
pub async fn status_json(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("body text");
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text:?}"));
    (status, body)
}

/// Asserts a PascalCase LoginRadius envelope with this status and code; returns the body.
pub async fn expect_error(response: Response, status: u16, code: u64) -> Value {
    let (actual, body) = status_json(response).await;
    assert_eq!(actual.as_u16(), status, "status; body {body}");
    assert_eq!(body["ErrorCode"], json!(code), "body {body}");
    assert_eq!(body["IsProviderError"], json!(false));
    assert!(body["ProviderErrorResponse"].is_null());
    assert!(body["Message"].is_string() && body["Description"].is_string());
    body
}

pub async fn expect_posted(response: Response) {
    let (status, body) = status_json(response).await;
    assert_eq!(status, StatusCode::OK, "body {body}");
    assert_eq!(body, json!({ "IsPosted": true }));
}
