//! Bad input refused at the edge (issue 12, "Input"): invisible formatting characters
//! in names and texts, e-mail addresses the mailer cannot parse, websites that are not
//! http(s), consent dates out of range and recorders a partner app would forge. Each is
//! refused with 400 `invalid_value` naming the field, and nothing is written.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{assert_problem, TestApp};
use chrono::{Duration, Utc};
use nabij_api::auth::Role;
use serde_json::{json, Value};

crate::on_both_backends!(
    format_characters_in_names_and_texts_are_refused,
    emails_the_mailer_cannot_parse_are_refused,
    websites_are_http_or_https_only,
    consent_dates_lie_in_the_past_year,
    a_partner_cannot_forge_who_recorded_consent,
    a_body_naming_what_does_not_exist_is_422_naming_the_field,
);

impl TestApp {
    async fn patch_as(&self, path: &str, token: &str, body: &Value) -> crate::helpers::Response {
        self.client
            .patch(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }
}

/// The problem names exactly `field`.
async fn refused(resp: crate::helpers::Response, field: &str) {
    let p = assert_problem(resp, 400, "invalid_value").await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(fields, [field], "{p}");
}

async fn count(app: &TestApp, token: &str, path: &str) -> usize {
    app.get_ok(path, token).await["items"]
        .as_array()
        .map_or(0, Vec::len)
}

async fn format_characters_in_names_and_texts_are_refused(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    for name in [
        "An\u{202E}txe",
        "\u{2066}An\u{2069}",
        "An\u{200B}",
        "\u{200D}An",
        "A\u{00AD}n",
    ] {
        let resp = app
            .post_as("/v1/neighbours", &token, &neighbour_at(name, 0, 1))
            .await;
        refused(resp, "display_name").await;
    }
    assert_eq!(count(&app, &token, "/v1/neighbours").await, 0, "nothing written");
    // A joiner between letters is part of the script (Persian), not a trick.
    let persian = "می\u{200C}خواهم";
    let id = app.new_neighbour(&token, &neighbour_at(persian, 0, 1)).await;
    let resp = app
        .patch_as(
            &format!("/v1/neighbours/{id}"),
            &token,
            &json!({"display_name": "Bert\u{202D}"}),
        )
        .await;
    refused(resp, "display_name").await;
    let n = app.get_ok(&format!("/v1/neighbours/{id}"), &token).await;
    assert_eq!(n["display_name"], persian, "unchanged");
    let mut request = walk_request(id);
    request["text"] = json!("Samen wandelen \u{2067}naar de markt\u{2069}");
    refused(app.post_as("/v1/requests", &token, &request).await, "text").await;
    let service = json!({"name": "Thuis\u{FEFF}zorg", "categories": ["personal_care"]});
    let resp = app.post_as("/v1/services", &token, &service).await;
    let p = assert_problem(resp, 400, "invalid_value").await;
    assert!(p["detail"].as_str().unwrap().contains("name"), "{p}");
}

async fn emails_the_mailer_cannot_parse_are_refused(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    // Each passed the old check (an @, a dot after it, no space) and lettre refuses it.
    for email in [
        "an@@example.org",
        "an@example..org",
        "\"an@example.org",
        "an@example.org>",
    ] {
        let mut body = neighbour_at("An", 0, 1);
        body["contact"] = json!({"email": email});
        refused(
            app.post_as("/v1/neighbours", &token, &body).await,
            "contact.email",
        )
        .await;
        let service = json!({"name": "Thuiszorg", "categories": ["personal_care"], "email": email});
        let p = assert_problem(
            app.post_as("/v1/services", &token, &service).await,
            400,
            "invalid_value",
        )
        .await;
        assert!(p["detail"].as_str().unwrap().contains("email"), "{p}");
    }
    assert_eq!(count(&app, &token, "/v1/neighbours").await, 0, "nothing written");
    let id = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let resp = app
        .patch_as(
            &format!("/v1/neighbours/{id}"),
            &token,
            &json!({"contact": {"email": "an@@example.org"}}),
        )
        .await;
    refused(resp, "contact.email").await;
    let resp = app
        .patch_as(
            &format!("/v1/neighbours/{id}"),
            &token,
            &json!({"contact": {"email": "an.peeters+buurt@voorbeeld.be"}}),
        )
        .await;
    assert_eq!(resp.status(), 200);
}

async fn websites_are_http_or_https_only(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    for url in [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>x</script>",
        "vbscript:x",
        "//evil.example",
    ] {
        let service = json!({"name": "Thuiszorg", "categories": ["personal_care"], "website": url});
        let p = assert_problem(
            app.post_as("/v1/services", &token, &service).await,
            400,
            "invalid_value",
        )
        .await;
        assert!(p["detail"].as_str().unwrap().contains("website"), "{url}: {p}");
    }
    assert_eq!(count(&app, &token, "/v1/services").await, 0, "nothing written");
    let service =
        json!({"name": "Thuiszorg", "categories": ["personal_care"], "website": "www.thuiszorg.be"});
    let s = app.post_ok("/v1/services", &token, &service, 201).await;
    assert_eq!(s["website"], "https://www.thuiszorg.be");
    let id = s["id"].as_i64().unwrap();
    let resp = app
        .patch_as(
            &format!("/v1/services/{id}"),
            &token,
            &json!({"website": "javascript:alert(1)"}),
        )
        .await;
    assert_problem(resp, 400, "invalid_value").await;
    let s = app.get_ok(&format!("/v1/services/{id}"), &token).await;
    assert_eq!(s["website"], "https://www.thuiszorg.be", "unchanged");
}

async fn consent_dates_lie_in_the_past_year(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let at = |d: Duration| (Utc::now() + d).to_rfc3339();
    for when in [
        at(Duration::days(1)),
        at(Duration::hours(1)),
        at(-Duration::days(365 * 30)),
        at(-Duration::days(400)),
    ] {
        let mut body = neighbour_at("An", 0, 1);
        body["consent"] = json!({"channel": "home_visit", "recorded_at": when});
        refused(
            app.post_as("/v1/neighbours", &token, &body).await,
            "consent.recorded_at",
        )
        .await;
    }
    assert_eq!(count(&app, &token, "/v1/neighbours").await, 0, "nothing written");
    // A referral card entered a month later, and a tablet whose clock runs a minute
    // ahead, are fine.
    for when in [at(-Duration::days(30)), at(Duration::minutes(1))] {
        let mut body = neighbour_at("An", 0, 1);
        body["consent"] = json!({"channel": "referral_card", "recorded_at": when});
        app.post_ok("/v1/neighbours", &token, &body, 201).await;
    }
    let id = app.new_neighbour(&token, &neighbour_at("Bert", 1, 1)).await;
    let resp = app
        .patch_as(
            &format!("/v1/neighbours/{id}"),
            &token,
            &json!({"consent": {"channel": "home_visit", "recorded_at": "1990-01-01T00:00:00Z"}}),
        )
        .await;
    refused(resp, "consent.recorded_at").await;
}

async fn a_partner_cannot_forge_who_recorded_consent(app: TestApp) {
    let partner = app.token(
        &app.org_a,
        Role::Partner,
        &["neighbours:read", "neighbours:write"],
    );
    let mut body = neighbour_at("An", 0, 1);
    body["consent"] = json!({"channel": "phone_round", "recorded_by": "Mieke (coördinator)"});
    refused(
        app.post_as("/v1/neighbours", &partner, &body).await,
        "consent.recorded_by",
    )
    .await;
    body["consent"] = json!({"channel": "phone_round"});
    let an = app.post_ok("/v1/neighbours", &partner, &body, 201).await;
    assert_eq!(
        an["consent"]["recorded_by"], "test:partner",
        "recorded as the client"
    );
    let id = an["id"].as_i64().unwrap();
    let resp = app
        .patch_as(
            &format!("/v1/neighbours/{id}"),
            &partner,
            &json!({"consent": {"channel": "home_visit", "recorded_by": "Mieke"}}),
        )
        .await;
    refused(resp, "consent.recorded_by").await;
    // Staff may name the colleague who took the consent.
    let staff = app.token(&app.org_a, Role::Coordinator, &[]);
    let mut body = neighbour_at("Bert", 1, 1);
    body["consent"] = json!({"channel": "home_visit", "recorded_by": "Mieke"});
    let bert = app.post_ok("/v1/neighbours", &staff, &body, 201).await;
    assert_eq!(bert["consent"]["recorded_by"], "Mieke");
}

/// The URL's resource exists; a field of the body names something that does not (or
/// belongs to another organisation, which looks the same): 422 `unknown_reference`
/// naming the field, not 404 as if the neighbour or the request were gone.
async fn a_body_naming_what_does_not_exist_is_422_naming_the_field(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let id = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let before = app.get_ok(&format!("/v1/neighbours/{id}"), &token).await;
    let check = |p: Value, field: &str| {
        assert_eq!(p["errors"][0]["field"], field, "{p}");
        assert!(p["detail"].as_str().unwrap().contains(field), "{p}");
    };
    let resp = app
        .patch_as(
            &format!("/v1/neighbours/{id}"),
            &token,
            &json!({"neighbourhood_id": 999_999}),
        )
        .await;
    check(
        assert_problem(resp, 422, "unknown_reference").await,
        "neighbourhood_id",
    );
    assert_eq!(
        app.get_ok(&format!("/v1/neighbours/{id}"), &token).await,
        before,
        "unchanged"
    );
    let mut body = neighbour_at("Bert", 1, 1);
    body["neighbourhood_id"] = json!(999_999);
    let resp = app.post_as("/v1/neighbours", &token, &body).await;
    check(
        assert_problem(resp, 422, "unknown_reference").await,
        "neighbourhood_id",
    );
    assert_eq!(count(&app, &token, "/v1/neighbours").await, 1, "nothing written");

    let other = app.token(&app.org_b, Role::Coordinator, &[]);
    let service = json!({"name": "Thuiszorg", "categories": ["personal_care"]});
    let theirs = app.post_ok("/v1/services", &other, &service, 201).await["id"]
        .as_i64()
        .unwrap();
    let request = app.post_ok("/v1/requests", &token, &walk_request(id), 201).await["id"]
        .as_i64()
        .unwrap();
    for service_id in [999_999, theirs] {
        let referral =
            json!({"request_id": request, "service_id": service_id, "reason": "coordinator_choice"});
        let resp = app.post_as("/v1/referrals", &token, &referral).await;
        check(assert_problem(resp, 422, "unknown_reference").await, "service_id");
    }
    let r = app.get_ok(&format!("/v1/requests/{request}"), &token).await;
    assert_eq!(r["status"], "open", "not referred: {r}");
}
