//! Turning a status, a `Retry-After` header and a body into exactly one outcome.

use crate::error::{ErrorKind, Issue, LoginRadiusError};
use crate::operation::Operation;

/// Bodies longer than this are refused unread: a LoginRadius answer is a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// A parsed JSON value as classification reads it: a few read-only questions, answered natively
/// by `serde_json::Value` and in the wasm build by the `JsValue` that `JSON.parse` returned, so
/// both go through the one [`classify`].
pub trait JsonView: Sized {
    /// An object, and not an array.
    fn is_object(&self) -> bool;
    /// The member whose name equals `key` ignoring ASCII case (LoginRadius mixes casings); the
    /// last one when several match, as `JSON.parse` keeps the last duplicate. `None` on
    /// anything but an object.
    fn member_ignore_case(&self, key: &str) -> Option<Self>;
    fn as_string(&self) -> Option<String>;
    /// An integer of at most 15 digits, given as a JSON number or a string of digits.
    fn integer(&self) -> Option<i64>;
    fn is_true(&self) -> bool;
    fn is_null(&self) -> bool;
    /// The items of an array; empty for anything else.
    fn items(&self) -> Vec<Self>;
}

/// A response body as read: nothing but whitespace, not JSON, or one parsed JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Body<V> {
    Empty,
    NotJson,
    Json(V),
}

/// The result of one call.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<V> {
    /// 2xx and `IsPosted: true`: the parsed body, handed to the caller as is.
    Success(V),
    Failure(LoginRadiusError<V>),
}

/// [`classify`] on a body given as text, parsed by serde_json (native code, tests, fuzzing).
#[cfg(not(target_arch = "wasm32"))]
pub fn classify_text(
    operation: Operation,
    status: u16,
    retry_after: Option<&str>,
    body: &str,
) -> Outcome<serde_json::Value> {
    let body = match serde_json::from_str(body) {
        Ok(value) => Body::Json(value),
        Err(_) if body.trim().is_empty() => Body::Empty,
        Err(_) => Body::NotJson,
    };
    classify(operation, status, retry_after, body)
}

/// Classifies a response. Never panics, whatever the input.
pub fn classify<V: JsonView>(
    operation: Operation,
    status: u16,
    retry_after: Option<&str>,
    body: Body<V>,
) -> Outcome<V> {
    let retry_after = retry_after.and_then(parse_retry_after);
    let ok = (200..300).contains(&status);

    let failure = match body {
        Body::Json(value) if value.is_object() => match api_error(status, &value) {
            Some(error) => error,
            None if ok
                && value
                    .member_ignore_case("IsPosted")
                    .is_some_and(|posted| posted.is_true()) =>
            {
                return Outcome::Success(value);
            }
            None if ok => LoginRadiusError::new(ErrorKind::Api, operation.not_confirmed(), status),
            None if status == 429 => too_many_requests(),
            None => unrecognised(status, "a JSON body that is not a LoginRadius answer"),
        },
        _ if status == 429 => too_many_requests(),
        Body::Json(_) => unrecognised(status, "a JSON body that is not a LoginRadius answer"),
        Body::Empty => unrecognised(status, "an empty body"),
        Body::NotJson => unrecognised(status, "a body that is not JSON"),
    };
    Outcome::Failure(LoginRadiusError {
        status,
        retry_after,
        ..failure
    })
}

/// A LoginRadius error envelope in any of its casings, or `None` when the object is not one.
fn api_error<V: JsonView>(status: u16, body: &V) -> Option<LoginRadiusError<V>> {
    let text = |key: &str| body.member_ignore_case(key).and_then(|v| v.as_string());
    let error_code = body
        .member_ignore_case("ErrorCode")
        .and_then(|code| code.integer());
    let message = text("Message");
    let description = text("Description");
    let ok = (200..300).contains(&status);
    // On an error status a Message or Description alone is still the server talking; on a 2xx
    // only an error code turns the answer into an error.
    if error_code.is_none() && (ok || (message.is_none() && description.is_none())) {
        return None;
    }
    let message = match (message, error_code) {
        (Some(m), _) if !m.trim().is_empty() => m,
        (_, Some(code)) => format!("LoginRadius error {}", code.unsigned_abs()),
        _ => description
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .unwrap_or("LoginRadius reported an error")
            .to_string(),
    };
    Some(LoginRadiusError {
        error_code,
        description,
        issues: field_errors(body),
        data: body.member_ignore_case("Data").filter(|d| !d.is_null()),
        ..LoginRadiusError::new(ErrorKind::Api, message, status)
    })
}

/// `Errors: [{FieldName, ErrorMessage}]`, any casing; entries without a message are skipped.
fn field_errors<V: JsonView>(body: &V) -> Vec<Issue> {
    let Some(entries) = body.member_ignore_case("Errors") else {
        return Vec::new();
    };
    let text = |entry: &V, key: &str| entry.member_ignore_case(key)?.as_string();
    entries
        .items()
        .iter()
        .filter_map(|entry| {
            let message = text(entry, "ErrorMessage")?;
            Some(Issue::new(
                text(entry, "FieldName").unwrap_or_default(),
                message,
            ))
        })
        .collect()
}

/// An error code written as a string of at most 15 digits, optionally negative and padded.
pub fn integer_text(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude: i64 = digits.parse().ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

/// A JSON number that is a whole value of at most 15 digits (`1e3` counts, as it does for
/// `JSON.parse`, which keeps no source text).
pub fn integer_number(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 1e15).then_some(n as i64)
}

#[cfg(not(target_arch = "wasm32"))]
impl JsonView for serde_json::Value {
    fn is_object(&self) -> bool {
        self.is_object()
    }
    /// serde_json keeps one member per name, with the last value, in source order (the
    /// `preserve_order` feature): as `JSON.parse` does.
    fn member_ignore_case(&self, key: &str) -> Option<Self> {
        let members = self.as_object()?;
        let mut matching = members
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(key));
        matching.next_back().map(|(_, value)| value.clone())
    }
    fn as_string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn integer(&self) -> Option<i64> {
        match self {
            serde_json::Value::Number(n) => integer_number(n.as_f64()?),
            serde_json::Value::String(text) => integer_text(text),
            _ => None,
        }
    }
    fn is_true(&self) -> bool {
        self.as_bool() == Some(true)
    }
    fn is_null(&self) -> bool {
        self.is_null()
    }
    fn items(&self) -> Vec<Self> {
        self.as_array().cloned().unwrap_or_default()
    }
}

/// `Retry-After` in delta-seconds (at most 9 digits); the HTTP-date form is ignored.
fn parse_retry_after(header: &str) -> Option<u32> {
    let digits = header.trim();
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn too_many_requests<V>() -> LoginRadiusError<V> {
    LoginRadiusError::new(
        ErrorKind::Api,
        "Too many requests: LoginRadius is rate-limiting this API key. Wait (see retryAfter) and try again",
        429,
    )
}

fn unrecognised<V>(status: u16, what: &str) -> LoginRadiusError<V> {
    LoginRadiusError::new(
        ErrorKind::InvalidResponse,
        format!("Unexpected response from the server: HTTP {status} with {what}. Check baseUrl, or try again later"),
        status,
    )
}

/// The error for a body refused because of its size.
pub fn too_large<V>(status: u16) -> LoginRadiusError<V> {
    LoginRadiusError::new(
        ErrorKind::InvalidResponse,
        "Unexpected response from the server: the body is larger than 1 MiB, \
         which no LoginRadius answer is. Check baseUrl",
        status,
    )
}
