//! The `baseUrl` option: where requests go, checked strictly because it decides who sees the OTP.

use std::borrow::Cow;

use crate::text::{
    edge_is, find_byte, has_byte, has_space_or_control, parse_decimal, parts, split_byte,
};

/// A checked base URL: scheme, host, optional port and path prefix, no trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    pub(crate) fn new(checked: String) -> Self {
        BaseUrl(checked)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks a base URL and returns it normalised (lowercase scheme, no trailing slash).
pub fn check(url: &str) -> Result<String, Cow<'static, str>> {
    if url.len() > MAX_LEN {
        return Err(format!("must be at most {MAX_LEN} characters").into());
    }
    check_parts(url).map_err(Cow::from)
}

/// Longest base URL accepted.
const MAX_LEN: usize = 2048;

fn check_parts(url: &str) -> Result<String, &'static str> {
    if has_space_or_control(url) {
        return Err("must not contain spaces or control characters");
    }
    if has_byte(url, b'?') || has_byte(url, b'#') {
        return Err("must not contain a query (?) or fragment (#)");
    }
    let (secure, rest) = split_scheme(url)
        .ok_or("must start with https:// (or http:// for localhost, 127.0.0.1 or [::1])")?;
    let (authority, path) = match find_byte(rest, b'/') {
        Some(slash) => (
            rest.get(..slash).unwrap_or(""),
            rest.get(slash..).unwrap_or(""),
        ),
        None => (rest, ""),
    };
    if has_byte(authority, b'@') {
        return Err("must not contain credentials (user:password@)");
    }
    let host = check_authority(authority)?;
    if !secure && !is_loopback(host) {
        return Err("must use https:// unless the host is localhost, 127.0.0.1 or [::1]");
    }
    if !path.bytes().all(is_path_byte) {
        return Err("has a path with characters that must be percent-encoded");
    }
    // URL parsers resolve `.` and `..` (also as %2e), which would move the endpoint elsewhere.
    if parts(path, b'/').any(is_dot_segment) {
        return Err("must not contain . or .. path segments");
    }
    let mut normalised = String::with_capacity(url.len());
    normalised.push_str(if secure { "https://" } else { "http://" });
    normalised.push_str(authority);
    normalised.push_str(path.trim_end_matches('/'));
    Ok(normalised)
}

/// An absolute https URL to a page (`resetPinUrl`): a host as [`check`] accepts it, then any
/// path, query or fragment without spaces or control characters.
pub fn check_https_link(url: &str) -> Result<&str, &'static str> {
    const BAD: &str = "must be an https URL like https://example.com/reset-pin";
    if has_space_or_control(url) {
        return Err("must not contain spaces or control characters");
    }
    let rest = match split_scheme(url) {
        Some((true, rest)) => rest,
        _ => return Err(BAD),
    };
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or_default();
    if has_byte(authority, b'@') {
        return Err("must not contain credentials (user:password@)");
    }
    check_authority(authority).map_err(|_| BAD)?;
    Ok(url)
}

/// `Some(true)` for https, `Some(false)` for http, with the rest of the URL.
fn split_scheme(url: &str) -> Option<(bool, &str)> {
    for (scheme, secure) in [("https://", true), ("http://", false)] {
        if let Some(head) = url.get(..scheme.len()) {
            if head.eq_ignore_ascii_case(scheme) {
                return Some((secure, url.get(scheme.len()..)?));
            }
        }
    }
    None
}

