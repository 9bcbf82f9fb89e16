//! Timestamp formatting shared by the API and the dev endpoints.

use std::time::SystemTime;

/// ISO-8601 UTC with milliseconds (`2018-10-11T21:40:44.875Z`), as LoginRadius writes times.
pub fn iso(time: SystemTime) -> String {
    humantime::format_rfc3339_millis(time).to_string()
}
