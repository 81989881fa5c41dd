//! Check-ins in the console, on both backends: the answer page of the e-mails without
//! login (the reader's language, nobody else named, CSRF, single use, expiry, a bad
//! form), the check-ins and the phone-answer form of a match on the request page, and
//! Today listing only the pairs that need the coordinator.

use crate::helpers::{location, Browser, TestApp};
use crate::people::api_token;
use chrono::Duration;
use nabij_ops::checkins;
use nabij_ops::Ops;
use nabij_store::testing::execute_sql;
use nabij_store::{check_in, matching, outbox, MatchId};
use reqwest::StatusCode;
use serde_json::{json, Value};

crate::on_both_backends!(the_answer_page_needs_no_login_works_once_and_today_shows_only_pairs_that_need_you,);

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

fn person(name: &str, i: u32, email: &str, language: &str, hood: i64) -> Value {
    json!({
        "display_name": name,
        "contact": {"email": email},
        "location": {"lat": 51.2 + f64::from(i) * 0.001, "lon": 5.42},
        "neighbourhood_id": hood,
        "travel_radius_m": 3000.0,
        "interests": ["walking"],
        "talents": ["walking"],
        "languages": ["nl", "fr"],
        "availability": ["tue-afternoon"],
        "capacity": 2,
        "consent": {"channel": "self"},
        "preferred_language": language
    })
}

/// The section of Today with this id.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id}: {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

