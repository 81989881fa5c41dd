//! `Idempotency-Key`: replay, reuse with another body, scope, in flight.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::Role;
use nabij_store::idempotency::{self, KeyScope};
use nabij_store::{audit, clock};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

crate::on_both_backends!(
    a_replay_returns_the_first_response_and_writes_nothing,
    keys_are_scoped_to_caller_and_route_and_checked,
    a_key_in_flight_is_409,
    concurrent_posts_with_one_key_create_one_request,
);

async fn audit_rows(app: &TestApp) -> usize {
    app.store
        .read(|c| audit::list(c, app.org_a.id, None, 1000))
        .unwrap()
        .len()
}

async fn a_replay_returns_the_first_response_and_writes_nothing(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&token, &neighbour_at("Bert", 1, 1)).await;
    let body = walk_request(an);
    let first = app.post_keyed("/v1/requests", &token, "k-1", &body).await;
    assert_eq!(first.status().as_u16(), 201);
    let location = first.headers()["location"].to_str().unwrap().to_string();
    let first = first.text().await.unwrap();
    let rows = audit_rows(&app).await;
    let again = app.post_keyed("/v1/requests", &token, "k-1", &body).await;
    assert_eq!(again.status().as_u16(), 201);
    assert_eq!(again.headers()["location"].to_str().unwrap(), location);
    assert_eq!(again.text().await.unwrap(), first);
    assert_eq!(audit_rows(&app).await, rows, "a replay writes nothing");
    let list = app.get_ok("/v1/requests", &token).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);

    // The same key with another body.
    let mut other = body.clone();
    other["text"] = json!("Samen koffie drinken");
    let resp = app.post_keyed("/v1/requests", &token, "k-1", &other).await;
    assert_problem(resp, 422, "idempotency_key_reused").await;

    // Acceptances replayed do not accept twice; a key on another match is another request.
    let rid = serde_json::from_str::<Value>(&first).unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(location, format!("/v1/requests/{rid}"));
    let mid = app.propose(&token, rid, &[bert]).await["id"].as_i64().unwrap();
    let path = format!("/v1/matches/{mid}/accept");
    let who = json!({"neighbour_id": an});
    let a1 = app
        .post_keyed(&path, &token, "acc", &who)
        .await
        .text()
        .await
        .unwrap();
    let a2 = app
        .post_keyed(&path, &token, "acc", &who)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(a1, a2);
    let rid2 = app.new_request(&token, &walk_request(bert)).await["id"]
        .as_i64()
        .unwrap();
    let mid2 = app.propose(&token, rid2, &[an]).await["id"].as_i64().unwrap();
    let resp = app
        .post_keyed(&format!("/v1/matches/{mid2}/accept"), &token, "acc", &who)
        .await;
    assert_problem(resp, 422, "idempotency_key_reused").await;
}

async fn keys_are_scoped_to_caller_and_route_and_checked(app: TestApp) {
    let coordinator = app.token(&app.org_a, Role::Coordinator, &[]);
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let an = app.new_neighbour(&coordinator, &neighbour_at("An", 0, 1)).await;
    let body = walk_request(an);
    for token in [&coordinator, &admin] {
        let resp = app.post_keyed("/v1/requests", token, "shared", &body).await;
        assert_eq!(resp.status().as_u16(), 201, "another caller, another scope");
    }
    let service = json!({"name": "Dienst", "categories": ["heavy"]});
    let resp = app
        .post_keyed("/v1/services", &coordinator, "shared", &service)
        .await;
    assert_eq!(resp.status().as_u16(), 201, "another route, another scope");
    let list = app.get_ok("/v1/requests", &admin).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
    // A key older than 24 h is forgotten: the same key with another body is new.
    let key = KeyScope::new("test:coordinator", "POST /v1/requests", "old").unwrap();
    let long_ago = clock::now() - chrono::Duration::hours(25);
    app.store
        .write(|c| idempotency::record(c, app.org_a.id, &key, "digest", 201, "{}", long_ago))
        .unwrap();
    let resp = app.post_keyed("/v1/requests", &coordinator, "old", &body).await;
    assert_eq!(resp.status().as_u16(), 201, "expired key");
    let list = app.get_ok("/v1/requests", &admin).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 3);
    for bad in ["", &"x".repeat(256), "met spatie"] {
        let resp = app.post_keyed("/v1/requests", &coordinator, bad, &body).await;
        let problem = assert_problem(resp, 400, "invalid_value").await;
        assert_eq!(problem["errors"][0]["field"], "Idempotency-Key");
    }
}

async fn a_key_in_flight_is_409(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let body = walk_request(an);
    // What the server hashes: method, path and the canonical body.
    let mut hash = Sha256::new();
    hash.update(b"POST /v1/requests\n");
    hash.update(serde_json::to_string(&body).unwrap().as_bytes());
    let digest: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let key = KeyScope::new("test:coordinator", "POST /v1/requests", "busy").unwrap();
    app.store
        .write(|c| idempotency::reserve(c, app.org_a.id, &key, &digest, clock::now()))
        .unwrap();
    let resp = app.post_keyed("/v1/requests", &token, "busy", &body).await;
    assert_problem(resp, 409, "idempotency_key_in_flight").await;
    let list = app.get_ok("/v1/requests", &token).await;
    assert_eq!(list["items"], json!([]));
}

async fn concurrent_posts_with_one_key_create_one_request(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let body = walk_request(an);
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let (client, url, token, body) = (
            app.client.clone(),
            app.url("/v1/requests"),
            token.clone(),
            body.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let resp = client
                .post(url)
                .bearer_auth(token)
                .header("Idempotency-Key", "together")
                .json(&body)
                .send()
                .await
                .unwrap();
            (resp.status().as_u16(), resp.text().await.unwrap())
        }));
    }
    let mut created = Vec::new();
    for t in tasks {
        let (status, text) = t.await.unwrap();
        match status {
            201 => created.push(text),
            409 => assert!(text.contains("idempotency_key_in_flight"), "{text}"),
            other => panic!("{other}: {text}"),
        }
    }
    assert!(!created.is_empty());
    assert!(
        created.iter().all(|t| *t == created[0]),
        "replays return the first response"
    );
    let list = app.get_ok("/v1/requests", &token).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}
