//! A load client for the mock server, run from a second process on 127.0.0.1 (issue 4).
//! Not part of the tests: `scripts/load.sh` builds it and runs it against a fresh mock.
//!
//! ```sh
//! cargo run --release -p loginradius-mock --example loadgen -- --url http://127.0.0.1:PORT
//! ```
//!
//! It speaks HTTP/1.1 itself over keep-alive connections (one request in flight per
//! connection), so every answer is counted by its exact status, and `Retry-After` is checked on
//! every 429. Scenarios, each on its own new tenant with users that each hold one valid OTP:
//!
//! 1. `capacity`: the tenant's `rateLimit` far above what the machine can serve; C connections
//!    reset U distinct users as fast as they can (closed loop). Expect only 200s.
//! 2. `below-limit`: `rateLimit` 50, an open-loop offered load of 40 requests/s. Expect only 200s.
//! 3. `above-limit`: `rateLimit` 50, an open-loop offered load of 200 requests/s. Expect about
//!    50 accepted per second, every other answer a 429 with `Retry-After`.
//!
//! After each scenario it reads every user back through `/__dev/users`: a user whose reset was
//! answered 200 must have `pinChanges` exactly 1, every other user exactly 0 (no lost and no
//! doubled PIN change), and the webhook log must hold exactly one event per 200.

use std::collections::HashSet;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const OTP: &str = "246810";
const PIN: &str = "5793";

#[derive(Parser, Debug)]
#[command(about = "Load client for loginradius-mock")]
struct Args {
    /// The mock's base URL, e.g. http://127.0.0.1:8080 (plain http only).
    #[arg(long)]
    url: String,
    /// Scenarios to run, comma-separated: capacity, below-limit, above-limit.
    #[arg(long, default_value = "capacity,below-limit,above-limit")]
    scenarios: String,
    /// Connections for the capacity scenario.
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// Users (one reset each) for the capacity scenario.
    #[arg(long, default_value_t = 20_000)]
    users: usize,
    /// rateLimit of the capacity tenant (requests/s); far above what 2 cores serve.
    #[arg(long, default_value_t = 1_000_000)]
    capacity_limit: u32,
    /// rateLimit of the below/above-limit tenants.
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Offered load below the limit, requests/s.
    #[arg(long, default_value_t = 40)]
    below_rate: u32,
    /// Offered load above the limit, requests/s.
    #[arg(long, default_value_t = 200)]
    above_rate: u32,
    /// Length of the open-loop scenarios, seconds.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
}

/// One parsed answer.
struct Answer {
    status: u16,
    retry_after: Option<String>,
    body: Vec<u8>,
}

/// A keep-alive HTTP/1.1 connection.
struct Conn {
    host: String,
    stream: BufReader<TcpStream>,
}

impl Conn {
    async fn open(host: &str) -> io::Result<Conn> {
        let stream = TcpStream::connect(host).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            host: host.to_string(),
            stream: BufReader::new(stream),
        })
    }

    async fn send(&mut self, method: &str, target: &str, body: Option<&str>) -> io::Result<Answer> {
        let mut request = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n",
            self.host
        );
        if let Some(body) = body {
            request.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            ));
        } else {
            request.push_str("Content-Length: 0\r\n\r\n");
        }
        self.stream.get_mut().write_all(request.as_bytes()).await?;
        self.read_answer().await
    }

    async fn read_answer(&mut self) -> io::Result<Answer> {
        let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
        let mut line = String::new();
        if self.stream.read_line(&mut line).await? == 0 {
            return Err(bad("connection closed before the status line"));
        }
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("bad status line"))?;
        let (mut length, mut chunked, mut retry_after) = (None, false, None);
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                return Err(bad("connection closed in the headers"));
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let Some((name, value)) = header.split_once(':') else {
                return Err(bad("bad header line"));
            };
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse::<usize>().ok(),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "retry-after" => retry_after = Some(value.to_string()),
                _ => {}
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.stream.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16).map_err(|_| bad("bad chunk"))?;
                let mut chunk = vec![0; size + 2];
                self.stream.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else if let Some(length) = length {
            body.resize(length, 0);
            self.stream.read_exact(&mut body).await?;
        } else if status != 204 && status != 304 {
            return Err(bad("no Content-Length"));
        }
        Ok(Answer {
            status,
            retry_after,
            body,
        })
    }
}

