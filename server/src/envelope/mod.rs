//! LoginRadius error envelopes. The real service answers in three casings (PascalCase for most
//! errors, camelCase for 1409, lowercase for captcha failures), so the mock reproduces all three.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

mod catalogue;

/// Message used by LoginRadius for every "required parameter" (908) error.
const PARAMETER_MESSAGE: &str = "A parameter is not formatted correctly";

/// How an error body is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    /// `{"Description","ErrorCode","Message","IsProviderError","ProviderErrorResponse"}`.
    Pascal,
    /// `{"errorCode","message","description"}`.
    Camel,
    /// `{"errorcode","message","description"}`.
    Lower,
}

/// One entry of the `Errors` array on a 1134 validation failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field_name: String,
    pub error_message: String,
}

/// An error answer of the mock API.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: u32,
    pub message: String,
    pub description: String,
    pub casing: Casing,
    /// Boxed: an error is returned by value on every path, and a `Value` is large.
    pub data: Option<Box<Value>>,
    pub errors: Vec<FieldError>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: u32, message: &str, description: &str) -> Self {
        ApiError {
            status,
            code,
            message: message.to_owned(),
            description: description.to_owned(),
            casing: Casing::Pascal,
            data: None,
            errors: Vec::new(),
        }
    }

    /// 908: one Description naming every missing field, in the order given.
    pub fn missing(fields: &[&str]) -> Self {
        let description = match fields {
            [one] => format!("The {one} is a required parameter."),
            many => format!("The {} are required parameters.", many.join(", ")),
        };
        Self::new(
            StatusCode::BAD_REQUEST,
            908,
            PARAMETER_MESSAGE,
            &description,
        )
    }

    /// The JSON body in this error's casing.
    pub fn body(&self) -> Value {
        match self.casing {
            Casing::Camel => json!({
                "errorCode": self.code,
                "message": self.message,
                "description": self.description,
            }),
            Casing::Lower => json!({
                "errorcode": self.code,
                "message": self.message,
                "description": self.description,
            }),
            Casing::Pascal => {
                let mut body = json!({
                    "Description": self.description,
                    "ErrorCode": self.code,
                    "Message": self.message,
                    "IsProviderError": false,
                    "ProviderErrorResponse": null,
                });
                if let Some(data) = &self.data {
                    body["Data"] = Value::clone(data);
                }
                if !self.errors.is_empty() {
                    body["Errors"] = self
                        .errors
                        .iter()
                        .map(|e| json!({ "FieldName": e.field_name, "ErrorMessage": e.error_message }))
                        .collect();
                }
                body
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body())).into_response()
    }
}

/// 429 as LoginRadius's gateway sends it: no body, a `Retry-After` in seconds.
pub fn too_many_requests(retry_after_secs: u32) -> Response {
    let mut response = StatusCode::TOO_MANY_REQUESTS.into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    response
}

/// The success answer of the reset and the email sends.
pub fn posted() -> Response {
    Json(json!({ "IsPosted": true })).into_response()
}

/// The success answer of the SMS/voice send: `{"IsPosted": true, "Data": data}`.
pub fn posted_with(data: Value) -> Response {
    Json(json!({ "IsPosted": true, "Data": data })).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_names_every_field() {
        assert_eq!(
            ApiError::missing(&["otp"]).description,
            "The otp is a required parameter."
        );
        assert_eq!(
            ApiError::missing(&["otp", "pin"]).description,
            "The otp, pin are required parameters."
        );
    }

    #[test]
    fn casings() {
        let lower = ApiError::invalid_captcha().body();
        assert_eq!(lower["errorcode"], 982);
        let camel = ApiError::auth_failure().body();
        assert_eq!(camel["errorCode"], 1409);
        let pascal = ApiError::locked("2018-10-11T21:40:44.875Z").body();
        assert_eq!(
            pascal["Data"]["LoginLockedTimeout"],
            "2018-10-11T21:40:44.875Z"
        );
        assert_eq!(pascal["IsProviderError"], false);
    }
}
