//! One tenant (one API key): its settings, clock, users, OTPs, outbox and webhook log.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::config::Config;
use crate::outbox::OutboxEntry;
use crate::pin::PinHash;
use crate::reset_link::ResetTokens;

/// Default lifetime of a reset link's token (LoginRadius documents none; a link lives longer
/// than a typed code).
const RESET_TOKEN_VALIDITY_SECS: u64 = 900;

/// Per-tenant behaviour, set from the CLI for the default tenant and via `/__dev/tenants`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantSettings {
    pub otp_validity_secs: u64,
    pub max_otp_attempts: u32,
    pub lockout_secs: u64,
    pub rate_limit: u32,
    pub bot_protection: bool,
    pub trial_expired: bool,
    pub auth_failure: bool,
    pub pin_alphanumeric: bool,
    pub pin_min_length: usize,
    pub pin_max_length: usize,
    /// Off: every PIN endpoint answers 1233.
    pub pin_authentication: bool,
    /// Off: requests naming a phone answer 1074.
    pub phone_login: bool,
    pub username_login: UsernameLogin,
    /// Lifetime of the forgot-PIN email's reset link.
    pub reset_token_validity_secs: u64,
}

/// The tenant's username-login mode, which decides 1238 and 1183.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UsernameLogin {
    /// Every identifier works.
    Allowed,
    /// Requests naming a username answer 1238.
    Disabled,
    /// Requests naming an email answer 1183.
    Required,
}

impl TenantSettings {
    pub fn from_config(config: &Config) -> Self {
        TenantSettings {
            otp_validity_secs: config.otp_validity_secs,
            max_otp_attempts: config.max_otp_attempts,
            lockout_secs: config.lockout_secs,
            rate_limit: config.rate_limit,
            bot_protection: config.bot_protection,
            trial_expired: false,
            auth_failure: false,
            pin_alphanumeric: false,
            pin_min_length: 4,
            pin_max_length: 12,
            pin_authentication: true,
            phone_login: true,
            username_login: UsernameLogin::Allowed,
            reset_token_validity_secs: RESET_TOKEN_VALIDITY_SECS,
        }
    }

    pub fn apply(&mut self, patch: &SettingsPatch) {
        // Each field is optional so a test can change one setting and keep the rest.
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = patch.$f { self.$f = v; } )* };
        }
        set!(
            otp_validity_secs,
            max_otp_attempts,
            lockout_secs,
            rate_limit,
            bot_protection,
            trial_expired,
            auth_failure,
            pin_alphanumeric,
            pin_min_length,
            pin_max_length,
            pin_authentication,
            phone_login,
            username_login,
            reset_token_validity_secs
        );
    }
}

/// A partial update of [`TenantSettings`]; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsPatch {
    pub otp_validity_secs: Option<u64>,
    pub max_otp_attempts: Option<u32>,
    pub lockout_secs: Option<u64>,
    pub rate_limit: Option<u32>,
    pub bot_protection: Option<bool>,
    pub trial_expired: Option<bool>,
    pub auth_failure: Option<bool>,
    pub pin_alphanumeric: Option<bool>,
    pub pin_min_length: Option<usize>,
    pub pin_max_length: Option<usize>,
    pub pin_authentication: Option<bool>,
    pub phone_login: Option<bool>,
    pub username_login: Option<UsernameLogin>,
    pub reset_token_validity_secs: Option<u64>,
}

/// Which body field names the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentifierKind {
    Email,
    Phone,
    Username,
}

impl IdentifierKind {
    pub const ALL: [IdentifierKind; 3] = [Self::Email, Self::Phone, Self::Username];

    /// The (lowercase) JSON field name.
    pub fn field(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Username => "username",
        }
    }

    pub fn from_field(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.field().eq_ignore_ascii_case(name))
    }

    /// Emails and usernames are matched case-insensitively (usernames are stored lowercase);
    /// phone numbers are matched as given, without surrounding spaces.
    pub fn normalize(self, value: &str) -> String {
        match self {
            Self::Email | Self::Username => value.trim().to_lowercase(),
            Self::Phone => value.trim().to_owned(),
        }
    }
}

/// A one-time password issued to a user.
#[derive(Debug, Clone)]
pub struct Otp {
    pub code: String,
    pub issued_at: SystemTime,
    pub used: bool,
}

/// A lockout that no waiting ends, set through `/__dev/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Lockout {
    /// 1132: a captcha must be solved.
    Captcha,
    /// 1148: the security question must be answered.
    SecurityQuestion,
}

#[derive(Debug, Clone)]
pub struct User {
    pub uid: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub username: Option<String>,
    pub pin: Option<PinHash>,
    pub pin_changes: u32,
    pub failed_attempts: u32,
    pub locked_until: Option<SystemTime>,
    pub otp: Option<Otp>,
    /// Set through `/__dev/`: answers 991.
    pub blocked: bool,
    /// Set through `/__dev/`: answers 1132 or 1148 until cleared.
    pub lockout: Option<Lockout>,
    /// Set through `/__dev/` (default true): false answers 1066 to requests naming the phone.
    pub phone_verified: bool,
}

