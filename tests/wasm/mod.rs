//! Shared by the browser and Node wasm-bindgen tests: the real wasm build against the real
//! mock server on 127.0.0.1, whose URL the test script passes in `LR_MOCK_URL` at build time.

use js_sys::{Function, Object, Promise, Reflect};
use loginradius_pin_reset::wasm::reset_pin_with_otp;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

pub const MOCK_URL: &str = match option_env!("LR_MOCK_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8080",
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_init(url: &str, init: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = setTimeout)]
    fn test_set_timeout(callback: &Function, ms: i32) -> JsValue;
}

pub fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// A JSON request to the mock's development API; the parsed answer.
pub async fn dev(method: &str, path_and_query: &str, body: &JsValue) -> JsValue {
    let init = obj(&[
        ("method", method.into()),
        (
            "headers",
            obj(&[("content-type", "application/json".into())]),
        ),
    ]);
    if method != "GET" {
        let body: JsValue = js_sys::JSON::stringify(body).unwrap().into();
        Reflect::set(&init, &"body".into(), &body).unwrap();
    }
    let url = format!("{MOCK_URL}{path_and_query}");
    let response = JsFuture::from(fetch_with_init(&url, &init)).await.unwrap();
    let text = JsFuture::from(
        response
            .unchecked_into::<web_sys::Response>()
            .text()
            .unwrap(),
    )
    .await
    .unwrap();
    js_sys::JSON::parse(&text.as_string().unwrap()).unwrap_or(JsValue::NULL)
}

/// A fresh tenant, so tests running at once never share users, OTPs or faults.
pub async fn tenant() -> String {
    get(&dev("POST", "/__dev/tenants", &obj(&[])).await, "apiKey")
        .as_string()
        .unwrap()
}

pub async fn issue_otp(api_key: &str, username: &str) -> String {
    let answer = dev(
        "POST",
        &format!("/__dev/otp?apikey={api_key}"),
        &obj(&[("username", username.into())]),
    )
    .await;
    get(&answer, "otp").as_string().unwrap()
}

pub async fn arm_fault(api_key: &str, fault: &str) {
    dev(
        "POST",
        &format!("/__dev/faults?apikey={api_key}"),
        &obj(&[("fault", fault.into()), ("times", 1.into())]),
    )
    .await;
}

pub fn options(api_key: &str, otp: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let o = obj(&[
        ("apiKey", api_key.into()),
        ("otp", otp.into()),
        ("pin", "4821".into()),
        ("username", "wasm-tester".into()),
        ("baseUrl", MOCK_URL.into()),
    ]);
    for (k, v) in extra {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o
}

pub async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        test_set_timeout(&resolve, ms as i32);
    });
    JsFuture::from(promise).await.unwrap();
}

/// Rejects, and the rejection is a LoginRadiusError of `kind`; returns it.
pub async fn expect_error(options: JsValue, kind: &str) -> JsValue {
    let error = reset_pin_with_otp(options)
        .await
        .expect_err("the call should reject");
    assert!(error.is_instance_of::<js_sys::Error>(), "a real Error");
    assert_eq!(get(&error, "name"), "LoginRadiusError");
    assert_eq!(
        get(&error, "kind").as_string().as_deref(),
        Some(kind),
        "{:?}",
        get(&error, "message")
    );
    error
}

pub async fn success() {
    let key = tenant().await;
    let otp = issue_otp(&key, "wasm-tester").await;
    let result = reset_pin_with_otp(options(&key, &otp, &[])).await.unwrap();
    assert_eq!(get(&result, "IsPosted"), JsValue::TRUE);
    let check = dev(
        "GET",
        &format!("/__dev/users/pin?apikey={key}&identifier=wasm-tester&pin=4821"),
        &JsValue::NULL,
    )
    .await;
    assert_eq!(
        get(&check, "matches"),
        JsValue::TRUE,
        "the server stored the new PIN"
    );
}

pub async fn api_error() {
    let key = tenant().await;
    issue_otp(&key, "wasm-tester").await;
    let error = expect_error(options(&key, "000000", &[]), "api").await;
    assert_eq!(get(&error, "status"), 403);
    assert_eq!(get(&error, "errorCode"), 1067);
    assert!(get(&error, "description").is_string());
}

pub async fn network_failure() {
    let error = expect_error(
        obj(&[
            ("apiKey", "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21".into()),
            ("otp", "123456".into()),
            ("pin", "4821".into()),
            ("phone", "+919876543210".into()),
            ("baseUrl", "http://127.0.0.1:1".into()),
        ]),
        "network",
    )
    .await;
    assert_eq!(get(&error, "status"), 0);
}

pub async fn timeout() {
    let key = tenant().await;
    arm_fault(&key, "hang").await;
    let error = expect_error(
        options(&key, "123456", &[("timeoutMs", 300.into())]),
        "timeout",
    )
    .await;
    assert_eq!(get(&error, "status"), 0);
}

pub async fn abort_before_sends_nothing() {
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let calls = Function::new_no_args("globalThis.__lrCalls = (globalThis.__lrCalls || 0) + 1; return fetch('http://127.0.0.1:1');");
    Reflect::set(&js_sys::global(), &"__lrCalls".into(), &0.into()).unwrap();
    expect_error(
        options(
            "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21",
            "123456",
            &[
                ("signal", controller.signal().into()),
                ("fetch", calls.into()),
            ],
        ),
        "aborted",
    )
    .await;
    assert_eq!(
        get(&js_sys::global(), "__lrCalls"),
        0,
        "no request was sent"
    );
}

pub async fn abort_during() {
    let key = tenant().await;
    arm_fault(&key, "hang").await;
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    wasm_bindgen_futures::spawn_local(async move {
        sleep(200).await;
        controller.abort();
    });
    let error = expect_error(
        options(&key, "123456", &[("signal", signal.into())]),
        "aborted",
    )
    .await;
    assert_eq!(get(&error, "status"), 0);
}

/// Declares one `#[wasm_bindgen_test]` per scenario above; `tests/web.rs` and `tests/node.rs`
/// each expand it once, under their own runner configuration.
#[macro_export]
macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            async fn $name() {
                wasm::$name().await;
            }
        )*
    };
}