/// A small pool for the dev API calls around the scenarios (never timed).
async fn dev(host: &str, method: &str, target: &str, body: Option<Value>) -> Value {
    let mut conn = Conn::open(host).await.expect("connect for a dev call");
    dev_on(&mut conn, method, target, body).await
}

async fn dev_on(conn: &mut Conn, method: &str, target: &str, body: Option<Value>) -> Value {
    let text = body.map(|b| b.to_string());
    let answer = conn
        .send(method, target, text.as_deref())
        .await
        .unwrap_or_else(|e| panic!("{method} {target}: {e}"));
    let value: Value = serde_json::from_slice(&answer.body).expect("dev answer is JSON");
    assert!(
        (200..300).contains(&answer.status),
        "{method} {target}: {} {value}",
        answer.status
    );
    value
}

/// Runs `job(conn, i)` for i in 0..n over `connections` connections.
async fn parallel<F, Fut, T>(host: &str, connections: usize, n: usize, job: F) -> Vec<T>
where
    F: Fn(Conn, usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = (Conn, T)> + Send,
    T: Send + 'static + Default + Clone,
{
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..connections.min(n.max(1)) {
        let (next, job, host) = (next.clone(), job.clone(), host.to_string());
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::open(&host).await.expect("connect");
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let (c, value) = job(conn, i).await;
                conn = c;
                out.push((i, value));
            }
            out
        }));
    }
    let mut all = vec![T::default(); n];
    for task in tasks {
        for (i, value) in task.await.expect("task") {
            all[i] = value;
        }
    }
    all
}

struct Tenant {
    key: String,
    users: Vec<String>,
}

/// A new tenant with `users` users, each holding the valid OTP `OTP`.
async fn prepare(host: &str, rate_limit: u32, users: usize, prefix: &str) -> Tenant {
    let created = dev(
        host,
        "POST",
        "/__dev/tenants",
        Some(json!({ "rateLimit": rate_limit, "maxOtpAttempts": 0 })),
    )
    .await;
    let key = created["apiKey"].as_str().expect("apiKey").to_string();
    let names: Vec<String> = (0..users).map(|i| format!("{prefix}{i}")).collect();
    let (k, n) = (key.clone(), Arc::new(names.clone()));
    parallel(host, 8, users, move |mut conn, i| {
        let (k, n) = (k.clone(), n.clone());
        async move {
            let target = format!("/__dev/otp?apikey={k}");
            dev_on(
                &mut conn,
                "POST",
                &target,
                Some(json!({ "username": n[i], "otp": OTP })),
            )
            .await;
            (conn, ())
        }
    })
    .await;
    Tenant { key, users: names }
}

#[derive(Default, Clone)]
struct Outcome {
    /// 0 when the request failed at the transport level.
    status: u16,
    retry_after_ok: bool,
    micros: u64,
}

fn reset_target(key: &str) -> String {
    format!("/identity/v2/auth/pin/reset/otp/username?apikey={key}")
}

fn reset_body(user: &str) -> String {
    format!("{{\"otp\":\"{OTP}\",\"pin\":\"{PIN}\",\"username\":\"{user}\"}}")
}

async fn reset_once(conn: &mut Option<Conn>, host: &str, target: &str, user: &str) -> Outcome {
    let start = Instant::now();
    if conn.is_none() {
        *conn = Conn::open(host).await.ok();
    }
    let answer = match conn.as_mut() {
        Some(c) => c.send("PUT", target, Some(&reset_body(user))).await,
        None => Err(io::Error::other("connect failed")),
    };
    let micros = start.elapsed().as_micros() as u64;
    match answer {
        Ok(a) => Outcome {
            status: a.status,
            retry_after_ok: a.status != 429
                || (a
                    .retry_after
                    .as_deref()
                    .and_then(|v| v.parse::<u32>().ok())
                    .is_some()
                    && a.body.is_empty()),
            micros,
        },
        Err(_) => {
            *conn = None; // reconnect for the next request
            Outcome {
                status: 0,
                retry_after_ok: true,
                micros,
            }
        }
    }
}

