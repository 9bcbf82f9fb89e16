//! Typed values out of [`RawOptions`], an issue recorded for each wrong one.

use std::borrow::Cow;

use super::rules::{check_email, check_phone, check_token, check_username, Checked};
use super::{
    CaptchaTokens, Connection, Identifier, RawOptions, RawValue, DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT_MS, MAX_RAW_STRING, MAX_TIMEOUT_MS, TIMEOUT_RULE,
};
use crate::base_url::{self, BaseUrl};
use crate::error::Issue;

/// The one identifier given, from the values [`Reader::identifier_values`] checked; an issue
/// when there is none or more than one.
pub(super) fn pick_identifier<'a>(
    raw: &RawOptions,
    [email, phone, username]: [Option<&'a str>; 3],
    issues: &mut Vec<Issue>,
) -> Option<Identifier<'a>> {
    // One pass, no Vec: the first identifier given, and an issue for each one after it.
    let (mut first, mut given) = (None, 0);
    for key in ["email", "phone", "username"] {
        if raw.get(key).is_none() {
            continue;
        }
        given += 1;
        match first {
            None => first = Some(key),
            Some(first) => issues.push(Issue::new(
                key,
                format!(
                    "cannot be given together with {first}; pass exactly one of email, phone or username"
                ),
            )),
        }
    }
    match given {
        0 => {
            issues.push(Issue::new(
                "identifier",
                "is required: give one of email, phone or username",
            ));
            None
        }
        1 => email
            .map(Identifier::Email)
            .or(phone.map(Identifier::Phone))
            .or(username.map(Identifier::Username)),
        _ => None,
    }
}

/// Reads typed values out of [`RawOptions`], recording an issue for each wrong one. The values
/// borrow from `raw` (lifetime `'r`), not from the reader, so `issues` is free once it is done.
pub(super) struct Reader<'r, 'i> {
    pub(super) raw: &'r RawOptions<'r>,
    pub(super) issues: &'i mut Vec<Issue>,
}

type Check<'r, T> = fn(&'r str) -> Checked<T>;

