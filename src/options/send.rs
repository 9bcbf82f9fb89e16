//! `sendResetPinOtp`'s options: who gets the code, and how it is delivered.

use super::rules::{check_api_key, check_reset_pin_url, check_template};
use super::table::{Spec, API_KEY, EMAIL_TEMPLATE, IS_VOICE_OTP, RESET_PIN_URL, SMS_TEMPLATE};
use super::{
    options_issue, pick_identifier, unknown_keys, CaptchaTokens, Connection, Identifier,
    RawOptions, Reader,
};
use crate::error::Issue;
use crate::operation::Operation;
use crate::secret::ApiKey;

/// Options that passed every rule. The delivery options are only ever those of the identifier
/// given: SMS or voice for a phone, the email's template and link for an email or a username.
#[derive(Clone, Debug, PartialEq)]
pub struct SendCodeOptions<'a> {
    pub api_key: ApiKey<'a>,
    pub identifier: Identifier<'a>,
    /// `smstemplate`: the tenant's SMS template (phone only).
    pub sms_template: Option<&'a str>,
    /// `isvoiceotp`: a voice call instead of an SMS (phone only).
    pub is_voice_otp: Option<bool>,
    /// `emailtemplate`: the tenant's forgot-PIN email template (email and username only).
    pub email_template: Option<&'a str>,
    /// `resetpinurl`: where the email's link leads (email and username only).
    pub reset_pin_url: Option<&'a str>,
    pub captcha: CaptchaTokens<'a>,
    pub connection: Connection<'a>,
}

/// The delivery options and the identifiers each belongs to.
const DELIVERY_OPTIONS: [(Spec, Channel); 4] = [
    (SMS_TEMPLATE, Channel::Phone),
    (IS_VOICE_OTP, Channel::Phone),
    (EMAIL_TEMPLATE, Channel::Email),
    (RESET_PIN_URL, Channel::Email),
];

/// How the code travels: to a phone, or in an email (for an email or a username).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Channel {
    Phone,
    Email,
}

impl Channel {
    fn of(identifier: &Identifier<'_>) -> Channel {
        match identifier {
            Identifier::Phone(_) => Channel::Phone,
            Identifier::Email(_) | Identifier::Username(_) => Channel::Email,
        }
    }
}

/// Checks every rule and returns the validated options, which borrow their strings from `raw`,
/// or every issue found.
pub fn validate_send<'a>(raw: &'a RawOptions<'_>) -> Result<SendCodeOptions<'a>, Vec<Issue>> {
    let mut issues = Vec::new();
    unknown_keys(raw, Operation::SendCode, &mut issues);

    let mut read = Reader {
        raw,
        issues: &mut issues,
    };
    let api_key = read.required_string(API_KEY, check_api_key);
    let identifier_values = read.identifier_values();
    let sms_template = read.optional_string(SMS_TEMPLATE, check_template);
    let is_voice_otp = read.optional_bool(IS_VOICE_OTP);
    let email_template = read.optional_string(EMAIL_TEMPLATE, check_template);
    let reset_pin_url = read.optional_string(RESET_PIN_URL, check_reset_pin_url);
    let captcha = read.captcha_values();
    let connection = read.connection();

    let identifier = pick_identifier(raw, identifier_values, &mut issues);
    if let Some(identifier) = &identifier {
        let channel = Channel::of(identifier);
        for (spec, belongs_to) in DELIVERY_OPTIONS {
            if belongs_to != channel && raw.get(spec.name).is_some() {
                issues.push(Issue::new(spec.name, wrong_channel(belongs_to, identifier)));
            }
        }
    }
    let captcha = captcha.pair(raw, &mut issues);

    if !issues.is_empty() {
        return Err(issues);
    }
    match (api_key, identifier) {
        (Some(api_key), Some(identifier)) => Ok(SendCodeOptions {
            api_key: ApiKey::new(api_key),
            identifier,
            sms_template,
            is_voice_otp,
            email_template,
            reset_pin_url,
            captcha,
            connection,
        }),
        // Every None above pushed an issue, so this arm is not reached; answer safely anyway.
        _ => Err(options_issue("are invalid")),
    }
}

fn wrong_channel(belongs_to: Channel, identifier: &Identifier<'_>) -> String {
    let (applies, given) = match belongs_to {
        Channel::Phone => ("to a phone only", identifier.key()),
        Channel::Email => ("to an email or a username only", identifier.key()),
    };
    format!("applies {applies}, but the code goes to the {given} given; leave it out")
}
