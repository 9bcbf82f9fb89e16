//! The JavaScript face of the crate: three exported functions and their TypeScript types.
//! (`isLoginRadiusError` is plain JavaScript in npm/index.js and npm/node.cjs: it needs no wasm.)
//!
//! Everything here converts and wires; every rule and every decision lives in the core modules.

mod bindings;
mod call;
mod js_values;
mod json_view;
mod read_options;

use wasm_bindgen::prelude::*;

use crate::error::{Issue, LoginRadiusError};
use crate::options::validate;
use crate::request::build_request;
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
    let given = read_options(&options).map_err(validation_error)?;
    let validated = validate(&given.raw).map_err(validation_error)?;
    let request = build_request(&validated);
    call::send(&request, validated.timeout_ms, &given.transport)
        .await
        .map_err(|error| error_to_js(&error))
}

/// Checks options by the same rules as `resetPinWithOtp`; `[]` when they are valid.
#[wasm_bindgen(js_name = validateResetPinWithOtp, unchecked_return_type = "ValidationIssue[]")]
pub fn validate_reset_pin_with_otp(
    #[wasm_bindgen(unchecked_param_type = "unknown")] options: JsValue,
) -> JsValue {
    let issues = match read_options(&options) {
        Ok(given) => validate(&given.raw).err().unwrap_or_default(),
        Err(issues) => issues,
    };
    to_js(&issues)
}

/// The exact request `resetPinWithOtp` would send. Throws a `LoginRadiusError` (kind
/// `"validation"`) when the options are invalid.
#[wasm_bindgen(js_name = buildResetPinWithOtpRequest, unchecked_return_type = "PreparedRequest")]
pub fn build_reset_pin_with_otp_request(
    #[wasm_bindgen(unchecked_param_type = "ResetPinWithOtpOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let given = read_options(&options).map_err(validation_error)?;
    let validated = validate(&given.raw).map_err(validation_error)?;
    Ok(to_js(&build_request(&validated)))
}

fn validation_error(issues: Vec<Issue>) -> JsValue {
    error_to_js(&LoginRadiusError::validation(issues))
}

// See the `talc` entry in Cargo.toml for why the allocator is not the default dlmalloc.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
