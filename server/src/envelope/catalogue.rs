//! The named errors of the mock API, each with the status, code and words the real service uses.

use axum::http::StatusCode;
use serde_json::json;

use super::{ApiError, Casing, FieldError};

impl ApiError {
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
}
