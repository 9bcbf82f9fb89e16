//! The options of `resetPinWithOtp`: what the caller may pass, and the rules each must meet.
//!
//! The wasm layer turns the caller's object into [`RawOptions`] (key, JavaScript type, value)
//! without judging anything; every rule lives here so it is tested natively and reported all at
//! once, one [`Issue`] per problem.

use crate::base_url::{self, BaseUrl};
use crate::error::Issue;
use crate::secret::{ApiKey, Secret};
use crate::text::{char_count, contains_str, edge_is, has_byte, parts, split_byte};
pub(crate) use crate::text::{clip, has_space_or_control};

/// Longest string the wasm layer copies out of JavaScript; longer ones arrive as
/// [`RawValue::TooLong`] so a 10 MB string never enters wasm memory.
pub const MAX_RAW_STRING: u32 = 16 * 1024;
/// More keys than any real options object has; the wasm layer stops reading past it.
pub const MAX_KEYS: u32 = 64;

pub const DEFAULT_BASE_URL: &str = "https://api.loginradius.com";
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
pub const MAX_TIMEOUT_MS: u32 = 600_000;
const MAX_CAPTCHA_LEN: usize = 8192;
const MAX_OTP_LEN: usize = 32;
const MAX_PIN_CHARS: usize = 64;
const MAX_EMAIL_CHARS: usize = 254;
const MAX_USERNAME_CHARS: usize = 32;
/// Longest option name echoed back in an issue: a hostile key is cut there.
pub const MAX_ECHOED_KEY: usize = 64;

/// One option value as JavaScript saw it, before any rule is applied.
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue {
    /// `undefined`: treated as if the key were absent.
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
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

impl RawValue {
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
pub struct RawOptions {
    pub entries: Vec<(String, RawValue)>,
}

impl RawOptions {
    pub fn new() -> Self {
        RawOptions::default()
    }

    pub fn with(mut self, key: &str, value: RawValue) -> Self {
        self.entries.push((key.to_string(), value));
        self
    }

    /// The value of `key`; `undefined` counts as absent.
    fn get(&self, key: &str) -> Option<&RawValue> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, RawValue::Undefined))
    }
}

/// The identifier of the user, exactly one of three kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identifier {
    Email(String),
    Phone(String),
    Username(String),
}

impl Identifier {
    /// The body key, which is also the live service's path segment.
    pub fn key(&self) -> &'static str {
        match self {
            Identifier::Email(_) => "email",
            Identifier::Phone(_) => "phone",
            Identifier::Username(_) => "username",
        }
    }

    pub fn value(&self) -> &str {
        match self {
            Identifier::Email(v) | Identifier::Phone(v) | Identifier::Username(v) => v,
        }
    }
}

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
    const ALL: [PathType; 7] = [
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

    fn parse(s: &str) -> Option<PathType> {
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

    fn for_identifier(identifier: &Identifier) -> PathType {
        match identifier {
            Identifier::Email(_) => PathType::Email,
            Identifier::Phone(_) => PathType::Phone,
            Identifier::Username(_) => PathType::Username,
        }
    }
}

/// The captcha tokens, each sent as its own query parameter when given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaptchaTokens {
    pub g_recaptcha_response: Option<String>,
    pub g_recaptcha_response_alt: Option<String>,
    pub h_captcha_response: Option<String>,
    /// `qq_captcha_ticket` and `qq_captcha_randstr`, which only make sense together.
    pub qq_ticket_and_randstr: Option<(String, String)>,
}

/// Options that passed every rule. `Debug` never shows the PIN or OTP and masks the key.
#[derive(Clone, Debug, PartialEq)]
pub struct ResetPinOptions {
    pub api_key: ApiKey,
    pub otp: Secret,
    pub pin: Secret,
    pub identifier: Identifier,
    pub path_type: PathType,
    pub prevent_webhook: Option<bool>,
    pub x_prevent_webhook: Option<bool>,
    pub captcha: CaptchaTokens,
    pub base_url: BaseUrl,
    pub timeout_ms: u32,
    /// Whether `signal` / `fetch` were given; the wasm layer holds the JavaScript objects.
    pub has_signal: bool,
    pub has_fetch: bool,
}

/// Every option name, in the order the README documents them.
pub const OPTION_NAMES: [&str; 18] = [
    "apiKey",
    "otp",
    "pin",
    "email",
    "phone",
    "username",
    "type",
    "preventWebhook",
    "xPreventWebhook",
    "gRecaptchaResponse",
    "gRecaptchaResponseAlt",
    "hCaptchaResponse",
    "qqCaptchaTicket",
    "qqCaptchaRandstr",
    "baseUrl",
    "timeoutMs",
    "signal",
    "fetch",
];

