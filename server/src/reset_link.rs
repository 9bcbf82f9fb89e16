//! The forgot-PIN email's reset link: single-use reset tokens per tenant and the link that
//! carries one. LoginRadius's email templates put the token in the `vtoken` query parameter of
//! the page URL (`#Url#?vtype=…&vtoken=#GUID#`), so the mock's link does too.

use std::collections::HashMap;
use std::time::SystemTime;

use crate::tenant::new_api_key;

/// The query parameter the link carries the token in.
pub const TOKEN_PARAMETER: &str = "vtoken";

/// One issued token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// Position of the user in the tenant's `users`.
    pub user: usize,
    pub issued_at: SystemTime,
    pub used: bool,
}

/// A tenant's reset tokens. A user holds at most one: a new email replaces the previous link.
#[derive(Debug, Clone, Default)]
pub struct ResetTokens {
    by_token: HashMap<String, Issued>,
    by_user: HashMap<usize, String>,
}

impl ResetTokens {
    /// Gives `user` a fresh unused token issued at `issued_at` (`token`, or a new GUID, the
    /// shape LoginRadius's `#GUID#` has); returns it.
    pub fn issue(&mut self, user: usize, issued_at: SystemTime, token: Option<&str>) -> String {
        let token = token.map_or_else(new_api_key, str::to_owned);
        if let Some(previous) = self.by_user.remove(&user) {
            self.by_token.remove(&previous);
        }
        // A chosen token taken from another user leaves that user without one.
        if let Some(other) = self.by_token.get(&token) {
            self.by_user.remove(&other.user);
        }
        self.by_token.insert(
            token.clone(),
            Issued {
                user,
                issued_at,
                used: false,
            },
        );
        self.by_user.insert(user, token.clone());
        token
    }

    pub fn get(&self, token: &str) -> Option<&Issued> {
        self.by_token.get(token)
    }

    pub fn mark_used(&mut self, token: &str) {
        if let Some(issued) = self.by_token.get_mut(token) {
            issued.used = true;
        }
    }
}

/// `url` with `vtoken=<token>` added to its query, before any fragment, as the email's link.
pub fn link(url: &str, token: &str) -> String {
    let (base, fragment) = match url.find('#') {
        Some(at) => url.split_at(at),
        None => (url, ""),
    };
    let separator = match base.find('?') {
        None => "?",
        Some(at) if at + 1 == base.len() || base.ends_with('&') => "",
        Some(_) => "&",
    };
    let value: String = form_urlencoded::byte_serialize(token.as_bytes()).collect();
    format!("{base}{separator}{TOKEN_PARAMETER}={value}{fragment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_adds_the_token_to_the_query_before_the_fragment() {
        assert_eq!(
            link("https://a.b/reset", "t1"),
            "https://a.b/reset?vtoken=t1"
        );
        assert_eq!(
            link("https://a.b/reset?x=1", "t1"),
            "https://a.b/reset?x=1&vtoken=t1"
        );
        assert_eq!(link("https://a.b/?", "t1"), "https://a.b/?vtoken=t1");
        assert_eq!(
            link("https://a.b/p?x=1#step", "a b&c"),
            "https://a.b/p?x=1&vtoken=a+b%26c#step"
        );
    }

    #[test]
    fn a_new_token_replaces_the_users_previous_one() {
        let now = SystemTime::now();
        let mut tokens = ResetTokens::default();
        let first = tokens.issue(0, now, None);
        let second = tokens.issue(0, now, None);
        assert_ne!(first, second);
        assert!(tokens.get(&first).is_none());
        assert_eq!(tokens.get(&second).map(|i| i.user), Some(0));

        // A chosen token moves to the new user.
        tokens.issue(1, now, Some(&second));
        assert_eq!(tokens.get(&second).map(|i| i.user), Some(1));
        let third = tokens.issue(0, now, None);
        assert_eq!(tokens.get(&second).map(|i| i.user), Some(1));
        tokens.mark_used(&third);
        assert!(tokens.get(&third).is_some_and(|i| i.used));
    }
}