/// Closed loop: `connections` connections, each sending its next user as soon as the last answered.
async fn closed_loop(host: &str, tenant: &Tenant, connections: usize) -> (Vec<Outcome>, Duration) {
    let target = Arc::new(reset_target(&tenant.key));
    let users = Arc::new(tenant.users.clone());
    let start = Instant::now();
    let outcomes = parallel(host, connections, users.len(), move |conn, i| {
        let (target, users) = (target.clone(), users.clone());
        async move {
            let host = conn.host.clone();
            let mut slot = Some(conn);
            let outcome = reset_once(&mut slot, &host, &target, &users[i]).await;
            let conn = match slot {
                Some(c) => c,
                None => Conn::open(&host).await.expect("reconnect"),
            };
            (conn, outcome)
        }
    })
    .await;
    (outcomes, start.elapsed())
}

/// Open loop: request i is due at start + i/rate, whatever the answers do; requests are spread
/// over enough connections that one slow answer does not delay the schedule.
async fn open_loop(
    host: &str,
    tenant: &Tenant,
    rate: u32,
    connections: usize,
) -> (Vec<Outcome>, Duration) {
    let n = tenant.users.len();
    let target = Arc::new(reset_target(&tenant.key));
    let users = Arc::new(tenant.users.clone());
    let start = tokio::time::Instant::now() + Duration::from_millis(50);
    let mut tasks = Vec::new();
    for k in 0..connections {
        let (target, users, host) = (target.clone(), users.clone(), host.to_string());
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::open(&host).await.ok();
            let mut out = Vec::new();
            let mut i = k;
            while i < n {
                let due = start + Duration::from_secs_f64(i as f64 / rate as f64);
                tokio::time::sleep_until(due).await;
                out.push((i, reset_once(&mut conn, &host, &target, &users[i]).await));
                i += connections;
            }
            out
        }));
    }
    let mut all = vec![Outcome::default(); n];
    for task in tasks {
        for (i, o) in task.await.expect("task") {
            all[i] = o;
        }
    }
    (all, start.elapsed())
}

/// Reads every user back: (users whose pinChanges matched, list of mismatches), and webhooks.
async fn verify(
    host: &str,
    tenant: &Tenant,
    outcomes: &[Outcome],
) -> (usize, Vec<String>, usize, usize) {
    let key = tenant.key.clone();
    let users = Arc::new(tenant.users.clone());
    let changes: Vec<i64> = parallel(host, 8, users.len(), move |mut conn, i| {
        let (key, users) = (key.clone(), users.clone());
        async move {
            let target = format!("/__dev/users?apikey={key}&identifier={}", users[i]);
            let user = dev_on(&mut conn, "GET", &target, None).await;
            (conn, user["pinChanges"].as_i64().unwrap_or(-1))
        }
    })
    .await;
    let mut ok = 0;
    let mut bad = Vec::new();
    for (i, (o, c)) in outcomes.iter().zip(&changes).enumerate() {
        let expected = i64::from(o.status == 200);
        if *c == expected {
            ok += 1;
        } else {
            bad.push(format!(
                "{}: status {} but pinChanges {c}",
                tenant.users[i], o.status
            ));
        }
    }
    let hooks = dev(
        host,
        "GET",
        &format!("/__dev/webhooks?apikey={}", tenant.key),
        None,
    )
    .await;
    let hooks = hooks.as_array().cloned().unwrap_or_default();
    let distinct: HashSet<String> = hooks.iter().map(|h| h["uid"].to_string()).collect();
    (ok, bad, hooks.len(), distinct.len())
}

struct Row {
    name: String,
    limit: u32,
    offered: String,
    connections: usize,
    elapsed: Duration,
    outcomes: Vec<Outcome>,
    verified: (usize, Vec<String>, usize, usize),
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank] as f64 / 1000.0
}

