//! `POST /__dev/reset-token`: issues a reset-link token directly, as `/__dev/otp` issues a code,
//! so tests reach `PUT /pin/reset/token` without going through an email.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::clock::iso;
use crate::dev::{api_key, named_user, parse_body, tenant_mut, DevError};
use crate::reset_link;
use crate::state::AppState;
use crate::tenant::NewUser;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TokenBody {
    email: Option<String>,
    phone: Option<String>,
    username: Option<String>,
    /// How old the new token already is (test expiry without waiting).
    age_secs: Option<u64>,
    /// The token to issue instead of a new GUID.
    token: Option<String>,
    /// A page URL: the answer then carries the email's link too.
    reset_pin_url: Option<String>,
}

impl TokenBody {
    fn identifiers(&self) -> Result<NewUser, DevError> {
        named_user(&self.email, &self.phone, &self.username)
    }
}

/// Creates the user if missing and replaces any previous token with a fresh unused one:
/// `{"resetToken", "expiresAt", "uid", "link"}` (`link` is `null` without `resetPinUrl`).
pub async fn issue(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<Response, DevError> {
    let body: TokenBody = parse_body(&body)?;
    let identifiers = body.identifiers()?;
    let age = Duration::from_secs(body.age_secs.unwrap_or(0));
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    let issued_at = tenant
        .clock
        .now()
        .checked_sub(age)
        .ok_or_else(|| DevError::bad_request("ageSecs is too large"))?;
    let index = tenant.find_or_create(identifiers);
    let chosen = body.token.as_deref().filter(|t| !t.is_empty());
    let token = tenant.reset_tokens.issue(index, issued_at, chosen);
    let expires_at = issued_at + Duration::from_secs(tenant.settings.reset_token_validity_secs);
    let uid = tenant
        .users
        .get(index)
        .map(|u| u.uid.clone())
        .ok_or_else(|| DevError(StatusCode::NOT_FOUND, "user vanished".into()))?;
    let link = body
        .reset_pin_url
        .as_deref()
        .map(|url| reset_link::link(url, &token));
    Ok(Json(json!({
        "resetToken": token,
        "expiresAt": iso(expires_at),
        "uid": uid,
        "link": link,
    }))
    .into_response())
}
