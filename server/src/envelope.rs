//! LoginRadius error envelopes. The real service answers in three casings (PascalCase for most
//! errors, camelCase for 1409, lowercase for captcha failures), so the mock reproduces all three.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

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

    pub fn malformed_api_key() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            920,
            "API key is not formatted correctly",
            "The provided apikey is not a valid GUID.",
        )
    }

    pub fn unknown_api_key() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            901,
            "API key is invalid",
            "The provided LoginRadius API key is invalid, please use a valid API key of your LoginRadius account.",
        )
    }

    pub fn trial_expired() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            6003,
            "Trial plan expired",
            "The trial plan has expired. To continue using the service, please contact support.",
        )
    }

    pub fn auth_failure() -> Self {
        let mut e = Self::new(
            StatusCode::UNAUTHORIZED,
            1409,
            "Authentication failed",
            "The credentials provided could not be authenticated.",
        );
        e.casing = Casing::Camel;
        e
    }

    pub fn unsupported_content_type() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            1083,
            "Content type is not supported",
            "The content type of the request is not supported, please use application/json.",
        )
    }

    pub fn invalid_body() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            1079,
            "Request body is invalid",
            "The request body is empty or is not a valid JSON object.",
        )
    }

    pub fn invalid_captcha() -> Self {
        let mut e = Self::new(
            StatusCode::FORBIDDEN,
            982,
            "Invalid captcha",
            "The captcha response is invalid, please try again.",
        );
        e.casing = Casing::Lower;
        e
    }

    pub fn user_not_found() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            938,
            "User does not exist",
            "No user exists for the provided identifier.",
        )
    }

    /// 1198 with `Data.LoginLockedTimeout` set to the ISO-8601 UTC end of the lockout.
    pub fn locked(until_iso: &str) -> Self {
        let mut e = Self::new(
            StatusCode::FORBIDDEN,
            1198,
            "Account is locked",
            "The account has been locked because of too many failed attempts, please try again after the lockout time.",
        );
        e.data = Some(Box::new(json!({ "LoginLockedTimeout": until_iso })));
        e
    }

    pub fn invalid_otp() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1067,
            "The OTP code is invalid",
            "The OTP code is invalid, please request a new OTP or try again.",
        )
    }

    pub fn otp_used() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1068,
            "The OTP code has already been used",
            "The OTP code has already been used, please request a new OTP.",
        )
    }

    pub fn otp_expired() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1069,
            "The OTP code has expired",
            "The OTP code has expired, please request a new OTP.",
        )
    }

    pub fn invalid_email() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            1038,
            "Email is not valid",
            "The email address is not in a valid format.",
        )
    }

    pub fn invalid_phone() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            1096,
            "Phone number is not valid",
            "The phone number is not valid; use the E.164 format, e.g. +919876543210.",
        )
    }

    pub fn dangerous_request() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            1214,
            "Request looks dangerous",
            "A potentially dangerous value was detected in the request.",
        )
    }

    pub fn blocked() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            991,
            "Account is blocked",
            "The account has been blocked, please contact the site administrator.",
        )
    }

    pub fn captcha_lockout() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1132,
            "Account is locked, a captcha is required",
            "The account has been locked because of too many failed attempts, please solve the captcha to unlock it.",
        )
    }

    pub fn security_question_lockout() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1148,
            "Account is locked, the security question must be answered",
            "The account has been locked because of too many failed attempts, please answer the security question to unlock it.",
        )
    }

    pub fn phone_not_verified() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1066,
            "Phone number is not verified",
            "The phone number has not been verified, please verify it first.",
        )
    }

    pub fn phone_login_off() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1074,
            "Phone login is not enabled",
            "Phone number login is not enabled for this site.",
        )
    }

    pub fn pin_not_configured() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1233,
            "PIN authentication is not configured",
            "PIN authentication is not configured for this site.",
        )
    }

    pub fn username_login_off() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1238,
            "Username login is not enabled",
            "Username login is not enabled for this site, please use the email or phone number.",
        )
    }

    pub fn username_login_on() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            1183,
            "Username login is enabled",
            "Username login is enabled for this site, please use the username instead of the email.",
        )
    }

    /// 1134 with one `Errors` entry per violated rule.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let mut e = Self::new(
            StatusCode::BAD_REQUEST,
            1134,
            "Validation failed",
            "The data did not pass server-side validation.",
        );
        e.errors = errors;
        e
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            950,
            "Operation failed due to an unknown error",
            "An unknown error has occurred, please try again in a few minutes or contact your system admin.",
        )
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            404,
            "Resource not found",
            "The requested resource was not found.",
        )
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            405,
            "Method not allowed",
            "The requested resource does not support this HTTP method.",
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
