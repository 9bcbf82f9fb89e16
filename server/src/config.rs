//! Command-line configuration. The flags also set up the default tenant.

use std::path::PathBuf;

use clap::Parser;

/// The default tenant's API key (a fixed GUID so demos and docs can hard-code it).
pub const DEFAULT_API_KEY: &str = "4f4b8c6e-2f1a-4c3d-9b8e-7a6d5c4b3a21";

/// The workspace root, one level above this crate; the default `www/` and `pkg/` live there.
fn workspace_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn default_www() -> PathBuf {
    workspace_dir().join("www")
}

fn default_pkg() -> PathBuf {
    workspace_dir().join("pkg")
}

/// A local LoginRadius-compatible mock server (Reset PIN with OTP) with development endpoints.
#[derive(Debug, Clone, Parser)]
#[command(name = "loginradius-mock", version, about)]
pub struct Config {
    /// Port to listen on (127.0.0.1 only); 0 picks a free port.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,

    /// API key of the default tenant (a GUID).
    #[arg(long, default_value = DEFAULT_API_KEY)]
    pub api_key: String,

    /// How long an OTP stays valid, in seconds (default tenant).
    #[arg(long, default_value_t = 300)]
    pub otp_validity_secs: u64,

    /// Failed OTP attempts that lock a user out (default tenant); 0 never locks.
    #[arg(long, default_value_t = 5)]
    pub max_otp_attempts: u32,

    /// How long a lockout lasts, in seconds (default tenant).
    #[arg(long, default_value_t = 900)]
    pub lockout_secs: u64,

    /// Requests per second per API key before answering 429; 0 disables the limit.
    #[arg(long, default_value_t = 50)]
    pub rate_limit: u32,

    /// Require a captcha token on the PIN endpoints (default tenant).
    #[arg(long, default_value_t = false)]
    pub bot_protection: bool,

    /// Directory served at `/`.
    #[arg(long, default_value_os_t = default_www())]
    pub www: PathBuf,

    /// Directory served at `/pkg/`.
    #[arg(long, default_value_os_t = default_pkg())]
    pub pkg: PathBuf,

    /// Give the default tenant the demo's accounts, one per identifier kind (`scripts/demo.sh`).
    #[arg(long)]
    pub demo_accounts: bool,

    /// Switch off the development endpoints (`/__dev/`), e.g. on a mock shared by several people.
    #[arg(long)]
    pub no_dev_api: bool,

    /// One more origin whose pages may call `/__dev/` (repeatable), such as a test runner's page;
    /// otherwise only pages of this server's own origin may.
    #[arg(long = "dev-api-origin", value_name = "ORIGIN")]
    pub dev_api_origins: Vec<String>,
}

impl Default for Config {
    /// The same values as running the binary with no flags, except port 0 (pick a free one).
    fn default() -> Self {
        Config {
            port: 0,
            api_key: DEFAULT_API_KEY.to_owned(),
            otp_validity_secs: 300,
            max_otp_attempts: 5,
            lockout_secs: 900,
            rate_limit: 50,
            bot_protection: false,
            www: default_www(),
            pkg: default_pkg(),
            demo_accounts: false,
            no_dev_api: false,
            dev_api_origins: Vec::new(),
        }
    }
}
