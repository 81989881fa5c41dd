use crate::helpers::{assert_problem, TestApp, CLIENT_SECRET, PASSWORD};
use nabij_api::auth::Role;

crate::on_both_backends!(
    coordinator_logs_in_and_gets_a_token_for_their_organisation,
    unknown_email_and_wrong_password_look_the_same,
    repeated_failures_are_throttled_per_email,
    login_rejects_unknown_fields_and_bad_types,
    client_credentials_by_form_json_and_basic,
    client_credentials_failures,
);

async fn coordinator_logs_in_and_gets_a_token_for_their_organisation(app: TestApp) {
    let resp = app
        .post_login(&app.org_a.coordinator_email.to_uppercase(), PASSWORD)
        .await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    let claims = app
        .keys()
        .verify(&app.token_config(), body["access_token"].as_str().unwrap())
        .unwrap();
    assert_eq!(claims.org, app.org_a.id.get());
    assert_eq!(claims.org_slug, "pelt");
    assert_eq!(claims.role, Role::Coordinator);
    assert!(claims.sub.starts_with("user:"));
}

async fn unknown_email_and_wrong_password_look_the_same(app: TestApp) {
    let a = app.post_login("nobody@pelt.test", PASSWORD).await;
    let a = assert_problem(a, 401, "invalid_credentials").await;
    let b = app
        .post_login(&app.org_a.coordinator_email, "wrong password")
        .await;
    let b = assert_problem(b, 401, "invalid_credentials").await;
    assert_eq!(a, b);
}

async fn repeated_failures_are_throttled_per_email(app: TestApp) {
    let email = app.org_a.admin_email.clone();
    for _ in 0..3 {
        assert_eq!(app.post_login(&email, "wrong").await.status().as_u16(), 401);
    }
    let resp = app.post_login(&email, PASSWORD).await;
    let retry: u64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    assert_problem(resp, 429, "too_many_requests").await;
    // Another account from the same address is not affected.
    let resp = app.post_login(&app.org_b.admin_email, PASSWORD).await;
    assert_eq!(resp.status().as_u16(), 200);
}

async fn login_rejects_unknown_fields_and_bad_types(app: TestApp) {
    let resp = app
        .post_json(
            "/v1/auth/login",
            &serde_json::json!({"email": "a@b", "password": "x", "org": 2}),
        )
        .await;
    assert_problem(resp, 400, "unknown_field").await;
    let resp = app
        .post_json(
            "/v1/auth/login",
            &serde_json::json!({"email": 5, "password": "x"}),
        )
        .await;
    assert_problem(resp, 400, "invalid_value").await;
}

async fn client_credentials_by_form_json_and_basic(app: TestApp) {
    let form = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}",
        app.org_b.client_id, CLIENT_SECRET
    );
    let resp = app
        .post_raw(
            "/v1/auth/token",
            "application/x-www-form-urlencoded",
            form.into_bytes(),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    let claims = app
        .keys()
        .verify(&app.token_config(), body["access_token"].as_str().unwrap())
        .unwrap();
    assert_eq!(claims.org, app.org_b.id.get());
    assert_eq!(claims.role, Role::Partner);
    assert_eq!(claims.scopes, vec!["neighbours:write", "requests:write"]);

    let resp = app
        .post_json(
            "/v1/auth/token",
            &serde_json::json!({"grant_type": "client_credentials", "client_id": app.org_a.client_id,
                "client_secret": CLIENT_SECRET, "scope": "requests:write"}),
        )
        .await;
    assert_eq!(resp.status().as_u16(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    let claims = app
        .keys()
        .verify(&app.token_config(), body["access_token"].as_str().unwrap())
        .unwrap();
    assert_eq!(claims.scopes, vec!["requests:write"]);

    let resp = app
        .client
        .post(app.url("/v1/auth/token"))
        .basic_auth(&app.org_a.client_id, Some(CLIENT_SECRET))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
}

async fn client_credentials_failures(app: TestApp) {
    let form = |id: &str, secret: &str| {
        format!("grant_type=client_credentials&client_id={id}&client_secret={secret}").into_bytes()
    };
    let ct = "application/x-www-form-urlencoded";
    let resp = app
        .post_raw("/v1/auth/token", ct, form(&app.org_a.client_id, "wrong"))
        .await;
    assert_problem(resp, 401, "invalid_client").await;
    let resp = app
        .post_raw("/v1/auth/token", ct, form("nobody", CLIENT_SECRET))
        .await;
    assert_problem(resp, 401, "invalid_client").await;
    let resp = app
        .post_raw("/v1/auth/token", ct, b"grant_type=password".to_vec())
        .await;
    assert_problem(resp, 400, "unsupported_grant_type").await;
    let resp = app.post_raw("/v1/auth/token", "text/plain", b"x".to_vec()).await;
    assert_problem(resp, 415, "unsupported_media_type").await;
    let body = format!(
        "grant_type=client_credentials&client_id={}&client_secret={CLIENT_SECRET}&scope=matches:write",
        app.org_a.client_id
    );
    let resp = app.post_raw("/v1/auth/token", ct, body.into_bytes()).await;
    assert_problem(resp, 400, "invalid_value").await;
}