/// Checks every rule and returns the validated options, or every issue found.
pub fn validate(raw: &RawOptions) -> Result<ResetPinOptions, Vec<Issue>> {
    let mut issues = Vec::new();
    unknown_keys(raw, &mut issues);

    let mut read = Reader {
        raw,
        issues: &mut issues,
    };
    let api_key = read.required_string("apiKey", check_api_key);
    let otp = read.required_string("otp", check_otp);
    let pin = read.required_string("pin", check_pin);
    let email = read.optional_string("email", check_email);
    let phone = read.optional_string("phone", check_phone);
    let username = read.optional_string("username", check_username);
    let path_type = read.optional_string("type", check_type);
    let prevent_webhook = read.optional_bool("preventWebhook");
    let x_prevent_webhook = read.optional_bool("xPreventWebhook");
    let g_recaptcha_response = read.optional_string("gRecaptchaResponse", check_token);
    let g_recaptcha_response_alt = read.optional_string("gRecaptchaResponseAlt", check_token);
    let h_captcha_response = read.optional_string("hCaptchaResponse", check_token);
    let qq_ticket = read.optional_string("qqCaptchaTicket", check_token);
    let qq_randstr = read.optional_string("qqCaptchaRandstr", check_token);
    let base_url = read.optional_string("baseUrl", base_url::check);
    let timeout_ms = read.optional_timeout();
    let has_signal = read.optional_kind("signal", &RawValue::AbortSignal, "an AbortSignal");
    let has_fetch = read.optional_kind("fetch", &RawValue::Function, "a function");

    let identifier = pick_identifier(raw, email, phone, username, &mut issues);
    let path_type = match (path_type, &identifier) {
        (Some(t), Some(id)) => match t.identifier_key() {
            Some(kind) if kind != id.key() => {
                issues.push(Issue::new(
                    "type",
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
    let qq_ticket_and_randstr = match (qq_ticket, qq_randstr) {
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
                captcha: CaptchaTokens {
                    g_recaptcha_response,
                    g_recaptcha_response_alt,
                    h_captcha_response,
                    qq_ticket_and_randstr,
                },
                base_url: BaseUrl::new(base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_string())),
                timeout_ms: timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
                has_signal,
                has_fetch,
            })
        }
        // Every None above pushed an issue, so this arm is not reached; answer safely anyway.
        _ => Err(options_issue("are invalid")),
    }
}

/// The issues for a value that is not an object at all.
pub fn not_an_object(type_name: &str) -> Vec<Issue> {
    options_issue(format!("must be an object, got {type_name}"))
}

/// The one issue, about the options object as a whole.
pub fn options_issue(message: impl Into<String>) -> Vec<Issue> {
    vec![Issue::new("options", message)]
}

/// The type name used in [`not_an_object`] for each raw value.
pub fn describe(value: &RawValue) -> &'static str {
    value.type_name()
}

fn unknown_keys(raw: &RawOptions, issues: &mut Vec<Issue>) {
    for (key, _) in &raw.entries {
        if OPTION_NAMES.contains(&key.as_str()) {
            continue;
        }
        let mut message = String::from("is not an option of resetPinWithOtp");
        if let Some(suggestion) = suggest(key) {
            message.push_str("; did you mean \"");
            message.push_str(suggestion);
            message.push_str("\"?");
        }
        issues.push(Issue::new(clip(key, MAX_ECHOED_KEY), message));
    }
}

/// A known option the unknown `key` was probably meant to be: same letters in another case,
/// or one name containing the other (`phoneNumber` → `phone`, `api_key` → `apiKey`).
fn suggest(key: &str) -> Option<&'static str> {
    let folded: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if folded.is_empty() {
        return None;
    }
    let lower = |name: &&str| name.to_ascii_lowercase();
    OPTION_NAMES
        .iter()
        .find(|name| lower(name) == folded)
        .or_else(|| {
            OPTION_NAMES.iter().find(|name| {
                let name = lower(name);
                contains_str(&folded, &name) || (folded.len() > 2 && contains_str(&name, &folded))
            })
        })
        .copied()
}

fn pick_identifier(
    raw: &RawOptions,
    email: Option<String>,
    phone: Option<String>,
    username: Option<String>,
    issues: &mut Vec<Issue>,
) -> Option<Identifier> {
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

/// Reads typed values out of [`RawOptions`], recording an issue for each wrong one.
struct Reader<'a> {
    raw: &'a RawOptions,
    issues: &'a mut Vec<Issue>,
}

type Check<T> = fn(&str) -> Checked<T>;

