//! Building the exact HTTP request `resetPinWithOtp` sends.

use serde::Serialize;

use crate::options::ResetPinOptions;
use crate::percent::{encode_query_value, push_json_string};

/// The endpoint path, before the `{type}` segment.
pub const ENDPOINT_PATH: &str = "/identity/v2/auth/pin/reset/otp/";

/// The request as plain data: what `buildResetPinWithOtpRequest` returns and what is sent.
///
/// `Debug` is written by hand: the URL holds the API key (masked wherever printed) and the body
/// holds the PIN and the OTP.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct PreparedRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Headers,
    pub body: String,
}

impl core::fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PreparedRequest")
            .field("method", &self.method)
            .field("url", &"<hidden: holds the API key>")
            .field("headers", &self.headers)
            .field("body", &"<hidden: holds the PIN and OTP>")
            .finish()
    }
}

/// The request headers, serialized as an object keyed by their HTTP names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Headers {
    #[serde(rename = "Content-Type")]
    pub content_type: &'static str,
    #[serde(rename = "Accept")]
    pub accept: &'static str,
    #[serde(rename = "X-PreventWebhook", skip_serializing_if = "Option::is_none")]
    pub x_prevent_webhook: Option<&'static str>,
}

impl Headers {
    /// Name/value pairs in send order.
    pub fn pairs(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        [
            ("Content-Type", Some(self.content_type)),
            ("Accept", Some(self.accept)),
            ("X-PreventWebhook", self.x_prevent_webhook),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)))
    }
}

fn bool_text(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Builds the request for validated options. Pure: the same options give the same bytes.
pub fn build_request(options: &ResetPinOptions) -> PreparedRequest {
    let mut url = String::with_capacity(256);
    url.push_str(options.base_url.as_str());
    url.push_str(ENDPOINT_PATH);
    url.push_str(options.path_type.as_str());

    let captcha = &options.captcha;
    let qq = captcha.qq_ticket_and_randstr.as_ref();
    let query = [
        ("apikey", Some(options.api_key.expose())),
        ("prevent_webhook", options.prevent_webhook.map(bool_text)),
        (
            "g-recaptcha-response",
            captcha.g_recaptcha_response.as_deref(),
        ),
        (
            "g_recaptcha_response",
            captcha.g_recaptcha_response_alt.as_deref(),
        ),
        ("qq_captcha_ticket", qq.map(|(ticket, _)| ticket.as_str())),
        (
            "qq_captcha_randstr",
            qq.map(|(_, randstr)| randstr.as_str()),
        ),
        ("h-captcha-response", captcha.h_captcha_response.as_deref()),
    ];
    let mut separator = '?';
    for (name, value) in query {
        if let Some(value) = value {
            url.push(separator);
            url.push_str(name);
            url.push('=');
            encode_query_value(value, &mut url);
            separator = '&';
        }
    }

    let mut body = String::with_capacity(96);
    body.push_str("{\"otp\":");
    push_json_string(options.otp.expose(), &mut body);
    body.push_str(",\"pin\":");
    push_json_string(options.pin.expose(), &mut body);
    body.push_str(",\"");
    body.push_str(options.identifier.key());
    body.push_str("\":");
    push_json_string(options.identifier.value(), &mut body);
    body.push('}');

    PreparedRequest {
        method: "PUT",
        url,
        headers: Headers {
            content_type: "application/json",
            accept: "application/json",
            x_prevent_webhook: options.x_prevent_webhook.map(bool_text),
        },
        body,
    }
}
