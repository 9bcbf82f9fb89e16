//! PIN storage: salted SHA-256.

use rand::Rng;
use sha2::{Digest, Sha256};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_salted_and_verifies() {
        let a = PinHash::new("1234");
        let b = PinHash::new("1234");
        assert_ne!(a, b);
        assert!(a.matches("1234") && !a.matches("12345"));
    }
}
