//! Console tests: people. A neighbour's page: editing, pausing and resuming, exporting
//! and erasing them, their history; each write checked through the API or the store,
//! and against another organisation. The list and the service directory are in
//! `people_directory.rs`.

use crate::helpers::{location, spawn_app, Browser, Org, TestApp};
use nabij_api::auth::{Caller, KeySet, Role, TokenConfig};
use nabij_store::{audit, Store};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A coordinator's API token for `org`.
pub(crate) fn api_token(app: &TestApp, org: &Org) -> String {
    let keys = KeySet::load(&app.settings.data_dir).unwrap();
    let config = TokenConfig {
        issuer: app.settings.issuer.clone(),
        audience: app.settings.audience.clone(),
    };
    let who = Caller {
        subject: "test:api".into(),
        org: org.id,
        org_slug: "org".into(),
        role: Role::Coordinator,
        neighbourhoods: None,
        scopes: vec![],
    };
    keys.issue(&config, &who, std::time::Duration::from_secs(600))
        .unwrap()
        .access_token
}

pub(crate) async fn api_get(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let resp = reqwest::Client::new()
        .get(format!("{}{path}", app.address))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = resp.status();
    let body = resp.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Registers someone in `org`'s neighbourhood through the console; returns their path.
pub(crate) async fn register(b: &mut Browser, org: &Org, name: &str, extra: &[(&str, &str)]) -> String {
    let hood = org.neighbourhood.to_string();
    let mut form = vec![
        ("display_name", name),
        ("consent", "home_visit"),
        ("neighbourhood_id", hood.as_str()),
    ];
    form.extend_from_slice(extra);
    let resp = b.submit("/neighbours/new", &form).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER, "register {name}");
    location(&resp)
}

pub(crate) fn id_of(path: &str) -> i64 {
    path.rsplit('/').next().unwrap().parse().unwrap()
}

async fn candidate_ids(app: &TestApp, token: &str, request: i64) -> Vec<i64> {
    let (status, body) = api_get(app, token, &format!("/v1/requests/{request}/candidates?limit=50")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["neighbour_id"].as_i64().unwrap())
        .collect()
}

