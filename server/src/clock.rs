//! Time as the server sees it: real time plus an offset that tests move forward through
//! `/__dev/clock` (per tenant, so parallel tests sharing one server do not disturb each other),
//! and the ISO-8601 formatting shared by the API and the dev endpoints.

use std::time::{Duration, Instant, SystemTime};

/// The furthest a clock may be moved ahead; keeps every `now + offset` far from overflow.
pub const MAX_OFFSET: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// Real time plus an offset that only grows, so "now" never goes backwards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    offset: Duration,
}

impl Clock {
    /// Wall-clock "now": OTP ages, lockout ends, timestamps.
    pub fn now(&self) -> SystemTime {
        SystemTime::now() + self.offset
    }

    /// Monotonic "now": rate-limit windows.
    pub fn instant(&self) -> Instant {
        Instant::now() + self.offset
    }

    pub fn offset(&self) -> Duration {
        self.offset
    }

    /// Moves the clock forward by `by`; `false` (and no change) past [`MAX_OFFSET`].
    pub fn advance(&mut self, by: Duration) -> bool {
        match self.offset.checked_add(by) {
            Some(offset) if offset <= MAX_OFFSET => {
                self.offset = offset;
                true
            }
            _ => false,
        }
    }
}

/// ISO-8601 UTC with milliseconds (`2018-10-11T21:40:44.875Z`), as LoginRadius writes times.
pub fn iso(time: SystemTime) -> String {
    humantime::format_rfc3339_millis(time).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_both_clocks_and_is_capped() {
        let mut clock = Clock::default();
        let before = SystemTime::now();
        assert!(clock.advance(Duration::from_secs(3600)));
        assert!(clock.now() >= before + Duration::from_secs(3600));
        assert!(clock.instant() >= Instant::now() + Duration::from_secs(3599));
        assert!(!clock.advance(MAX_OFFSET));
        assert_eq!(clock.offset(), Duration::from_secs(3600));
    }
}
