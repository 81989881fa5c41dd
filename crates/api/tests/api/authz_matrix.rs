//! The authorisation matrix, generated from `ROUTES`: every route × every kind of bad
//! token, foreign tenant, too-weak role and missing scope answers exactly 401, 403 or
//! 404 (problem+json, documented in `openapi.yaml`: the client checks that), and the
//! callers the route is for get past authorisation. Plus mass assignment: a body that
//! names `organisation_id`, `role` or `id` is refused and changes nothing.
//!
//! A route added to `ROUTES` without a line in [`access`] fails these tests: say who
//! may call it.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{assert_problem, Response, TestApp};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use nabij_api::auth::keys::generate_key;
use nabij_api::auth::{Caller, KeySet, Role};
use nabij_api::routes::ROUTES;
use serde_json::{json, Value};
use std::collections::HashMap;

crate::on_both_backends!(
    bad_tokens_are_401_on_every_route,
    weak_roles_and_missing_scopes_are_403_on_every_route,
    foreign_tenants_get_404_on_every_route_with_an_id,
    mass_assignment_is_refused_and_changes_nothing,
    mass_assignment_is_refused_on_every_route_with_a_body,
);

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Access {
    /// No token needed (a token is ignored).
    Public,
    /// Any valid token of the organisation.
    AnyCaller,
    /// Admins and coordinators only.
    Staff,
    /// Admins only (setting up the organisation's map).
    Admin,
    /// Staff, or a partner with one of these scopes.
    Scope(&'static [&'static str]),
}

const NR: Access = Access::Scope(&["neighbours:read", "neighbours:write"]);
const NW: Access = Access::Scope(&["neighbours:write"]);
const RR: Access = Access::Scope(&["requests:read", "requests:write"]);
const RW: Access = Access::Scope(&["requests:write"]);
const MR: Access = Access::Scope(&["matches:read", "matches:write"]);
const MW: Access = Access::Scope(&["matches:write"]);
const SW: Access = Access::Scope(&["signals:write"]);
const ALL_SCOPES: &[&str] = &[
    "signals:write",
    "neighbours:read",
    "neighbours:write",
    "requests:read",
    "requests:write",
    "matches:read",
    "matches:write",
];

