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
use crate::dev::{api_key, parse_body, tenant_mut, DevError};
use crate::reset_link;
use crate::state::AppState;
use crate::tenant::{IdentifierKind, NewUser};

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
        let norm = |kind: IdentifierKind, v: &Option<String>| {
            v.as_deref()
                .map(|v| kind.normalize(v))
                .filter(|v| !v.is_empty())
        };
        let user = NewUser {
            email: norm(IdentifierKind::Email, &self.email),
            phone: norm(IdentifierKind::Phone, &self.phone),
            username: norm(IdentifierKind::Username, &self.username),
        };
        if user.email.is_none() && user.phone.is_none() && user.username.is_none() {
            return Err(bad_request("one of email, phone, username is required"));
        }
        Ok(user)
    }
}

fn bad_request(message: &str) -> DevError {
    DevError(StatusCode::BAD_REQUEST, message.to_owned())
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
        .ok_or_else(|| bad_request("ageSecs is too large"))?;
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
