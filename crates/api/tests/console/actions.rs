//! Acting on a request through the console: propose, accept, decline, close with the
//! follow-up, refer, decide a group; each step checked in the API and the database
//! (status, audit row, outbox row), refusals explained with nothing changed, CSRF and
//! tenants, and a sketch map without coordinates.

use crate::helpers::{location, spawn_app, Browser, TestApp, PASSWORD};
use nabij_engine::projection::Point;
use nabij_store::matching::{self, MatchFilter};
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use nabij_store::user::{self, NewUser};
use nabij_store::{audit, outbox, referral, NeighbourhoodId, OrgId, RequestId, Store};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Exact positions sent in; no page may hold them in any formatting.
const LAT: f64 = 51.2234567;
const LON: f64 = 5.4212345;

/// The API as a partner script would use it, for setting up and checking.
struct Api {
    base: String,
    token: String,
    client: reqwest::Client,
}

impl Api {
    async fn login(app: &TestApp, email: &str) -> Api {
        let client = reqwest::Client::new();
        let resp: Value = client
            .post(format!("{}/v1/auth/login", app.address))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        Api {
            base: app.address.clone(),
            token: resp["access_token"].as_str().unwrap().to_string(),
            client,
        }
    }

    async fn post(&self, path: &str, body: &Value) -> Value {
        let resp = self
            .client
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        assert!(status.is_success(), "POST {path}: {status} {text}");
        serde_json::from_str(&text).unwrap()
    }

