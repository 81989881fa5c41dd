//! `/v1/signals` on both backends: a partner's referral card becomes a registration
//! and a request with the card's consent channel; exactly one outcome; a partner reads
//! back only its own signals; limited coordinators and other organisations get 404;
//! bad input is 400/422 and writes nothing; erasing a neighbour erases their signals.

use crate::fixtures::{neighbour_at, signal_card};
use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::{Caller, Role};
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use nabij_store::testing::execute_sql;
use serde_json::{json, Value};
use std::time::Duration;

crate::on_both_backends!(
    a_partners_referral_card_becomes_a_registration_and_a_request,
    other_outcomes_refer_call_back_or_record_who_wanted_nothing,
    bad_signals_are_refused_and_write_nothing,
    limited_coordinators_other_partners_and_organisations_get_404,
    overdue_signals_are_found_and_erasure_takes_signals_along,
);

/// A partner app's token with its own subject (`client:<name>`).
fn partner(app: &TestApp, name: &str, scopes: &[&str]) -> String {
    let who = Caller {
        subject: format!("client:{name}"),
        org: app.org_a.id,
        org_slug: app.org_a.slug.clone(),
        role: Role::Partner,
        neighbourhoods: None,
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
    };
    app.keys()
        .issue(&app.token_config(), &who, Duration::from_secs(300))
        .unwrap()
        .access_token
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

fn items(v: &Value) -> Vec<i64> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

async fn a_partners_referral_card_becomes_a_registration_and_a_request(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let apotheek = partner(&app, "apotheek", &["signals:write"]);
    let s = app
        .post_ok("/v1/signals", &apotheek, &signal_card("Maria Peeters"), 201)
        .await;
    let id = s["id"].as_i64().unwrap();
    assert_eq!(s["status"], "open");
    assert_eq!(s["overdue"], false);
    assert_eq!(s["filed_by"], "client:apotheek");
    assert_eq!(s["person"]["name"], "Maria Peeters");
    assert_eq!(s["person"]["has_address"], false);
    let due = nabij_store::signal::add_working_days(today(), 5);
    assert_eq!(s["contact_by"], due.to_string(), "{s}");
    // The partner reads its own signal back; the staff see it too.
    assert_eq!(app.get_ok(&format!("/v1/signals/{id}"), &apotheek).await, s);
    assert_eq!(items(&app.get_ok("/v1/signals", &apotheek).await), [id]);
    assert_eq!(items(&app.get_ok("/v1/signals?status=open", &admin).await), [id]);
    // A partner does not record outcomes.
    let body = json!({"outcome": "no_action_wanted", "decided_by": "Maria zelf"});
    let resp = app
        .post_as(&format!("/v1/signals/{id}/outcome"), &apotheek, &body)
        .await;
    assert_problem(resp, 403, "forbidden").await;

    // The coordinator phoned Maria: she registers and asks for a walk. The consent
    // channel comes from the card.
    let mut neighbour = neighbour_at("Maria Peeters", 0, 1);
    neighbour.as_object_mut().unwrap().remove("consent");
    let outcome = json!({
        "outcome": "registered",
        "neighbour": neighbour,
        "request": {
            "kind": "companionship",
            "tags": ["walking"],
            "text": "Samen wandelen",
            "window": {"type": "weekly", "slots": ["tue-afternoon"]}
        }
    });
    let done = app
        .post_ok(&format!("/v1/signals/{id}/outcome"), &admin, &outcome, 200)
        .await;
    let nid = done["neighbour_id"].as_i64().unwrap();
    let rid = done["request_id"].as_i64().unwrap();
    assert_eq!(done["signal"]["status"], "closed");
    assert_eq!(done["signal"]["outcome"]["outcome"], "registered");
    assert_eq!(done["signal"]["outcome"]["request_id"], rid);
    assert_eq!(done["signal"]["neighbour_id"], nid);
    assert!(done["signal"]["person"].is_null(), "{done}");
    let n = app.get_ok(&format!("/v1/neighbours/{nid}"), &admin).await;
    assert_eq!(n["consent"]["channel"], "referral_card", "{n}");
    let r = app.get_ok(&format!("/v1/requests/{rid}"), &admin).await;
    assert_eq!(r["neighbour_id"], nid);
    assert_eq!(r["status"], "open");

    // Exactly one outcome: a second is 409 and changes nothing.
    let resp = app
        .post_as(&format!("/v1/signals/{id}/outcome"), &admin, &body)
        .await;
    assert_problem(resp, 409, "signal_closed").await;
    let again = app.get_ok(&format!("/v1/signals/{id}"), &admin).await;
    assert_eq!(again, done["signal"]);
    assert_eq!(
        app.get_ok("/v1/signals?status=open", &admin).await["items"],
        json!([])
    );
    assert_eq!(
        items(&app.get_ok("/v1/signals?status=closed", &admin).await),
        [id]
    );
}

async fn other_outcomes_refer_call_back_or_record_who_wanted_nothing(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let an = app.new_neighbour(&admin, &neighbour_at("An", 0, 1)).await;
    let about_an = json!({"neighbour_id": an, "source": "companion", "life_domains": ["health"],
                          "text": "Haar buurvrouw merkt dat ze vergeetachtig wordt."});
    let file = || async {
        app.post_ok("/v1/signals", &admin, &about_an, 201).await["id"]
            .as_i64()
            .unwrap()
    };
    let service = app
        .post_ok(
            "/v1/services",
            &admin,
            &json!({"name": "Thuiszorg", "categories": ["personal_care"]}),
            201,
        )
        .await["id"]
        .as_i64()
        .unwrap();

    let s1 = file().await;
    let s = app.get_ok(&format!("/v1/signals/{s1}"), &admin).await;
    assert_eq!(
        s["contact_by"],
        nabij_store::signal::add_working_days(today(), 3).to_string()
    );
    let done = app
        .post_ok(
            &format!("/v1/signals/{s1}/outcome"),
            &admin,
            &json!({"outcome": "referred", "service_id": service}),
            200,
        )
        .await;
    let o = &done["signal"]["outcome"];
    assert_eq!(o["service_id"], service);
    let check = nabij_store::signal::add_working_days(today(), 10).to_string();
    assert_eq!(o["check_on"], check, "{done}");

    let s2 = file().await;
    let tomorrow = today().succ_opt().unwrap().to_string();
    let done = app
        .post_ok(
            &format!("/v1/signals/{s2}/outcome"),
            &admin,
            &json!({"outcome": "recurring_call", "next_call_on": tomorrow}),
            200,
        )
        .await;
    assert_eq!(done["signal"]["outcome"]["next_call_on"], tomorrow);
    let call = done["signal"]["outcome"]["call_id"].as_i64().unwrap();
    // On the phone list from tomorrow on: not yet today.
    let calls = app.get_ok("/v1/calls", &admin).await;
    assert!(!items(&calls).contains(&call), "{calls}");
    app.store
        .write(|c| {
            execute_sql(
                c,
                &format!("UPDATE notification_calls SET due_at = created_at WHERE id = {call}"),
            )
        })
        .unwrap();
    let calls = app.get_ok("/v1/calls", &admin).await;
    let entry = calls["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == call)
        .unwrap_or_else(|| panic!("call {call} in {calls}"));
    assert_eq!(entry["reason"], "recurring_call");
    assert_eq!(entry["neighbour_id"], an);

    let s3 = file().await;
    let done = app
        .post_ok(
            &format!("/v1/signals/{s3}/outcome"),
            &admin,
            &json!({"outcome": "no_action_wanted", "decided_by": "An zelf"}),
            200,
        )
        .await;
    assert_eq!(done["signal"]["outcome"]["decided_by"], "An zelf");
    assert_eq!(done["signal"]["outcome"]["decided_on"], today().to_string());
    let by_source = app
        .get_ok("/v1/signals?source=companion&status=closed", &admin)
        .await;
    assert_eq!(items(&by_source), [s1, s2, s3]);
}

async fn bad_signals_are_refused_and_write_nothing(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let other_admin = app.token(&app.org_b, Role::Admin, &[]);
    let theirs = app.new_neighbour(&other_admin, &neighbour_at("Bert", 0, 1)).await;
    let with = |f: &dyn Fn(&mut Value)| {
        let mut b = signal_card("Maria");
        f(&mut b);
        b
    };
    let bad = [
        with(&|b| b["life_domains"] = json!([])),
        with(&|b| b["life_domains"] = json!(["health", "health"])),
        with(&|b| b["life_domains"] = json!(["wealth"])),
        with(&|b| b["source"] = json!("rumour")),
        with(&|b| b["text"] = json!("nul \u{0} byte")),
        with(&|b| b["person"]["basis"] = json!("hearsay")),
        with(&|b| b["person"]["phone"] = json!(null)),
        with(&|b| b["signed_on"] = json!(null)),
        with(&|b| b["referring_partner"] = json!(null)),
        with(&|b| b["neighbour_id"] = json!(1)),
        with(&|b| b["contact_by"] = json!("2001-01-01")),
        with(&|b| b["signed_on"] = json!("2099-01-01")),
    ];
    for body in &bad {
        let resp = app.post_as("/v1/signals", &admin, body).await;
        assert_problem(resp, 400, "invalid_value").await;
    }
    let resp = app
        .post_as("/v1/signals", &admin, &with(&|b| b["organisation_id"] = json!(2)))
        .await;
    assert_problem(resp, 400, "unknown_field").await;
    // Another organisation's neighbour is an unknown reference (422).
    let about_theirs = json!({"neighbour_id": theirs, "source": "coordinator", "life_domains": ["housing"]});
    let resp = app.post_as("/v1/signals", &admin, &about_theirs).await;
    let p = assert_problem(resp, 422, "unknown_reference").await;
    assert_eq!(p["errors"][0]["field"], "neighbour_id", "{p}");
    // A partner app files referral cards and its own signals only, and names no
    // neighbour without a neighbours scope.
    let app_token = partner(&app, "huisarts", &["signals:write"]);
    let resp = app
        .post_as(
            "/v1/signals",
            &app_token,
            &with(&|b| b["source"] = json!("home_visit")),
        )
        .await;
    assert_problem(resp, 400, "invalid_value").await;
    let mut by_partner = about_theirs.clone();
    by_partner["source"] = json!("partner");
    let resp = app.post_as("/v1/signals", &app_token, &by_partner).await;
    assert_problem(resp, 403, "forbidden").await;
    assert_eq!(app.get_ok("/v1/signals", &admin).await["items"], json!([]));

    // A bad outcome writes nothing either: no neighbour from a registration whose
    // consent channel is not the card's.
    let id = app
        .post_ok("/v1/signals", &admin, &signal_card("Maria"), 201)
        .await["id"]
        .as_i64()
        .unwrap();
    let neighbours_before = app.get_ok("/v1/neighbours", &admin).await;
    let path = format!("/v1/signals/{id}/outcome");
    let outcomes = [
        json!({"outcome": "registered", "neighbour": neighbour_at("Maria", 0, 1)}),
        json!({"outcome": "registered"}),
        json!({"outcome": "referred"}),
        json!({"outcome": "referred", "service_id": 1, "decided_by": "x"}),
        json!({"outcome": "recurring_call", "next_call_on": today().succ_opt().unwrap().to_string()}),
        json!({"outcome": "no_action_wanted", "decided_by": " "}),
        json!({"outcome": "no_action_wanted", "decided_by": "Maria", "decided_on": "2099-01-01"}),
        json!({"outcome": "closed"}),
        json!({"outcome": "registered", "request": {"neighbour_id": 1, "kind": "practical", "window": {"type": "flexible"}}}),
    ];
    for body in &outcomes {
        let resp = app.post_as(&path, &admin, body).await;
        assert_problem(resp, 400, "invalid_value").await;
    }
    let resp = app
        .post_as(
            &path,
            &admin,
            &json!({"outcome": "referred", "service_id": 999999}),
        )
        .await;
    assert_problem(resp, 422, "unknown_reference").await;
    assert_eq!(app.get_ok("/v1/neighbours", &admin).await, neighbours_before);
    let s = app.get_ok(&format!("/v1/signals/{id}"), &admin).await;
    assert_eq!(s["status"], "open", "{s}");
}

async fn limited_coordinators_other_partners_and_organisations_get_404(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let (north, south) = app
        .store
        .write(|c| {
            let mk = |name: &str, lat: f64| NewNeighbourhood {
                name: name.into(),
                centre_lat: lat,
                centre_lon: crate::fixtures::LON,
                radius_m: 300.0,
            };
            let n = neighbourhood::create(c, app.org_a.id, &mk("Noord", crate::fixtures::LAT + 0.004))?;
            let s = neighbourhood::create(c, app.org_a.id, &mk("Zuid", crate::fixtures::LAT))?;
            Ok((n.id, s.id))
        })
        .unwrap();
    let mut zuid = signal_card("Zoë Zuid");
    zuid["neighbourhood_id"] = json!(south.get());
    let mut noord = signal_card("Noor Noord");
    noord["neighbourhood_id"] = json!(north.get());
    let z = app.post_ok("/v1/signals", &admin, &zuid, 201).await["id"]
        .as_i64()
        .unwrap();
    let n = app.post_ok("/v1/signals", &admin, &noord, 201).await["id"]
        .as_i64()
        .unwrap();
    let nowhere = app
        .post_ok("/v1/signals", &admin, &signal_card("Nemo"), 201)
        .await["id"]
        .as_i64()
        .unwrap();
    let limited = app.limited_token(&app.org_a, &[north]);
    let other_org = app.token(&app.org_b, Role::Admin, &[]);
    let other_partner = partner(&app, "someone-else", &["signals:write", "neighbours:read"]);
    let body = json!({"outcome": "no_action_wanted", "decided_by": "Iemand"});
    for (who, token, ids) in [
        ("limited", &limited, vec![z, nowhere]),
        ("other org", &other_org, vec![z, n, nowhere]),
        ("other partner", &other_partner, vec![z, n, nowhere]),
    ] {
        for id in ids {
            let resp = app.get_with_token(&format!("/v1/signals/{id}"), token).await;
            assert_eq!(resp.status().as_u16(), 404, "{who} GET {id}");
            let resp = app
                .post_as(&format!("/v1/signals/{id}/outcome"), token, &body)
                .await;
            let want = if who == "other partner" { 403 } else { 404 };
            assert_eq!(resp.status().as_u16(), want, "{who} outcome {id}");
        }
    }
    assert_eq!(items(&app.get_ok("/v1/signals", &limited).await), [n]);
    assert_eq!(
        items(&app.get_ok("/v1/signals", &other_org).await),
        Vec::<i64>::new()
    );
    assert_eq!(
        items(&app.get_ok("/v1/signals", &other_partner).await),
        Vec::<i64>::new()
    );
    let filtered = app
        .get_ok(&format!("/v1/signals?neighbourhood_id={}", south.get()), &admin)
        .await;
    assert_eq!(items(&filtered), [z]);
    // A limited coordinator files in their own neighbourhoods only.
    let resp = app.post_as("/v1/signals", &limited, &zuid).await;
    assert_problem(resp, 400, "invalid_value").await;
    let resp = app.post_as("/v1/signals", &limited, &signal_card("Nemo")).await;
    assert_problem(resp, 400, "invalid_value").await;
    app.post_ok("/v1/signals", &limited, &noord, 201).await;
    // Nothing was closed.
    assert_eq!(
        app.get_ok("/v1/signals?status=closed", &admin).await["items"],
        json!([])
    );
}

async fn overdue_signals_are_found_and_erasure_takes_signals_along(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let an = app.new_neighbour(&admin, &neighbour_at("An", 0, 1)).await;
    let about_an = json!({"neighbour_id": an, "source": "home_visit", "life_domains": ["housing", "income_paperwork"],
                          "text": "De trap wordt te zwaar."});
    let s1 = app.post_ok("/v1/signals", &admin, &about_an, 201).await["id"]
        .as_i64()
        .unwrap();
    let s2 = app
        .post_ok("/v1/signals", &admin, &signal_card("Maria"), 201)
        .await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        app.get_ok("/v1/signals?overdue=true", &admin).await["items"],
        json!([])
    );
    let past = (today() - chrono::Days::new(2)).to_string();
    app.store
        .write(|c| {
            execute_sql(
                c,
                &format!("UPDATE signals SET contact_by = '{past}' WHERE id = {s1}"),
            )
        })
        .unwrap();
    let overdue = app.get_ok("/v1/signals?overdue=true", &admin).await;
    assert_eq!(items(&overdue), [s1]);
    assert_eq!(overdue["items"][0]["overdue"], true);
    // Paged like the other lists.
    let page = app.get_ok("/v1/signals?limit=1", &admin).await;
    assert_eq!(items(&page), [s1]);
    let cursor = page["next_cursor"].as_str().unwrap().to_string();
    let next = app
        .get_ok(&format!("/v1/signals?limit=1&cursor={cursor}"), &admin)
        .await;
    assert_eq!(items(&next), [s2]);
    assert!(next["next_cursor"].is_null());

    // An's export holds the signal about An.
    let export = app.get_ok(&format!("/v1/neighbours/{an}/export"), &admin).await;
    assert_eq!(export["signals"][0]["id"], s1, "{export}");
    assert_eq!(export["signals"][0]["text"], "De trap wordt te zwaar.");

    // Erasing An erases the signal about An.
    let resp = app
        .client
        .delete(app.url(&format!("/v1/neighbours/{an}")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 204);
    let resp = app.get_with_token(&format!("/v1/signals/{s1}"), &admin).await;
    assert_eq!(resp.status().as_u16(), 404);
    assert_eq!(items(&app.get_ok("/v1/signals", &admin).await), [s2]);
    let left = app
        .store
        .read(|c| {
            nabij_store::testing::count_sql(c, "SELECT COUNT(*) AS n FROM signals WHERE text LIKE '%trap%'")
        })
        .unwrap();
    assert_eq!(left, 0);
}