/// Checks `host[:port]` and returns the host (brackets kept for IPv6).
fn check_authority(authority: &str) -> Result<&str, &'static str> {
    const BAD_HOST: &str = "must name a host, like https://api.loginradius.com";
    let (host, port) = if edge_is(authority, b'[', false) {
        let end = find_byte(authority, b']').ok_or(BAD_HOST)?;
        let host = authority.get(..=end).ok_or(BAD_HOST)?;
        let inner = host.get(1..end).unwrap_or("");
        // URL parsers (fetch, the url crate) refuse an IPv6 literal that is not a real address.
        if !is_ipv6(inner) {
            return Err(BAD_HOST);
        }
        let after = authority.get(end + 1..).unwrap_or("");
        match after.get(1..).filter(|_| edge_is(after, b':', false)) {
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => return Err(BAD_HOST),
        }
    } else {
        match split_byte(authority, b':', false) {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if !edge_is(host, b'[', false) {
        let labels_ok = !host.is_empty()
            && parts(host, b'.').all(|label| {
                !label.is_empty()
                    && !edge_is(label, b'-', false)
                    && !edge_is(label, b'-', true)
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        // A host whose last label is a number is read as IPv4 by URL parsers; accept only the
        // plain dotted-decimal form, which every parser reads the same way.
        if !labels_ok || (ends_in_number(host) && !is_dotted_decimal(host)) {
            return Err(BAD_HOST);
        }
    }
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && parse_decimal(port, 5).is_some_and(|p| (1..=65535).contains(&p));
        if !valid {
            return Err("has a port that is not a number from 1 to 65535");
        }
    }
    Ok(host)
}

/// The WHATWG "ends in a number" test: the last label is decimal digits or `0x` hex.
fn ends_in_number(host: &str) -> bool {
    let last = split_byte(host, b'.', true).map_or(host, |(_, last)| last);
    let hex = last
        .get(..2)
        .filter(|p| p.eq_ignore_ascii_case("0x"))
        .and_then(|_| last.get(2..))
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_hexdigit()));
    hex || (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()))
}

/// Exactly four decimal octets from 0 to 255, without leading zeros (which mean octal).
fn is_dotted_decimal(host: &str) -> bool {
    parts(host, b'.').count() == 4
        && parts(host, b'.').all(|o| (o == "0" || !edge_is(o, b'0', false)) && is_octet(o))
}

/// One to three digits making a number from 0 to 255 (leading zeros allowed: callers rule them
/// out where needed).
fn is_octet(s: &str) -> bool {
    parse_decimal(s, 3).is_some_and(|n| n <= 255)
}

/// `.` or `..`, also spelled with `%2e` in either case, as URL parsers read them.
fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        let unit = match rest.first() {
            Some(b'.') => 1,
            _ if rest
                .get(..3)
                .is_some_and(|u| u.eq_ignore_ascii_case(b"%2e")) =>
            {
                3
            }
            _ => return false,
        };
        rest = rest.get(unit..).unwrap_or_default();
        dots += 1;
    }
    dots == 1 || dots == 2
}

/// Exactly what `str::parse::<Ipv6Addr>` accepts (the unit tests compare the two), written out:
/// std's parser made the optimized `.wasm` 1,253 bytes gzip bigger (33,902 against 32,649,
/// measured 2026-11-29).
fn is_ipv6(s: &str) -> bool {
    // Eight 16-bit groups, or fewer around one `::`, which stands for at least one zero group.
    // A byte scan, not `split_once("::")`, which would link the two-way string searcher.
    let compressed = (0..s.len()).find(|&at| s.as_bytes().get(at..at + 2) == Some(b"::"));
    match compressed.and_then(|at| Some((s.get(..at)?, s.get(at + 2..)?))) {
        None => ipv6_groups(s, true) == Some(8),
        Some((head, tail)) => {
            let head = if head.is_empty() {
                Some(0)
            } else {
                ipv6_groups(head, false)
            };
            let tail = if tail.is_empty() {
                Some(0)
            } else {
                ipv6_groups(tail, true)
            };
            matches!((head, tail), (Some(h), Some(t)) if h + t <= 7)
        }
    }
}

/// How many 16-bit groups `a:b:...` holds: each is 1 to 4 hex digits, and the last may be a
/// dotted-decimal IPv4 address (two groups) when `v4_last` allows it.
fn ipv6_groups(s: &str, v4_last: bool) -> Option<usize> {
    let mut count = 0;
    let mut parts = parts(s, b':');
    while let Some(part) = parts.next() {
        let last = parts.done();
        if last && v4_last && has_byte(part, b'.') {
            return is_dotted_decimal(part).then_some(count + 2);
        }
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        count += 1;
    }
    Some(count)
}

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    parts(host, b'.').count() == 4
        && host.as_bytes().get(..4) == Some(b"127.")
        && parts(host, b'.').all(is_octet)
}

