//! `/v1/neighbours`: contract, privacy, audit and tenant isolation.

use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::Role;
use nabij_store::{audit, NeighbourId};
use serde_json::{json, Value};

crate::on_both_backends!(
    create_and_read_show_no_coordinates_and_are_audited,
    another_organisations_id_is_exactly_a_missing_id,
    list_paginates_with_an_opaque_cursor,
    patch_delete_and_export,
    bad_input_and_weak_tokens,
);

const LAT: f64 = 51.2234567;
const LON: f64 = 5.4212345;

fn neighbour_body(name: &str) -> Value {
    json!({
        "display_name": name,
        "contact": {"email": "an@example.org"},
        "location": {"lat": LAT, "lon": LON},
        "travel_radius_m": 1500.0,
        "interests": ["walking"],
        "talents": ["shopping"],
        "languages": ["nl"],
        "availability": ["tue-afternoon"],
        "capacity": 2,
        "consent": {"channel": "home_visit"}
    })
}

async fn create(app: &TestApp, token: &str, name: &str) -> Value {
    let resp = app
        .client
        .post(app.url("/v1/neighbours"))
        .bearer_auth(token)
        .json(&neighbour_body(name))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    resp.json().await.unwrap()
}

async fn create_and_read_show_no_coordinates_and_are_audited(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let created = create(&app, &token, "An").await;
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["consent"]["channel"], "home_visit");
    assert_eq!(created["consent"]["recorded_by"], "test:coordinator");
    let resp = app.get_with_token(&format!("/v1/neighbours/{id}"), &token).await;
    assert_eq!(resp.status().as_u16(), 200);
    let text = resp.text().await.unwrap();
    // Walks the JSON: a timestamp such as `06:29:35.421561Z` holds "5.421" too.
    crate::fixtures::assert_no_coordinates(&text);
    crate::fixtures::assert_no_coordinates(&created.to_string());
    let got: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(got["display_name"], "An");
    assert_eq!(got["interests"], json!(["walking"]));
    let rows = app
        .store
        .read(|c| audit::for_subject(c, app.org_a.id, NeighbourId(id)))
        .unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["neighbour_created", "neighbour_read"]);
}

async fn another_organisations_id_is_exactly_a_missing_id(app: TestApp) {
    let a = app.token(&app.org_a, Role::Coordinator, &[]);
    let b = app.token(&app.org_b, Role::Admin, &[]);
    let id = create(&app, &a, "An").await["id"].as_i64().unwrap();
    let missing = id + 1000;
    for (method, suffix) in [("GET", ""), ("PATCH", ""), ("DELETE", ""), ("GET", "/export")] {
        let mut bodies = Vec::new();
        for target in [id, missing] {
            let url = app.url(&format!("/v1/neighbours/{target}{suffix}"));
            let req = match method {
                "GET" => app.client.get(url),
                "PATCH" => app.client.patch(url).json(&json!({"paused": true})),
                _ => app.client.delete(url),
            };
            let resp = req.bearer_auth(&b).send().await.unwrap();
            bodies.push(assert_problem(resp, 404, "not_found").await);
        }
        assert_eq!(bodies[0], bodies[1], "{method} {suffix}");
    }
    // Nothing changed and nothing was listed for org B.
    let resp = app.get_with_token("/v1/neighbours", &b).await;
    let page: Value = resp.json().await.unwrap();
    assert_eq!(page["items"], json!([]));
    let resp = app.get_with_token(&format!("/v1/neighbours/{id}"), &a).await;
    let got: Value = resp.json().await.unwrap();
    assert_eq!(got["paused"], false);
}

async fn list_paginates_with_an_opaque_cursor(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    for name in ["A", "B", "C"] {
        create(&app, &token, name).await;
    }
    let page: Value = app
        .get_with_token("/v1/neighbours?limit=2", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let cursor = page["next_cursor"].as_str().unwrap().to_string();
    let page: Value = app
        .get_with_token(&format!("/v1/neighbours?limit=2&cursor={cursor}"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"][0]["display_name"], "C");
    assert!(page["next_cursor"].is_null());
    for bad in ["limit=101", "limit=0", "limit=x", "cursor=zzz", "sort=name"] {
        let resp = app.get_with_token(&format!("/v1/neighbours?{bad}"), &token).await;
        assert_eq!(resp.status().as_u16(), 400, "{bad}");
    }
}

async fn patch_delete_and_export(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let id = create(&app, &token, "An").await["id"].as_i64().unwrap();
    let url = app.url(&format!("/v1/neighbours/{id}"));
    let resp = app
        .client
        .patch(&url)
        .bearer_auth(&token)
        .json(&json!({"display_name": "Anna", "paused": true, "contact": {"email": null}}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let got: Value = resp.json().await.unwrap();
    assert_eq!(
        (got["display_name"].as_str(), got["paused"].as_bool()),
        (Some("Anna"), Some(true))
    );
    assert!(got["contact"]["email"].is_null());

    let resp = app
        .get_with_token(&format!("/v1/neighbours/{id}/export"), &token)
        .await;
    assert_eq!(resp.status().as_u16(), 200);
    let text = resp.text().await.unwrap();
    crate::fixtures::assert_no_coordinates(&text);
    let export: Value = serde_json::from_str(&text).unwrap();
    let actions: Vec<&str> = export["access_log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["neighbour_created", "neighbour_updated", "neighbour_exported"]
    );

    let resp = app.client.delete(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 204);
    assert_problem(
        app.get_with_token(&format!("/v1/neighbours/{id}"), &token).await,
        404,
        "not_found",
    )
    .await;
}

async fn bad_input_and_weak_tokens(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let post = |body: Value, token: String| {
        let req = app
            .client
            .post(app.url("/v1/neighbours"))
            .bearer_auth(token)
            .json(&body);
        async move { req.send().await.unwrap() }
    };
    let mut body = neighbour_body("X");
    body["role"] = json!("admin");
    assert_problem(post(body, token.clone()).await, 400, "unknown_field").await;
    let mut body = neighbour_body("X");
    body["location"]["lat"] = json!(123.0);
    assert_problem(post(body, token.clone()).await, 400, "invalid_value").await;
    let mut body = neighbour_body("X");
    body["capacity"] = json!(300);
    assert_problem(post(body, token.clone()).await, 400, "invalid_value").await;
    let mut body = neighbour_body("X");
    body["interests"] = json!(["no-such-tag"]);
    assert_problem(post(body, token.clone()).await, 400, "invalid_value").await;
    for bad in ["abc", "0", "-1", "01", "99999999999999999999"] {
        let resp = app.get_with_token(&format!("/v1/neighbours/{bad}"), &token).await;
        assert_problem(resp, 400, "invalid_id").await;
    }
    // Partner without the scope: 403; read scope cannot write; no token: 401.
    let partner = app.token(&app.org_a, Role::Partner, &["requests:write"]);
    assert_problem(
        app.get_with_token("/v1/neighbours", &partner).await,
        403,
        "forbidden",
    )
    .await;
    let reader = app.token(&app.org_a, Role::Partner, &["neighbours:read"]);
    assert_eq!(
        app.get_with_token("/v1/neighbours", &reader)
            .await
            .status()
            .as_u16(),
        200
    );
    assert_problem(post(neighbour_body("X"), reader).await, 403, "forbidden").await;
    let writer = app.token(&app.org_a, Role::Partner, &["neighbours:write"]);
    assert_eq!(post(neighbour_body("X"), writer).await.status().as_u16(), 201);
    assert_problem(app.get("/v1/neighbours").await, 401, "unauthorized").await;
}
