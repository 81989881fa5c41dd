//! `/v1/groups`: suggestions of the re-matching job, listed with reasons, accepted or
//! split once (409 `group_status` after), never putting anybody in anything; tenants
//! and limited coordinators see only their own.

use crate::fixtures::{neighbour_at, walk_request, LAT, LON};
use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::Role;
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use nabij_store::{audit, NeighbourId, NeighbourhoodId};
use serde_json::{json, Value};

crate::on_both_backends!(
    a_suggested_group_is_listed_and_accepted_once_without_matching_anyone,
    a_group_is_split_once_and_not_suggested_again,
    other_tenants_and_limited_coordinators_get_404,
);

/// Four walkers close together, nobody with room, optionally in `neighbourhood`; a
/// re-matching run suggests them as one group. Returns (neighbour ids, request ids).
async fn walkers(app: &TestApp, token: &str, neighbourhood: Option<NeighbourhoodId>) -> (Vec<i64>, Vec<i64>) {
    let mut people = Vec::new();
    let mut reqs = Vec::new();
    for (i, name) in ["Ann", "Bob", "Cas", "Dirk"].into_iter().enumerate() {
        let mut body = neighbour_at(name, i as u32, 0);
        if let Some(n) = neighbourhood {
            body["neighbourhood_id"] = json!(n.get());
        }
        let id = app.new_neighbour(token, &body).await;
        people.push(id);
        reqs.push(
            app.new_request(token, &walk_request(id)).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let job = app.rematch_ok(token, None).await;
    let s = &job["summary"];
    assert_eq!(
        (s["groups_suggested"].as_i64(), s["proposals_made"].as_i64()),
        (Some(1), Some(0)),
        "{job}"
    );
    (people, reqs)
}

async fn groups(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    app.get_ok(&format!("/v1/groups{query}"), token).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn decide(app: &TestApp, token: &str, id: i64, verb: &str) -> crate::helpers::Response {
    app.client
        .post(app.url(&format!("/v1/groups/{id}/{verb}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn request_statuses(app: &TestApp, token: &str, reqs: &[i64]) -> Vec<String> {
    let mut out = Vec::new();
    for r in reqs {
        let got = app.get_ok(&format!("/v1/requests/{r}"), token).await;
        out.push(got["status"].as_str().unwrap().to_string());
    }
    out
}

async fn a_suggested_group_is_listed_and_accepted_once_without_matching_anyone(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let (people, reqs) = walkers(&app, &token, None).await;
    let listed = groups(&app, &token, "?status=suggested").await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    let g = &listed[0];
    let mut ids: Vec<i64> = g["request_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, reqs);
    assert_eq!(
        (g["tag"].as_str(), g["status"].as_str()),
        (Some("walking"), Some("suggested"))
    );
    assert!(g["created_at"].is_string());
    let reasons = g["reasons"].as_array().unwrap();
    assert!(!reasons.is_empty());
    for r in reasons {
        for lang in ["nl", "fr", "en"] {
            assert!(!r[lang].as_str().unwrap().is_empty(), "{r}");
        }
    }
    let id = g["id"].as_i64().unwrap();

    let resp = decide(&app, &token, id, "accept").await;
    assert_eq!(resp.status().as_u16(), 200);
    let accepted: Value = resp.json().await.unwrap();
    assert_eq!(
        (accepted["id"].as_i64(), accepted["status"].as_str()),
        (Some(id), Some("accepted"))
    );
    // The decision is recorded, nobody is matched or grouped by it.
    assert_eq!(request_statuses(&app, &token, &reqs).await, ["open"; 4]);
    for p in &people {
        let rows = app
            .store
            .read(|c| audit::for_subject(c, app.org_a.id, NeighbourId(*p)))
            .unwrap();
        assert!(rows.iter().any(|e| e.action == "group_accepted"), "{p}");
        assert!(!rows.iter().any(|e| e.action.starts_with("match_")), "{p}");
    }

    // Decided once: 409 for either verb, as documented.
    assert_problem(decide(&app, &token, id, "accept").await, 409, "group_status").await;
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    assert_problem(decide(&app, &admin, id, "split").await, 409, "group_status").await;
    assert!(groups(&app, &token, "?status=suggested").await.is_empty());
    assert_eq!(groups(&app, &token, "?status=accepted").await.len(), 1);
    assert_eq!(groups(&app, &token, "").await.len(), 1);

    // A later run does not suggest the accepted people again.
    let again = app.rematch_ok(&token, None).await;
    assert_eq!(again["summary"]["groups_suggested"], 0, "{again}");

    let resp = app.get_with_token("/v1/groups?status=maybe", &token).await;
    assert_problem(resp, 400, "invalid_value").await;
    assert_problem(decide(&app, &token, 987_654, "accept").await, 404, "not_found").await;
    let resp = app.post_as("/v1/groups/abc/accept", &token, &json!({})).await;
    assert_problem(resp, 400, "invalid_id").await;
    let resp = app
        .post_as(&format!("/v1/groups/{id}/split"), &token, &json!({"reason": "x"}))
        .await;
    assert_problem(resp, 400, "unknown_field").await;
    let partner = app.token(&app.org_a, Role::Partner, &["matches:write", "requests:write"]);
    assert_problem(app.get_with_token("/v1/groups", &partner).await, 403, "forbidden").await;
    assert_problem(decide(&app, &partner, id, "split").await, 403, "forbidden").await;
}

async fn a_group_is_split_once_and_not_suggested_again(app: TestApp) {
    let token = app.token(&app.org_a, Role::Admin, &[]);
    let (_, reqs) = walkers(&app, &token, None).await;
    let id = groups(&app, &token, "").await[0]["id"].as_i64().unwrap();
    // A body of {} is the same as none; an Idempotency-Key replays the answer.
    let first = app
        .post_keyed(&format!("/v1/groups/{id}/split"), &token, "split-1", &json!({}))
        .await;
    assert_eq!(first.status().as_u16(), 200);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["status"], "split");
    let replay = app
        .post_keyed(&format!("/v1/groups/{id}/split"), &token, "split-1", &json!({}))
        .await;
    assert_eq!(replay.status().as_u16(), 200);
    assert_eq!(replay.json::<Value>().await.unwrap(), first);
    assert_problem(decide(&app, &token, id, "accept").await, 409, "group_status").await;
    assert_eq!(request_statuses(&app, &token, &reqs).await, ["open"; 4]);
    let again = app.rematch_ok(&token, None).await;
    assert_eq!(again["summary"]["groups_suggested"], 0, "{again}");
    assert_eq!(groups(&app, &token, "?status=split").await.len(), 1);
}

async fn other_tenants_and_limited_coordinators_get_404(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let (north, south) = app
        .store
        .write(|c| {
            let mk = |name: &str, lat: f64| NewNeighbourhood {
                name: name.into(),
                centre_lat: lat,
                centre_lon: LON,
                radius_m: 1000.0,
            };
            let n = neighbourhood::create(c, app.org_a.id, &mk("Noord", LAT + 0.03))?;
            let s = neighbourhood::create(c, app.org_a.id, &mk("Zuid", LAT))?;
            Ok((n.id, s.id))
        })
        .unwrap();
    walkers(&app, &admin, Some(south)).await;
    let id = groups(&app, &admin, "").await[0]["id"].as_i64().unwrap();

    let b = app.token(&app.org_b, Role::Admin, &[]);
    assert!(groups(&app, &b, "").await.is_empty());
    let foreign = assert_problem(decide(&app, &b, id, "accept").await, 404, "not_found").await;
    let missing = assert_problem(decide(&app, &b, 987_654, "accept").await, 404, "not_found").await;
    assert_eq!(foreign["detail"], missing["detail"]);

    let elsewhere = app.limited_token(&app.org_a, &[north]);
    assert!(groups(&app, &elsewhere, "").await.is_empty());
    for verb in ["accept", "split"] {
        assert_problem(decide(&app, &elsewhere, id, verb).await, 404, "not_found").await;
    }
    let theirs = app.limited_token(&app.org_a, &[south]);
    assert_eq!(groups(&app, &theirs, "?status=suggested").await.len(), 1);
    let resp = decide(&app, &theirs, id, "split").await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(groups(&app, &admin, "?status=split").await.len(), 1);
}
