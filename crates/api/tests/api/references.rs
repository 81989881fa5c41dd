//! Ids in a body (issue 12, "Input"): a field that names a neighbour, request or match
//! the caller cannot reach — missing, another organisation's, or outside a limited
//! coordinator's neighbourhoods — answers 422 `unknown_reference` naming the field, the
//! same answer for all three (no way to tell which), and writes nothing. Ids in the
//! path keep answering 404 (tenancy.rs, authz_matrix.rs, reach_matrix.rs).

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::Role;
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use serde_json::{json, Value};

crate::on_both_backends!(every_id_in_a_body_that_cannot_be_reached_is_422_naming_the_field);

/// What was there before and must still be there, as A's admin sees it.
async fn everything(app: &TestApp, admin: &str, people: &[i64]) -> Vec<Value> {
    let mut all = Vec::new();
    for path in [
        "/v1/neighbours",
        "/v1/requests",
        "/v1/outbox",
        "/v1/calls",
        "/v1/signals",
    ] {
        all.push(app.get_ok(path, admin).await);
    }
    for id in people {
        // The export holds the person's requests, matches and exchanges (and its own
        // access log, which grows with every export: left out).
        let export = app.get_ok(&format!("/v1/neighbours/{id}/export"), admin).await;
        for key in ["requests", "referrals", "matches", "exchanges"] {
            assert!(export[key].is_array(), "{key} in {export}");
            all.push(export[key].clone());
        }
    }
    all
}

async fn every_id_in_a_body_that_cannot_be_reached_is_422_naming_the_field(app: TestApp) {
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
    let person = |name: &'static str, i: u32, hood: nabij_store::NeighbourhoodId| {
        let mut body = neighbour_at(name, i, 2);
        body["neighbourhood_id"] = json!(hood.get());
        body
    };
    let noor = app.new_neighbour(&admin, &person("Noor", 4, north)).await;
    let noah = app.new_neighbour(&admin, &person("Noah", 5, north)).await;
    let zoe = app.new_neighbour(&admin, &person("Zoë", 0, south)).await;
    let zeno = app.new_neighbour(&admin, &person("Zeno", 1, south)).await;
    let id = |v: Value| v["id"].as_i64().unwrap();
    let r_open = id(app.new_request(&admin, &walk_request(noor)).await);
    let r_south = id(app.new_request(&admin, &walk_request(zoe)).await);
    let m_south = id(app.propose(&admin, r_south, &[zeno]).await);
    // Another organisation's records.
    let b = app.token(&app.org_b, Role::Admin, &[]);
    let bea = app.new_neighbour(&b, &neighbour_at("Bea", 0, 1)).await;
    let bo = app.new_neighbour(&b, &neighbour_at("Bo", 1, 1)).await;
    let b_request = id(app.new_request(&b, &walk_request(bea)).await);
    let b_match = id(app.propose(&b, b_request, &[bo]).await);

    // Per field: the body with a bad id, and the bad ids (missing, foreign, Zuid's).
    type Make = Box<dyn Fn(i64) -> Value>;
    let neighbours = [999_999, bea, zoe];
    let requests = [999_999, b_request, r_south];
    let matches = [999_999, b_match, m_south];
    let cases: Vec<(&str, &str, Make, [i64; 3])> = vec![
        ("/v1/requests", "neighbour_id", Box::new(walk_request), neighbours),
        (
            "/v1/matches",
            "request_id",
            Box::new(move |bad| json!({"request_id": bad, "companion_ids": [noah]})),
            requests,
        ),
        (
            "/v1/matches",
            "companion_ids",
            Box::new(move |bad| json!({"request_id": r_open, "companion_ids": [noah, bad]})),
            neighbours,
        ),
        (
            "/v1/exchanges",
            "from_id",
            Box::new(move |bad| json!({"from_id": bad, "to_id": noah, "kind": "thanks"})),
            neighbours,
        ),
        (
            "/v1/exchanges",
            "to_id",
            Box::new(move |bad| json!({"from_id": noor, "to_id": bad, "kind": "help"})),
            neighbours,
        ),
        (
            "/v1/exchanges",
            "match_id",
            Box::new(move |bad| json!({"from_id": noor, "to_id": noah, "kind": "help", "match_id": bad})),
            matches,
        ),
        (
            "/v1/referrals",
            "request_id",
            Box::new(|bad| json!({"request_id": bad, "reason": "no_match"})),
            requests,
        ),
    ];
    let coordinator = app.token(&app.org_a, Role::Coordinator, &[]);
    let partner = app.token(
        &app.org_a,
        Role::Partner,
        &["requests:write", "matches:write", "neighbours:read"],
    );
    let limited = app.limited_token(&app.org_a, &[north]);
    let before = everything(&app, &admin, &[noor, noah, zoe, zeno]).await;
    for (path, field, make, bad) in &cases {
        for (who, token) in [
            ("coordinator", &coordinator),
            ("partner", &partner),
            ("limited", &limited),
        ] {
            // The whole organisation's callers reach Zuid's records: missing and foreign
            // ids only for them.
            let ids: &[i64] = if who == "limited" { bad } else { &bad[..2] };
            let mut answers = Vec::new();
            for &bad_id in ids {
                let resp = app.post_as(path, token, &make(bad_id)).await;
                let p = assert_problem(resp, 422, "unknown_reference").await;
                assert_eq!(p["errors"][0]["field"], *field, "{path} {bad_id} as {who}: {p}");
                assert!(p["detail"].as_str().unwrap().contains(field), "{p}");
                answers.push(p);
            }
            for a in &answers[1..] {
                assert_eq!(a, &answers[0], "{path} {field} as {who}: an oracle");
            }
        }
    }
    assert_eq!(
        everything(&app, &admin, &[noor, noah, zoe, zeno]).await,
        before,
        "nothing written"
    );
    // The same bodies with ids that can be reached go through.
    let m = app.propose(&limited, r_open, &[noah]).await;
    assert_eq!(m["status"], "proposed", "{m}");
    app.post_ok(
        "/v1/exchanges",
        &limited,
        &json!({"from_id": noor, "to_id": noah, "kind": "thanks", "match_id": m["id"]}),
        201,
    )
    .await;
}
