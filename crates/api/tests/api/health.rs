use crate::helpers::{assert_problem, TestApp};

crate::on_both_backends!(
    health_is_ok_with_security_headers,
    ready_when_database_is_migrated,
    openapi_is_served,
    unknown_route_and_method_are_problems,
    jwks_publishes_the_signing_key,
);

async fn health_is_ok_with_security_headers(app: TestApp) {
    let resp = app.get("/health").await;
    assert_eq!(resp.status().as_u16(), 200);
    let h = resp.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert!(h.get("server").is_none());
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

async fn ready_when_database_is_migrated(app: TestApp) {
    let resp = app.get("/ready").await;
    assert_eq!(resp.status().as_u16(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["database"], app.backend.name());
}

async fn openapi_is_served(app: TestApp) {
    let resp = app.get("/openapi.yaml").await;
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/yaml"));
    assert!(resp.text().await.unwrap().starts_with("openapi: 3."));
}

async fn unknown_route_and_method_are_problems(app: TestApp) {
    let resp = app.get("/nope").await;
    let h = resp.headers().clone();
    assert_problem(resp, 404, "not_found").await;
    assert_eq!(h["x-frame-options"], "DENY");
    let resp = app.client.delete(app.url("/health")).send().await.unwrap();
    assert_problem(resp, 405, "method_not_allowed").await;
}

async fn jwks_publishes_the_signing_key(app: TestApp) {
    let resp = app.get("/.well-known/jwks.json").await;
    assert_eq!(resp.status().as_u16(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    let keys = body["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    let k = &keys[0];
    assert_eq!(k["kty"], "OKP");
    assert_eq!(k["crv"], "Ed25519");
    assert_eq!(k["alg"], "EdDSA");
    assert_eq!(k["use"], "sig");
    assert_eq!(k["kid"], app.keys().current().unwrap().kid.as_str());
    assert!(k.get("d").is_none(), "no private part");
    assert_eq!(k["x"].as_str().unwrap().len(), 43);
}

/// PostgreSQL stopped under a running app (`pg_ctl stop -m fast`, as an operator would):
/// `/ready`, a read and a write answer 503 problem+json at once instead of hanging, and
/// everything answers again once the database is back, without restarting the app.
#[tokio::test]
async fn database_outage_is_a_quick_503_and_recovers_without_restart() {
    use nabij_api::auth::Role;
    use std::time::{Duration, Instant};
    if nabij_store::testing::skip_pg() {
        eprintln!("NABIJ_SKIP_PG=1: skipping a PostgreSQL test");
        return;
    }
    // A cluster of its own: the shared one must stay up for the other tests.
    let cluster = nabij_store::testing::PgCluster::start().unwrap();
    let url = cluster.create_database().unwrap();
    let app = crate::helpers::spawn_app_with(nabij_store::BackendKind::Postgres, |s| {
        s.database_url = url.clone();
    })
    .await
    .unwrap();
    let failures = app.client.failures();
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let write = || {
        app.client
            .post(app.url("/v1/requests"))
            .bearer_auth(&token)
            .json(&serde_json::json!({
                "neighbour_id": 1, "kind": "practical", "tags": ["shopping"],
                "text": "Boodschappen", "window": {"type": "flexible"}
            }))
            .send()
    };
    assert_eq!(app.get("/ready").await.status().as_u16(), 200);
    assert_eq!(
        app.get_with_token("/v1/requests", &token).await.status().as_u16(),
        200
    );

    cluster.stop().unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        assert_problem(app.get("/ready").await, 503, "not_ready").await;
        let resp = app.get_with_token("/v1/requests", &token).await;
        let body = assert_problem(resp, 503, "service_unavailable").await;
        assert!(!body["detail"].as_str().unwrap().contains("postgres"), "{body}");
        assert_problem(write().await.unwrap(), 503, "service_unavailable").await;
        assert!(
            t.elapsed() < Duration::from_secs(3),
            "503s took {:?}",
            t.elapsed()
        );
    }

    cluster.restart().unwrap();
    let back = Instant::now();
    while app.get("/ready").await.status().as_u16() != 200 {
        assert!(
            back.elapsed() < Duration::from_secs(15),
            "not ready again after 15 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.get_with_token("/v1/requests", &token).await.status().as_u16(),
        200
    );
    // The write reaches the database again (422: no neighbour 1 in this organisation).
    assert_problem(write().await.unwrap(), 422, "unknown_reference").await;
    failures.assert_none();
}
