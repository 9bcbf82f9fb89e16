//! Hosts with punycode labels (`xn--…`): whether the URL standard, which `fetch` applies, accepts
//! them. It decodes each A-label and refuses one that is not valid IDNA (`https://Xn--0.A`), and
//! fetch would then fail with no answer: the base URL's check refuses such a host first. Decoding
//! and IDNA validity take Unicode's tables; the engine's own URL parser (the wasm build) and the
//! `url` crate (native builds and tests) have them, so this asks them, only for such hosts.

/// Whether `authority` may hold an A-label: `xn--`, in any case, anywhere (a cheap test; the
/// parser decides).
pub(crate) fn may_have_a_label(authority: &str) -> bool {
    authority
        .as_bytes()
        .windows(4)
        .any(|four| four.eq_ignore_ascii_case(b"xn--"))
}

/// Whether the URL standard accepts `url`.
#[cfg(target_arch = "wasm32")]
pub(crate) fn accepts(url: &str) -> bool {
    // Where the engine cannot tell (no URL.canParse), the URL passes here as it did before.
    crate::wasm::bindings::url_can_parse(url).unwrap_or(true)
}

/// Whether the URL standard accepts `url`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn accepts(url: &str) -> bool {
    url::Url::parse(url).is_ok()
}
