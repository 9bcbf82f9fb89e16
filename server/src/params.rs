//! Case-insensitive access to query parameters and JSON body fields: LoginRadius matches names
//! in any casing (`apikey`, `ApiKey`, `OTP`, `UserName`...), so the mock does too.

use serde_json::{Map, Value};

/// Decoded query parameters, in order.
#[derive(Debug, Clone, Default)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Query(pairs)
    }

    /// The first value whose name equals `name` ignoring ASCII case.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Like [`Query::get`] but treats an empty value as absent.
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// Every value, in order.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(_, v)| v.as_str())
    }

    /// The API key from the query (`apikey` in any casing).
    pub fn api_key(&self) -> Option<&str> {
        self.get("apikey")
    }
}

/// The value of body field `name` (any casing) as text: strings as they are, numbers and
/// booleans printed; empty strings, null, arrays and objects count as absent.
pub fn body_text(body: &Map<String, Value>, name: &str) -> Option<String> {
    let value = body
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)?;
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Parses "true"/"false" in any casing; anything else is `None`.
pub fn parse_bool(value: &str) -> Option<bool> {
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn query_names_ignore_case() {
        let q = Query::parse(Some("ApiKey=k&g-recaptcha-response=a%20b&empty="));
        assert_eq!(q.api_key(), Some("k"));
        assert_eq!(q.get("G-RECAPTCHA-RESPONSE"), Some("a b"));
        assert_eq!(q.non_empty("empty"), None);
        assert_eq!(Query::parse(None).api_key(), None);
    }

    #[test]
    fn body_fields_ignore_case_and_skip_empty() {
        let body = json!({ "OTP": 123456, "Pin": "", "UserName": "x", "email": null });
        let map = body.as_object().cloned().unwrap_or_default();
        assert_eq!(body_text(&map, "otp").as_deref(), Some("123456"));
        assert_eq!(body_text(&map, "pin"), None);
        assert_eq!(body_text(&map, "username").as_deref(), Some("x"));
        assert_eq!(body_text(&map, "email"), None);
    }

    #[test]
    fn booleans() {
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("False"), Some(false));
        assert_eq!(parse_bool("1"), None);
    }
}
