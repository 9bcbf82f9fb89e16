//! The wasm build in Node against the real mock server (see tests/wasm/mod.rs).
#![cfg(target_arch = "wasm32")]

mod wasm;

use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn success() {
    wasm::success().await;
}

#[wasm_bindgen_test]
async fn api_error() {
    wasm::api_error().await;
}

#[wasm_bindgen_test]
async fn network_failure() {
    wasm::network_failure().await;
}

#[wasm_bindgen_test]
async fn timeout() {
    wasm::timeout().await;
}

#[wasm_bindgen_test]
async fn abort_before_sends_nothing() {
    wasm::abort_before_sends_nothing().await;
}

#[wasm_bindgen_test]
async fn abort_during() {
    wasm::abort_during().await;
}
