//! Security headers on every response, request ids, CORS (closed by default,
//! per-origin when configured) and the protected `/metrics`.

use crate::helpers::{spawn_app_with, TestApp};
use nabij_api::auth::Role;
use nabij_api::routes::ROUTES;
use nabij_store::BackendKind;
use reqwest::header::HeaderMap;

crate::on_both_backends!(every_route_answers_with_the_security_headers);

fn assert_secure(headers: &HeaderMap, what: &str) {
    let get = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_string());
    assert_eq!(
        get("x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(get("x-frame-options").as_deref(), Some("DENY"), "{what}");
    assert_eq!(get("referrer-policy").as_deref(), Some("no-referrer"), "{what}");
    let csp = get("content-security-policy").unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    let html = get("content-type").is_some_and(|c| c.starts_with("text/html"));
    if !html {
        assert!(csp.contains("default-src 'none'"), "{what}: {csp}");
    }
    assert!(get("server").is_none(), "{what}: a Server header");
    assert!(get("x-powered-by").is_none(), "{what}");
    assert!(
        get("access-control-allow-origin").is_none(),
        "{what}: CORS is closed"
    );
    let id = get("x-request-id").unwrap_or_else(|| panic!("{what}: no X-Request-Id"));
    assert!(
        id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{what}: {id}"
    );
}

async fn every_route_answers_with_the_security_headers(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    for (method, path) in ROUTES {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let url = app.url(&path.replace("{id}", "1"));
        for token in [None, Some(&admin)] {
            let mut req = app
                .client
                .request(m.clone(), &url)
                .header("Origin", "https://evil.example");
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            let resp = req.send().await.unwrap();
            let what = format!(
                "{method} {path} ({}) → {}",
                token.map_or("no token", |_| "admin"),
                resp.status()
            );
            assert_secure(resp.headers(), &what);
        }
    }
    for path in ["/nope", "/v1/nope/1"] {
        let resp = app.get(path).await;
        assert_secure(resp.headers(), path);
    }
    // Unknown methods (outside the document, so not through the checking client).
    let raw = crate::helpers::unchecked_client();
    for m in ["OPTIONS", "PUT", "TRACE"] {
        let resp = raw
            .request(
                reqwest::Method::from_bytes(m.as_bytes()).unwrap(),
                app.url("/v1/neighbours"),
            )
            .header("Origin", "https://evil.example")
            .header("Access-Control-Request-Method", "POST")
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_client_error(), "{m}: {}", resp.status());
        assert_secure(resp.headers(), m);
    }
}

#[tokio::test]
async fn request_ids_are_echoed_when_well_formed_and_replaced_otherwise() {
    let app = spawn_app_with(BackendKind::Sqlite, |_| {}).await.unwrap();
    let failures = app.client.failures();
    let send = |id: &'static str| {
        app.client
            .get(app.url("/health"))
            .header("X-Request-Id", id)
            .send()
    };
    let resp = send("abc-123_x.y").await.unwrap();
    assert_eq!(resp.headers()["x-request-id"], "abc-123_x.y");
    for bad in ["<script>", "a b", "ä", &*"x".repeat(65).leak()] {
        let resp = app
            .client
            .get(app.url("/health"))
            .header("X-Request-Id", bad)
            .send()
            .await;
        let Ok(resp) = resp else { continue }; // not sendable as a header at all
        let id = resp.headers()["x-request-id"].to_str().unwrap().to_string();
        assert_ne!(id, bad);
        assert_eq!(id.len(), 32);
    }
    let a = app.get("/health").await.headers()["x-request-id"].clone();
    let b = app.get("/health").await.headers()["x-request-id"].clone();
    assert_ne!(a, b);
    failures.assert_none();
}

