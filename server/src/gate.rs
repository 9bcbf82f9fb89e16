//! The checks every LoginRadius API endpoint of the mock (the reset and the three sends) runs
//! first, in LoginRadius's order: armed fault, rate limit, API key, tenant flags, content type,
//! JSON body, dangerous values, PIN authentication configured.

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::captcha;
use crate::dangerous::is_dangerous;
use crate::envelope::{too_many_requests, ApiError};
use crate::faults;
use crate::params::Query;
use crate::state::AppState;
use crate::tenant::{is_guid, Tenant, TenantSettings};

/// A request that passed the gate.
#[derive(Debug)]
pub struct Admitted {
    pub api_key: String,
    pub settings: TenantSettings,
    pub body: Map<String, Value>,
}

impl Admitted {
    /// Runs `work` on this request's tenant under the store's lock, after the captcha check that
    /// the tenant's bot protection asks for (each endpoint checks its own fields first, as
    /// LoginRadius does).
    pub fn with_tenant<T>(
        &self,
        state: &AppState,
        query: &Query,
        work: impl FnOnce(&mut Tenant) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if self.settings.bot_protection {
            captcha::check(query, &self.body)?;
        }
        let mut store = state.store()?;
        // The tenant can vanish between the gate and here if a test calls /__dev/reset.
        let tenant = store
            .tenant_mut(&self.api_key)
            .ok_or_else(ApiError::unknown_api_key)?;
        work(tenant)
    }
}

/// Why the gate turned a request away.
#[derive(Debug)]
pub enum Rejected {
    /// An armed fault answered instead.
    Fault(Response),
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
            Rejected::Fault(response) => response,
            Rejected::RateLimited => too_many_requests(1),
            Rejected::Api(error) => error.into_response(),
        }
    }
}

/// Runs the shared checks.
pub async fn admit(
    state: &AppState,
    query: &Query,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Admitted, Rejected> {
    // Faults fire before any validation so a client sees them whatever it sends.
    if let Some(fault) = query.api_key().and_then(|key| state.faults().take(key)) {
        if let Some(response) = faults::respond(fault, || state.shutting_down()).await {
            return Err(Rejected::Fault(response));
        }
    }

    let api_key = query.api_key().unwrap_or_default();
    let (tenant, default_limit) = {
        let store = state.store()?;
        let tenant = store.tenant(api_key).map(|t| (t.settings.clone(), t.clock));
        (tenant, store.default_settings().rate_limit)
    };

    // Unknown or missing keys are limited with the default tenant's rate, like a gateway would.
    let limit = tenant.as_ref().map_or(default_limit, |(s, _)| s.rate_limit);
    let now = tenant
        .as_ref()
        .map(|(_, clock)| *clock)
        .unwrap_or_default()
        .instant();
    if !state.limiter().allow(api_key, limit, now) {
        return Err(Rejected::RateLimited);
    }

    let settings = tenant.map(|(settings, _)| settings);
    let (settings, body) = check(api_key, settings, headers, body)?;
    if is_dangerous(query, &body) {
        return Err(ApiError::dangerous_request().into());
    }
    if !settings.pin_authentication {
        return Err(ApiError::pin_not_configured().into());
    }
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
