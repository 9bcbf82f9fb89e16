//! The checks every LoginRadius API endpoint of the mock runs first, in LoginRadius's order:
//! rate limit, API key, tenant flags, content type, JSON body.

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::envelope::{too_many_requests, ApiError};
use crate::params::Query;
use crate::state::AppState;
use crate::tenant::{is_guid, TenantSettings};

/// A request that passed the gate.
#[derive(Debug)]
pub struct Admitted {
    pub api_key: String,
    pub settings: TenantSettings,
    pub body: Map<String, Value>,
}

/// Why the gate turned a request away.
#[derive(Debug)]
pub enum Rejected {
    /// Over the tenant's requests-per-second: 429 with an empty body.
    RateLimited,
    Api(ApiError),
}

impl From<ApiError> for Rejected {
    fn from(error: ApiError) -> Self {
        Rejected::Api(error)
    }
}

impl IntoResponse for Rejected {
    fn into_response(self) -> Response {
        match self {
            Rejected::RateLimited => too_many_requests(1),
            Rejected::Api(error) => error.into_response(),
        }
    }
}

/// Runs the shared checks.
pub fn admit(
    state: &AppState,
    query: &Query,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Admitted, Rejected> {
    let api_key = query.api_key().unwrap_or_default();
    let (settings, default_limit) = {
        let store = state.store()?;
        let settings = store.tenant(api_key).map(|t| t.settings.clone());
        (settings, store.default_settings().rate_limit)
    };

    // Unknown or missing keys are limited with the default tenant's rate, like a gateway would.
    let limit = settings.as_ref().map_or(default_limit, |s| s.rate_limit);
    if !state.limiter().allow(api_key, limit) {
        return Err(Rejected::RateLimited);
    }

    let (settings, body) = check(api_key, settings, headers, body)?;
    Ok(Admitted {
        api_key: api_key.to_owned(),
        settings,
        body,
    })
}

fn check(
    api_key: &str,
    settings: Option<TenantSettings>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(TenantSettings, Map<String, Value>), ApiError> {
    if api_key.is_empty() {
        return Err(ApiError::missing(&["apikey"]));
    }
    if !is_guid(api_key) {
        return Err(ApiError::malformed_api_key());
    }
    let settings = settings.ok_or_else(ApiError::unknown_api_key)?;
    if settings.trial_expired {
        return Err(ApiError::trial_expired());
    }
    if settings.auth_failure {
        return Err(ApiError::auth_failure());
    }
    if !is_json(headers) {
        return Err(ApiError::unsupported_content_type());
    }
    let body = parse_object(body).ok_or_else(ApiError::invalid_body)?;
    Ok((settings, body))
}

/// `application/json`, parameters such as `charset` allowed.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// The body as a JSON object; `None` when empty, malformed or not an object.
fn parse_object(body: &[u8]) -> Option<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}
