//! Neighbourhood limits, generated from `ROUTES`: a coordinator limited to one
//! neighbourhood ("Noord"), acting on records of another ("Zuid") and on records with
//! no neighbourhood, gets 404, 403 or a filtered list on every route, never their data —
//! exports and re-matching runs included (issue 12).
//!
//! A route added to `ROUTES` without a line in [`reach`] fails here: say what a limited
//! coordinator gets from it.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{Response, TestApp};
use nabij_api::auth::Role;
use nabij_api::routes::ROUTES;
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use nabij_store::NeighbourhoodId;
use serde_json::{json, Value};
use std::collections::HashMap;

crate::on_both_backends!(
    a_limited_coordinator_reaches_nothing_outside_their_neighbourhoods_on_any_route,
    a_limited_export_leaves_out_matches_of_other_neighbourhoods,
    a_limited_coordinator_cannot_start_a_run_nor_read_its_counts,
);

/// What a coordinator limited to "Noord" gets from a route, given records of "Zuid"
/// and records without a neighbourhood.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reach {
    /// Not about records of a neighbourhood: public routes, the caller's own token.
    NotRecords,
    /// The service directory belongs to the whole organisation, not to a neighbourhood.
    OrgWide,
    /// A record named in the path: 404, exactly like a missing id.
    Hidden,
    /// A list: 200 with none of the other neighbourhoods' records.
    Filtered,
    /// A write naming another neighbourhood's record in its body: 422
    /// `unknown_reference` naming the field, exactly as for a missing id (400 for a
    /// neighbourhood outside reach: the organisation's map is no secret, placing someone
    /// outside one's neighbourhoods is refused); nothing written.
    BodyRefused,
    /// Re-matching runs: starting one is 403; runs are listed without their counts.
    Runs,
    /// Imports from a spreadsheet: a file does not stop at a neighbourhood, so they are
    /// for staff of the whole organisation; 403, nothing read or written.
    WholeOrganisation,
}

fn reach(method: &str, path: &str) -> Reach {
    use Reach::*;
    match (method, path) {
        ("GET", "/health" | "/ready" | "/openapi.yaml" | "/.well-known/jwks.json") => NotRecords,
        ("POST", "/v1/auth/login" | "/v1/auth/token") | ("GET", "/v1/auth/me") => NotRecords,
        (_, "/v1/services" | "/v1/services/{id}") => OrgWide,
        // The map of the whole organisation: boundaries and address points, no records.
        ("POST", "/v1/neighbourhoods/import" | "/v1/addresses/import") | ("GET", "/v1/addresses") => OrgWide,
        ("GET", "/v1/neighbours" | "/v1/requests" | "/v1/groups" | "/v1/outbox" | "/v1/calls" | "/v1/signals") => {
            Filtered
        }
        (
            "POST",
            "/v1/neighbours" | "/v1/requests" | "/v1/matches" | "/v1/exchanges" | "/v1/referrals" | "/v1/signals",
        ) => BodyRefused,
        (_, "/v1/jobs" | "/v1/jobs/{id}" | "/v1/jobs/rematch") => Runs,
        ("POST", "/v1/imports/neighbours" | "/v1/imports/services") => WholeOrganisation,
        (
            _,
            "/v1/neighbours/{id}"
            | "/v1/neighbours/{id}/export"
            | "/v1/requests/{id}"
            | "/v1/requests/{id}/scope-override"
            | "/v1/requests/{id}/cancel"
            | "/v1/requests/{id}/reopen"
            | "/v1/requests/{id}/candidates"
            | "/v1/matches/{id}"
            | "/v1/matches/{id}/accept"
            | "/v1/matches/{id}/decline"
            | "/v1/matches/{id}/close"
            | "/v1/matches/{id}/check-ins"
            | "/v1/groups/{id}/accept"
            | "/v1/groups/{id}/split"
            | "/v1/outbox/{id}/requeue"
            | "/v1/calls/{id}/done"
            | "/v1/signals/{id}"
            | "/v1/signals/{id}/outcome",
        ) => Hidden,
        _ => panic!("{method} {path} is in ROUTES but not in reach_matrix::reach: say what a limited coordinator gets"),
    }
}

