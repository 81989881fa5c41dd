//! Console tests: bad input (issue 12, "Input"). The forms check with the store's field
//! rules and show the message next to the field, in Dutch by default, and write nothing;
//! text typed into a name is never expanded as a placeholder.

use crate::helpers::{spawn_app, Browser};
use crate::people::{api_get, api_post, api_token, file_request, id_of, register};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn placeholders_typed_into_a_name_are_shown_as_typed() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let anna = register(&mut b, &app.org_a, "{what}", &[]).await;
    let bert = register(&mut b, &app.org_a, "%s {who}", &[]).await;
    let (anna_id, bert_id) = (id_of(&anna), id_of(&bert));
    let request = file_request(&mut b, &anna, "Samen wandelen op dinsdag").await;
    let token = api_token(&app, &app.org_a);
    let m = api_post(
        &app,
        &token,
        "/v1/matches",
        json!({"request_id": request, "companion_ids": [bert_id]}),
    )
    .await;
    assert!(m["id"].is_i64());
    let html = b.get(&bert).await.text().await.unwrap();
    assert!(
        html.contains(&format!(
            "Voorstel om <a href=\"/neighbours/{anna_id}\">{{what}}</a> te helpen met: <a href=\"/requests/{request}\">Samen wandelen op dinsdag</a>"
        )),
        "{html}"
    );
    let html = b.get(&anna).await.text().await.unwrap();
    assert!(
        html.contains(&format!(
            "Voorstel: <a href=\"/neighbours/{bert_id}\">%s {{who}}</a> zou helpen met:"
        )),
        "{html}"
    );
}

#[tokio::test]
async fn the_forms_refuse_what_the_store_refuses_next_to_the_field() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let token = api_token(&app, &app.org_a);
    let hood = app.org_a.neighbourhood.to_string();
    for (field, value, message) in [
        ("display_name", "Anna\u{202E}snaaJ", "onzichtbare opmaaktekens"),
        ("email", "anna@@example.org", "Dit e-mailadres klopt niet"),
        ("phone", "112", "minstens 6 cijfers"),
    ] {
        let mut form = vec![
            ("display_name", "Anna"),
            ("consent", "home_visit"),
            ("neighbourhood_id", hood.as_str()),
        ];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let resp = b.submit("/neighbours/new", &form).await;
        assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let html = resp.text().await.unwrap();
        assert!(html.contains(message), "{field}: {html}");
        assert!(
            html.contains(&format!("id=\"{field}-error\"")) || html.contains(&format!("{field}-error")),
            "{field}: next to the field: {html}"
        );
    }
    assert_eq!(
        api_get(&app, &token, "/v1/neighbours").await.1["items"],
        json!([])
    );

    for (field, value, message) in [
        (
            "website",
            "javascript:alert(document.cookie)",
            "begint met http:// of https://",
        ),
        ("website", "data:text/html,x", "begint met http:// of https://"),
        ("email", "info@@thuiszorg.be", "Dit e-mailadres klopt niet"),
        ("name", "Thuis\u{200B}zorg", "onzichtbare opmaaktekens"),
        ("phone", "10", "minstens 3 cijfers"),
    ] {
        let mut form = vec![("name", "Thuiszorg Pelt"), ("categories", "personal_care")];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let resp = b.submit("/services/new", &form).await;
        assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field} {value}");
        let html = resp.text().await.unwrap();
        assert!(html.contains(message), "{field}: {html}");
    }
    assert_eq!(api_get(&app, &token, "/v1/services").await.1["items"], json!([]));
    // A short service number and an address without a scheme are fine; the address is
    // stored with https://.
    let resp = b
        .submit(
            "/services/new",
            &[
                ("name", "Tele-Onthaal"),
                ("phone", "106"),
                ("website", "www.tele-onthaal.be"),
                ("categories", "personal_care"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let (_, list) = api_get(&app, &token, "/v1/services").await;
    assert_eq!(list["items"][0]["phone"], "106");
    assert_eq!(list["items"][0]["website"], "https://www.tele-onthaal.be");
}
