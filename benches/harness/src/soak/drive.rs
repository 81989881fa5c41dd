//! Driving a [`Mix`]: a closed loop (a fixed number of clients, each sending its next
//! request when the last one was answered: the highest rate the server holds) or an
//! open loop (requests due at a fixed rate whether or not earlier ones were answered,
//! timed from when they were due, so queueing shows in the latency). And the per-route
//! summary of what came back.

use crate::soak::mix::{Mix, Route, Sample};
use crate::stats::{r3, Summary};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `tasks` clients for `run_for`; after a failure (5xx or no answer) a client waits
/// `pause` before its next request, as a real client honouring `Retry-After` would.
pub(crate) async fn closed_loop(
    mix: Arc<Mix>,
    tasks: usize,
    run_for: Duration,
    pause: Duration,
) -> Vec<Sample> {
    let deadline = Instant::now() + run_for;
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let mix = mix.clone();
            tokio::spawn(async move {
                let mut out = Vec::new();
                while Instant::now() < deadline {
                    let s = mix.step(Instant::now()).await;
                    let failed = s.status == 0 || s.status >= 500;
                    out.push(s);
                    if failed && !pause.is_zero() {
                        tokio::time::sleep(pause).await;
                    }
                }
                out
            })
        })
        .collect();
    let mut all = Vec::new();
    for h in handles {
        if let Ok(s) = h.await {
            all.extend(s);
        }
    }
    all
}

/// What an open loop sent.
pub(crate) struct OpenLoop {
    pub(crate) samples: Vec<Sample>,
    /// Arrivals not sent because `max_in_flight` requests were still waiting.
    pub(crate) dropped: usize,
    pub(crate) seconds: f64,
}

/// Requests due every `1/rate` seconds for `run_for`, each on its own task, at most
/// `max_in_flight` unanswered at once.
pub(crate) async fn open_loop(mix: Arc<Mix>, rate: f64, run_for: Duration, max_in_flight: usize) -> OpenLoop {
    let start = Instant::now();
    let n = (rate * run_for.as_secs_f64()).round() as u64;
    let in_flight = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    let mut dropped = 0;
    for k in 0..n {
        let due = start + Duration::from_secs_f64(k as f64 / rate);
        tokio::time::sleep_until(due.into()).await;
        if in_flight.load(Ordering::Relaxed) >= max_in_flight {
            dropped += 1;
            continue;
        }
        in_flight.fetch_add(1, Ordering::Relaxed);
        let (mix, in_flight) = (mix.clone(), in_flight.clone());
        handles.push(tokio::spawn(async move {
            let s = mix.step(due).await;
            in_flight.fetch_sub(1, Ordering::Relaxed);
            s
        }));
    }
    let mut samples = Vec::with_capacity(handles.len());
    for h in handles {
        if let Ok(s) = h.await {
            samples.push(s);
        }
    }
    OpenLoop {
        samples,
        dropped,
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// Counts by outcome.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Outcomes {
    pub(crate) total: usize,
    pub(crate) ok: usize,
    pub(crate) client_errors: usize,
    pub(crate) server_errors: usize,
    pub(crate) status_500: usize,
    /// No answer at all (refused, broken, timed out).
    pub(crate) no_answer: usize,
}

impl Outcomes {
    pub(crate) fn of<'a>(samples: impl IntoIterator<Item = &'a Sample>) -> Outcomes {
        let mut o = Outcomes::default();
        for s in samples {
            o.total += 1;
            match s.status {
                0 => o.no_answer += 1,
                200..=299 => o.ok += 1,
                400..=499 => o.client_errors += 1,
                _ => {
                    o.server_errors += 1;
                    if s.status == 500 {
                        o.status_500 += 1;
                    }
                }
            }
        }
        o
    }

    pub(crate) fn to_json(self) -> Value {
        json!({
            "requests": self.total, "2xx": self.ok, "4xx": self.client_errors,
            "5xx": self.server_errors, "500": self.status_500, "no_answer": self.no_answer,
        })
    }
}

/// p50, p99 and max latency (ms) of these samples.
pub(crate) fn latency(samples: &[&Sample]) -> (f64, f64, f64) {
    let s = Summary::new(samples.iter().map(|s| s.ms).collect());
    let max = samples.iter().map(|s| s.ms).fold(0.0, f64::max);
    (r3(s.median()), r3(s.percentile(99.0)), r3(max))
}

/// Per route: outcomes and latency of the answered requests.
pub(crate) fn per_route(samples: &[Sample], seconds: f64) -> BTreeMap<Route, Value> {
    let mut out = BTreeMap::new();
    for route in Route::ALL {
        let mine: Vec<&Sample> = samples.iter().filter(|s| s.route == route).collect();
        if mine.is_empty() {
            continue;
        }
        let answered: Vec<&Sample> = mine.iter().copied().filter(|s| s.status != 0).collect();
        let (p50, p99, max) = latency(&answered);
        let mut v = Outcomes::of(mine.iter().copied()).to_json();
        v["route"] = json!(route.name());
        v["per_s"] = json!(r3(mine.len() as f64 / seconds.max(1e-9)));
        v["p50_ms"] = json!(p50);
        v["p99_ms"] = json!(p99);
        v["max_ms"] = json!(max);
        out.insert(route, v);
    }
    out
}
