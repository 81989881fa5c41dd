//! The realistic mix: what coordinators and partner apps do all day, one HTTP request
//! per step. Candidate queries dominate; requests are created, the best candidate is
//! proposed, both sides accept, the match is closed with its follow-up; now and then a
//! neighbour registers. Each step takes the next piece of work from shared queues, so
//! any number of tasks (closed loop) or arrivals (open loop) drive the same flows.
//!
//! Every 2xx write is logged as an [`Ack`] (its id and the state it acknowledged), for
//! the checks afterwards: nothing acknowledged may be missing from the database.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The routes the mix calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Route {
    Candidates,
    CreateRequest,
    Propose,
    Accept,
    Close,
    CreateNeighbour,
}

impl Route {
    pub(crate) const ALL: [Route; 6] = [
        Route::Candidates,
        Route::CreateRequest,
        Route::Propose,
        Route::Accept,
        Route::Close,
        Route::CreateNeighbour,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Route::Candidates => "GET /v1/requests/{id}/candidates",
            Route::CreateRequest => "POST /v1/requests",
            Route::Propose => "POST /v1/matches",
            Route::Accept => "POST /v1/matches/{id}/accept",
            Route::Close => "POST /v1/matches/{id}/close",
            Route::CreateNeighbour => "POST /v1/neighbours",
        }
    }
}

/// A write the server acknowledged with a 2xx, and the state it acknowledged.
#[derive(Debug, Clone)]
pub(crate) enum Ack {
    Neighbour(i64),
    Request(i64),
    /// Proposed; members with the neighbour who asked first.
    Proposed {
        id: i64,
        members: Vec<i64>,
    },
    /// `by` accepted; `active` when that made the match active.
    Accepted {
        id: i64,
        by: i64,
        active: bool,
        members: usize,
    },
    Closed {
        id: i64,
        members: usize,
    },
}

/// One request as the client saw it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample {
    pub(crate) route: Route,
    /// HTTP status, or 0 when no answer came (connection refused or broken, timeout).
    pub(crate) status: u16,
    /// A 4xx/5xx answered with `application/problem+json`.
    pub(crate) problem: bool,
    /// Seconds since the mix was made, when the request was (meant to be) sent.
    pub(crate) at: f64,
    pub(crate) ms: f64,
}

/// Which steps a mix takes, in percent (the rest: candidate queries).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weights {
    pub(crate) create_request: u32,
    pub(crate) propose: u32,
    pub(crate) accept: u32,
    pub(crate) close: u32,
    pub(crate) create_neighbour: u32,
}

impl Weights {
    /// Reads first: a coordinator looks at candidates far more often than they write.
    pub(crate) const REALISTIC: Weights = Weights {
        create_request: 12,
        propose: 10,
        accept: 20,
        close: 10,
        create_neighbour: 6,
    };
    /// Mostly writes (crash rounds, notifications).
    pub(crate) const WRITES: Weights = Weights {
        create_request: 18,
        propose: 18,
        accept: 30,
        close: 16,
        create_neighbour: 8,
    };
}

/// Work in progress, shared by all tasks.
#[derive(Default)]
struct Flows {
    /// Created requests whose candidates are still to be looked up.
    need_candidates: VecDeque<i64>,
    /// Requests with their candidates, to propose the best one.
    need_propose: VecDeque<(i64, Vec<i64>)>,
    /// Proposed matches and who still has to accept (the neighbour who asked first).
    need_accept: VecDeque<(i64, VecDeque<i64>, usize)>,
    /// Active matches to close.
    need_close: VecDeque<(i64, usize)>,
}

/// The next piece of a flow a step took from the queues.
enum Work {
    None,
    Propose((i64, Vec<i64>)),
    Accept((i64, VecDeque<i64>, usize)),
    Close((i64, usize)),
}

/// Most flows kept waiting for their next step (beyond that, new requests wait).
const MAX_WAITING: usize = 500;

/// A mix against one server.
pub(crate) struct Mix {
    client: reqwest::Client,
    base: String,
    token: String,
    requesters: Vec<i64>,
    open_requests: Vec<i64>,
    weights: Weights,
    flows: Mutex<Flows>,
    acks: Mutex<Vec<Ack>>,
    counter: AtomicU64,
    seed: u64,
    t0: Instant,
}