async fn call(app: &TestApp, token: &str, method: &str, path: &str, body: Option<&Value>) -> Response {
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = app.client.request(m, app.url(path)).bearer_auth(token);
    if let Some(b) = body {
        req = req.json(b);
    }
    req.send().await.unwrap()
}

/// The records of the scene, by family: those of "Zuid" and those without a
/// neighbourhood, plus what must never show.
struct Scene {
    north: NeighbourhoodId,
    south: NeighbourhoodId,
    /// Noah lives in "Noord" and went along with Zoë of "Zuid" (a closed match with a note).
    noah: i64,
    noor: i64,
    zoe: i64,
    r_north: i64,
    r_south: i64,
    /// Ids per family in the path: Zuid's first, then the one without a neighbourhood.
    ids: HashMap<&'static str, Vec<i64>>,
    secrets: Vec<String>,
}

const NOTE: &str = "Notitie over Zoë in het zuiden";

fn hoods(app: &TestApp) -> (NeighbourhoodId, NeighbourhoodId) {
    app.store
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
        .unwrap()
}

async fn person(
    app: &TestApp,
    admin: &str,
    name: &str,
    i: u32,
    cap: u32,
    hood: Option<NeighbourhoodId>,
) -> i64 {
    let mut body = neighbour_at(name, i, cap);
    if let Some(h) = hood {
        body["neighbourhood_id"] = json!(h.get());
    }
    if name.starts_with("Zo") {
        body["contact"] = json!({"email": "zoe@zuid.example"});
    }
    app.new_neighbour(admin, &body).await
}

async fn ask(app: &TestApp, admin: &str, who: i64, text: &str) -> i64 {
    let mut body = walk_request(who);
    body["text"] = json!(text);
    app.new_request(admin, &body).await["id"].as_i64().unwrap()
}

