//! Tenants, limited coordinators and bad input on the routes of requests, candidates,
//! matches, exchanges, services and referrals.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::Role;
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use serde_json::{json, Value};

crate::on_both_backends!(
    another_organisations_ids_are_exactly_missing_ids,
    a_limited_coordinator_sees_only_their_neighbourhoods,
    bad_input_on_every_new_route_is_a_4xx_problem,
);

/// Method, name and how to make the path and body for an id.
type Case = (&'static str, &'static str, Box<dyn Fn(i64) -> (String, Value)>);

/// A request with a proposed match in org A: (requester, companion, request, match).
async fn scene(app: &TestApp, token: &str) -> (i64, i64, i64, i64) {
    let an = app.new_neighbour(token, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(token, &neighbour_at("Bert", 1, 1)).await;
    let rid = app.new_request(token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    let mid = app.propose(token, rid, &[bert]).await["id"].as_i64().unwrap();
    (an, bert, rid, mid)
}

async fn send(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: &Value,
) -> crate::helpers::Response {
    let url = app.url(path);
    let req = match method {
        "GET" => app.client.get(url),
        _ => app.client.post(url).json(body),
    };
    req.bearer_auth(token).send().await.unwrap()
}

/// The body field a case puts the foreign id in (`None`: the id is in the path).
fn body_field(case: &str) -> Option<&'static str> {
    match case {
        "propose" | "refer" => Some("request_id"),
        "propose companion" => Some("companion_ids"),
        "file for" => Some("neighbour_id"),
        "exchange" => Some("to_id"),
        "refer to" => Some("service_id"),
        _ => None,
    }
}

async fn another_organisations_ids_are_exactly_missing_ids(app: TestApp) {
    let a = app.token(&app.org_a, Role::Coordinator, &[]);
    let b = app.token(&app.org_b, Role::Admin, &[]);
    let (an, bert, rid, mid) = scene(&app, &a).await;
    let sid = app
        .post_ok(
            "/v1/services",
            &a,
            &json!({"name": "Dienst", "categories": ["heavy"]}),
            201,
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let b_an = app.new_neighbour(&b, &neighbour_at("Bea", 0, 1)).await;
    let b_rid = app.new_request(&b, &walk_request(b_an)).await["id"]
        .as_i64()
        .unwrap();
    let follow = json!({"follow_up": {"met": true, "mutual_support": false}});
    let override_ = json!({"category": "small_help", "reason": "klein"});
    let cases: Vec<Case> = vec![
        (
            "GET",
            "request",
            Box::new(|id| (format!("/v1/requests/{id}"), json!(null))),
        ),
        (
            "POST",
            "override",
            Box::new(move |id| (format!("/v1/requests/{id}/scope-override"), override_.clone())),
        ),
        (
            "GET",
            "candidates",
            Box::new(|id| (format!("/v1/requests/{id}/candidates"), json!(null))),
        ),
        (
            "GET",
            "match",
            Box::new(|id| (format!("/v1/matches/{id}"), json!(null))),
        ),
        (
            "POST",
            "accept",
            Box::new(move |id| (format!("/v1/matches/{id}/accept"), json!({"neighbour_id": b_an}))),
        ),
        (
            "POST",
            "decline",
            Box::new(move |id| (format!("/v1/matches/{id}/decline"), json!({"neighbour_id": b_an}))),
        ),
        (
            "POST",
            "close",
            Box::new(move |id| (format!("/v1/matches/{id}/close"), follow.clone())),
        ),
        (
            "POST",
            "propose",
            Box::new(move |id| {
                (
                    "/v1/matches".into(),
                    json!({"request_id": id, "companion_ids": [b_an]}),
                )
            }),
        ),
        (
            "POST",
            "propose companion",
            Box::new(move |id| {
                (
                    "/v1/matches".into(),
                    json!({"request_id": b_rid, "companion_ids": [id]}),
                )
            }),
        ),
        (
            "POST",
            "file for",
            Box::new(|id| ("/v1/requests".into(), walk_request(id))),
        ),
        (
            "POST",
            "exchange",
            Box::new(move |id| {
                (
                    "/v1/exchanges".into(),
                    json!({"from_id": b_an, "to_id": id, "kind": "help"}),
                )
            }),
        ),
        (
            "POST",
            "refer",
            Box::new(|id| {
                (
                    "/v1/referrals".into(),
                    json!({"request_id": id, "reason": "no_match"}),
                )
            }),
        ),
        (
            "POST",
            "refer to",
            Box::new(move |id| {
                (
                    "/v1/referrals".into(),
                    json!({"request_id": b_rid, "service_id": id, "reason": "no_match"}),
                )
            }),
        ),
    ];
    let foreign = |name: &str| match name {
        "request" | "override" | "candidates" | "propose" | "refer" => rid,
        "match" | "accept" | "decline" | "close" => mid,
        "refer to" => sid,
        "propose companion" | "exchange" => bert,
        _ => an,
    };
    for (method, name, make) in &cases {
        let mut bodies = Vec::new();
        for id in [foreign(name), 999_999] {
            let (path, body) = make(id);
            let resp = send(&app, &b, method, &path, &body).await;
            // An id named in the body is not the URL's resource: 422 naming the field
            // (issue 12), the same for a foreign and a missing one. Ids in the path: 404.
            let problem = match body_field(name) {
                Some(field) => {
                    let p = assert_problem(resp, 422, "unknown_reference").await;
                    assert_eq!(p["errors"][0]["field"], field, "{name}: {p}");
                    p
                }
                None => assert_problem(resp, 404, "not_found").await,
            };
            bodies.push(problem);
        }
        assert_eq!(bodies[0], bodies[1], "{name}");
    }
    // Nothing of A changed or leaked to B.
    assert_eq!(
        app.get_ok(&format!("/v1/matches/{mid}"), &a).await["status"],
        "proposed"
    );
    assert_eq!(
        app.get_ok(&format!("/v1/requests/{rid}"), &a).await["status"],
        "proposed"
    );
    let listed = app.get_ok("/v1/requests", &b).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let services = app.get_ok("/v1/services", &b).await;
    assert_eq!(services["items"], json!([]));
}

async fn a_limited_coordinator_sees_only_their_neighbourhoods(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let (north, south) = app
        .store
        .write(|c| {
            let mk = |name: &str, lat: f64| NewNeighbourhood {
                name: name.into(),
                centre_lat: lat,
                centre_lon: crate::fixtures::LON,
                radius_m: 300.0,
            };
            let n = neighbourhood::create(c, app.org_a.id, &mk("Noord", crate::fixtures::LAT + 0.004))?;
            let s = neighbourhood::create(c, app.org_a.id, &mk("Zuid", crate::fixtures::LAT))?;
            Ok((n.id, s.id))
        })
        .unwrap();
    let mut body = neighbour_at("Noor", 4, 1);
    body["neighbourhood_id"] = json!(north.get());
    let noor = app.new_neighbour(&admin, &body).await;
    let mut body = neighbour_at("Noah", 5, 1);
    body["neighbourhood_id"] = json!(north.get());
    let noah = app.new_neighbour(&admin, &body).await;
    let mut body = neighbour_at("Zoe", 0, 1);
    body["neighbourhood_id"] = json!(south.get());
    let zoe = app.new_neighbour(&admin, &body).await;
    let mut body = neighbour_at("Zeno", 1, 1);
    body["neighbourhood_id"] = json!(south.get());
    let zeno = app.new_neighbour(&admin, &body).await;
    let r_north = app.new_request(&admin, &walk_request(noor)).await["id"]
        .as_i64()
        .unwrap();
    let r_south = app.new_request(&admin, &walk_request(zoe)).await["id"]
        .as_i64()
        .unwrap();
    let m_south = app.propose(&admin, r_south, &[zeno]).await["id"]
        .as_i64()
        .unwrap();
    assert!(app.candidate_ids(&admin, r_north).await.contains(&zeno));

    let limited = app.limited_token(&app.org_a, &[north]);
    let listed = app.get_ok("/v1/requests", &limited).await;
    let ids: Vec<i64> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [r_north]);
    assert_eq!(app.candidate_ids(&limited, r_north).await, [noah]);
    // Ids in the path: 404; ids in the body: 422 naming the field, as for a missing id.
    let hidden = [
        ("GET", format!("/v1/requests/{r_south}"), json!(null), None),
        (
            "GET",
            format!("/v1/requests/{r_south}/candidates"),
            json!(null),
            None,
        ),
        ("GET", format!("/v1/matches/{m_south}"), json!(null), None),
        (
            "POST",
            format!("/v1/matches/{m_south}/accept"),
            json!({"neighbour_id": zeno}),
            None,
        ),
        (
            "POST",
            "/v1/requests".to_string(),
            walk_request(zoe),
            Some("neighbour_id"),
        ),
        (
            "POST",
            "/v1/matches".to_string(),
            json!({"request_id": r_north, "companion_ids": [zeno]}),
            Some("companion_ids"),
        ),
        (
            "POST",
            "/v1/exchanges".to_string(),
            json!({"from_id": noor, "to_id": zeno, "kind": "thanks"}),
            Some("to_id"),
        ),
        (
            "POST",
            "/v1/referrals".to_string(),
            json!({"request_id": r_south, "reason": "no_match"}),
            Some("request_id"),
        ),
    ];
    for (method, path, body, field) in &hidden {
        let resp = send(&app, &limited, method, path, body).await;
        match field {
            Some(f) => {
                let p = assert_problem(resp, 422, "unknown_reference").await;
                assert_eq!(p["errors"][0]["field"], *f, "{path}: {p}");
            }
            None => {
                assert_problem(resp, 404, "not_found").await;
            }
        }
    }
    let m = app.propose(&limited, r_north, &[noah]).await;
    assert_eq!(m["status"], "proposed");
    assert_eq!(
        app.get_ok(&format!("/v1/matches/{m_south}"), &admin).await["status"],
        "proposed"
    );
}

async fn bad_input_on_every_new_route_is_a_4xx_problem(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let (an, bert, rid, mid) = scene(&app, &token).await;
    let with = |mut body: Value, key: &str, value: Value| {
        body[key] = value;
        body
    };
    let req = walk_request(an);
    let cases: Vec<(&str, Value, &str, Option<&str>)> = vec![
        (
            "/v1/requests",
            with(req.clone(), "tags", json!(["walking", "juggling"])),
            "invalid_value",
            Some("tags"),
        ),
        (
            "/v1/requests",
            with(req.clone(), "text", json!("x".repeat(2001))),
            "invalid_value",
            Some("text"),
        ),
        (
            "/v1/requests",
            with(req.clone(), "kind", json!("cleaning")),
            "invalid_value",
            Some("kind"),
        ),
        (
            "/v1/requests",
            with(req.clone(), "neighbour_id", json!(-3)),
            "invalid_value",
            Some("neighbour_id"),
        ),
        (
            "/v1/requests",
            with(req.clone(), "neighbour_id", json!("an")),
            "invalid_value",
            None,
        ),
        (
            "/v1/requests",
            with(req.clone(), "window", json!({"type": "sometimes"})),
            "invalid_value",
            None,
        ),
        (
            "/v1/requests",
            with(
                req.clone(),
                "window",
                json!({"type": "weekly", "slots": ["tue-noon"]}),
            ),
            "invalid_value",
            Some("window.slots"),
        ),
        (
            "/v1/requests",
            with(
                req.clone(),
                "window",
                json!({"type": "once", "date": "2026-13-01"}),
            ),
            "invalid_value",
            None,
        ),
        (
            "/v1/requests",
            with(
                req.clone(),
                "window",
                json!({"type": "once", "date": "2020-01-07"}),
            ),
            "invalid_value",
            Some("window.date"),
        ),
        (
            "/v1/requests",
            with(req.clone(), "location", json!({"lat": 123.0, "lon": 5.0})),
            "invalid_value",
            Some("location"),
        ),
        (
            "/v1/requests",
            with(req.clone(), "duration_minutes", json!(5000)),
            "invalid_value",
            Some("duration_minutes"),
        ),
        (
            "/v1/requests",
            with(req.clone(), "recurrence", json!("hourly")),
            "invalid_value",
            Some("recurrence"),
        ),
        (
            "/v1/requests",
            with(req.clone(), "label", json!(true)),
            "unknown_field",
            Some("label"),
        ),
        (
            "/v1/matches",
            json!({"request_id": rid, "companion_ids": []}),
            "invalid_value",
            Some("companion_ids"),
        ),
        (
            "/v1/matches",
            json!({"request_id": rid, "companion_ids": [0]}),
            "invalid_value",
            Some("companion_ids[0]"),
        ),
        (
            "/v1/matches",
            json!({"request_id": rid, "companion_ids": [an]}),
            "invalid_value",
            None,
        ),
        (
            "/v1/exchanges",
            json!({"from_id": an, "to_id": bert, "kind": "gift"}),
            "invalid_value",
            Some("kind"),
        ),
        (
            "/v1/exchanges",
            json!({"from_id": an, "to_id": an, "kind": "help"}),
            "invalid_value",
            Some("to_id"),
        ),
        ("/v1/services", json!({"name": ""}), "invalid_value", None),
        (
            "/v1/services",
            json!({"name": "X", "categories": ["Zorg!"]}),
            "invalid_value",
            None,
        ),
        (
            "/v1/referrals",
            json!({"request_id": rid, "reason": "bored"}),
            "invalid_value",
            Some("reason"),
        ),
    ];
    for (path, body, code, field) in cases {
        let resp = app.post_as(path, &token, &body).await;
        let problem = assert_problem(resp, 400, code).await;
        if let Some(f) = field {
            assert_eq!(problem["errors"][0]["field"], f, "{path} {body}");
        }
    }
    let by_path = [
        (
            format!("/v1/requests/{rid}/scope-override"),
            json!({"category": "chores", "reason": "x"}),
        ),
        (
            format!("/v1/requests/{rid}/scope-override"),
            json!({"category": "heavy", "reason": ""}),
        ),
        (format!("/v1/matches/{mid}/accept"), json!({"neighbour_id": 0})),
        (format!("/v1/matches/{mid}/decline"), json!({})),
        (
            format!("/v1/matches/{mid}/close"),
            json!({"follow_up": {"met": "yes", "mutual_support": true}}),
        ),
        (
            format!("/v1/matches/{mid}/close"),
            json!({"follow_up": {"met": true, "mutual_support": true, "note": "x".repeat(2001)}}),
        ),
    ];
    for (path, body) in by_path {
        let resp = app.post_as(&path, &token, &body).await;
        assert_eq!(resp.status().as_u16(), 400, "{path} {body}");
    }
    // Malformed JSON and bad ids on every new route.
    for path in [
        "/v1/requests",
        "/v1/matches",
        "/v1/exchanges",
        "/v1/services",
        "/v1/referrals",
    ] {
        let resp = app
            .client
            .post(app.url(path))
            .bearer_auth(&token)
            .header("Content-Type", "application/json")
            .body("{\"request_id\": ")
            .send()
            .await
            .unwrap();
        assert_problem(resp, 400, "malformed_json").await;
    }
    for (method, path) in [
        ("GET", "/v1/requests/abc"),
        ("GET", "/v1/requests/0/candidates"),
        ("POST", "/v1/requests/01/scope-override"),
        ("GET", "/v1/matches/-1"),
        ("POST", "/v1/matches/x/accept"),
        ("POST", "/v1/matches/1.5/decline"),
        ("POST", "/v1/matches/99999999999999999999/close"),
    ] {
        let body = json!({"neighbour_id": an});
        assert_problem(send(&app, &token, method, path, &body).await, 400, "invalid_id").await;
    }
    for q in ["limit=0", "limit=101", "limit=ten", "top=3"] {
        let resp = app
            .get_with_token(&format!("/v1/requests/{rid}/candidates?{q}"), &token)
            .await;
        assert_eq!(resp.status().as_u16(), 400, "{q}");
    }
    // Nothing changed.
    assert_eq!(
        app.get_ok(&format!("/v1/matches/{mid}"), &token).await["status"],
        "proposed"
    );
    let listed = app.get_ok("/v1/requests", &token).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}
