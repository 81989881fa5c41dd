//! Rate limits (per address, per caller, `X-Forwarded-For` only from trusted proxies),
//! body limits on every route with a body, and slow or half-open clients.

use crate::helpers::{assert_problem, spawn_app_with, TestApp};
use nabij_api::auth::Role;
use nabij_api::limits::Rate;
use nabij_api::routes::ROUTES;
use nabij_store::BackendKind;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Almost no refill during a test: only the burst counts.
fn rate(burst: u32) -> Option<Rate> {
    Some(Rate {
        burst,
        per_second: 0.01,
    })
}

async fn limited_app(tweak: impl FnOnce(&mut nabij_api::Settings)) -> TestApp {
    spawn_app_with(BackendKind::Sqlite, tweak).await.unwrap()
}

async fn assert_429(resp: crate::helpers::Response) {
    let retry: u64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=200).contains(&retry), "Retry-After {retry}");
    assert_problem(resp, 429, "too_many_requests").await;
}

#[tokio::test]
async fn per_address_limit_answers_429_with_retry_after() {
    let app = limited_app(|s| {
        s.limits.per_ip = rate(3);
        s.limits.per_client = None;
    })
    .await;
    let failures = app.client.failures();
    for _ in 0..3 {
        assert_eq!(app.get("/v1/auth/me").await.status(), 401);
    }
    assert_429(app.get("/v1/auth/me").await).await;
    // Even with a valid token, and on another route: the address is spent.
    let token = app.token(&app.org_a, Role::Admin, &[]);
    assert_429(app.get_with_token("/v1/neighbours", &token).await).await;
    // Probes are not limited.
    assert_eq!(app.get("/health").await.status(), 200);
    assert_eq!(app.get("/ready").await.status(), 200);
    failures.assert_none();
}

#[tokio::test]
async fn per_client_limit_is_per_token_subject() {
    let app = limited_app(|s| {
        s.limits.per_ip = None;
        s.limits.per_client = rate(2);
    })
    .await;
    let failures = app.client.failures();
    let coordinator = app.token(&app.org_a, Role::Coordinator, &[]);
    for _ in 0..2 {
        assert_eq!(
            app.get_with_token("/v1/auth/me", &coordinator).await.status(),
            200
        );
    }
    assert_429(app.get_with_token("/v1/auth/me", &coordinator).await).await;
    // A fresh token of the same subject shares the bucket.
    let again = app.token(&app.org_a, Role::Coordinator, &[]);
    assert_429(app.get_with_token("/v1/neighbours", &again).await).await;
    // Another subject, or the same subject name in another organisation, does not.
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    assert_eq!(app.get_with_token("/v1/auth/me", &admin).await.status(), 200);
    let other_org = app.token(&app.org_b, Role::Coordinator, &[]);
    assert_eq!(app.get_with_token("/v1/auth/me", &other_org).await.status(), 200);
    // Without a (valid) token there is no client bucket: 401, not 429.
    for _ in 0..4 {
        assert_eq!(app.get("/v1/auth/me").await.status(), 401);
    }
    failures.assert_none();
}

#[tokio::test]
async fn a_spoofed_forwarded_for_does_not_get_around_the_limit() {
    let app = limited_app(|s| {
        s.limits.per_ip = rate(2);
        s.limits.per_client = None;
    })
    .await;
    let failures = app.client.failures();
    let mut statuses = Vec::new();
    for i in 0..4 {
        let resp = app
            .client
            .get(app.url("/v1/auth/me"))
            .header("X-Forwarded-For", format!("198.51.100.{i}"))
            .send()
            .await
            .unwrap();
        statuses.push(resp.status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 429, 429]);
    failures.assert_none();
}

