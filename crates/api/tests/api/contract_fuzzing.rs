//! Regression tests for what the contract fuzzing (tests/schemathesis/run.sh) found:
//! request bodies the server read differently from `openapi.yaml`.
//!
//! - `3.0` is an integer for JSON Schema; serde's integer types refused it, and
//!   serde_json's default float parser read `4339440178538894.0` as `…894.5`.
//! - serde reads a JSON array into a struct's fields in order, so `[rid, [bert]]` was a
//!   valid proposal and `"location": [51.2, 5.4]` a valid location.
//! - A `flexible` window (a unit variant) ignored unknown fields.
//! - A PATCH read `null` as "leave as is" for fields that cannot be cleared.
//! - `consent.recorded_by` took control characters (a NUL cannot even be stored in
//!   PostgreSQL).
//! - On PostgreSQL, a NUL in a login e-mail or a client id was a 500 (PostgreSQL
//!   refuses it even in a query), found while checking the fixes above.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::Role;
use serde_json::{json, Value};

impl TestApp {
    /// POST of a JSON text as it is (to send numbers exactly as written).
    async fn post_raw_as(&self, path: &str, token: &str, json: &str) -> crate::helpers::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .header("Content-Type", "application/json")
            .body(json.to_string())
            .send()
            .await
            .unwrap()
    }
}

crate::on_both_backends!(
    integral_floats_are_integers,
    arrays_are_not_objects,
    a_flexible_window_refuses_unknown_fields,
    a_patch_refuses_null_where_nothing_can_be_cleared,
    control_characters_in_a_consent_recorder_are_refused,
    a_nul_in_credentials_is_a_wrong_credential,
);

async fn integral_floats_are_integers(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&token, &neighbour_at("Bert", 1, 1)).await;
    let mut body = walk_request(an);
    body["neighbour_id"] = json!(an as f64);
    body["duration_minutes"] = json!(60.0);
    let request = app.post_ok("/v1/requests", &token, &body, 201).await;
    assert_eq!(request["neighbour_id"], an);
    assert_eq!(request["duration_minutes"], 60);
    let rid = request["id"].as_i64().unwrap();
    let proposal = json!({"request_id": rid as f64, "companion_ids": [bert as f64]});
    let m = app.post_ok("/v1/matches", &token, &proposal, 201).await;
    assert_eq!(m["request_id"], rid);
    // Read exactly: the default float parser made …894.5 of this one (400 instead of
    // 422 unknown_reference for an id nobody has).
    let resp = app
        .post_raw_as(
            "/v1/requests",
            &token,
            r#"{"neighbour_id": 4339440178538894.0, "kind": "practical", "window": {"type": "flexible"}}"#,
        )
        .await;
    assert_problem(resp, 422, "unknown_reference").await;
    // A fraction is still no id, and a float capacity in a PATCH reads as an integer.
    let resp = app
        .post_as(
            "/v1/matches",
            &token,
            &json!({"request_id": rid as f64 + 0.5, "companion_ids": [bert]}),
        )
        .await;
    assert_problem(resp, 400, "invalid_value").await;
    let resp = app
        .client
        .patch(app.url(&format!("/v1/neighbours/{an}")))
        .bearer_auth(&token)
        .json(&json!({"capacity": 2.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let n: Value = resp.json().await.unwrap();
    assert_eq!(n["capacity"], 2);
}

async fn arrays_are_not_objects(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&token, &neighbour_at("Bert", 1, 1)).await;
    let rid = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    // An active match to close.
    let m = app.propose(&token, rid, &[bert]).await["id"].as_i64().unwrap();
    for who in [an, bert] {
        assert_eq!(app.answer(&token, m, "accept", who).await.status(), 200);
    }
    let before = app.get_ok(&format!("/v1/neighbours/{an}"), &token).await;
    let neighbours_before = app.get_ok("/v1/neighbours", &token).await;
    // A whole body as an array, in field order.
    let resp = app.post_as("/v1/matches", &token, &json!([rid, [bert]])).await;
    let problem = assert_problem(resp, 400, "invalid_value").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("object"),
        "{problem}"
    );
    for body in [json!([null, null]), json!(["Overgenomen"])] {
        let resp = app
            .client
            .patch(app.url(&format!("/v1/neighbours/{an}")))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_problem(resp, 400, "invalid_value").await;
    }
    // A nested struct as an array.
    let nested = [
        ("location", json!([51.2, 5.4])),
        ("contact", json!([null, null])),
        ("contact", json!(["a@b.example", "011 00 00 00"])),
        ("consent", json!(["self"])),
    ];
    for (field, value) in nested {
        let mut body = neighbour_at("Mallory", 2, 1);
        body[field] = value.clone();
        let resp = app.post_as("/v1/neighbours", &token, &body).await;
        assert_problem(resp, 400, "invalid_value").await;
        let resp = app
            .client
            .patch(app.url(&format!("/v1/neighbours/{an}")))
            .bearer_auth(&token)
            .json(&json!({ field: value }))
            .send()
            .await
            .unwrap();
        assert_problem(resp, 400, "invalid_value").await;
    }
    for (field, value) in [
        ("window", json!(["flexible"])),
        ("window", json!(["weekly", ["tue-afternoon"]])),
        ("location", json!([51.2, 5.4])),
    ] {
        let mut body = walk_request(an);
        body[field] = value;
        let resp = app.post_as("/v1/requests", &token, &body).await;
        assert_problem(resp, 400, "invalid_value").await;
    }
    let resp = app
        .post_as(
            &format!("/v1/matches/{m}/close"),
            &token,
            &json!({"follow_up": [true, true, "x"]}),
        )
        .await;
    assert_problem(resp, 400, "invalid_value").await;
    // Nothing changed: one request with its one proposal, the same neighbours.
    assert_eq!(app.get_ok(&format!("/v1/neighbours/{an}"), &token).await, before);
    assert_eq!(app.get_ok("/v1/neighbours", &token).await, neighbours_before);
    let requests = app.get_ok("/v1/requests", &token).await;
    assert_eq!(requests["items"].as_array().unwrap().len(), 1, "{requests}");
    assert_eq!(
        app.get_ok(&format!("/v1/matches/{m}"), &token).await["status"],
        "active"
    );
}