/// A request filed for `requester` through the console; returns its id.
pub(crate) async fn file_request(b: &mut Browser, requester: &str, text: &str) -> i64 {
    let resp = b
        .submit(
            &format!("{requester}/requests"),
            &[("kind", "companionship"), ("text", text)],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    id_of(&location(&resp))
}

#[tokio::test]
async fn edit_keeps_what_was_typed_on_error_and_saves_only_what_changed() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let anna = register(&mut b, &app.org_a, "Anna Vos", &[("phone", "011 22 33 44")]).await;
    let page = b.get(&format!("{anna}/edit")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("value=\"Anna Vos\""), "{html}");
    assert!(html.contains("value=\"011 22 33 44\""));
    // The position is held but never written into the page.
    assert!(html.contains("wordt hier niet getoond"));
    assert!(
        !html.contains("51.22") && !html.contains("5.42"),
        "coordinates leaked"
    );
    assert!(html.contains("name=\"languages\" value=\"nl\" checked"));

    // Wrong: no name, a broken e-mail address, no language. Refused; what was typed stays.
    let resp = b
        .submit(
            &format!("{anna}/edit"),
            &[
                ("display_name", ""),
                ("email", "anna-at-home"),
                ("phone", "011 99 88 77"),
                ("talents", "walking"),
                ("availability", "tue-afternoon"),
                ("travel_radius_m", "2000"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Vul de naam in."), "{html}");
    assert!(html.contains("Dit e-mailadres klopt niet"));
    assert!(html.contains("Kies minstens één taal"));
    assert!(html.contains("value=\"anna-at-home\""));
    assert!(html.contains("value=\"011 99 88 77\""));
    assert!(html.contains("name=\"talents\" value=\"walking\" checked"));
    assert!(html.contains("value=\"tue-afternoon\" checked"));
    assert!(html.contains("value=\"2000\" selected"));
    assert!(html.contains("aria-invalid=\"true\""));
    let token = api_token(&app, &app.org_a);
    let (_, before) = api_get(&app, &token, &format!("/v1{anna}")).await;
    assert_eq!(before["contact"]["phone"], "011 22 33 44", "nothing written");

    // Right: saved, as the API shows it.
    let resp = b
        .submit(
            &format!("{anna}/edit"),
            &[
                ("display_name", "Anna Vos"),
                ("email", "anna@voorbeeld.be"),
                ("phone", "011 22 33 44"),
                ("neighbourhood_id", &app.org_a.neighbourhood.to_string()),
                ("languages", "nl"),
                ("languages", "fr"),
                ("talents", "walking"),
                ("interests", "games"),
                ("availability", "tue-afternoon"),
                ("travel_radius_m", "2000"),
                ("capacity", "2"),
                ("preferred_language", "nl"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), format!("{anna}?done=saved"));
    let html = b.get(&location(&resp)).await.text().await.unwrap();
    assert!(html.contains("De gegevens zijn bewaard."));
    assert!(
        html.contains("wandelen") && html.contains("dinsdag namiddag"),
        "{html}"
    );
    let (_, after) = api_get(&app, &token, &format!("/v1{anna}")).await;
    assert_eq!(after["contact"]["email"], "anna@voorbeeld.be");
    assert_eq!(after["talents"], json!(["walking"]));
    assert_eq!(after["interests"], json!(["games"]));
    assert_eq!(after["availability"], json!(["tue-afternoon"]));
    assert_eq!(after["travel_radius_m"], json!(2000.0));
    assert_eq!(after["capacity"], 2);
    assert_eq!(after["languages"].as_array().unwrap().len(), 2);
    // The audit row names only what changed.
    let store = Store::open(&app.settings.database_url).unwrap();
    let rows = store
        .read(|c| audit::for_subject(c, app.org_a.id, nabij_store::NeighbourId(id_of(&anna))))
        .unwrap();
    let updated: Vec<_> = rows.iter().filter(|r| r.action == "neighbour_updated").collect();
    assert_eq!(updated.len(), 1, "{rows:?}");
    let detail = &updated[0].detail;
    for f in [
        "contact.email",
        "travel_radius_m",
        "languages",
        "talents",
        "interests",
        "availability",
        "capacity",
    ] {
        assert!(detail.contains(f), "{f} in {detail}");
    }
    for f in [
        "display_name",
        "contact.phone",
        "location",
        "neighbourhood_id",
        "preferred_language",
    ] {
        assert!(
            !detail.split([' ', ',']).any(|x| x == f),
            "{f} unchanged but in {detail}"
        );
    }
    // Saving the same again writes nothing.
    let resp = b
        .submit(
            &format!("{anna}/edit"),
            &[
                ("display_name", "Anna Vos"),
                ("email", "anna@voorbeeld.be"),
                ("phone", "011 22 33 44"),
                ("neighbourhood_id", &app.org_a.neighbourhood.to_string()),
                ("languages", "fr"),
                ("languages", "nl"),
                ("talents", "walking"),
                ("interests", "games"),
                ("availability", "tue-afternoon"),
                ("travel_radius_m", "2000"),
                ("capacity", "2"),
                ("preferred_language", "nl"),
            ],
        )
        .await;
    assert_eq!(location(&resp), format!("{anna}?done=unchanged"));
}

#[tokio::test]
async fn pause_and_resume_change_who_is_proposed() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let anna = register(&mut b, &app.org_a, "Anna", &[]).await;
    let bert = register(&mut b, &app.org_a, "Bert", &[("availability", "tue-afternoon")]).await;
    let bert_id = id_of(&bert);
    let request = file_request(&mut b, &anna, "Samen wandelen in het park").await;
    let token = api_token(&app, &app.org_a);
    assert!(candidate_ids(&app, &token, request).await.contains(&bert_id));

    // Without the CSRF token: refused, nothing changes.
    let resp = b.post(&format!("{bert}/pause"), &[]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        api_get(&app, &token, &format!("/v1{bert}")).await.1["paused"],
        false
    );

    let resp = b.submit(&format!("{bert}/pause"), &[]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), format!("{bert}?done=paused"));
    let html = b.get(&location(&resp)).await.text().await.unwrap();
    assert!(html.contains("De persoon is even gepauzeerd."));
    assert!(html.contains("Weer laten meedoen"));
    assert_eq!(
        api_get(&app, &token, &format!("/v1{bert}")).await.1["paused"],
        true
    );
    assert!(!candidate_ids(&app, &token, request).await.contains(&bert_id));
    let html = b.get("/neighbours?status=paused").await.text().await.unwrap();
    assert!(html.contains(">Bert<") && !html.contains(">Anna<"), "{html}");

    let resp = b.submit(&format!("{bert}/resume"), &[]).await;
    assert_eq!(location(&resp), format!("{bert}?done=resumed"));
    assert_eq!(
        api_get(&app, &token, &format!("/v1{bert}")).await.1["paused"],
        false
    );
    assert!(candidate_ids(&app, &token, request).await.contains(&bert_id));
}

#[tokio::test]
async fn export_is_a_json_download_with_the_api_content() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let anna = register(
        &mut b,
        &app.org_a,
        "Anna Export",
        &[("email", "anna@voorbeeld.be")],
    )
    .await;
    file_request(&mut b, &anna, "Iemand om mee te praten").await;
    let resp = b.get(&format!("{anna}/export")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let disposition = resp.headers()[CONTENT_DISPOSITION].to_str().unwrap().to_string();
    assert!(
        disposition.starts_with("attachment;") && disposition.contains(".json"),
        "{disposition}"
    );
    let text = resp.text().await.unwrap();
    assert!(
        !text.contains("\"lat\"") && !text.contains("\"lon\""),
        "coordinates leaked"
    );
    let console: Value = serde_json::from_str(&text).unwrap();
    let token = api_token(&app, &app.org_a);
    let (status, api) = api_get(&app, &token, &format!("/v1{anna}/export")).await;
    assert_eq!(status, StatusCode::OK);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&console), keys(&api));
    for part in [
        "neighbour",
        "location_held",
        "requests",
        "matches",
        "exchanges",
        "referrals",
    ] {
        assert_eq!(console[part], api[part], "{part}");
    }
    assert_eq!(console["neighbour"]["display_name"], "Anna Export");
    assert_eq!(console["requests"][0]["text"], "Iemand om mee te praten");
    // The download itself is in the access log the API's export shows.
    let actions: Vec<&str> = api["access_log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "neighbour_exported").count(),
        2,
        "{actions:?}"
    );
}