#[tokio::test]
async fn forwarded_for_counts_behind_a_trusted_proxy() {
    let app = limited_app(|s| {
        s.limits.per_ip = rate(2);
        s.limits.per_client = None;
        s.limits.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let failures = app.client.failures();
    let get = |xff: &'static str| {
        app.client
            .get(app.url("/v1/auth/me"))
            .header("X-Forwarded-For", xff)
            .send()
    };
    for client in ["198.51.100.1", "198.51.100.2", "203.0.113.9, 198.51.100.3"] {
        assert_eq!(get(client).await.unwrap().status(), 401, "{client}");
        assert_eq!(get(client).await.unwrap().status(), 401, "{client}");
        assert_eq!(get(client).await.unwrap().status(), 429, "{client}");
    }
    // The left part of the chain is the client's own claim: it does not pick a bucket.
    assert_eq!(get("192.0.2.1, 198.51.100.3").await.unwrap().status(), 429);
    failures.assert_none();
}

#[tokio::test]
async fn every_route_with_a_body_refuses_one_over_the_limit() {
    let app = limited_app(|_| {}).await;
    let failures = app.client.failures();
    let token = app.token(&app.org_a, Role::Admin, &[]);
    let big = format!("{{\"text\": \"{}\"}}", "x".repeat(70 * 1024));
    let mut checked = 0;
    for (method, path) in ROUTES {
        // The imports take files up to their own limit (20 MB), not JSON.
        if *method == "GET"
            || *method == "DELETE"
            || path.ends_with("/import")
            || path.starts_with("/v1/imports/")
        {
            continue;
        }
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let resp = app
            .client
            .request(m, app.url(&path.replace("{id}", "1")))
            .bearer_auth(&token)
            .header("Content-Type", "application/json")
            .body(big.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 413, "{method} {path}");
        assert_problem(resp, 413, "payload_too_large").await;
        checked += 1;
    }
    assert!(checked >= 15, "{checked}");
    failures.assert_none();
}

/// Reads until the server closes; `Err` after `within`.
fn read_until_closed(stream: &mut TcpStream, within: Duration) -> Result<String, String> {
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    while start.elapsed() < within {
        match stream.read(&mut buf) {
            Ok(0) => return Ok(String::from_utf8_lossy(&got).into_owned()),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Ok(String::from_utf8_lossy(&got).into_owned())
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    Err(format!("still open after {within:?}"))
}

#[tokio::test]
async fn slow_and_half_open_clients_are_cut_off_and_hold_no_worker() {
    let app = limited_app(|s| {
        s.limits.client_request_timeout = Duration::from_millis(500);
        s.limits.client_disconnect_timeout = Duration::from_millis(500);
        s.limits.keep_alive = Duration::from_secs(1);
        s.limits.client_body_timeout = Duration::from_millis(500);
    })
    .await;
    let failures = app.client.failures();
    let addr = app.address.trim_start_matches("http://").to_string();
    // Many connections on one worker: half a request head, nothing at all, a stalled
    // body.
    let mut half = Vec::new();
    for i in 0..30 {
        let mut s = TcpStream::connect(&addr).unwrap();
        match i % 3 {
            0 => s.write_all(b"GET /v1/neighbours HTTP/1.1\r\nHost: x\r\n").unwrap(),
            1 => {}
            _ => s
                .write_all(b"POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"em")
                .unwrap(),
        }
        half.push(s);
    }
    // Others are served meanwhile.
    let start = Instant::now();
    assert_eq!(app.get("/health").await.status(), 200);
    assert!(
        start.elapsed() < Duration::from_millis(400),
        "{:?}",
        start.elapsed()
    );
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    assert_eq!(app.get_with_token("/v1/auth/me", &token).await.status(), 200);
    // And the slow ones are closed by the server.
    let handles: Vec<_> = half
        .into_iter()
        .map(|mut s| tokio::task::spawn_blocking(move || read_until_closed(&mut s, Duration::from_secs(6))))
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        let got = h.await.unwrap();
        let text = got.unwrap_or_else(|e| panic!("connection {i}: {e}"));
        assert!(
            text.is_empty() || text.starts_with("HTTP/1.1 408") || text.starts_with("HTTP/1.1 400"),
            "connection {i}: {text}"
        );
    }
    // Still serving.
    assert_eq!(app.get("/health").await.status(), 200);
    failures.assert_none();
}

/// What became of one slow connection.
#[derive(Debug)]
struct Closed {
    /// Time from connecting (or from the answer, for keep-alive) to the server's close.
    after: Duration,
    /// What the server sent before closing.
    got: String,
}

/// Opens a connection, sends `head` and then, when `trickle`, one more header byte every
/// 100 ms (never finishing the head); waits up to `within` for the server to close it.
fn slow_client(addr: String, head: &'static [u8], trickle: bool, within: Duration) -> Result<Closed, String> {
    let mut s = TcpStream::connect(&addr).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let mut start = Instant::now();
    s.write_all(head).map_err(|e| e.to_string())?;
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    let mut last_byte = Instant::now();
    let keep_alive = head.ends_with(b"\r\n\r\n");
    while start.elapsed() < within {
        match s.read(&mut buf) {
            Ok(0) => {
                return Ok(Closed {
                    after: start.elapsed(),
                    got: String::from_utf8_lossy(&got).into_owned(),
                })
            }
            Ok(n) => {
                got.extend_from_slice(&buf[..n]);
                if keep_alive {
                    // The answer came: from now on the connection is idle.
                    start = Instant::now();
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => {
                return Ok(Closed {
                    after: start.elapsed(),
                    got: String::from_utf8_lossy(&got).into_owned(),
                })
            }
        }
        if trickle && last_byte.elapsed() >= Duration::from_millis(100) {
            last_byte = Instant::now();
            if s.write_all(b"a").is_err() {
                return Ok(Closed {
                    after: start.elapsed(),
                    got: String::from_utf8_lossy(&got).into_owned(),
                });
            }
        }
    }
    Err(format!("still open after {within:?}"))
}

#[tokio::test]
async fn a_slowloris_crowd_holds_no_worker_and_is_closed_at_the_configured_timeouts() {
    const TIMEOUT: Duration = Duration::from_millis(1500);
    let app = limited_app(|s| {
        // One worker: if slow clients held workers, nothing else would be served.
        s.workers = Some(1);
        s.limits.client_request_timeout = TIMEOUT;
        s.limits.keep_alive = TIMEOUT;
        s.limits.client_body_timeout = TIMEOUT;
        s.limits.client_disconnect_timeout = Duration::from_millis(500);
        s.limits.per_ip = None;
    })
    .await;
    let failures = app.client.failures();
    let addr = app.address.trim_start_matches("http://").to_string();
    const HEAD: &[u8] = b"GET /v1/neighbours HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    const BODY: &[u8] = b"POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"em";
    const DONE: &[u8] = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    // 200 connections: silent, trickling a header forever, stalled in the body, and
    // finished but left open (keep-alive).
    let kinds: [(&str, &'static [u8], bool); 4] = [
        ("silent", b"", false),
        ("trickling", HEAD, true),
        ("stalled body", BODY, false),
        ("idle keep-alive", DONE, false),
    ];
    let mut handles = Vec::new();
    for i in 0..200 {
        let (kind, head, trickle) = kinds[i % kinds.len()];
        let addr = addr.clone();
        handles.push((
            kind,
            tokio::task::spawn_blocking(move || slow_client(addr, head, trickle, Duration::from_secs(8))),
        ));
    }
    // Meanwhile everybody else is served at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    for _ in 0..20 {
        let start = Instant::now();
        assert_eq!(app.get_with_token("/v1/auth/me", &token).await.status(), 200);
        assert!(
            // Below the slow clients' timeout: nobody waited for them to be dropped.
            start.elapsed() < Duration::from_millis(1000),
            "{:?}",
            start.elapsed()
        );
    }
    // Each slow connection was closed by the server: not long before its timeout (the
    // client's clock starts after `connect` returns, which on a loaded machine can be
    // well after the server accepted), and not long after.
    for (i, (kind, h)) in handles.into_iter().enumerate() {
        let closed = h
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("{kind} connection {i}: {e}"));
        assert!(
            closed.after >= TIMEOUT / 2 && closed.after <= TIMEOUT * 3,
            "{kind} connection {i} closed after {:?}",
            closed.after
        );
        match kind {
            "idle keep-alive" => assert!(closed.got.starts_with("HTTP/1.1 200"), "{}", closed.got),
            _ => assert!(
                closed.got.is_empty()
                    || closed.got.starts_with("HTTP/1.1 408")
                    || closed.got.starts_with("HTTP/1.1 400"),
                "{kind} connection {i}: {}",
                closed.got
            ),
        }
    }
    assert_eq!(app.get("/health").await.status(), 200);
    failures.assert_none();
}
