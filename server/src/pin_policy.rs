//! The tenant's PIN policy: length and allowed characters.

use crate::envelope::FieldError;
use crate::tenant::TenantSettings;

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
    fn default_policy_is_4_to_12_digits() {
        let settings = TenantSettings::from_config(&Config::default());
        assert!(policy_errors("1234", &settings).is_empty());
        assert!(policy_errors("123456789012", &settings).is_empty());
        assert_eq!(policy_errors("123", &settings).len(), 1);
        assert_eq!(policy_errors("12a", &settings).len(), 2);
    }
}