/// The documented access of every route.
fn access(method: &str, path: &str) -> Access {
    use Access::*;
    match (method, path) {
        ("GET", "/health" | "/ready" | "/openapi.yaml" | "/.well-known/jwks.json") => Public,
        ("POST", "/v1/auth/login" | "/v1/auth/token") => Public,
        ("GET", "/v1/auth/me" | "/v1/services" | "/v1/services/{id}") => AnyCaller,
        ("POST", "/v1/neighbours") | ("PATCH" | "DELETE", "/v1/neighbours/{id}") => NW,
        ("GET", "/v1/neighbours" | "/v1/neighbours/{id}" | "/v1/neighbours/{id}/export") => NR,
        ("POST", "/v1/requests" | "/v1/referrals" | "/v1/requests/{id}/cancel") => RW,
        ("PATCH", "/v1/requests/{id}") => RW,
        ("GET", "/v1/requests" | "/v1/requests/{id}") => RR,
        ("GET", "/v1/requests/{id}/candidates" | "/v1/matches/{id}") => MR,
        ("POST", "/v1/matches" | "/v1/exchanges") => MW,
        ("POST", "/v1/matches/{id}/accept" | "/v1/matches/{id}/decline" | "/v1/matches/{id}/close") => MW,
        ("GET", "/v1/matches/{id}/check-ins") => MR,
        // An answer heard by phone: a coordinator's.
        ("POST", "/v1/matches/{id}/check-ins") => Staff,
        ("POST", "/v1/services" | "/v1/requests/{id}/scope-override" | "/v1/jobs/rematch") => Staff,
        ("POST", "/v1/requests/{id}/reopen") => Staff,
        ("PATCH" | "DELETE", "/v1/services/{id}") => Staff,
        ("GET", "/v1/jobs" | "/v1/jobs/{id}" | "/v1/groups" | "/v1/outbox" | "/v1/calls") => Staff,
        ("POST", "/v1/groups/{id}/accept" | "/v1/groups/{id}/split") => Staff,
        ("POST", "/v1/outbox/{id}/requeue" | "/v1/calls/{id}/done") => Staff,
        ("POST", "/v1/signals") | ("GET", "/v1/signals" | "/v1/signals/{id}") => SW,
        ("POST", "/v1/signals/{id}/outcome") => Staff,
        ("GET", "/v1/addresses") => Staff,
        ("POST", "/v1/neighbourhoods/import" | "/v1/addresses/import") => Admin,
        // Admins and coordinators of the whole organisation (a limited coordinator is
        // refused: reach_matrix).
        ("POST", "/v1/imports/neighbours" | "/v1/imports/services") => Staff,
        _ => panic!("{method} {path} is in ROUTES but not in authz_matrix::access: say who may call it"),
    }
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Response {
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = app.client.request(m, app.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    req.send().await.unwrap()
}

/// Every kind of token that must not get in, by name.
fn bad_tokens(app: &TestApp) -> Vec<(&'static str, String)> {
    let h = app.eddsa_header();
    let now = chrono::Utc::now().timestamp();
    let tampered = |f: &dyn Fn(&mut Value)| {
        let mut c = app.claims();
        f(&mut c);
        app.sign(&h, &c)
    };
    let kid = app.keys().current().unwrap().kid.clone();
    let other = KeySet::from_stored(&[generate_key().unwrap()]).unwrap();
    let who = Caller {
        subject: "user:1".into(),
        org: app.org_a.id,
        org_slug: app.org_a.slug.clone(),
        role: Role::Admin,
        neighbourhoods: None,
        scopes: vec![],
    };
    let unknown_kid = other
        .issue(&app.token_config(), &who, std::time::Duration::from_secs(60))
        .unwrap()
        .access_token;
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"none","kid":"{kid}","typ":"JWT"}}"#)),
        URL_SAFE_NO_PAD.encode(app.claims().to_string())
    );
    let mut hs = Header::new(Algorithm::HS256);
    hs.kid = Some(kid);
    let public = app.keys().current().unwrap().public_key().to_vec();
    let hs256 = jsonwebtoken::encode(&hs, &app.claims(), &EncodingKey::from_secret(&public)).unwrap();
    vec![
        ("expired", tampered(&|c| c["exp"] = (now - 120).into())),
        ("wrong aud", tampered(&|c| c["aud"] = "someone-else".into())),
        ("wrong iss", tampered(&|c| c["iss"] = "evil".into())),
        ("unknown kid", unknown_kid),
        ("alg none", none),
        ("HS256 with the public key", hs256),
        ("garbage", "a.b.c".into()),
    ]
}

async fn bad_tokens_are_401_on_every_route(app: TestApp) {
    let tokens = bad_tokens(&app);
    // A control: the valid token of the same claims gets in.
    let valid = app.sign(&app.eddsa_header(), &app.claims());
    assert_eq!(app.get_with_token("/v1/auth/me", &valid).await.status(), 200);
    for (method, path) in ROUTES {
        let concrete = path.replace("{id}", "1");
        let body = (*method != "GET" && *method != "DELETE").then(|| json!({}));
        let without = call(&app, method, &concrete, None, body.as_ref()).await;
        if access(method, path) == Access::Public {
            // Tokens are ignored: a bad one answers as no token does.
            for (case, token) in &tokens {
                let resp = call(&app, method, &concrete, Some(token), body.as_ref()).await;
                assert_eq!(resp.status(), without.status(), "{method} {path} with {case}");
            }
            continue;
        }
        assert!(
            without.headers().contains_key("www-authenticate"),
            "{method} {path}"
        );
        assert_problem(without, 401, "unauthorized").await;
        for (case, token) in &tokens {
            let resp = call(&app, method, &concrete, Some(token), body.as_ref()).await;
            assert_eq!(resp.status().as_u16(), 401, "{method} {path} with {case}");
            assert!(
                resp.headers().contains_key("www-authenticate"),
                "{method} {path} {case}"
            );
            assert_problem(resp, 401, "unauthorized").await;
        }
    }
}

