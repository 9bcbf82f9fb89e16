//! The `baseUrl` option: where requests go, checked strictly because it decides who sees the OTP.

use std::borrow::Cow;

use crate::text::{edge_is, has_byte, has_space_or_control, parse_decimal, parts, split_byte};

/// A checked base URL: scheme, host, optional port and path prefix, no trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl<'a>(Cow<'a, str>);

impl<'a> BaseUrl<'a> {
    pub(crate) fn new(checked: Cow<'a, str>) -> Self {
        BaseUrl(checked)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks a base URL and returns it normalised (lowercase scheme, no trailing slash): `url`
/// itself when it already is.
pub fn check(url: &str) -> Result<Cow<'_, str>, Cow<'static, str>> {
    if url.len() > MAX_LEN {
        return Err(format!("must be at most {MAX_LEN} characters").into());
    }
    check_parts(url).map_err(Cow::from)
}

/// Longest base URL accepted.
const MAX_LEN: usize = 2048;

const SPACE_OR_CONTROL: &str = "must not contain spaces or control characters";
const CREDENTIALS: &str = "must not contain credentials (user:password@)";
const BAD_HOST: &str = "must name a host, like https://api.loginradius.com";

// Each check below is one plain loop over its own part of the URL. The wasm build is optimized
// for size and inlines little, so a closure or iterator adaptor in a per-byte loop costs a call
// per byte: with a pass per rule, checking http://127.0.0.1:8787 took 0.62 µs in Node 24, now
// 0.16 µs (2026-11-29).

fn check_parts(url: &str) -> Result<Cow<'_, str>, &'static str> {
    check_characters(url)?;
    let (secure, rest) = split_scheme(url)
        .ok_or("must start with https:// (or http:// for localhost, 127.0.0.1 or [::1])")?;
    let (authority, path) = split_authority(rest)?;
    let loopback = check_authority(authority)?;
    if !secure && !loopback {
        return Err("must use https:// unless the host is localhost, 127.0.0.1 or [::1]");
    }
    check_path(path)?;
    let scheme = if secure { "https://" } else { "http://" };
    // The authority holds no `/`, so this trims the path only.
    let trimmed = trim_trailing_slashes(rest);
    // Most URLs are already normal: no copy then.
    if trimmed.len() == rest.len() && url.starts_with(scheme) {
        return Ok(Cow::Borrowed(url));
    }
    let mut normalised = String::with_capacity(url.len());
    normalised.push_str(scheme);
    normalised.push_str(trimmed);
    Ok(Cow::Owned(normalised))
}

/// An absolute https URL to a page (`resetPinUrl`): a host as [`check`] accepts it, then any
/// path, query or fragment without spaces or control characters.
pub fn check_https_link(url: &str) -> Result<&str, &'static str> {
    const BAD: &str = "must be an https URL like https://example.com/reset-pin";
    if has_space_or_control(url) {
        return Err(SPACE_OR_CONTROL);
    }
    let rest = match split_scheme(url) {
        Some((true, rest)) => rest,
        _ => return Err(BAD),
    };
    let (authority, _) = split_authority(rest)?;
    check_authority(authority).map_err(|_| BAD)?;
    Ok(url)
}

/// The rules on the whole URL, in one scan: no spaces or control characters, then no query (?)
/// or fragment (#).
fn check_characters(url: &str) -> Result<(), &'static str> {
    let mut query_or_fragment = false;
    let mut non_ascii = false;
    for b in url.bytes() {
        match b {
            b'?' | b'#' => query_or_fragment = true,
            b'!'..=b'~' => {}
            0x80..=0xFF => non_ascii = true,
            _ => return Err(SPACE_OR_CONTROL),
        }
    }
    // Only whole `char`s tell whether non-ASCII text holds a space (U+3000) or a control.
    if non_ascii && has_space_or_control(url) {
        return Err(SPACE_OR_CONTROL);
    }
    if query_or_fragment {
        return Err("must not contain a query (?) or fragment (#)");
    }
    Ok(())
}

/// `Some(true)` for https, `Some(false)` for http, with the rest of the URL.
fn split_scheme(url: &str) -> Option<(bool, &str)> {
    let (http, rest) = url.split_at_checked(4)?;
    if !http.eq_ignore_ascii_case("http") {
        return None;
    }
    let (secure, rest) = match rest.as_bytes().first() {
        Some(b's' | b'S') => (true, rest.get(1..)?),
        _ => (false, rest),
    };
    match rest.as_bytes() {
        [b':', b'/', b'/', ..] => Some((secure, rest.get(3..)?)),
        _ => None,
    }
}

/// What follows the scheme, split where the authority ends (at `/`, `?`, `#` or the end of the
/// URL); an authority with credentials (`@`) is refused.
fn split_authority(rest: &str) -> Result<(&str, &str), &'static str> {
    let mut end = rest.len();
    let mut credentials = false;
    for (at, b) in rest.bytes().enumerate() {
        match b {
            b'/' | b'?' | b'#' => {
                end = at;
                break;
            }
            b'@' => credentials = true,
            _ => {}
        }
    }
    if credentials {
        return Err(CREDENTIALS);
    }
    Ok(rest.split_at_checked(end).unwrap_or((rest, "")))
}

