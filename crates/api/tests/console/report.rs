//! The neighbourhood report (numbers, small counts, CSV, who sees what) on both
//! backends; the re-match page and the today view's phone list in [`rematch`].

mod rematch;
mod seed;

use crate::helpers::{Browser, TestApp};
use nabij_store::clock;
use nabij_store::report::Month;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::StatusCode;
use seed::{cells, parse_csv, report_of, seed};

crate::on_both_backends!(
    the_report_counts_what_happened_and_hides_small_counts,
    the_csv_holds_the_numbers_of_the_table,
    a_limited_coordinator_sees_only_their_neighbourhood,
    another_organisation_sees_nothing_of_it,
);

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
    assert!(
        html.contains("Een kleine praktische hand 11"),
        "chart description"
    );
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
    let resp = b
        .get(&format!("/report?from={m0}&to=2001-01&area={a}&lang=nl"))
        .await;
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
    assert!(
        disposition.starts_with("attachment; filename=\"buurtrapport-pelt-"),
        "{disposition}"
    );
    let rows = parse_csv(&resp.text().await.unwrap());
    assert_eq!(
        rows[0],
        [
            "neighbourhood_id",
            "neighbourhood",
            "month",
            "section",
            "line",
            "label",
            "count"
        ]
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
    assert!(rows
        .iter()
        .any(|r| r[1] == "Verre buurt" && r[4] == "no_candidate_nearby" && r[2] == "total" && r[6] == "5"));
    assert!(rows
        .iter()
        .any(|r| r[0] == s.hood.to_string() && r[4] == "requests_emotional" && r[6] == "<5"));
    assert!(rows
        .iter()
        .any(|r| r[4] == "matches_closed_mutual" && r[5] == "Afgesloten, en hulp gaat nu over en weer"));
    // A wrong filter is no file.
    let resp = b.get("/report.csv?area=abc").await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(resp.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
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
    for l in [
        "requests_total",
        "matches_started",
        "referrals_total",
        "unmet_total",
        "tag_not_offered",
    ] {
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
