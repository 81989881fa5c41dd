//! Generated from the console's route table (`nabij_api::console::routes::ROUTES`):
//! every page answers, every form refuses a missing or wrong CSRF token (403, nothing
//! done), and every page and form with an `{id}` refuses another organisation's ids
//! (404, nothing of theirs shown, nothing of theirs changed). Likewise for a
//! coordinator limited to one neighbourhood, on records of another neighbourhood and
//! records without one: 404, a filtered page, or 403 for a re-match run (issue 12).
//!
//! A route added to the table with an `{id}` of a family [`Records`] has no record of
//! fails here: add one.

use crate::helpers::{Browser, Org, TestApp};
use crate::people::api_token;
use nabij_api::console::routes::{Kind, ROUTES};
use nabij_store::audit;
use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

crate::on_both_backends!(
    every_page_answers_and_needs_a_session,
    every_form_refuses_a_missing_or_wrong_csrf_token,
    every_id_of_another_organisation_is_404_and_changes_nothing,
    a_limited_coordinator_reaches_nothing_outside_their_neighbourhoods_on_any_page,
);

/// One record of each family that appears as `{id}` in a console path.
struct Records {
    ids: BTreeMap<&'static str, i64>,
    /// The one proposed to go along with the asker (`ids["neighbours"]`).
    companion: i64,
    /// Names and texts of the organisation that no other organisation may see.
    secrets: Vec<String>,
}

