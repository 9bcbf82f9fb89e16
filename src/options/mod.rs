//! The options of the package's calls: what the caller may pass, and the rules each must meet.
//!
//! The wasm layer turns the caller's object into [`RawOptions`] (key, JavaScript type, value)
//! without judging anything; every rule lives here so it is tested natively and reported all at
//! once, one [`Issue`] per problem. The parts both calls share (the API key, the identifier, the
//! captcha tokens, where and how to connect) are read here once; `reset` and `send` hold what is
//! their own.

mod reset;
mod rules;
mod send;

pub use reset::{validate, PathType, ResetPinOptions, OPTION_NAMES};
pub use send::{validate_send, SendCodeOptions, SEND_OPTION_NAMES};

use std::borrow::Cow;

use crate::base_url::{self, BaseUrl};
use crate::error::Issue;
use crate::operation::Operation;
use crate::text::contains_str;
pub(crate) use crate::text::{clip, has_space_or_control};
use rules::{check_email, check_phone, check_token, check_username, Checked};

/// Longest string the wasm layer copies out of JavaScript; longer ones arrive as
/// [`RawValue::TooLong`] so a 10 MB string never enters wasm memory.
pub const MAX_RAW_STRING: u32 = 16 * 1024;
/// More keys than any real options object has; the wasm layer stops reading past it.
pub const MAX_KEYS: u32 = 64;

pub const DEFAULT_BASE_URL: &str = "https://api.loginradius.com";
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
pub const MAX_TIMEOUT_MS: u32 = 600_000;
/// The `timeoutMs` rule as a literal, which crosses to JavaScript without decoding (see
/// `Issue`); a test checks it quotes [`MAX_TIMEOUT_MS`].
const TIMEOUT_RULE: &str = "must be a whole number of milliseconds from 1 to 600000";
const MAX_CAPTCHA_LEN: usize = 8192;
const MAX_TEMPLATE_CHARS: usize = 128;
const MAX_LINK_LEN: usize = 2048;
const MAX_OTP_LEN: usize = 32;
const MAX_PIN_CHARS: usize = 64;
const MAX_EMAIL_CHARS: usize = 254;
const MAX_USERNAME_CHARS: usize = 32;
/// Longest option name echoed back in an issue: a hostile key is cut there.
pub const MAX_ECHOED_KEY: usize = 64;

/// One option value as JavaScript saw it, before any rule is applied. Strings borrow from the
/// wasm layer's one copy of the options when they can: no allocation per value.
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue<'a> {
    /// `undefined`: treated as if the key were absent.
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Cow<'a, str>),
    /// A string longer than [`MAX_RAW_STRING`] UTF-16 units; its length.
    TooLong(u32),
    /// A string holding a lone surrogate, which cannot be sent without changing it.
    IllFormedString,
    Function,
    AbortSignal,
    Array,
    Object,
    /// bigint, symbol: named by their `typeof`.
    Other(&'static str),
    /// Reading the property threw (a throwing getter or Proxy trap).
    Unreadable,
}

impl RawValue<'_> {
    fn type_name(&self) -> &'static str {
        match self {
            RawValue::Undefined => "undefined",
            RawValue::Null => "null",
            RawValue::Bool(_) => "a boolean",
            RawValue::Number(_) => "a number",
            RawValue::String(_) | RawValue::TooLong(_) | RawValue::IllFormedString => "a string",
            RawValue::Function => "a function",
            RawValue::AbortSignal => "an AbortSignal",
            RawValue::Array => "an array",
            RawValue::Object => "an object",
            RawValue::Other(name) => name,
            RawValue::Unreadable => "unreadable",
        }
    }
}

/// The caller's options object, in its own key order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawOptions<'a> {
    pub entries: Vec<(Cow<'a, str>, RawValue<'a>)>,
}

impl<'a> RawOptions<'a> {
    pub fn new() -> Self {
        RawOptions::default()
    }

    pub fn with(mut self, key: impl Into<Cow<'a, str>>, value: RawValue<'a>) -> Self {
        self.entries.push((key.into(), value));
        self
    }

    /// The value of `key`; `undefined` counts as absent.
    fn get(&self, key: &str) -> Option<&RawValue<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, RawValue::Undefined))
    }
}

/// The identifier of the user, exactly one of three kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identifier<'a> {
    Email(&'a str),
    Phone(&'a str),
    Username(&'a str),
}

impl<'a> Identifier<'a> {
    /// The body key, which is also the live service's path segment.
    pub fn key(&self) -> &'static str {
        match self {
            Identifier::Email(_) => "email",
            Identifier::Phone(_) => "phone",
            Identifier::Username(_) => "username",
        }
    }

    pub fn value(&self) -> &'a str {
        match self {
            Identifier::Email(v) | Identifier::Phone(v) | Identifier::Username(v) => v,
        }
    }
}

/// The captcha tokens, each sent as its own query parameter when given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaptchaTokens<'a> {
    pub g_recaptcha_response: Option<&'a str>,
    pub g_recaptcha_response_alt: Option<&'a str>,
    pub h_captcha_response: Option<&'a str>,
    /// `qq_captcha_ticket` and `qq_captcha_randstr`, which only make sense together.
    pub qq_ticket_and_randstr: Option<(&'a str, &'a str)>,
}

