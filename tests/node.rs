//! The wasm build in Node against the real mock server (see tests/wasm/mod.rs).
#![cfg(target_arch = "wasm32")]

mod wasm;

scenarios!(
    success,
    api_error,
    network_failure,
    timeout,
    abort_before_sends_nothing,
    abort_during,
);
