//! The rule for each string option: what it becomes when valid, or what is wrong with it.

use std::borrow::Cow;

use super::{
    has_space_or_control, PathType, MAX_CAPTCHA_LEN, MAX_EMAIL_CHARS, MAX_LINK_LEN, MAX_OTP_LEN,
    MAX_PIN_CHARS, MAX_RESET_TOKEN_LEN, MAX_TEMPLATE_CHARS, MAX_USERNAME_CHARS,
};
use crate::base_url;
use crate::text::{has_byte, parts, split_byte};

/// A rule's verdict on one string: the value it becomes, or what is wrong with it. A valid
/// string comes back as the same `&str`: validating copies none of them.
pub(super) type Checked<T> = Result<T, Cow<'static, str>>;

pub(super) fn check_api_key(s: &str) -> Checked<&str> {
    // Groups of 8, 4, 4, 4 and 12 hex digits between dashes, checked in one pass over the bytes.
    let is_guid = s.len() == 36
        && s.bytes().enumerate().all(|(at, b)| match at {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if is_guid {
        Ok(s)
    } else if s.is_empty() {
        Err("is required and must not be empty".into())
    } else {
        Err(
            "must be a GUID like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (your LoginRadius API key)"
                .into(),
        )
    }
}

pub(super) fn check_otp(s: &str) -> Checked<&str> {
    if s.is_empty() {
        Err("must not be empty".into())
    } else if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Checked before the length, which counts bytes: only right once the text is ASCII.
        Err("must contain only ASCII letters and digits".into())
    } else if s.len() > MAX_OTP_LEN {
        Err(format!("must be at most {MAX_OTP_LEN} characters").into())
    } else {
        Ok(s)
    }
}

/// Not empty, at most `max` characters, no whitespace or control characters: the PIN's and the
/// username's rule.
pub(super) fn check_plain_text(s: &str, max: usize) -> Checked<&str> {
    if s.is_empty() {
        Err("must not be empty".into())
    } else if s.chars().count() > max {
        Err(format!("must be at most {max} characters").into())
    } else if has_space_or_control(s) {
        Err("must not contain spaces or control characters".into())
    } else {
        Ok(s)
    }
}

pub(super) fn check_pin(s: &str) -> Checked<&str> {
    check_plain_text(s, MAX_PIN_CHARS)
}

/// The reset token of the email's link: printable ASCII (a GUID, or any URL-safe token).
pub(super) fn check_reset_token(s: &str) -> Checked<&str> {
    if s.is_empty() {
        Err("must not be empty".into())
    } else if !s.bytes().all(|b| b.is_ascii_graphic()) {
        // Checked before the length, which counts bytes: only right once the text is ASCII.
        Err("must be printable ASCII, without spaces".into())
    } else if s.len() > MAX_RESET_TOKEN_LEN {
        Err(format!("must be at most {MAX_RESET_TOKEN_LEN} characters").into())
    } else {
        Ok(s)
    }
}

pub(super) fn check_username(s: &str) -> Checked<&str> {
    check_plain_text(s, MAX_USERNAME_CHARS)
}

pub(super) fn check_email(s: &str) -> Checked<&str> {
    const BAD: &str = "must be an email address like name@example.com";
    if s.is_empty() {
        return Err("must not be empty".into());
    }
    if s.chars().count() > MAX_EMAIL_CHARS {
        return Err(format!("must be at most {MAX_EMAIL_CHARS} characters").into());
    }
    if has_space_or_control(s) {
        return Err("must not contain spaces or control characters".into());
    }
    let (local, domain) = split_byte(s, b'@', true).ok_or(BAD)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.bytes().any(|b| b"@\"(),:;<>[]\\".contains(&b));
    let labels_ok = has_byte(domain, b'.')
        && parts(domain, b'.').all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                // Non-ASCII letters are allowed (internationalised domains); ASCII is strict.
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
        });
    if local_ok && labels_ok {
        Ok(s)
    } else {
        Err(BAD.into())
    }
}

pub(super) fn check_phone(s: &str) -> Checked<&str> {
    let digits = s.strip_prefix('+').unwrap_or(s);
    if (5..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s)
    } else {
        Err("must be 5 to 15 digits with an optional leading +, like +919876543210 (no spaces or dashes)".into())
    }
}

pub(super) fn check_type(s: &str) -> Checked<PathType> {
    PathType::parse(s).ok_or_else(|| {
        let names: Vec<String> = PathType::ALL
            .iter()
            .map(|t| format!("\"{}\"", t.as_str()))
            .collect();
        format!("must be one of {}", names.join(", ")).into()
    })
}

pub(super) fn check_token(s: &str) -> Checked<&str> {
    if s.is_empty() {
        Err("must not be empty; leave the option out instead".into())
    } else if s.len() > MAX_CAPTCHA_LEN {
        Err(format!("must be at most {MAX_CAPTCHA_LEN} characters").into())
    } else {
        Ok(s)
    }
}

/// A template name of the tenant (`smsTemplate`, `emailTemplate`).
pub(super) fn check_template(s: &str) -> Checked<&str> {
    check_plain_text(s, MAX_TEMPLATE_CHARS)
}

/// `resetPinUrl`: where the email's link leads, an absolute https URL.
pub(super) fn check_reset_pin_url(s: &str) -> Checked<&str> {
    if s.len() > MAX_LINK_LEN {
        return Err(format!("must be at most {MAX_LINK_LEN} characters").into());
    }
    base_url::check_https_link(s).map_err(Cow::from)
}
