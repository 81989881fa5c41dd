//! Notifications on the write path (outbox rows in the change's own transaction), the
//! phone list (`/v1/calls`) and the outbox as staff see it (`/v1/outbox`, requeue).

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::Role;
use nabij_api::Application;
use nabij_store::outbox::{self, OutboxMessage};
use nabij_store::{audit, clock, BackendKind, NeighbourId, NeighbourhoodId, StoreError};
use serde_json::{json, Value};

crate::on_both_backends!(
    a_proposal_enqueues_its_messages_in_its_own_transaction,
    every_change_enqueues_its_event,
    residents_without_email_are_on_the_phone_list,
    dead_messages_are_listed_and_requeued,
);

/// A distinctive surname: no outbox listing may show it (it is in the payloads).
const SURNAME: &str = "Zonnebloem";

fn coordinator(app: &TestApp) -> String {
    app.token(&app.org_a, Role::Coordinator, &[])
}

/// A resident near the others, with an e-mail address and/or a phone number.
async fn resident(
    app: &TestApp,
    token: &str,
    name: &str,
    i: u32,
    email: Option<&str>,
    phone: Option<&str>,
) -> i64 {
    let mut body = neighbour_at(&format!("{name} {SURNAME}"), i, 1);
    body["contact"] = json!({"email": email, "phone": phone});
    app.new_neighbour(token, &body).await
}

/// The messages of organisation A, in id order.
fn messages(app: &TestApp) -> Vec<OutboxMessage> {
    app.store
        .read(|c| outbox::list(c, app.org_a.id, None, None, 1000))
        .unwrap()
}

fn templates(app: &TestApp) -> Vec<String> {
    let mut t: Vec<String> = messages(app).into_iter().map(|m| m.template).collect();
    t.sort();
    t
}

/// Makes every outbox insert for `recipient` fail with a unique violation (→ 409), or
/// lifts that again.
fn fault_on_outbox(app: &TestApp, recipient: Option<&str>) {
    let sql = match (app.backend, recipient) {
        (BackendKind::Sqlite, Some(r)) => format!(
            "CREATE TABLE fault_guard (x INTEGER PRIMARY KEY); INSERT INTO fault_guard VALUES (1);
             CREATE TRIGGER fault_outbox BEFORE INSERT ON outbox WHEN NEW.recipient = '{r}'
             BEGIN INSERT INTO fault_guard VALUES (1); END;"
        ),
        (BackendKind::Postgres, Some(r)) => format!(
            "CREATE TABLE fault_guard (x integer PRIMARY KEY); INSERT INTO fault_guard VALUES (1);
             CREATE FUNCTION fault_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN IF NEW.recipient = '{r}' THEN INSERT INTO fault_guard VALUES (1); END IF;
             RETURN NEW; END $$;
             CREATE TRIGGER fault_outbox BEFORE INSERT ON outbox FOR EACH ROW
             EXECUTE FUNCTION fault_outbox();"
        ),
        (BackendKind::Sqlite, None) => "DROP TRIGGER fault_outbox; DROP TABLE fault_guard;".to_string(),
        (BackendKind::Postgres, None) => {
            "DROP TRIGGER fault_outbox ON outbox; DROP FUNCTION fault_outbox(); DROP TABLE fault_guard;"
                .to_string()
        }
    };
    let mut conn = app.store.conn().unwrap();
    nabij_store::testing::execute_sql(&mut conn, &sql).unwrap();
}

