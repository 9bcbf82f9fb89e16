//! Punycode A-labels (`xn--…`) in a base URL's host. URL parsers decode them and refuse a host
//! whose label does not decode to a valid one (`https://Xn--0.A`); fetch then fails with no
//! answer, so the check refuses such a host first. Without Unicode's IDNA tables (too big for
//! the .wasm) a label is accepted only when it decodes (RFC 3492) to letters of scripts known to
//! be valid as they are: lowercase Latin-1, Greek and Cyrillic letters, kana, CJK ideographs,
//! Hangul syllables, with ASCII letters, digits and hyphens. Any other A-label is refused, even
//! some that browsers accept: a base URL is an API's address, rarely an internationalised name.

use std::num::NonZeroU64;

/// Whether an LDH `label` is either not an A-label, or an A-label as described above.
pub(crate) fn a_label_is_accepted(label: &[u8]) -> bool {
    match label.split_at_checked(4) {
        Some((prefix, rest)) if prefix.eq_ignore_ascii_case(b"xn--") => {
            decodes_to_known_letters(rest)
        }
        _ => true,
    }
}

/// Past this a code point's number is far beyond Unicode: refused, and no arithmetic overflows.
const CAP: u64 = 1 << 32;

/// RFC 3492's decoder, keeping no output: only whether every decoded code point is a known
/// letter and at least one is not ASCII (an all-ASCII result is not an A-label).
fn decodes_to_known_letters(encoded: &[u8]) -> bool {
    // The basic code points come before the last `-`; after it, only letters and digits (the
    // label is LDH). Nothing before the delimiter is not what an encoder writes, and a label
    // that decodes to ASCII only, or to `xn--…` again, is refused by URL parsers.
    let basic = encoded.iter().rposition(|&b| b == b'-');
    let start = basic.map_or(0, |at| at + 1);
    let again = encoded
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"));
    if basic == Some(0) || again || start >= encoded.len() {
        return false;
    }
    let (mut n, mut i, mut bias) = (128u64, 0u64, 72u64);
    // Code points so far, plus the one being decoded: never 0, so dividing by it cannot panic.
    let mut len = NonZeroU64::MIN.saturating_add(basic.unwrap_or(0) as u64);
    let mut at = start;
    while at < encoded.len() {
        let old_i = i;
        let (mut w, mut k) = (1u64, 36u64);
        loop {
            let Some(&b) = encoded.get(at) else {
                return false; // the number ends mid-way
            };
            at += 1;
            let digit = u64::from(if b.is_ascii_digit() {
                b - 22
            } else {
                (b | 0x20) - b'a'
            });
            i += digit * w;
            let t = k.saturating_sub(bias).clamp(1, 26);
            if digit < t {
                break;
            }
            w *= 36 - t;
            k += 36;
            if w > CAP {
                return false;
            }
        }
        bias = adapt(i - old_i, len, old_i == 0);
        n += i / len;
        i = i % len + 1;
        len = len.saturating_add(1);
        if !is_known_letter(n) {
            return false;
        }
    }
    true
}

fn adapt(delta: u64, points: NonZeroU64, first: bool) -> u64 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > 455 {
        delta /= 35;
        k += 36;
    }
    k + 36 * delta / (delta + 38)
}

/// Non-ASCII code points that are valid in a label as they are (not mapped, not disallowed),
/// left-to-right, and need no normalisation.
fn is_known_letter(c: u64) -> bool {
    matches!(c,
        0xDF..=0xF6 // ß à … ö
        | 0xF8..=0xFF // ø … ÿ
        | 0x3AC..=0x3CE // ά έ ή ί ΰ α … ω ϊ ϋ ό ύ ώ
        | 0x430..=0x45F // а … я, ѐ … џ
        | 0x3041..=0x3096 // hiragana
        | 0x30A1..=0x30FA // katakana
        | 0x4E00..=0x9FEF // CJK unified ideographs
        | 0xAC00..=0xD7A3 // Hangul syllables
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_a_labels_are_accepted() {
        for label in [
            "xn--caf-dma",        // café
            "XN--CAF-DMA",        // the same, as typed in capitals
            "xn--e1afmkfd",       // пример
            "xn--fsqu00a",        // 例子
            "xn--zckzah",         // テスト
            "xn--3e0b707e",       // 한국
            "xn--hxajbheg2az3al", // παράδειγμα
            "xn--strae-oqa",      // straße
            "api",
            "x-n--a",
            "xn--zzzzzzzzzzzzzzzz", // six ideographs and a Hangul syllable
        ] {
            assert!(a_label_is_accepted(label.as_bytes()), "{label}");
        }
    }

    #[test]
    fn broken_or_unknown_a_labels_are_refused() {
        for label in [
            "xn--",  // empty
            "xn--0", // U+009A, a control
            "Xn--0",
            "xn--a",           // U+0080
            "xn--abc-",        // all ASCII
            "xn--xn--caf-dma", // decodes to xn--…
            "xn--caf-dm",      // ends mid-number
            "xn--99999999999", // ends mid-number
            "xn--i-7iq",       // i❤: valid for browsers, not a known letter here
            "xn--mgbh0fb",     // مثال: right-to-left
            "xn--3ba",         // À: an uppercase letter (mapped to à)
            "xn--ab-8tb",      // a with a combining accent (not normalised)
            "xn---b00a",       // 聹, but with a delimiter before nothing
            "xn--ca-dma",      // čca: valid for browsers, but č is not in the known ranges
        ] {
            assert!(!a_label_is_accepted(label.as_bytes()), "{label}");
        }
    }
}
