//! The neighbourhood report (numbers, small counts, CSV, who sees what), the re-match
//! page (start, second start, progress, summary) and the today view's phone list, on
//! both backends.

use crate::helpers::{location, Browser, TestApp};
use diesel::prelude::*;
use nabij_engine::availability::Window;
use nabij_engine::scope::{ScopeCategory, ScopeVerdict};
use nabij_engine::RequestKind;
use nabij_store::neighbour::{self, Consent, ConsentChannel, NewNeighbour};
use nabij_store::referral::{self, NewReferral, ReferralReason};
use nabij_store::report::Month;
use nabij_store::request::{self, NewRequest};
use nabij_store::schema::{audit_log, help_requests, matches, notification_calls};
use nabij_store::{clock, job, rematch, NeighbourId, NeighbourhoodId, OrgId, RequestId};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::StatusCode;
use std::time::{Duration, Instant};

crate::on_both_backends!(
    the_report_counts_what_happened_and_hides_small_counts,
    the_csv_holds_the_numbers_of_the_table,
    a_limited_coordinator_sees_only_their_neighbourhood,
    another_organisation_sees_nothing_of_it,
    rematch_starts_once_shows_progress_and_its_summary,
    today_lists_calls_with_their_reason_and_marks_them_done,
);

// ------------------------------------------------------------------ seeding

fn resident(app: &TestApp, org: OrgId, name: &str, lat: f64, talents: &[&str], channel: ConsentChannel) -> NeighbourId {
    app.store
        .write(|c| {
            neighbour::create(
                c,
                org,
                &NewNeighbour {
                    neighbourhood_id: None,
                    display_name: name.to_string(),
                    email: None,
                    phone: Some("011 22 33 44".to_string()),
                    lat,
                    lon: 5.42,
                    travel_radius_m: 1500.0,
                    interests: vec![],
                    talents: talents.iter().map(|t| t.to_string()).collect(),
                    languages: vec!["nl".to_string()],
                    availability: vec!["tue-afternoon".to_string()],
                    capacity: 2,
                    paused: false,
                    consent: Consent {
                        channel,
                        recorded_at: clock::now(),
                        recorded_by: "test".to_string(),
                    },
                    preferred_language: "nl".to_string(),
                },
            )
        })
        .unwrap()
        .id
}

/// `n` requests of `who`, filed at `at`, then put in `status`.
fn requests(
    app: &TestApp,
    org: OrgId,
    who: NeighbourId,
    n: usize,
    kind: RequestKind,
    tag: &str,
    status: &str,
    at: chrono::NaiveDateTime,
) -> Vec<RequestId> {
    app.store
        .write(|c| {
            let mut ids = Vec::new();
            for _ in 0..n {
                let r = request::create(
                    c,
                    org,
                    &NewRequest {
                        neighbour_id: who,
                        kind,
                        tags: vec![tag.to_string()],
                        text: "Een kleine vraag".to_string(),
                        window: Window::Flexible,
                        recurrence: None,
                        duration_minutes: None,
                        location: None,
                        radius_m: None,
                        scope: ScopeVerdict {
                            in_scope: true,
                            category: ScopeCategory::SmallHelp,
                            reasons: vec![],
                            overridden: false,
                        },
                    },
                )?;
                diesel::update(help_requests::table.filter(help_requests::id.eq(r.id)))
                    .set((help_requests::created_at.eq(at), help_requests::status.eq(status)))
                    .execute(c)?;
                ids.push(r.id);
            }
            Ok(ids)
        })
        .unwrap()
}

/// What the report tests share: two neighbourhoods of `pelt` with known events.
struct Seeded {
    hood: NeighbourhoodId,
    far: NeighbourhoodId,
    asker: NeighbourId,
}

