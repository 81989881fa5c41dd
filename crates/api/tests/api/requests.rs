//! `/v1/requests`: scope verdict, suggestions, override, referral, listing, privacy.

use crate::fixtures::{assert_no_coordinates, neighbour_at, walk_request, PLACE_LAT, PLACE_LON};
use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::Role;
use serde_json::{json, Value};

crate::on_both_backends!(
    out_of_scope_waits_for_a_referral_with_suggestions_and_can_be_overruled,
    requests_list_by_status_and_never_echo_their_place,
    weak_evidence_is_flagged_for_review_until_a_coordinator_decides,
);

/// `reasons` is the Dutch text of each entry of `reasons_i18n`, which has all three
/// languages, none of them joined with another ("nl / en", as stored before).
fn assert_reasons_in_three_languages(scope: &Value) {
    let texts = scope["reasons"].as_array().unwrap();
    let i18n = scope["reasons_i18n"].as_array().unwrap();
    assert!(!texts.is_empty());
    assert_eq!(texts.len(), i18n.len(), "{scope}");
    for (text, r) in texts.iter().zip(i18n) {
        assert_eq!(text, &r["nl"], "{scope}");
        for lang in ["nl", "fr", "en"] {
            let t = r[lang].as_str().unwrap();
            assert!(!t.is_empty() && !t.contains(" / "), "{scope}");
        }
        assert_ne!(r["nl"], r["fr"], "{scope}");
    }
}

