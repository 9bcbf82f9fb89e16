//! The wasm build in headless Chromium against the real mock server (see tests/wasm/mod.rs).
#![cfg(target_arch = "wasm32")]

mod wasm;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

scenarios!(
    success,
    api_error,
    network_failure,
    timeout,
    abort_before_sends_nothing,
    abort_during,
);
