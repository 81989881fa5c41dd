//! Check-ins of ongoing pairs (issue 14): the timed asking with an injected `now` (due
//! computation, e-mail or phone list, the second try, unanswered after two), answers
//! through the link (single use, expiry, the effect of each answer) and by phone through
//! `POST /v1/matches/{id}/check-ins`, and who may see and record what.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{assert_problem, TestApp};
use chrono::{Duration, NaiveDateTime};
use nabij_api::auth::Role;
use nabij_ops::checkins::{self, DueSummary, LinkGone};
use nabij_ops::Ops;
use nabij_store::check_in::CheckInAnswer;
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use nabij_store::{calls, exchange, matching, outbox, MatchId, NeighbourId, OrgId};
use serde_json::{json, Value};

crate::on_both_backends!(
    each_side_is_asked_by_mail_or_call_list_then_once_more_then_the_coordinator,
    link_answers_take_effect_once_and_expire,
    phone_answers_are_checked_and_stay_in_the_organisation,
);

struct Pair {
    m: i64,
    asker: i64,
    companion: i64,
    activated: NaiveDateTime,
}

fn with_email(name: &str, i: u32, email: Option<&str>, language: &str) -> Value {
    let mut n = neighbour_at(name, i, 2);
    if let Some(e) = email {
        n["contact"] = json!({"email": e});
    }
    n["preferred_language"] = json!(language);
    n
}

/// An active pair: the neighbour who asked (with an e-mail address, French) and a
/// companion (with or without one).
async fn pair(app: &TestApp, token: &str, companion_email: Option<&str>) -> Pair {
    let asker = app
        .new_neighbour(token, &with_email("Anne", 0, Some("anne@example.org"), "fr"))
        .await;
    let companion = app
        .new_neighbour(token, &with_email("Bert", 1, companion_email, "nl"))
        .await;
    let req = app.new_request(token, &walk_request(asker)).await["id"]
        .as_i64()
        .unwrap();
    let m = app.propose(token, req, &[companion]).await["id"]
        .as_i64()
        .unwrap();
    for who in [asker, companion] {
        assert_eq!(app.answer(token, m, "accept", who).await.status(), 200);
    }
    let activated = app
        .store
        .read(|c| matching::get(c, app.org_a.id, MatchId(m)))
        .unwrap()
        .activated_at
        .unwrap();
    Pair {
        m,
        asker,
        companion,
        activated,
    }
}

fn run_due(app: &TestApp, ops: &Ops, now: NaiveDateTime) -> DueSummary {
    ops.write(|tx| checkins::run_due(ops, tx, app.org_a.id, now))
        .unwrap()
}

/// (recipient, template, link) of the check-in e-mails, oldest first.
fn mails(app: &TestApp, org: OrgId) -> Vec<(String, String, String)> {
    app.store
        .read(|c| outbox::list(c, org, None, None, 1000))
        .unwrap()
        .into_iter()
        .filter(|m| m.template.starts_with("check_in"))
        .map(|m| {
            let p: Value = serde_json::from_str(&m.payload).unwrap();
            assert_eq!(p["people"], json!(null), "a check-in names nobody else: {p}");
            (m.recipient, m.template, p["link"].as_str().unwrap().to_string())
        })
        .collect()
}

fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_string()
}

/// The phone-list entries about check-ins: (neighbour, reason).
fn check_in_calls(app: &TestApp) -> Vec<(NeighbourId, String)> {
    app.store
        .read(|c| calls::due(c, app.org_a.id))
        .unwrap()
        .into_iter()
        .filter(|d| d.reason.starts_with("check_in"))
        .map(|d| (d.neighbour_id, d.reason))
        .collect()
}

async fn check_ins(app: &TestApp, token: &str, m: i64) -> Vec<Value> {
    app.get_ok(&format!("/v1/matches/{m}/check-ins"), token).await["check_ins"]
        .as_array()
        .unwrap()
        .clone()
}

