//! The re-match page (start, second start, progress, summary) and the today view's
//! phone list (reasons in three languages, marking a call done), on both backends.

use super::seed::{cells, report_of, requests, resident, seed};
use crate::helpers::{location, Browser, TestApp};
use nabij_engine::RequestKind;
use nabij_store::neighbour::ConsentChannel;
use nabij_store::{audit, calls};
use nabij_store::{clock, job, rematch};
use reqwest::StatusCode;
use std::time::{Duration, Instant};

crate::on_both_backends!(
    rematch_starts_once_shows_progress_and_its_summary,
    today_lists_calls_with_their_reason_and_marks_them_done,
);

// ------------------------------------------------------------------ re-match

async fn rematch_starts_once_shows_progress_and_its_summary(app: TestApp) {
    let org = app.org_a.id;
    let asker = resident(&app, org, "Anna", 51.22, &[], ConsentChannel::HomeVisit);
    resident(
        &app,
        org,
        "Bert",
        51.221,
        &["shopping"],
        ConsentChannel::SelfRegistered,
    );
    requests(
        &app,
        asker,
        2,
        RequestKind::Practical,
        "shopping",
        "open",
        clock::now(),
    );
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let html = b.get("/rematch").await.text().await.unwrap();
    assert!(html.contains("Herberekening starten") && html.contains("Nog geen herberekening."));
    assert!(!html.contains("http-equiv=\"refresh\""));
    // Without the CSRF token: refused, nothing started.
    assert_eq!(b.post("/rematch", &[]).await.status(), StatusCode::FORBIDDEN);

    // A run going on (started elsewhere): a second start shows it instead.
    let running = app
        .store
        .write(|c| job::start(c, org, rematch::JOB_KIND, chrono::Duration::seconds(300)))
        .unwrap();
    let resp = b.submit("/rematch", &[]).await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Er loopt al een herberekening"), "{html}");
    assert!(html.contains(&format!("(nr. {})", running.id)));
    // Reloading is opt-in: the page offers it, it does not do it unasked.
    assert!(!html.contains("http-equiv=\"refresh\"") && html.contains("/rematch?follow=on"));
    app.store
        .write(|c| job::heartbeat(c, org, running.id, 0.4))
        .unwrap();
    let html = b.get("/rematch").await.text().await.unwrap();
    assert!(html.contains("value=\"40\"") && html.contains("40 %"));
    assert!(!html.contains("http-equiv=\"refresh\""));
    assert!(!html.contains("Herberekening starten"));
    let html = b.get("/rematch?follow=on").await.text().await.unwrap();
    assert!(html.contains("<meta http-equiv=\"refresh\" content=\"2; url=/rematch?follow=on\">"));
    assert!(html.contains("40 %"));
    let summary = serde_json::json!({
        "requests_considered": 12, "proposals_made": 7, "groups_suggested": 1,
        "still_unmatched": 4, "referrals_suggested": 1, "duration_ms": 1500, "dry_run": false
    });
    app.store
        .write(|c| job::finish(c, org, running.id, job::JobStatus::Succeeded, Some(&summary)))
        .unwrap();
    let html = b.get("/rematch?follow=on").await.text().await.unwrap();
    assert!(
        !html.contains("http-equiv=\"refresh\""),
        "done: no more reloading"
    );
    assert!(html.contains("<dt>Voorstellen gedaan</dt><dd>7</dd>"), "{html}");
    assert!(html.contains("<dt>Duur</dt><dd>1.5 s</dd>"));

    // A real start from the console: the API's job, audited, run to its end.
    let resp = b.submit("/rematch", &[]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/rematch?follow=on");
    let deadline = Instant::now() + Duration::from_secs(30);
    let html = loop {
        let html = b.get("/rematch").await.text().await.unwrap();
        if !html.contains("<progress") {
            break html;
        }
        assert!(Instant::now() < deadline, "the run did not end");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let jobs = app
        .store
        .read(|c| rematch::recent_jobs(c, org, None, 10))
        .unwrap();
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[0].status, job::JobStatus::Succeeded);
    let done: serde_json::Value = serde_json::from_str(jobs[0].summary.as_deref().unwrap()).unwrap();
    assert_eq!(done["requests_considered"], 2);
    assert!(html.contains(&format!(
        "<dt>Voorstellen gedaan</dt><dd>{}</dd>",
        done["proposals_made"]
    )));
    assert!(html.contains(&format!("<td>{}</td>", jobs[0].id)), "recent runs");
    let audited: i64 = app
        .store
        .read(|c| {
            Ok(audit::list(c, org, None, 1000)?
                .iter()
                .filter(|a| a.action == "rematch_started")
                .count() as i64)
        })
        .unwrap();
    assert_eq!(audited, 1, "one start, one audit row");
    // A trial run: counted, nothing proposed.
    let resp = b.submit("/rematch", &[("dry_run", "1")]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let deadline = Instant::now() + Duration::from_secs(30);
    let html = loop {
        let html = b.get("/rematch").await.text().await.unwrap();
        if !html.contains("<progress") {
            break html;
        }
        assert!(Instant::now() < deadline, "the trial did not end");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(html.contains("Dit was een proef"), "{html}");
    assert!(html.contains("klaar (proef)"));
    let trial = app.store.read(|c| rematch::recent_jobs(c, org, None, 1)).unwrap();
    let trial: serde_json::Value = serde_json::from_str(trial[0].summary.as_deref().unwrap()).unwrap();
    assert_eq!(trial["dry_run"], true);
    // Today links to it.
    let today = b.get("/").await.text().await.unwrap();
    assert!(today.contains("<a href=\"/rematch\">Naar de herberekening</a>"));
    assert!(today.contains("klaar:"), "{today}");
}

// ------------------------------------------------------------------ today: calls

async fn today_lists_calls_with_their_reason_and_marks_them_done(app: TestApp) {
    let s = seed(&app);
    let org = app.org_a.id;
    let call: i64 = app
        .store
        .write(|c| {
            let call = calls::NewCall {
                neighbour_id: s.asker,
                reason: "match_proposed",
                match_id: None,
                request_id: None,
            };
            calls::add_all(c, org, &[call])?;
            Ok(calls::due(c, org)?
                .last()
                .map(|d| d.call_id.get())
                .unwrap_or_default())
        })
        .unwrap();
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    for (lang, text) in [
        ("nl", "Vertellen over een voorstel (nee zeggen mag altijd)"),
        ("fr", "Parler d’une proposition (on peut toujours dire non)"),
        ("en", "Tell about a proposal (saying no is always fine)"),
    ] {
        let html = b.get(&format!("/?lang={lang}")).await.text().await.unwrap();
        assert!(html.contains(text), "{lang}");
        assert!(!html.contains("match proposed"));
    }
    b.get("/?lang=nl").await;
    let html = b.get("/").await.text().await.unwrap();
    assert!(html.contains("Nieuwe vragen (deze week)"));
    assert!(html.contains(&format!("action=\"/calls/{call}/done\"")));
    // A coordinator of the far neighbourhood does not see Anna's call, nor mark it.
    let email = app.add_coordinator(&app.org_a, "verre@pelt.test", Some(vec![s.far]));
    let mut other = Browser::new(&app);
    other.login(&email).await;
    assert!(!other
        .get("/")
        .await
        .text()
        .await
        .unwrap()
        .contains("Vertellen over een voorstel"));
    let resp = other.submit(&format!("/calls/{call}/done"), &[]).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    // Without the CSRF token: refused.
    assert_eq!(
        b.post(&format!("/calls/{call}/done"), &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    let resp = b.submit(&format!("/calls/{call}/done"), &[]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let html = b.get("/").await.text().await.unwrap();
    assert!(!html.contains("Vertellen over een voorstel"));
    assert!(html.contains("Niemand te bellen."));
    let audited: i64 = app
        .store
        .read(|c| {
            Ok(audit::list(c, org, None, 1000)?
                .iter()
                .filter(|a| a.action == "call_done")
                .count() as i64)
        })
        .unwrap();
    assert_eq!(audited, 1);
    // The call made shows in the report.
    let html = report_of(&mut b, "").await;
    assert_eq!(cells(&html, &s.hood.to_string(), "calls_made")[5], "<5");
}
