//! Propose, accept, decline and close with the follow-up; a refusal changes nothing.

use super::{audit_rows, has, logged_in, match_ids, outbox_templates, page};
use crate::helpers::{location, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn propose_accept_and_close_with_the_follow_up() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 2, 1).await;
    let rid = api.walk(anna).await;
    let path = format!("/requests/{rid}");

    let html = page(&mut b, &path).await;
    assert!(html.contains("Bert voorstellen"), "{html}");
    assert!(html.contains(&format!("name=\"companion\" value=\"{bert}\"")));
    assert!(
        html.contains("<svg class=\"bar\" role=\"img\""),
        "a bar per component"
    );
    assert!(html.contains("<title>Nabijheid: "));
    assert!(html.contains("wandelen"), "reasons shown: {html}");

    let outbox_before = outbox_templates(&app, org).len();
    let resp = b
        .submit(&format!("{path}/propose"), &[("companion", &bert.to_string())])
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), format!("{path}#matches"));
    assert_eq!(api.status(rid).await, "proposed");
    let mid = match_ids(&app, org, rid)[0];
    let m = api.get(&format!("/v1/matches/{mid}")).await;
    assert_eq!(m["status"], "proposed");
    let audit = audit_rows(&app, org);
    assert!(has(&audit, "match_proposed", anna) && has(&audit, "match_proposed", bert));
    let told = outbox_templates(&app, org);
    assert!(told.len() > outbox_before, "people hear of it");
    assert!(told.contains(&"match_proposed.neighbour".to_string()), "{told:?}");

    let html = page(&mut b, &path).await;
    assert!(
        html.contains("Bert zegt ja") && html.contains("Anna zegt nee"),
        "{html}"
    );
    assert!(
        !html.contains("Bert voorstellen"),
        "proposed: no candidate any more"
    );
    for who in [anna, bert] {
        let resp = b
            .submit(
                &format!("/matches/{mid}/accept"),
                &[("neighbour_id", &who.to_string())],
            )
            .await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&resp), format!("{path}#match-{mid}"));
    }
    assert_eq!(api.get(&format!("/v1/matches/{mid}")).await["status"], "active");
    assert_eq!(api.status(rid).await, "matched");
    let audit = audit_rows(&app, org);
    assert!(has(&audit, "match_accepted", bert) && has(&audit, "match_activated", anna));
    assert!(outbox_templates(&app, org).contains(&"match_accepted.neighbour".to_string()));
    // Proposing again for a request that found its match: explained, nothing changes.
    let cas = api.neighbour("Cas", 3, 1).await;
    let resp = b
        .submit(&format!("{path}/propose"), &[("companion", &cas.to_string())])
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Deze vraag is intussen veranderd"), "{html}");
    assert!(
        !html.contains("href=\"#candidates\""),
        "no link to a form that is not there"
    );
    assert_eq!(match_ids(&app, org, rid).len(), 1);
    let html = page(&mut b, &path).await;
    assert!(html.contains("Hebben jullie elkaar ontmoet?"));
    assert!(html.contains("Gaat de hulp nu in twee richtingen?"));

    // Unanswered questions: refused, the note kept, nothing closed.
    let resp = b
        .submit(
            &format!("/matches/{mid}/close"),
            &[("met", "yes"), ("note", "Ze <wandelen> samen")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("Beantwoord beide vragen om af te sluiten."),
        "{html}"
    );
    assert!(html.contains("Ze &lt;wandelen&gt; samen"));
    assert!(html.contains(&format!(
        "id=\"met-{mid}-yes\" name=\"met\" value=\"yes\" checked"
    )));
    assert_eq!(api.get(&format!("/v1/matches/{mid}")).await["status"], "active");

    let resp = b
        .submit(
            &format!("/matches/{mid}/close"),
            &[
                ("met", "yes"),
                ("mutual", "not_yet"),
                ("note", "Ze wandelen samen"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let m = api.get(&format!("/v1/matches/{mid}")).await;
    assert_eq!(m["status"], "closed");
    assert_eq!(
        m["follow_up"],
        json!({"met": true, "mutual_support": false, "note": "Ze wandelen samen"})
    );
    assert_eq!(api.status(rid).await, "closed");
    assert!(has(&audit_rows(&app, org), "match_closed", bert));
    assert!(outbox_templates(&app, org).contains(&"match_closed.neighbour".to_string()));
    // Bert has room again: a new request finds him.
    let html = page(&mut b, &path).await;
    assert!(html.contains("nee of nog niet") && html.contains("Ze wandelen samen"));
    let other = api.neighbour("Carla", 1, 0).await;
    let next = api.walk(other).await;
    assert!(page(&mut b, &format!("/requests/{next}"))
        .await
        .contains("Bert voorstellen"));
}

#[tokio::test]
async fn separate_proposals_and_a_decline_without_a_reason() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 2, 1).await;
    let cas = api.neighbour("Cas", 3, 1).await;
    let rid = api.walk(anna).await;
    let path = format!("/requests/{rid}");
    let resp = b
        .submit(
            &format!("{path}/propose"),
            &[
                ("companion", &bert.to_string()),
                ("companion", &cas.to_string()),
                ("together", "no"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let ids = match_ids(&app, org, rid);
    assert_eq!(ids.len(), 2, "one proposal each");
    let html = page(&mut b, &path).await;
    let start = html.find("/decline\"").expect("a decline form");
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    assert!(
        !form.contains("<textarea") && !form.contains("<select") && !form.contains("radio"),
        "no reason asked: {form}"
    );
    let cas_match = ids[1];
    let resp = b
        .submit(
            &format!("/matches/{cas_match}/decline"),
            &[("neighbour_id", &cas.to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        api.get(&format!("/v1/matches/{cas_match}")).await["status"],
        "declined"
    );
    assert_eq!(api.status(rid).await, "proposed", "Bert's proposal still waits");
    assert!(has(&audit_rows(&app, org), "match_declined", cas));
    let html = page(&mut b, &path).await;
    assert!(html.contains("ging niet door"));
    assert!(!html.contains("Cas voorstellen"), "not proposed again");
    // Answering the declined proposal again is explained, not a failure.
    let resp = b
        .submit(
            &format!("/matches/{cas_match}/accept"),
            &[("neighbour_id", &anna.to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert!(resp.text().await.unwrap().contains("al geantwoord"));

    // Together: one proposal with both.
    let dirk = api.neighbour("Dirk", 0, 1).await;
    let rid2 = api.walk(dirk).await;
    let resp = b
        .submit(
            &format!("/requests/{rid2}/propose"),
            &[
                ("companion", &cas.to_string()),
                ("companion", &anna.to_string()),
                ("together", "yes"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let ids = match_ids(&app, org, rid2);
    assert_eq!(ids.len(), 1);
    let m = api.get(&format!("/v1/matches/{}", ids[0])).await;
    assert_eq!(m["members"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_companion_who_became_full_is_explained_and_nothing_is_proposed() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 2, 1).await;
    let cas = api.neighbour("Cas", 3, 1).await;
    let rid = api.walk(anna).await;
    // Meanwhile Bert starts walking with Dora: his room is taken.
    let dora = api.neighbour("Dora", 1, 1).await;
    let other = api.walk(dora).await;
    let m = api
        .post(
            "/v1/matches",
            &json!({"request_id": other, "companion_ids": [bert]}),
        )
        .await;
    for who in [dora, bert] {
        api.post(
            &format!("/v1/matches/{}/accept", m["id"]),
            &json!({"neighbour_id": who}),
        )
        .await;
    }
    let audit_before = audit_rows(&app, org).len();
    let outbox_before = outbox_templates(&app, org).len();
    let resp = b
        .submit(
            &format!("/requests/{rid}/propose"),
            &[("companion", &cas.to_string()), ("companion", &bert.to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Er is niemand voorgesteld."), "{html}");
    assert!(
        html.contains("Bert heeft op dit moment geen ruimte meer"),
        "{html}"
    );
    assert!(
        html.contains(&format!("value=\"{cas}\" checked")),
        "the ticks are kept"
    );
    assert!(
        match_ids(&app, org, rid).is_empty(),
        "Cas was not proposed either"
    );
    assert_eq!(api.status(rid).await, "open");
    let audit = audit_rows(&app, org);
    assert_eq!(
        audit[audit_before..]
            .iter()
            .filter(|(a, _)| a != "candidates_listed")
            .count(),
        0,
        "{audit:?}"
    );
    assert_eq!(outbox_templates(&app, org).len(), outbox_before);
    // Nobody ticked: explained too.
    let resp = b.submit(&format!("/requests/{rid}/propose"), &[]).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(resp.text().await.unwrap().contains("Vink eerst aan"));
}

/// The propose form asks what the people may hear about each other before everybody said
/// yes (issue 14): a note that breaks the rules of short texts comes back with the form
/// and proposes nobody; a good one is kept on the match.
#[tokio::test]
async fn a_proposal_keeps_the_note_the_coordinator_chose_to_share() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 2, 1).await;
    let rid = api.walk(anna).await;
    let path = format!("/requests/{rid}");
    let html = page(&mut b, &path).await;
    assert!(html.contains("name=\"shared_note\""), "{html}");
    assert!(html.contains("zonder namen of adres"), "{html}");

    let long = "x".repeat(281);
    for bad in ["twee\nregels", long.as_str()] {
        let resp = b
            .submit(
                &format!("{path}/propose"),
                &[("companion", &bert.to_string()), ("shared_note", bad)],
            )
            .await;
        assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = resp.text().await.unwrap();
        assert!(html.contains("hoogstens 280 tekens"), "{html}");
        assert!(html.contains("checked"), "the choice is kept: {html}");
        assert_eq!(api.status(rid).await, "open", "nobody proposed");
    }
    let note = "Wandelt graag langs het kanaal";
    let resp = b
        .submit(
            &format!("{path}/propose"),
            &[("companion", &bert.to_string()), ("shared_note", note)],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let mid = match_ids(&app, org, rid)[0];
    let row = super::store(&app)
        .read(|c| nabij_store::matching::get(c, org, nabij_store::MatchId(mid)))
        .unwrap();
    assert_eq!(row.shared_note.as_deref(), Some(note));
}
