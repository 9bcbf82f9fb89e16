//! Checks on the identifier a request names, before any user is looked up: its format (1038
//! email, 1096 phone) and whether the tenant lets it be used (1074 phone login off, 1238
//! username login off, 1183 username login required instead of email).

use crate::envelope::ApiError;
use crate::tenant::{IdentifierKind, TenantSettings, UsernameLogin};

pub fn check(settings: &TenantSettings, kind: IdentifierKind, value: &str) -> Result<(), ApiError> {
    let value = value.trim();
    match kind {
        IdentifierKind::Email if !is_email(value) => return Err(ApiError::invalid_email()),
        IdentifierKind::Phone if !is_phone(value) => return Err(ApiError::invalid_phone()),
        _ => {}
    }
    match (kind, settings.username_login) {
        (IdentifierKind::Phone, _) if !settings.phone_login => Err(ApiError::phone_login_off()),
        (IdentifierKind::Username, UsernameLogin::Disabled) => Err(ApiError::username_login_off()),
        (IdentifierKind::Email, UsernameLogin::Required) => Err(ApiError::username_login_on()),
        _ => Ok(()),
    }
}

/// `local@domain.tld`: one `@`, no spaces or control characters, a dot-separated domain with
/// no empty label. Looser than the client's check on purpose: whatever it sends passes here.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// E.164-like: an optional `+`, then 5 to 15 digits (the same rule as the client).
fn is_phone(value: &str) -> bool {
    let digits = value.strip_prefix('+').unwrap_or(value);
    (5..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for good in ["a@b.co", "Mixed.Case+tag@Example.com", "ü@bücher.de"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "", "ab.co", "@b.co", "a@b", "a@b..co", "a@@b.co", "a b@c.co", "a@b.co\n",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }

    #[test]
    fn phones() {
        for good in ["+919876543210", "12345", "+123456789012345"] {
            assert!(is_phone(good), "{good}");
        }
        for bad in [
            "",
            "+1234",
            "1234567890123456",
            "+1 555 0123",
            "++12345",
            "12a45",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }
}
