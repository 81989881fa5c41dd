//! Domain fixtures for the tests of requests, candidates and matches: neighbours close
//! together in Pelt, requests, and typed calls that assert their status.

use crate::helpers::TestApp;
use serde_json::{json, Value};

/// The exact coordinates sent in; no response may contain them.
pub const LAT: f64 = 51.2234567;
pub const LON: f64 = 5.4212345;
/// The coordinates of a request's own place.
pub const PLACE_LAT: f64 = 51.2298765;
pub const PLACE_LON: f64 = 5.4287654;

/// Text that would betray a coordinate.
pub const LEAKS: &[&str] = &["51.223", "51.229", "5.421", "5.428", "51,223", "5,421"];

/// Fails when a response names or holds a coordinate: a `lat`, `lon` or `location`
/// member, a number near the coordinates sent in, or their digits in a text (timestamps
/// aside, whose seconds may look like one).
pub fn assert_no_coordinates(text: &str) {
    fn walk(v: &Value, text: &str) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    assert!(!["lat", "lon", "location"].contains(&k.as_str()), "{k} in {text}");
                    walk(v, text);
                }
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, text)),
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or_default();
                let near = (51.1..51.4).contains(&x) || (5.3..5.5).contains(&x);
                assert!(!(near && x.fract() != 0.0), "{x} in {text}");
            }
            Value::String(s) if chrono::DateTime::parse_from_rfc3339(s).is_err() => {
                for leak in LEAKS {
                    assert!(!s.contains(leak), "{leak} in {text}");
                }
            }
            _ => {}
        }
    }
    match serde_json::from_str::<Value>(text) {
        Ok(v) => walk(&v, text),
        Err(_) => LEAKS
            .iter()
            .for_each(|l| assert!(!text.contains(l), "{l} in {text}")),
    }
}

/// A neighbour `i` × ~110 m north of [`LAT`], [`LON`].
pub fn neighbour_at(name: &str, i: u32, capacity: u32) -> Value {
    json!({
        "display_name": name,
        "location": {"lat": LAT + f64::from(i) * 0.001, "lon": LON},
        "travel_radius_m": 3000.0,
        "interests": ["walking"],
        "talents": ["shopping", "walking"],
        "languages": ["nl"],
        "availability": ["tue-afternoon", "sat-morning"],
        "capacity": capacity,
        "consent": {"channel": "self"}
    })
}

/// A referral card (signed today) about a person who is not registered.
pub fn signal_card(name: &str) -> Value {
    json!({
        "person": {"name": name, "phone": "011 22 33 44", "basis": "signed_card"},
        "source": "referral_card",
        "referring_partner": "Apotheek De Linde",
        "signed_on": chrono::Utc::now().date_naive().to_string(),
        "life_domains": ["social_contact", "mobility"],
        "text": "Komt weinig buiten sinds de val."
    })
}

/// A companionship request for a walk on Tuesday afternoons.
pub fn walk_request(neighbour_id: i64) -> Value {
    json!({
        "neighbour_id": neighbour_id,
        "kind": "companionship",
        "tags": ["walking"],
        "text": "Samen wandelen op dinsdagnamiddag",
        "window": {"type": "weekly", "slots": ["tue-afternoon"]}
    })
}

impl TestApp {
    pub async fn post_as(&self, path: &str, token: &str, body: &Value) -> crate::helpers::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_keyed(
        &self,
        path: &str,
        token: &str,
        key: &str,
        body: &Value,
    ) -> crate::helpers::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// POST that must answer `status`; returns the JSON body.
    pub async fn post_ok(&self, path: &str, token: &str, body: &Value, status: u16) -> Value {
        let resp = self.post_as(path, token, body).await;
        let got = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        assert_eq!(got, status, "POST {path}: {text}");
        assert_no_coordinates(&text);
        serde_json::from_str(&text).unwrap()
    }

    /// GET that must answer 200; returns the JSON body.
    pub async fn get_ok(&self, path: &str, token: &str) -> Value {
        let resp = self.get_with_token(path, token).await;
        let got = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        assert_eq!(got, 200, "GET {path}: {text}");
        assert_no_coordinates(&text);
        serde_json::from_str(&text).unwrap()
    }

    pub async fn new_neighbour(&self, token: &str, body: &Value) -> i64 {
        self.post_ok("/v1/neighbours", token, body, 201).await["id"]
            .as_i64()
            .unwrap()
    }

    pub async fn new_request(&self, token: &str, body: &Value) -> Value {
        self.post_ok("/v1/requests", token, body, 201).await
    }

    pub async fn candidate_ids(&self, token: &str, request_id: i64) -> Vec<i64> {
        let got = self
            .get_ok(&format!("/v1/requests/{request_id}/candidates"), token)
            .await;
        got["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["neighbour_id"].as_i64().unwrap())
            .collect()
    }

    pub async fn propose(&self, token: &str, request_id: i64, companions: &[i64]) -> Value {
        let body = json!({"request_id": request_id, "companion_ids": companions});
        self.post_ok("/v1/matches", token, &body, 201).await
    }

    pub async fn answer(
        &self,
        token: &str,
        match_id: i64,
        verb: &str,
        neighbour_id: i64,
    ) -> crate::helpers::Response {
        let body = json!({"neighbour_id": neighbour_id});
        self.post_as(&format!("/v1/matches/{match_id}/{verb}"), token, &body)
            .await
    }
}
