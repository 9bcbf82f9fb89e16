//! `POST /identity/v2/auth/pin/forgot/otp`: send a PIN-reset OTP by "SMS" (the tenant outbox).

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use crate::envelope::{posted, ApiError};
use crate::gate::{admit, Admitted};
use crate::params::{body_text, Query};
use crate::state::AppState;
use crate::tenant::{IdentifierKind, OutboxEntry};

pub async fn forgot(
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    // An unreadable or oversized body (over 2 MB) is answered like an invalid one: 1079.
    let body = body.unwrap_or_default();
    let query = Query::parse(raw_query.as_deref());
    match admit(&state, &query, &headers, &body) {
        Ok(admitted) => match handle(&state, admitted) {
            Ok(response) => response,
            Err(error) => error.into_response(),
        },
        Err(rejected) => rejected.into_response(),
    }
}

fn handle(state: &AppState, admitted: Admitted) -> Result<Response, ApiError> {
    let phone = body_text(&admitted.body, "phone").ok_or_else(|| ApiError::missing(&["phone"]))?;
    let mut store = state.store()?;
    let tenant = store
        .tenant_mut(&admitted.api_key)
        .ok_or_else(ApiError::unknown_api_key)?;
    let index = tenant
        .find(IdentifierKind::Phone, &phone)
        .ok_or_else(ApiError::user_not_found)?;
    let otp = tenant
        .issue_otp(index, Duration::ZERO, None)
        .ok_or_else(ApiError::internal)?;
    tenant.outbox.push(OutboxEntry {
        phone: IdentifierKind::Phone.normalize(&phone),
        otp,
    });
    Ok(posted())
}
