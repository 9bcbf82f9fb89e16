//! The demo page (`--www` at `/`) and the wasm package (`--pkg` at `/pkg/`), with a strict CSP.

use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::state::AppState;

/// Lets the page load its own scripts and wasm and call the mock or the real API, nothing else.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:* http://localhost:* https://api.loginradius.com; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Serves both directories; ServeDir picks `application/wasm` and `text/javascript` by extension.
/// Compressed as a real host would (a `.gz` sibling when there is one, else gzip on the fly), so
/// what a throttled page downloads is what a user's browser would.
pub fn router(state: &AppState) -> Router {
    Router::new()
        .nest_service("/pkg", ServeDir::new(state.pkg()).precompressed_gzip())
        .fallback_service(
            ServeDir::new(state.www())
                .precompressed_gzip()
                .append_index_html_on_directories(true),
        )
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        // Rebuilt files must show up on reload during development.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}