impl User {
    /// The lockout end, if the user is locked at `now`.
    pub fn locked_at(&self, now: SystemTime) -> Option<SystemTime> {
        self.locked_until.filter(|until| *until > now)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct WebhookEvent {
    pub event: String,
    pub uid: String,
}

#[derive(Debug, Clone)]
pub struct Tenant {
    pub settings: TenantSettings,
    /// This tenant's "now" (moved forward by `/__dev/clock`).
    pub clock: Clock,
    /// The `Data.AccountSid` of this tenant's SMS and voice sends (one SMS account per tenant).
    pub account_sid: String,
    /// Added only by [`Tenant::find_or_create`], never removed, and their identifiers never
    /// change: that keeps `index` exact.
    pub users: Vec<User>,
    pub outbox: Vec<OutboxEntry>,
    pub webhooks: Vec<WebhookEvent>,
    /// The forgot-PIN emails' reset-link tokens.
    pub reset_tokens: ResetTokens,
    /// Normalized identifier → position in `users`, so a lookup costs the same for 10 users as
    /// for 100,000 (a load run creates that many).
    index: HashMap<(IdentifierKind, String), usize>,
}

/// Identifiers for a new user, already normalized.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub username: Option<String>,
}

impl Tenant {
    pub fn new(settings: TenantSettings) -> Self {
        Tenant {
            settings,
            clock: Clock::default(),
            account_sid: format!("AC{}", random_hex()),
            users: Vec::new(),
            outbox: Vec::new(),
            webhooks: Vec::new(),
            reset_tokens: ResetTokens::default(),
            index: HashMap::new(),
        }
    }

    /// Index of the user whose `kind` identifier equals `value` (after normalization).
    pub fn find(&self, kind: IdentifierKind, value: &str) -> Option<usize> {
        self.index.get(&(kind, kind.normalize(value))).copied()
    }

    /// Index of the user matching `value` as an email, phone or username.
    pub fn find_any(&self, value: &str) -> Option<usize> {
        IdentifierKind::ALL
            .into_iter()
            .find_map(|kind| self.find(kind, value))
    }

    /// Index of an existing user sharing any identifier with `new`, or of a newly added one.
    pub fn find_or_create(&mut self, new: NewUser) -> usize {
        let existing = [
            (IdentifierKind::Email, &new.email),
            (IdentifierKind::Phone, &new.phone),
            (IdentifierKind::Username, &new.username),
        ]
        .into_iter()
        .find_map(|(kind, value)| value.as_deref().and_then(|v| self.find(kind, v)));
        if let Some(index) = existing {
            return index;
        }
        let position = self.users.len();
        for (kind, value) in [
            (IdentifierKind::Email, &new.email),
            (IdentifierKind::Phone, &new.phone),
            (IdentifierKind::Username, &new.username),
        ] {
            if let Some(value) = value {
                self.index.insert((kind, value.clone()), position);
            }
        }
        self.users.push(User {
            uid: new_uid(),
            email: new.email,
            phone: new.phone,
            username: new.username,
            pin: None,
            pin_changes: 0,
            failed_attempts: 0,
            locked_until: None,
            otp: None,
            blocked: false,
            lockout: None,
            phone_verified: true,
        });
        position
    }

    /// Gives the user a fresh OTP issued `age` before the tenant's now (`code`, or 6 random
    /// digits); returns it.
    pub fn issue_otp(&mut self, index: usize, age: Duration, code: Option<&str>) -> Option<String> {
        let code = code.map_or_else(
            || format!("{:06}", rand::thread_rng().gen_range(0..1_000_000)),
            str::to_owned,
        );
        let issued_at = self.clock.now().checked_sub(age)?;
        let user = self.users.get_mut(index)?;
        user.otp = Some(Otp {
            code: code.clone(),
            issued_at,
            used: false,
        });
        Some(code)
    }
}

/// A LoginRadius-style uid: 32 lowercase hex digits.
fn new_uid() -> String {
    random_hex()
}

/// 16 random bytes as 32 lowercase hex digits (uids, Twilio-style SIDs).
pub fn random_hex() -> String {
    let bytes: [u8; 16] = rand::thread_rng().gen();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random API key in GUID form (version 4 layout).
pub fn new_api_key() -> String {
    let mut b: [u8; 16] = rand::thread_rng().gen();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Whether `key` has the GUID shape `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex digits).
pub fn is_guid(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_shape() {
        assert!(is_guid("4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21"));
        assert!(is_guid("4F4B8C6E-2F1A-4C3D-9B8E-7A6D5C4B3A21"));
        assert!(is_guid(&new_api_key()));
        for bad in [
            "",
            "4f4b8c6e2f1a4c3d9b8e7a6d5c4b3a21",
            "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a2g",
            "-----",
        ] {
            assert!(!is_guid(bad), "{bad}");
        }
    }

    #[test]
    fn identifiers_match_by_kind() {
        let mut tenant = Tenant::new(TenantSettings::from_config(&Config::default()));
        let i = tenant.find_or_create(NewUser {
            email: Some("a@b.co".into()),
            username: Some("joe".into()),
            ..NewUser::default()
        });
        assert_eq!(tenant.find(IdentifierKind::Email, " A@B.CO "), Some(i));
        assert_eq!(tenant.find(IdentifierKind::Username, "JOE"), Some(i));
        assert_eq!(tenant.find(IdentifierKind::Phone, "joe"), None);
        assert_eq!(tenant.find_any("Joe"), Some(i));
    }
}
