//! The structured request log: what it carries (request id, organisation, route
//! pattern, status, latency) and what it never carries (names, e-mail addresses, phone
//! numbers, addresses, tokens, passwords), read from the real `tracing` output.
//!
//! The test binary gets one global subscriber (installed on first use) that formats
//! every event of the nabij crates, at every level, into a shared buffer; tests running
//! next to this one write into it too. The checks on content pick this test's lines by
//! its request ids; the checks on personal data look at every line, and use values no
//! other test sends.

use crate::fixtures::neighbour_at;
use crate::helpers::{unchecked_client, TestApp, PASSWORD};
use nabij_api::auth::Role;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

crate::on_both_backends!(the_request_log_names_the_request_and_never_the_person);

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The buffer every event of the test binary is written to.
fn captured() -> &'static Buffer {
    static BUFFER: OnceLock<Buffer> = OnceLock::new();
    BUFFER.get_or_init(|| {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let filter = tracing_subscriber::filter::Targets::new()
            .with_target("nabij", tracing::Level::TRACE)
            .with_target("nabij_api", tracing::Level::TRACE)
            .with_target("nabij_store", tracing::Level::TRACE)
            .with_target("nabij_notify", tracing::Level::TRACE)
            .with_target("actix_web", tracing::Level::DEBUG)
            .with_default(tracing::Level::WARN);
        use tracing_subscriber::layer::SubscriberExt as _;
        use tracing_subscriber::Layer as _;
        let subscriber = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(move || writer.clone())
                .with_filter(filter),
        );
        tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber");
        buffer
    })
}

fn lines() -> Vec<String> {
    let bytes = captured()
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    String::from_utf8_lossy(&bytes)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The value of `key=` in a formatted event (quoted or not).
fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let start = line.find(&format!(" {key}="))? + key.len() + 2;
    let rest = &line[start..];
    match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next(),
        None => rest.split(' ').next(),
    }
}

