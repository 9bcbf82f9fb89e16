//! The captcha a tenant with bot protection demands on every PIN endpoint: 908 when none is
//! given, 982 (lowercase envelope) when a token fails verification.

use serde_json::{Map, Value};

use crate::envelope::ApiError;
use crate::params::{body_text, Query};

/// Captcha token names, accepted in the query or the body.
const TOKENS: [&str; 3] = [
    "g-recaptcha-response",
    "g_recaptcha_response",
    "h-captcha-response",
];

/// Any token is accepted except the literal "invalid", which stands for a failed verification.
pub fn check(query: &Query, body: &Map<String, Value>) -> Result<(), ApiError> {
    let lookup = |name: &str| {
        query
            .non_empty(name)
            .map(str::to_owned)
            .or_else(|| body_text(body, name))
    };
    let mut tokens: Vec<String> = TOKENS.iter().filter_map(|n| lookup(n)).collect();
    // The QQ captcha needs its ticket and random string together.
    if let (Some(ticket), Some(randstr)) =
        (lookup("qq_captcha_ticket"), lookup("qq_captcha_randstr"))
    {
        tokens.extend([ticket, randstr]);
    }
    if tokens.is_empty() {
        return Err(ApiError::missing(&["captcha"]));
    }
    if tokens.iter().any(|t| t == "invalid") {
        return Err(ApiError::invalid_captcha());
    }
    Ok(())
}
