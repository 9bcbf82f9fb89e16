//! The `baseUrl` option: where requests go, checked strictly because it decides who sees the OTP.

use core::net::Ipv6Addr;

use crate::options::has_space_or_control;

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
pub fn check(url: &str) -> Result<String, String> {
    if url.len() > MAX_LEN {
        return Err(format!("must be at most {MAX_LEN} characters"));
    }
    check_parts(url).map_err(String::from)
}

/// Longest base URL accepted.
const MAX_LEN: usize = 2048;

fn check_parts(url: &str) -> Result<String, &'static str> {
    if has_space_or_control(url) {
        return Err("must not contain spaces or control characters");
    }
    if url.contains(['?', '#']) {
        return Err("must not contain a query (?) or fragment (#)");
    }
    let (secure, rest) = split_scheme(url)
        .ok_or("must start with https:// (or http:// for localhost, 127.0.0.1 or [::1])")?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
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
    if path.split('/').any(is_dot_segment) {
        return Err("must not contain . or .. path segments");
    }
    let mut normalised = String::from(if secure { "https://" } else { "http://" });
    normalised.push_str(authority);
    normalised.push_str(path.trim_end_matches('/'));
    Ok(normalised)
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
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']').ok_or(BAD_HOST)?;
        let (host, after) = authority.split_at(end + 1);
        let inner = host.trim_start_matches('[').trim_end_matches(']');
        // URL parsers (fetch, the url crate) refuse an IPv6 literal that is not a real address.
        if inner.parse::<Ipv6Addr>().is_err() {
            return Err(BAD_HOST);
        }
        match after.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => return Err(BAD_HOST),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if !host.starts_with('[') {
        let labels_ok = !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
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
        let valid =
            port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok_and(|p| p >= 1);
        if !valid {
            return Err("has a port that is not a number from 1 to 65535");
        }
    }
    Ok(host)
}

/// The WHATWG "ends in a number" test: the last label is decimal digits or `0x` hex.
fn ends_in_number(host: &str) -> bool {
    let last = host.rsplit('.').next().unwrap_or(host);
    let hex = last
        .get(..2)
        .filter(|p| p.eq_ignore_ascii_case("0x"))
        .and_then(|_| last.get(2..))
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_hexdigit()));
    hex || (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()))
}

/// Exactly four decimal octets from 0 to 255, without leading zeros (which mean octal).
fn is_dotted_decimal(host: &str) -> bool {
    host.split('.').count() == 4
        && host
            .split('.')
            .all(|o| (o == "0" || !o.starts_with('0')) && is_octet(o))
}

/// One to three digits making a number from 0 to 255 (leading zeros allowed: callers rule them
/// out where needed).
fn is_octet(s: &str) -> bool {
    s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u8>().is_ok()
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

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    host.split('.').count() == 4 && host.starts_with("127.") && host.split('.').all(is_octet)
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