/// RFC 3986 `pchar` plus `/`: what a path may hold without further encoding.
fn is_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'/' | b'-'
                | b'.'
                | b'_'
                | b'~'
                | b'%'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_https_and_loopback_http() {
        for (given, expected) in [
            ("https://api.loginradius.com", "https://api.loginradius.com"),
            (
                "https://api.loginradius.com/",
                "https://api.loginradius.com",
            ),
            (
                "HTTPS://example.com:8443/proxy/lr/",
                "https://example.com:8443/proxy/lr",
            ),
            ("http://localhost:8080", "http://localhost:8080"),
            ("http://127.0.0.1:9", "http://127.0.0.1:9"),
            ("http://127.5.6.7", "http://127.5.6.7"),
            ("http://[::1]:3000/x", "http://[::1]:3000/x"),
            ("https://[2001:db8::1]", "https://[2001:db8::1]"),
        ] {
            assert_eq!(check(given).as_deref(), Ok(expected), "{given}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "",
            "api.loginradius.com",
            "ftp://example.com",
            "http://example.com",
            "http://127.0.0.1.evil.com",
            "http://128.0.0.1",
            "https://user:pw@example.com",
            "https://example.com?x=1",
            "https://example.com/#frag",
            "https://exa mple.com",
            "https://example.com\r\nX: y",
            "https://",
            "https://:80",
            "https://example.com:0",
            "https://example.com:99999",
            "https://example.com:8a",
            "https://[::1",
            "https://[zz]",
            "https://-bad.com",
            "https://exämple.com",
            "https://example.com/a b",
            "https://example.com/\"",
            "https://a.0",
            "https://4294967296",
            "https://0x7f.0.0.1",
            "https://127.0.0.08",
            "https://1.2.3.256",
            "https://[1]",
            "https://[1:2:3:4:5:6:7:8:9]",
            "https://example.com/a/../b",
            "https://example.com/%2E%2e",
            "https://example.com/.",
        ] {
            assert!(check(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn ipv6_matches_std() {
        // Every string up to 7 characters over an alphabet that reaches each branch, then longer
        // hand-picked ones (embedded IPv4, group counts at the limits).
        let alphabet = ['0', '1', 'f', 'G', ':', '.'];
        let mut all = vec![String::new()];
        let mut layer = vec![String::new()];
        for _ in 0..7 {
            layer = layer
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(layer.iter().cloned());
        }
        for s in [
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8::",
            "1::2::3",
            "1:::2",
            "12345::",
            "fFfF::",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "1:2:3:4:5:6::1.2.3.4",
            "::1.2.3.4",
            "1.2.3.4::",
            "1.2.3.4",
            "::1.2.3.04",
            "::1.2.3.256",
            "::1.2.3",
            "::1.2.3.4.5",
            "::1.2.3.4:1",
            "::0.0.0.0",
            "1::1.2.3.4",
            "::1.2.3.4%1",
            "::1 ",
            " ::1",
            "2001:db8::1",
            "fe80::1%eth0",
        ] {
            all.push(s.to_string());
        }
        for s in &all {
            let std = s.parse::<std::net::Ipv6Addr>().is_ok();
            assert_eq!(is_ipv6(s), std, "{s:?}");
        }
    }

    #[test]
    fn dot_segments() {
        for (segment, dot) in [
            (".", true),
            ("..", true),
            ("%2e", true),
            ("%2E.", true),
            (".%2e", true),
            ("%2e%2E", true),
            ("", false),
            ("...", false),
            ("%2e%2e%2e", false),
            (".a", false),
            ("%2", false),
            ("%2f", false),
            ("%%2e", false),
            ("a", false),
        ] {
            assert_eq!(is_dot_segment(segment), dot, "{segment:?}");
        }
    }
}
