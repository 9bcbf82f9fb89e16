//! The one error type every failure becomes, in Rust and, through the wasm layer, in JavaScript.

use std::borrow::Cow;

use serde::Serialize;

use crate::operation::Operation;

/// What went wrong, as a stable machine-readable word (its serialized name: `"invalid_response"`).
///
/// The one list of kinds: `isLoginRadiusError` (npm/is-error.js) and the `LoginRadiusErrorKind`
/// type (src/wasm/types.d.ts) are checked against [`ErrorKind::ALL`] by tests/declared.rs, which
/// reads them as JavaScript and TypeScript read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The options were rejected before anything was sent.
    Validation,
    /// LoginRadius answered with an error (or a 2xx that did not confirm the reset).
    Api,
    /// No response arrived: refused connection, DNS, CORS, a connection dropped mid-body.
    Network,
    /// `timeoutMs` elapsed first.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// A response arrived that is not a LoginRadius answer (HTML, empty, truncated, too large).
    InvalidResponse,
    /// The WebAssembly module could not be loaded (a 404, an HTML page, a CSP without
    /// 'wasm-unsafe-eval', offline). Made by the JavaScript entry, never by the wasm.
    Load,
    /// A synchronous function was called before the WebAssembly module was loaded (`await
    /// init()` first). Made by the JavaScript entry, never by the wasm.
    NotLoaded,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 8] = [
        ErrorKind::Validation,
        ErrorKind::Api,
        ErrorKind::Network,
        ErrorKind::Timeout,
        ErrorKind::Aborted,
        ErrorKind::InvalidResponse,
        ErrorKind::Load,
        ErrorKind::NotLoaded,
    ];
}

/// One problem with one field: a validation issue, or an entry of the server's `Errors[]`.
/// Most fields and messages are literals; only those holding a value (a limit, a type, a key the
/// caller wrote, the server's words) are made at run time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub field: Cow<'static, str>,
    pub message: Cow<'static, str>,
}

impl Issue {
    pub fn new(field: impl Into<Cow<'static, str>>, message: impl Into<Cow<'static, str>>) -> Self {
        Issue {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The parsed `Data` of a native build's errors; the wasm layer uses the `JsValue` instead.
#[cfg(not(target_arch = "wasm32"))]
pub type NativeData = serde_json::Value;
#[cfg(target_arch = "wasm32")]
pub type NativeData = ();

/// The `name` of every `LoginRadiusError` in JavaScript.
pub const ERROR_NAME: &str = "LoginRadiusError";

/// A failed call. `data` is the `Data` member of the server's answer as parsed: a
/// `serde_json::Value` natively, the `JSON.parse` result in the wasm build, so it is handed on
/// unchanged.
///
/// Serialized, it is the fields a JavaScript `LoginRadiusError` carries besides `name` and
/// `message` (which the `Error` itself holds) and `data` (handed over as the parsed value).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginRadiusError<D = NativeData> {
    pub kind: ErrorKind,
    #[serde(skip)]
    pub message: String,
    /// The HTTP status; 0 when no response arrived.
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub issues: Vec<Issue>,
    #[serde(skip)]
    pub data: Option<D>,
    /// Seconds, from a `Retry-After` header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
}

impl<D> LoginRadiusError<D> {
    /// An error with only a kind, a message and a status.
    pub fn new(kind: ErrorKind, message: impl Into<String>, status: u16) -> Self {
        LoginRadiusError {
            kind,
            message: message.into(),
            status,
            error_code: None,
            description: None,
            issues: Vec::new(),
            data: None,
            retry_after: None,
        }
    }

    /// The validation failure for a list of issues, with a message that summarises them all.
    pub fn validation(operation: Operation, issues: Vec<Issue>) -> Self {
        let mut message = format!("Invalid options for {}: ", operation.function_name());
        for (i, issue) in issues.iter().enumerate() {
            if i > 0 {
                message.push_str("; ");
            }
            message.push_str(&issue.field);
            message.push(' ');
            message.push_str(&issue.message);
        }
        // One full stop, none after a message that already ends a sentence ("did you mean …?").
        // (Bytes, not a char pattern: the searcher that one links costs ~100 bytes gzip.)
        let ends = matches!(
            message.as_bytes(),
            [.., b'.' | b'!' | b'?'] | [.., 0xE2, 0x80, 0xA6]
        );
        if !ends {
            message.push('.');
        }
        LoginRadiusError {
            issues,
            ..LoginRadiusError::new(ErrorKind::Validation, message, 0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_message_lists_every_issue() {
        let err: LoginRadiusError = LoginRadiusError::validation(
            Operation::ResetPin,
            vec![
                Issue::new("otp", "is required"),
                Issue::new("pin", "is required"),
            ],
        );
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!(err.status, 0);
        assert_eq!(
            err.message,
            "Invalid options for resetPinWithOtp: otp is required; pin is required."
        );
    }

    #[test]
    fn validation_message_ends_with_one_stop() {
        let err: LoginRadiusError = LoginRadiusError::validation(
            Operation::ResetPin,
            vec![Issue::new(
                "phoneNumber",
                "is not an option; did you mean \"phone\"?",
            )],
        );
        assert!(err.message.ends_with("\"phone\"?"), "{}", err.message);
        let clipped: LoginRadiusError =
            LoginRadiusError::validation(Operation::ResetPin, vec![Issue::new("x", "is abc…")]);
        assert!(clipped.message.ends_with("abc…"), "{}", clipped.message);
    }

    #[test]
    fn kinds_have_stable_names() {
        let names: Vec<_> = ErrorKind::ALL
            .iter()
            .map(|k| serde_json::to_value(k).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "validation",
                "api",
                "network",
                "timeout",
                "aborted",
                "invalid_response",
                "load",
                "not_loaded"
            ]
        );
    }
}
