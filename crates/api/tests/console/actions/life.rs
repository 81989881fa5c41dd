//! A request's life on the console: cancel with a reason, edit, the flag on Today and on
//! the request page, re-open (issue 14).

use super::{audit_rows, has, logged_in, outbox_templates, page, store};
use crate::helpers::{location, spawn_app};
use nabij_ops::{lifecycle, Caller, Ops};
use nabij_store::clock;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_coordinator_cancels_edits_and_reopens_on_the_console() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 1, 1).await;
    let rid = api.walk(anna).await;
    let path = format!("/requests/{rid}");
    let html = page(&mut b, &path).await;
    assert!(
        html.contains("Vraag aanpassen") && html.contains("Vraag annuleren"),
        "{html}"
    );
    for (lang, text) in [("fr", "Annuler la demande"), ("en", "Cancel the request")] {
        let html = page(&mut b, &format!("{path}?lang={lang}")).await;
        assert!(html.contains(text), "{lang}");
    }
    page(&mut b, &format!("{path}?lang=nl")).await;

    // Edit: the text and the topics.
    let resp = b
        .submit(
            &format!("{path}/edit"),
            &[
                ("text", "Samen wandelen op zaterdag"),
                ("tags", "walking coffee_visit"),
                ("date", ""),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let got = api.get(&format!("/v1/requests/{rid}")).await;
    assert_eq!(got["text"], "Samen wandelen op zaterdag");
    assert_eq!(got["tags"], json!(["walking", "coffee_visit"]));
    // A bad date: the form comes back with what was typed.
    let resp = b
        .submit(
            &format!("{path}/edit"),
            &[("text", "Iets anders"), ("tags", "walking"), ("date", "morgen")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("Kijk de tekst") && html.contains("Iets anders"),
        "{html}"
    );

    // Flagged after 22 days without a match: on Today and on the page, re-open clears it.
    let ops = Ops::new(store(&app));
    let system = Caller::system(org, "a", None);
    ops.write(|tx| lifecycle::flag_expired(tx, &system, clock::now() + chrono::Duration::days(22)))
        .unwrap();
    let today = page(&mut b, "/").await;
    assert!(today.contains("Vragen die op uw keuze wachten"), "{today}");
    assert!(
        today.contains(&format!("action=\"/requests/{rid}/reopen\"")),
        "{today}"
    );
    let html = page(&mut b, &path).await;
    assert!(html.contains("Deze vraag staat al lang open"), "{html}");
    let resp = b.submit(&format!("{path}/reopen"), &[]).await;
    assert_eq!(location(&resp), path);
    assert!(api.get(&format!("/v1/requests/{rid}")).await["flag"].is_null());

    // Cancel: a proposal waits; "other" needs a note (kept when refused).
    api.post(
        "/v1/matches",
        &json!({"request_id": rid, "companion_ids": [bert]}),
    )
    .await;
    let resp = b
        .submit(&format!("{path}/cancel"), &[("reason", "other"), ("note", "")])
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Kies een reden"), "{html}");
    assert!(html.contains("value=\"other\" checked"), "{html}");
    let resp = b
        .submit(
            &format!("{path}/cancel"),
            &[("reason", "person_asked"), ("note", "Belde zelf af")],
        )
        .await;
    assert_eq!(location(&resp), path);
    assert_eq!(api.status(rid).await, "cancelled");
    let rows = audit_rows(&app, org);
    assert!(has(&rows, "request_cancelled", anna));
    assert!(has(&rows, "match_withdrawn", bert));
    let told = outbox_templates(&app, org);
    assert_eq!(
        told.iter().filter(|t| *t == "match_declined.neighbour").count(),
        2,
        "{told:?}"
    );
    let html = page(&mut b, &path).await;
    assert!(
        html.contains("De persoon vroeg het zelf: Belde zelf af"),
        "{html}"
    );
    // Cancelled: no more forms; a second cancel is refused with the message.
    let resp = b
        .submit(&format!("{path}/cancel"), &[("reason", "no_longer_needed")])
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(resp.text().await.unwrap().contains("kan niet meer geannuleerd"));
}
