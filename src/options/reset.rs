//! `resetPinWithOtp`'s options: the code and the new PIN, the path segment, the webhook switches.

use super::rules::{check_api_key, check_otp, check_pin, check_type};
use super::table::{API_KEY, OTP, PIN, PREVENT_WEBHOOK, TYPE, X_PREVENT_WEBHOOK};
use super::{
    options_issue, pick_identifier, unknown_keys, CaptchaTokens, Connection, Identifier,
    RawOptions, Reader,
};
use crate::error::Issue;
use crate::operation::Operation;
use crate::secret::{ApiKey, Secret};

/// The `{type}` path segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathType {
    /// One path per identifier: what the live service and every hand-written SDK use.
    Email,
    Phone,
    Username,
    /// The seed document's ReAuth-MFA values; the identifier then travels only in the body.
    Otp,
    BackupCode,
    GoogleAuthenticatorCode,
    AuthenticatorCode,
}

impl PathType {
    pub(super) const ALL: [PathType; 7] = [
        PathType::Email,
        PathType::Phone,
        PathType::Username,
        PathType::Otp,
        PathType::BackupCode,
        PathType::GoogleAuthenticatorCode,
        PathType::AuthenticatorCode,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PathType::Email => "email",
            PathType::Phone => "phone",
            PathType::Username => "username",
            PathType::Otp => "otp",
            PathType::BackupCode => "backupcode",
            PathType::GoogleAuthenticatorCode => "googleauthenticatorcode",
            PathType::AuthenticatorCode => "authenticatorcode",
        }
    }

    pub(super) fn parse(s: &str) -> Option<PathType> {
        PathType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The identifier kind this segment names, for the three live forms.
    fn identifier_key(self) -> Option<&'static str> {
        match self {
            PathType::Email => Some("email"),
            PathType::Phone => Some("phone"),
            PathType::Username => Some("username"),
            _ => None,
        }
    }

    fn for_identifier(identifier: &Identifier<'_>) -> PathType {
        match identifier {
            Identifier::Email(_) => PathType::Email,
            Identifier::Phone(_) => PathType::Phone,
            Identifier::Username(_) => PathType::Username,
        }
    }
}

/// Options that passed every rule. `Debug` never shows the PIN or OTP and masks the key.
#[derive(Clone, Debug, PartialEq)]
pub struct ResetPinOptions<'a> {
    pub api_key: ApiKey<'a>,
    pub otp: Secret<'a>,
    pub pin: Secret<'a>,
    pub identifier: Identifier<'a>,
    pub path_type: PathType,
    pub prevent_webhook: Option<bool>,
    pub x_prevent_webhook: Option<bool>,
    pub captcha: CaptchaTokens<'a>,
    pub connection: Connection<'a>,
}

/// Checks every rule and returns the validated options, which borrow their strings from `raw`,
/// or every issue found.
pub fn validate<'a>(raw: &'a RawOptions<'_>) -> Result<ResetPinOptions<'a>, Vec<Issue>> {
    let mut issues = Vec::new();
    unknown_keys(raw, Operation::ResetPin, &mut issues);

    let mut read = Reader {
        raw,
        issues: &mut issues,
    };
    let api_key = read.required_string(API_KEY, check_api_key);
    let otp = read.required_string(OTP, check_otp);
    let pin = read.required_string(PIN, check_pin);
    let identifier_values = read.identifier_values();
    let path_type = read.optional_string(TYPE, check_type);
    let prevent_webhook = read.optional_bool(PREVENT_WEBHOOK);
    let x_prevent_webhook = read.optional_bool(X_PREVENT_WEBHOOK);
    let captcha = read.captcha_values();
    let connection = read.connection();

    let identifier = pick_identifier(raw, identifier_values, &mut issues);
    let path_type = match (path_type, &identifier) {
        (Some(t), Some(id)) => match t.identifier_key() {
            Some(kind) if kind != id.key() => {
                issues.push(Issue::new(
                    TYPE.name,
                    format!(
                        "is \"{}\" but the identifier given is {}; use type \"{}\" or leave type out",
                        t.as_str(),
                        id.key(),
                        id.key()
                    ),
                ));
                None
            }
            _ => Some(t),
        },
        (None, Some(id)) => Some(PathType::for_identifier(id)),
        _ => None,
    };
    let captcha = captcha.pair(raw, &mut issues);

    if !issues.is_empty() {
        return Err(issues);
    }
    match (api_key, otp, pin, identifier, path_type) {
        (Some(api_key), Some(otp), Some(pin), Some(identifier), Some(path_type)) => {
            Ok(ResetPinOptions {
                api_key: ApiKey::new(api_key),
                otp: Secret::new(otp),
                pin: Secret::new(pin),
                identifier,
                path_type,
                prevent_webhook,
                x_prevent_webhook,
                captcha,
                connection,
            })
        }
        // Every None above pushed an issue, so this arm is not reached; answer safely anyway.
        _ => Err(options_issue("are invalid")),
    }
}
