//! Arbitrary bytes -> (status, Retry-After, body) -> response::classify_text, for both calls.
//! classify must map every input to exactly one outcome without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use loginradius_pin_reset::{classify_text, ErrorKind, JsonView, Operation, Outcome};

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = u16::from_le_bytes([data[0], data[1]]) % 1000;
    let retry_len = usize::from(data[2] % 16).min(data.len() - 3);
    let retry_bytes = &data[3..3 + retry_len];
    let retry_after = (data[2] & 0x80 != 0).then(|| String::from_utf8_lossy(retry_bytes).into_owned());
    let body = String::from_utf8_lossy(&data[3 + retry_len..]);
    let operation = if data[2] & 0x40 != 0 { Operation::SendCode } else { Operation::ResetPin };

    // Exactly one outcome, consistent with the status.
    match classify_text(operation, status, retry_after.as_deref(), &body) {
        Outcome::Success(value) => {
            assert!((200..300).contains(&status), "success on status {status}");
            assert_eq!(value.member_ignore_case("IsPosted"), Some(serde_json::Value::Bool(true)));
        }
        Outcome::Failure(error) => {
            assert_eq!(error.status, status);
            assert!(!error.message.is_empty());
            assert!(matches!(error.kind, ErrorKind::Api | ErrorKind::InvalidResponse));
            if let Some(seconds) = error.retry_after {
                let text = retry_after.as_deref().expect("retry_after without a header");
                assert_eq!(text.trim().parse::<u32>().ok(), Some(seconds));
            }
        }
    }
});