async fn each_side_is_asked_by_mail_or_call_list_then_once_more_then_the_coordinator(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let p = pair(&app, &admin, None).await;
    let ops = Ops::new(app.store.clone());
    let t0 = p.activated;

    // Not before the interval (6 weeks by default).
    assert_eq!(
        run_due(&app, &ops, t0 + Duration::weeks(6) - Duration::hours(1)),
        DueSummary::default()
    );
    assert!(check_ins(&app, &admin, p.m).await.is_empty());

    // Each side separately: the one with an address by e-mail (their language, their
    // own question), the one without on the phone list.
    let t1 = t0 + Duration::weeks(6) + Duration::minutes(1);
    let first = run_due(&app, &ops, t1);
    assert_eq!((first.asked, first.emails, first.calls), (2, 1, 1), "{first:?}");
    // Idempotent for a given now, and for a later run within the week.
    assert_eq!(run_due(&app, &ops, t1), DueSummary::default());
    assert_eq!(run_due(&app, &ops, t1 + Duration::days(6)), DueSummary::default());
    let sent = mails(&app, app.org_a.id);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "anne@example.org");
    assert_eq!(sent[0].1, "check_in_asked.neighbour");
    assert!(
        sent[0].2.starts_with("http://127.0.0.1:8080/check-in/"),
        "{}",
        sent[0].2
    );
    assert_eq!(
        check_in_calls(&app),
        [(NeighbourId(p.companion), "check_in_asked".to_string())]
    );
    let list = check_ins(&app, &admin, p.m).await;
    assert_eq!(list.len(), 2);
    for c in &list {
        assert_eq!(c["status"], "asked");
        assert_eq!(c["tries"], 1);
        assert_eq!(c["needs_coordinator"], false);
        let (side, channel) = if c["neighbour_id"] == p.asker {
            ("requester", "email")
        } else {
            ("companion", "call")
        };
        assert_eq!(
            (c["side"].as_str(), c["channel"].as_str()),
            (Some(side), Some(channel)),
            "{c}"
        );
    }

    // No answer after 7 days: asked once more, with a new link (the first one still works).
    let t2 = t1 + Duration::days(7);
    let second = run_due(&app, &ops, t2);
    assert_eq!(
        (second.asked, second.reminded, second.emails, second.calls),
        (0, 2, 1, 1),
        "{second:?}"
    );
    assert_eq!(run_due(&app, &ops, t2), DueSummary::default());
    let sent = mails(&app, app.org_a.id);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].1, "check_in_reminder.neighbour");
    assert_ne!(sent[0].2, sent[1].2);
    assert_eq!(check_in_calls(&app).len(), 2);

    // No answer 7 days after the second try: the coordinator's (and not asked again).
    let t3 = t2 + Duration::days(7);
    let gave_up = run_due(&app, &ops, t3);
    assert_eq!(gave_up.unanswered, 2, "{gave_up:?}");
    assert_eq!(run_due(&app, &ops, t3 + Duration::weeks(10)).asked, 0);
    for c in check_ins(&app, &admin, p.m).await {
        assert_eq!(
            (c["status"].as_str(), c["tries"].as_i64()),
            (Some("unanswered"), Some(2))
        );
        assert_eq!(c["needs_coordinator"], true);
    }
    // A late answer through the link is still taken while the link lives.
    let late = ops
        .write(|tx| {
            checkins::answer_link(
                &ops,
                tx,
                &token_of(&sent[1].2),
                CheckInAnswer::GoOn,
                None,
                t3 + Duration::hours(1),
            )
        })
        .unwrap();
    assert!(late.is_ok());

    // The coordinator notes what the companion said by phone.
    let done = app
        .post_ok(
            &format!("/v1/matches/{}/check-ins", p.m),
            &admin,
            &json!({"neighbour_id": p.companion, "answer": "go_on", "note": "Belde: alles goed."}),
            201,
        )
        .await;
    assert_eq!(done["check_in"]["status"], "answered");
    assert_eq!(done["check_in"]["answered_via"], "phone");
    assert_eq!(done["check_in"]["answered_by"], "test:admin");
    assert_eq!(done["check_in"]["tries"], 2);
    assert_eq!(done["match"]["status"], "active");
    assert!(check_ins(&app, &admin, p.m)
        .await
        .iter()
        .all(|c| c["needs_coordinator"] == false));
    // The next asking comes an interval after the last contact of each (the phone
    // answer is stamped with the real clock, before the injected times: its last try
    // counts).
    assert_eq!(
        run_due(&app, &ops, t2 + Duration::weeks(6) - Duration::hours(1)).asked,
        0
    );
    assert_eq!(
        run_due(&app, &ops, t3 + Duration::weeks(6) + Duration::days(1)).asked,
        2
    );
}

