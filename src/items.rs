//! The one string `src/wasm/read_options.js` hands over: items, each a one-byte tag, a length
//! in UTF-16 code units, `:`, and that many units of text. Lengths in UTF-16 units are what
//! JavaScript measures for free; this side finds where they end in the UTF-8 copy.
//! (Plain Rust, so it is tested natively; only the wasm layer reads such strings.)

/// The items of `read_options.js`: a tag, a length in UTF-16 units, `:`, and that text.
pub(crate) struct Items<'a>(pub(crate) &'a str);

impl<'a> Iterator for Items<'a> {
    type Item = (char, &'a str);

    fn next(&mut self) -> Option<(char, &'a str)> {
        // Every tag is ASCII: one byte. Then the digits, read as they are scanned.
        let bytes = self.0.as_bytes();
        let tag = *bytes.first()?;
        let (mut units, mut colon) = (0usize, 1);
        loop {
            match *bytes.get(colon)? {
                b':' if colon > 1 => break,
                digit @ b'0'..=b'9' if colon < 10 => units = units * 10 + usize::from(digit - b'0'),
                _ => return None,
            }
            colon += 1;
        }
        let rest = self.0.get(colon + 1..)?;
        let end = utf16_end(rest.as_bytes(), units)?;
        self.0 = rest.get(end..)?;
        Some((char::from(tag), rest.get(..end)?))
    }
}

/// The byte index in UTF-8 `text` after its first `units` UTF-16 code units. A byte loop (this
/// runs over every byte the caller passed): each leading byte starts one unit, or two for a
/// four-byte sequence, which is a surrogate pair in UTF-16.
fn utf16_end(text: &[u8], units: usize) -> Option<usize> {
    // Almost every option is ASCII, one byte per unit: `is_ascii` checks that a word at a time.
    if text.get(..units).is_some_and(<[u8]>::is_ascii) {
        return Some(units);
    }
    let (mut counted, mut index) = (0, 0);
    while counted < units {
        let (width, pair) = match text.get(index)? {
            0..=0x7F => (1, false),
            0xC0..=0xDF => (2, false),
            0xE0..=0xEF => (3, false),
            _ => (4, true),
        };
        counted += 1 + usize::from(pair);
        index += width;
    }
    (counted == units && index <= text.len()).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What read_options.js's `item` writes.
    fn item(tag: char, text: &str) -> String {
        format!("{tag}{}:{text}", text.encode_utf16().count())
    }

    #[test]
    fn reads_items_back_whatever_their_text() {
        let texts = [
            "",
            "apiKey",
            "a:b",
            "7:x",
            "é",
            "日本語",
            "😀",
            "a😀b",
            "\u{FFFD}",
            "k3:pin",
        ];
        let encoded: String = texts.iter().map(|t| item('s', t)).collect();
        let read: Vec<(char, &str)> = Items(&encoded).collect();
        let expected: Vec<(char, &str)> = texts.iter().map(|t| ('s', *t)).collect();
        assert_eq!(read, expected);
    }

    #[test]
    fn stops_at_a_malformed_item() {
        for bad in [
            "s",
            "s3",
            "s3:ab",
            "sx:a",
            "s:a",
            "s12345678901:a",
            "s3:😀",
            "s1:😀",
        ] {
            assert_eq!(Items(bad).next(), None, "{bad:?}");
        }
        // A good item before a bad one is still read.
        assert_eq!(Items("u0:s9:a").collect::<Vec<_>>(), vec![('u', "")]);
    }

    proptest::proptest! {
        #[test]
        fn any_texts_and_tags_read_back(
            entries in proptest::collection::vec(("[a-zA-Z]", "\\PC*"), 0..12)
        ) {
            let encoded: String = entries
                .iter()
                .map(|(tag, text)| item(tag.chars().next().unwrap(), text))
                .collect();
            let read: Vec<(String, String)> = Items(&encoded)
                .map(|(tag, text)| (tag.to_string(), text.to_string()))
                .collect();
            proptest::prop_assert_eq!(read, entries);
        }
    }
}
