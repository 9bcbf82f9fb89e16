//! Reset a LoginRadius user's PIN with a one-time password.
//!
//! The crate is two layers. The plain-Rust core (every module but `wasm`) validates options,
//! builds the exact HTTP request and classifies the response; it has no wasm types and is tested
//! natively. The `wasm` layer converts JavaScript values, calls `fetch`, owns the timeout and the
//! abort wiring, and turns outcomes into JavaScript values and `Error`s.

// A panic in wasm traps and can leave the module unusable for the rest of the page: shipped code
// may not unwrap, expect, panic or index. (Tests may.)
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod base_url;
pub mod error;
pub mod operation;
pub mod options;
pub mod percent;
pub mod request;
pub mod response;
pub mod secret;
mod text;
mod url_standard;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{ErrorKind, Issue, LoginRadiusError};
pub use operation::Operation;
pub use options::{
    validate, validate_send, validate_token, Identifier, PathType, RawOptions, RawValue,
    ResetPinOptions, ResetPinWithTokenOptions, SendCodeOptions,
};
pub use request::{
    build_request, build_send_request, build_token_request, prepare, Prepared, PreparedRequest,
};
#[cfg(not(target_arch = "wasm32"))]
pub use response::classify_text;
pub use response::{classify, Body, JsonView, Outcome};
