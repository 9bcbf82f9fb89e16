//! The JavaScript face of the crate: nine exported functions (send the code, reset the PIN with
//! it, reset the PIN with the email link's token; each with its validate and build) and their
//! TypeScript types. (`isLoginRadiusError` and `readResetToken` are plain JavaScript in npm/: they
//! need no wasm.)
//!
//! Everything here converts and wires; every rule and every decision lives in the core modules.

pub(crate) mod bindings;
mod call;
mod js_values;
mod json_view;
mod read_options;

use wasm_bindgen::prelude::*;

use crate::error::{Issue, LoginRadiusError};
use crate::operation::Operation;
use crate::options::check;
use crate::request::prepare;
use js_values::{error_to_js, to_js};
use read_options::read_options;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// Resets a user's PIN with a one-time password. Resolves with `{ IsPosted: true }`; rejects
/// with a `LoginRadiusError` for every other outcome (invalid options included: it never throws).
#[wasm_bindgen(js_name = resetPinWithOtp, unchecked_return_type = "Promise<ResetPinWithOtpResult>")]
pub async fn reset_pin_with_otp(
    #[wasm_bindgen(unchecked_param_type = "ResetPinWithOtpOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    call(Operation::ResetPin, options).await
}

/// Checks options by the same rules as `resetPinWithOtp`; `[]` when they are valid.
#[wasm_bindgen(js_name = validateResetPinWithOtp, unchecked_return_type = "ValidationIssue[]")]
pub fn validate_reset_pin_with_otp(
    #[wasm_bindgen(unchecked_param_type = "unknown")] options: JsValue,
) -> JsValue {
    issues(Operation::ResetPin, &options)
}

/// The exact request `resetPinWithOtp` would send. Throws a `LoginRadiusError` (kind
/// `"validation"`) when the options are invalid.
#[wasm_bindgen(js_name = buildResetPinWithOtpRequest, unchecked_return_type = "ResetPinWithOtpRequest")]
pub fn build_reset_pin_with_otp_request(
    #[wasm_bindgen(unchecked_param_type = "ResetPinWithOtpOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    build(Operation::ResetPin, &options)
}

/// Asks LoginRadius to send the user a code for `resetPinWithOtp`: by SMS or voice call to a
/// phone, or in the forgot-PIN email for an email or a username. Resolves with LoginRadius's
/// body (`{ IsPosted: true }`, with `Data` for a phone); rejects with a `LoginRadiusError`.
#[wasm_bindgen(js_name = sendResetPinOtp, unchecked_return_type = "Promise<SendResetPinOtpResult>")]
pub async fn send_reset_pin_otp(
    #[wasm_bindgen(unchecked_param_type = "SendResetPinOtpOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    call(Operation::SendCode, options).await
}

/// Checks options by the same rules as `sendResetPinOtp`; `[]` when they are valid.
#[wasm_bindgen(js_name = validateSendResetPinOtp, unchecked_return_type = "ValidationIssue[]")]
pub fn validate_send_reset_pin_otp(
    #[wasm_bindgen(unchecked_param_type = "unknown")] options: JsValue,
) -> JsValue {
    issues(Operation::SendCode, &options)
}

/// The exact request `sendResetPinOtp` would send. Throws a `LoginRadiusError` (kind
/// `"validation"`) when the options are invalid.
#[wasm_bindgen(js_name = buildSendResetPinOtpRequest, unchecked_return_type = "SendResetPinOtpRequest")]
pub fn build_send_reset_pin_otp_request(
    #[wasm_bindgen(unchecked_param_type = "SendResetPinOtpOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    build(Operation::SendCode, &options)
}

/// Resets a user's PIN with the token of the forgot-PIN email's link (`readResetToken`). Resolves
/// with `{ IsPosted: true }`; rejects with a `LoginRadiusError` for every other outcome.
#[wasm_bindgen(js_name = resetPinWithToken, unchecked_return_type = "Promise<ResetPinWithTokenResult>")]
pub async fn reset_pin_with_token(
    #[wasm_bindgen(unchecked_param_type = "ResetPinWithTokenOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    call(Operation::ResetPinWithToken, options).await
}

/// Checks options by the same rules as `resetPinWithToken`; `[]` when they are valid.
#[wasm_bindgen(js_name = validateResetPinWithToken, unchecked_return_type = "ValidationIssue[]")]
pub fn validate_reset_pin_with_token(
    #[wasm_bindgen(unchecked_param_type = "unknown")] options: JsValue,
) -> JsValue {
    issues(Operation::ResetPinWithToken, &options)
}

/// The exact request `resetPinWithToken` would send. Throws a `LoginRadiusError` (kind
/// `"validation"`) when the options are invalid.
#[wasm_bindgen(js_name = buildResetPinWithTokenRequest, unchecked_return_type = "ResetPinWithTokenRequest")]
pub fn build_reset_pin_with_token_request(
    #[wasm_bindgen(unchecked_param_type = "ResetPinWithTokenOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    build(Operation::ResetPinWithToken, &options)
}

/// Reads, validates, builds and sends: the body of the async exports.
async fn call(operation: Operation, options: JsValue) -> Result<JsValue, JsValue> {
    let given =
        read_options(operation, &options).map_err(|issues| validation_error(operation, issues))?;
    let prepared =
        prepare(operation, &given.raw).map_err(|issues| validation_error(operation, issues))?;
    call::send(operation, &prepared, &given.transport)
        .await
        .map_err(|error| error_to_js(&error))
}

fn issues(operation: Operation, options: &JsValue) -> JsValue {
    let issues = match read_options(operation, options) {
        Ok(given) => check(operation, &given.raw),
        Err(issues) => issues,
    };
    to_js(&issues)
}

fn build(operation: Operation, options: &JsValue) -> Result<JsValue, JsValue> {
    let given =
        read_options(operation, options).map_err(|issues| validation_error(operation, issues))?;
    let prepared =
        prepare(operation, &given.raw).map_err(|issues| validation_error(operation, issues))?;
    Ok(to_js(&prepared.request))
}

fn validation_error(operation: Operation, issues: Vec<Issue>) -> JsValue {
    error_to_js(&LoginRadiusError::validation(operation, issues))
}

// See the `talc` entry in Cargo.toml for why the allocator is not the default dlmalloc.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
