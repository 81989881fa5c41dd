//! Bad input of any kind is a 4xx problem+json with a stable code, never a 5xx.

use crate::helpers::{assert_problem, TestApp};

crate::on_both_backends!(
    malformed_json_bad_utf8_and_wrong_content_type,
    unknown_field_is_named,
    oversized_bodies_are_413,
    over_long_fields_are_invalid_values,
);

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