async fn link_answers_take_effect_once_and_expire(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let p = pair(&app, &admin, Some("bert@example.org")).await;
    let ops = Ops::new(app.store.clone());
    let t1 = p.activated + Duration::weeks(6) + Duration::minutes(1);
    assert_eq!(run_due(&app, &ops, t1).emails, 2);
    let sent = mails(&app, app.org_a.id);
    let link_of = |to: &str| token_of(&sent.iter().find(|(r, _, _)| r == to).unwrap().2);
    let (anne, bert) = (link_of("anne@example.org"), link_of("bert@example.org"));
    let answer = |token: &str, a: CheckInAnswer, note: Option<&str>, at: NaiveDateTime| {
        ops.write(|tx| checkins::answer_link(&ops, tx, token, a, note.map(str::to_string), at))
            .unwrap()
    };
    let get_match = |app: &TestApp| {
        app.store
            .read(|c| matching::get(c, app.org_a.id, MatchId(p.m)))
            .unwrap()
    };

    // Expired (14 days) and unknown links record nothing.
    assert_eq!(
        answer(&anne, CheckInAnswer::Pause, None, t1 + Duration::days(15)).unwrap_err(),
        LinkGone::Expired
    );
    assert_eq!(
        answer(&"0".repeat(64), CheckInAnswer::Pause, None, t1).unwrap_err(),
        LinkGone::Unknown
    );
    assert_eq!(
        answer("kort", CheckInAnswer::Pause, None, t1).unwrap_err(),
        LinkGone::Unknown
    );
    assert!(get_match(&app).paused_at.is_none());

    // Pause: still active, paused; the link is used up.
    let at = t1 + Duration::days(1);
    let paused = answer(&anne, CheckInAnswer::Pause, None, at).unwrap();
    assert_eq!(paused.check_in.answered_by.as_deref(), Some("link"));
    let m = get_match(&app);
    assert_eq!(m.status, matching::MatchStatus::Active);
    assert!(m.paused_at.is_some());
    assert_eq!(
        answer(&anne, CheckInAnswer::GoOn, None, at).unwrap_err(),
        LinkGone::Unknown
    );
    let shown = app.get_ok(&format!("/v1/matches/{}", p.m), &admin).await;
    assert!(shown["paused_at"].is_string(), "{shown}");
    // A paused pair is not asked.
    assert_eq!(run_due(&app, &ops, at + Duration::weeks(7)).asked, 0);

    // Go on (the companion): the pause ends.
    answer(&bert, CheckInAnswer::GoOn, None, at).unwrap();
    assert!(get_match(&app).paused_at.is_none());

    // Next round: more than a neighbour (a signal about the neighbour who asked), and
    // mediate; both need the coordinator.
    let t2 = at + Duration::weeks(6) + Duration::minutes(1);
    let second = run_due(&app, &ops, t2);
    assert_eq!(
        second.asked,
        2,
        "{second:?} {:#?}",
        check_ins(&app, &admin, p.m).await
    );
    let sent = mails(&app, app.org_a.id);
    let newest = |to: &str| token_of(&sent.iter().rev().find(|(r, _, _)| r == to).unwrap().2);
    let (anne, bert) = (newest("anne@example.org"), newest("bert@example.org"));
    let more = answer(
        &bert,
        CheckInAnswer::MoreThanNeighbour,
        Some("Ze vergeet veel."),
        t2,
    )
    .unwrap();
    let sid = more.check_in.signal_id.unwrap().get();
    let signal = app.get_ok(&format!("/v1/signals/{sid}"), &admin).await;
    assert_eq!(signal["source"], "companion", "{signal}");
    assert_eq!(signal["neighbour_id"], p.asker, "{signal}");
    assert!(signal["text"].as_str().unwrap().contains("Ze vergeet veel."));
    answer(&anne, CheckInAnswer::Mediate, None, t2).unwrap();
    let needing: Vec<Value> = check_ins(&app, &admin, p.m)
        .await
        .into_iter()
        .filter(|c| c["needs_coordinator"] == true)
        .collect();
    assert_eq!(needing.len(), 2);

    // End well (the coordinator heard it by phone): closed as met, thanks noted.
    let done = app
        .post_ok(
            &format!("/v1/matches/{}/check-ins", p.m),
            &admin,
            &json!({"neighbour_id": p.asker, "answer": "end_well"}),
            201,
        )
        .await;
    assert_eq!(done["match"]["status"], "closed");
    assert_eq!(done["match"]["follow_up"]["met"], true);
    assert_eq!(done["check_in"]["channel"], "phone");
    let thanks: Vec<_> = app
        .store
        .read(|c| exchange::list_for(c, app.org_a.id, NeighbourId(p.asker)))
        .unwrap()
        .into_iter()
        .filter(|e| e.match_id == Some(MatchId(p.m)))
        .collect();
    assert_eq!(thanks.len(), 1);
    assert_eq!(
        (thanks[0].from_id.get(), thanks[0].to_id.get()),
        (p.asker, p.companion)
    );
    assert_eq!(thanks[0].kind, "thanks");
    // A closed pair is asked nothing and answers nothing more.
    assert_eq!(
        run_due(&app, &ops, t2 + Duration::weeks(20)),
        DueSummary::default()
    );
    let resp = app
        .post_as(
            &format!("/v1/matches/{}/check-ins", p.m),
            &admin,
            &json!({"neighbour_id": p.companion, "answer": "go_on"}),
        )
        .await;
    assert_problem(resp, 409, "match_not_active").await;
}

