//! `PUT /identity/v2/auth/pin/reset/otp/{type}`: reset a user's PIN with an OTP.

use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::account::admit_user;
use crate::clock::iso;
use crate::envelope::{posted, ApiError};
use crate::gate::{admit, Admitted};
use crate::identifier;
use crate::params::{body_text, parse_bool, Query};
use crate::pin::PinHash;
use crate::pin_policy::policy_errors;
use crate::state::AppState;
use crate::tenant::{IdentifierKind, TenantSettings, User, WebhookEvent};

/// The `{type}` values of the seed document (identifier taken from whichever field is present).
const SEED_TYPES: [&str; 4] = [
    "otp",
    "backupcode",
    "googleauthenticatorcode",
    "authenticatorcode",
];

/// Label used in the 908 Description when no identifier is given in the seed form.
const ANY_IDENTIFIER: &str = "email/phone/username";

/// How the path segment says to find the identifier.
#[derive(Debug, Clone, Copy)]
enum PathType {
    /// Live API: `/otp/email`, `/otp/phone`, `/otp/username`.
    Live(IdentifierKind),
    /// Seed document: `/otp/otp` and friends.
    Seed,
}

impl PathType {
    fn parse(segment: &str) -> Option<Self> {
        if let Some(kind) = IdentifierKind::from_field(segment) {
            return Some(Self::Live(kind));
        }
        SEED_TYPES
            .iter()
            .any(|t| t.eq_ignore_ascii_case(segment))
            .then_some(Self::Seed)
    }
}

/// The validated request fields.
struct ResetRequest {
    otp: String,
    pin: String,
    kind: IdentifierKind,
    identifier: String,
}

pub async fn reset(
    State(state): State<AppState>,
    segment: Result<Path<String>, PathRejection>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    // A segment that is not valid UTF-8 is just another unknown type.
    let segment = segment.map(|Path(s)| s).unwrap_or_default();
    let Some(path_type) = PathType::parse(&segment) else {
        return ApiError::not_found().into_response();
    };
    let query = Query::parse(raw_query.as_deref());
    // An unreadable or oversized body (over 2 MB) is answered like an invalid one: 1079.
    let body = body.unwrap_or_default();
    let admitted = match admit(&state, &query, &headers, &body).await {
        Ok(admitted) => admitted,
        Err(rejected) => return rejected.into_response(),
    };
    match handle(&state, path_type, &query, &headers, admitted) {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

fn handle(
    state: &AppState,
    path_type: PathType,
    query: &Query,
    headers: &HeaderMap,
    admitted: Admitted,
) -> Result<Response, ApiError> {
    let request = required_fields(path_type, &admitted.body)?;
    let settings = &admitted.settings;
    identifier::check(settings, request.kind, &request.identifier)?;
    admitted.with_tenant(state, query, |tenant| {
        let now = tenant.clock.now();
        let index = admit_user(tenant, request.kind, &request.identifier, now)?;
        let user = tenant.users.get_mut(index).ok_or_else(ApiError::internal)?;
        verify_otp(user, &request.otp, settings, now)?;

        let violations = policy_errors(&request.pin, settings);
        if !violations.is_empty() {
            return Err(ApiError::validation(violations));
        }

        user.pin = Some(PinHash::new(&request.pin));
        user.pin_changes = user.pin_changes.saturating_add(1);
        user.failed_attempts = 0;
        if let Some(otp) = user.otp.as_mut() {
            otp.used = true;
        }
        let uid = user.uid.clone();
        if !prevent_webhook(query, headers) {
            tenant.webhooks.push(WebhookEvent {
                event: "ResetPinByOtp".to_owned(),
                uid,
            });
        }
        Ok(posted())
    })
}

/// otp, pin and the identifier; 908 names every missing one (otp, pin, identifier order).
fn required_fields(
    path_type: PathType,
    body: &Map<String, Value>,
) -> Result<ResetRequest, ApiError> {
    let otp = body_text(body, "otp");
    let pin = body_text(body, "pin");
    let identifier = match path_type {
        PathType::Live(kind) => body_text(body, kind.field()).map(|v| (kind, v)),
        PathType::Seed => IdentifierKind::ALL
            .into_iter()
            .find_map(|kind| body_text(body, kind.field()).map(|v| (kind, v))),
    };
    match (otp, pin, identifier) {
        (Some(otp), Some(pin), Some((kind, identifier))) => Ok(ResetRequest {
            otp,
            pin,
            kind,
            identifier,
        }),
        (otp, pin, identifier) => {
            let identifier_label = match path_type {
                PathType::Live(kind) => kind.field(),
                PathType::Seed => ANY_IDENTIFIER,
            };
            let missing: Vec<&str> = [
                (otp.is_none(), "otp"),
                (pin.is_none(), "pin"),
                (identifier.is_none(), identifier_label),
            ]
            .into_iter()
            .filter_map(|(absent, name)| absent.then_some(name))
            .collect();
            Err(ApiError::missing(&missing))
        }
    }
}

/// 1067 for a wrong or missing OTP (counting a failed attempt; the attempt that reaches the
/// tenant's maximum locks the user and answers 1198 itself), 1068 if used, 1069 if expired.
fn verify_otp(
    user: &mut User,
    code: &str,
    settings: &TenantSettings,
    now: SystemTime,
) -> Result<(), ApiError> {
    let Some(otp) = user.otp.as_ref().filter(|otp| otp.code == code) else {
        user.failed_attempts = user.failed_attempts.saturating_add(1);
        if settings.max_otp_attempts > 0 && user.failed_attempts >= settings.max_otp_attempts {
            let until = now + Duration::from_secs(settings.lockout_secs);
            user.locked_until = Some(until);
            user.failed_attempts = 0;
            return Err(ApiError::locked(&iso(until)));
        }
        return Err(ApiError::invalid_otp());
    };
    if otp.used {
        return Err(ApiError::otp_used());
    }
    let age = now.duration_since(otp.issued_at).unwrap_or_default();
    if age >= Duration::from_secs(settings.otp_validity_secs) {
        return Err(ApiError::otp_expired());
    }
    Ok(())
}

/// The `X-PreventWebhook` header wins over the `prevent_webhook` query parameter; values other
/// than true/false (any casing) are ignored.
pub(crate) fn prevent_webhook(query: &Query, headers: &HeaderMap) -> bool {
    let header = headers
        .get("x-preventwebhook")
        .and_then(|v| v.to_str().ok())
        .and_then(parse_bool);
    header
        .or_else(|| query.get("prevent_webhook").and_then(parse_bool))
        .unwrap_or(false)
}