    async fn get(&self, path: &str) -> Value {
        let resp = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "GET {path}");
        resp.json().await.unwrap()
    }

    /// A neighbour `i` × ~110 m north of [`LAT`], [`LON`] who likes walking.
    async fn neighbour(&self, name: &str, i: u32, capacity: u32) -> i64 {
        self.neighbour_in(name, i, capacity, None).await
    }

    async fn neighbour_in(&self, name: &str, i: u32, capacity: u32, hood: Option<NeighbourhoodId>) -> i64 {
        self.post(
            "/v1/neighbours",
            &json!({
                "neighbourhood_id": hood.map(|h| h.get()),
                "display_name": name,
                "contact": {"email": format!("{}@buren.example", name.to_lowercase())},
                "location": {"lat": LAT + f64::from(i) * 0.001, "lon": LON},
                "travel_radius_m": 3000.0,
                "interests": ["walking"],
                "talents": ["walking"],
                "languages": ["nl"],
                "availability": ["tue-afternoon"],
                "capacity": capacity,
                "consent": {"channel": "home_visit"}
            }),
        )
        .await["id"]
            .as_i64()
            .unwrap()
    }

    async fn walk(&self, neighbour: i64) -> i64 {
        self.post(
            "/v1/requests",
            &json!({
                "neighbour_id": neighbour, "kind": "companionship", "tags": ["walking"],
                "text": "Samen wandelen op dinsdagnamiddag",
                "window": {"type": "weekly", "slots": ["tue-afternoon"]}
            }),
        )
        .await["id"]
            .as_i64()
            .unwrap()
    }

    async fn status(&self, request: i64) -> String {
        self.get(&format!("/v1/requests/{request}")).await["status"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

fn store(app: &TestApp) -> Store {
    Store::open(&app.settings.database_url).unwrap()
}

fn match_ids(app: &TestApp, org: OrgId, request: i64) -> Vec<i64> {
    let filter = MatchFilter {
        request_id: Some(RequestId(request)),
        limit: 100,
        ..Default::default()
    };
    store(app)
        .read(|c| matching::list(c, org, &filter))
        .unwrap()
        .iter()
        .map(|m| m.id.get())
        .collect()
}

/// (action, subject) of every audit row.
fn audit_rows(app: &TestApp, org: OrgId) -> Vec<(String, Option<i64>)> {
    store(app)
        .read(|c| audit::list(c, org, None, 1000))
        .unwrap()
        .into_iter()
        .map(|a| (a.action, a.subject_neighbour_id.map(|n| n.get())))
        .collect()
}

fn outbox_templates(app: &TestApp, org: OrgId) -> Vec<String> {
    store(app)
        .read(|c| outbox::list(c, org, None, None, 1000))
        .unwrap()
        .into_iter()
        .map(|m| m.template)
        .collect()
}

fn has(rows: &[(String, Option<i64>)], action: &str, subject: i64) -> bool {
    rows.iter().any(|(a, s)| a == action && *s == Some(subject))
}

async fn page(b: &mut Browser, path: &str) -> String {
    let resp = b.get(path).await;
    assert_eq!(resp.status(), StatusCode::OK, "{path}");
    resp.text().await.unwrap()
}

async fn logged_in(app: &TestApp) -> (Browser, Api) {
    let mut b = Browser::new(app);
    b.login(&app.org_a.coordinator_email).await;
    (b, Api::login(app, &app.org_a.coordinator_email).await)
}

#[tokio::test]
async fn propose_accept_and_close_with_the_follow_up() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 2, 1).await;
    let rid = api.walk(anna).await;
    let path = format!("/requests/{rid}");

    let html = page(&mut b, &path).await;
    assert!(html.contains("Bert voorstellen"), "{html}");
    assert!(html.contains(&format!("name=\"companion\" value=\"{bert}\"")));
    assert!(
        html.contains("<svg class=\"bar\" role=\"img\""),
        "a bar per component"
    );
    assert!(html.contains("<title>Nabijheid: "));
    assert!(html.contains("wandelen"), "reasons shown: {html}");

    let outbox_before = outbox_templates(&app, org).len();
    let resp = b
        .submit(&format!("{path}/propose"), &[("companion", &bert.to_string())])
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), format!("{path}#matches"));
    assert_eq!(api.status(rid).await, "proposed");
    let mid = match_ids(&app, org, rid)[0];
    let m = api.get(&format!("/v1/matches/{mid}")).await;
    assert_eq!(m["status"], "proposed");
    let audit = audit_rows(&app, org);
    assert!(has(&audit, "match_proposed", anna) && has(&audit, "match_proposed", bert));
    let told = outbox_templates(&app, org);
    assert!(told.len() > outbox_before, "people hear of it");
    assert!(told.contains(&"match_proposed.neighbour".to_string()), "{told:?}");

    let html = page(&mut b, &path).await;
    assert!(
        html.contains("Bert zegt ja") && html.contains("Anna zegt nee"),
        "{html}"
    );
    assert!(
        !html.contains("Bert voorstellen"),
        "proposed: no candidate any more"
    );
    for who in [anna, bert] {
        let resp = b
            .submit(
                &format!("/matches/{mid}/accept"),
                &[("neighbour_id", &who.to_string())],
            )
            .await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&resp), format!("{path}#match-{mid}"));
    }
    assert_eq!(api.get(&format!("/v1/matches/{mid}")).await["status"], "active");
    assert_eq!(api.status(rid).await, "matched");
    let audit = audit_rows(&app, org);
    assert!(has(&audit, "match_accepted", bert) && has(&audit, "match_activated", anna));
    assert!(outbox_templates(&app, org).contains(&"match_accepted.neighbour".to_string()));
    // Proposing again for a request that found its match: explained, nothing changes.
    let cas = api.neighbour("Cas", 3, 1).await;
    let resp = b
        .submit(&format!("{path}/propose"), &[("companion", &cas.to_string())])
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Deze vraag is intussen veranderd"), "{html}");
    assert!(
        !html.contains("href=\"#candidates\""),
        "no link to a form that is not there"
    );
    assert_eq!(match_ids(&app, org, rid).len(), 1);
    let html = page(&mut b, &path).await;
    assert!(html.contains("Hebben jullie elkaar ontmoet?"));
    assert!(html.contains("Gaat de hulp nu in twee richtingen?"));

    // Unanswered questions: refused, the note kept, nothing closed.
    let resp = b
        .submit(
            &format!("/matches/{mid}/close"),
            &[("met", "yes"), ("note", "Ze <wandelen> samen")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(
        html.contains("Beantwoord beide vragen om af te sluiten."),
        "{html}"
    );
    assert!(html.contains("Ze &lt;wandelen&gt; samen"));
    assert!(html.contains(&format!(
        "id=\"met-{mid}-yes\" name=\"met\" value=\"yes\" checked"
    )));
    assert_eq!(api.get(&format!("/v1/matches/{mid}")).await["status"], "active");

    let resp = b
        .submit(
            &format!("/matches/{mid}/close"),
            &[
                ("met", "yes"),
                ("mutual", "not_yet"),
                ("note", "Ze wandelen samen"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let m = api.get(&format!("/v1/matches/{mid}")).await;
    assert_eq!(m["status"], "closed");
    assert_eq!(
        m["follow_up"],
        json!({"met": true, "mutual_support": false, "note": "Ze wandelen samen"})
    );
    assert_eq!(api.status(rid).await, "closed");
    assert!(has(&audit_rows(&app, org), "match_closed", bert));
    assert!(outbox_templates(&app, org).contains(&"match_closed.neighbour".to_string()));
    // Bert has room again: a new request finds him.
    let html = page(&mut b, &path).await;
    assert!(html.contains("nee of nog niet") && html.contains("Ze wandelen samen"));
    let other = api.neighbour("Carla", 1, 0).await;
    let next = api.walk(other).await;
    assert!(page(&mut b, &format!("/requests/{next}"))
        .await
        .contains("Bert voorstellen"));
}

#[tokio::test]
async fn separate_proposals_and_a_decline_without_a_reason() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 2, 1).await;
    let cas = api.neighbour("Cas", 3, 1).await;
    let rid = api.walk(anna).await;
    let path = format!("/requests/{rid}");
    let resp = b
        .submit(
            &format!("{path}/propose"),
            &[
                ("companion", &bert.to_string()),
                ("companion", &cas.to_string()),
                ("together", "no"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let ids = match_ids(&app, org, rid);
    assert_eq!(ids.len(), 2, "one proposal each");
    let html = page(&mut b, &path).await;
    let start = html.find("/decline\"").expect("a decline form");
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    assert!(
        !form.contains("<textarea") && !form.contains("<select") && !form.contains("radio"),
        "no reason asked: {form}"
    );
    let cas_match = ids[1];
    let resp = b
        .submit(
            &format!("/matches/{cas_match}/decline"),
            &[("neighbour_id", &cas.to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        api.get(&format!("/v1/matches/{cas_match}")).await["status"],
        "declined"
    );
    assert_eq!(api.status(rid).await, "proposed", "Bert's proposal still waits");
    assert!(has(&audit_rows(&app, org), "match_declined", cas));
    let html = page(&mut b, &path).await;
    assert!(html.contains("ging niet door"));
    assert!(!html.contains("Cas voorstellen"), "not proposed again");
    // Answering the declined proposal again is explained, not a failure.
    let resp = b
        .submit(
            &format!("/matches/{cas_match}/accept"),
            &[("neighbour_id", &anna.to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert!(resp.text().await.unwrap().contains("al geantwoord"));

    // Together: one proposal with both.
    let dirk = api.neighbour("Dirk", 0, 1).await;
    let rid2 = api.walk(dirk).await;
    let resp = b
        .submit(
            &format!("/requests/{rid2}/propose"),
            &[
                ("companion", &cas.to_string()),
                ("companion", &anna.to_string()),
                ("together", "yes"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let ids = match_ids(&app, org, rid2);
    assert_eq!(ids.len(), 1);
    let m = api.get(&format!("/v1/matches/{}", ids[0])).await;
    assert_eq!(m["members"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn a_companion_who_became_full_is_explained_and_nothing_is_proposed() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 2, 1).await;
    let cas = api.neighbour("Cas", 3, 1).await;
    let rid = api.walk(anna).await;
    // Meanwhile Bert starts walking with Dora: his room is taken.
    let dora = api.neighbour("Dora", 1, 1).await;
    let other = api.walk(dora).await;
    let m = api
        .post(
            "/v1/matches",
            &json!({"request_id": other, "companion_ids": [bert]}),
        )
        .await;
    for who in [dora, bert] {
        api.post(
            &format!("/v1/matches/{}/accept", m["id"]),
            &json!({"neighbour_id": who}),
        )
        .await;
    }
    let audit_before = audit_rows(&app, org).len();
    let outbox_before = outbox_templates(&app, org).len();
    let resp = b
        .submit(
            &format!("/requests/{rid}/propose"),
            &[("companion", &cas.to_string()), ("companion", &bert.to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    let html = resp.text().await.unwrap();
    assert!(html.contains("Er is niemand voorgesteld."), "{html}");
    assert!(
        html.contains("Bert heeft op dit moment geen ruimte meer"),
        "{html}"
    );
    assert!(
        html.contains(&format!("value=\"{cas}\" checked")),
        "the ticks are kept"
    );
    assert!(
        match_ids(&app, org, rid).is_empty(),
        "Cas was not proposed either"
    );
    assert_eq!(api.status(rid).await, "open");
    let audit = audit_rows(&app, org);
    assert_eq!(
        audit[audit_before..]
            .iter()
            .filter(|(a, _)| a != "candidates_listed")
            .count(),
        0,
        "{audit:?}"
    );
    assert_eq!(outbox_templates(&app, org).len(), outbox_before);
    // Nobody ticked: explained too.
    let resp = b.submit(&format!("/requests/{rid}/propose"), &[]).await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(resp.text().await.unwrap().contains("Vink eerst aan"));
}

#[tokio::test]
async fn an_out_of_scope_request_is_referred_to_a_service() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let service = api
        .post(
            "/v1/services",
            &json!({"name": "Thuisverpleging Noord", "categories": ["personal_care"], "phone": "011 00 00 00"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let elsewhere = Api::login(&app, &app.org_b.coordinator_email).await;
    let foreign = elsewhere
        .post(
            "/v1/services",
            &json!({"name": "Elders", "categories": ["personal_care"]}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let anna = api.neighbour("Anna", 0, 1).await;
    let rid = api
        .post(
            "/v1/requests",
            &json!({"neighbour_id": anna, "kind": "practical",
                    "text": "Ik heb hulp nodig bij het wassen en aankleden, thuisverpleging",
                    "window": {"type": "flexible"}}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    assert_eq!(api.status(rid).await, "referral_needed");
    let path = format!("/requests/{rid}");
    let html = page(&mut b, &path).await;
    assert!(html.contains("Doorverwijzen naar een dienst"));
    assert!(
        html.contains(&format!(
            "<option value=\"{service}\" selected>Thuisverpleging Noord"
        )),
        "{html}"
    );
    assert!(html.contains("value=\"out_of_scope\" checked"));
    assert!(!html.contains("Elders"));

    // Another organisation's service: explained, the choice kept, nothing referred.
    let resp = b
        .submit(
            &format!("{path}/refer"),
            &[
                ("service_id", &foreign.to_string()),
                ("reason", "coordinator_choice"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    let html = resp.text().await.unwrap();
    assert!(html.contains("staat niet (meer) op de sociale kaart"), "{html}");
    assert!(html.contains("value=\"coordinator_choice\" checked"));
    assert_eq!(api.status(rid).await, "referral_needed");
    // No reason: explained.
    let resp = b
        .submit(&format!("{path}/refer"), &[("service_id", &service.to_string())])
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let resp = b
        .submit(
            &format!("{path}/refer"),
            &[("service_id", &service.to_string()), ("reason", "out_of_scope")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(api.status(rid).await, "referred");
    let rows = store(&app)
        .read(|c| referral::for_request(c, org, RequestId(rid)))
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].service_id.map(|s| s.get()), Some(service));
    assert_eq!(rows[0].reason, "out_of_scope");
    assert!(has(&audit_rows(&app, org), "request_referred", anna));
    assert!(outbox_templates(&app, org).contains(&"request_referred.neighbour".to_string()));
    let html = page(&mut b, &path).await;
    assert!(html.contains("doorverwezen naar Thuisverpleging Noord"), "{html}");
    assert!(
        !html.contains(&format!("action=\"{path}/refer\"")),
        "no second referral"
    );
}

#[tokio::test]
async fn forms_without_csrf_are_403_and_another_organisation_gets_404() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let bert = api.neighbour("Bert", 2, 1).await;
    let rid = api.walk(anna).await;
    let m = api
        .post(
            "/v1/matches",
            &json!({"request_id": rid, "companion_ids": [bert]}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let posts = [
        (
            format!("/requests/{rid}/propose"),
            vec![("companion", bert.to_string())],
        ),
        (
            format!("/requests/{rid}/refer"),
            vec![("reason", "no_match".to_string())],
        ),
        (
            format!("/matches/{m}/accept"),
            vec![("neighbour_id", anna.to_string())],
        ),
        (
            format!("/matches/{m}/decline"),
            vec![("neighbour_id", anna.to_string())],
        ),
        (
            format!("/matches/{m}/close"),
            vec![("met", "yes".to_string()), ("mutual", "yes".to_string())],
        ),
        ("/groups/1/accept".to_string(), vec![]),
        ("/groups/1/split".to_string(), vec![]),
    ];
    let audit_before = audit_rows(&app, org).len();
    for (path, form) in &posts {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            b.post(path, &form).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert_eq!(audit_rows(&app, org).len(), audit_before, "nothing done");
    assert_eq!(
        api.get(&format!("/v1/matches/{m}")).await["members"][0]["response"],
        "pending"
    );

    let mut other = Browser::new(&app);
    other.login(&app.org_b.coordinator_email).await;
    let resp = other.get(&format!("/requests/{rid}")).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert!(!resp.text().await.unwrap().contains("Anna"));
    for (path, form) in &posts {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let resp = other.submit(path, &form).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(!resp.text().await.unwrap().contains("Anna"));
    }
    assert_eq!(audit_rows(&app, org).len(), audit_before, "nothing done");
    assert_eq!(api.status(rid).await, "proposed");
    assert_eq!(api.get(&format!("/v1/matches/{m}")).await["status"], "proposed");
}

#[tokio::test]
async fn suggested_groups_are_shown_with_reasons_and_decided_once() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (mut b, api) = logged_in(&app).await;
    let mut reqs = Vec::new();
    let mut people = Vec::new();
    for (i, name) in ["Ann", "Bob", "Cas", "Dirk"].into_iter().enumerate() {
        let n = api.neighbour(name, i as u32, 0).await;
        people.push(n);
        reqs.push(api.walk(n).await);
    }
    let job = api.post("/v1/jobs/rematch", &json!({})).await["id"]
        .as_i64()
        .unwrap();
    let mut tries = 0;
    while api.get(&format!("/v1/jobs/{job}")).await["status"] == "running" {
        tries += 1;
        assert!(tries < 600, "job still running");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let groups = api.get("/v1/groups?status=suggested").await;
    let gid = groups["items"][0]["id"].as_i64().expect("a suggested group");
    let reason = groups["items"][0]["reasons"][0]["nl"]
        .as_str()
        .unwrap()
        .to_string();

    let path = format!("/requests/{}", reqs[0]);
    let html = page(&mut b, &path).await;
    assert!(html.contains("Samen met anderen met dezelfde vraag"), "{html}");
    assert!(html.contains(&nabij_api::console::esc(&reason)), "{reason}");
    assert!(html.contains("Dirk"));
    let list = page(&mut b, "/groups").await;
    assert!(list.contains(&format!("/groups/{gid}/split")));

    let resp = b
        .submit(
            &format!("/groups/{gid}/accept"),
            &[("from", &reqs[0].to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), format!("{path}#groups"));
    let g = api.get("/v1/groups?status=accepted").await;
    assert_eq!(g["items"][0]["id"], gid);
    assert!(has(&audit_rows(&app, org), "group_accepted", people[3]));
    for r in &reqs {
        assert_eq!(api.status(*r).await, "open", "nobody put in anything");
    }
    // Decided once: splitting now is explained.
    let resp = b.submit(&format!("/groups/{gid}/split"), &[]).await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert!(resp.text().await.unwrap().contains("al beslist"));
    assert!(page(&mut b, &path)
        .await
        .contains("aanvaard door een aanspreekpersoon"));
}

#[tokio::test]
async fn the_sketch_map_shows_approximate_positions_only() {
    let app = spawn_app().await;
    let (mut b, api) = logged_in(&app).await;
    let anna = api.neighbour("Anna", 0, 1).await;
    let mut stored = vec![(LAT, LON)];
    for (i, name) in ["Bert", "Cas", "Dora"].into_iter().enumerate() {
        api.neighbour(name, i as u32 + 1, 1).await;
        stored.push((LAT + f64::from(i as u32 + 1) * 0.001, LON));
    }
    let rid = api.walk(anna).await;
    let html = page(&mut b, &format!("/requests/{rid}")).await;
    assert!(html.contains("<svg class=\"sketch\" role=\"img\""), "{html}");
    assert!(html.contains("<title id=\"map-title\">"));
    assert!(html.contains("blokken van 250 m"));
    assert!(!html.contains("<script") && !html.contains(" style=\""));
    let start = html.find("<svg class=\"sketch\"").unwrap();
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    for (lat, lon) in stored {
        for v in [lat, lon] {
            let mut forms = vec![v.to_string()];
            for d in 3..=7 {
                forms.push(format!("{v:.d$}"));
            }
            for f in forms {
                for s in [f.clone(), f.replace('.', ",")] {
                    assert!(!html.contains(&s), "{s} in the page");
                }
            }
        }
        // Nor the projected metres.
        let p = Point::from_wgs84(lat, lon).unwrap();
        for m in [p.x, p.y] {
            assert!(
                !html.contains(&format!("{}", m.round() as i64)),
                "{m} in the page"
            );
            assert!(
                !html.contains(&format!("{}", m.trunc() as i64)),
                "{m} in the page"
            );
        }
    }
    // Whole pixels only inside the drawing.
    for attr in svg.split('"').skip(1).step_by(2) {
        if attr.parse::<f64>().is_ok() {
            assert!(attr.parse::<i64>().is_ok(), "{attr}");
        }
    }
    // Every candidate of the list is numbered on the map.
    for n in 1..=3 {
        assert!(svg.contains(&format!(" {n}: ")), "{n} in {svg}");
    }
    // In French and English too.
    let fr = page(&mut b, &format!("/requests/{rid}?lang=fr")).await;
    assert!(fr.contains("Croquis : où habitent à peu près les voisins") && fr.contains(">Proposer</button>"));
    assert!(fr.contains("Orienter vers un service") && fr.contains("<title>Proximité: "));
    let en = page(&mut b, &format!("/requests/{rid}?lang=en")).await;
    assert!(en.contains("Sketch: roughly where the neighbours live") && en.contains(">Propose</button>"));
    assert!(en.contains("Bert propose") && en.contains("Refer to a service"));
}

#[tokio::test]
async fn a_coordinator_limited_to_a_neighbourhood_sees_no_name_from_elsewhere() {
    let app = spawn_app().await;
    let org = app.org_a.id;
    let (_, api) = logged_in(&app).await;
    let home = app.org_a.neighbourhood;
    let db = store(&app);
    let elsewhere = db
        .write(|c| {
            let hood = neighbourhood::create(
                c,
                org,
                &NewNeighbourhood {
                    name: "Elders".into(),
                    centre_lat: LAT + 0.002,
                    centre_lon: LON,
                    radius_m: 500.0,
                },
            )?;
            user::create(
                c,
                org,
                &NewUser {
                    email: "wijk@pelt.test".into(),
                    password_hash: nabij_api::auth::password::hash_password(PASSWORD).unwrap(),
                    role: user::Role::Coordinator,
                    neighbourhood_ids: Some(vec![home]),
                },
            )?;
            Ok(hood.id)
        })
        .unwrap();
    let anna = api.neighbour_in("Anna", 0, 1, Some(home)).await;
    let bert = api.neighbour_in("Bert", 2, 1, Some(elsewhere)).await;
    let rid = api.walk(anna).await;
    let theirs = api.walk(bert).await;
    let mut b = Browser::new(&app);
    b.login("wijk@pelt.test").await;
    let html = page(&mut b, &format!("/requests/{rid}")).await;
    assert!(!html.contains("Bert"), "not a candidate for them: {html}");
    api.post(
        "/v1/matches",
        &json!({"request_id": rid, "companion_ids": [bert]}),
    )
    .await;
    let html = page(&mut b, &format!("/requests/{rid}")).await;
    assert!(!html.contains("Bert"), "{html}");
    assert!(html.contains("iemand buiten uw buurten"));
    assert!(!html.contains(&format!("/neighbours/{bert}")));
    assert_eq!(
        b.get(&format!("/requests/{theirs}")).await.status(),
        StatusCode::NOT_FOUND
    );
    // Nor can they propose someone from elsewhere.
    let resp = b
        .submit(
            &format!("/requests/{rid}/propose"),
            &[("companion", &bert.to_string())],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert!(!resp.text().await.unwrap().contains("Bert"));
    assert_eq!(match_ids(&app, org, rid).len(), 1);
}