async fn the_request_log_names_the_request_and_never_the_person(app: TestApp) {
    captured();
    let run = format!("{:?}{}", app.backend, std::process::id()).to_lowercase();
    let rid = |n: &str| format!("logtest-{run}-{n}");
    // Personal data no other test sends.
    let name = "Zuzanna Kwiatkowska-Vermeulen";
    let email = "zuzanna.kwiatkowska@voorbeeld.example";
    let phone = "+32 470 98 76 54";
    let address = "Kerkstraat 17 bus 3";
    let new_phone = "011 98 76 54";
    let wrong_password = "Geheim-Wachtwoord-Dat-Niet-Klopt-93";

    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let send = |method: reqwest::Method, path: &str, id: &str| {
        app.client
            .request(method, app.url(path))
            .header("X-Request-Id", rid(id))
    };

    // Register someone, with name, e-mail and phone.
    let mut body = neighbour_at(name, 0, 1);
    body["contact"] = json!({"email": email, "phone": phone});
    let resp = send(reqwest::Method::POST, "/v1/neighbours", "create")
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.headers()["x-request-id"], rid("create").as_str());
    let id = resp.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    // Read and change them; file a request naming an address.
    let resp = send(reqwest::Method::GET, &format!("/v1/neighbours/{id}"), "read")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = send(reqwest::Method::PATCH, &format!("/v1/neighbours/{id}"), "patch")
        .bearer_auth(&token)
        .json(&json!({"contact": {"phone": new_phone}}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let request = json!({
        "neighbour_id": id, "kind": "practical", "tags": ["shopping"],
        "text": format!("Boodschappen halen voor {name}, {address}, bel {phone}"),
        "window": {"type": "flexible"}
    });
    let resp = send(reqwest::Method::POST, "/v1/requests", "request")
        .bearer_auth(&token)
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    // Personal data in a query string and in a path that matches no route.
    let resp = send(
        reqwest::Method::GET,
        &format!("/v1/requests?status={}", urlencode(email)),
        "query",
    )
    .bearer_auth(&token)
    .send()
    .await
    .unwrap();
    assert_eq!(resp.status(), 400);
    let resp = send(
        reqwest::Method::GET,
        &format!("/v1/people/{}", urlencode(name)),
        "nopath",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(resp.status(), 404);
    // Logins: a wrong password, a right one, and the console's form.
    let resp = send(reqwest::Method::POST, "/v1/auth/login", "badlogin")
        .json(&json!({"email": email, "password": wrong_password}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let resp = send(reqwest::Method::POST, "/v1/auth/login", "login")
        .json(&json!({"email": app.org_a.coordinator_email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let issued = resp.json::<serde_json::Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let console = unchecked_client()
        .post(app.url("/login"))
        .header("X-Request-Id", rid("console"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!(
            "email={}&password={}",
            urlencode(email),
            urlencode(wrong_password)
        ))
        .send()
        .await
        .unwrap();
    assert!(console.status().is_client_error(), "{}", console.status());
    // The issued token at work, and a refused one.
    let resp = send(reqwest::Method::GET, "/v1/auth/me", "me")
        .bearer_auth(&issued)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let forged = format!("{}x", &token[..token.len() - 1]);
    let resp = send(reqwest::Method::GET, "/v1/neighbours", "forged")
        .bearer_auth(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);

    let lines = lines();
    // Content: one line per request, with its id, route pattern, status and latency.
    let org = app.org_a.id.get().to_string();
    let expected = [
        ("create", "POST", "/v1/neighbours", "201", Some(org.as_str())),
        ("read", "GET", "/v1/neighbours/{id}", "200", Some(org.as_str())),
        ("patch", "PATCH", "/v1/neighbours/{id}", "200", Some(org.as_str())),
        ("request", "POST", "/v1/requests", "201", Some(org.as_str())),
        ("query", "GET", "/v1/requests", "400", Some(org.as_str())),
        ("nopath", "GET", "(unmatched)", "404", None),
        ("badlogin", "POST", "/v1/auth/login", "401", None),
        ("login", "POST", "/v1/auth/login", "200", None),
        ("console", "POST", "/login", "403", None),
        ("me", "GET", "/v1/auth/me", "200", Some(org.as_str())),
        ("forged", "GET", "/v1/neighbours", "401", None),
    ];
    for (n, method, route, status, org) in expected {
        let id = rid(n);
        let mine: Vec<&String> = lines
            .iter()
            .filter(|l| l.contains("nabij::http") && field(l, "route").is_some())
            .filter(|l| field(l, "request_id") == Some(id.as_str()))
            .collect();
        assert_eq!(mine.len(), 1, "{n}: {mine:#?}");
        let line = mine[0];
        assert_eq!(field(line, "method"), Some(method), "{line}");
        assert_eq!(field(line, "route"), Some(route), "{line}");
        let got_status = field(line, "status");
        if n == "console" {
            assert!(got_status.is_some_and(|s| s.starts_with('4')), "{line}");
        } else {
            assert_eq!(got_status, Some(status), "{line}");
        }
        let latency: f64 = field(line, "latency_ms").unwrap().parse().unwrap();
        assert!((0.0..10_000.0).contains(&latency), "{line}");
        assert_eq!(field(line, "org"), org, "{line}");
        if org.is_some() {
            assert_eq!(field(line, "role"), Some("coordinator"), "{line}");
        }
    }
    // The refused token was logged (at debug) inside the request's span, without itself.
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&rid("forged")) && l.contains("token refused")),
        "no debug line of the refused token"
    );
    // Nothing personal and no secret, anywhere, at any level.
    let secrets = [
        name,
        "Kwiatkowska",
        email,
        "zuzanna",
        phone,
        "470 98",
        new_phone,
        address,
        "Kerkstraat",
        wrong_password,
        PASSWORD,
        token.as_str(),
        &token[token.len() - 20..],
        issued.as_str(),
        &issued[issued.len() - 20..],
        forged.as_str(),
    ];
    for line in &lines {
        let lower = line.to_lowercase();
        for secret in secrets {
            assert!(
                !lower.contains(&secret.to_lowercase()),
                "`{secret}` in the log: {line}"
            );
        }
        // Concrete neighbour paths never appear, only their pattern.
        assert!(!line.contains(&format!("/v1/neighbours/{id}")), "{line}");
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
