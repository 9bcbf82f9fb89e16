//! A local LoginRadius-compatible mock of "Reset PIN with OTP" and the three endpoints that send
//! its code, with `/__dev/` endpoints that let tests create isolated tenants, issue OTPs, read
//! the outbox, set user states, move the clock, inspect side effects and inject faults.

mod account;
mod captcha;
mod clock;
pub mod config;
mod cors;
mod dangerous;
mod demo;
mod dev;
mod dev_clock;
mod dev_guard;
mod dev_reset_token;
pub mod envelope;
mod faults;
mod forgot;
mod gate;
mod identifier;
mod outbox;
mod params;
mod pin;
mod pin_policy;
mod ratelimit;
mod reset;
mod reset_by_token;
mod reset_link;
pub mod state;
mod static_files;
pub mod tenant;

use std::future::Future;
use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post, put};
use axum::serve::ListenerExt;
use axum::Router;
use tokio::net::TcpListener;

pub use config::Config;
pub use state::AppState;

use envelope::ApiError;

/// The endpoint this mock exists for.
pub const RESET_PATH: &str = "/identity/v2/auth/pin/reset/otp/{type}";
/// Resets the PIN with the token of the forgot-PIN email's link.
pub const RESET_TOKEN_PATH: &str = "/identity/v2/auth/pin/reset/token";
/// Sends the reset code by SMS or voice call.
pub const FORGOT_PATH: &str = "/identity/v2/auth/pin/forgot/otp";
/// Sends the reset code to an email address.
pub const FORGOT_EMAIL_PATH: &str = "/identity/v2/auth/pin/forgot/email";
/// Sends the reset code to the email address of the account with that username.
pub const FORGOT_USERNAME_PATH: &str = "/identity/v2/auth/pin/forgot/username";

/// How long a shutdown waits for open responses (e.g. a `big` body to a slow reader).
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// The whole HTTP application.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route(RESET_PATH, put(reset::reset))
        .route(RESET_TOKEN_PATH, put(reset_by_token::reset))
        .route(FORGOT_PATH, post(forgot::by_phone))
        .route(FORGOT_EMAIL_PATH, post(forgot::by_email))
        .route(FORGOT_USERNAME_PATH, post(forgot::by_username))
        .route("/identity", any(not_found))
        .route("/identity/{*rest}", any(not_found))
        .nest("/__dev", dev::router())
        .method_not_allowed_fallback(method_not_allowed)
        .fallback_service(static_files::router(&state))
        .layer(from_fn_with_state(state.clone(), cors::cors))
        .with_state(state)
}

async fn not_found() -> Response {
    ApiError::not_found().into_response()
}

async fn method_not_allowed() -> Response {
    ApiError::method_not_allowed().into_response()
}

/// Binds 127.0.0.1:`config.port`, prints the `listening` line and serves until Ctrl-C/SIGTERM.
pub async fn serve(config: Config) -> io::Result<()> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
    let addr = listener.local_addr()?;
    announce(addr)?;
    run(listener, AppState::new(&config), shutdown_signal()).await
}

/// The one line tests and scripts parse to find the port.
fn announce(addr: SocketAddr) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "loginradius-mock listening on http://{addr}")?;
    stdout.flush()
}

/// Serves `state` on `listener` until `shutdown` resolves, then lets open responses finish
/// (hanging ones are released) for at most [`SHUTDOWN_GRACE`].
pub async fn run(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let server_state = state.clone();
    // TCP_NODELAY: without it a small response can wait ~40 ms for a delayed ACK (Nagle), which
    // showed up as a bimodal 2 ms / 42 ms `.wasm` fetch in the benchmarks.
    let listener = listener.tap_io(|stream| {
        let _ = stream.set_nodelay(true);
    });
    let server = axum::serve(listener, app(state.clone())).with_graceful_shutdown(async move {
        server_state.shutting_down().await;
    });
    let trigger = async move {
        shutdown.await;
        state.begin_shutdown();
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        result = async { server.await } => result,
        () = trigger => Ok(()),
    }
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, wait for SIGTERM alone.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