async fn weak_roles_and_missing_scopes_are_403_on_every_route(app: TestApp) {
    let org = &app.org_a;
    let bare = app.token(org, Role::Partner, &[]);
    let every_scope = app.token(org, Role::Partner, ALL_SCOPES);
    let staff = [
        app.token(org, Role::Admin, &[]),
        app.token(org, Role::Coordinator, &[]),
    ];
    for (method, path) in ROUTES {
        let concrete = path.replace("{id}", "1");
        let body = (*method != "GET" && *method != "DELETE").then(|| json!({}));
        let a = access(method, path);
        let mut refused: Vec<(String, String)> = Vec::new();
        let mut admitted: Vec<(String, String)> =
            staff.iter().map(|t| ("staff".to_string(), t.clone())).collect();
        match a {
            Access::Public => continue,
            Access::AnyCaller => admitted.push(("bare partner".into(), bare.clone())),
            Access::Staff => {
                refused.push(("bare partner".into(), bare.clone()));
                refused.push(("partner with every scope".into(), every_scope.clone()));
            }
            Access::Admin => {
                admitted.truncate(1); // the admin of `staff`
                refused.push(("coordinator".into(), staff[1].clone()));
                refused.push(("bare partner".into(), bare.clone()));
                refused.push(("partner with every scope".into(), every_scope.clone()));
            }
            Access::Scope(accepted) => {
                refused.push(("bare partner".into(), bare.clone()));
                let others: Vec<&str> = ALL_SCOPES
                    .iter()
                    .copied()
                    .filter(|s| !accepted.contains(s))
                    .collect();
                refused.push((
                    format!("partner with {others:?}"),
                    app.token(org, Role::Partner, &others),
                ));
                for s in accepted {
                    admitted.push((format!("partner with {s}"), app.token(org, Role::Partner, &[s])));
                }
            }
        }
        for (who, token) in &refused {
            let resp = call(&app, method, &concrete, Some(token), body.as_ref()).await;
            assert_eq!(resp.status().as_u16(), 403, "{method} {path} as {who}");
            assert_problem(resp, 403, "forbidden").await;
        }
        for (who, token) in &admitted {
            let resp = call(&app, method, &concrete, Some(token), body.as_ref()).await;
            let status = resp.status().as_u16();
            assert!(
                status != 401 && status != 403,
                "{method} {path} as {who}: {status}"
            );
        }
    }
}

/// First `id` of a list (`{"items": [...]}`) as org A's admin, if any.
async fn first_id(app: &TestApp, token: &str, path: &str) -> Option<i64> {
    let page = app.get_ok(path, token).await;
    page["items"].as_array()?.first()?["id"].as_i64()
}

