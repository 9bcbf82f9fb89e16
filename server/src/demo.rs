//! The demo's accounts (`--demo-accounts`, set by `scripts/demo.sh`): one per identifier kind on
//! the default tenant, so the demo page's first "Send me a code" reaches a real account. Tests
//! start with empty tenants and seed what they need. `GET /__dev/accounts` lists a tenant's
//! accounts, so the page can offer them.

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::dev::{api_key, tenant_mut, DevError};
use crate::state::AppState;
use crate::tenant::{IdentifierKind, NewUser, Tenant};

/// `(email, phone, username)` of each demo account: an email, a phone (verified, the number the
/// page's hint shows) and a username whose code goes to its email address.
const ACCOUNTS: [(Option<&str>, Option<&str>, Option<&str>); 3] = [
    (Some("ada@example.com"), None, None),
    (None, Some("+919876543210"), None),
    (Some("grace@example.com"), None, Some("grace")),
];

/// The most accounts `/__dev/accounts` lists (a load run's tenant has thousands).
const LISTED: usize = 20;

/// Adds the demo accounts to `tenant` (again harmlessly: a user is found by its identifiers).
pub fn seed(tenant: &mut Tenant) {
    for (email, phone, username) in ACCOUNTS {
        let norm = |kind: IdentifierKind, value: Option<&str>| value.map(|v| kind.normalize(v));
        let index = tenant.find_or_create(NewUser {
            email: norm(IdentifierKind::Email, email),
            phone: norm(IdentifierKind::Phone, phone),
            username: norm(IdentifierKind::Username, username),
        });
        if let Some(user) = tenant.users.get_mut(index) {
            user.phone_verified = true;
        }
    }
}

/// `GET /__dev/accounts?apikey=K`: the tenant's first accounts, oldest first.
pub async fn accounts(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, DevError> {
    let mut store = state.store()?;
    let key = api_key(raw.as_deref(), &store)?;
    let tenant = tenant_mut(&mut store, &key)?;
    let listed: Vec<Value> = tenant
        .users
        .iter()
        .take(LISTED)
        .map(|user| {
            json!({
                "email": user.email,
                "phone": user.phone,
                "username": user.username,
                "phoneVerified": user.phone_verified,
            })
        })
        .collect();
    Ok(Json(json!({ "accounts": listed, "total": tenant.users.len() })).into_response())
}