async fn the_answer_page_needs_no_login_works_once_and_today_shows_only_pairs_that_need_you(app: TestApp) {
    let token = api_token(&app, &app.org_a);
    let hood = app.org_a.neighbourhood.get();
    let anne = api_post(
        &app,
        &token,
        "/v1/neighbours",
        person("Anne Lefèvre", 0, "anne@example.org", "fr", hood),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let bert = api_post(
        &app,
        &token,
        "/v1/neighbours",
        person("Bert Peeters", 1, "bert@example.org", "nl", hood),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let req = api_post(
        &app,
        &token,
        "/v1/requests",
        json!({"neighbour_id": anne, "kind": "companionship", "tags": ["walking"], "text": "Samen wandelen langs de Dommel",
               "window": {"type": "weekly", "slots": ["tue-afternoon"]}}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let m = api_post(
        &app,
        &token,
        "/v1/matches",
        json!({"request_id": req, "companion_ids": [bert]}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    for who in [anne, bert] {
        api_post(
            &app,
            &token,
            &format!("/v1/matches/{m}/accept"),
            json!({"neighbour_id": who}),
        )
        .await;
    }

    // An active pair that needs nobody is not on Today.
    let mut coord = Browser::new(&app);
    coord.login(&app.org_a.coordinator_email).await;
    let today = coord.get("/").await.text().await.unwrap();
    let needs = section(&today, "check-ins");
    assert!(needs.contains("Geen koppeling heeft je nu nodig"), "{needs}");
    assert!(!today.contains("Samen op weg"), "the old follow-up list is gone");
    assert!(!needs.contains("Dommel"), "{needs}");

    // Six weeks later each side is asked, by e-mail with a link.
    let ops = Ops::new(app.store.clone());
    let activated = app
        .store
        .read(|c| matching::get(c, app.org_a.id, MatchId(m)))
        .unwrap()
        .activated_at
        .unwrap();
    let due = ops
        .write(|tx| {
            checkins::run_due(
                &ops,
                tx,
                app.org_a.id,
                activated + Duration::weeks(6) + Duration::minutes(1),
            )
        })
        .unwrap();
    assert_eq!(due.emails, 2);
    let links: Vec<(String, String)> = app
        .store
        .read(|c| outbox::list(c, app.org_a.id, None, None, 100))
        .unwrap()
        .into_iter()
        .filter(|r| r.template == "check_in_asked.neighbour")
        .map(|r| {
            let p: Value = serde_json::from_str(&r.payload).unwrap();
            let link = p["link"].as_str().unwrap();
            (r.recipient, link[link.find("/check-in/").unwrap()..].to_string())
        })
        .collect();
    let path_of = |to: &str| links.iter().find(|(r, _)| r == to).unwrap().1.clone();
    let (anne_path, bert_path) = (path_of("anne@example.org"), path_of("bert@example.org"));

    // Anne's page, without login: in French, her name only, the five answers.
    let mut anon = Browser::new(&app);
    let page = anon.get(&anne_path).await;
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(html.contains("lang=\"fr\""), "{html}");
    assert!(html.contains("Est-ce que tout se passe bien"), "{html}");
    assert!(html.contains("Anne Lefèvre"), "{html}");
    assert!(
        !html.contains("Bert"),
        "the page names nobody but the reader: {html}"
    );
    assert!(!html.contains("Dommel"), "{html}");
    assert!(!html.contains("/logout"), "{html}");
    for a in ["go_on", "pause", "end_well", "mediate", "more_than_neighbour"] {
        assert!(html.contains(&format!("value=\"{a}\"")), "{a}: {html}");
    }
    // Bert's own question is the companion's.
    let bert_html = Browser::new(&app).get(&bert_path).await.text().await.unwrap();
    assert!(bert_html.contains("Is het nog licht genoeg?"), "{bert_html}");
    assert!(!bert_html.contains("Anne"), "{bert_html}");

    // No CSRF token, or no answer: nothing recorded.
    let resp = anon.post(&anne_path, &[("answer", "mediate")]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let resp = anon.submit(&anne_path, &[("answer", "perhaps")]).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(resp.text().await.unwrap().contains("Choisissez une des réponses"));
    let open = |app: &TestApp| {
        app.store
            .read(|c| check_in::for_match(c, app.org_a.id, MatchId(m)))
            .unwrap()
    };
    assert!(open(&app).iter().all(|c| c.answer.is_none()));

    // Mediate: recorded once; the link is used up.
    let resp = anon
        .submit(
            &anne_path,
            &[("answer", "mediate"), ("note", "On ne se comprend pas bien.")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.text().await.unwrap().contains("Merci pour votre réponse"));
    let again = anon.get(&anne_path).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert!(again.text().await.unwrap().contains("Deze link werkt niet meer"));
    let resp = anon.submit(&anne_path, &[("answer", "end_well")]).await;
    assert!(resp.text().await.unwrap().contains("Deze link werkt niet meer"));
    let rows = open(&app);
    let answered: Vec<_> = rows.iter().filter(|c| c.answer.is_some()).collect();
    assert_eq!(answered.len(), 1);
    assert_eq!(answered[0].answer, Some(check_in::CheckInAnswer::Mediate));
    assert_eq!(answered[0].answered_by.as_deref(), Some("link"));
    assert_eq!(
        app.store
            .read(|c| matching::get(c, app.org_a.id, MatchId(m)))
            .unwrap()
            .status,
        matching::MatchStatus::Active
    );

    // An expired link shows the same friendly page and records nothing.
    app.store
        .write(|c| execute_sql(c, "UPDATE check_in_links SET expires_at = '2001-01-01 00:00:00'"))
        .unwrap();
    let mut late = Browser::new(&app);
    assert!(late
        .get(&bert_path)
        .await
        .text()
        .await
        .unwrap()
        .contains("Deze link werkt niet meer"));
    let resp = late.submit(&bert_path, &[("answer", "pause")]).await;
    assert!(resp.text().await.unwrap().contains("Deze link werkt niet meer"));
    assert_eq!(open(&app).iter().filter(|c| c.answer.is_some()).count(), 1);
    assert!(app
        .store
        .read(|c| matching::get(c, app.org_a.id, MatchId(m)))
        .unwrap()
        .paused_at
        .is_none());

    // Today now lists the pair (and why); a coordinator of another neighbourhood does not.
    let today = coord.get("/").await.text().await.unwrap();
    let needs = section(&today, "check-ins");
    assert!(needs.contains("Anne Lefèvre"), "{needs}");
    assert!(needs.contains("vraagt bemiddeling"), "{needs}");
    assert!(needs.contains(&format!("/requests/{req}#match-{m}")), "{needs}");
    let elsewhere = app.add_neighbourhood(&app.org_a, "Elders", 50.0);
    let other = app.add_coordinator(&app.org_a, "elders@org-a.test", Some(vec![elsewhere]));
    let mut limited = Browser::new(&app);
    limited.login(&other).await;
    let theirs = limited.get("/").await.text().await.unwrap();
    assert!(!section(&theirs, "check-ins").contains("Anne"), "{theirs}");

    // The request page shows the check-ins and notes a phone answer.
    let page = coord.get(&format!("/requests/{req}")).await.text().await.unwrap();
    assert!(page.contains("vraagt bemiddeling"), "{page}");
    assert!(page.contains("On ne se comprend pas bien."), "{page}");
    assert!(
        page.contains(&format!("action=\"/matches/{m}/check-ins\"")),
        "{page}"
    );
    let resp = coord
        .submit(&format!("/matches/{m}/check-ins"), &[("neighbour_id", "")])
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let anne_id = anne.to_string();
    let resp = coord
        .submit(
            &format!("/matches/{m}/check-ins"),
            &[
                ("neighbour_id", anne_id.as_str()),
                ("answer", "go_on"),
                ("note", "Gebeld, opgelost."),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), format!("/requests/{req}#match-{m}"));
    let today = coord.get("/").await.text().await.unwrap();
    assert!(
        section(&today, "check-ins").contains("Geen koppeling heeft je nu nodig"),
        "{today}"
    );
    // Another organisation's coordinator cannot note anything on it.
    let mut b = Browser::new(&app);
    b.login(&app.org_b.coordinator_email).await;
    let resp = b
        .submit(
            &format!("/matches/{m}/check-ins"),
            &[("neighbour_id", anne_id.as_str()), ("answer", "pause")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
}
