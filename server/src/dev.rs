//! Development-only endpoints under `/__dev/`: tenants, users and their states, OTPs, outbox,
//! webhook log, clock, faults. Not part of LoginRadius; tests use them to set up and inspect
//! state.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::json;

use crate::clock::iso;
use crate::faults::{Armed, FaultKind};
use crate::params::Query;
use crate::pin::PinHash;
use crate::state::{AppState, Store};
use crate::tenant::{new_api_key, IdentifierKind, Lockout, NewUser, SettingsPatch, Tenant, User};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tenants", post(create_tenant))
        .route(
            "/tenants/{api_key}/settings",
            get(get_settings).put(update_settings),
        )
        .route("/users", post(create_user).get(get_user))
        .route("/accounts", get(crate::demo::accounts))
        .route("/users/pin", get(check_pin))
        .route("/otp", post(issue_otp))
        .route("/reset-token", post(crate::dev_reset_token::issue))
        .route("/outbox", get(outbox))
        .route("/webhooks", get(webhooks))
        .route(
            "/clock",
            get(crate::dev_clock::read_clock).post(crate::dev_clock::advance_clock),
        )
        .route(
            "/faults",
            get(armed_fault).post(arm_fault).delete(clear_faults),
        )
        .route("/reset", post(reset_all))
}

/// Dev API errors: `{"error": "..."}` with a 4xx/5xx status.
#[derive(Debug)]
pub(crate) struct DevError(pub StatusCode, pub String);

impl DevError {
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        DevError(StatusCode::BAD_REQUEST, message.into())
    }

    fn not_found(message: impl Into<String>) -> Self {
        DevError(StatusCode::NOT_FOUND, message.into())
    }
}

impl IntoResponse for DevError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<crate::envelope::ApiError> for DevError {
    fn from(_: crate::envelope::ApiError) -> Self {
        DevError(StatusCode::INTERNAL_SERVER_ERROR, "internal error".into())
    }
}

type DevResult = Result<Response, DevError>;

/// Parses an optional JSON body: empty means all defaults.
pub(crate) fn parse_body<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, DevError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| DevError::bad_request(format!("invalid body: {e}")))
}

/// The `apikey` query parameter (any casing), which must name an existing tenant.
pub(crate) fn api_key(raw_query: Option<&str>, store: &Store) -> Result<String, DevError> {
    let query = Query::parse(raw_query);
    let key = query
        .non_empty("apikey")
        .ok_or_else(|| DevError::bad_request("the apikey query parameter is required"))?;
    if store.tenant(key).is_none() {
        return Err(DevError::not_found(format!("no tenant with apikey {key}")));
    }
    Ok(key.to_owned())
}

pub(crate) fn tenant_mut<'a>(store: &'a mut Store, key: &str) -> Result<&'a mut Tenant, DevError> {
    store
        .tenant_mut(key)
        .ok_or_else(|| DevError::not_found(format!("no tenant with apikey {key}")))
}

async fn create_tenant(State(state): State<AppState>, body: Bytes) -> DevResult {
    let patch: SettingsPatch = parse_body(&body)?;
    let mut store = state.store()?;
    let mut settings = store.default_settings().clone();
    settings.apply(&patch);
    let api_key = new_api_key();
    store.insert(&api_key, Tenant::new(settings.clone()));
    Ok((
        StatusCode::CREATED,
        Json(json!({ "apiKey": api_key, "settings": settings })),
    )
        .into_response())
}

async fn get_settings(State(state): State<AppState>, Path(key): Path<String>) -> DevResult {
    let mut store = state.store()?;
    let tenant = tenant_mut(&mut store, &key)?;
    Ok(Json(&tenant.settings).into_response())
}