impl Records {
    /// A form for `pattern` that would be accepted in the records' own organisation.
    fn form(&self, pattern: &str) -> Vec<(&'static str, String)> {
        let asker = self.ids["neighbours"].to_string();
        let v = |pairs: &[(&'static str, &str)]| pairs.iter().map(|(k, v)| (*k, v.to_string())).collect();
        match pattern {
            "/neighbours/{id}/requests" => v(&[("kind", "practical"), ("text", "Boodschappen doen")]),
            "/neighbours/{id}/edit" => v(&[("display_name", "Overgenomen"), ("consent", "home_visit")]),
            "/neighbours/{id}/erase" => v(&[("confirm", "yes")]),
            "/requests/{id}/scope" => v(&[("category", "heavy"), ("reason", "overgenomen")]),
            "/requests/{id}/propose" => v(&[("companion", &self.companion.to_string())]),
            "/requests/{id}/refer" => v(&[
                ("service_id", &self.ids["services"].to_string()),
                ("reason", "heavy"),
            ]),
            "/matches/{id}/accept" | "/matches/{id}/decline" => v(&[("neighbour_id", &asker)]),
            "/matches/{id}/close" => v(&[("met", "yes"), ("mutual", "yes")]),
            "/matches/{id}/check-ins" => v(&[("neighbour_id", &asker), ("answer", "go_on")]),
            "/services/{id}/edit" => v(&[("name", "Overgenomen"), ("categories", "heavy")]),
            "/signals/{id}/outcome" => v(&[("outcome", "no_action_wanted"), ("decided_by", "Overgenomen")]),
            _ => Vec::new(),
        }
    }

    fn path(&self, pattern: &str) -> String {
        if !pattern.contains("{id}") {
            return pattern.to_string();
        }
        let family = pattern.split('/').nth(1).unwrap();
        let id = self
            .ids
            .get(family)
            .unwrap_or_else(|| panic!("{pattern}: no {family} record in routes::Records; add one"));
        pattern.replace("{id}", &id.to_string())
    }
}

async fn api(app: &TestApp, token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    let client = reqwest::Client::new();
    let url = format!("{}{path}", app.address);
    let req = match method {
        "POST" => client.post(url).json(&body.unwrap_or(json!({}))),
        _ => client.get(url),
    };
    let resp = req.bearer_auth(token).send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    assert!(status.is_success(), "{method} {path}: {status} {text}");
    serde_json::from_str(&text).unwrap()
}

fn resident(name: &str, i: u32, capacity: u32, email: bool, slot: &str) -> Value {
    let contact = if email {
        json!({"email": format!("{}@buren.example", name.to_lowercase().replace(' ', "."))})
    } else {
        json!({"phone": format!("+32 470 00 00 {i:02}")})
    };
    json!({
        "display_name": name,
        "contact": contact,
        "location": {"lat": 51.2234567 + f64::from(i) * 0.001, "lon": 5.4212345},
        "travel_radius_m": 3000.0,
        "interests": ["walking"],
        "talents": ["walking"],
        "languages": ["nl"],
        "availability": [slot],
        "capacity": capacity,
        "consent": {"channel": "home_visit"}
    })
}

fn walk(neighbour: i64, text: &str, slot: &str) -> Value {
    json!({
        "neighbour_id": neighbour, "kind": "companionship", "tags": ["walking"],
        "text": text, "window": {"type": "weekly", "slots": [slot]}
    })
}

/// A neighbour, a request, a proposal (which puts a resident without e-mail on the
/// phone list), a service and a suggested group in `org`; names carry `tag`.
async fn records(app: &TestApp, org: &Org, tag: &str) -> Records {
    let token = api_token(app, org);
    let t = token.as_str();
    let new = |v: Value| async move {
        api(app, t, "POST", "/v1/neighbours", Some(v)).await["id"]
            .as_i64()
            .unwrap()
    };
    let asker_name = format!("Anna {tag}");
    let asker = new(resident(&asker_name, 0, 1, true, "tue-afternoon")).await;
    let companion = new(resident(&format!("Cas {tag}"), 1, 1, false, "tue-afternoon")).await;
    let text = format!("Wandelen met {tag} op dinsdag");
    let request = api(
        app,
        t,
        "POST",
        "/v1/requests",
        Some(walk(asker, &text, "tue-afternoon")),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let proposal = json!({"request_id": request, "companion_ids": [companion]});
    let m = api(app, t, "POST", "/v1/matches", Some(proposal)).await["id"]
        .as_i64()
        .unwrap();
    let service = api(
        app,
        t,
        "POST",
        "/v1/services",
        Some(json!({"name": format!("Klusdienst {tag}"), "categories": ["heavy"]})),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    // Four people with the same question and no room to help: a suggested group.
    for (i, name) in ["Dina", "Emiel", "Fien", "Gust"].into_iter().enumerate() {
        let n = new(resident(
            &format!("{name} {tag}"),
            3 + i as u32,
            0,
            true,
            "wed-morning",
        ))
        .await;
        api(
            app,
            t,
            "POST",
            "/v1/requests",
            Some(walk(n, "Samen wandelen op woensdagochtend", "wed-morning")),
        )
        .await;
    }
    let job = api(app, t, "POST", "/v1/jobs/rematch", Some(json!({}))).await["id"]
        .as_i64()
        .unwrap();
    for _ in 0..600 {
        if api(app, t, "GET", &format!("/v1/jobs/{job}"), None).await["status"] != "running" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let first = |v: Value| v["items"][0]["id"].as_i64();
    let group =
        first(api(app, t, "GET", "/v1/groups?status=suggested", None).await).expect("a suggested group");
    let call = first(api(app, t, "GET", "/v1/calls", None).await).expect("a call for Cas");
    let signal_text = format!("Signaal over Anna {tag}");
    let signal = api(
        app,
        t,
        "POST",
        "/v1/signals",
        Some(json!({"neighbour_id": asker, "source": "companion", "life_domains": ["health"], "text": signal_text})),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    Records {
        ids: [
            ("neighbours", asker),
            ("requests", request),
            ("matches", m),
            ("services", service),
            ("groups", group),
            ("calls", call),
            ("signals", signal),
        ]
        .into_iter()
        .collect(),
        companion,
        secrets: vec![
            asker_name,
            format!("Cas {tag}"),
            text,
            format!("Klusdienst {tag}"),
            signal_text,
        ],
    }
}

fn is_html(resp: &reqwest::Response) -> bool {
    resp.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html")
}

/// The HTML of every GET page of `records` as `b` sees it (to compare before and after).
async fn snapshot(b: &mut Browser, records: &Records) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    // The export lists who read the record, these reads included: left out.
    for r in ROUTES
        .iter()
        .filter(|r| r.kind == Kind::Page && r.path != "/neighbours/{id}/export")
    {
        let path = records.path(r.path);
        let resp = b.get(&path).await;
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        let html = resp.text().await.unwrap();
        // The CSRF token in the forms is the browser's, not the page's content.
        let html = CSRF_FIELD
            .replace_all(&html, "name=\"csrf\" value=\"…\"")
            .into_owned();
        pages.insert(path, html);
    }
    pages
}

static CSRF_FIELD: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r#"name="csrf" value="[0-9a-f]*""#).unwrap());

fn assert_same_pages(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) {
    for (path, html) in before {
        assert!(
            after.get(path) == Some(html),
            "{path} changed:\n{html}\n---\n{:?}",
            after.get(path)
        );
    }
}

async fn every_page_answers_and_needs_a_session(app: TestApp) {
    let own = records(&app, &app.org_a, "Pelt").await;
    let mut b = Browser::new(&app);
    let mut anonymous = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let mut pages = 0;
    for r in ROUTES.iter().filter(|r| r.method == "GET") {
        let path = own.path(r.path);
        if r.kind != Kind::Public {
            let resp = b.get(&path).await;
            assert_eq!(resp.status(), StatusCode::OK, "{path}");
        }
        let resp = anonymous.get(&path).await;
        match r.kind {
            Kind::Public => assert_eq!(resp.status(), StatusCode::OK, "{path}"),
            _ => {
                assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{path}");
                assert_eq!(crate::helpers::location(&resp), "/login", "{path}");
                pages += 1;
            }
        }
    }
    assert!(pages >= 15, "{pages}");
}

async fn every_form_refuses_a_missing_or_wrong_csrf_token(app: TestApp) {
    let own = records(&app, &app.org_a, "Pelt").await;
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let before = snapshot(&mut b, &own).await;
    let audit_before = app
        .store
        .read(|c| audit::list(c, app.org_a.id, None, 1000))
        .unwrap()
        .len();
    // Another browser's token is well-formed and valid, only not this browser's.
    let mut other = Browser::new(&app);
    other.get("/login").await;
    let foreign_csrf = other.csrf();
    assert_ne!(foreign_csrf, b.csrf());
    let mut forms = 0;
    for r in ROUTES.iter().filter(|r| r.method == "POST") {
        let path = own.path(r.path);
        // The login form needs no session; post it from a browser that has none.
        let mut fresh = Browser::new(&app);
        let browser = if r.kind == Kind::PublicForm {
            fresh.get("/login").await;
            &mut fresh
        } else {
            &mut b
        };
        let email = app.org_a.coordinator_email.as_str();
        let zeros = "0".repeat(64);
        for csrf in [None, Some(""), Some(zeros.as_str()), Some(foreign_csrf.as_str())] {
            let mut form = vec![("email", email), ("password", crate::helpers::PASSWORD)];
            if let Some(token) = csrf {
                form.push(("csrf", token));
            }
            let resp = browser.post(&path, &form).await;
            assert_eq!(resp.status(), StatusCode::FORBIDDEN, "POST {path} with {csrf:?}");
            assert!(is_html(&resp), "POST {path}");
        }
        forms += 1;
    }
    assert!(forms >= 20, "{forms}");
    // Nothing was done: still logged in, no audit row, every page as it was.
    let audit_after = app
        .store
        .read(|c| audit::list(c, app.org_a.id, None, 1000))
        .unwrap()
        .len();
    assert_eq!(audit_after, audit_before);
    assert_same_pages(&before, &snapshot(&mut b, &own).await);
}

async fn every_id_of_another_organisation_is_404_and_changes_nothing(app: TestApp) {
    let theirs = records(&app, &app.org_b, "Deerlijk").await;
    let mut owner = Browser::new(&app);
    owner.login(&app.org_b.coordinator_email).await;
    let before = snapshot(&mut owner, &theirs).await;
    let audit_of_b = || {
        app.store
            .read(|c| audit::list(c, app.org_b.id, None, 1000))
            .unwrap()
            .len()
    };
    let audit_before = audit_of_b();

    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let mut checked = 0;
    for r in ROUTES.iter().filter(|r| r.path.contains("{id}")) {
        let path = theirs.path(r.path);
        let resp = match r.method {
            "GET" => b.get(&path).await,
            // A well-formed form with this browser's own token: only the id is wrong.
            _ => {
                let form = theirs.form(r.path);
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                b.submit(&path, &form).await
            }
        };
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{} {path}", r.method);
        assert!(is_html(&resp), "{} {path}", r.method);
        let html = resp.text().await.unwrap();
        for secret in &theirs.secrets {
            assert!(
                !html.contains(secret.as_str()),
                "{} {path} shows {secret}",
                r.method
            );
        }
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
    assert_eq!(audit_of_b(), audit_before, "nothing done in B");
    assert_same_pages(&before, &snapshot(&mut owner, &theirs).await);
    // And nothing of B appears on A's own lists.
    for path in ["/", "/neighbours", "/groups", "/services", "/report"] {
        let html = b.get(path).await.text().await.unwrap();
        for secret in &theirs.secrets {
            assert!(!html.contains(secret.as_str()), "{path} shows {secret}");
        }
    }
}

/// What a coordinator limited to one neighbourhood gets from a console route, given
/// records of another neighbourhood and without one.
fn reach(method: &str, path: &str) -> &'static str {
    match (method, path) {
        (_, "/assets/console.css" | "/login" | "/logout") => "not records",
        // The resident's answer page: opened by the token in the path, the same for
        // anyone holding it (with or without a session); no coordinator's reach involved.
        (_, "/check-in/{token}") => "not records",
        // The service directory is the whole organisation's, not a neighbourhood's.
        (_, "/services" | "/services/new" | "/services/{id}/edit" | "/services/{id}/remove") => "org-wide",
        (_, "/rematch") => "runs",
        // A spreadsheet does not stop at a neighbourhood: imports are for staff of the
        // whole organisation (issue 16).
        (_, "/imports" | "/imports/upload" | "/imports/check") => "whole organisation",
        ("POST", "/neighbours/new" | "/signals/new") => "refused",
        ("GET", p) if !p.contains("{id}") => "filtered",
        (_, p)
            if [
                "/neighbours/{id}",
                "/requests/{id}",
                "/matches/{id}",
                "/groups/{id}",
                "/calls/{id}",
                "/signals/{id}",
            ]
            .iter()
            .any(|f| p.starts_with(f)) =>
        {
            "hidden"
        }
        _ => panic!("console route {method} {path}: say in routes::reach what a limited coordinator gets"),
    }
}

async fn a_limited_coordinator_reaches_nothing_outside_their_neighbourhoods_on_any_page(app: TestApp) {
    // Everything of `records` lives in org A's "Centrum"; Nemo lives in no neighbourhood.
    let mut theirs = records(&app, &app.org_a, "Centrum").await;
    let token = api_token(&app, &app.org_a);
    let t = token.as_str();
    let noord = app.add_neighbourhood(&app.org_a, "Noord", 51.40);
    let mut far = resident("Nemo Nergens", 0, 1, false, "tue-afternoon");
    far["location"]["lat"] = json!(51.30);
    let nemo = api(&app, t, "POST", "/v1/neighbours", Some(far)).await["id"]
        .as_i64()
        .unwrap();
    assert!(api(&app, t, "GET", &format!("/v1/neighbours/{nemo}"), None).await["neighbourhood_id"].is_null());
    theirs.secrets.push("Nemo Nergens".into());
    // Noah of Noord went along with someone of Centrum; the follow-up note is Centrum's.
    let mut noah = resident("Noah Noord", 0, 1, true, "thu-morning");
    noah["location"]["lat"] = json!(51.40);
    noah["neighbourhood_id"] = json!(noord.get());
    let noah = api(&app, t, "POST", "/v1/neighbours", Some(noah)).await["id"]
        .as_i64()
        .unwrap();
    let mut bea = resident("Bea Centrum", 2, 1, true, "thu-morning");
    bea["location"]["lat"] = json!(51.2234567);
    let bea = api(&app, t, "POST", "/v1/neighbours", Some(bea)).await["id"]
        .as_i64()
        .unwrap();
    let text = "Wandelen met Bea op donderdag";
    let r = api(
        &app,
        t,
        "POST",
        "/v1/requests",
        Some(walk(bea, text, "thu-morning")),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let m = api(
        &app,
        t,
        "POST",
        "/v1/matches",
        Some(json!({"request_id": r, "companion_ids": [noah]})),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    for who in [bea, noah] {
        api(
            &app,
            t,
            "POST",
            &format!("/v1/matches/{m}/accept"),
            Some(json!({"neighbour_id": who})),
        )
        .await;
    }
    let note = "Notitie over Bea uit het centrum";
    let close = json!({"follow_up": {"met": true, "mutual_support": true, "note": note}});
    api(&app, t, "POST", &format!("/v1/matches/{m}/close"), Some(close)).await;
    theirs
        .secrets
        .extend(["Bea Centrum".to_string(), text.to_string(), note.to_string()]);
    // The service directory is organisation-wide: its names may show.
    theirs.secrets.retain(|s| !s.starts_with("Klusdienst"));
    let jobs_before = api(&app, t, "GET", "/v1/jobs", None).await;
    let neighbours_before = api(&app, t, "GET", "/v1/neighbours?limit=100", None).await;

    let email = app.add_coordinator(&app.org_a, "noord@pelt.test", Some(vec![noord]));
    let mut b = Browser::new(&app);
    b.login(&email).await;
    let no_secret = |what: &str, html: &str| {
        for secret in &theirs.secrets {
            assert!(!html.contains(secret.as_str()), "{what} shows {secret}");
        }
    };
    let mut checked = 0;
    for r in ROUTES {
        let what = format!("{} {}", r.method, r.path);
        match reach(r.method, r.path) {
            "not records" | "org-wide" => continue,
            "hidden" => {
                let family = r.path.split('/').nth(1).unwrap();
                let mut paths = vec![theirs.path(r.path)];
                if family == "neighbours" {
                    paths.push(r.path.replace("{id}", &nemo.to_string()));
                }
                for path in paths {
                    let resp = match r.method {
                        "GET" => b.get(&path).await,
                        _ => {
                            let form = theirs.form(r.path);
                            let form: Vec<(&str, &str)> =
                                form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                            b.submit(&path, &form).await
                        }
                    };
                    assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{} {path}", r.method);
                    no_secret(&what, &resp.text().await.unwrap());
                }
            }
            "filtered" => {
                let resp = b.get(r.path).await;
                assert_eq!(resp.status(), StatusCode::OK, "{what}");
                no_secret(&what, &resp.text().await.unwrap());
            }
            "refused" => {
                let lat = "51.2234567";
                let form = [
                    ("display_name", "Indringer Centrum"),
                    ("lat", lat),
                    ("lon", "5.4212345"),
                    ("consent", "home_visit"),
                    ("neighbourhood_id", &app.org_a.neighbourhood.get().to_string()),
                ];
                let resp = b.submit(r.path, &form).await;
                assert!(resp.status().is_client_error(), "{what}: {}", resp.status());
            }
            "whole organisation" => {
                let resp = match r.method {
                    "GET" => b.get(r.path).await,
                    _ => {
                        b.submit(r.path, &[("kind", "neighbours"), ("file", "TmFhbQo=")])
                            .await
                    }
                };
                assert_eq!(resp.status(), StatusCode::FORBIDDEN, "{what}");
            }
            "runs" if r.method == "GET" => {
                let resp = b.get(r.path).await;
                assert_eq!(resp.status(), StatusCode::OK, "{what}");
                let html = resp.text().await.unwrap();
                assert!(
                    !html.contains("action=\"/rematch\""),
                    "{what} offers a start: {html}"
                );
                assert!(
                    html.contains("hele organisatie"),
                    "{what} does not explain: {html}"
                );
                let facts = html.split("<dl class=\"facts\"").count();
                assert_eq!(
                    facts, 1,
                    "{what} shows the counts of an organisation-wide run: {html}"
                );
            }
            _ => {
                let resp = b.submit(r.path, &[]).await;
                assert_eq!(resp.status(), StatusCode::FORBIDDEN, "{what}");
                let html = resp.text().await.unwrap();
                assert!(
                    html.contains("hele organisatie"),
                    "{what} does not explain: {html}"
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} console routes checked");
    // Noah's export (Noord) opens, without Centrum's match and its note.
    let resp = b.get(&format!("/neighbours/{noah}/export")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    no_secret("Noah's export", &resp.text().await.unwrap());
    // Nothing was started or registered.
    assert_eq!(api(&app, t, "GET", "/v1/jobs", None).await, jobs_before);
    assert_eq!(
        api(&app, t, "GET", "/v1/neighbours?limit=100", None).await,
        neighbours_before
    );
}
