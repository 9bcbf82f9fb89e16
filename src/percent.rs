//! Percent-encoding of query values and JSON string escaping: the two places caller text meets syntax.

/// Encodes every byte outside RFC 3986's unreserved set, so no value can add a parameter,
/// end the query, or start a fragment.
pub fn encode_query_value(value: &str, out: &mut String) {
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(hex_digit(byte >> 4).to_ascii_uppercase());
            out.push(hex_digit(byte & 0x0f).to_ascii_uppercase());
        }
    }
}

/// Appends `value` as a JSON string literal (RFC 8259), quotes included.
pub fn push_json_string(value: &str, out: &mut String) {
    out.push('"');
    for ch in value.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let code = c as u8;
                out.push_str("\\u00");
                out.push(hex_digit(code >> 4));
                out.push(hex_digit(code & 0x0f));
            }
            // U+2028/2029 are valid JSON but break JavaScript string literals; escape them anyway.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The lowercase hex digit of a nibble (0 to 15).
fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(s: &str) -> String {
        let mut out = String::new();
        encode_query_value(s, &mut out);
        out
    }

    #[test]
    fn unreserved_passes_through() {
        assert_eq!(encoded("AZaz09-._~"), "AZaz09-._~");
    }

    #[test]
    fn syntax_and_non_ascii_are_encoded() {
        assert_eq!(encoded("a&b=c#d?e/f"), "a%26b%3Dc%23d%3Fe%2Ff");
        assert_eq!(encoded("\r\n "), "%0D%0A%20");
        assert_eq!(encoded("+é"), "%2B%C3%A9");
    }

    #[test]
    fn json_strings_escape_what_they_must() {
        let mut out = String::new();
        push_json_string("a\"b\\c\n\u{1}\u{2028}é", &mut out);
        assert_eq!(out, r#""a\"b\\c\n\u0001\u2028é""#);
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a\"b\\c\n\u{1}\u{2028}é");
    }
}
