//! The binary: prints its listening line, serves, and stops cleanly on SIGTERM even with a
//! request held open by the `hang` fault.

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::client;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const PREFIX: &str = "loginradius-mock listening on http://127.0.0.1:";

#[cfg(unix)]
#[tokio::test]
async fn binary_announces_serves_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loginradius-mock"))
        .args(["--port", "0", "--rate-limit", "7"])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn server");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("listening line in time")
        .expect("read stdout")
        .expect("a line");
    let port: u16 = line
        .strip_prefix(PREFIX)
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected line {line:?}"));
    assert_ne!(port, 0);
    let base = format!("http://127.0.0.1:{port}");
    let key = loginradius_mock::config::DEFAULT_API_KEY;
    let http = client();

    let settings: serde_json::Value = http
        .get(format!("{base}/__dev/tenants/{key}/settings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(settings["rateLimit"], 7);

    // Hold a request open with the hang fault, then ask the server to stop.
    http.post(format!("{base}/__dev/faults?apikey={key}"))
        .json(&json!({ "fault": "hang" }))
        .send()
        .await
        .unwrap();
    let url = format!("{base}/identity/v2/auth/pin/reset/otp/email?apikey={key}");
    let hanging = tokio::spawn(async move { client().put(url).json(&json!({})).send().await });
    // The request has arrived and is held once it has used up the fault.
    let armed = format!("{base}/__dev/faults?apikey={key}");
    let arrived = async {
        loop {
            let answer: serde_json::Value =
                http.get(&armed).send().await.unwrap().json().await.unwrap();
            if answer["armed"] == false {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(20), arrived)
        .await
        .expect("the held request reached the server");

    let pid = child.id().expect("pid").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(Duration::from_secs(4), child.wait())
        .await
        .expect("stops within the grace period")
        .unwrap();
    assert!(status.success(), "{status}");
    // The held request is released with a 503 instead of hanging.
    let released = tokio::time::timeout(Duration::from_secs(2), hanging)
        .await
        .expect("held request released")
        .unwrap()
        .expect("an answer");
    assert_eq!(released.status().as_u16(), 503);
    assert!(lines.next_line().await.unwrap().is_none(), "only one line");
}
