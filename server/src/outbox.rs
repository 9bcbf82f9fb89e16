//! What the send endpoints "deliver": one entry per SMS, voice call or email, kept per tenant
//! and read back through `GET /__dev/outbox` (there is no real SMS or mail).

use serde::Serialize;

/// How a code travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Sms,
    Voice,
    Email,
}

/// One delivered code. Every field is always present (`null` when it does not apply), so
/// readers can rely on one shape.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxEntry {
    pub channel: Channel,
    /// The identifier the request named, normalized (phone, email or username).
    pub identifier: String,
    /// Where it went: the phone number, or the user's email (`null` for a username-only user).
    pub to: Option<String>,
    /// The phone number for SMS and voice, `null` for email (the field the first outbox had).
    pub phone: Option<String>,
    /// The code; the reset endpoint accepts it for this user until it is used or replaced.
    pub otp: String,
    /// `smstemplate` or `emailtemplate` from the query, when given.
    pub template: Option<String>,
    /// `resetpinurl` from the query, when given (email sends only).
    pub reset_pin_url: Option<String>,
    /// The email's reset link: `resetPinUrl` with the token in `vtoken` (`null` without a URL).
    pub reset_pin_link: Option<String>,
    /// The token that link carries; `PUT /pin/reset/token` accepts it once, until it expires.
    pub reset_token: Option<String>,
    /// The `Data.Sid` answered for SMS and voice, `null` for email.
    pub sid: Option<String>,
    pub uid: String,
    /// When it was sent, on the tenant's clock (ISO-8601).
    pub sent_at: String,
}
