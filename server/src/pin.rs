//! PIN storage (salted SHA-256) and the tenant PIN policy.

use rand::Rng;
use sha2::{Digest, Sha256};

use crate::envelope::FieldError;
use crate::tenant::TenantSettings;

/// A salted hash of a PIN; the PIN itself is never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinHash {
    salt: [u8; 16],
    digest: [u8; 32],
}

impl PinHash {
    pub fn new(pin: &str) -> Self {
        let salt: [u8; 16] = rand::thread_rng().gen();
        PinHash {
            salt,
            digest: digest(&salt, pin),
        }
    }

    pub fn matches(&self, pin: &str) -> bool {
        digest(&self.salt, pin) == self.digest
    }
}

fn digest(salt: &[u8; 16], pin: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(salt);
    hasher.update(pin.as_bytes());
    hasher.finalize().into()
}

/// The policy violations of `pin`, one `Errors` entry each; empty when the PIN is acceptable.
pub fn policy_errors(pin: &str, settings: &TenantSettings) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let len = pin.chars().count();
    let (min, max) = (settings.pin_min_length, settings.pin_max_length);
    if len < min || len > max {
        errors.push(field_error(format!(
            "The pin must be between {min} and {max} characters long."
        )));
    }
    if settings.pin_alphanumeric {
        if !pin.chars().all(|c| c.is_ascii_alphanumeric()) {
            errors.push(field_error(
                "The pin may contain only letters and digits.".to_owned(),
            ));
        }
    } else if !pin.chars().all(|c| c.is_ascii_digit()) {
        errors.push(field_error("The pin may contain only digits.".to_owned()));
    }
    errors
}

fn field_error(error_message: String) -> FieldError {
    FieldError {
        field_name: "pin".to_owned(),
        error_message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn hash_is_salted_and_verifies() {
        let a = PinHash::new("1234");
        let b = PinHash::new("1234");
        assert_ne!(a, b);
        assert!(a.matches("1234") && !a.matches("12345"));
    }

    #[test]
    fn default_policy_is_4_to_12_digits() {
        let settings = TenantSettings::from_config(&Config::default());
        assert!(policy_errors("1234", &settings).is_empty());
        assert!(policy_errors("123456789012", &settings).is_empty());
        assert_eq!(policy_errors("123", &settings).len(), 1);
        assert_eq!(policy_errors("12a", &settings).len(), 2);
    }
}
