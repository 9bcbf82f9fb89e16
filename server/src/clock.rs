//! Time as the server sees it: real time plus an offset that tests move forward through
//! `/__dev/clock` (per tenant, so parallel tests sharing one server do not disturb each other),
//! optionally frozen so a test's timing never depends on how fast the machine runs it, and the
//! ISO-8601 formatting shared by the API and the dev endpoints.

use std::time::{Duration, Instant, SystemTime};

/// The furthest a clock may be moved ahead; keeps every `now + offset` far from overflow.
pub const MAX_OFFSET: Duration = Duration::from_secs(10 * 365 * 24 * 3600);

/// Real time (or the moment it was frozen) plus an offset that only grows, so "now" never goes
/// backwards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    offset: Duration,
    /// Both real clocks at the moment of freezing; `None` while time runs.
    frozen: Option<(SystemTime, Instant)>,
}

impl Clock {
    /// Wall-clock "now": OTP ages, lockout ends, timestamps.
    pub fn now(&self) -> SystemTime {
        self.frozen.map_or_else(SystemTime::now, |(wall, _)| wall) + self.offset
    }

    /// Monotonic "now": rate-limit windows.
    pub fn instant(&self) -> Instant {
        self.frozen.map_or_else(Instant::now, |(_, mono)| mono) + self.offset
    }

    /// Stops time (until [`Clock::thaw`]): only [`Clock::advance`] moves it then.
    pub fn freeze(&mut self) {
        self.frozen
            .get_or_insert_with(|| (SystemTime::now(), Instant::now()));
    }

    /// Lets time run again, from real time plus the offset (a jump forward, never back).
    pub fn thaw(&mut self) {
        self.frozen = None;
    }

    pub fn is_frozen(&self) -> bool {
        self.frozen.is_some()
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

    #[test]
    fn a_frozen_clock_moves_only_when_advanced() {
        let mut clock = Clock::default();
        clock.freeze();
        let (wall, mono) = (clock.now(), clock.instant());
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!((clock.now(), clock.instant()), (wall, mono));
        clock.freeze(); // freezing again keeps the first moment
        assert!(clock.advance(Duration::from_secs(1)));
        assert_eq!(clock.now(), wall + Duration::from_secs(1));
        assert_eq!(clock.instant(), mono + Duration::from_secs(1));
        clock.thaw();
        assert!(!clock.is_frozen());
        assert!(clock.now() >= wall + Duration::from_secs(1));
    }
}