async fn a_flexible_window_refuses_unknown_fields(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let mut body = walk_request(an);
    body["window"] = json!({"type": "flexible", "slots": ["tue-afternoon"]});
    let resp = app.post_as("/v1/requests", &token, &body).await;
    let problem = assert_problem(resp, 400, "unknown_field").await;
    assert!(problem.to_string().contains("slots"), "{problem}");
    body["window"] = json!({"type": "flexible"});
    let request = app.post_ok("/v1/requests", &token, &body, 201).await;
    assert_eq!(request["window"], json!({"type": "flexible"}));
    let requests = app.get_ok("/v1/requests", &token).await;
    assert_eq!(requests["items"].as_array().unwrap().len(), 1, "{requests}");
}

async fn a_patch_refuses_null_where_nothing_can_be_cleared(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let mut body = neighbour_at("An", 0, 1);
    body["contact"] = json!({"email": "an@example.org", "phone": "011 22 33 44"});
    body["preferred_language"] = json!("fr");
    let an = app.new_neighbour(&token, &body).await;
    let path = format!("/v1/neighbours/{an}");
    let patch = |body: Value| {
        app.client
            .patch(app.url(&path))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let before = app.get_ok(&path, &token).await;
    for field in [
        "display_name",
        "contact",
        "location",
        "travel_radius_m",
        "interests",
        "talents",
        "languages",
        "availability",
        "capacity",
        "paused",
        "consent",
        "preferred_language",
    ] {
        let resp = patch(json!({ field: null })).await.unwrap();
        let problem = assert_problem(resp, 400, "invalid_value").await;
        assert!(
            problem["detail"].as_str().unwrap().contains("null"),
            "{field}: {problem}"
        );
    }
    assert_eq!(app.get_ok(&path, &token).await, before);
    // What can be cleared still clears with null.
    let resp = patch(json!({"contact": {"email": null}, "neighbourhood_id": null}))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let after: Value = resp.json().await.unwrap();
    assert_eq!(after["contact"], json!({"email": null, "phone": "011 22 33 44"}));
    assert_eq!(after["neighbourhood"], Value::Null);
    assert_eq!(after["preferred_language"], "fr");
    // In a POST, null is as if absent where the document says so.
    let mut body = neighbour_at("Bert", 1, 1);
    body["contact"] = Value::Null;
    body["consent"] = json!({"channel": "self", "recorded_at": null, "recorded_by": null});
    let bert = app.post_ok("/v1/neighbours", &token, &body, 201).await;
    assert_eq!(bert["consent"]["recorded_by"], "test:coordinator");
}

async fn control_characters_in_a_consent_recorder_are_refused(app: TestApp) {
    let token = app.token(&app.org_a, Role::Admin, &[]);
    let before = app.get_ok("/v1/neighbours", &token).await;
    for recorder in ["balie\u{0}", "\u{9b}", "a\u{7}b", " ", &"x".repeat(129)] {
        let mut body = neighbour_at("An", 0, 1);
        body["consent"] = json!({"channel": "home_visit", "recorded_by": recorder});
        let resp = app.post_as("/v1/neighbours", &token, &body).await;
        let problem = assert_problem(resp, 400, "invalid_value").await;
        assert!(
            problem["detail"].as_str().unwrap().contains("recorded_by"),
            "{problem}"
        );
    }
    assert_eq!(app.get_ok("/v1/neighbours", &token).await, before);
    // 128 characters of several bytes each are fine: the limit counts characters.
    let mut body = neighbour_at("An", 0, 1);
    body["consent"] = json!({"channel": "home_visit", "recorded_by": "é".repeat(128)});
    let an = app.post_ok("/v1/neighbours", &token, &body, 201).await;
    assert_eq!(an["consent"]["recorded_by"], "é".repeat(128));
}

async fn a_nul_in_credentials_is_a_wrong_credential(app: TestApp) {
    // PostgreSQL refuses a NUL even in a query: this was a 500 there.
    let resp = app
        .post_login(&format!("{}\u{0}", app.org_a.coordinator_email), "x")
        .await;
    assert_problem(resp, 401, "invalid_credentials").await;
    let body = json!({
        "grant_type": "client_credentials",
        "client_id": format!("{}\u{0}", app.org_a.client_id),
        "client_secret": crate::helpers::CLIENT_SECRET,
    });
    let resp = app.post_json("/v1/auth/token", &body).await;
    assert_problem(resp, 401, "invalid_client").await;
    // The real ones still get in.
    let resp = app
        .post_login(&app.org_a.coordinator_email, crate::helpers::PASSWORD)
        .await;
    assert_eq!(resp.status(), 200);
}
