//! Values that must never be printed whole.

use core::fmt;

/// The PIN or the OTP: only ever serialized into the request body. It borrows the caller's
/// options, so validating puts no further copy of it in memory.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret<'a>(&'a str);

impl<'a> Secret<'a> {
    pub fn new(value: &'a str) -> Self {
        Secret(value)
    }
    /// The value itself, for the request body and nothing else.
    pub fn expose(&self) -> &'a str {
        self.0
    }
}

impl fmt::Debug for Secret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// The tenant API key: public by design, yet masked wherever it is printed.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey<'a>(&'a str);

impl<'a> ApiKey<'a> {
    pub fn new(value: &'a str) -> Self {
        ApiKey(value)
    }
    pub fn expose(&self) -> &'a str {
        self.0
    }
    /// The first four characters and a mask: enough to tell keys apart in a log.
    pub fn masked(&self) -> String {
        let head: String = self.0.chars().take(4).collect();
        format!("{head}…****")
    }
}

impl fmt::Debug for ApiKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(")?;
        f.write_str(&self.masked())?;
        f.write_str(")")
    }
}

impl fmt::Display for ApiKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let pin = Secret::new("7890");
        assert_eq!(format!("{pin:?} {pin}"), "Secret(***) ***");
        assert_eq!(pin.expose(), "7890");
    }

    #[test]
    fn api_key_is_masked() {
        let key = ApiKey::new("4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21");
        let printed = format!("{key:?} {key}");
        assert!(!printed.contains("2f1a"), "{printed}");
        assert!(printed.contains("4f4b…****"));
    }
}