async fn out_of_scope_waits_for_a_referral_with_suggestions_and_can_be_overruled(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let care = json!({"name": "Thuiszorg Pelt", "categories": ["personal_care"], "phone": "011 22 33 44"});
    let service = app.post_ok("/v1/services", &token, &care, 201).await;
    let sid = service["id"].as_i64().unwrap();
    let heavy = json!({"name": "Verhuisdienst", "categories": ["heavy"]});
    app.post_ok("/v1/services", &token, &heavy, 201).await;
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let body = json!({
        "neighbour_id": an,
        "kind": "practical",
        "text": "Iemand die mijn medicatie klaarzet voor de hele week.",
        "window": {"type": "flexible"},
        "recurrence": "weekly"
    });
    let req = app.new_request(&token, &body).await;
    let rid = req["id"].as_i64().unwrap();
    assert_eq!(req["status"], "referral_needed");
    assert_eq!(req["scope"]["in_scope"], false);
    assert_eq!(req["scope"]["category"], "personal_care");
    assert_eq!(req["scope"]["needs_review"], false, "{req}");
    assert_reasons_in_three_languages(&req["scope"]);
    assert!(
        req["scope"]["reasons_i18n"][0]["fr"]
            .as_str()
            .unwrap()
            .ends_with("des soins personnels"),
        "{req}"
    );
    let suggested: Vec<i64> = req["suggested_services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(suggested, [sid]);
    // Never matched to a neighbour while out of scope.
    let resp = app
        .get_with_token(&format!("/v1/requests/{rid}/candidates"), &token)
        .await;
    assert_problem(resp, 409, "request_not_open").await;

    // Only coordinators and admins overrule the guard.
    let partner = app.token(&app.org_a, Role::Partner, &["requests:write"]);
    let path = format!("/v1/requests/{rid}/scope-override");
    let to_small = json!({"category": "small_help", "reason": "Alleen de doos klaarzetten, geen zorg"});
    assert_problem(app.post_as(&path, &partner, &to_small).await, 403, "forbidden").await;
    let got = app.post_ok(&path, &token, &to_small, 200).await;
    assert_eq!(got["status"], "open");
    assert_eq!(got["scope"]["in_scope"], true);
    assert_eq!(got["scope"]["overridden"], true);
    assert_eq!(got["suggested_services"], json!([]));
    let back = json!({"category": "personal_care", "reason": "Toch zorg na huisbezoek"});
    let got = app.post_ok(&path, &token, &back, 200).await;
    assert_eq!(got["status"], "referral_needed");
    assert_eq!(got["scope"]["category"], "personal_care");
    assert_reasons_in_three_languages(&got["scope"]);
    let last = got["scope"]["reasons_i18n"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last["nl"],
        "aanspreekpersoon koos persoonlijke verzorging: Toch zorg na huisbezoek"
    );
    assert_eq!(
        last["fr"],
        "le coordinateur a choisi des soins personnels : Toch zorg na huisbezoek"
    );
    assert_eq!(
        last["en"],
        "coordinator chose personal care: Toch zorg na huisbezoek"
    );

    let referral = json!({"request_id": rid, "service_id": sid, "reason": "out_of_scope"});
    let r = app.post_ok("/v1/referrals", &token, &referral, 201).await;
    assert_eq!(
        (r["service_id"].as_i64(), r["reason"].as_str()),
        (Some(sid), Some("out_of_scope"))
    );
    assert_eq!(
        app.get_ok(&format!("/v1/requests/{rid}"), &token).await["status"],
        "referred"
    );
    // A referred request is no longer waiting.
    assert_problem(
        app.post_as("/v1/referrals", &token, &referral).await,
        409,
        "request_status",
    )
    .await;
    assert_problem(app.post_as(&path, &token, &to_small).await, 409, "request_status").await;

    let page = app.get_ok("/v1/services?limit=1", &partner).await;
    assert_eq!(page["items"][0]["id"], sid);
    let cursor = page["next_cursor"].as_str().unwrap();
    let page = app
        .get_ok(&format!("/v1/services?cursor={cursor}"), &partner)
        .await;
    assert_eq!(page["items"][0]["name"], "Verhuisdienst");
    assert_problem(
        app.post_as("/v1/services", &partner, &heavy).await,
        403,
        "forbidden",
    )
    .await;
}

async fn requests_list_by_status_and_never_echo_their_place(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let bert = app.new_neighbour(&token, &neighbour_at("Bert", 1, 1)).await;
    let mut body = walk_request(an);
    body["location"] = json!({"lat": PLACE_LAT, "lon": PLACE_LON});
    let date = (chrono::Utc::now().date_naive() + chrono::Days::new(7)).to_string();
    body["window"] = json!({"type": "once", "date": date, "parts": ["afternoon"]});
    let created = app.new_request(&token, &body).await;
    assert_eq!(created["has_own_location"], true);
    assert_eq!(created["window"]["type"], "once");
    let rid = created["id"].as_i64().unwrap();
    let second = app.new_request(&token, &walk_request(bert)).await["id"]
        .as_i64()
        .unwrap();
    app.propose(&token, second, &[an]).await;

    let reader = app.token(&app.org_a, Role::Partner, &["requests:read"]);
    let all = app.get_ok("/v1/requests", &reader).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let open = app.get_ok("/v1/requests?status=open", &reader).await;
    let ids: Vec<i64> = open["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [rid]);
    let theirs = app
        .get_ok(&format!("/v1/requests?neighbour_id={bert}"), &reader)
        .await;
    assert_eq!(theirs["items"][0]["status"], "proposed");
    let page = app.get_ok("/v1/requests?limit=1", &reader).await;
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest = app
        .get_ok(&format!("/v1/requests?limit=1&cursor={cursor}"), &reader)
        .await;
    assert_eq!(rest["items"][0]["id"], second);
    assert!(rest["next_cursor"].is_null());
    for bad in [
        "status=busy",
        "neighbour_id=0",
        "limit=101",
        "cursor=x",
        "sort=id",
    ] {
        let resp = app.get_with_token(&format!("/v1/requests?{bad}"), &reader).await;
        assert_eq!(resp.status().as_u16(), 400, "{bad}");
    }
    // The reader may not write, and a partner without request scopes may not read.
    assert_problem(
        app.post_as("/v1/requests", &reader, &walk_request(an)).await,
        403,
        "forbidden",
    )
    .await;
    let other = app.token(&app.org_a, Role::Partner, &["neighbours:write"]);
    assert_problem(app.get_with_token("/v1/requests", &other).await, 403, "forbidden").await;
    // The place is used for matching but never shown.
    let got: Value = app.get_ok(&format!("/v1/requests/{rid}"), &token).await;
    assert_no_coordinates(&got.to_string());
    assert!(got.get("location").is_none());
    let cands = app
        .get_ok(&format!("/v1/requests/{rid}/candidates"), &token)
        .await;
    assert_no_coordinates(&cands.to_string());
}

/// A verdict on weak evidence stays in scope but carries `needs_review`, on filing and on
/// reading; a coordinator's override clears it.
async fn weak_evidence_is_flagged_for_review_until_a_coordinator_decides(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let body = json!({
        "neighbour_id": an,
        "kind": "practical",
        "text": "Je peux t'aider à monter les meubles",
        "window": {"type": "flexible"}
    });
    let req = app.new_request(&token, &body).await;
    let rid = req["id"].as_i64().unwrap();
    assert_eq!(req["scope"]["in_scope"], true, "{req}");
    assert_eq!(req["scope"]["needs_review"], true, "{req}");
    assert_reasons_in_three_languages(&req["scope"]);
    let last = req["scope"]["reasons_i18n"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!(
        last["en"]
            .as_str()
            .unwrap()
            .contains("a coordinator should check"),
        "{req}"
    );
    let got = app.get_ok(&format!("/v1/requests/{rid}"), &token).await;
    assert_eq!(got["scope"]["needs_review"], true, "{got}");

    let path = format!("/v1/requests/{rid}/scope-override");
    let small = json!({"category": "small_help", "reason": "Een kast in elkaar zetten"});
    let got = app.post_ok(&path, &token, &small, 200).await;
    assert_eq!(got["scope"]["overridden"], true);
    assert_eq!(got["scope"]["needs_review"], false, "{got}");
}
