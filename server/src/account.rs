//! The account checks every PIN endpoint runs once it knows who the request names: the user
//! exists (938), is not blocked (991), not locked by captcha or security question (1132,
//! 1148), has a verified phone when named by it (1066) and is not in a timed lockout (1198).

use std::time::SystemTime;

use crate::clock::iso;
use crate::envelope::ApiError;
use crate::tenant::{IdentifierKind, Lockout, Tenant};

/// Index of the user named by `kind`/`identifier`, if that account may go on at `now`.
pub fn admit_user(
    tenant: &Tenant,
    kind: IdentifierKind,
    identifier: &str,
    now: SystemTime,
) -> Result<usize, ApiError> {
    let index = tenant
        .find(kind, identifier)
        .ok_or_else(ApiError::user_not_found)?;
    let user = tenant.users.get(index).ok_or_else(ApiError::internal)?;
    if user.blocked {
        return Err(ApiError::blocked());
    }
    match user.lockout {
        Some(Lockout::Captcha) => return Err(ApiError::captcha_lockout()),
        Some(Lockout::SecurityQuestion) => return Err(ApiError::security_question_lockout()),
        None => {}
    }
    if kind == IdentifierKind::Phone && !user.phone_verified {
        return Err(ApiError::phone_not_verified());
    }
    if let Some(until) = user.locked_at(now) {
        return Err(ApiError::locked(&iso(until)));
    }
    Ok(index)
}
