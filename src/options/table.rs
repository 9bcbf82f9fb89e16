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

/// The calls that take an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Calls {
    Both,
    /// `resetPinWithOtp` only.
    ResetPin,
    /// `sendResetPinOtp` only.
    SendCode,
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
        match self.calls {
            Calls::Both => true,
            Calls::ResetPin => operation == Operation::ResetPin,
            Calls::SendCode => operation == Operation::SendCode,
        }
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

pub const API_KEY: Spec = required("apiKey", Calls::Both);
pub const OTP: Spec = required("otp", Calls::ResetPin);
pub const PIN: Spec = required("pin", Calls::ResetPin);
pub const EMAIL: Spec = optional("email", Calls::Both, Type::String);
pub const PHONE: Spec = optional("phone", Calls::Both, Type::String);
pub const USERNAME: Spec = optional("username", Calls::Both, Type::String);
pub const TYPE: Spec = optional("type", Calls::ResetPin, Type::String);
pub const PREVENT_WEBHOOK: Spec = optional("preventWebhook", Calls::ResetPin, Type::Boolean);
pub const X_PREVENT_WEBHOOK: Spec = optional("xPreventWebhook", Calls::ResetPin, Type::Boolean);
pub const SMS_TEMPLATE: Spec = optional("smsTemplate", Calls::SendCode, Type::String);
pub const IS_VOICE_OTP: Spec = optional("isVoiceOtp", Calls::SendCode, Type::Boolean);
pub const EMAIL_TEMPLATE: Spec = optional("emailTemplate", Calls::SendCode, Type::String);
pub const RESET_PIN_URL: Spec = optional("resetPinUrl", Calls::SendCode, Type::String);
pub const G_RECAPTCHA_RESPONSE: Spec = optional("gRecaptchaResponse", Calls::Both, Type::String);
pub const G_RECAPTCHA_RESPONSE_ALT: Spec =
    optional("gRecaptchaResponseAlt", Calls::Both, Type::String);
pub const H_CAPTCHA_RESPONSE: Spec = optional("hCaptchaResponse", Calls::Both, Type::String);
pub const QQ_CAPTCHA_TICKET: Spec = optional("qqCaptchaTicket", Calls::Both, Type::String);
pub const QQ_CAPTCHA_RANDSTR: Spec = optional("qqCaptchaRandstr", Calls::Both, Type::String);
pub const BASE_URL: Spec = optional("baseUrl", Calls::Both, Type::String);
pub const TIMEOUT_MS: Spec = optional("timeoutMs", Calls::Both, Type::Number);
pub const SIGNAL: Spec = optional("signal", Calls::Both, Type::AbortSignal);
pub const FETCH: Spec = optional("fetch", Calls::Both, Type::Function);

/// Every option, in the order the README documents them.
pub const OPTIONS: [Spec; 22] = [
    API_KEY,
    OTP,
    PIN,
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

/// An issue for every key that is not an option of `operation`, naming the other call when the
/// key is one of its options, or the option the key was probably meant to be.
pub(super) fn unknown_keys(raw: &RawOptions, operation: Operation, issues: &mut Vec<Issue>) {
    let other = match operation {
        Operation::SendCode => Operation::ResetPin,
        Operation::ResetPin => Operation::SendCode,
    };
    for (key, _) in &raw.entries {
        if option_of(operation, key).is_some() {
            continue;
        }
        let mut message = format!("is not an option of {}", operation.function_name());
        if option_of(other, key).is_some() {
            message.push_str("; it is one of ");
            message.push_str(other.function_name());
        } else if let Some(suggestion) = suggest(key, operation) {
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
