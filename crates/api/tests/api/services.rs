//! `/v1/services/{id}`: reading, changing and removing a service of the directory.

use crate::fixtures::neighbour_at;
use crate::helpers::{assert_problem, Response, TestApp};
use nabij_api::auth::Role;
use serde_json::{json, Value};

crate::on_both_backends!(
    staff_change_a_service_and_bad_changes_change_nothing,
    a_removed_service_is_off_the_directory_but_its_referrals_stay,
    another_organisation_and_partners_cannot_touch_a_service,
);

async fn patch(app: &TestApp, token: &str, path: &str, body: &Value) -> Response {
    app.client
        .patch(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn delete(app: &TestApp, token: &str, path: &str) -> Response {
    app.client
        .delete(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn new_service(app: &TestApp, token: &str) -> (i64, String) {
    let body = json!({
        "name": "Thuiszorg Pelt", "description": "Verzorging aan huis",
        "categories": ["personal_care"], "phone": "011 22 33 44", "email": "info@thuiszorg.be"
    });
    let resp = app.post_as("/v1/services", token, &body).await;
    assert_eq!(resp.status().as_u16(), 201);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    let s: Value = resp.json().await.unwrap();
    let id = s["id"].as_i64().unwrap();
    assert_eq!(location, format!("/v1/services/{id}"));
    (id, location)
}

async fn staff_change_a_service_and_bad_changes_change_nothing(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let coordinator = app.token(&app.org_a, Role::Coordinator, &[]);
    let (_, path) = new_service(&app, &admin).await;
    let before = app.get_ok(&path, &coordinator).await;
    assert_eq!(before["name"], "Thuiszorg Pelt");

    let resp = patch(
        &app,
        &coordinator,
        &path,
        &json!({"phone": "011 99 88 77", "email": null, "area": "Pelt", "categories": ["structural", "personal_care"]}),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let s: Value = resp.json().await.unwrap();
    assert_eq!(s["name"], "Thuiszorg Pelt", "absent fields stay");
    assert_eq!(s["description"], "Verzorging aan huis");
    assert_eq!(s["phone"], "011 99 88 77");
    assert_eq!(s["email"], Value::Null);
    assert_eq!(s["area"], "Pelt");
    assert_eq!(s["categories"], json!(["personal_care", "structural"]));
    assert_eq!(app.get_ok(&path, &coordinator).await, s);
    // An empty string clears too.
    let s: Value = patch(&app, &admin, &path, &json!({"area": ""}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["area"], Value::Null);

    // Bad changes: refused with a problem, nothing written.
    let now = app.get_ok(&path, &coordinator).await;
    for (body, code) in [
        (json!({"name": ""}), "invalid_value"),
        (json!({"name": "   "}), "invalid_value"),
        (json!({"name": "x".repeat(201)}), "invalid_value"),
        (json!({"categories": ["Zorg!"]}), "invalid_value"),
        (json!({"phone": "1".repeat(40), "name": "Ander"}), "invalid_value"),
        (json!({"organisation_id": 2}), "unknown_field"),
        (json!({"id": 9}), "unknown_field"),
        (json!({"name": 5}), "invalid_value"),
        // Found by contract fuzzing: null where nothing can be cleared, control characters.
        (json!({"categories": null}), "invalid_value"),
        (json!({"name": null}), "invalid_value"),
        (json!({"name": "Zorg\u{1a}"}), "invalid_value"),
    ] {
        let resp = patch(&app, &coordinator, &path, &body).await;
        assert_problem(resp, 400, code).await;
    }
    let resp = app
        .client
        .patch(app.url(&path))
        .bearer_auth(&coordinator)
        .header("Content-Type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_problem(resp, 400, "malformed_json").await;
    assert_problem(
        patch(&app, &coordinator, "/v1/services/abc", &json!({})).await,
        400,
        "invalid_id",
    )
    .await;
    assert_problem(
        patch(&app, &coordinator, "/v1/services/999999", &json!({"name": "X"})).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(app.get_ok(&path, &coordinator).await, now);
    // An empty change is fine and changes nothing.
    let resp = patch(&app, &coordinator, &path, &json!({})).await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(app.get_ok(&path, &coordinator).await, now);
}

async fn a_removed_service_is_off_the_directory_but_its_referrals_stay(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let (sid, path) = new_service(&app, &token).await;
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let care = |text: &str| {
        json!({"neighbour_id": an, "kind": "practical", "text": text,
               "window": {"type": "flexible"}, "recurrence": "weekly"})
    };
    let req = app
        .new_request(
            &token,
            &care("Iemand die mijn medicatie klaarzet voor de hele week."),
        )
        .await;
    let rid = req["id"].as_i64().unwrap();
    assert_eq!(req["suggested_services"][0]["id"], sid);
    let referral = json!({"request_id": rid, "service_id": sid, "reason": "out_of_scope"});
    app.post_ok("/v1/referrals", &token, &referral, 201).await;

    let resp = delete(&app, &token, &path).await;
    assert_eq!(resp.status().as_u16(), 204);
    assert_problem(app.get_with_token(&path, &token).await, 404, "not_found").await;
    assert_problem(delete(&app, &token, &path).await, 404, "not_found").await;
    assert_problem(
        patch(&app, &token, &path, &json!({"name": "Terug"})).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(app.get_ok("/v1/services", &token).await["items"], json!([]));
    // Not suggested, not referred to any more.
    let req = app
        .new_request(&token, &care("Hulp bij het wassen en aankleden elke ochtend."))
        .await;
    assert_eq!(req["suggested_services"], json!([]));
    let again = json!({"request_id": req["id"], "service_id": sid, "reason": "out_of_scope"});
    // The URL (/v1/referrals) is there; the service the body names is not (issue 12).
    assert_problem(
        app.post_as("/v1/referrals", &token, &again).await,
        422,
        "unknown_reference",
    )
    .await;
    // The earlier referral still points at it.
    let export = app.get_ok(&format!("/v1/neighbours/{an}/export"), &token).await;
    assert_eq!(export["referrals"][0]["service_id"], sid, "{export}");
}

async fn another_organisation_and_partners_cannot_touch_a_service(app: TestApp) {
    let a = app.token(&app.org_a, Role::Coordinator, &[]);
    let (_, path) = new_service(&app, &a).await;
    let before = app.get_ok(&path, &a).await;
    for token in [
        app.token(&app.org_b, Role::Admin, &[]),
        app.token(&app.org_b, Role::Coordinator, &[]),
    ] {
        assert_problem(app.get_with_token(&path, &token).await, 404, "not_found").await;
        assert_problem(
            patch(&app, &token, &path, &json!({"name": "Overgenomen"})).await,
            404,
            "not_found",
        )
        .await;
        assert_problem(delete(&app, &token, &path).await, 404, "not_found").await;
    }
    // A partner of A may read the directory but not keep it.
    let partner = app.token(&app.org_a, Role::Partner, &["neighbours:write", "requests:write"]);
    assert_eq!(app.get_ok(&path, &partner).await, before);
    assert_problem(
        patch(&app, &partner, &path, &json!({"name": "X"})).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(delete(&app, &partner, &path).await, 403, "forbidden").await;
    let partner_b = app.token(&app.org_b, Role::Partner, &[]);
    assert_problem(app.get_with_token(&path, &partner_b).await, 404, "not_found").await;
    assert_eq!(app.get_ok(&path, &a).await, before);
}
