//! Acting on a request through the console: propose, accept, decline, close with the
//! follow-up, refer, decide a group; each step checked in the API and the database
//! (status, audit row, outbox row), refusals explained with nothing changed, CSRF and
//! tenants, and a sketch map without coordinates.

mod life;
mod matches;
mod privacy;
mod referrals;

use crate::helpers::{Browser, TestApp, PASSWORD};
use nabij_store::matching::{self, MatchFilter};
use nabij_store::{audit, outbox, NeighbourhoodId, OrgId, RequestId, Store};
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
