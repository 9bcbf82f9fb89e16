//! Who may call `/__dev/`. The development API reads codes and sets PINs, so a web page that the
//! developer happens to have open on another site must not reach it: no `Access-Control-Allow-
//! Origin: *` here, a browser request from any other origin is refused, and every body must be
//! typed JSON (a cross-site form cannot send that). Clients that send no `Origin` (tests in Node,
//! curl) are not browsers acting for a page, and stay allowed.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::dev::DevError;
use crate::state::AppState;

/// How the development API is exposed: on (the default) or off (`--no-dev-api`), and the
/// origins besides the server's own whose pages may call it (`--dev-api-origin`).
#[derive(Debug, Clone, Default)]
pub struct DevAccess {
    pub enabled: bool,
    pub extra_origins: Vec<String>,
}

pub fn is_dev_path(path: &str) -> bool {
    path == "/__dev" || path.starts_with("/__dev/")
}

/// In front of every `/__dev/` request (called by the CORS middleware, which sees them all,
/// preflights and wrong methods included).
pub async fn guard(state: &AppState, request: Request, next: Next) -> Response {
    if !state.dev_access().enabled {
        return refuse(
            StatusCode::NOT_FOUND,
            "the development API is switched off (--no-dev-api)",
        );
    }
    let headers = request.headers();
    let host = text(headers, header::HOST);
    if !host.is_some_and(is_loopback_host) {
        // A page on a rebound DNS name (evil.example → 127.0.0.1) is same-origin with itself.
        return refuse(
            StatusCode::FORBIDDEN,
            "the development API answers only on a loopback host name",
        );
    }
    let cross_origin = match text(headers, header::ORIGIN) {
        None => None,
        Some(origin) if host.is_some_and(|host| is_own_origin(origin, host)) => None,
        Some(origin) if state.dev_access().extra_origins.iter().any(|o| o == origin) => {
            HeaderValue::from_str(origin).ok()
        }
        Some(_) => {
            return refuse(
                StatusCode::FORBIDDEN,
                "the development API answers only pages of its own origin",
            )
        }
    };
    if request.method() == Method::OPTIONS {
        if let Some(origin) = cross_origin {
            return preflight(origin);
        }
    } else if !has_json_body_or_none(request.headers()) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "a body must have Content-Type: application/json",
        );
    }
    let mut response = next.run(request).await;
    if let Some(origin) = cross_origin {
        allow(response.headers_mut(), origin);
    }
    response
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn refuse(status: StatusCode, message: &str) -> Response {
    DevError(status, message.to_owned()).into_response()
}

/// `localhost`, or a loopback IP address, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The server listens on plain HTTP only, so its own origin is `http://` and the `Host` header.
fn is_own_origin(origin: &str, host: &str) -> bool {
    origin
        .strip_prefix("http://")
        .is_some_and(|rest| rest.eq_ignore_ascii_case(host))
}

/// No body at all, or one typed `application/json` (parameters such as a charset allowed).
fn has_json_body_or_none(headers: &HeaderMap) -> bool {
    match text(headers, header::CONTENT_TYPE) {
        Some(content_type) => content_type
            .split(';')
            .next()
            .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json")),
        None => {
            let empty = text(headers, header::CONTENT_LENGTH).map_or(true, |len| len.trim() == "0");
            empty && !headers.contains_key(header::TRANSFER_ENCODING)
        }
    }
}

fn preflight(origin: HeaderValue) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    allow(headers, origin);
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, DELETE"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    response
}

fn allow(headers: &mut HeaderMap, origin: HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in [
            "127.0.0.1:8080",
            "localhost:1",
            "LOCALHOST",
            "[::1]:80",
            "127.1.2.3",
            "[::1]",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example:8080",
            "10.0.0.1:80",
            "localhost.evil.example",
            "[::2]:80",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn own_origin_is_http_and_the_host() {
        assert!(is_own_origin("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(!is_own_origin("https://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(!is_own_origin("http://127.0.0.1:8081", "127.0.0.1:8080"));
        assert!(!is_own_origin("null", "127.0.0.1:8080"));
    }
}
