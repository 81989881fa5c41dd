//! Signals in the console, on both backends: a referral card noted by a coordinator
//! and closed as a registration with a request (the card's consent channel); a bad
//! form writes nothing; an overdue signal shows on Today; a second outcome is refused;
//! erasing a signal.

use crate::helpers::{location, Browser, TestApp};
use crate::people::{api_get, api_token};
use nabij_store::testing::execute_sql;
use reqwest::StatusCode;
use serde_json::{json, Value};

crate::on_both_backends!(
    a_referral_card_is_noted_and_closed_as_a_registration_with_a_request,
    an_overdue_signal_shows_on_today_and_a_signal_can_be_erased,
);

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn id_from(loc: &str) -> i64 {
    let rest = loc.strip_prefix("/signals/").unwrap();
    rest.split('?').next().unwrap().parse().unwrap()
}

async fn api_post(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
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

async fn a_referral_card_is_noted_and_closed_as_a_registration_with_a_request(app: TestApp) {
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let token = api_token(&app, &app.org_a);
    let page = b.get("/signals/new").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Nieuw signaal"), "{html}");
    let hood = app.org_a.neighbourhood.get().to_string();
    let day = today();
    let card = |domains: &'static str| {
        vec![
            ("person_name", "Maria Claes"),
            ("person_phone", "011 22 33 44"),
            ("basis", "signed_card"),
            ("source", "referral_card"),
            ("referring_partner", "Apotheek De Linde"),
            ("signed_on", day.as_str()),
            ("life_domains", domains),
            ("text", "Komt weinig buiten sinds de val."),
            ("neighbourhood_id", hood.as_str()),
        ]
    };
    // No life domain: refused with a message, nothing written.
    let mut bad = card("");
    bad.retain(|(k, _)| *k != "life_domains");
    let resp = b.submit("/signals/new", &bad).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Kies minstens één levensdomein."), "{html}");
    assert_eq!(api_get(&app, &token, "/v1/signals").await.1["items"], json!([]));

    let resp = b.submit("/signals/new", &card("social_contact")).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let id = id_from(&location(&resp));
    let inbox = b.get("/signals").await.text().await.unwrap();
    assert!(
        inbox.contains("Maria Claes") && inbox.contains("Doorverwijskaart"),
        "{inbox}"
    );
    let page = b.get(&format!("/signals/{id}")).await.text().await.unwrap();
    assert!(page.contains("Apotheek De Linde"), "{page}");

    // Registered, with a request; the consent channel comes from the card.
    let path = format!("/signals/{id}/outcome");
    let resp = b
        .submit(
            &path,
            &[
                ("outcome", "registered"),
                ("display_name", "Maria Claes"),
                ("phone", "011 22 33 44"),
                ("neighbourhood_id", hood.as_str()),
                ("kind", "companionship"),
                ("request_text", "Samen wandelen"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let (_, s) = api_get(&app, &token, &format!("/v1/signals/{id}")).await;
    assert_eq!(s["status"], "closed", "{s}");
    let nid = s["neighbour_id"].as_i64().unwrap();
    let rid = s["outcome"]["request_id"].as_i64().unwrap();
    let (_, n) = api_get(&app, &token, &format!("/v1/neighbours/{nid}")).await;
    assert_eq!(n["consent"]["channel"], "referral_card", "{n}");
    let (_, r) = api_get(&app, &token, &format!("/v1/requests/{rid}")).await;
    assert_eq!(r["neighbour_id"], nid);

    // A second outcome is refused; nothing changes.
    let resp = b
        .submit(&path, &[("outcome", "no_action_wanted"), ("decided_by", "Maria")])
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert_eq!(api_get(&app, &token, &format!("/v1/signals/{id}")).await.1, s);
}

async fn an_overdue_signal_shows_on_today_and_a_signal_can_be_erased(app: TestApp) {
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let token = api_token(&app, &app.org_a);
    let hood = app.org_a.neighbourhood.get();
    let file = |name: &'static str| {
        json!({"person": {"name": name, "phone": "011 22 33 44", "basis": "concern"},
               "neighbourhood_id": hood, "source": "coordinator", "life_domains": ["housing"],
               "text": format!("Over {name}")})
    };
    let late = api_post(&app, &token, "/v1/signals", file("Jef Laat")).await["id"]
        .as_i64()
        .unwrap();
    let in_time = api_post(&app, &token, "/v1/signals", file("Mia Optijd")).await["id"]
        .as_i64()
        .unwrap();
    let today_html = b.get("/").await.text().await.unwrap();
    assert!(today_html.contains("Geen signalen over tijd."), "{today_html}");
    let past = (chrono::Utc::now().date_naive() - chrono::Days::new(3)).to_string();
    app.store
        .write(|c| {
            execute_sql(
                c,
                &format!("UPDATE signals SET contact_by = '{past}' WHERE id = {late}"),
            )
        })
        .unwrap();
    let today_html = b.get("/").await.text().await.unwrap();
    let section = today_html
        .split("id=\"signals\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("a signals section in {today_html}"));
    assert!(
        section.contains("Jef Laat") && section.contains("over tijd"),
        "{section}"
    );
    assert!(!section.contains("Mia Optijd"), "{section}");
    // The inbox puts the overdue one first.
    let inbox = b.get("/signals").await.text().await.unwrap();
    let (jef, mia) = (inbox.find("Jef Laat").unwrap(), inbox.find("Mia Optijd").unwrap());
    assert!(jef < mia, "{inbox}");

    // Erasing a signal about a person who never registered.
    let resp = b.submit(&format!("/signals/{late}/erase"), &[]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/signals?done=erased");
    assert_eq!(
        b.get(&format!("/signals/{late}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, _) = api_get(&app, &token, &format!("/v1/signals/{late}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = api_get(&app, &token, "/v1/signals").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["id"], in_time);
    let today_html = b.get("/").await.text().await.unwrap();
    assert!(!today_html.contains("Jef Laat"), "{today_html}");
}
