//! `/__dev/clock`: reads, freezes, restarts and moves one tenant's clock.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::clock::{iso, Clock, MAX_OFFSET};
use crate::dev::{api_key, parse_body, tenant_mut, DevError};
use crate::state::AppState;

type DevResult = Result<Response, DevError>;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClockBody {
    advance_ms: Option<u64>,
    /// `true` stops this tenant's time (only `advanceMs` moves it then); `false` restarts it.
    freeze: Option<bool>,
}

fn clock_json(clock: &Clock) -> Response {
    Json(json!({
        "now": iso(clock.now()),
        "offsetMs": u64::try_from(clock.offset().as_millis()).unwrap_or(u64::MAX),
        "frozen": clock.is_frozen(),
    }))
    .into_response()
}

pub async fn read_clock(State(state): State<AppState>, RawQuery(raw): RawQuery) -> DevResult {
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    Ok(clock_json(&tenant.clock))
}

/// Freezes, restarts and moves one tenant's clock forward: OTP ages, lockouts and rate-limit
/// windows follow it.
pub async fn advance_clock(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> DevResult {
    let body: ClockBody = parse_body(&body)?;
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    match body.freeze {
        Some(true) => tenant.clock.freeze(),
        Some(false) => tenant.clock.thaw(),
        None => {}
    }
    if !tenant
        .clock
        .advance(Duration::from_millis(body.advance_ms.unwrap_or(0)))
    {
        return Err(DevError::bad_request(format!(
            "the clock may move at most {} days ahead in all",
            MAX_OFFSET.as_secs() / 86_400
        )));
    }
    Ok(clock_json(&tenant.clock))
}