/// Checks `host[:port]`; `Ok(true)` when the host is loopback (localhost, 127.x.x.x or [::1]).
fn check_authority(authority: &str) -> Result<bool, &'static str> {
    let (loopback, port) = if edge_is(authority, b'[', false) {
        check_bracketed(authority)?
    } else {
        let (host, port) = match split_byte(authority, b':', false) {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        (check_name_or_ipv4(host).ok_or(BAD_HOST)?, port)
    };
    if port.is_some_and(|port| !is_port(port)) {
        return Err("has a port that is not a number from 1 to 65535");
    }
    Ok(loopback)
}

fn is_port(port: &str) -> bool {
    matches!(parse_decimal(port, 5), Some(1..=65535))
}

/// `[ipv6]` with an optional `:port`: whether the address is loopback, and the port.
fn check_bracketed(authority: &str) -> Result<(bool, Option<&str>), &'static str> {
    let (inner, after) = authority
        .get(1..)
        .and_then(|s| split_byte(s, b']', false))
        .ok_or(BAD_HOST)?;
    // URL parsers (fetch, the url crate) refuse an IPv6 literal that is not a real address.
    if !is_ipv6(inner) {
        return Err(BAD_HOST);
    }
    let port = match after.as_bytes().first() {
        None => None,
        Some(b':') => after.get(1..),
        Some(_) => return Err(BAD_HOST),
    };
    // Only this spelling: http is allowed for the loopback address, not its other forms.
    Ok((inner == "::1", port))
}

/// Checks a host name or IPv4 address; `Some(true)` when it is loopback.
fn check_name_or_ipv4(host: &str) -> Option<bool> {
    let labels = scan_labels(host.as_bytes())?;
    if !is_number(labels.last) {
        return Some(host.eq_ignore_ascii_case("localhost"));
    }
    // The last label is a number, so URL parsers read the host as IPv4: accept only the plain
    // dotted-decimal form, which every parser reads the same way.
    labels
        .is_dotted_decimal()
        .then_some(labels.first_octet == Some(127))
}

/// Exactly four decimal octets (the IPv4 form inside an IPv6 address).
fn is_dotted_decimal(s: &str) -> bool {
    scan_labels(s.as_bytes()).is_some_and(|labels| labels.is_dotted_decimal())
}

/// What one scan over the dot-separated labels of a host found.
struct Labels<'a> {
    count: usize,
    /// How many are decimal octets as every URL parser reads them: 0 to 255, without leading
    /// zeros (which mean octal to some).
    octets: usize,
    first_octet: Option<u8>,
    last: &'a [u8],
}

impl Labels<'_> {
    fn is_dotted_decimal(&self) -> bool {
        self.count == 4 && self.octets == 4
    }
}

/// The labels of `host`, if each is letters, digits and inner hyphens.
fn scan_labels(host: &[u8]) -> Option<Labels<'_>> {
    let mut labels = Labels {
        count: 0,
        octets: 0,
        first_octet: None,
        last: &[],
    };
    let mut rest = host;
    loop {
        let (label, octet) = read_label(rest)?;
        if labels.count == 0 {
            labels.first_octet = octet;
        }
        labels.count += 1;
        labels.octets += usize::from(octet.is_some());
        labels.last = label;
        match rest.get(label.len()..) {
            Some([b'.', after @ ..]) => rest = after,
            _ => return Some(labels),
        }
    }
}

/// The label at the start of `bytes` (up to a `.` or the end) if it is letters, digits and
/// inner hyphens (and, if punycode, decodes as `idna.rs` accepts), with its value when it is a
/// decimal octet.
fn read_label(bytes: &[u8]) -> Option<(&[u8], Option<u8>)> {
    let mut len = 0;
    // The label's decimal value while it is all digits and below 256.
    let mut value = Some(0u8);
    for &b in bytes {
        match b {
            b'.' => break,
            b'0'..=b'9' => {
                let digit = u16::from(b - b'0');
                value = value.and_then(|v| u8::try_from(u16::from(v) * 10 + digit).ok());
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'-' => value = None,
            _ => return None,
        }
        len += 1;
    }
    let label = bytes.get(..len)?;
    if !crate::idna::a_label_is_accepted(label) {
        return None;
    }
    match label {
        [] | [b'-', ..] | [.., b'-'] => None,
        // A leading zero means octal to some parsers: not an octet.
        [b'0', _, ..] => Some((label, None)),
        _ => Some((label, value)),
    }
}

/// The WHATWG "ends in a number" test on the last label: decimal digits, or `0x` and hex digits.
fn is_number(label: &[u8]) -> bool {
    match label {
        [b'0', b'x' | b'X', hex @ ..] => hex.iter().all(u8::is_ascii_hexdigit),
        digits => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
    }
}

/// Checks the path prefix (empty, or starting with `/`).
fn check_path(path: &str) -> Result<(), &'static str> {
    for b in path.bytes() {
        if !is_path_byte(b) {
            return Err("has a path with characters that must be percent-encoded");
        }
    }
    // URL parsers resolve `.` and `..` (also as %2e), which would move the endpoint elsewhere.
    if parts(path, b'/').any(is_dot_segment) {
        return Err("must not contain . or .. path segments");
    }
    Ok(())
}

/// `s` without the `/`s it ends with. A byte loop: `trim_end_matches('/')` measured 46 bytes
/// gzip bigger.
fn trim_trailing_slashes(s: &str) -> &str {
    let mut end = s.len();
    while end > 0 && s.as_bytes().get(end - 1) == Some(&b'/') {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
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
            // Borrowed exactly when already normal.
            let borrowed = matches!(check(given), Ok(Cow::Borrowed(_)));
            assert_eq!(borrowed, given == expected, "{given}");
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