async fn a_proposal_enqueues_its_messages_in_its_own_transaction(app: TestApp) {
    let token = coordinator(&app);
    let an = resident(&app, &token, "An", 0, Some("an@example.test"), None).await;
    let bert = resident(&app, &token, "Bert", 2, Some("bert@example.test"), None).await;
    let rid = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    let body = json!({"request_id": rid, "companion_ids": [bert]});

    // The residents' rows are written first; the coordinator's then fails: nothing of the
    // proposal may remain, neither the match nor the residents' messages.
    fault_on_outbox(&app, Some(&app.org_a.coordinator_email));
    let resp = app.post_as("/v1/matches", &token, &body).await;
    assert_problem(resp, 409, "duplicate").await;
    fault_on_outbox(&app, None);
    assert!(messages(&app).is_empty());
    let req = app.get_ok(&format!("/v1/requests/{rid}"), &token).await;
    assert_eq!(
        req["status"], "open",
        "the proposal was rolled back with its messages"
    );

    let m = app.propose(&token, rid, &[bert]).await;
    let got = messages(&app);
    let mut to: Vec<(&str, &str)> = got
        .iter()
        .map(|m| (m.recipient.as_str(), m.template.as_str()))
        .collect();
    to.sort();
    assert_eq!(
        to,
        [
            ("an@example.test", "match_proposed.neighbour"),
            ("bert@example.test", "match_proposed.neighbour"),
            ("coordinator@pelt.test", "match_proposed.coordinator"),
        ]
    );
    assert!(got
        .iter()
        .all(|r| r.status == outbox::OutboxStatus::Pending && r.attempts == 0));
    let b = app.org_b.id;
    assert!(app
        .store
        .read(|c| outbox::list(c, b, None, None, 10))
        .unwrap()
        .is_empty());

    // A proposal that fails for its own reasons writes nothing either.
    let resp = app.post_as("/v1/matches", &token, &body).await;
    assert_problem(resp, 409, "already_proposed").await;
    assert_eq!(messages(&app).len(), 3);

    // With notifications switched off (the benchmark switch) the change enqueues nothing.
    let mut settings = app.settings.clone();
    settings.notifications = false;
    let quiet = Application::build(settings).await.unwrap();
    let quiet_url = format!("http://127.0.0.1:{}", quiet.port());
    tokio::spawn(quiet.run_until_stopped());
    let m_id = m["id"].as_i64().unwrap();
    let resp = app
        .client
        .post(format!("{quiet_url}/v1/matches/{m_id}/decline"))
        .bearer_auth(&token)
        .json(&json!({"neighbour_id": bert}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(messages(&app).len(), 3);
}

async fn every_change_enqueues_its_event(app: TestApp) {
    let token = coordinator(&app);
    let an = resident(&app, &token, "An", 0, Some("an@example.test"), None).await;
    let bert = resident(&app, &token, "Bert", 2, Some("bert@example.test"), None).await;
    let cis = resident(&app, &token, "Cis", 1, Some("cis@example.test"), None).await;
    let rid = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    let mid = app.propose(&token, rid, &[bert]).await["id"].as_i64().unwrap();
    assert_eq!(messages(&app).len(), 3);
    // The first acceptance changes nothing anybody hears of; the last one does.
    assert_eq!(app.answer(&token, mid, "accept", an).await.status().as_u16(), 200);
    assert_eq!(messages(&app).len(), 3);
    assert_eq!(
        app.answer(&token, mid, "accept", bert).await.status().as_u16(),
        200
    );
    let close = json!({"follow_up": {"met": true, "mutual_support": false}});
    app.post_ok(&format!("/v1/matches/{mid}/close"), &token, &close, 200)
        .await;

    let rid2 = app.new_request(&token, &walk_request(cis)).await["id"]
        .as_i64()
        .unwrap();
    let mid2 = app.propose(&token, rid2, &[bert]).await["id"].as_i64().unwrap();
    assert_eq!(
        app.answer(&token, mid2, "decline", bert).await.status().as_u16(),
        200
    );
    let referral = json!({"request_id": rid2, "reason": "no_match"});
    app.post_ok("/v1/referrals", &token, &referral, 201).await;

    let got = templates(&app);
    let count = |t: &str| got.iter().filter(|x| x.as_str() == t).count();
    for (event, residents) in [
        ("match_proposed", 4),
        ("match_accepted", 2),
        ("match_closed", 2),
        ("match_declined", 2),
        ("request_referred", 1),
    ] {
        assert_eq!(
            count(&format!("{event}.neighbour")),
            residents,
            "{event}: {got:?}"
        );
        let coordinators = if event == "match_proposed" { 2 } else { 1 };
        assert_eq!(
            count(&format!("{event}.coordinator")),
            coordinators,
            "{event}: {got:?}"
        );
    }
    assert_eq!(got.len(), 4 + 2 + 2 + 2 + 1 + 6);
}

async fn residents_without_email_are_on_the_phone_list(app: TestApp) {
    let token = coordinator(&app);
    let an = resident(&app, &token, "An", 0, None, Some("+32 11 22 33 44")).await;
    let bert = resident(&app, &token, "Bert", 2, Some("bert@example.test"), None).await;
    let rid = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    let mid = app.propose(&token, rid, &[bert]).await["id"].as_i64().unwrap();
    // An hears by phone; Bert and the coordinator by e-mail.
    assert_eq!(messages(&app).len(), 2);

    let list = app.get_ok("/v1/calls", &token).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{list}");
    let call = &items[0];
    assert_eq!(call["neighbour_id"], an);
    assert_eq!(call["display_name"], format!("An {SURNAME}"));
    assert_eq!(call["phone"], "+32 11 22 33 44");
    assert_eq!(call["reason"], "match_proposed");
    assert_eq!(call["match_id"], mid);
    assert_eq!(call["request_id"], rid);
    assert!(call["since"].is_string() && call["done_at"].is_null());
    let cid = call["id"].as_i64().unwrap();
    let done_path = format!("/v1/calls/{cid}/done");

    // Another organisation: not listed, and its id is like a missing one.
    let other = app.token(&app.org_b, Role::Coordinator, &[]);
    assert_eq!(app.get_ok("/v1/calls", &other).await["items"], json!([]));
    assert_problem(
        app.post_as(&done_path, &other, &json!({})).await,
        404,
        "not_found",
    )
    .await;
    // A coordinator of other neighbourhoods does not see An either.
    let limited = app.limited_token(&app.org_a, &[NeighbourhoodId(999)]);
    assert_eq!(app.get_ok("/v1/calls", &limited).await["items"], json!([]));
    assert_problem(
        app.post_as(&done_path, &limited, &json!({})).await,
        404,
        "not_found",
    )
    .await;
    // Partner apps never.
    let partner = app.token(&app.org_a, Role::Partner, &["neighbours:write", "matches:write"]);
    assert_problem(app.get_with_token("/v1/calls", &partner).await, 403, "forbidden").await;
    assert_problem(
        app.post_as(&done_path, &partner, &json!({})).await,
        403,
        "forbidden",
    )
    .await;

    let resp = app
        .client
        .post(app.url(&done_path))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200, "no body needed");
    let done: Value = resp.json().await.unwrap();
    assert_eq!(done["id"], cid);
    assert!(done["done_at"].is_string(), "{done}");
    assert_problem(
        app.post_as(&done_path, &token, &json!({})).await,
        409,
        "already_done",
    )
    .await;
    assert_eq!(app.get_ok("/v1/calls", &token).await["items"], json!([]));
    let org = app.org_a.id;
    let trail = app
        .store
        .read(|c| audit::for_subject(c, org, NeighbourId(an)))
        .unwrap();
    assert!(trail
        .iter()
        .any(|e| e.action == "call_done" && e.detail.contains(&format!("call={cid}"))));

    // Activation is told too: An is on the list again.
    assert_eq!(app.answer(&token, mid, "accept", an).await.status().as_u16(), 200);
    assert_eq!(
        app.answer(&token, mid, "accept", bert).await.status().as_u16(),
        200
    );
    let list = app.get_ok("/v1/calls", &token).await;
    assert_eq!(list["items"][0]["reason"], "match_accepted", "{list}");
}

async fn dead_messages_are_listed_and_requeued(app: TestApp) {
    let token = coordinator(&app);
    let an = resident(&app, &token, "An", 0, Some("an@example.test"), None).await;
    let bert = resident(&app, &token, "Bert", 2, Some("bert@example.test"), None).await;
    let rid = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    app.propose(&token, rid, &[bert]).await;
    // A worker's attempt: An's message fails for good, Bert's is sent.
    let claimed = app
        .store
        .write(|c| outbox::claim_due(c, clock::now(), 10, chrono::Duration::minutes(5)))
        .unwrap();
    assert_eq!(claimed.len(), 3);
    let dead = claimed.iter().find(|m| m.recipient == "an@example.test").unwrap();
    let sent = claimed
        .iter()
        .find(|m| m.recipient == "bert@example.test")
        .unwrap();
    app.store
        .write(|c| {
            assert!(outbox::complete_failed(
                c,
                dead,
                "550 5.1.1 mailbox unavailable",
                None
            )?);
            assert!(outbox::complete_sent(c, sent, clock::now())?);
            Ok::<_, StoreError>(())
        })
        .unwrap();

    let resp = app.get_with_token("/v1/outbox?status=dead", &token).await;
    assert_eq!(resp.status().as_u16(), 200);
    let text = resp.text().await.unwrap();
    assert!(!text.contains(SURNAME) && !text.contains("payload"), "{text}");
    let page: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(page["next_cursor"], Value::Null);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    let item = &items[0];
    assert_eq!(item["id"], dead.id.get());
    assert_eq!(item["recipient"], "an@example.test");
    assert_eq!(item["template"], "match_proposed.neighbour");
    assert_eq!(
        (item["status"].as_str(), item["attempts"].as_i64()),
        (Some("dead"), Some(1))
    );
    assert!(item["last_error"].as_str().unwrap().contains("550"));
    assert!(item["next_attempt_at"].is_null());
    let sent_page = app.get_ok("/v1/outbox?status=sent", &token).await;
    assert_eq!(sent_page["items"][0]["recipient"], "bert@example.test");
    assert!(sent_page["items"][0]["sent_at"].is_string());

    // Paging over everything.
    let first = app.get_ok("/v1/outbox?limit=2", &token).await;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest = app
        .get_ok(&format!("/v1/outbox?limit=2&cursor={cursor}"), &token)
        .await;
    assert_eq!(rest["items"].as_array().unwrap().len(), 1);
    assert_eq!(rest["next_cursor"], Value::Null);
    let bad = app.get_with_token("/v1/outbox?status=lost", &token).await;
    assert_problem(bad, 400, "invalid_value").await;

    let requeue = format!("/v1/outbox/{}/requeue", dead.id);
    let other = app.token(&app.org_b, Role::Admin, &[]);
    assert_eq!(app.get_ok("/v1/outbox", &other).await["items"], json!([]));
    assert_problem(app.post_as(&requeue, &other, &json!({})).await, 404, "not_found").await;
    let limited = app.limited_token(&app.org_a, &[NeighbourhoodId(999)]);
    assert_eq!(app.get_ok("/v1/outbox", &limited).await["items"], json!([]));
    assert_problem(
        app.post_as(&requeue, &limited, &json!({})).await,
        404,
        "not_found",
    )
    .await;
    let partner = app.token(&app.org_a, Role::Partner, &["neighbours:write", "matches:write"]);
    assert_problem(app.get_with_token("/v1/outbox", &partner).await, 403, "forbidden").await;
    assert_problem(
        app.post_as(&requeue, &partner, &json!({})).await,
        403,
        "forbidden",
    )
    .await;
    let missing = app.post_as("/v1/outbox/999999/requeue", &token, &json!({})).await;
    assert_problem(missing, 404, "not_found").await;
    let not_dead = format!("/v1/outbox/{}/requeue", sent.id);
    assert_problem(app.post_as(&not_dead, &token, &json!({})).await, 409, "not_dead").await;

    let again = app.post_ok(&requeue, &token, &json!({}), 200).await;
    assert_eq!(
        (again["status"].as_str(), again["attempts"].as_i64()),
        (Some("pending"), Some(0))
    );
    assert!(again["next_attempt_at"].is_string());
    assert_problem(app.post_as(&requeue, &token, &json!({})).await, 409, "not_dead").await;
    let row = messages(&app).into_iter().find(|m| m.id == dead.id).unwrap();
    assert_eq!(row.message_id, dead.message_id, "the Message-ID stays");
    let org = app.org_a.id;
    let trail = app
        .store
        .read(|c| audit::for_subject(c, org, NeighbourId(an)))
        .unwrap();
    assert!(trail.iter().any(|e| e.action == "outbox_requeued"));
    assert!(
        trail.iter().all(|e| !e.detail.contains('@')),
        "no addresses in the audit log"
    );
}
