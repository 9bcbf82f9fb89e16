//! `loginradius-mock`: parses the flags and runs the server.

use std::process::ExitCode;

use clap::Parser;
use loginradius_mock::Config;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    match loginradius_mock::serve(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("loginradius-mock: {error}");
            ExitCode::FAILURE
        }
    }
}
