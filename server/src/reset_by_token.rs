//! `PUT /identity/v2/auth/pin/reset/token`: reset a user's PIN with the token the forgot-PIN
//! email's link carried. Same gate, captcha, account and PIN-policy checks as the reset by OTP.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::account::admit_user;
use crate::envelope::{posted, ApiError};
use crate::gate::{admit, Admitted};
use crate::params::{body_text, Query};
use crate::pin::PinHash;
use crate::pin_policy::policy_errors;
use crate::reset::prevent_webhook;
use crate::state::AppState;
use crate::tenant::{IdentifierKind, User, WebhookEvent};

/// The body names, as LoginRadius's documentation writes them (matched ignoring case, so the
/// SDKs' `ResetToken`/`PIN` and `resetToken`/`pin` work too).
const TOKEN_FIELD: &str = "resettoken";
const PIN_FIELD: &str = "pin";

/// The webhook event a successful reset fires.
const EVENT: &str = "ResetPinByResetToken";

pub async fn reset(
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let query = Query::parse(raw_query.as_deref());
    // An unreadable or oversized body (over 2 MB) is answered like an invalid one: 1079.
    let body = body.unwrap_or_default();
    match admit(&state, &query, &headers, &body).await {
        Ok(admitted) => {
            handle(&state, &query, &headers, admitted).unwrap_or_else(IntoResponse::into_response)
        }
        Err(rejected) => rejected.into_response(),
    }
}

fn handle(
    state: &AppState,
    query: &Query,
    headers: &HeaderMap,
    admitted: Admitted,
) -> Result<Response, ApiError> {
    let body = &admitted.body;
    let settings = &admitted.settings;
    let (token, pin) = match (body_text(body, TOKEN_FIELD), body_text(body, PIN_FIELD)) {
        (Some(token), Some(pin)) => (token, pin),
        (token, pin) => {
            let missing: Vec<&str> = [(token.is_none(), TOKEN_FIELD), (pin.is_none(), PIN_FIELD)]
                .into_iter()
                .filter_map(|(absent, name)| absent.then_some(name))
                .collect();
            return Err(ApiError::missing(&missing));
        }
    };
    admitted.with_tenant(state, query, |tenant| {
        let now = tenant.clock.now();
        let issued = tenant
            .reset_tokens
            .get(&token)
            .cloned()
            .ok_or_else(invalid_token)?;
        let user = tenant
            .users
            .get(issued.user)
            .ok_or_else(ApiError::internal)?;
        // The account checks of a request naming this user (blocked, locked).
        if let Some((kind, identifier)) = identifier_of(user) {
            admit_user(tenant, kind, &identifier, now)?;
        }
        if issued.used {
            return Err(token_used());
        }
        let age = now.duration_since(issued.issued_at).unwrap_or_default();
        if age >= Duration::from_secs(settings.reset_token_validity_secs) {
            return Err(token_expired());
        }
        let violations = policy_errors(&pin, settings);
        if !violations.is_empty() {
            return Err(ApiError::validation(violations));
        }

        let user = tenant
            .users
            .get_mut(issued.user)
            .ok_or_else(ApiError::internal)?;
        user.pin = Some(PinHash::new(&pin));
        user.pin_changes = user.pin_changes.saturating_add(1);
        user.failed_attempts = 0;
        let uid = user.uid.clone();
        tenant.reset_tokens.mark_used(&token);
        if !prevent_webhook(query, headers) {
            tenant.webhooks.push(WebhookEvent {
                event: EVENT.to_owned(),
                uid,
            });
        }
        Ok(posted())
    })
}

/// One identifier of the user, email first, for the account checks.
fn identifier_of(user: &User) -> Option<(IdentifierKind, String)> {
    [
        (IdentifierKind::Email, &user.email),
        (IdentifierKind::Username, &user.username),
        (IdentifierKind::Phone, &user.phone),
    ]
    .into_iter()
    .find_map(|(kind, value)| value.clone().map(|v| (kind, v)))
}

// LoginRadius documents no code for a wrong, used or expired reset token, so the mock uses the
// HTTP status as the code (as for 404 and 405) and tells the three apart by Message.

fn invalid_token() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        403,
        "The reset token is invalid",
        "The reset token is invalid, please request a new PIN reset email.",
    )
}

fn token_used() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        403,
        "The reset token has already been used",
        "The reset token has already been used, please request a new PIN reset email.",
    )
}

fn token_expired() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        403,
        "The reset token has expired",
        "The reset token has expired, please request a new PIN reset email.",
    )
}
