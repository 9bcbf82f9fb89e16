//! Byte scans standing in for `str`'s searching and splitting in the wasm build.
//!
//! Hand copies, kept because they measured over 1 KB gzip smaller: with `find`, `contains`,
//! `split_once`, `rsplit_once` and `split` in place of `find_byte`, `has_byte`, `split_byte`,
//! `parts` and `contains_str`, the core (`node scripts/size-report.mjs`) was 41,853 bytes gzip
//! against 35,921 with them (2026-12-02). std's versions link the two-way searcher, `memchr`, and
//! through their slicing panics `char`'s `Debug` and the Unicode printable tables. Each helper is
//! tested against std below.

/// At most `max` characters of `s`, with an ellipsis when cut: keeps hostile keys out of messages.
pub(crate) fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or_default()),
    }
}

/// Where the ASCII byte `b` first occurs in `s`. Byte scans, not `str` patterns: a `char`
/// pattern searches with `memchr` (whose slicing panics link ~1 KB gzip of formatting code), and
/// even a closure pattern decodes UTF-8 both ways and links the split and searcher machinery.
/// An ASCII byte never occurs inside a multi-byte UTF-8 sequence, so every index found is a
/// `char` boundary.
pub(crate) fn find_byte(s: &str, b: u8) -> Option<usize> {
    split_byte(s, b, false).map(|(head, _)| head.len())
}

/// Whether the ASCII byte `b` occurs in `s`.
pub(crate) fn has_byte(s: &str, b: u8) -> bool {
    find_byte(s, b).is_some()
}

/// `s` around the first (or with `last`, the last) ASCII byte `b`, which neither side keeps.
pub(crate) fn split_byte(s: &str, b: u8, last: bool) -> Option<(&str, &str)> {
    // One forward scan for both: the first match, or with `last` the final one.
    let mut found = None;
    for (at, x) in s.bytes().enumerate() {
        if x == b {
            found = Some(at);
            if !last {
                break;
            }
        }
    }
    let at = found?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// The parts of `s` between the ASCII bytes `b`, as `s.split(b as char)` gives them.
pub(crate) fn parts(s: &str, b: u8) -> Parts<'_> {
    Parts { rest: Some(s), b }
}

pub(crate) struct Parts<'a> {
    rest: Option<&'a str>,
    b: u8,
}

impl Parts<'_> {
    /// Whether the part last returned was the final one (a `peek` without `Peekable`).
    pub(crate) fn done(&self) -> bool {
        self.rest.is_none()
    }
}

impl<'a> Iterator for Parts<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match split_byte(rest, self.b, false) {
            Some((part, after)) => {
                self.rest = Some(after);
                Some(part)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// Whether `needle` occurs in `haystack`. A plain byte scan: `str::contains(&str)` links the
/// two-way searcher and, through its slicing panics, `char`'s Debug and Unicode tables (~5 KB gz).
pub(crate) fn contains_str(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    (0..=hay.len().saturating_sub(needle.len()))
        .any(|at| hay.get(at..at + needle.len()) == Some(needle))
}

pub(crate) fn has_space_or_control(s: &str) -> bool {
    // Printable ASCII, what almost every value is, answers without decoding a `char`.
    if s.bytes().all(|b| (b'!'..=b'~').contains(&b)) {
        return false;
    }
    s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searching() {
        for (hay, needle) in [
            ("phonenumber", "phone"),
            ("ab", "abc"),
            ("", ""),
            ("x", ""),
            ("aab", "ab"),
        ] {
            assert_eq!(
                contains_str(hay, needle),
                hay.contains(needle),
                "{hay} {needle}"
            );
        }
        assert!(!contains_str("apikey", "apiKey"));
    }

    #[test]
    fn byte_splitting() {
        for s in ["", "a", ".", "a.b", "..a..", "é.ü.", "a.b.c.d"] {
            assert_eq!(
                parts(s, b'.').collect::<Vec<_>>(),
                s.split('.').collect::<Vec<_>>()
            );
            assert_eq!(split_byte(s, b'.', false), s.split_once('.'), "{s}");
            assert_eq!(split_byte(s, b'.', true), s.rsplit_once('.'), "{s}");
            assert_eq!(find_byte(s, b'.'), s.find('.'), "{s}");
        }
    }

    #[test]
    fn clipping() {
        assert_eq!(clip("abc", 5), "abc");
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("ééé", 2), "éé…");
    }
}