/// Where and how to connect: the options every call takes besides its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection<'a> {
    pub base_url: BaseUrl<'a>,
    pub timeout_ms: u32,
    /// Whether `signal` / `fetch` were given; the wasm layer holds the JavaScript objects.
    pub has_signal: bool,
    pub has_fetch: bool,
}

/// Every issue with `raw` by the rules of `operation`; empty when the options are valid.
pub fn check(operation: Operation, raw: &RawOptions) -> Vec<Issue> {
    match operation {
        Operation::ResetPin => validate(raw).err(),
        Operation::SendCode => validate_send(raw).err(),
    }
    .unwrap_or_default()
}

/// The issues for a value that is not an object at all.
pub fn not_an_object(type_name: &str) -> Vec<Issue> {
    options_issue(format!("must be an object, got {type_name}"))
}

/// The one issue, about the options object as a whole.
pub fn options_issue(message: impl Into<Cow<'static, str>>) -> Vec<Issue> {
    vec![Issue::new("options", message)]
}

/// The type name used in [`not_an_object`] for each raw value.
pub fn describe(value: &RawValue) -> &'static str {
    value.type_name()
}

/// Every option name of `operation`.
pub(crate) fn option_names(operation: Operation) -> &'static [&'static str] {
    match operation {
        Operation::SendCode => &SEND_OPTION_NAMES,
        Operation::ResetPin => &OPTION_NAMES,
    }
}

/// An issue for every key that is not an option of `operation`, naming the other call when the
/// key is one of its options, or the option the key was probably meant to be.
fn unknown_keys(raw: &RawOptions, operation: Operation, issues: &mut Vec<Issue>) {
    let names = option_names(operation);
    let other = match operation {
        Operation::SendCode => Operation::ResetPin,
        Operation::ResetPin => Operation::SendCode,
    };
    for (key, _) in &raw.entries {
        if names.contains(&key.as_ref()) {
            continue;
        }
        let mut message = format!("is not an option of {}", operation.function_name());
        if option_names(other).contains(&key.as_ref()) {
            message.push_str("; it is one of ");
            message.push_str(other.function_name());
        } else if let Some(suggestion) = suggest(key, names) {
            message.push_str("; did you mean \"");
            message.push_str(suggestion);
            message.push_str("\"?");
        }
        issues.push(Issue::new(clip(key, MAX_ECHOED_KEY), message));
    }
}

/// A known option the unknown `key` was probably meant to be: same letters in another case,
/// or one name containing the other (`phoneNumber` → `phone`, `api_key` → `apiKey`).
fn suggest(key: &str, names: &[&'static str]) -> Option<&'static str> {
    let folded: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if folded.is_empty() {
        return None;
    }
    let lower = |name: &&str| name.to_ascii_lowercase();
    names
        .iter()
        .find(|name| lower(name) == folded)
        .or_else(|| {
            names.iter().find(|name| {
                let name = lower(name);
                contains_str(&folded, &name) || (folded.len() > 2 && contains_str(&name, &folded))
            })
        })
        .copied()
}

/// The one identifier given, from the values [`Reader::identifier_values`] checked; an issue
/// when there is none or more than one.
fn pick_identifier<'a>(
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
struct Reader<'r, 'i> {
    raw: &'r RawOptions<'r>,
    issues: &'i mut Vec<Issue>,
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

    fn required_string<T>(&mut self, field: &'static str, check: Check<'r, T>) -> Option<T> {
        match self.raw.get(field) {
            Some(value) => self.string(field, value, check),
            None => {
                self.issues.push(Issue::new(field, "is required"));
                None
            }
        }
    }

    fn optional_string<T>(&mut self, field: &'static str, check: Check<'r, T>) -> Option<T> {
        let value = self.raw.get(field)?;
        self.string(field, value, check)
    }

    fn optional_bool(&mut self, field: &'static str) -> Option<bool> {
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
    fn identifier_values(&mut self) -> [Option<&'r str>; 3] {
        [
            self.optional_string("email", check_email),
            self.optional_string("phone", check_phone),
            self.optional_string("username", check_username),
        ]
    }

    /// The captcha tokens, each checked; [`CaptchaValues::pair`] then matches the QQ pair.
    fn captcha_values(&mut self) -> CaptchaValues<'r> {
        CaptchaValues {
            g_recaptcha_response: self.optional_string("gRecaptchaResponse", check_token),
            g_recaptcha_response_alt: self.optional_string("gRecaptchaResponseAlt", check_token),
            h_captcha_response: self.optional_string("hCaptchaResponse", check_token),
            qq_ticket: self.optional_string("qqCaptchaTicket", check_token),
            qq_randstr: self.optional_string("qqCaptchaRandstr", check_token),
        }
    }

    /// `baseUrl`, `timeoutMs`, `signal` and `fetch`, with their defaults.
    fn connection(&mut self) -> Connection<'r> {
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
struct CaptchaValues<'a> {
    g_recaptcha_response: Option<&'a str>,
    g_recaptcha_response_alt: Option<&'a str>,
    h_captcha_response: Option<&'a str>,
    qq_ticket: Option<&'a str>,
    qq_randstr: Option<&'a str>,
}

impl<'a> CaptchaValues<'a> {
    /// The tokens to send; an issue when one half of the QQ pair is missing.
    fn pair(self, raw: &RawOptions, issues: &mut Vec<Issue>) -> CaptchaTokens<'a> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeout_rule_quotes_the_limit() {
        assert!(TIMEOUT_RULE.ends_with(&format!(" {MAX_TIMEOUT_MS}")));
    }
}