async fn phone_answers_are_checked_and_stay_in_the_organisation(app: TestApp) {
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let (noord, zuid) = app
        .store
        .write(|c| {
            let mk = |name: &str, lat: f64| NewNeighbourhood {
                name: name.into(),
                centre_lat: lat,
                centre_lon: crate::fixtures::LON,
                radius_m: 300.0,
            };
            let n = neighbourhood::create(c, app.org_a.id, &mk("Noord", crate::fixtures::LAT + 0.05))?;
            let z = neighbourhood::create(c, app.org_a.id, &mk("Zuid", crate::fixtures::LAT))?;
            Ok((n.id, z.id))
        })
        .unwrap();
    let p = pair(&app, &admin, None).await;
    let path = format!("/v1/matches/{}/check-ins", p.m);
    let ok = json!({"neighbour_id": p.asker, "answer": "go_on"});

    // Bad bodies: 400 naming the field; nothing written.
    for (body, field) in [
        (json!({"neighbour_id": p.asker, "answer": "maybe"}), "answer"),
        (json!({"neighbour_id": 0, "answer": "go_on"}), "neighbour_id"),
        (
            json!({"neighbour_id": p.asker, "answer": "go_on", "note": "x".repeat(1001)}),
            "note",
        ),
        (
            json!({"neighbour_id": 999_999, "answer": "go_on"}),
            "neighbour_id",
        ),
    ] {
        let resp = app.post_as(&path, &admin, &body).await;
        let problem = assert_problem(resp, 400, "invalid_value").await;
        assert!(problem.to_string().contains(field), "{problem}");
    }
    let resp = app
        .post_as(
            &path,
            &admin,
            &json!({"neighbour_id": p.asker, "answer": "go_on", "x": 1}),
        )
        .await;
    assert_eq!(resp.status(), 400);
    assert!(check_ins(&app, &admin, p.m).await.is_empty());

    // Another organisation's staff, and a coordinator of another neighbourhood: 404;
    // a partner app records nothing (403) and reads only with a matches scope.
    let other = app.token(&app.org_b, Role::Admin, &[]);
    assert_problem(app.get_with_token(&path, &other).await, 404, "not_found").await;
    assert_problem(app.post_as(&path, &other, &ok).await, 404, "not_found").await;
    let elsewhere = app.limited_token(&app.org_a, &[noord]);
    assert_problem(app.get_with_token(&path, &elsewhere).await, 404, "not_found").await;
    assert_problem(app.post_as(&path, &elsewhere, &ok).await, 404, "not_found").await;
    let partner = app.token(&app.org_a, Role::Partner, &["matches:write"]);
    assert_eq!(app.post_as(&path, &partner, &ok).await.status(), 403);
    let reader = app.token(&app.org_a, Role::Partner, &["requests:read"]);
    assert_eq!(app.get_with_token(&path, &reader).await.status(), 403);
    assert!(check_ins(&app, &admin, p.m).await.is_empty());
    assert_eq!(check_ins(&app, &partner, p.m).await.len(), 0);

    // The pair's own coordinator (limited to Zuid, where they live) records it.
    app.store
        .write(|c| {
            nabij_store::testing::execute_sql(
                c,
                &format!(
                    "UPDATE neighbours SET neighbourhood_id = {} WHERE id IN ({}, {})",
                    zuid.get(),
                    p.asker,
                    p.companion
                ),
            )
        })
        .unwrap();
    let own = app.limited_token(&app.org_a, &[zuid]);
    let done = app.post_ok(&path, &own, &ok, 201).await;
    assert_eq!(done["check_in"]["answer"], "go_on");
    assert_eq!(check_ins(&app, &own, p.m).await.len(), 1);
    // Idempotency: the same key replays, writes nothing new.
    for _ in 0..2 {
        let resp = app
            .post_keyed(
                &path,
                &own,
                "check-in-1",
                &json!({"neighbour_id": p.companion, "answer": "mediate"}),
            )
            .await;
        assert_eq!(resp.status(), 201);
    }
    assert_eq!(check_ins(&app, &own, p.m).await.len(), 2);
}
