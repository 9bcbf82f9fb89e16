//! The one table of options: each option's name, the calls that take it, its JavaScript type and
//! whether it is required. The name lists, the wasm layer's reader and the "did you mean" come from
//! it; tests/declared.rs checks src/wasm/types.d.ts and the demo (www/app.js) against it. Each
//! option's rule is the check its `Spec` is read with (options/reader.rs, reset.rs, send.rs).

use super::{clip, RawOptions, MAX_ECHOED_KEY};
use crate::error::Issue;
use crate::operation::Operation;
use crate::text::contains_str;

/// The JavaScript type an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    String,
    Boolean,
    Number,
    AbortSignal,
    Function,
}

impl Type {
    /// What a message says the option must be.
    pub(super) fn expected(self) -> &'static str {
        match self {
            Type::String => "a string",
            Type::Boolean => "true or false",
            Type::Number => "a number",
            Type::AbortSignal => "an AbortSignal",
            Type::Function => "a function",
        }
    }
}

/// The calls that take an option: a set of [`Operation`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calls(u8);

impl Calls {
    pub const SEND_CODE: Calls = Calls(1);
    pub const RESET_PIN: Calls = Calls(2);
    pub const RESET_PIN_WITH_TOKEN: Calls = Calls(4);
    /// Every call.
    pub const ALL: Calls = Calls(7);

    const fn and(self, other: Calls) -> Calls {
        Calls(self.0 | other.0)
    }

    /// Each call is the bit of its place in [`Operation`] (`SEND_CODE` is 1 << 0, and so on).
    pub fn contains(self, operation: Operation) -> bool {
        self.0 & (1 << operation as u8) != 0
    }
}

/// One option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub name: &'static str,
    pub calls: Calls,
    pub ty: Type,
    /// Required by every call that takes it. (The identifier is required as "exactly one of
    /// email, phone or username", so each of the three is not.)
    pub required: bool,
}

impl Spec {
    /// Whether `operation` takes this option.
    pub fn taken_by(&self, operation: Operation) -> bool {
        self.calls.contains(operation)
    }
}

const fn optional(name: &'static str, calls: Calls, ty: Type) -> Spec {
    Spec {
        name,
        calls,
        ty,
        required: false,
    }
}

const fn required(name: &'static str, calls: Calls) -> Spec {
    Spec {
        name,
        calls,
        ty: Type::String,
        required: true,
    }
}

/// The two resets.
const RESETS: Calls = Calls::RESET_PIN.and(Calls::RESET_PIN_WITH_TOKEN);
/// The calls that name the user (the token names the user by itself).
const BY_IDENTIFIER: Calls = Calls::RESET_PIN.and(Calls::SEND_CODE);

pub const API_KEY: Spec = required("apiKey", Calls::ALL);
pub const OTP: Spec = required("otp", Calls::RESET_PIN);
pub const PIN: Spec = required("pin", RESETS);
pub const RESET_TOKEN: Spec = required("resetToken", Calls::RESET_PIN_WITH_TOKEN);
pub const EMAIL: Spec = optional("email", BY_IDENTIFIER, Type::String);
pub const PHONE: Spec = optional("phone", BY_IDENTIFIER, Type::String);
pub const USERNAME: Spec = optional("username", BY_IDENTIFIER, Type::String);
pub const TYPE: Spec = optional("type", Calls::RESET_PIN, Type::String);
pub const PREVENT_WEBHOOK: Spec = optional("preventWebhook", RESETS, Type::Boolean);
pub const X_PREVENT_WEBHOOK: Spec = optional("xPreventWebhook", RESETS, Type::Boolean);
pub const SMS_TEMPLATE: Spec = optional("smsTemplate", Calls::SEND_CODE, Type::String);
pub const IS_VOICE_OTP: Spec = optional("isVoiceOtp", Calls::SEND_CODE, Type::Boolean);
pub const EMAIL_TEMPLATE: Spec = optional("emailTemplate", Calls::SEND_CODE, Type::String);
pub const RESET_PIN_URL: Spec = optional("resetPinUrl", Calls::SEND_CODE, Type::String);
pub const G_RECAPTCHA_RESPONSE: Spec = optional("gRecaptchaResponse", Calls::ALL, Type::String);
pub const G_RECAPTCHA_RESPONSE_ALT: Spec =
    optional("gRecaptchaResponseAlt", Calls::ALL, Type::String);