#[tokio::test]
async fn erase_needs_the_confirmation_and_the_csrf_token_then_the_person_is_gone() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let anna = register(&mut b, &app.org_a, "Anna", &[]).await;
    let carla = register(
        &mut b,
        &app.org_a,
        "Carla Wisbaar",
        &[("phone", "011 12 34 56"), ("availability", "mon-morning")],
    )
    .await;
    let carla_id = id_of(&carla);
    let request = file_request(&mut b, &anna, "Samen wandelen").await;
    let token = api_token(&app, &app.org_a);
    assert!(candidate_ids(&app, &token, request).await.contains(&carla_id));

    let page = b.get(&format!("{carla}/erase")).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Dit kan niet ongedaan gemaakt worden"), "{html}");
    assert!(html.contains("voorgoed gewist"));
    assert!(html.contains(&format!("href=\"{carla}/export\"")));
    // Opening the confirmation erased nothing; neither does a post without the token
    // or without the box ticked.
    let resp = b.post(&format!("{carla}/erase"), &[("confirm", "yes")]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let resp = b.submit(&format!("{carla}/erase"), &[]).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(resp.text().await.unwrap().contains("Vink aan dat u begrijpt"));
    assert_eq!(b.get(&carla).await.status(), StatusCode::OK);
    assert_eq!(
        api_get(&app, &token, &format!("/v1{carla}")).await.0,
        StatusCode::OK
    );

    let resp = b.submit(&format!("{carla}/erase"), &[("confirm", "yes")]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/neighbours?done=erased");
    let html = b.get("/neighbours?done=erased").await.text().await.unwrap();
    assert!(html.contains("De gegevens zijn gewist."));
    assert!(!html.contains("Carla"));
    assert_eq!(b.get(&carla).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        b.get(&format!("{carla}/export")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api_get(&app, &token, &format!("/v1{carla}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert!(!candidate_ids(&app, &token, request).await.contains(&carla_id));
    // The audit row stays, with counts only.
    let store = Store::open(&app.settings.database_url).unwrap();
    let rows = store
        .read(|c| audit::for_subject(c, app.org_a.id, nabij_store::NeighbourId(carla_id)))
        .unwrap();
    let erased = rows
        .iter()
        .find(|r| r.action == "neighbour_erased")
        .expect("an audit row");
    assert!(
        erased.detail.starts_with("requests_cancelled="),
        "{}",
        erased.detail
    );
    assert!(rows
        .iter()
        .all(|r| !r.detail.contains("Carla") && !r.detail.contains("011")));
}

#[tokio::test]
async fn another_organisation_gets_404_on_every_people_page_and_changes_nothing() {
    let app = spawn_app().await;
    let mut a = Browser::new(&app);
    a.login(&app.org_a.coordinator_email).await;
    let anna = register(&mut a, &app.org_a, "Anna", &[]).await;
    a.submit("/services/new", &[("name", "Thuiszorg Pelt")]).await;
    let html = a.get("/services").await.text().await.unwrap();
    let service = html
        .split("href=\"/services/")
        .nth(2)
        .and_then(|s| s.split('/').next())
        .unwrap()
        .to_string();

    let mut b = Browser::new(&app);
    b.login(&app.org_b.coordinator_email).await;
    for path in [
        anna.clone(),
        format!("{anna}/edit"),
        format!("{anna}/export"),
        format!("{anna}/erase"),
        format!("/services/{service}/edit"),
    ] {
        let resp = b.get(&path).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!resp.text().await.unwrap().contains("Anna"));
    }
    for (path, form) in [
        (
            format!("{anna}/edit"),
            vec![("display_name", "Overgenomen"), ("languages", "nl")],
        ),
        (format!("{anna}/pause"), vec![]),
        (format!("{anna}/resume"), vec![]),
        (format!("{anna}/erase"), vec![("confirm", "yes")]),
        (format!("/services/{service}/edit"), vec![("name", "Overgenomen")]),
        (format!("/services/{service}/remove"), vec![]),
    ] {
        let resp = b.submit(&path, &form).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "POST {path}");
    }
    let html = b.get("/neighbours?q=anna").await.text().await.unwrap();
    assert!(!html.contains("Anna"));
    assert!(!b
        .get("/services")
        .await
        .text()
        .await
        .unwrap()
        .contains("Thuiszorg Pelt"));
    // Nothing of A changed.
    let html = a.get(&anna).await.text().await.unwrap();
    assert!(html.contains("<h1>Anna</h1>") && html.contains("doet mee"));
    assert!(a
        .get("/services")
        .await
        .text()
        .await
        .unwrap()
        .contains("Thuiszorg Pelt"));
}

pub(crate) async fn api_post(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let resp = reqwest::Client::new()
        .post(format!("{}{path}", app.address))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.json().await.unwrap()
}

#[tokio::test]
async fn the_history_is_a_list_of_events_never_a_balance() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let anna = register(&mut b, &app.org_a, "Anna", &[]).await;
    let bert = register(&mut b, &app.org_a, "Bert", &[]).await;
    let (anna_id, bert_id) = (id_of(&anna), id_of(&bert));
    let html = b.get(&bert).await.text().await.unwrap();
    assert!(html.contains("Nog geen koppelingen of bedankjes."));

    let request = file_request(&mut b, &anna, "Samen wandelen op dinsdag").await;
    let token = api_token(&app, &app.org_a);
    let m = api_post(
        &app,
        &token,
        "/v1/matches",
        json!({"request_id": request, "companion_ids": [bert_id]}),
    )
    .await;
    let mid = m["id"].as_i64().unwrap();
    for who in [anna_id, bert_id] {
        api_post(
            &app,
            &token,
            &format!("/v1/matches/{mid}/accept"),
            json!({"neighbour_id": who}),
        )
        .await;
    }
    let html = b.get(&bert).await.text().await.unwrap();
    assert!(html.contains(&format!("Helpt <a href=\"/neighbours/{anna_id}\">Anna</a> met: <a href=\"/requests/{request}\">Samen wandelen op dinsdag</a>")), "{html}");
    api_post(
        &app,
        &token,
        &format!("/v1/matches/{mid}/close"),
        json!({"follow_up": {"met": true, "mutual_support": true}}),
    )
    .await;
    api_post(
        &app,
        &token,
        "/v1/exchanges",
        json!({"from_id": anna_id, "to_id": bert_id, "kind": "thanks"}),
    )
    .await;

    let html = b.get(&bert).await.text().await.unwrap();
    assert!(
        html.contains(&format!("Hielp <a href=\"/neighbours/{anna_id}\">Anna</a> met:")),
        "{html}"
    );
    assert!(html.contains(&format!(
        "Werd bedankt door <a href=\"/neighbours/{anna_id}\">Anna</a>"
    )));
    assert!(html.contains("ze hebben elkaar ontmoet"));
    let html = b.get(&anna).await.text().await.unwrap();
    assert!(
        html.contains(&format!(
            "Werd geholpen door <a href=\"/neighbours/{bert_id}\">Bert</a> bij:"
        )),
        "{html}"
    );
    assert!(html.contains(&format!("Bedankte <a href=\"/neighbours/{bert_id}\">Bert</a>")));
    for page in [
        b.get(&anna).await.text().await.unwrap(),
        b.get(&bert).await.text().await.unwrap(),
    ] {
        let lower = page.to_lowercase();
        for word in ["saldo", "balans", "schuld", "score", "gegeven:", "ontvangen:"] {
            assert!(!lower.contains(word), "{word} shown");
        }
    }
    // In French and English too.
    let html = b.get(&format!("{bert}?lang=fr")).await.text().await.unwrap();
    assert!(html.contains("A été remercié·e par"), "{html}");
    let html = b.get(&format!("{bert}?lang=en")).await.text().await.unwrap();
    assert!(html.contains("Was thanked by"));
}