async fn foreign_tenants_get_404_on_every_route_with_an_id(app: TestApp) {
    let a = app.token(&app.org_a, Role::Admin, &[]);
    let an = app.new_neighbour(&a, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&a, &neighbour_at("Bert", 1, 1)).await;
    let rid = app.new_request(&a, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    let mid = app.propose(&a, rid, &[bert]).await["id"].as_i64().unwrap();
    let job = app
        .post_ok("/v1/jobs/rematch", &a, &json!({"dry_run": true}), 202)
        .await["id"]
        .as_i64()
        .unwrap();
    let service = app
        .post_ok(
            "/v1/services",
            &a,
            &json!({"name": "Dienst", "categories": ["heavy"]}),
            201,
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let mut ids: HashMap<&str, Option<i64>> = HashMap::new();
    ids.insert("neighbours", Some(an));
    ids.insert("services", Some(service));
    ids.insert("requests", Some(rid));
    ids.insert("matches", Some(mid));
    ids.insert("jobs", Some(job));
    for family in ["groups", "outbox", "calls"] {
        ids.insert(family, first_id(&app, &a, &format!("/v1/{family}")).await);
    }
    let signal = app
        .post_ok("/v1/signals", &a, &crate::fixtures::signal_card("Maria"), 201)
        .await["id"]
        .as_i64();
    ids.insert("signals", signal);
    let bodies: HashMap<&str, Value> = [
        ("/v1/neighbours/{id}", json!({"display_name": "Overgenomen"})),
        ("/v1/services/{id}", json!({"name": "Overgenomen"})),
        ("/v1/requests/{id}", json!({"text": "Overgenomen"})),
        ("/v1/requests/{id}/cancel", json!({"reason": "no_longer_needed"})),
        (
            "/v1/requests/{id}/scope-override",
            json!({"category": "small_help", "reason": "klein"}),
        ),
        ("/v1/matches/{id}/accept", json!({"neighbour_id": bert})),
        ("/v1/matches/{id}/decline", json!({"neighbour_id": bert})),
        (
            "/v1/matches/{id}/close",
            json!({"follow_up": {"met": true, "mutual_support": false}}),
        ),
        (
            "/v1/matches/{id}/check-ins",
            json!({"neighbour_id": bert, "answer": "go_on"}),
        ),
        (
            "/v1/signals/{id}/outcome",
            json!({"outcome": "no_action_wanted", "decided_by": "Overgenomen"}),
        ),
    ]
    .into_iter()
    .collect();
    let foreign = [
        ("admin of B", app.token(&app.org_b, Role::Admin, &[])),
        ("coordinator of B", app.token(&app.org_b, Role::Coordinator, &[])),
        ("partner of B", app.token(&app.org_b, Role::Partner, ALL_SCOPES)),
    ];
    let mut covered = 0;
    for (method, path) in ROUTES {
        if !path.contains("{id}") {
            continue;
        }
        let family = path.split('/').nth(2).unwrap();
        let Some(id) = ids.get(family).copied().flatten() else {
            eprintln!("no {family} record in org A to test {method} {path} with");
            continue;
        };
        let concrete = path.replace("{id}", &id.to_string());
        let body = match *method {
            "GET" | "DELETE" => None,
            _ => Some(bodies.get(path).cloned().unwrap_or_else(|| json!({}))),
        };
        for (who, token) in &foreign {
            if *who == "partner of B" && access(method, path) == Access::Staff {
                continue; // 403 before the lookup, shown above
            }
            let resp = call(&app, method, &concrete, Some(token), body.as_ref()).await;
            assert_eq!(resp.status().as_u16(), 404, "{method} {concrete} as {who}");
            assert_problem(resp, 404, "not_found").await;
        }
        covered += 1;
    }
    assert!(covered >= 17, "only {covered} routes with an id covered");
    // Nothing of A changed: the match is still proposed, the neighbour still there.
    let m = app.get_ok(&format!("/v1/matches/{mid}"), &a).await;
    assert_eq!(m["status"], "proposed", "{m}");
    let n = app.get_ok(&format!("/v1/neighbours/{an}"), &a).await;
    assert_eq!(n["display_name"], "An", "{n}");
    let s = app.get_ok(&format!("/v1/services/{service}"), &a).await;
    assert_eq!(s["name"], "Dienst", "{s}");
}

async fn mass_assignment_is_refused_and_changes_nothing(app: TestApp) {
    let a = app.token(&app.org_a, Role::Coordinator, &[]);
    let b = app.token(&app.org_b, Role::Admin, &[]);
    let partner = app.token(&app.org_a, Role::Partner, ALL_SCOPES);
    let an = app.new_neighbour(&a, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&a, &neighbour_at("Bert", 1, 1)).await;
    let rid = app.new_request(&a, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    let before_a = app.get_ok("/v1/neighbours", &a).await;
    let before_b = app.get_ok("/v1/neighbours", &b).await;
    let before_n = app.get_ok(&format!("/v1/neighbours/{an}"), &a).await;
    let before_me = app.get_ok("/v1/auth/me", &partner).await;
    let service = app
        .post_ok(
            "/v1/services",
            &a,
            &json!({"name": "Dienst", "categories": ["heavy"]}),
            201,
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let before_s = app.get_ok(&format!("/v1/services/{service}"), &a).await;
    let hostile = [
        ("organisation_id", json!(app.org_b.id.get())),
        ("role", json!("admin")),
        ("id", json!(999_999)),
        ("org", json!(app.org_b.id.get())),
    ];
    let creates: Vec<(&str, Value)> = vec![
        ("/v1/neighbours", neighbour_at("Mallory", 2, 1)),
        ("/v1/requests", walk_request(an)),
        ("/v1/matches", json!({"request_id": rid, "companion_ids": [bert]})),
        ("/v1/services", json!({"name": "Dienst", "categories": ["heavy"]})),
    ];
    for (field, value) in &hostile {
        for token in [&a, &partner] {
            for (path, body) in &creates {
                if *path == "/v1/services" && token == &partner {
                    continue;
                }
                let mut body = body.clone();
                body[*field] = value.clone();
                let resp = app.post_as(path, token, &body).await;
                let problem = assert_problem(resp, 400, "unknown_field").await;
                assert!(problem.to_string().contains(field), "{path} {field}: {problem}");
            }
            let resp = app
                .client
                .patch(app.url(&format!("/v1/neighbours/{an}")))
                .bearer_auth(token)
                .json(&json!({"display_name": "Overgenomen", *field: value}))
                .send()
                .await
                .unwrap();
            assert_problem(resp, 400, "unknown_field").await;
        }
        let resp = app
            .client
            .patch(app.url(&format!("/v1/services/{service}")))
            .bearer_auth(&a)
            .json(&json!({"name": "Overgenomen", *field: value}))
            .send()
            .await
            .unwrap();
        assert_problem(resp, 400, "unknown_field").await;
    }
    assert_eq!(app.get_ok(&format!("/v1/services/{service}"), &a).await, before_s);
    assert_eq!(app.get_ok("/v1/neighbours", &a).await, before_a);
    assert_eq!(app.get_ok("/v1/neighbours", &b).await, before_b);
    assert_eq!(app.get_ok(&format!("/v1/neighbours/{an}"), &a).await, before_n);
    assert_eq!(app.get_ok("/v1/auth/me", &partner).await, before_me);
    let requests = app.get_ok("/v1/requests", &a).await;
    assert_eq!(requests["items"].as_array().unwrap().len(), 1, "{requests}");
    let m = app.get_ok(&format!("/v1/requests/{rid}"), &a).await;
    assert_eq!(m["status"], "open", "{m}");
}

/// Every list an organisation's callers can read, as its admin sees it.
async fn everything(app: &TestApp, token: &str) -> Vec<Value> {
    let mut all = Vec::new();
    for path in [
        "/v1/auth/me",
        "/v1/neighbours",
        "/v1/requests",
        "/v1/services",
        "/v1/jobs",
        "/v1/groups",
        "/v1/outbox",
        "/v1/calls",
        "/v1/signals",
    ] {
        all.push(app.get_ok(path, token).await);
    }
    all
}

/// Generated from `ROUTES`: every route that takes a body refuses one naming the
/// organisation, a role, an id, scopes or neighbourhoods (before anything else is
/// looked at), and nothing of either organisation changes.
async fn mass_assignment_is_refused_on_every_route_with_a_body(app: TestApp) {
    let a = app.token(&app.org_a, Role::Admin, &[]);
    let b = app.token(&app.org_b, Role::Admin, &[]);
    let an = app.new_neighbour(&a, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&a, &neighbour_at("Bert", 1, 1)).await;
    let rid = app.new_request(&a, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    let mid = app.propose(&a, rid, &[bert]).await["id"].as_i64().unwrap();
    let ids: HashMap<&str, i64> = [("neighbours", an), ("requests", rid), ("matches", mid)]
        .into_iter()
        .collect();
    let before = (everything(&app, &a).await, everything(&app, &b).await);
    let hostile = [
        ("organisation_id", json!(app.org_b.id.get())),
        ("org", json!(app.org_b.id.get())),
        ("role", json!("admin")),
        ("id", json!(999_999)),
        ("scopes", json!(ALL_SCOPES)),
        ("neighbourhoods", json!([1])),
    ];
    let mut checked = 0;
    for (method, path) in ROUTES {
        // The imports take a file (GeoJSON, CSV, XLSX) as the body, not JSON fields.
        if *method == "GET"
            || *method == "DELETE"
            || path.ends_with("/import")
            || path.starts_with("/v1/imports/")
        {
            continue;
        }
        let family = path.split('/').nth(2).unwrap_or_default();
        let id = ids.get(family).copied().unwrap_or(1);
        let concrete = path.replace("{id}", &id.to_string());
        for (field, value) in &hostile {
            let body = json!({ *field: value });
            let resp = call(&app, method, &concrete, Some(&a), Some(&body)).await;
            let problem = assert_problem(resp, 400, "unknown_field").await;
            assert!(
                problem.to_string().contains(field),
                "{method} {path} {field}: {problem}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} routes with a body");
    assert_eq!((everything(&app, &a).await, everything(&app, &b).await), before);
}