pub const H_CAPTCHA_RESPONSE: Spec = optional("hCaptchaResponse", Calls::ALL, Type::String);
pub const QQ_CAPTCHA_TICKET: Spec = optional("qqCaptchaTicket", Calls::ALL, Type::String);
pub const QQ_CAPTCHA_RANDSTR: Spec = optional("qqCaptchaRandstr", Calls::ALL, Type::String);
pub const BASE_URL: Spec = optional("baseUrl", Calls::ALL, Type::String);
pub const TIMEOUT_MS: Spec = optional("timeoutMs", Calls::ALL, Type::Number);
pub const SIGNAL: Spec = optional("signal", Calls::ALL, Type::AbortSignal);
pub const FETCH: Spec = optional("fetch", Calls::ALL, Type::Function);

/// Every option, in the order the README documents them.
pub const OPTIONS: [Spec; 23] = [
    API_KEY,
    OTP,
    PIN,
    RESET_TOKEN,
    EMAIL,
    PHONE,
    USERNAME,
    TYPE,
    PREVENT_WEBHOOK,
    X_PREVENT_WEBHOOK,
    SMS_TEMPLATE,
    IS_VOICE_OTP,
    EMAIL_TEMPLATE,
    RESET_PIN_URL,
    G_RECAPTCHA_RESPONSE,
    G_RECAPTCHA_RESPONSE_ALT,
    H_CAPTCHA_RESPONSE,
    QQ_CAPTCHA_TICKET,
    QQ_CAPTCHA_RANDSTR,
    BASE_URL,
    TIMEOUT_MS,
    SIGNAL,
    FETCH,
];

/// The options `operation` takes, in the table's order.
pub fn options_of(operation: Operation) -> impl Iterator<Item = &'static Spec> {
    OPTIONS.iter().filter(move |spec| spec.taken_by(operation))
}

/// Every option name of `operation`, in the table's order.
pub fn option_names(operation: Operation) -> impl Iterator<Item = &'static str> {
    options_of(operation).map(|spec| spec.name)
}

/// The option of `operation` named `key`, if there is one.
pub fn option_of(operation: Operation, key: &str) -> Option<&'static Spec> {
    options_of(operation).find(|spec| spec.name == key)
}

/// An issue for every key that is not an option of `operation`, naming the other calls when the
/// key is one of their options, or the option the key was probably meant to be.
pub(super) fn unknown_keys(raw: &RawOptions, operation: Operation, issues: &mut Vec<Issue>) {
    for (key, _) in &raw.entries {
        if option_of(operation, key).is_some() {
            continue;
        }
        let mut message = format!("is not an option of {}", operation.function_name());
        let mut named = false;
        for other in Operation::ALL {
            if other != operation && option_of(other, key).is_some() {
                message.push_str(if named { " and " } else { "; it is one of " });
                message.push_str(other.function_name());
                named = true;
            }
        }
        if let Some(suggestion) = suggest(key, operation).filter(|_| !named) {
            message.push_str("; did you mean \"");
            message.push_str(suggestion);
            message.push_str("\"?");
        }
        issues.push(Issue::new(clip(key, MAX_ECHOED_KEY), message));
    }
}

/// An option of `operation` the unknown `key` was probably meant to be: same letters in another
/// case, or one name containing the other (`phoneNumber` → `phone`, `api_key` → `apiKey`).
fn suggest(key: &str, operation: Operation) -> Option<&'static str> {
    let folded: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if folded.is_empty() {
        return None;
    }
    let lower = |name: &str| name.to_ascii_lowercase();
    option_names(operation)
        .find(|name| lower(name) == folded)
        .or_else(|| {
            option_names(operation).find(|name| {
                let name = lower(name);
                contains_str(&folded, &name) || (folded.len() > 2 && contains_str(&name, &folded))
            })
        })
}
