//! Turning a status, a `Retry-After` header and a body into exactly one outcome.

use crate::error::{ErrorKind, Issue, LoginRadiusError};
use crate::json::{self, Value};
use crate::text::{concat, push_u64};

/// Bodies longer than this are refused unread: a LoginRadius answer is a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The result of one call.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// 2xx and `IsPosted: true`: the parsed body, handed to the caller as is.
    Success(Value),
    Failure(LoginRadiusError),
}

/// Classifies a response. Never panics, whatever the input.
pub fn classify(status: u16, retry_after: Option<&str>, body: &str) -> Outcome {
    let retry_after = retry_after.and_then(parse_retry_after);
    let ok = (200..300).contains(&status);
    let parsed = json::parse(body);

    let failure = match parsed {
        Some(mut value @ Value::Object(_)) => match api_error(status, &mut value) {
            Some(error) => error,
            None if ok && matches!(value.get_ignore_case("IsPosted"), Some(Value::Bool(true))) => {
                return Outcome::Success(value);
            }
            None if ok => LoginRadiusError::new(
                ErrorKind::Api,
                "LoginRadius answered without confirming the reset (IsPosted is not true); the PIN may not have changed",
                status,
            ),
            None if status == 429 => too_many_requests(),
            None => unrecognised(status, "a JSON body that is not a LoginRadius answer"),
        },
        _ if status == 429 => too_many_requests(),
        Some(_) => unrecognised(status, "a JSON body that is not a LoginRadius answer"),
        None if body.trim().is_empty() => unrecognised(status, "an empty body"),
        None => unrecognised(status, "a body that is not JSON"),
    };
    Outcome::Failure(LoginRadiusError {
        status,
        retry_after,
        ..failure
    })
}

/// A LoginRadius error envelope in any of its casings, or `None` when the object is not one.
/// On `Some`, its `Data` member has been moved out of `body` (no deep copy).
fn api_error(status: u16, body: &mut Value) -> Option<LoginRadiusError> {
    let error_code = body.get_ignore_case("ErrorCode").and_then(integer);
    let message = body.get_ignore_case("Message").and_then(Value::as_str);
    let description = body.get_ignore_case("Description").and_then(Value::as_str);
    let ok = (200..300).contains(&status);
    // On an error status a Message or Description alone is still the server talking; on a 2xx
    // only an error code turns the answer into an error.
    if error_code.is_none() && (ok || (message.is_none() && description.is_none())) {
        return None;
    }
    let message = match (message, error_code) {
        (Some(m), _) if !m.trim().is_empty() => m.to_string(),
        (_, Some(code)) => {
            let mut m = String::from("LoginRadius error ");
            push_u64(&mut m, code.unsigned_abs());
            m
        }
        _ => description
            .filter(|d| !d.trim().is_empty())
            .unwrap_or("LoginRadius reported an error")
            .to_string(),
    };
    let error = LoginRadiusError {
        error_code,
        description: description.map(str::to_string),
        issues: field_errors(body),
        ..LoginRadiusError::new(ErrorKind::Api, message, status)
    };
    let data = body.take_ignore_case("Data");
    Some(LoginRadiusError {
        data: data.filter(|d| !matches!(d, Value::Null)),
        ..error
    })
}

/// `Errors: [{FieldName, ErrorMessage}]`, any casing; entries without a message are skipped.
fn field_errors(body: &Value) -> Vec<Issue> {
    let Some(Value::Array(entries)) = body.get_ignore_case("Errors") else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let message = entry.get_ignore_case("ErrorMessage")?.as_str()?;
            let field = entry
                .get_ignore_case("FieldName")
                .and_then(Value::as_str)
                .unwrap_or("");
            Some(Issue::new(field, message))
        })
        .collect()
}

/// An error code given as a JSON integer or a string of digits.
fn integer(value: &Value) -> Option<i64> {
    let text = match value {
        Value::Number(n) | Value::String(n) => n.trim(),
        _ => return None,
    };
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits
        .bytes()
        .fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
    Some(if negative { -magnitude } else { magnitude })
}

/// `Retry-After` in delta-seconds; the HTTP-date form is ignored.
fn parse_retry_after(header: &str) -> Option<u32> {
    let digits = header.trim();
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        digits
            .bytes()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0')),
    )
}

fn too_many_requests() -> LoginRadiusError {
    LoginRadiusError::new(
        ErrorKind::Api,
        "Too many requests: LoginRadius is rate-limiting this API key. Wait (see retryAfter) and try again",
        429,
    )
}

fn unrecognised(status: u16, what: &str) -> LoginRadiusError {
    let mut message = String::from("Unexpected response from the server: HTTP ");
    push_u64(&mut message, u64::from(status));
    message.push_str(" with ");
    message.push_str(what);
    message.push_str(". Check baseUrl, or try again later");
    LoginRadiusError::new(ErrorKind::InvalidResponse, message, status)
}

/// The error for a body refused because of its size.
pub fn too_large(status: u16) -> LoginRadiusError {
    LoginRadiusError::new(
        ErrorKind::InvalidResponse,
        concat(&[
            "Unexpected response from the server: the body is larger than 1 MiB, ",
            "which no LoginRadius answer is. Check baseUrl",
        ]),
        status,
    )
}
