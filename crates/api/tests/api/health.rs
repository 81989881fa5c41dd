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
