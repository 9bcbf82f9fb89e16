//! Which of the package's calls is being made: the words its messages use.

/// One of the three calls: ask LoginRadius to send the code (and the email's link), reset the
/// PIN with the code, or reset it with the link's token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Operation {
    /// `sendResetPinOtp`: `POST /identity/v2/auth/pin/forgot/{otp|email|username}`.
    SendCode,
    /// `resetPinWithOtp`: `PUT /identity/v2/auth/pin/reset/otp/{type}`.
    ResetPin,
    /// `resetPinWithToken`: `PUT /identity/v2/auth/pin/reset/token`.
    ResetPinWithToken,
}

impl Operation {
    /// Every call, in the order messages list them.
    pub const ALL: [Operation; 3] = [
        Operation::ResetPin,
        Operation::SendCode,
        Operation::ResetPinWithToken,
    ];

    /// The JavaScript function's name, as messages quote it.
    pub fn function_name(self) -> &'static str {
        match self {
            Operation::SendCode => "sendResetPinOtp",
            Operation::ResetPin => "resetPinWithOtp",
            Operation::ResetPinWithToken => "resetPinWithToken",
        }
    }

    /// What may or may not have happened when no answer came in time, and what to do about it.
    pub fn outcome_unknown(self) -> &'static str {
        match self {
            Operation::SendCode => {
                "A code may or may not have been sent: wait for it, or ask for a new one"
            }
            Operation::ResetPin => {
                "The PIN may or may not have changed: request a new code before trying again"
            }
            Operation::ResetPinWithToken => {
                "The PIN may or may not have changed: if the link no longer works, ask for a new email"
            }
        }
    }

    /// The error message for a 2xx answer without `IsPosted: true`.
    pub fn not_confirmed(self) -> &'static str {
        match self {
            Operation::SendCode => "LoginRadius answered without confirming the send (IsPosted is not true); the code may not have been sent",
            Operation::ResetPin | Operation::ResetPinWithToken => "LoginRadius answered without confirming the reset (IsPosted is not true); the PIN may not have changed",
        }
    }
}