#[tokio::test]
async fn cors_allows_only_the_configured_origins() {
    let app = spawn_app_with(BackendKind::Sqlite, |s| {
        s.cors_allowed_origins = vec!["https://app.example.org".into()];
    })
    .await
    .unwrap();
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let raw = crate::helpers::unchecked_client();
    // A simple request from the allowed origin.
    let resp = app
        .client
        .get(app.url("/v1/auth/me"))
        .bearer_auth(&token)
        .header("Origin", "https://app.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["access-control-allow-origin"],
        "https://app.example.org"
    );
    assert!(resp.headers()["vary"].to_str().unwrap().contains("Origin"));
    assert!(resp.headers().get("access-control-allow-credentials").is_none());
    // Its preflight.
    let resp = raw
        .request(reqwest::Method::OPTIONS, app.url("/v1/neighbours"))
        .header("Origin", "https://app.example.org")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .send()
        .await
        .unwrap();
    // A preflight's answer is any 2xx (Fetch: "ok status"); actix-cors answers 200.
    assert!(resp.status().is_success(), "{}", resp.status());
    let h = resp.headers();
    assert_eq!(h["access-control-allow-origin"], "https://app.example.org");
    assert!(h["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .contains("POST"));
    // Header names are case-insensitive.
    assert!(h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase()
        .contains("authorization"));
    assert!(h["access-control-max-age"] == "600");
    assert!(h.get("access-control-allow-credentials").is_none());
    assert_eq!(h["x-frame-options"], "DENY");
    // Another origin, or a look-alike: nothing.
    for origin in [
        "https://evil.example",
        "https://app.example.org.evil.example",
        "null",
        "http://app.example.org",
    ] {
        let resp = app
            .client
            .get(app.url("/v1/auth/me"))
            .bearer_auth(&token)
            .header("Origin", origin)
            .send()
            .await
            .unwrap();
        assert!(
            resp.headers().get("access-control-allow-origin").is_none(),
            "{origin}"
        );
        let resp = raw
            .request(reqwest::Method::OPTIONS, app.url("/v1/neighbours"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_client_error(), "{origin}");
        assert!(
            resp.headers().get("access-control-allow-origin").is_none(),
            "{origin}"
        );
        let content_type = resp.headers()["content-type"].to_str().unwrap().to_string();
        assert!(
            content_type.starts_with("application/problem+json"),
            "{origin}: {content_type}"
        );
    }
    // The allowed origin, compared without regard to case; and what it may read.
    let resp = app
        .client
        .get(app.url("/v1/auth/me"))
        .bearer_auth(&token)
        .header("Origin", "https://App.Example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.headers()["access-control-allow-origin"],
        "https://App.Example.org"
    );
    let exposed = resp.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for name in ["location", "retry-after", "x-request-id"] {
        assert!(exposed.contains(name), "{exposed}");
    }
    app.client.failures().assert_none();
}

#[tokio::test]
async fn metrics_need_an_admin_token_or_the_scrape_secret() {
    const SECRET: &str = "scrape-secret-0123456789";
    let app = spawn_app_with(BackendKind::Sqlite, |s| s.metrics_token = Some(SECRET.into()))
        .await
        .unwrap();
    let coordinator = app.token(&app.org_a, Role::Coordinator, &[]);
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    // Some traffic to count.
    assert_eq!(
        app.get_with_token("/v1/auth/me", &coordinator).await.status(),
        200
    );
    assert_eq!(app.get("/v1/neighbours/12345").await.status(), 401);
    // `/metrics` is not in openapi.yaml: a plain client.
    let raw = crate::helpers::unchecked_client();
    let get = |token: Option<&str>| {
        let mut r = raw.get(app.url("/metrics"));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    assert_eq!(get(None).await.unwrap().status(), 401);
    assert_eq!(get(Some("wrong-secret-0123456789")).await.unwrap().status(), 401);
    assert_eq!(get(Some(&coordinator)).await.unwrap().status(), 403);
    for token in [SECRET, &admin] {
        let resp = get(Some(token)).await.unwrap();
        assert_eq!(resp.status(), 200);
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
        let text = resp.text().await.unwrap();
        assert!(
            text.contains(r#"nabij_http_requests_total{method="GET",route="/v1/auth/me",status="200"} 1"#),
            "{text}"
        );
        // Route patterns, never concrete paths.
        assert!(
            text.contains(r#"route="/v1/neighbours/{id}",status="401"} 1"#),
            "{text}"
        );
        assert!(!text.contains("12345"), "{text}");
        assert!(text.contains("nabij_http_request_duration_seconds_bucket"));
        assert!(
            text.contains("nabij_http_rate_limited_total{limiter=\"ip\"} 0"),
            "{text}"
        );
        assert!(
            text.contains("nabij_http_rate_limited_total{limiter=\"client\"} 0"),
            "{text}"
        );
        assert!(text.contains("# TYPE nabij_http_request_duration_seconds histogram"));
        assert!(text.contains("# TYPE nabij_index_builds_total counter"), "{text}");
        // Only this scrape is being answered.
        assert!(text.contains("\nnabij_http_requests_in_flight 1\n"), "{text}");
        // No candidate query yet: no index built.
        assert!(text.contains("\nnabij_index_builds_total 0\n"), "{text}");
    }
}
