//! Injected misbehaviour of the PIN endpoints (the reset and the three sends), keyed by API key
//! so parallel tests do not collide. Armed through `POST /__dev/faults`.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::stream;

use crate::envelope::{posted, too_many_requests, ApiError};

/// Delay of the `slow` fault when `delayMs` is not given.
const DEFAULT_SLOW_MS: u64 = 3000;
/// Size of the `big` fault's body.
const BIG_BODY_BYTES: usize = 10 * 1024 * 1024;
const BIG_CHUNK_BYTES: usize = 64 * 1024;
/// How long `dropMidBody` waits between its first 20 bytes and dropping the connection.
const DROP_PAUSE: Duration = Duration::from_millis(100);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    Slow,
    Hang,
    Html500,
    Empty502,
    Truncated,
    Error200,
    EmptyObject200,
    Big,
    RateLimited,
    DropMidBody,
    NoCors,
}

impl FaultKind {
    const NAMES: [(&'static str, FaultKind); 11] = [
        ("slow", Self::Slow),
        ("hang", Self::Hang),
        ("html500", Self::Html500),
        ("empty502", Self::Empty502),
        ("truncated", Self::Truncated),
        ("error200", Self::Error200),
        ("emptyObject200", Self::EmptyObject200),
        ("big", Self::Big),
        ("rateLimited", Self::RateLimited),
        ("dropMidBody", Self::DropMidBody),
        ("noCors", Self::NoCors),
    ];

    /// Parses a fault name as documented (matched ignoring ASCII case).
    pub fn parse(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, kind)| *kind)
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        Self::NAMES.iter().map(|(n, _)| *n)
    }
}

/// A fault waiting to fire.
#[derive(Debug, Clone, Copy)]
pub struct Armed {
    pub kind: FaultKind,
    /// Requests left; `None` fires until cleared.
    pub remaining: Option<u32>,
    pub delay: Duration,
}

impl Armed {
    pub fn new(kind: FaultKind, times: u32, delay_ms: Option<u64>) -> Self {
        let default_ms = if kind == FaultKind::Slow {
            DEFAULT_SLOW_MS
        } else {
            0
        };
        Armed {
            kind,
            remaining: (times > 0).then_some(times),
            delay: Duration::from_millis(delay_ms.unwrap_or(default_ms)),
        }
    }
}

#[derive(Debug, Default)]
pub struct FaultStore {
    armed: Mutex<HashMap<String, Armed>>,
}

impl FaultStore {
    // The map holds plain values, so a poisoned lock is still safe to use.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Armed>> {
        self.armed.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn arm(&self, api_key: &str, armed: Armed) {
        self.lock().insert(api_key.to_lowercase(), armed);
    }

    pub fn clear(&self, api_key: &str) {
        self.lock().remove(&api_key.to_lowercase());
    }

    pub fn clear_all(&self) {
        self.lock().clear();
    }

    /// The armed fault for `api_key` without using it up (for CORS preflights).
    pub fn peek(&self, api_key: &str) -> Option<FaultKind> {
        self.lock().get(&api_key.to_lowercase()).map(|a| a.kind)
    }

    /// Uses up one firing of the armed fault for `api_key`, if any.
    pub fn take(&self, api_key: &str) -> Option<Armed> {
        let mut armed = self.lock();
        let key = api_key.to_lowercase();
        let fault = *armed.get(&key)?;
        match fault.remaining {
            Some(1) => {
                armed.remove(&key);
            }
            Some(n) => {
                if let Some(entry) = armed.get_mut(&key) {
                    entry.remaining = Some(n - 1);
                }
            }
            None => {}
        }
        Some(fault)
    }
}

/// Marks a response that must leave the CORS middleware untouched (the `noCors` fault).
#[derive(Debug, Clone, Copy)]
pub struct NoCors;

/// Plays `fault`. `None` means "now answer normally" (only `slow` does that). `shutting_down`
/// resolves when the server begins to shut down, which ends a wait early.
pub async fn respond<F: Future<Output = ()>>(
    fault: Armed,
    shutting_down: impl Fn() -> F,
) -> Option<Response> {
    if fault.kind == FaultKind::Hang {
        // Never answer; give up only when the server shuts down so shutdown stays graceful.
        shutting_down().await;
        return Some(StatusCode::SERVICE_UNAVAILABLE.into_response());
    }
    if !fault.delay.is_zero() {
        tokio::select! {
            _ = tokio::time::sleep(fault.delay) => {}
            _ = shutting_down() => {}
        }
    }
    let response = match fault.kind {
        FaultKind::Slow | FaultKind::Hang => return None,
        FaultKind::Html500 => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<html><body><h1>500 Internal Server Error</h1></body></html>",
        )
            .into_response(),
        FaultKind::Empty502 => StatusCode::BAD_GATEWAY.into_response(),
        FaultKind::Truncated => json_response(StatusCode::OK, Body::from("{\"IsPosted\": tr")),
        FaultKind::Error200 => {
            let body = ApiError::invalid_otp().body().to_string();
            json_response(StatusCode::OK, Body::from(body))
        }
        FaultKind::EmptyObject200 => json_response(StatusCode::OK, Body::from("{}")),
        FaultKind::Big => json_response(StatusCode::OK, big_body()),
        FaultKind::RateLimited => too_many_requests(7),
        FaultKind::DropMidBody => drop_mid_body(),
        FaultKind::NoCors => {
            let mut response = posted();
            response.extensions_mut().insert(NoCors);
            response
        }
    };
    Some(response)
}

fn json_response(status: StatusCode, body: Body) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `{"IsPosted":true,"Pad":"xxx..."}`, about 10 MB, streamed in 64 KiB chunks.
fn big_body() -> Body {
    let chunk = Bytes::from(vec![b'x'; BIG_CHUNK_BYTES]);
    let chunks = BIG_BODY_BYTES / BIG_CHUNK_BYTES;
    let parts = std::iter::once(Bytes::from_static(b"{\"IsPosted\":true,\"Pad\":\""))
        .chain(std::iter::repeat(chunk).take(chunks))
        .chain(std::iter::once(Bytes::from_static(b"\"}")));
    Body::from_stream(stream::iter(parts.map(Ok::<_, std::io::Error>)))
}

/// Promises 100 bytes, sends 20, then fails the body stream so hyper aborts the connection.
/// The pause before the failure lets hyper flush the head and the first bytes to the client.
fn drop_mid_body() -> Response {
    let parts = stream::unfold(0u8, |step| async move {
        match step {
            0 => Some((Ok(Bytes::from_static(b"{\"IsPosted\":true,\"Pa")), 1)),
            1 => {
                tokio::time::sleep(DROP_PAUSE).await;
                let error =
                    std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "dropMidBody fault");
                Some((Err(error), 2))
            }
            _ => None,
        }
    });
    let mut response = json_response(StatusCode::OK, Body::from_stream(parts));
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(100u32));
    response
}
