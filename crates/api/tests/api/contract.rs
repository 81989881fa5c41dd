//! The routes served, `ROUTES` and `openapi.yaml` are the same set.

use crate::helpers::{assert_problem, TestApp};
use nabij_api::routes::health::OPENAPI_YAML;
use nabij_api::routes::ROUTES;
use std::collections::BTreeSet;

crate::on_both_backends!(
    routes_and_openapi_agree_and_every_route_is_served,
    every_protected_route_refuses_a_too_weak_token,
);

/// (METHOD, path) pairs of the document, read from its `paths:` block.
fn documented() -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut in_paths = false;
    let mut path = String::new();
    for line in OPENAPI_YAML.lines() {
        if line == "paths:" {
            in_paths = true;
            continue;
        }
        if !in_paths || line.trim().is_empty() {
            continue;
        }
        if let Some(p) = line.strip_prefix("  /") {
            path = format!("/{}", p.trim_end_matches(':'));
        } else if let Some(m) = line.strip_prefix("    ") {
            let m = m.trim_end_matches(':');
            if ["get", "post", "put", "patch", "delete"].contains(&m) {
                out.insert((m.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

async fn routes_and_openapi_agree_and_every_route_is_served(app: TestApp) {
    let routes: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(routes.len(), ROUTES.len(), "a route is listed twice");
    assert_eq!(routes, documented());

    for (method, path) in ROUTES {
        let url = app.url(&path.replace("{id}", "1"));
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let resp = app.client.request(method.clone(), url).send().await.unwrap();
        let status = resp.status().as_u16();
        let public = !path.starts_with("/v1/") || path.ends_with("/login") || path.ends_with("/token");
        if !public {
            assert_eq!(status, 401, "{method} {path} without a token");
        }
        // 404 is fine for a missing record, but the router must know the route.
        if status == 404 || status == 405 {
            let body: serde_json::Value = resp.json().await.unwrap();
            panic!("{method} {path} not routed: {body}");
        }
    }
}

/// Routes any caller of the organisation may use, whatever their role or scopes.
const ANY_CALLER: &[(&str, &str)] = &[
    ("GET", "/v1/auth/me"),
    ("GET", "/v1/services"),
    ("GET", "/v1/services/{id}"),
];

async fn every_protected_route_refuses_a_too_weak_token(app: TestApp) {
    use nabij_api::auth::Role;
    // A partner app without scopes, and one whose scopes are for other routes.
    let bare = app.token(&app.org_a, Role::Partner, &[]);
    let readers = app.token(
        &app.org_a,
        Role::Partner,
        &["neighbours:read", "requests:read", "matches:read"],
    );
    for (method, path) in ROUTES {
        let public = !path.starts_with("/v1/") || path.ends_with("/login") || path.ends_with("/token");
        if public || ANY_CALLER.contains(&(method, path)) {
            continue;
        }
        let url = app.url(&path.replace("{id}", "1"));
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let resp = app
            .client
            .request(m.clone(), &url)
            .bearer_auth(&bare)
            .send()
            .await
            .unwrap();
        assert_problem(resp, 403, "forbidden").await;
        if *method != "GET" {
            let resp = app
                .client
                .request(m, &url)
                .bearer_auth(&readers)
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status().as_u16(), 403, "{method} {path} with read scopes");
        }
    }
}