fn print_table(rows: &[Row]) -> bool {
    let mut pass = true;
    println!(
        "| scenario | tenant rateLimit | offered | conns | seconds | requests | 200 | 429 (with Retry-After) | other status | transport errors | req/s | 200/s | p50 ms | p99 ms | max ms | PIN changes as expected | webhooks (distinct) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        let count = |f: &dyn Fn(&Outcome) -> bool| r.outcomes.iter().filter(|o| f(o)).count();
        let ok = count(&|o| o.status == 200);
        let limited = count(&|o| o.status == 429);
        let limited_ra = count(&|o| o.status == 429 && o.retry_after_ok);
        let errors = count(&|o| o.status == 0);
        let other = r.outcomes.len() - ok - limited - errors;
        let mut lat: Vec<u64> = r.outcomes.iter().map(|o| o.micros).collect();
        lat.sort_unstable();
        let secs = r.elapsed.as_secs_f64();
        let (matched, bad, hooks, distinct) = &r.verified;
        println!(
            "| {} | {} | {} | {} | {:.2} | {} | {} | {} ({}) | {} | {} | {:.0} | {:.1} | {:.2} | {:.2} | {:.2} | {}/{} | {} ({}) |",
            r.name,
            r.limit,
            r.offered,
            r.connections,
            secs,
            r.outcomes.len(),
            ok,
            limited,
            limited_ra,
            other,
            errors,
            r.outcomes.len() as f64 / secs,
            ok as f64 / secs,
            percentile(&lat, 50.0),
            percentile(&lat, 99.0),
            percentile(&lat, 100.0),
            matched,
            r.outcomes.len(),
            hooks,
            distinct
        );
        for b in bad.iter().take(5) {
            eprintln!("MISMATCH {}: {b}", r.name);
        }
        let expect_no_429 = r.name != "above-limit";
        pass &= bad.is_empty()
            && other == 0
            && errors == 0
            && limited_ra == limited
            && *hooks == ok
            && *distinct == ok
            && (!expect_no_429 || limited == 0)
            && (expect_no_429 || (limited > 0 && ok > 0));
    }
    pass
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args = Args::parse();
    let host = args
        .url
        .trim_end_matches('/')
        .strip_prefix("http://")
        .expect("--url must be http://host:port")
        .to_string();
    let mut rows = Vec::new();
    for scenario in args.scenarios.split(',') {
        let row = match scenario.trim() {
            "capacity" => {
                let tenant = prepare(&host, args.capacity_limit, args.users, "cap").await;
                eprintln!("capacity: {} users ready", args.users);
                let (outcomes, elapsed) = closed_loop(&host, &tenant, args.connections).await;
                let verified = verify(&host, &tenant, &outcomes).await;
                Row {
                    name: "capacity".into(),
                    limit: args.capacity_limit,
                    offered: "closed loop".into(),
                    connections: args.connections,
                    elapsed,
                    outcomes,
                    verified,
                }
            }
            name @ ("below-limit" | "above-limit") => {
                let rate = if name == "below-limit" {
                    args.below_rate
                } else {
                    args.above_rate
                };
                let n = (rate as u64 * args.seconds) as usize;
                let tenant = prepare(&host, args.limit, n, &format!("{name}-")).await;
                eprintln!(
                    "{name}: {n} users ready, {rate} req/s for {} s",
                    args.seconds
                );
                let conns = 16;
                let (outcomes, elapsed) = open_loop(&host, &tenant, rate, conns).await;
                let verified = verify(&host, &tenant, &outcomes).await;
                Row {
                    name: name.into(),
                    limit: args.limit,
                    offered: format!("{rate} req/s open loop"),
                    connections: conns,
                    elapsed,
                    outcomes,
                    verified,
                }
            }
            other => panic!("unknown scenario {other}"),
        };
        rows.push(row);
    }
    let pass = print_table(&rows);
    println!();
    println!("{}", if pass { "load: PASS" } else { "load: FAIL" });
    std::process::exit(if pass { 0 } else { 1 });
}
