//! Reset a LoginRadius user's PIN with a one-time password.
//!
//! The crate is two layers. The plain-Rust core (every module but `wasm`) validates options,
//! builds the exact HTTP request and classifies the response; it has no wasm types and is tested
//! natively. The `wasm` layer converts JavaScript values, calls `fetch`, owns the timeout and the
//! abort wiring, and turns outcomes into JavaScript values and `Error`s.

pub mod base_url;
pub mod error;
pub mod json;
pub mod options;
pub mod percent;
pub mod request;
pub mod response;
pub mod secret;
mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{ErrorKind, Issue, LoginRadiusError};
pub use options::{validate, Identifier, PathType, RawOptions, RawValue, ResetPinOptions};
pub use request::{build_request, PreparedRequest};
pub use response::{classify, classify_text, Body, JsonView, Outcome};