impl Reader<'_> {
    fn wrong_type(&mut self, field: &str, expected: &str, got: &RawValue) {
        let message = match got {
            RawValue::Unreadable => String::from("could not be read: its getter threw"),
            RawValue::IllFormedString => String::from(
                "contains a lone UTF-16 surrogate, which cannot be sent without changing it",
            ),
            _ => format!("must be {expected}, got {}", got.type_name()),
        };
        self.issues.push(Issue::new(field, message));
    }

    fn string<T>(&mut self, field: &str, value: &RawValue, check: Check<T>) -> Option<T> {
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

    fn required_string<T>(&mut self, field: &str, check: Check<T>) -> Option<T> {
        match self.raw.get(field) {
            Some(value) => self.string(field, value, check),
            None => {
                self.issues.push(Issue::new(field, "is required"));
                None
            }
        }
    }

    fn optional_string<T>(&mut self, field: &str, check: Check<T>) -> Option<T> {
        let value = self.raw.get(field)?;
        self.string(field, value, check)
    }

    fn optional_bool(&mut self, field: &str) -> Option<bool> {
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
                self.issues.push(Issue::new(
                    "timeoutMs",
                    format!("must be a whole number of milliseconds from 1 to {MAX_TIMEOUT_MS}"),
                ));
                None
            }
            other => {
                self.wrong_type("timeoutMs", "a number", other);
                None
            }
        }
    }

    /// Whether an option of one exact JavaScript kind (`signal`, `fetch`) was given.
    fn optional_kind(&mut self, field: &str, kind: &RawValue, expected: &str) -> bool {
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

/// A rule's verdict on one string: the value it becomes, or what is wrong with it.
type Checked<T> = Result<T, String>;

fn check_api_key(s: &str) -> Checked<String> {
    let groups = [8, 4, 4, 4, 12];
    let mut parts = parts(s, b'-');
    let well_formed = groups.iter().all(|len| {
        parts
            .next()
            .is_some_and(|p| p.len() == *len && p.bytes().all(|b| b.is_ascii_hexdigit()))
    }) && parts.next().is_none();
    if well_formed {
        Ok(s.to_string())
    } else if s.is_empty() {
        Err("is required and must not be empty".into())
    } else {
        Err(
            "must be a GUID like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (your LoginRadius API key)"
                .into(),
        )
    }
}

fn check_otp(s: &str) -> Checked<String> {
    if s.is_empty() {
        Err("must not be empty".into())
    } else if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Checked before the length, which counts bytes: only right once the text is ASCII.
        Err("must contain only ASCII letters and digits".into())
    } else if s.len() > MAX_OTP_LEN {
        Err(format!("must be at most {MAX_OTP_LEN} characters"))
    } else {
        Ok(s.to_string())
    }
}

/// Not empty, at most `max` characters, no whitespace or control characters: the PIN's and the
/// username's rule.
fn check_plain_text(s: &str, max: usize) -> Checked<String> {
    if s.is_empty() {
        Err("must not be empty".into())
    } else if char_count(s) > max {
        Err(format!("must be at most {max} characters"))
    } else if has_space_or_control(s) {
        Err("must not contain spaces or control characters".into())
    } else {
        Ok(s.to_string())
    }
}

fn check_pin(s: &str) -> Checked<String> {
    check_plain_text(s, MAX_PIN_CHARS)
}

fn check_username(s: &str) -> Checked<String> {
    check_plain_text(s, MAX_USERNAME_CHARS)
}

fn check_email(s: &str) -> Checked<String> {
    const BAD: &str = "must be an email address like name@example.com";
    if s.is_empty() {
        return Err("must not be empty".into());
    }
    if char_count(s) > MAX_EMAIL_CHARS {
        return Err(format!("must be at most {MAX_EMAIL_CHARS} characters"));
    }
    if has_space_or_control(s) {
        return Err("must not contain spaces or control characters".into());
    }
    let (local, domain) = split_byte(s, b'@', true).ok_or(BAD)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.bytes().any(|b| b"@\"(),:;<>[]\\".contains(&b));
    let labels_ok = has_byte(domain, b'.')
        && parts(domain, b'.').all(|label| {
            !label.is_empty()
                && char_count(label) <= 63
                && !edge_is(label, b'-', false)
                && !edge_is(label, b'-', true)
                // Non-ASCII letters are allowed (internationalised domains); ASCII is strict.
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
        });
    if local_ok && labels_ok {
        Ok(s.to_string())
    } else {
        Err(BAD.into())
    }
}

fn check_phone(s: &str) -> Checked<String> {
    let digits = s.get(usize::from(edge_is(s, b'+', false))..).unwrap_or(s);
    if (5..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err("must be 5 to 15 digits with an optional leading +, like +919876543210 (no spaces or dashes)".into())
    }
}

fn check_type(s: &str) -> Checked<PathType> {
    PathType::parse(s).ok_or_else(|| {
        let names: Vec<String> = PathType::ALL
            .iter()
            .map(|t| format!("\"{}\"", t.as_str()))
            .collect();
        format!("must be one of {}", names.join(", "))
    })
}

fn check_token(s: &str) -> Checked<String> {
    if s.is_empty() {
        Err("must not be empty; leave the option out instead".into())
    } else if s.len() > MAX_CAPTCHA_LEN {
        Err(format!("must be at most {MAX_CAPTCHA_LEN} characters"))
    } else {
        Ok(s.to_string())
    }
}