impl<'r> Reader<'r, '_> {
    fn wrong_type(&mut self, field: &'static str, expected: &str, got: &RawValue) {
        let message: Cow<'static, str> = match got {
            RawValue::Unreadable => "could not be read: its getter threw".into(),
            RawValue::IllFormedString => {
                "contains a lone UTF-16 surrogate, which cannot be sent without changing it".into()
            }
            _ => format!("must be {expected}, got {}", got.type_name()).into(),
        };
        self.issues.push(Issue::new(field, message));
    }

    fn string<T>(
        &mut self,
        field: &'static str,
        value: &'r RawValue,
        check: Check<'r, T>,
    ) -> Option<T> {
        match value {
            RawValue::String(s) => match check(s) {
                Ok(v) => Some(v),
                Err(message) => {
                    self.issues.push(Issue::new(field, message));
                    None
                }
            },
            RawValue::TooLong(_) => {
                self.issues.push(Issue::new(
                    field,
                    format!("is far too long (over {MAX_RAW_STRING} characters)"),
                ));
                None
            }
            other => {
                self.wrong_type(field, "a string", other);
                None
            }
        }
    }

    pub(super) fn required_string<T>(
        &mut self,
        field: &'static str,
        check: Check<'r, T>,
    ) -> Option<T> {
        match self.raw.get(field) {
            Some(value) => self.string(field, value, check),
            None => {
                self.issues.push(Issue::new(field, "is required"));
                None
            }
        }
    }

    pub(super) fn optional_string<T>(
        &mut self,
        field: &'static str,
        check: Check<'r, T>,
    ) -> Option<T> {
        let value = self.raw.get(field)?;
        self.string(field, value, check)
    }

    pub(super) fn optional_bool(&mut self, field: &'static str) -> Option<bool> {
        match self.raw.get(field)? {
            RawValue::Bool(b) => Some(*b),
            other => {
                self.wrong_type(field, "true or false", other);
                None
            }
        }
    }

    fn optional_timeout(&mut self) -> Option<u32> {
        match self.raw.get("timeoutMs")? {
            RawValue::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= MAX_TIMEOUT_MS as f64 => {
                Some(*n as u32)
            }
            RawValue::Number(_) => {
                self.issues.push(Issue::new("timeoutMs", TIMEOUT_RULE));
                None
            }
            other => {
                self.wrong_type("timeoutMs", "a number", other);
                None
            }
        }
    }

    /// `email`, `phone` and `username`, each checked by its rule, in that order.
    pub(super) fn identifier_values(&mut self) -> [Option<&'r str>; 3] {
        [
            self.optional_string("email", check_email),
            self.optional_string("phone", check_phone),
            self.optional_string("username", check_username),
        ]
    }

    /// The captcha tokens, each checked; [`CaptchaValues::pair`] then matches the QQ pair.
    pub(super) fn captcha_values(&mut self) -> CaptchaValues<'r> {
        CaptchaValues {
            g_recaptcha_response: self.optional_string("gRecaptchaResponse", check_token),
            g_recaptcha_response_alt: self.optional_string("gRecaptchaResponseAlt", check_token),
            h_captcha_response: self.optional_string("hCaptchaResponse", check_token),
            qq_ticket: self.optional_string("qqCaptchaTicket", check_token),
            qq_randstr: self.optional_string("qqCaptchaRandstr", check_token),
        }
    }

    /// `baseUrl`, `timeoutMs`, `signal` and `fetch`, with their defaults.
    pub(super) fn connection(&mut self) -> Connection<'r> {
        let base_url = self.optional_string("baseUrl", base_url::check);
        let timeout_ms = self.optional_timeout();
        Connection {
            base_url: BaseUrl::new(base_url.unwrap_or(Cow::Borrowed(DEFAULT_BASE_URL))),
            timeout_ms: timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
            has_signal: self.optional_kind("signal", &RawValue::AbortSignal, "an AbortSignal"),
            has_fetch: self.optional_kind("fetch", &RawValue::Function, "a function"),
        }
    }

    /// Whether an option of one exact JavaScript kind (`signal`, `fetch`) was given.
    fn optional_kind(&mut self, field: &'static str, kind: &RawValue, expected: &str) -> bool {
        match self.raw.get(field) {
            None => false,
            // Both are unit variants: same variant, same value (and no derived `PartialEq` code).
            Some(value) if core::mem::discriminant(value) == core::mem::discriminant(kind) => true,
            Some(other) => {
                self.wrong_type(field, expected, other);
                false
            }
        }
    }
}

/// The captcha tokens as checked, before the QQ ticket and random string are matched up.
pub(super) struct CaptchaValues<'a> {
    g_recaptcha_response: Option<&'a str>,
    g_recaptcha_response_alt: Option<&'a str>,
    h_captcha_response: Option<&'a str>,
    qq_ticket: Option<&'a str>,
    qq_randstr: Option<&'a str>,
}

impl<'a> CaptchaValues<'a> {
    /// The tokens to send; an issue when one half of the QQ pair is missing.
    pub(super) fn pair(self, raw: &RawOptions, issues: &mut Vec<Issue>) -> CaptchaTokens<'a> {
        let qq_ticket_and_randstr = match (self.qq_ticket, self.qq_randstr) {
            (Some(ticket), Some(randstr)) => Some((ticket, randstr)),
            (None, None) => None,
            (Some(_), None) if raw.get("qqCaptchaRandstr").is_none() => {
                issues.push(Issue::new(
                    "qqCaptchaRandstr",
                    "is required when qqCaptchaTicket is given (the two go together)",
                ));
                None
            }
            (None, Some(_)) if raw.get("qqCaptchaTicket").is_none() => {
                issues.push(Issue::new(
                    "qqCaptchaTicket",
                    "is required when qqCaptchaRandstr is given (the two go together)",
                ));
                None
            }
            _ => None, // the other one is present but invalid: already reported
        };
        CaptchaTokens {
            g_recaptcha_response: self.g_recaptcha_response,
            g_recaptcha_response_alt: self.g_recaptcha_response_alt,
            h_captcha_response: self.h_captcha_response,
            qq_ticket_and_randstr,
        }
    }
}
