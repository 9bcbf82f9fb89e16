//! A strict, small JSON parser (RFC 8259) for response bodies, for native use: `classify_text`,
//! the tests and the fuzzer. The wasm build does not link it: there the engine's own
//! `JSON.parse` reads the body (see `wasm::json_view`), and both go through the one `classify`.
//! Numbers keep their source text so nothing is rounded.

/// Nesting deeper than this is rejected rather than recursed into.
const MAX_DEPTH: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number exactly as written in the body (already checked against the JSON grammar).
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Members in source order; duplicates kept, lookups take the last one as `JSON.parse` does.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member whose name equals `key` ignoring ASCII case (LoginRadius mixes casings).
    pub fn get_ignore_case(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members
                .iter()
                .rev()
                .find(|(name, _)| name.eq_ignore_ascii_case(key))
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// Moves out the member [`get_ignore_case`](Self::get_ignore_case) would return, leaving
    /// `null` in its place.
    pub fn take_ignore_case(&mut self, key: &str) -> Option<Value> {
        match self {
            Value::Object(members) => members
                .iter_mut()
                .rev()
                .find(|(name, _)| name.eq_ignore_ascii_case(key))
                .map(|(_, value)| core::mem::replace(value, Value::Null)),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses a whole document; `None` for anything that is not exactly one JSON value.
pub fn parse(text: &str) -> Option<Value> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    (parser.pos == parser.bytes.len()).then_some(value)
}

struct Parser<'a> {
    /// The document; sliced only at ASCII bytes, so `str::get` never needs `from_utf8`.
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &[u8], value: Value) -> Option<Value> {
        let end = self.pos.checked_add(word.len())?;
        (self.bytes.get(self.pos..end)? == word).then(|| {
            self.pos = end;
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_whitespace();
        match self.peek()? {
            b'n' => self.literal(b"null", Value::Null),
            b't' => self.literal(b"true", Value::Bool(true)),
            b'f' => self.literal(b"false", Value::Bool(false)),
            b'"' => self.string().map(Value::String),
            b'[' => self.array(depth),
            b'{' => self.object(depth),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Some(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.next()? {
                b',' => continue,
                b']' => return Some(Value::Array(items)),
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        self.pos += 1; // '{'
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Some(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return None;
            }
            let name = self.string()?;
            self.skip_whitespace();
            if self.next()? != b':' {
                return None;
            }
            members.push((name, self.value(depth + 1)?));
            self.skip_whitespace();
            match self.next()? {
                b',' => continue,
                b'}' => return Some(Value::Object(members)),
                _ => return None,
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek()? {
            b'0' => self.pos += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(Value::Number(self.text.get(start..self.pos)?.to_string()))
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = char::from(self.next()?).to_digit(16)?;
            code = code * 16 + digit;
        }
        Some(code)
    }

    fn string(&mut self) -> Option<String> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            // Copy the run of plain bytes at once; the input is a &str, so runs split on ASCII
            // quote/backslash are always valid UTF-8.
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            out.push_str(self.text.get(start..self.pos)?);
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => out.push(self.escape()?),
                _ => return None, // raw control character
            }
        }
    }

    fn escape(&mut self) -> Option<char> {
        Some(match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                if (0xD800..0xDC00).contains(&high)
                    && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
                {
                    let save = self.pos;
                    self.pos += 2;
                    let low = self.hex4()?;
                    if (0xDC00..0xE000).contains(&low) {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        return char::from_u32(code);
                    }
                    self.pos = save;
                }
                // A lone surrogate cannot live in a Rust string; JSON.parse would keep it, we
                // substitute U+FFFD in text that is only ever shown to people.
                char::from_u32(high).unwrap_or('\u{FFFD}')
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_envelopes() {
        let v = parse(r#" {"ErrorCode": 908, "Message":"A", "IsPosted":true, "Data":null, "Errors":[{"FieldName":"pin"}]} "#).unwrap();
        assert_eq!(
            v.get_ignore_case("errorcode"),
            Some(&Value::Number("908".into()))
        );
        assert_eq!(
            v.get_ignore_case("message").and_then(Value::as_str),
            Some("A")
        );
        assert_eq!(v.get_ignore_case("isposted"), Some(&Value::Bool(true)));
        assert_eq!(v.get_ignore_case("data"), Some(&Value::Null));
    }

    #[test]
    fn agrees_with_serde_json_on_valid_documents() {
        for doc in [
            r#"{"a":[1,-0.5,2e10,1E-3,true,false,null,"x\u00e9\ud83d\ude00\n"]}"#,
            "[]",
            "{}",
            "0",
            r#""\/""#,
        ] {
            let ours = parse(doc).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(doc).unwrap();
            assert_eq!(to_serde(&ours), theirs, "{doc}");
        }
    }

    #[test]
    fn rejects_what_json_rejects() {
        for doc in [
            "",
            " ",
            "{",
            r#"{"IsPosted": tr"#,
            "[1,]",
            "{,}",
            "01",
            "1.",
            "-",
            "1e",
            "'x'",
            "\"a\nb\"",
            "{\"a\" 1}",
            "nul",
            "[1] x",
            "<html>",
            "\"\\x\"",
            "\"\\u12\"",
        ] {
            assert_eq!(parse(doc), None, "{doc:?}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(10_000);
        assert_eq!(parse(&deep), None);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_some());
    }

    #[test]
    fn last_duplicate_wins_like_json_parse() {
        let v = parse(r#"{"IsPosted":false,"isposted":true}"#).unwrap();
        assert_eq!(v.get_ignore_case("IsPosted"), Some(&Value::Bool(true)));
    }

    #[test]
    fn lone_surrogate_escape_becomes_replacement_character() {
        assert_eq!(
            parse(r#""\ud800x""#),
            Some(Value::String("\u{FFFD}x".into()))
        );
    }

    pub(crate) fn to_serde(v: &Value) -> serde_json::Value {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::from_str(n).unwrap(),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => items.iter().map(to_serde).collect(),
            Value::Object(members) => members
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }
}
