//! Fixed one-second windows counting requests per API key.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// Counts one request for `key` at `now` (the tenant's clock, so a test can move past a
    /// window instead of waiting); false when it is over `limit` in the current window.
    /// A limit of 0 means unlimited.
    pub fn allow(&self, key: &str, limit: u32, now: Instant) -> bool {
        if limit == 0 {
            return true;
        }
        // The map holds only counters, so a poisoned lock is still safe to use.
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = windows.entry(key.to_lowercase()).or_insert((now, 0));
        if now.saturating_duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        entry.1 <= limit
    }

    pub fn clear(&self) {
        self.windows
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}
