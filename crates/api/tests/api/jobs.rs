//! `/v1/jobs`: re-matching as a background job — 202 and polling to a summary, one run
//! per organisation (409 `job_running` with its id), dry runs, roles and tenants.

use crate::fixtures::{neighbour_at, walk_request};
use crate::helpers::{assert_problem, TestApp};
use nabij_api::auth::Role;
use nabij_store::audit;
use nabij_store::rematch::{self, RematchOptions};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

crate::on_both_backends!(
    a_started_job_runs_in_the_background_to_a_summary,
    a_second_start_while_one_runs_is_409_with_its_id,
    a_dry_run_job_writes_no_proposals,
    partners_are_refused_and_other_tenants_see_nothing,
    bad_bodies_are_4xx_and_a_key_replays_the_start,
);

impl TestApp {
    /// `POST /v1/jobs/rematch` with `body` (`None`: no body at all).
    pub async fn start_rematch(&self, token: &str, body: Option<&Value>) -> crate::helpers::Response {
        let req = self.client.post(self.url("/v1/jobs/rematch")).bearer_auth(token);
        match body {
            Some(b) => req.json(b),
            None => req,
        }
        .send()
        .await
        .unwrap()
    }

    /// Polls `GET /v1/jobs/{id}` until the job is no longer running (60 s at most).
    pub async fn wait_for_job(&self, token: &str, id: i64) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let job = self.get_ok(&format!("/v1/jobs/{id}"), token).await;
            if job["status"] != "running" {
                return job;
            }
            assert!(Instant::now() < deadline, "job {id} still running: {job}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts a re-matching job, waits for it and asserts it succeeded.
    pub async fn rematch_ok(&self, token: &str, body: Option<&Value>) -> Value {
        let resp = self.start_rematch(token, body).await;
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        assert_eq!(status, 202, "{text}");
        let id = serde_json::from_str::<Value>(&text).unwrap()["id"]
            .as_i64()
            .unwrap();
        let job = self.wait_for_job(token, id).await;
        assert_eq!(job["status"], "succeeded", "{job}");
        job
    }
}

/// A requester without room and one companion nearby: (request id, companion id).
async fn small_org(app: &TestApp, token: &str) -> (i64, i64) {
    let an = app.new_neighbour(token, &neighbour_at("An", 0, 0)).await;
    let bert = app.new_neighbour(token, &neighbour_at("Bert", 1, 1)).await;
    let rid = app.new_request(token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    (rid, bert)
}

async fn request_status(app: &TestApp, token: &str, rid: i64) -> String {
    app.get_ok(&format!("/v1/requests/{rid}"), token).await["status"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn a_started_job_runs_in_the_background_to_a_summary(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let (rid, _) = small_org(&app, &token).await;
    let resp = app.start_rematch(&token, None).await;
    assert_eq!(resp.status().as_u16(), 202);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    let started: Value = resp.json().await.unwrap();
    let id = started["id"].as_i64().unwrap();
    assert_eq!(location, format!("/v1/jobs/{id}"));
    assert_eq!(
        (started["kind"].as_str(), started["status"].as_str()),
        (Some("rematch"), Some("running"))
    );
    assert!(started["summary"].is_null() && started["finished_at"].is_null());

    let job = app.wait_for_job(&token, id).await;
    assert_eq!(job["status"], "succeeded", "{job}");
    assert_eq!(job["progress"], 1.0);
    assert!(job["finished_at"].is_string() && job["error"].is_null());
    let s = &job["summary"];
    assert_eq!(s["requests_considered"], 1, "{job}");
    assert_eq!(s["proposals_made"], 1, "{job}");
    assert_eq!(
        (s["still_unmatched"].as_i64(), s["dry_run"].as_bool()),
        (Some(0), Some(false))
    );
    for field in ["groups_suggested", "referrals_suggested", "duration_ms"] {
        assert!(s[field].is_u64(), "{field} in {job}");
    }
    // The proposal waits for everybody's answer: nothing is active.
    assert_eq!(request_status(&app, &token, rid).await, "proposed");

    // The console's "last run", and an admin reads it too.
    let admin = app.token(&app.org_a, Role::Admin, &[]);
    let listed = app.get_ok("/v1/jobs?kind=rematch&limit=1", &admin).await;
    assert_eq!(listed["items"][0]["id"], id);
    assert_eq!(listed["items"][0]["summary"], *s);
    let started_rows = app
        .store
        .read(|c| audit::list(c, app.org_a.id, None, 1000))
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "rematch_started")
        .count();
    assert_eq!(started_rows, 1);

    // A second run finds nothing new to propose.
    let again = app.rematch_ok(&admin, Some(&json!({}))).await;
    assert_eq!(again["summary"]["proposals_made"], 0, "{again}");
    let listed = app.get_ok("/v1/jobs?limit=1", &admin).await;
    assert_eq!(listed["items"][0]["id"], again["id"]);
    let next = listed["next_cursor"].as_str().unwrap().to_string();
    let older = app
        .get_ok(&format!("/v1/jobs?limit=1&cursor={next}"), &admin)
        .await;
    assert_eq!(older["items"][0]["id"], id);
    assert!(older["next_cursor"].is_null());
}

async fn a_second_start_while_one_runs_is_409_with_its_id(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let (rid, _) = small_org(&app, &token).await;
    // A run going on (as from `nabij rematch` or another instance).
    let running = rematch::start_job(&app.store, app.org_a.id).unwrap();
    for who in [Role::Coordinator, Role::Admin] {
        let t = app.token(&app.org_a, who, &[]);
        let body = assert_problem(app.start_rematch(&t, None).await, 409, "job_running").await;
        assert_eq!(body["job_id"], running.get(), "{body}");
    }
    let seen = app.get_ok(&format!("/v1/jobs/{}", running.get()), &token).await;
    assert_eq!(seen["status"], "running");
    // Another organisation is not held up.
    let b = app.token(&app.org_b, Role::Admin, &[]);
    app.rematch_ok(&b, None).await;

    let store = app.store.clone();
    let org = app.org_a.id;
    tokio::task::spawn_blocking(move || rematch::run_job(&store, org, running, &RematchOptions::default()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(request_status(&app, &token, rid).await, "proposed");
    let done = app.get_ok(&format!("/v1/jobs/{}", running.get()), &token).await;
    assert_eq!(done["status"], "succeeded");
    // Free again.
    let next = app.rematch_ok(&token, None).await;
    assert_ne!(next["id"], running.get());
}

async fn a_dry_run_job_writes_no_proposals(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let (rid, _) = small_org(&app, &token).await;
    let job = app
        .rematch_ok(&token, Some(&json!({"dry_run": true, "k": 5})))
        .await;
    let s = &job["summary"];
    assert_eq!(
        (s["dry_run"].as_bool(), s["proposals_made"].as_i64()),
        (Some(true), Some(1)),
        "{job}"
    );
    assert_eq!(request_status(&app, &token, rid).await, "open");
    let groups = app.get_ok("/v1/groups", &token).await;
    assert_eq!(groups["items"], json!([]));
    // The real run does what the dry run counted.
    let real = app.rematch_ok(&token, Some(&json!({"dry_run": false}))).await;
    assert_eq!(real["summary"]["proposals_made"], 1, "{real}");
    assert_eq!(request_status(&app, &token, rid).await, "proposed");
}

async fn partners_are_refused_and_other_tenants_see_nothing(app: TestApp) {
    let a = app.token(&app.org_a, Role::Coordinator, &[]);
    let job = app.rematch_ok(&a, None).await;
    let id = job["id"].as_i64().unwrap();

    let partner = app.token(
        &app.org_a,
        Role::Partner,
        &["neighbours:write", "requests:write", "matches:write"],
    );
    assert_problem(app.start_rematch(&partner, None).await, 403, "forbidden").await;
    for path in [format!("/v1/jobs/{id}"), "/v1/jobs".to_string()] {
        assert_problem(app.get_with_token(&path, &partner).await, 403, "forbidden").await;
    }

    let b = app.token(&app.org_b, Role::Admin, &[]);
    let resp = app.get_with_token(&format!("/v1/jobs/{id}"), &b).await;
    let foreign = assert_problem(resp, 404, "not_found").await;
    let resp = app.get_with_token("/v1/jobs/987654", &b).await;
    let missing = assert_problem(resp, 404, "not_found").await;
    assert_eq!(foreign["detail"], missing["detail"]);
    assert_eq!(app.get_ok("/v1/jobs", &b).await["items"], json!([]));
    assert_problem(app.get_with_token("/v1/jobs/0", &a).await, 400, "invalid_id").await;
    let resp = app.get_with_token("/v1/jobs?kind=export", &a).await;
    assert_problem(resp, 400, "invalid_value").await;
}

async fn bad_bodies_are_4xx_and_a_key_replays_the_start(app: TestApp) {
    let token = app.token(&app.org_a, Role::Admin, &[]);
    for (body, code) in [
        (json!({"k": 0}), "invalid_value"),
        (json!({"k": 101}), "invalid_value"),
        (json!({"dry_run": "yes"}), "invalid_value"),
        (json!({"org": "deerlijk"}), "unknown_field"),
    ] {
        assert_problem(app.start_rematch(&token, Some(&body)).await, 400, code).await;
    }
    let resp = app
        .post_raw("/v1/jobs/rematch", "application/json", b"{nope".to_vec())
        .await;
    assert_eq!(resp.status().as_u16(), 401, "the token comes first");
    let send = |ct: &'static str, body: &'static [u8]| {
        app.client
            .post(app.url("/v1/jobs/rematch"))
            .bearer_auth(&token)
            .header("Content-Type", ct)
            .body(body)
            .send()
    };
    assert_problem(
        send("application/json", b"{nope").await.unwrap(),
        400,
        "malformed_json",
    )
    .await;
    assert_problem(
        send("text/plain", b"{}").await.unwrap(),
        415,
        "unsupported_media_type",
    )
    .await;
    let none: Vec<Value> = app.get_ok("/v1/jobs", &token).await["items"]
        .as_array()
        .unwrap()
        .clone();
    assert!(none.is_empty(), "refused starts start nothing");

    // The same Idempotency-Key again answers the first 202 and starts nothing.
    let first = app
        .post_keyed("/v1/jobs/rematch", &token, "start-1", &json!({}))
        .await;
    assert_eq!(first.status().as_u16(), 202);
    let first: Value = first.json().await.unwrap();
    let replay = app
        .post_keyed("/v1/jobs/rematch", &token, "start-1", &json!({}))
        .await;
    assert_eq!(replay.status().as_u16(), 202);
    assert_eq!(
        replay.headers()["location"].to_str().unwrap(),
        format!("/v1/jobs/{}", first["id"])
    );
    assert_eq!(replay.json::<Value>().await.unwrap()["id"], first["id"]);
    let id = first["id"].as_i64().unwrap();
    assert_eq!(app.wait_for_job(&token, id).await["status"], "succeeded");
    let all = app.get_ok("/v1/jobs", &token).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 1, "{all}");
}
