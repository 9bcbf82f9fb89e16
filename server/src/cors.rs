//! CORS for every route but `/__dev/` (see `dev_guard.rs`), written by hand so the `noCors`
//! fault can switch it off per API key.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::dev_guard;
use crate::faults::{FaultKind, NoCors};
use crate::params::Query;
use crate::state::AppState;

const ALLOW_METHODS: &str = "PUT, POST, GET, OPTIONS";
const ALLOW_HEADERS: &str = "content-type, accept, x-preventwebhook";
const EXPOSE_HEADERS: &str = "Retry-After";

pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if dev_guard::is_dev_path(request.uri().path()) {
        return dev_guard::guard(&state, request, next).await;
    }
    if request.method() == Method::OPTIONS {
        // A preflight does not use up the fault; the request after it does.
        let api_key = Query::parse(request.uri().query())
            .api_key()
            .map(str::to_owned);
        let suppressed =
            api_key.and_then(|key| state.faults().peek(&key)) == Some(FaultKind::NoCors);
        let mut response = StatusCode::NO_CONTENT.into_response();
        if !suppressed {
            let headers = response.headers_mut();
            allow_origin(headers);
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOW_METHODS),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOW_HEADERS),
            );
        }
        return response;
    }

    let mut response = next.run(request).await;
    if response.extensions().get::<NoCors>().is_none() {
        allow_origin(response.headers_mut());
    }
    response
}

fn allow_origin(headers: &mut HeaderMap) {
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
}
