//! Typed values out of [`RawOptions`], an issue recorded for each wrong one.

use std::borrow::Cow;

use super::rules::{check_email, check_phone, check_token, check_username, Checked};
use super::table::{
    Spec, Type, BASE_URL, EMAIL, FETCH, G_RECAPTCHA_RESPONSE, G_RECAPTCHA_RESPONSE_ALT,
    H_CAPTCHA_RESPONSE, PHONE, QQ_CAPTCHA_RANDSTR, QQ_CAPTCHA_TICKET, SIGNAL, TIMEOUT_MS, USERNAME,
};
use super::{
    CaptchaTokens, Connection, Identifier, RawOptions, RawValue, DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT_MS, MAX_RAW_STRING, MAX_TIMEOUT_MS,
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
    for key in [EMAIL.name, PHONE.name, USERNAME.name] {
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
    fn wrong_type(&mut self, spec: Spec, got: &RawValue) {
        let message: Cow<'static, str> = match got {
            RawValue::Unreadable => "could not be read: its getter threw".into(),
            RawValue::IllFormedString => {
                "contains a lone UTF-16 surrogate, which cannot be sent without changing it".into()
            }
            _ => format!("must be {}, got {}", spec.ty.expected(), got.type_name()).into(),
        };
        self.issues.push(Issue::new(spec.name, message));
    }

    fn string<T>(&mut self, spec: Spec, value: &'r RawValue, check: Check<'r, T>) -> Option<T> {
        match value {
            RawValue::String(s) => match check(s) {
                Ok(v) => Some(v),
                Err(message) => {
                    self.issues.push(Issue::new(spec.name, message));
                    None
                }
            },
            RawValue::TooLong(_) => {
                self.issues.push(Issue::new(
                    spec.name,
                    format!("is far too long (over {MAX_RAW_STRING} characters)"),
                ));
                None
            }
            other => {
                self.wrong_type(spec, other);
                None
            }
        }
    }

    pub(super) fn required_string<T>(&mut self, spec: Spec, check: Check<'r, T>) -> Option<T> {
        match self.raw.get(spec.name) {
            Some(value) => self.string(spec, value, check),
            None => {
                self.issues.push(Issue::new(spec.name, "is required"));
                None
            }
        }
    }

    pub(super) fn optional_string<T>(&mut self, spec: Spec, check: Check<'r, T>) -> Option<T> {
        let value = self.raw.get(spec.name)?;
        self.string(spec, value, check)
    }

    pub(super) fn optional_bool(&mut self, spec: Spec) -> Option<bool> {
        match self.raw.get(spec.name)? {
            RawValue::Bool(b) => Some(*b),
            other => {
                self.wrong_type(spec, other);
                None
            }
        }
    }

    fn optional_timeout(&mut self) -> Option<u32> {
        match self.raw.get(TIMEOUT_MS.name)? {
            RawValue::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= MAX_TIMEOUT_MS as f64 => {
                Some(*n as u32)
            }
            RawValue::Number(_) => {
                self.issues.push(Issue::new(
                    TIMEOUT_MS.name,
                    format!("must be a whole number of milliseconds from 1 to {MAX_TIMEOUT_MS}"),
                ));
                None
            }
            other => {
                self.wrong_type(TIMEOUT_MS, other);
                None
            }
        }
    }

    /// `email`, `phone` and `username`, each checked by its rule, in that order.
    pub(super) fn identifier_values(&mut self) -> [Option<&'r str>; 3] {
        [
            self.optional_string(EMAIL, check_email),
            self.optional_string(PHONE, check_phone),
            self.optional_string(USERNAME, check_username),
        ]
    }

    /// The captcha tokens, each checked; [`CaptchaValues::pair`] then matches the QQ pair.
    pub(super) fn captcha_values(&mut self) -> CaptchaValues<'r> {
        CaptchaValues {
            g_recaptcha_response: self.optional_string(G_RECAPTCHA_RESPONSE, check_token),
            g_recaptcha_response_alt: self.optional_string(G_RECAPTCHA_RESPONSE_ALT, check_token),
            h_captcha_response: self.optional_string(H_CAPTCHA_RESPONSE, check_token),
            qq_ticket: self.optional_string(QQ_CAPTCHA_TICKET, check_token),
            qq_randstr: self.optional_string(QQ_CAPTCHA_RANDSTR, check_token),
        }
    }

    /// `baseUrl`, `timeoutMs`, `signal` and `fetch`, with their defaults.
    pub(super) fn connection(&mut self) -> Connection<'r> {
        let base_url = self.optional_string(BASE_URL, base_url::check);
        let timeout_ms = self.optional_timeout();
        Connection {
            base_url: BaseUrl::new(base_url.unwrap_or(Cow::Borrowed(DEFAULT_BASE_URL))),
            timeout_ms: timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
            has_signal: self.optional_kind(SIGNAL),
            has_fetch: self.optional_kind(FETCH),
        }
    }

    /// Whether an option of one exact JavaScript kind (`signal`, `fetch`) was given.
    fn optional_kind(&mut self, spec: Spec) -> bool {
        match (spec.ty, self.raw.get(spec.name)) {
            (_, None) => false,
            (Type::AbortSignal, Some(RawValue::AbortSignal))
            | (Type::Function, Some(RawValue::Function)) => true,
            (_, Some(other)) => {
                self.wrong_type(spec, other);
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
            (Some(_), None) if raw.get(QQ_CAPTCHA_RANDSTR.name).is_none() => {
                issues.push(Issue::new(
                    QQ_CAPTCHA_RANDSTR.name,
                    "is required when qqCaptchaTicket is given (the two go together)",
                ));
                None
            }
            (None, Some(_)) if raw.get(QQ_CAPTCHA_TICKET.name).is_none() => {
                issues.push(Issue::new(
                    QQ_CAPTCHA_TICKET.name,
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