fn seed(app: &TestApp) -> Seeded {
    let org = app.org_a.id;
    let hood = app.org_a.neighbourhood;
    let far = app.add_neighbourhood(&app.org_a, "Verre buurt", 51.30);
    let asker = resident(app, org, "Anna", 51.22, &[], ConsentChannel::HomeVisit);
    resident(app, org, "Bert", 51.221, &["shopping"], ConsentChannel::SelfRegistered);
    let lonely = resident(app, org, "Carla", 51.30, &[], ConsentChannel::HomeVisit);
    let now = clock::now();
    let last_month = Month::of(now).prev().start() + chrono::Duration::days(3);
    // This month in the centre: 6 practical (3 expired, 3 open), 2 emotional (open).
    requests(app, org, asker, 3, RequestKind::Practical, "shopping", "expired", now);
    requests(app, org, asker, 3, RequestKind::Practical, "shopping", "open", now);
    requests(app, org, asker, 2, RequestKind::Emotional, "listening_ear", "open", now);
    // Five heavy jobs, referred this month.
    let heavy = requests(app, org, asker, 5, RequestKind::Practical, "small_repairs", "referral_needed", now);
    app.store
        .write(|c| {
            for id in &heavy {
                diesel::update(help_requests::table.filter(help_requests::id.eq(*id)))
                    .set((
                        help_requests::scope_in_scope.eq(false),
                        help_requests::scope_category.eq("heavy"),
                    ))
                    .execute(c)?;
                referral::create(
                    c,
                    org,
                    &NewReferral {
                        request_id: *id,
                        service_id: None,
                        reason: ReferralReason::OutOfScope,
                        created_by: "user:test".to_string(),
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    // Last month: 7 walks, 5 of them matched then and closed this month with help
    // going both ways, 2 still open.
    let walks = requests(app, org, asker, 5, RequestKind::Companionship, "walking", "closed", last_month);
    requests(app, org, asker, 2, RequestKind::Companionship, "walking", "open", last_month);
    app.store
        .write(|c| {
            for id in &walks {
                diesel::insert_into(matches::table)
                    .values((
                        matches::organisation_id.eq(org),
                        matches::request_id.eq(*id),
                        matches::status.eq("closed"),
                        matches::created_at.eq(last_month),
                        matches::activated_at.eq(Some(last_month)),
                        matches::closed_at.eq(Some(now)),
                        matches::follow_up_met.eq(Some(true)),
                        matches::follow_up_mutual.eq(Some(true)),
                    ))
                    .execute(c)?;
            }
            Ok(())
        })
        .unwrap();
    // Far away: five requests nobody nearby can take.
    requests(app, org, lonely, 5, RequestKind::Practical, "computer_help", "open", now);
    Seeded { hood, far, asker }
}

// ------------------------------------------------------------------ reading pages

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The cells (months, then the total) of a table line, as shown.
fn cells(html: &str, area: &str, line: &str) -> Vec<String> {
    let key = format!("data-line=\"{area}:{line}\"");
    let start = html.find(&key).unwrap_or_else(|| panic!("no line {area}:{line}"));
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    row.split("<td class=\"num\">")
        .skip(1)
        .map(|c| unescape(&c[..c.find("</td>").unwrap()]))
        .collect()
}

/// A small RFC 4180 reader.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let (mut row, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
        while let Some(ch) = chars.next() {
            match (ch, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(std::mem::take(&mut field)),
                (c, _) => field.push(c),
            }
        }
        row.push(field);
        rows.push(row);
    }
    rows
}

async fn report_of(b: &mut Browser, query: &str) -> String {
    let resp = b.get(&format!("/report{query}")).await;
    assert_eq!(resp.status(), StatusCode::OK, "/report{query}");
    resp.text().await.unwrap()
}

// ------------------------------------------------------------------ the report

async fn the_report_counts_what_happened_and_hides_small_counts(app: TestApp) {
    let s = seed(&app);
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let html = report_of(&mut b, "").await;
    let (a, far) = (s.hood.to_string(), s.far.to_string());
    // Six months, the current one last: [.., last month, this month, total].
    let line = |area: &str, l: &str| cells(&html, area, l);
    let zero4 = ["0", "0", "0", "0"];
    let practical = line(&a, "requests_practical");
    assert_eq!(practical.len(), 7);
    assert_eq!(practical[..4], zero4);
    assert_eq!(practical[4..], ["0", "11", "11"]);
    assert_eq!(line(&a, "requests_emotional")[4..], ["0", "<5", "*"]);
    assert_eq!(line(&a, "requests_companionship")[4..], ["7", "0", "7"]);
    assert_eq!(line(&a, "requests_total")[4..], ["7", "*", "*"]);
    assert_eq!(line(&a, "matches_started")[4..], ["5", "0", "5"]);
    assert_eq!(line(&a, "matches_closed_mutual")[4..], ["0", "5", "5"]);
    assert_eq!(line(&a, "referrals_heavy")[4..], ["0", "5", "5"]);
    assert_eq!(line(&a, "referrals_no_match")[4..], ["0", "0", "0"]);
    assert_eq!(line(&a, "referrals_total")[4..], ["0", "5", "5"]);
    assert_eq!(line(&a, "unmet_open")[4..], ["<5", "5", "*"]);
    assert_eq!(line(&a, "unmet_expired")[4..], ["0", "<5", "*"]);
    assert_eq!(line(&a, "unmet_total")[4..], ["*", "*", "*"]);
    // Walking and a listening ear are offered by nobody else in the centre; shopping is.
    assert_eq!(line(&a, "tag_not_offered")[4..], ["7", "<5", "*"]);
    assert!(html.contains("door niemand anders in deze buurt aangeboden: luisterend oor, wandelen"));
    assert_eq!(line(&a, "registered_home_visit")[5], "<5");
    // Far away nobody can go along with any of the five.
    assert_eq!(line(&far, "requests_practical")[5..], ["5", "5"]);
    assert_eq!(line(&far, "unmet_open")[5..], ["5", "5"]);
    assert_eq!(line(&far, "no_candidate_nearby")[5..], ["5", "5"]);
    assert_eq!(line(&far, "tag_not_offered")[5..], ["5", "5"]);
    // Residents outside every neighbourhood: a group of its own, empty here.
    assert_eq!(line("none", "requests_total")[6], "0");

    // The charts carry the same numbers, small ones as "<5", with a title and a text.
    assert!(html.contains("role=\"img\""));
    assert!(html.contains(&format!("<title id=\"chart-{a}-requests-t\">")));
    assert!(html.contains("Een kleine praktische hand 11"), "chart description");
    assert!(html.contains("Een luisterend oor, een bezoek &lt;5"));
    assert!(!html.contains(" style=") && !html.contains("<script"));
    // Never a name.
    for name in ["Anna", "Bert", "Carla"] {
        assert!(!html.contains(name), "{name}");
    }

    // One month, one area, in French.
    let m0 = Month::of(clock::now()).code();
    let fr = report_of(&mut b, &format!("?from={m0}&to={m0}&area={a}&lang=fr")).await;
    assert!(fr.contains("<html lang=\"fr\">"));
    assert_eq!(cells(&fr, &a, "requests_practical"), ["11", "11"]);
    assert!(!fr.contains(&format!("data-line=\"{far}:")));
    assert!(fr.contains("Demandes par type"));

    // A wrong filter: explained, and what was chosen is kept.
    let resp = b.get(&format!("/report?from={m0}&to=2001-01&area={a}&lang=nl")).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Kies een maand uit de lijst."));
    assert!(html.contains(&format!("<option value=\"{m0}\" selected>")));
    assert!(!html.contains("data-line="));
    let _ = s.asker;
}

async fn the_csv_holds_the_numbers_of_the_table(app: TestApp) {
    let s = seed(&app);
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let html = report_of(&mut b, "").await;
    let resp = b.get("/report.csv").await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    let disposition = resp.headers()[CONTENT_DISPOSITION].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment; filename=\"buurtrapport-pelt-"), "{disposition}");
    let rows = parse_csv(&resp.text().await.unwrap());
    assert_eq!(
        rows[0],
        ["neighbourhood_id", "neighbourhood", "month", "section", "line", "label", "count"]
    );
    let mut months: Vec<String> = Vec::new();
    for r in &rows[1..] {
        if r[2] != "total" && !months.contains(&r[2]) {
            months.push(r[2].clone());
        }
    }
    assert_eq!(months.len(), 6);
    assert_eq!(months[5], Month::of(clock::now()).code());
    let mut lines = std::collections::HashSet::new();
    for r in &rows[1..] {
        assert_eq!(r.len(), 7, "{r:?}");
        let shown = cells(&html, &r[0], &r[4]);
        let i = if r[2] == "total" {
            6
        } else {
            months.iter().position(|m| *m == r[2]).unwrap()
        };
        assert_eq!(shown[i], r[6], "{r:?}");
        lines.insert((r[0].clone(), r[4].clone()));
    }
    // Every line of the table is in the file: three areas, each with all lines.
    assert_eq!(html.matches("data-line=").count(), lines.len());
    assert_eq!(rows.len() - 1, lines.len() * 7);
    assert!(rows.iter().any(|r| r[1] == "Verre buurt" && r[4] == "no_candidate_nearby" && r[2] == "total" && r[6] == "5"));
    assert!(rows.iter().any(|r| r[0] == s.hood.to_string() && r[4] == "requests_emotional" && r[6] == "<5"));
    assert!(rows.iter().any(|r| r[4] == "matches_closed_mutual" && r[5] == "Afgesloten, en hulp gaat nu over en weer"));
    // A wrong filter is no file.
    let resp = b.get("/report.csv?area=abc").await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(resp.headers()[CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
}

async fn a_limited_coordinator_sees_only_their_neighbourhood(app: TestApp) {
    let s = seed(&app);
    let email = app.add_coordinator(&app.org_a, "verre@pelt.test", Some(vec![s.far]));
    let mut b = Browser::new(&app);
    b.login(&email).await;
    let html = report_of(&mut b, "").await;
    let far = s.far.to_string();
    assert_eq!(cells(&html, &far, "requests_practical")[5..], ["5", "5"]);
    assert!(html.contains("Verre buurt"));
    assert!(!html.contains("Centrum pelt"));
    assert!(!html.contains("Zonder buurt"));
    assert!(!html.contains(&format!("data-line=\"{}:", s.hood)));
    assert!(!html.contains("data-line=\"none:"));
    for query in [format!("?area={}", s.hood), "?area=none".to_string()] {
        let resp = b.get(&format!("/report{query}")).await;
        assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        let html = resp.text().await.unwrap();
        assert!(html.contains("Deze buurt bestaat niet, of u hebt er geen toegang toe."));
        assert!(!html.contains("data-line="));
        let resp = b.get(&format!("/report.csv{query}")).await;
        assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
    }
    let rows = parse_csv(&b.get("/report.csv").await.text().await.unwrap());
    assert!(rows.len() > 1);
    assert!(rows[1..].iter().all(|r| r[0] == far && r[1] == "Verre buurt"));
}

async fn another_organisation_sees_nothing_of_it(app: TestApp) {
    let s = seed(&app);
    let mut b = Browser::new(&app);
    b.login(&app.org_b.coordinator_email).await;
    let html = report_of(&mut b, "").await;
    let own = app.org_b.neighbourhood.to_string();
    assert!(html.contains("Centrum deerlijk"));
    assert!(!html.contains("Centrum pelt") && !html.contains("Verre buurt"));
    for l in ["requests_total", "matches_started", "referrals_total", "unmet_total", "tag_not_offered"] {
        assert!(cells(&html, &own, l).iter().all(|c| c == "0"), "{l}");
    }
    // Another organisation's neighbourhood answers like one that does not exist.
    let foreign = b.get(&format!("/report?area={}", s.hood)).await;
    assert_eq!(foreign.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let missing = b.get("/report?area=999999").await;
    assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (foreign, missing) = (foreign.text().await.unwrap(), missing.text().await.unwrap());
    assert_eq!(foreign, missing);
    let rows = parse_csv(&b.get("/report.csv").await.text().await.unwrap());
    assert!(rows[1..].iter().all(|r| r[6] == "0" && r[1] != "Verre buurt"));
}

// ------------------------------------------------------------------ re-match

async fn rematch_starts_once_shows_progress_and_its_summary(app: TestApp) {
    let org = app.org_a.id;
    let asker = resident(&app, org, "Anna", 51.22, &[], ConsentChannel::HomeVisit);
    resident(&app, org, "Bert", 51.221, &["shopping"], ConsentChannel::SelfRegistered);
    requests(&app, org, asker, 2, RequestKind::Practical, "shopping", "open", clock::now());
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
    assert!(html.contains("<meta http-equiv=\"refresh\" content=\"2; url=/rematch\">"));
    app.store
        .write(|c| job::heartbeat(c, org, running.id, 0.4))
        .unwrap();
    let html = b.get("/rematch").await.text().await.unwrap();
    assert!(html.contains("value=\"40\"") && html.contains("40 %"));
    assert!(html.contains("http-equiv=\"refresh\""));
    assert!(!html.contains("Herberekening starten"));
    let html = b.get("/rematch?refresh=off").await.text().await.unwrap();
    assert!(!html.contains("http-equiv=\"refresh\"") && html.contains("40 %"));
    let summary = serde_json::json!({
        "requests_considered": 12, "proposals_made": 7, "groups_suggested": 1,
        "still_unmatched": 4, "referrals_suggested": 1, "duration_ms": 1500, "dry_run": false
    });
    app.store
        .write(|c| job::finish(c, org, running.id, job::JobStatus::Succeeded, Some(&summary)))
        .unwrap();
    let html = b.get("/rematch").await.text().await.unwrap();
    assert!(!html.contains("http-equiv=\"refresh\""));
    assert!(html.contains("<dt>Voorstellen gedaan</dt><dd>7</dd>"), "{html}");
    assert!(html.contains("<dt>Duur</dt><dd>1.5 s</dd>"));

    // A real start from the console: the API's job, audited, run to its end.
    let resp = b.submit("/rematch", &[]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/rematch");
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
    assert_eq!(jobs[0].status, "succeeded");
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
            Ok(audit_log::table
                .filter(audit_log::organisation_id.eq(org))
                .filter(audit_log::action.eq("rematch_started"))
                .count()
                .get_result(c)?)
        })
        .unwrap();
    assert_eq!(audited, 1);
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
            diesel::insert_into(notification_calls::table)
                .values((
                    notification_calls::organisation_id.eq(org),
                    notification_calls::neighbour_id.eq(s.asker),
                    notification_calls::reason.eq("match_proposed"),
                    notification_calls::created_at.eq(clock::now()),
                ))
                .execute(c)?;
            Ok(notification_calls::table
                .select(notification_calls::id)
                .order(notification_calls::id.desc())
                .first(c)?)
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
    assert!(!other.get("/").await.text().await.unwrap().contains("Vertellen over een voorstel"));
    let resp = other.submit(&format!("/calls/{call}/done"), &[]).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    // Without the CSRF token: refused.
    assert_eq!(b.post(&format!("/calls/{call}/done"), &[]).await.status(), StatusCode::FORBIDDEN);
    let resp = b.submit(&format!("/calls/{call}/done"), &[]).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let html = b.get("/").await.text().await.unwrap();
    assert!(!html.contains("Vertellen over een voorstel"));
    assert!(html.contains("Niemand te bellen."));
    let audited: i64 = app
        .store
        .read(|c| {
            Ok(audit_log::table
                .filter(audit_log::organisation_id.eq(org))
                .filter(audit_log::action.eq("call_done"))
                .count()
                .get_result(c)?)
        })
        .unwrap();
    assert_eq!(audited, 1);
    // The call made shows in the report.
    let html = report_of(&mut b, "").await;
    assert_eq!(cells(&html, &s.hood.to_string(), "calls_made")[5], "<5");
}
