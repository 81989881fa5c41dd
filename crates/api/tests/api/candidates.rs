//! A write shows in the next candidate query, on this instance and on another one
//! sharing the database; candidate lists are audited; people already proposed are left
//! out by the engine, so the list still holds `limit` candidates.
//!
//! Bert lives 1.3 km from An and Cis 110 m: ranking uses published positions (each
//! 150–250 m from the home, issue 12), so "nearer" needs a gap of more than 1 km to hold
//! whatever the offsets.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::TestApp;
use nabij_api::auth::Role;
use nabij_store::{audit, neighbour, BackendKind, NeighbourId};
use serde_json::{json, Value};

crate::on_both_backends!(
    writes_show_in_the_next_candidate_query,
    writes_on_another_instance_show_too,
    a_request_with_proposals_still_gets_limit_candidates,
);

async fn a_request_with_proposals_still_gets_limit_candidates(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let mut near = Vec::new();
    for (i, name) in ["Bert", "Cis", "Dirk", "Els"].iter().enumerate() {
        near.push(
            app.new_neighbour(&token, &neighbour_at(name, i as u32 + 1, 1))
                .await,
        );
    }
    let rid = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    let ids = |v: &Value| -> Vec<i64> {
        v["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["neighbour_id"].as_i64().unwrap())
            .collect()
    };
    let before = ids(&app
        .get_ok(&format!("/v1/requests/{rid}/candidates?limit=2"), &token)
        .await);
    assert_eq!(before.len(), 2, "{before:?}");
    // Propose the best two: the next query must still return two, neither of them.
    let body = json!({"request_id": rid, "companion_ids": [before[0]]});
    app.post_ok("/v1/matches", &token, &body, 201).await;
    let body = json!({"request_id": rid, "companion_ids": [before[1]]});
    app.post_ok("/v1/matches", &token, &body, 201).await;
    let after = ids(&app
        .get_ok(&format!("/v1/requests/{rid}/candidates?limit=2"), &token)
        .await);
    assert_eq!(after.len(), 2, "still two candidates: {after:?}");
    assert!(
        after.iter().all(|id| !before.contains(id)),
        "{before:?} then {after:?}"
    );
    assert!(after.iter().all(|id| near.contains(id)), "{after:?}");
}

async fn patch(app: &TestApp, base: &str, token: &str, id: i64, body: Value) {
    let resp = app
        .client
        .patch(format!("{base}/v1/neighbours/{id}"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
}

async fn writes_show_in_the_next_candidate_query(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&token, &neighbour_at("Bert", 12, 1)).await;
    let rid = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(app.candidate_ids(&token, rid).await, [bert]);

    patch(&app, &app.address, &token, bert, json!({"paused": true})).await;
    assert_eq!(app.candidate_ids(&token, rid).await, Vec::<i64>::new(), "paused");
    patch(&app, &app.address, &token, bert, json!({"paused": false})).await;
    assert_eq!(app.candidate_ids(&token, rid).await, [bert], "back");
    patch(
        &app,
        &app.address,
        &token,
        bert,
        json!({"availability": ["mon-morning"]}),
    )
    .await;
    assert_eq!(
        app.candidate_ids(&token, rid).await,
        Vec::<i64>::new(),
        "not free then"
    );
    patch(
        &app,
        &app.address,
        &token,
        bert,
        json!({"availability": ["tue-afternoon"]}),
    )
    .await;

    let cis = app.new_neighbour(&token, &neighbour_at("Cis", 1, 1)).await;
    assert_eq!(
        app.candidate_ids(&token, rid).await,
        [cis, bert],
        "new and nearer"
    );
    let resp = app
        .client
        .delete(app.url(&format!("/v1/neighbours/{cis}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 204);
    assert_eq!(app.candidate_ids(&token, rid).await, [bert], "erased");

    // Thanks received moves the balance: still a candidate, scores move.
    let before = app
        .get_ok(&format!("/v1/requests/{rid}/candidates"), &token)
        .await;
    for _ in 0..3 {
        let x = json!({"from_id": an, "to_id": bert, "kind": "help"});
        app.post_ok("/v1/exchanges", &token, &x, 201).await;
    }
    let after = app
        .get_ok(&format!("/v1/requests/{rid}/candidates"), &token)
        .await;
    assert_ne!(
        before["candidates"][0]["components"]["reciprocity"],
        after["candidates"][0]["components"]["reciprocity"]
    );

    let rows = app
        .store
        .read(|c| audit::for_subject(c, app.org_a.id, NeighbourId(an)))
        .unwrap();
    let listed: Vec<&str> = rows
        .iter()
        .filter(|r| r.action == "candidates_listed")
        .map(|r| r.detail.as_str())
        .collect();
    assert_eq!(listed.len(), 8);
    assert_eq!(listed[0], format!("request={rid} candidates={bert}"));
}

async fn writes_on_another_instance_show_too(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let other = app.second_instance().await;
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&token, &neighbour_at("Bert", 12, 1)).await;
    let rid = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(app.candidate_ids(&token, rid).await, [bert]);
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    assert_eq!(index_counts(&app.url(""), &admin).await, (1, 0));

    // Through the other instance: this one's cached index is now stale.
    patch(&app, &other, &token, bert, json!({"paused": true})).await;
    assert_eq!(app.candidate_ids(&token, rid).await, Vec::<i64>::new());
    let resp = app
        .client
        .post(format!("{other}/v1/neighbours"))
        .bearer_auth(&token)
        .json(&neighbour_at("Cis", 1, 1))
        .send()
        .await
        .unwrap();
    let cis = resp.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    assert_eq!(app.candidate_ids(&token, rid).await, [cis]);

    // Straight through the store (a batch job): the version moves as well.
    app.store
        .write(|c| {
            let change = neighbour::NeighbourUpdate {
                paused: Some(false),
                ..Default::default()
            };
            neighbour::update(c, app.org_a.id, NeighbourId(bert), &change)
        })
        .unwrap();
    assert_eq!(app.candidate_ids(&token, rid).await, [cis, bert]);

    // PostgreSQL: this instance caught up from the change log, three small deltas and
    // no rebuild; SQLite: a counter moved by another process means a rebuild.
    let counts = index_counts(&app.url(""), &admin).await;
    match app.backend {
        BackendKind::Postgres => assert_eq!(counts, (1, 3)),
        BackendKind::Sqlite => assert_eq!(counts, (4, 0)),
    }
}

/// `nabij_index_builds_total` and `nabij_index_deltas_total` of the instance at `base`.
async fn index_counts(base: &str, admin: &str) -> (u64, u64) {
    let text = crate::helpers::unchecked_client()
        .get(format!("{}/metrics", base.trim_end_matches('/')))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let read = |name: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
            .unwrap_or_else(|| panic!("{name} in {text}"))
    };
    (read("nabij_index_builds_total"), read("nabij_index_deltas_total"))
}