async fn update_settings(
    State(state): State<AppState>,
    Path(key): Path<String>,
    body: Bytes,
) -> DevResult {
    let patch: SettingsPatch = parse_body(&body)?;
    let mut store = state.store()?;
    let tenant = tenant_mut(&mut store, &key)?;
    tenant.settings.apply(&patch);
    Ok(Json(&tenant.settings).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct UserBody {
    email: Option<String>,
    phone: Option<String>,
    username: Option<String>,
    pin: Option<String>,
    /// Only for `/__dev/otp`: how old the new OTP already is.
    age_secs: Option<u64>,
    /// Only for `/__dev/otp`: the code to issue instead of 6 random digits.
    otp: Option<String>,
    /// User state (both endpoints create the user if missing, so both may set it).
    blocked: Option<bool>,
    /// `null` clears a lockout, so "absent" and "null" must differ.
    #[serde(default, deserialize_with = "present")]
    lockout: Option<Option<Lockout>>,
    phone_verified: Option<bool>,
}

/// Wraps a field that is present (even as `null`) in `Some`; absent fields stay `None`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The identifiers a development request names, normalized as the endpoints store them: at
/// least one of them.
pub(crate) fn named_user(
    email: &Option<String>,
    phone: &Option<String>,
    username: &Option<String>,
) -> Result<NewUser, DevError> {
    let norm = |kind: IdentifierKind, v: &Option<String>| {
        v.as_deref()
            .map(|v| kind.normalize(v))
            .filter(|v| !v.is_empty())
    };
    let user = NewUser {
        email: norm(IdentifierKind::Email, email),
        phone: norm(IdentifierKind::Phone, phone),
        username: norm(IdentifierKind::Username, username),
    };
    if user.email.is_none() && user.phone.is_none() && user.username.is_none() {
        return Err(DevError::bad_request(
            "one of email, phone, username is required",
        ));
    }
    Ok(user)
}

impl UserBody {
    fn identifiers(&self) -> Result<NewUser, DevError> {
        named_user(&self.email, &self.phone, &self.username)
    }

    /// Applies the given state fields; absent ones stay as they are.
    fn apply_state(&self, user: &mut User) {
        if let Some(blocked) = self.blocked {
            user.blocked = blocked;
        }
        if let Some(lockout) = self.lockout {
            user.lockout = lockout;
        }
        if let Some(verified) = self.phone_verified {
            user.phone_verified = verified;
        }
    }
}

async fn create_user(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> DevResult {
    let body: UserBody = parse_body(&body)?;
    let identifiers = body.identifiers()?;
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    let index = tenant.find_or_create(identifiers);
    let user = tenant
        .users
        .get_mut(index)
        .ok_or_else(|| DevError::not_found("user vanished"))?;
    if let Some(pin) = &body.pin {
        user.pin = Some(PinHash::new(pin));
    }
    body.apply_state(user);
    Ok((StatusCode::CREATED, Json(json!({ "uid": user.uid }))).into_response())
}

/// Finds a user by `identifier` (email, phone or username) from the query.
fn lookup<'a>(tenant: &'a Tenant, query: &Query) -> Result<&'a User, DevError> {
    let identifier = query
        .non_empty("identifier")
        .ok_or_else(|| DevError::bad_request("the identifier query parameter is required"))?;
    tenant
        .find_any(identifier)
        .and_then(|i| tenant.users.get(i))
        .ok_or_else(|| DevError::not_found(format!("no user with identifier {identifier}")))
}

async fn get_user(State(state): State<AppState>, RawQuery(raw): RawQuery) -> DevResult {
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    let user = lookup(tenant, &Query::parse(raw.as_deref()))?;
    let now = tenant.clock.now();
    Ok(Json(json!({
        "uid": user.uid,
        "email": user.email,
        "phone": user.phone,
        "username": user.username,
        "hasPin": user.pin.is_some(),
        "pinChanges": user.pin_changes,
        "failedAttempts": user.failed_attempts,
        "lockedUntil": user.locked_at(now).map(iso),
        "blocked": user.blocked,
        "lockout": user.lockout,
        "phoneVerified": user.phone_verified,
    }))
    .into_response())
}

async fn check_pin(State(state): State<AppState>, RawQuery(raw): RawQuery) -> DevResult {
    let query = Query::parse(raw.as_deref());
    let pin = query.get("pin").unwrap_or_default();
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    let user = lookup(tenant, &query)?;
    let matches = user.pin.as_ref().is_some_and(|hash| hash.matches(pin));
    Ok(Json(json!({ "matches": matches, "pinChanges": user.pin_changes })).into_response())
}

async fn issue_otp(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> DevResult {
    let body: UserBody = parse_body(&body)?;
    let identifiers = body.identifiers()?;
    let age = Duration::from_secs(body.age_secs.unwrap_or(0));
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    let index = tenant.find_or_create(identifiers);
    let otp = tenant
        .issue_otp(index, age, body.otp.as_deref().filter(|c| !c.is_empty()))
        .ok_or_else(|| DevError::bad_request("ageSecs is too large"))?;
    let validity = Duration::from_secs(tenant.settings.otp_validity_secs);
    let user = tenant
        .users
        .get_mut(index)
        .ok_or_else(|| DevError::not_found("user vanished"))?;
    body.apply_state(user);
    let issued_at = user.otp.as_ref().map(|o| o.issued_at);
    let expires_at = issued_at.unwrap_or_else(|| tenant.clock.now()) + validity;
    Ok(Json(json!({ "otp": otp, "expiresAt": iso(expires_at), "uid": user.uid })).into_response())
}

async fn outbox(State(state): State<AppState>, RawQuery(raw): RawQuery) -> DevResult {
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    Ok(Json(&tenant.outbox).into_response())
}

async fn webhooks(State(state): State<AppState>, RawQuery(raw): RawQuery) -> DevResult {
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    Ok(Json(&tenant.webhooks).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FaultBody {
    fault: String,
    times: Option<u32>,
    delay_ms: Option<u64>,
}

/// Faults are keyed by the raw API key and need no tenant, so they work for unknown keys too.
fn fault_key(raw: Option<&str>) -> Result<String, DevError> {
    Query::parse(raw)
        .non_empty("apikey")
        .map(str::to_owned)
        .ok_or_else(|| DevError::bad_request("the apikey query parameter is required"))
}

async fn arm_fault(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> DevResult {
    let key = fault_key(raw.as_deref())?;
    let body: FaultBody = parse_body(&body)?;
    let kind = FaultKind::parse(&body.fault).ok_or_else(|| {
        let names: Vec<&str> = FaultKind::names().collect();
        DevError::bad_request(format!(
            "unknown fault {:?}; known: {}",
            body.fault,
            names.join(", ")
        ))
    })?;
    let times = body.times.unwrap_or(1);
    let armed = Armed::new(kind, times, body.delay_ms);
    state.faults().arm(&key, armed);
    Ok(Json(json!({
        "fault": body.fault,
        "times": times,
        "delayMs": u64::try_from(armed.delay.as_millis()).unwrap_or(u64::MAX),
    }))
    .into_response())
}

/// Whether a fault is still armed: a test sees its held request arrive when the fault is used up.
async fn armed_fault(State(state): State<AppState>, RawQuery(raw): RawQuery) -> DevResult {
    let key = fault_key(raw.as_deref())?;
    Ok(Json(json!({ "armed": state.faults().peek(&key).is_some() })).into_response())
}

async fn clear_faults(State(state): State<AppState>, RawQuery(raw): RawQuery) -> DevResult {
    let key = fault_key(raw.as_deref())?;
    state.faults().clear(&key);
    Ok(Json(json!({ "cleared": true })).into_response())
}

async fn reset_all(State(state): State<AppState>) -> DevResult {
    state.store()?.reset();
    state.faults().clear_all();
    state.limiter().clear();
    Ok(Json(json!({ "reset": true })).into_response())
}
