//! Referring an out-of-scope request to a service; deciding a suggested group.

use super::{audit_rows, has, logged_in, outbox_templates, page, store, Api};
use crate::helpers::{location, spawn_app};
use nabij_engine::scope::{self, ScopeInput};
use nabij_engine::RequestKind;
use nabij_store::{referral, RequestId};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn an_out_of_scope_request_is_referred_to_a_service() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let service = api
        .post(
            "/v1/services",
            &json!({"name": "Thuisverpleging Noord", "categories": ["personal_care"], "phone": "011 00 00 00"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let elsewhere = Api::login(&app, &app.org_b.coordinator_email).await;
    let foreign = elsewhere
        .post(
            "/v1/services",
            &json!({"name": "Elders", "categories": ["personal_care"]}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let anna = api.neighbour("Anna", 0, 1).await;
    let rid = api
        .post(
            "/v1/requests",
            &json!({"neighbour_id": anna, "kind": "practical",
                    "text": "Ik heb hulp nodig bij het wassen en aankleden, thuisverpleging",
                    "window": {"type": "flexible"}}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(api.status(rid).await, "referral_needed");
    let path = format!("/requests/{rid}");
    let html = page(&mut b, &path).await;
    assert!(html.contains("Doorverwijzen naar een dienst"));
    assert!(
        html.contains(&format!(
            "<option value=\"{service}\" selected>Thuisverpleging Noord"
        )),
        "{html}"
    );
    assert!(html.contains("value=\"out_of_scope\" checked"));
    assert!(!html.contains("Elders"));
    // The guard's reasons, each in the console's language only.
    let verdict = scope::classify(&ScopeInput {
        text: "Ik heb hulp nodig bij het wassen en aankleden, thuisverpleging",
        kind: Some(RequestKind::Practical),
        ..ScopeInput::default()
    });
    assert!(!verdict.reasons.is_empty());
    let listed = |html: &str, text: &str| html.contains(&format!("<li>{}</li>", text.replace('\'', "&#39;")));
    let rendered: Vec<_> = verdict.reasons.iter().map(nabij_i18n::render_phrase).collect();
    for r in &rendered {
        assert!(listed(&html, &r.nl), "{} on {html}", r.nl);
        assert!(!listed(&html, &r.en), "{} on {html}", r.en);
    }
    assert!(
        html.contains("wijst op persoonlijke verzorging")
            || html.contains("wijzen op persoonlijke verzorging")
    );
    let fr = page(&mut b, &format!("{path}?lang=fr")).await;
    assert!(fr.contains("<html lang=\"fr\">"));
    for r in &rendered {
        assert!(listed(&fr, &r.fr), "{} on {fr}", r.fr);
        assert!(!listed(&fr, &r.nl), "{} on {fr}", r.nl);
    }
    assert!(fr.contains("des soins personnels</li>"), "{fr}");
    for english in [" / words ", " / word ", " / field ", "points to", "point to"] {
        assert!(!fr.contains(english), "{english} on {fr}");
    }
    page(&mut b, &format!("{path}?lang=nl")).await;

    // Another organisation's service: explained, the choice kept, nothing referred.
    let resp = b
        .submit(
            &format!("{path}/refer"),
            &[
                ("service_id", &foreign.to_string()),
                ("reason", "coordinator_choice"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    let html = resp.text().await.unwrap();
    assert!(html.contains("staat niet (meer) op de sociale kaart"), "{html}");
    assert!(html.contains("value=\"coordinator_choice\" checked"));
    assert_eq!(api.status(rid).await, "referral_needed");
    // No reason: explained.
    let resp = b
        .submit(&format!("{path}/refer"), &[("service_id", &service.to_string())])
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let resp = b
        .submit(
            &format!("{path}/refer"),
            &[("service_id", &service.to_string()), ("reason", "out_of_scope")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(api.status(rid).await, "referred");
    let rows = store(&app)
        .read(|c| referral::for_request(c, org, RequestId(rid)))
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].service_id.map(|s| s.get()), Some(service));
    assert_eq!(rows[0].reason, "out_of_scope");
    assert!(has(&audit_rows(&app, org), "request_referred", anna));
    assert!(outbox_templates(&app, org).contains(&"request_referred.neighbour".to_string()));
    let html = page(&mut b, &path).await;
    assert!(html.contains("doorverwezen naar Thuisverpleging Noord"), "{html}");
    assert!(
        !html.contains(&format!("action=\"{path}/refer\"")),
        "no second referral"
    );
}

#[tokio::test]
async fn suggested_groups_are_shown_with_reasons_and_decided_once() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let mut reqs = Vec::new();
    let mut people = Vec::new();
    for (i, name) in ["Ann", "Bob", "Cas", "Dirk"].into_iter().enumerate() {
        let n = api.neighbour(name, i as u32, 0).await;
        people.push(n);
        reqs.push(api.walk(n).await);
    }
    let job = api.post("/v1/jobs/rematch", &json!({})).await["id"]
        .as_i64()
        .unwrap();
    let mut tries = 0;
    while api.get(&format!("/v1/jobs/{job}")).await["status"] == "running" {
        tries += 1;
        assert!(tries < 600, "job still running");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let groups = api.get("/v1/groups?status=suggested").await;
    let gid = groups["items"][0]["id"].as_i64().expect("a suggested group");
    let reason = groups["items"][0]["reasons"][0]["nl"]
        .as_str()
        .unwrap()
        .to_string();

    let path = format!("/requests/{}", reqs[0]);
    let html = page(&mut b, &path).await;
    assert!(html.contains("Samen met anderen met dezelfde vraag"), "{html}");
    assert!(html.contains(&nabij_api::console::esc(&reason)), "{reason}");
    assert!(html.contains("Dirk"));
    let list = page(&mut b, "/groups").await;
    assert!(list.contains(&format!("/groups/{gid}/split")));

    let resp = b
        .submit(
            &format!("/groups/{gid}/accept"),
            &[("from", &reqs[0].to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), format!("{path}#groups"));
    let g = api.get("/v1/groups?status=accepted").await;
    assert_eq!(g["items"][0]["id"], gid);
    assert!(has(&audit_rows(&app, org), "group_accepted", people[3]));
    for r in &reqs {
        assert_eq!(api.status(*r).await, "open", "nobody put in anything");
    }
    // Decided once: splitting now is explained.
    let resp = b.submit(&format!("/groups/{gid}/split"), &[]).await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert!(resp.text().await.unwrap().contains("al beslist"));
    assert!(page(&mut b, &path)
        .await
        .contains("aanvaard door een aanspreekpersoon"));
}
