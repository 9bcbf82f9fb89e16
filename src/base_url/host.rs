//! The host of a URL: a name, a dotted-decimal IPv4 address or a bracketed IPv6 address.

use super::BAD_HOST;
use crate::text::{has_byte, parts, split_byte};

/// `[ipv6]` with an optional `:port`: whether the address is loopback, and the port.
pub(super) fn check_bracketed(authority: &str) -> Result<(bool, Option<&str>), &'static str> {
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
pub(super) fn check_name_or_ipv4(host: &str) -> Option<bool> {
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
/// inner hyphens, with its value when it is a decimal octet.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
