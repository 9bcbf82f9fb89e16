//! `resetPinWithToken`'s options: the token the forgot-PIN email's link carried, the new PIN and
//! the webhook switches. The token names the user, so there is no identifier.

use super::rules::{check_api_key, check_pin, check_reset_token};
use super::table::{API_KEY, PIN, PREVENT_WEBHOOK, RESET_TOKEN, X_PREVENT_WEBHOOK};
use super::{options_issue, unknown_keys, CaptchaTokens, Connection, RawOptions, Reader};
use crate::error::Issue;
use crate::operation::Operation;
use crate::secret::{ApiKey, Secret};

/// Options that passed every rule. `Debug` never shows the token or the PIN and masks the key.
#[derive(Clone, Debug, PartialEq)]
pub struct ResetPinWithTokenOptions<'a> {
    pub api_key: ApiKey<'a>,
    /// A secret like the OTP: it resets the PIN once, so it travels in the body only.
    pub reset_token: Secret<'a>,
    pub pin: Secret<'a>,
    pub prevent_webhook: Option<bool>,
    pub x_prevent_webhook: Option<bool>,
    pub captcha: CaptchaTokens<'a>,
    pub connection: Connection<'a>,
}

/// Checks every rule and returns the validated options, which borrow their strings from `raw`,
/// or every issue found.
pub fn validate_token<'a>(
    raw: &'a RawOptions<'_>,
) -> Result<ResetPinWithTokenOptions<'a>, Vec<Issue>> {
    let mut issues = Vec::new();
    unknown_keys(raw, Operation::ResetPinWithToken, &mut issues);

    let mut read = Reader {
        raw,
        issues: &mut issues,
    };
    let api_key = read.required_string(API_KEY, check_api_key);
    let reset_token = read.required_string(RESET_TOKEN, check_reset_token);
    let pin = read.required_string(PIN, check_pin);
    let prevent_webhook = read.optional_bool(PREVENT_WEBHOOK);
    let x_prevent_webhook = read.optional_bool(X_PREVENT_WEBHOOK);
    let captcha = read.captcha_values();
    let connection = read.connection();
    let captcha = captcha.pair(raw, &mut issues);

    if !issues.is_empty() {
        return Err(issues);
    }
    match (api_key, reset_token, pin) {
        (Some(api_key), Some(reset_token), Some(pin)) => Ok(ResetPinWithTokenOptions {
            api_key: ApiKey::new(api_key),
            reset_token: Secret::new(reset_token),
            pin: Secret::new(pin),
            prevent_webhook,
            x_prevent_webhook,
            captcha,
            connection,
        }),
        // Every None above pushed an issue, so this arm is not reached; answer safely anyway.
        _ => Err(options_issue("are invalid")),
    }
}
