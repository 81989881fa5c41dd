//! Bad input of any kind is a 4xx problem+json with a stable code, never a 5xx.

use crate::helpers::{assert_problem, TestApp};

crate::on_both_backends!(
    malformed_json_bad_utf8_and_wrong_content_type,
    unknown_field_is_named,
    oversized_bodies_are_413,
    over_long_fields_are_invalid_values,
    duplicate_keys_are_refused_and_named,
);

/// serde_json keeps the last of two equal keys; a body that says two things is refused
/// on every JSON route (the extractors), nested objects included, and nothing is written.
async fn duplicate_keys_are_refused_and_named(app: TestApp) {
    use nabij_api::auth::Role;
    let send = |method: reqwest::Method, path: &str, token: Option<&str>, body: &str| {
        let mut rb = app
            .client
            .request(method, app.url(path))
            .header("Content-Type", "application/json")
            .body(body.to_string());
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        rb.send()
    };
    let resp = send(
        reqwest::Method::POST,
        "/v1/auth/login",
        None,
        r#"{"email": "a@example.org", "password": "x", "email": "b@example.org"}"#,
    )
    .await
    .unwrap();
    let p = assert_problem(resp, 400, "duplicate_key").await;
    assert_eq!(p["errors"][0]["field"], "email", "{p}");

    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let body = crate::fixtures::neighbour_at("An", 0, 1).to_string();
    let twice = body.replacen("{", r#"{"display_name": "Bert", "#, 1);
    let resp = send(reqwest::Method::POST, "/v1/neighbours", Some(&token), &twice)
        .await
        .unwrap();
    let p = assert_problem(resp, 400, "duplicate_key").await;
    assert_eq!(p["errors"][0]["field"], "display_name", "{p}");
    let list = app.get_with_token("/v1/neighbours", &token).await;
    let list: serde_json::Value = list.json().await.unwrap();
    assert_eq!(
        list["items"].as_array().map(Vec::len),
        Some(0),
        "nothing written: {list}"
    );

    let id = app
        .new_neighbour(&token, &crate::fixtures::neighbour_at("An", 0, 1))
        .await;
    let nested = r#"{"contact": {"email": "an@example.org", "email": "x@example.org"}}"#;
    let resp = send(
        reqwest::Method::PATCH,
        &format!("/v1/neighbours/{id}"),
        Some(&token),
        nested,
    )
    .await
    .unwrap();
    let p = assert_problem(resp, 400, "duplicate_key").await;
    assert_eq!(p["errors"][0]["field"], "email", "{p}");
    // The same key in two different objects is fine.
    let ok = r#"{"contact": {"email": "an@example.org"}, "display_name": "An"}"#;
    let resp = send(
        reqwest::Method::PATCH,
        &format!("/v1/neighbours/{id}"),
        Some(&token),
        ok,
    )
    .await
    .unwrap();
    assert_eq!(resp.status(), 200);
}

async fn malformed_json_bad_utf8_and_wrong_content_type(app: TestApp) {
    let resp = app
        .post_raw("/v1/auth/login", "application/json", b"{\"email\": ".to_vec())
        .await;
    assert_problem(resp, 400, "malformed_json").await;
    let resp = app
        .post_raw(
            "/v1/auth/login",
            "application/json",
            b"{\"email\": \"\xff\xfe\"}".to_vec(),
        )
        .await;
    assert_problem(resp, 400, "malformed_json").await;
    let resp = app.post_raw("/v1/auth/login", "text/plain", b"{}".to_vec()).await;
    assert_problem(resp, 415, "unsupported_media_type").await;
    let resp = app
        .client
        .post(app.url("/v1/auth/login"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_problem(resp, 415, "unsupported_media_type").await;
    let deep = "[".repeat(10_000);
    let resp = app
        .post_raw("/v1/auth/login", "application/json", deep.into_bytes())
        .await;
    assert_problem(resp, 400, "invalid_value").await;
}

async fn unknown_field_is_named(app: TestApp) {
    let resp = app
        .post_json(
            "/v1/auth/login",
            &serde_json::json!({"email": "a@b", "password": "x", "role": "admin"}),
        )
        .await;
    let body = assert_problem(resp, 400, "unknown_field").await;
    assert_eq!(body["errors"][0]["field"], "role");
}

async fn oversized_bodies_are_413(app: TestApp) {
    let big = format!(r#"{{"email":"a@b","password":"{}"}}"#, "x".repeat(70 * 1024));
    let resp = app
        .post_raw("/v1/auth/login", "application/json", big.clone().into_bytes())
        .await;
    assert_problem(resp, 413, "payload_too_large").await;
    let resp = app
        .post_raw(
            "/v1/auth/token",
            "application/x-www-form-urlencoded",
            big.into_bytes(),
        )
        .await;
    assert_problem(resp, 413, "payload_too_large").await;
}

async fn over_long_fields_are_invalid_values(app: TestApp) {
    let resp = app
        .post_json(
            "/v1/auth/login",
            &serde_json::json!({"email": "a".repeat(300), "password": ""}),
        )
        .await;
    let body = assert_problem(resp, 400, "invalid_value").await;
    assert_eq!(body["errors"].as_array().unwrap().len(), 2);
}
