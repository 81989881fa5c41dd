//! Seeding through the store, and reading the report's table and CSV.

use crate::helpers::{Browser, TestApp};
use nabij_engine::availability::Window;
use nabij_engine::scope::{ScopeCategory, ScopeVerdict};
use nabij_engine::RequestKind;
use nabij_store::neighbour::{self, Consent, ConsentChannel, NewNeighbour};
use nabij_store::referral::{self, NewReferral, ReferralReason};
use nabij_store::report::Month;
use nabij_store::request::{self, NewRequest};
use nabij_store::testing::{execute_sql, sql_timestamp};
use nabij_store::{clock, NeighbourId, NeighbourhoodId, OrgId, RequestId};
use reqwest::StatusCode;

// ------------------------------------------------------------------ seeding

pub fn resident(
    app: &TestApp,
    org: OrgId,
    name: &str,
    lat: f64,
    talents: &[&str],
    channel: ConsentChannel,
) -> NeighbourId {
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
                    availability_unknown: false,
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

/// `n` requests of `who` (a resident of `pelt`), filed at `at`, then put in `status`.
pub fn requests(
    app: &TestApp,
    who: NeighbourId,
    n: usize,
    kind: RequestKind,
    tag: &str,
    status: &str,
    at: chrono::NaiveDateTime,
) -> Vec<RequestId> {
    let org = app.org_a.id;
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
                            needs_review: false,
                        },
                    },
                )?;
                execute_sql(
                    c,
                    &format!(
                        "UPDATE help_requests SET created_at = {}, status = '{status}' WHERE id = {}",
                        sql_timestamp(at),
                        r.id
                    ),
                )?;
                ids.push(r.id);
            }
            Ok(ids)
        })
        .unwrap()
}

/// What the report tests share: two neighbourhoods of `pelt` with known events.
pub struct Seeded {
    pub hood: NeighbourhoodId,
    pub far: NeighbourhoodId,
    pub asker: NeighbourId,
}

pub fn seed(app: &TestApp) -> Seeded {
    let org = app.org_a.id;
    let hood = app.org_a.neighbourhood;
    let far = app.add_neighbourhood(&app.org_a, "Verre buurt", 51.30);
    let asker = resident(app, org, "Anna", 51.22, &[], ConsentChannel::HomeVisit);
    resident(
        app,
        org,
        "Bert",
        51.221,
        &["shopping"],
        ConsentChannel::SelfRegistered,
    );
    let lonely = resident(app, org, "Carla", 51.30, &[], ConsentChannel::HomeVisit);
    let now = clock::now();
    let last_month = Month::of(now).prev().start() + chrono::Duration::days(3);
    // This month in the centre: 6 practical (3 expired, 3 open), 2 emotional (open).
    requests(app, asker, 3, RequestKind::Practical, "shopping", "expired", now);
    requests(app, asker, 3, RequestKind::Practical, "shopping", "open", now);
    requests(
        app,
        asker,
        2,
        RequestKind::Emotional,
        "listening_ear",
        "open",
        now,
    );
    // Five heavy jobs, referred this month.
    let heavy = requests(
        app,
        asker,
        5,
        RequestKind::Practical,
        "small_repairs",
        "referral_needed",
        now,
    );
    app.store
        .write(|c| {
            for id in &heavy {
                execute_sql(
                    c,
                    &format!(
                        "UPDATE help_requests SET scope_in_scope = false, scope_category = 'heavy' WHERE id = {id}"
                    ),
                )?;
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
    let walks = requests(
        app,
        asker,
        5,
        RequestKind::Companionship,
        "walking",
        "closed",
        last_month,
    );
    requests(
        app,
        asker,
        2,
        RequestKind::Companionship,
        "walking",
        "open",
        last_month,
    );
    app.store
        .write(|c| {
            for id in &walks {
                let (then, now) = (sql_timestamp(last_month), sql_timestamp(now));
                execute_sql(
                    c,
                    &format!(
                        "INSERT INTO matches (organisation_id, request_id, status, created_at, activated_at, \
                         closed_at, follow_up_met, follow_up_mutual) \
                         VALUES ({org}, {id}, 'closed', {then}, {then}, {now}, true, true)"
                    ),
                )?;
            }
            Ok(())
        })
        .unwrap();
    // Far away: five requests nobody nearby can take.
    requests(
        app,
        lonely,
        5,
        RequestKind::Practical,
        "computer_help",
        "open",
        now,
    );
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
pub fn cells(html: &str, area: &str, line: &str) -> Vec<String> {
    let key = format!("data-line=\"{area}:{line}\"");
    let start = html.find(&key).unwrap_or_else(|| panic!("no line {area}:{line}"));
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    row.split("<td class=\"num\">")
        .skip(1)
        .map(|c| unescape(&c[..c.find("</td>").unwrap()]))
        .collect()
}

/// A small RFC 4180 reader.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let (mut row, mut field, mut quoted, mut chars) =
            (Vec::new(), String::new(), false, line.chars().peekable());
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

pub async fn report_of(b: &mut Browser, query: &str) -> String {
    let resp = b.get(&format!("/report{query}")).await;
    assert_eq!(resp.status(), StatusCode::OK, "/report{query}");
    resp.text().await.unwrap()
}
