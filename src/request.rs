//! Building the exact HTTP request each call sends.

use serde::Serialize;

use crate::base_url::BaseUrl;
use crate::error::Issue;
use crate::operation::Operation;
use crate::options::{
    validate, validate_send, validate_token, CaptchaTokens, Identifier, RawOptions,
    ResetPinOptions, ResetPinWithTokenOptions, SendCodeOptions,
};
use crate::percent::{encode_query_value, push_json_string};

/// The reset endpoint's path, before the `{type}` segment.
pub const ENDPOINT_PATH: &str = "/identity/v2/auth/pin/reset/otp/";
/// The send endpoints' path, before `otp` (a phone), `email` or `username`.
pub const SEND_PATH: &str = "/identity/v2/auth/pin/forgot/";
/// The reset by the email link's token.
pub const TOKEN_PATH: &str = "/identity/v2/auth/pin/reset/token";

/// The request as plain data: what `buildResetPinWithOtpRequest` and
/// `buildSendResetPinOtpRequest` return, and what is sent.
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
            .field("body", &"<hidden: holds the PIN and the OTP or token>")
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

/// A URL being written: the base, the path, then `?name=value&...` for each parameter given.
struct UrlWriter {
    url: String,
    separator: char,
}

impl UrlWriter {
    fn new(base: &BaseUrl<'_>, path: &str, segment: &str) -> Self {
        let mut url = String::with_capacity(256);
        url.push_str(base.as_str());
        url.push_str(path);
        url.push_str(segment);
        UrlWriter {
            url,
            separator: '?',
        }
    }

    /// Appends `name=value`, the value percent-encoded; nothing when `value` is `None`.
    fn param(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.url.push(self.separator);
            self.url.push_str(name);
            self.url.push('=');
            encode_query_value(value, &mut self.url);
            self.separator = '&';
        }
    }

    /// The captcha tokens, in the order LoginRadius's SDKs send them.
    fn captcha(&mut self, captcha: &CaptchaTokens<'_>) {
        let qq = captcha.qq_ticket_and_randstr;
        self.param("g-recaptcha-response", captcha.g_recaptcha_response);
        self.param("g_recaptcha_response", captcha.g_recaptcha_response_alt);
        self.param("qq_captcha_ticket", qq.map(|(ticket, _)| ticket));
        self.param("qq_captcha_randstr", qq.map(|(_, randstr)| randstr));
        self.param("h-captcha-response", captcha.h_captcha_response);
    }
}

/// `"key":"value"` members of a JSON object, in order.
fn json_object(members: &[(&str, &str)]) -> String {
    let mut body = String::with_capacity(96);
    body.push('{');
    for (index, (key, value)) in members.iter().enumerate() {
        if index > 0 {
            body.push(',');
        }
        push_json_string(key, &mut body);
        body.push(':');
        push_json_string(value, &mut body);
    }
    body.push('}');
    body
}

const JSON: &str = "application/json";

/// Builds the reset request for validated options. Pure: the same options give the same bytes.
pub fn build_request(options: &ResetPinOptions<'_>) -> PreparedRequest {
    let mut url = UrlWriter::new(
        &options.connection.base_url,
        ENDPOINT_PATH,
        options.path_type.as_str(),
    );
    url.param("apikey", Some(options.api_key.expose()));
    url.param("prevent_webhook", options.prevent_webhook.map(bool_text));
    url.captcha(&options.captcha);
    let identifier = &options.identifier;
    PreparedRequest {
        method: "PUT",
        url: url.url,
        headers: Headers {
            content_type: JSON,
            accept: JSON,
            x_prevent_webhook: options.x_prevent_webhook.map(bool_text),
        },
        body: json_object(&[
            ("otp", options.otp.expose()),
            ("pin", options.pin.expose()),
            (identifier.key(), identifier.value()),
        ]),
    }
}

/// Builds the request that asks LoginRadius to send the reset code. Pure, like [`build_request`].
pub fn build_send_request(options: &SendCodeOptions<'_>) -> PreparedRequest {
    let identifier = &options.identifier;
    let segment = match identifier {
        Identifier::Phone(_) => "otp",
        Identifier::Email(_) => "email",
        Identifier::Username(_) => "username",
    };
    let mut url = UrlWriter::new(&options.connection.base_url, SEND_PATH, segment);
    url.param("apikey", Some(options.api_key.expose()));
    url.param("smstemplate", options.sms_template);
    url.param("isvoiceotp", options.is_voice_otp.map(bool_text));
    url.param("emailtemplate", options.email_template);
    url.param("resetpinurl", options.reset_pin_url);
    url.captcha(&options.captcha);
    PreparedRequest {
        method: "POST",
        url: url.url,
        headers: Headers {
            content_type: JSON,
            accept: JSON,
            x_prevent_webhook: None,
        },
        body: json_object(&[(identifier.key(), identifier.value())]),
    }
}

/// Builds the reset by the link's token, for validated options. Pure, like [`build_request`].
/// The body's names are those LoginRadius's SDK models serialize (`ResetToken`, `PIN`).
pub fn build_token_request(options: &ResetPinWithTokenOptions<'_>) -> PreparedRequest {
    let mut url = UrlWriter::new(&options.connection.base_url, TOKEN_PATH, "");
    url.param("apikey", Some(options.api_key.expose()));
    url.param("prevent_webhook", options.prevent_webhook.map(bool_text));
    url.captcha(&options.captcha);
    PreparedRequest {
        method: "PUT",
        url: url.url,
        headers: Headers {
            content_type: JSON,
            accept: JSON,
            x_prevent_webhook: options.x_prevent_webhook.map(bool_text),
        },
        body: json_object(&[
            ("ResetToken", options.reset_token.expose()),
            ("PIN", options.pin.expose()),
        ]),
    }
}

/// A request ready to send, with how long to wait for its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    pub request: PreparedRequest,
    pub timeout_ms: u32,
}

/// Validates `raw` by the rules of `operation` and builds its request: the one path from
/// options to request for every call.
pub fn prepare(operation: Operation, raw: &RawOptions) -> Result<Prepared, Vec<Issue>> {
    Ok(match operation {
        Operation::ResetPin => {
            let options = validate(raw)?;
            Prepared {
                request: build_request(&options),
                timeout_ms: options.connection.timeout_ms,
            }
        }
        Operation::SendCode => {
            let options = validate_send(raw)?;
            Prepared {
                request: build_send_request(&options),
                timeout_ms: options.connection.timeout_ms,
            }
        }
        Operation::ResetPinWithToken => {
            let options = validate_token(raw)?;
            Prepared {
                request: build_token_request(&options),
                timeout_ms: options.connection.timeout_ms,
            }
        }
    })
}