async fn scene(app: &TestApp, admin: &str) -> Scene {
    let (north, south) = hoods(app);
    let noor = person(app, admin, "Noor Noord", 4, 1, Some(north)).await;
    let noah = person(app, admin, "Noah Noord", 5, 1, Some(north)).await;
    let zoe = person(app, admin, "Zoë Zuid", 0, 1, Some(south)).await;
    let zeno = person(app, admin, "Zeno Zuid", 1, 1, Some(south)).await;
    let nemo = person(app, admin, "Nemo Nergens", 30, 1, None).await;
    let r_north = ask(app, admin, noor, "Wandelen in het noorden").await;
    let r_south = ask(app, admin, zoe, "Wandelen in het zuiden").await;
    let r_nemo = ask(app, admin, nemo, "Wandelen nergens").await;
    // Noah went along with Zoë; the follow-up note is about Zuid's request.
    let m_south = app.propose(admin, r_south, &[noah]).await["id"].as_i64().unwrap();
    for who in [zoe, noah] {
        assert_eq!(app.answer(admin, m_south, "accept", who).await.status(), 200);
    }
    let close = json!({"follow_up": {"met": true, "mutual_support": true, "note": NOTE}});
    app.post_ok(&format!("/v1/matches/{m_south}/close"), admin, &close, 200)
        .await;
    // A proposal still pending, of a request without a neighbourhood.
    let m_nemo = app.propose(admin, r_nemo, &[zeno]).await["id"].as_i64().unwrap();
    // Four walkers of Zuid far from everybody, nobody with room: a suggested group.
    let mut walkers = Vec::new();
    for (i, name) in ["Dina Zuid", "Emiel Zuid", "Fien Zuid", "Gust Zuid"]
        .into_iter()
        .enumerate()
    {
        let w = person(app, admin, name, 70 + i as u32, 0, Some(south)).await;
        ask(app, admin, w, "Samen wandelen in het verre zuiden").await;
        walkers.push(w);
    }
    let job = app.rematch_ok(admin, None).await["id"].as_i64().unwrap();
    let first = |v: Value| v["items"][0]["id"].as_i64();
    let group = first(app.get_ok("/v1/groups?status=suggested", admin).await).expect("a suggested group");
    let outbox = app.get_ok("/v1/outbox", admin).await;
    let message = outbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["recipient"] == "zoe@zuid.example")
        .and_then(|m| m["id"].as_i64())
        .unwrap_or_else(|| panic!("a message to Zoë in {outbox}"));
    let calls = app.get_ok("/v1/calls", admin).await;
    let zuid_calls: Vec<i64> = calls["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["neighbour_id"] == zeno || c["neighbour_id"] == nemo)
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(!zuid_calls.is_empty(), "a call for Zeno or Nemo in {calls}");
    // A signal about Zoë (Zuid) and one about a person without a neighbourhood.
    let mut signals = Vec::new();
    for body in [
        json!({"neighbour_id": zoe, "source": "companion", "life_domains": ["health"],
               "text": "Signaal over Zoë in het zuiden"}),
        crate::fixtures::signal_card("Roos Zonderbuurt"),
    ] {
        signals.push(
            app.post_ok("/v1/signals", admin, &body, 201).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let ids: HashMap<&str, Vec<i64>> = [
        ("neighbours", vec![zoe, nemo]),
        ("requests", vec![r_south, r_nemo]),
        ("matches", vec![m_south, m_nemo]),
        ("groups", vec![group]),
        ("outbox", vec![message]),
        ("calls", zuid_calls),
        ("jobs", vec![job]),
        ("signals", signals),
    ]
    .into_iter()
    .collect();
    Scene {
        north,
        south,
        noah,
        noor,
        zoe,
        r_north,
        r_south,
        ids,
        secrets: [
            "Zoë Zuid",
            "Zeno Zuid",
            "Nemo Nergens",
            "Dina Zuid",
            "Gust Zuid",
            "Wandelen in het zuiden",
            "Wandelen nergens",
            "verre zuiden",
            "zoe@zuid.example",
            NOTE,
            "Signaal over Zoë",
            "Roos Zonderbuurt",
        ]
        .into_iter()
        .map(String::from)
        .collect(),
    }
}

fn assert_no_secret(scene: &Scene, what: &str, text: &str) {
    for s in &scene.secrets {
        assert!(!text.contains(s.as_str()), "{what} shows {s:?}: {text}");
    }
}

/// A body a limited coordinator might send to a route with an id (valid for the record).
fn body_for(path: &str, s: &Scene) -> Option<Value> {
    Some(match path {
        "/v1/neighbours/{id}" => json!({"display_name": "Overgenomen"}),
        "/v1/requests/{id}/scope-override" => json!({"category": "small_help", "reason": "klein"}),
        "/v1/requests/{id}" => json!({"text": "Overgenomen"}),
        "/v1/requests/{id}/cancel" => json!({"reason": "no_longer_needed"}),
        "/v1/matches/{id}/accept" | "/v1/matches/{id}/decline" => json!({"neighbour_id": s.zoe}),
        "/v1/matches/{id}/close" => json!({"follow_up": {"met": true, "mutual_support": false}}),
        "/v1/matches/{id}/check-ins" => json!({"neighbour_id": s.zoe, "answer": "go_on"}),
        "/v1/signals/{id}/outcome" => json!({"outcome": "no_action_wanted", "decided_by": "Iemand"}),
        _ => json!({}),
    })
}

/// Bodies of the create routes naming a record of Zuid, with the answer due: status,
/// code and the field named.
fn create_body(path: &str, s: &Scene) -> (Value, u16, &'static str, &'static str) {
    const UNKNOWN: &str = "unknown_reference";
    match path {
        "/v1/neighbours" => {
            let mut b = neighbour_at("Indringer", 2, 1);
            b["neighbourhood_id"] = json!(s.south.get());
            (b, 400, "invalid_value", "neighbourhood_id")
        }
        "/v1/requests" => (walk_request(s.zoe), 422, UNKNOWN, "neighbour_id"),
        "/v1/matches" => (
            json!({"request_id": s.r_south, "companion_ids": [s.noah]}),
            422,
            UNKNOWN,
            "request_id",
        ),
        "/v1/exchanges" => (
            json!({"from_id": s.noor, "to_id": s.zoe, "kind": "thanks"}),
            422,
            UNKNOWN,
            "to_id",
        ),
        "/v1/referrals" => (
            json!({"request_id": s.r_south, "reason": "no_match"}),
            422,
            UNKNOWN,
            "request_id",
        ),
        "/v1/signals" => (
            json!({"neighbour_id": s.zoe, "source": "coordinator", "life_domains": ["housing"]}),
            422,
            UNKNOWN,
            "neighbour_id",
        ),
        other => panic!("no create body for {other}"),
    }
}

/// What the organisation's admin sees on every list: nothing may change.
async fn everything(app: &TestApp, token: &str) -> Vec<Value> {
    let mut all = Vec::new();
    for path in [
        "/v1/neighbours",
        "/v1/requests",
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

fn ids_of(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["id"].as_i64())
        .collect()
}

async fn a_limited_coordinator_reaches_nothing_outside_their_neighbourhoods_on_any_route(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let s = scene(&app, &admin).await;
    let limited = app.limited_token(&app.org_a, &[s.north]);
    let before = everything(&app, &admin).await;
    let mut checked = 0;
    for (method, path) in ROUTES {
        let what = format!("{method} {path}");
        match reach(method, path) {
            Reach::NotRecords | Reach::OrgWide => continue,
            Reach::Hidden => {
                let family = path.split('/').nth(2).unwrap();
                let ids = s
                    .ids
                    .get(family)
                    .unwrap_or_else(|| panic!("{what}: no {family} record"));
                for id in ids {
                    let concrete = path.replace("{id}", &id.to_string());
                    let body = match *method {
                        "GET" | "DELETE" => None,
                        _ => body_for(path, &s),
                    };
                    let resp = call(&app, &limited, method, &concrete, body.as_ref()).await;
                    let status = resp.status().as_u16();
                    let text = resp.text().await.unwrap();
                    assert_eq!(status, 404, "{method} {concrete}: {text}");
                    assert_no_secret(&s, &what, &text);
                }
            }
            Reach::Filtered => {
                let resp = call(&app, &limited, method, path, None).await;
                assert_eq!(resp.status().as_u16(), 200, "{what}");
                let text = resp.text().await.unwrap();
                assert_no_secret(&s, &what, &text);
                let list: Value = serde_json::from_str(&text).unwrap();
                if let Some(hidden) = s.ids.get(path.trim_start_matches("/v1/")) {
                    for id in ids_of(&list) {
                        assert!(!hidden.contains(&id), "{what} lists {id}: {text}");
                    }
                }
            }
            Reach::BodyRefused => {
                let (body, want, code, field) = create_body(path, &s);
                let resp = call(&app, &limited, method, path, Some(&body)).await;
                let status = resp.status().as_u16();
                let text = resp.text().await.unwrap();
                assert_eq!(status, want, "{what}: {text}");
                let problem: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(problem["code"], code, "{what}: {text}");
                assert_eq!(problem["errors"][0]["field"], field, "{what}: {text}");
                assert_no_secret(&s, &what, &text);
            }
            Reach::WholeOrganisation => {
                let body = json!({});
                let resp = call(&app, &limited, method, path, Some(&body)).await;
                let status = resp.status().as_u16();
                let text = resp.text().await.unwrap();
                assert_eq!(status, 403, "{what}: {text}");
                assert_no_secret(&s, &what, &text);
            }
            Reach::Runs => {
                let id = s.ids["jobs"][0];
                let concrete = path.replace("{id}", &id.to_string());
                let body = (*method == "POST").then(|| json!({}));
                let resp = call(&app, &limited, method, &concrete, body.as_ref()).await;
                let status = resp.status().as_u16();
                let text = resp.text().await.unwrap();
                if *method == "POST" {
                    assert_eq!(status, 403, "{what}: {text}");
                    checked += 1;
                    continue;
                }
                assert_eq!(status, 200, "{what}: {text}");
                let v: Value = serde_json::from_str(&text).unwrap();
                let runs = v["items"].as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
                assert!(!runs.is_empty(), "{what}: {text}");
                for run in runs {
                    assert!(
                        run["summary"].is_null(),
                        "{what} shows an organisation-wide run's counts: {run}"
                    );
                }
            }
        }
        checked += 1;
    }
    assert!(checked >= 28, "only {checked} routes checked");
    // Noah's export (Noord) is readable, without the match of Zuid's request.
    let export = call(
        &app,
        &limited,
        "GET",
        &format!("/v1/neighbours/{}/export", s.noah),
        None,
    )
    .await;
    assert_eq!(export.status().as_u16(), 200);
    assert_no_secret(&s, "Noah's export", &export.text().await.unwrap());
    // Nothing changed, and the limited coordinator still works in Noord.
    assert_eq!(everything(&app, &admin).await, before);
    let listed = app.get_ok("/v1/requests", &limited).await;
    assert_eq!(ids_of(&listed), [s.r_north]);
}

async fn a_limited_export_leaves_out_matches_of_other_neighbourhoods(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let (north, south) = hoods(&app);
    let noah = person(&app, &admin, "Noah Noord", 5, 2, Some(north)).await;
    let noor = person(&app, &admin, "Noor Noord", 4, 1, Some(north)).await;
    let zoe = person(&app, &admin, "Zoë Zuid", 0, 1, Some(south)).await;
    let r_south = ask(&app, &admin, zoe, "Wandelen in het zuiden").await;
    let r_north = ask(&app, &admin, noor, "Wandelen in het noorden").await;
    let close = |note: &str| json!({"follow_up": {"met": true, "mutual_support": true, "note": note}});
    let mut matches = Vec::new();
    for (r, asker, note) in [(r_south, zoe, NOTE), (r_north, noor, "Notitie over Noor")] {
        let m = app.propose(&admin, r, &[noah]).await["id"].as_i64().unwrap();
        for who in [asker, noah] {
            assert_eq!(app.answer(&admin, m, "accept", who).await.status(), 200);
        }
        app.post_ok(&format!("/v1/matches/{m}/close"), &admin, &close(note), 200)
            .await;
        matches.push(m);
    }
    app.post_ok(
        "/v1/exchanges",
        &admin,
        &json!({"from_id": zoe, "to_id": noah, "kind": "thanks", "match_id": matches[0]}),
        201,
    )
    .await;
    let path = format!("/v1/neighbours/{noah}/export");
    // The whole organisation's coordinator gets everything held on Noah.
    let full = app.get_ok(&path, &admin).await;
    assert!(full.to_string().contains(NOTE), "{full}");
    assert_eq!(full["matches"].as_array().unwrap().len(), 2, "{full}");
    // A coordinator of Noord gets what lies in Noord only.
    let limited = app.limited_token(&app.org_a, &[north]);
    let export = app.get_ok(&path, &limited).await;
    let text = export.to_string();
    assert!(!text.contains(NOTE), "the note about Zuid's request: {text}");
    let ids: Vec<i64> = export["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [matches[1]], "{export}");
    assert!(text.contains("Notitie over Noor"), "{text}");
    assert_eq!(export["exchanges"], json!([]), "{export}");
    assert!(!text.contains(&format!("\"request_id\":{r_south}")), "{text}");
}

async fn a_limited_coordinator_cannot_start_a_run_nor_read_its_counts(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let (north, _) = hoods(&app);
    let limited = app.limited_token(&app.org_a, &[north]);
    let resp = app.start_rematch(&limited, None).await;
    crate::helpers::assert_problem(resp, 403, "forbidden").await;
    let resp = app.start_rematch(&limited, Some(&json!({"dry_run": true}))).await;
    crate::helpers::assert_problem(resp, 403, "forbidden").await;
    assert_eq!(app.get_ok("/v1/jobs", &admin).await["items"], json!([]));
    // A run the whole organisation's coordinator started: its status, not its counts.
    let job = app.rematch_ok(&admin, None).await;
    assert!(job["summary"].is_object(), "{job}");
    let id = job["id"].as_i64().unwrap();
    let seen = app.get_ok(&format!("/v1/jobs/{id}"), &limited).await;
    assert_eq!(seen["status"], "succeeded", "{seen}");
    assert!(seen["summary"].is_null(), "{seen}");
    let listed = app.get_ok("/v1/jobs", &limited).await;
    assert_eq!(listed["items"][0]["id"], id, "{listed}");
    assert!(listed["items"][0]["summary"].is_null(), "{listed}");
}
