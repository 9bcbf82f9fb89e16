//! The one error type every failure becomes, in Rust and, through the wasm layer, in JavaScript.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// What went wrong, as a stable machine-readable word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Api => "api",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::InvalidResponse => "invalid_response",
        }
    }
}

/// One problem with one field: a validation issue, or an entry of the server's `Errors[]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub field: String,
    pub message: String,
}

impl Issue {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A failed call. `data` is the `Data` member of the server's answer as parsed: a
/// [`json::Value`](crate::json::Value) natively, the `JSON.parse` result in the wasm build, so
/// it is handed on unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct LoginRadiusError<D = crate::json::Value> {
    pub kind: ErrorKind,
    pub message: String,
    /// The HTTP status; 0 when no response arrived.
    pub status: u16,
    pub error_code: Option<i64>,
    pub description: Option<String>,
    pub issues: Vec<Issue>,
    pub data: Option<D>,
    /// Seconds, from a `Retry-After` header.
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
    pub fn validation(issues: Vec<Issue>) -> Self {
        let mut message = String::from("Invalid options for resetPinWithOtp: ");
        for (i, issue) in issues.iter().enumerate() {
            if i > 0 {
                message.push_str("; ");
            }
            message.push_str(&issue.field);
            message.push(' ');
            message.push_str(&issue.message);
        }
        message.push('.');
        LoginRadiusError {
            issues,
            ..LoginRadiusError::new(ErrorKind::Validation, message, 0)
        }
    }
}

/// `{ field, message }`, written as a map for the reason given on `PreparedRequest`'s impl.
impl Serialize for Issue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("field", &self.field)?;
        map.serialize_entry("message", &self.message)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_message_lists_every_issue() {
        let err: LoginRadiusError = LoginRadiusError::validation(vec![
            Issue::new("otp", "is required"),
            Issue::new("pin", "is required"),
        ]);
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!(err.status, 0);
        assert_eq!(
            err.message,
            "Invalid options for resetPinWithOtp: otp is required; pin is required."
        );
    }

    #[test]
    fn kinds_have_stable_names() {
        let names: Vec<_> = [
            ErrorKind::Validation,
            ErrorKind::Api,
            ErrorKind::Network,
            ErrorKind::Timeout,
            ErrorKind::Aborted,
            ErrorKind::InvalidResponse,
        ]
        .iter()
        .map(|k| k.as_str())
        .collect();
        assert_eq!(
            names,
            [
                "validation",
                "api",
                "network",
                "timeout",
                "aborted",
                "invalid_response"
            ]
        );
    }
}
