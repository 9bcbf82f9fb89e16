//! The options of the package's calls: what the caller may pass, and the rules each must meet.
//!
//! The wasm layer turns the caller's object into [`RawOptions`] (key, JavaScript type, value)
//! without judging anything; every rule lives here so it is tested natively and reported all at
//! once, one [`Issue`] per problem. Which options there are is one table (`table`); the parts both
//! calls share (the API key, the identifier, the captcha tokens, where and how to connect) are read
//! once (`reader`); `reset` and `send` hold what is their own.

mod reader;
mod reset;
mod rules;
mod send;
pub mod table;
mod token;

pub use reset::{validate, PathType, ResetPinOptions};
pub use send::{validate_send, SendCodeOptions};
pub use table::{option_names, option_of};
pub use token::{validate_token, ResetPinWithTokenOptions};

use std::borrow::Cow;

use crate::base_url::BaseUrl;
use crate::error::Issue;
use crate::operation::Operation;
pub(crate) use crate::text::{clip, has_space_or_control};
use reader::{pick_identifier, Reader};
use table::unknown_keys;

/// Longest string the wasm layer copies out of JavaScript; longer ones arrive as
/// [`RawValue::TooLong`] so a 10 MB string never enters wasm memory.
pub const MAX_RAW_STRING: u32 = 16 * 1024;
/// More keys than any real options object has; the wasm layer stops reading past it.
pub const MAX_KEYS: u32 = 64;

pub const DEFAULT_BASE_URL: &str = "https://api.loginradius.com";
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
pub const MAX_TIMEOUT_MS: u32 = 600_000;
const MAX_CAPTCHA_LEN: usize = 8192;
const MAX_TEMPLATE_CHARS: usize = 128;
const MAX_LINK_LEN: usize = 2048;
const MAX_OTP_LEN: usize = 32;
const MAX_PIN_CHARS: usize = 64;
/// Longest reset token accepted (LoginRadius's are GUIDs, 36 characters).
const MAX_RESET_TOKEN_LEN: usize = 512;
const MAX_EMAIL_CHARS: usize = 254;
const MAX_USERNAME_CHARS: usize = 32;
/// Longest option name echoed back in an issue: a hostile key is cut there.
pub const MAX_ECHOED_KEY: usize = 64;

/// One option value as JavaScript saw it, before any rule is applied. The wasm layer owns its
/// strings; native callers may lend theirs.
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
    pub(super) fn type_name(&self) -> &'static str {
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
    pub(super) fn get(&self, key: &str) -> Option<&RawValue<'a>> {
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
        Operation::ResetPinWithToken => validate_token(raw).err(),
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