impl Mix {
    pub(crate) fn new(
        base: &str,
        token: &str,
        requesters: Vec<i64>,
        open_requests: Vec<i64>,
        weights: Weights,
        seed: u64,
    ) -> anyhow::Result<Mix> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .timeout(Duration::from_secs(30))
            .build()?;
        Ok(Mix {
            client,
            base: base.to_string(),
            token: token.to_string(),
            requesters,
            open_requests,
            weights,
            flows: Mutex::new(Flows::default()),
            acks: Mutex::new(Vec::new()),
            counter: AtomicU64::new(0),
            seed,
            t0: Instant::now(),
        })
    }

    /// Seconds since the mix was made.
    pub(crate) fn now(&self) -> f64 {
        self.t0.elapsed().as_secs_f64()
    }

    /// The acknowledged writes so far.
    pub(crate) fn acks(&self) -> Vec<Ack> {
        self.acks.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Forgets work in progress (after a crash: what was in flight is unknown).
    pub(crate) fn forget_flows(&self) {
        *self.flows.lock().unwrap_or_else(|e| e.into_inner()) = Flows::default();
    }

    fn ack(&self, a: Ack) {
        self.acks.lock().unwrap_or_else(|e| e.into_inner()).push(a);
    }

    fn flows(&self) -> std::sync::MutexGuard<'_, Flows> {
        self.flows.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One step of the mix, timed from `scheduled` (open loop: when it was due).
    pub(crate) async fn step(&self, scheduled: Instant) -> Sample {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let w = self.weights;
        let table = [
            (Route::CreateRequest, w.create_request),
            (Route::Propose, w.propose),
            (Route::Accept, w.accept),
            (Route::Close, w.close),
            (Route::CreateNeighbour, w.create_neighbour),
        ];
        let mut roll = rng.gen_range(0..100);
        let mut route = Route::Candidates;
        for (r, percent) in table {
            if roll < percent {
                route = r;
                break;
            }
            roll -= percent;
        }
        let at = scheduled.duration_since(self.t0).as_secs_f64();
        // Take the work first: the queues' lock must not be held across a request.
        let mut work = Work::None;
        {
            let mut f = self.flows();
            match route {
                Route::Propose => work = f.need_propose.pop_front().map_or(Work::None, Work::Propose),
                Route::Accept => work = f.need_accept.pop_front().map_or(Work::None, Work::Accept),
                Route::Close => work = f.need_close.pop_front().map_or(Work::None, Work::Close),
                _ => {}
            }
        }
        let (route, out) = match (route, work) {
            (_, Work::Propose(w)) => (Route::Propose, self.propose(w).await),
            (_, Work::Accept(w)) => (Route::Accept, self.accept(w).await),
            (_, Work::Close(w)) => (Route::Close, self.close(w, &mut rng).await),
            (Route::Propose | Route::Accept | Route::Close, Work::None) => {
                (Route::Candidates, self.candidates(&mut rng).await)
            }
            (Route::CreateRequest, Work::None) => {
                let waiting = {
                    let f = self.flows();
                    f.need_candidates.len() + f.need_propose.len()
                };
                if waiting < MAX_WAITING {
                    (Route::CreateRequest, self.create_request(&mut rng).await)
                } else {
                    (Route::Candidates, self.candidates(&mut rng).await)
                }
            }
            (Route::CreateNeighbour, Work::None) => {
                (Route::CreateNeighbour, self.create_neighbour(&mut rng).await)
            }
            (Route::Candidates, Work::None) => (Route::Candidates, self.candidates(&mut rng).await),
        };
        let (status, problem) = out;
        Sample {
            route,
            status,
            problem,
            at,
            ms: scheduled.elapsed().as_secs_f64() * 1e3,
        }
    }

    /// Sends one request; the status, whether it is problem+json, and the JSON body of a
    /// 2xx.
    async fn send(&self, req: reqwest::RequestBuilder) -> (u16, bool, Option<Value>) {
        match req.bearer_auth(&self.token).send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                let problem = resp
                    .headers()
                    .get("content-type")
                    .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
                let body = resp.bytes().await.ok();
                let json = if (200..300).contains(&status) {
                    body.and_then(|b| serde_json::from_slice(&b).ok())
                } else {
                    None
                };
                (status, problem, json)
            }
            Err(_) => (0, false, None),
        }
    }

    /// Candidates of a request waiting for them (then it waits for its proposal), or of
    /// a random open request.
    async fn candidates(&self, rng: &mut ChaCha8Rng) -> (u16, bool) {
        let waiting = self.flows().need_candidates.pop_front();
        let id = match waiting {
            Some(id) => id,
            None if !self.open_requests.is_empty() => {
                self.open_requests[rng.gen_range(0..self.open_requests.len())]
            }
            None => return self.create_request(rng).await,
        };
        let url = format!("{}/v1/requests/{id}/candidates?limit=10", self.base);
        let (status, problem, body) = self.send(self.client.get(url)).await;
        if let (Some(_), Some(body)) = (waiting, body) {
            let ids: Vec<i64> = body["candidates"]
                .as_array()
                .map(|cs| cs.iter().filter_map(|c| c["neighbour_id"].as_i64()).collect())
                .unwrap_or_default();
            if !ids.is_empty() {
                self.flows().need_propose.push_back((id, ids));
            }
        }
        (status, problem)
    }

    async fn create_request(&self, rng: &mut ChaCha8Rng) -> (u16, bool) {
        let who = self.requesters[rng.gen_range(0..self.requesters.len())];
        let body = if rng.gen_bool(0.5) {
            json!({
                "neighbour_id": who, "kind": "companionship", "tags": ["walking"],
                "text": "Ik zou graag samen wandelen op dinsdagnamiddag.",
                "window": {"type": "weekly", "slots": ["tue-afternoon"]},
            })
        } else {
            json!({
                "neighbour_id": who, "kind": "practical", "tags": ["shopping"],
                "text": "Wie brengt deze week een paar boodschappen mee?",
                "window": {"type": "flexible"},
            })
        };
        let url = format!("{}/v1/requests", self.base);
        let (status, problem, body) = self.send(self.client.post(url).json(&body)).await;
        if let Some(id) = body.as_ref().and_then(|b| b["id"].as_i64()) {
            self.ack(Ack::Request(id));
            self.flows().need_candidates.push_back(id);
        }
        (status, problem)
    }

    async fn propose(&self, (request, candidates): (i64, Vec<i64>)) -> (u16, bool) {
        let companion = candidates[0];
        let url = format!("{}/v1/matches", self.base);
        let body = json!({"request_id": request, "companion_ids": [companion]});
        let (status, problem, body) = self.send(self.client.post(url).json(&body)).await;
        if let Some(b) = body {
            if let Some(id) = b["id"].as_i64() {
                let members = members(&b);
                self.ack(Ack::Proposed {
                    id,
                    members: members.clone(),
                });
                let n = members.len();
                self.flows().need_accept.push_back((id, members.into(), n));
            }
        }
        (status, problem)
    }

    async fn accept(&self, (id, mut pending, n): (i64, VecDeque<i64>, usize)) -> (u16, bool) {
        let Some(who) = pending.pop_front() else {
            return (0, false);
        };
        let url = format!("{}/v1/matches/{id}/accept", self.base);
        let body = json!({"neighbour_id": who});
        let (status, problem, body) = self.send(self.client.post(url).json(&body)).await;
        if let Some(b) = body {
            let active = b["status"] == "active";
            self.ack(Ack::Accepted {
                id,
                by: who,
                active,
                members: n,
            });
            if active {
                self.flows().need_close.push_back((id, n));
            } else if !pending.is_empty() {
                self.flows().need_accept.push_back((id, pending, n));
            }
        }
        (status, problem)
    }

    async fn close(&self, (id, n): (i64, usize), rng: &mut ChaCha8Rng) -> (u16, bool) {
        let url = format!("{}/v1/matches/{id}/close", self.base);
        let body = json!({"follow_up": {
            "met": true, "mutual_support": rng.gen_bool(0.7),
            "note": "Ze spreken opnieuw af.",
        }});
        let (status, problem, body) = self.send(self.client.post(url).json(&body)).await;
        if body.is_some() {
            self.ack(Ack::Closed { id, members: n });
        }
        (status, problem)
    }

    async fn create_neighbour(&self, rng: &mut ChaCha8Rng) -> (u16, bool) {
        let i = rng.gen_range(0..1_000_000);
        let body = json!({
            "display_name": format!("Soak {i}"),
            "contact": {"email": format!("soak{i}@soak.invalid")},
            "location": {"lat": 51.22 + rng.gen_range(0.0..0.05), "lon": 5.42 + rng.gen_range(0.0..0.05)},
            "travel_radius_m": 2000,
            "interests": ["walking"], "talents": ["shopping"], "languages": ["nl"],
            "availability": ["tue-afternoon"], "capacity": 2,
            "consent": {"channel": "home_visit"},
        });
        let url = format!("{}/v1/neighbours", self.base);
        let (status, problem, body) = self.send(self.client.post(url).json(&body)).await;
        if let Some(id) = body.as_ref().and_then(|b| b["id"].as_i64()) {
            self.ack(Ack::Neighbour(id));
        }
        (status, problem)
    }
}

/// The members of a match answer, the neighbour who asked first.
fn members(body: &Value) -> Vec<i64> {
    let mut out: Vec<(bool, i64)> = body["members"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .filter_map(|m| Some((m["side"] != "requester", m["neighbour_id"].as_i64()?)))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.into_iter().map(|(_, id)| id).collect()
}
