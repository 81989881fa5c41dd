//! Prometheus metrics at `GET /metrics` (text format 0.0.4).
//!
//! Protected: the caller presents either `Authorization: Bearer <metrics_token>` (the
//! configured scrape secret, [`crate::Settings::metrics_token`]) or an admin's access
//! token. Without a credential: 401; with a valid non-admin token: 403. The route is
//! operational, not part of the API, so it is not in `openapi.yaml`.
//!
//! Series carry method, route pattern (`/v1/neighbours/{id}`, never a concrete path)
//! and status, nothing about organisations or people.

use crate::auth::{Authenticated, Role};
use crate::error::ApiError;
use crate::settings::Settings;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, FromRequest as _, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Upper bounds (seconds) of the latency histogram's buckets.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

#[derive(Debug, Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// The counters of one application (shared by its workers).
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<(String, String), Histogram>>,
    rate_limited: [AtomicU64; 2],
    in_flight: AtomicI64,
}

impl Metrics {
    pub fn started(&self) {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a finished request.
    pub fn finished(&self, method: &str, route: &str, status: u16, latency: Duration) {
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
        *self
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        let secs = latency.as_secs_f64();
        let mut latency = self.latency.lock().unwrap_or_else(PoisonError::into_inner);
        let h = latency
            .entry((method.to_string(), route.to_string()))
            .or_default();
        for (i, le) in BUCKETS.iter().enumerate() {
            if secs <= *le {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += secs;
    }

    /// Counts a 429 of the `ip` (0) or `client` (1) limiter.
    pub fn rate_limited(&self, limiter: crate::limits::Limited) {
        let i = match limiter {
            crate::limits::Limited::Ip => 0,
            crate::limits::Limited::Client => 1,
        };
        self.rate_limited[i].fetch_add(1, Ordering::Relaxed);
    }

    /// The text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP nabij_http_requests_total HTTP requests answered.\n");
        out.push_str("# TYPE nabij_http_requests_total counter\n");
        for ((method, route, status), n) in self
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
        {
            let _ = writeln!(
                out,
                "nabij_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(method),
                escape(route)
            );
        }
        out.push_str("# HELP nabij_http_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE nabij_http_request_duration_seconds histogram\n");
        for ((method, route), h) in self.latency.lock().unwrap_or_else(PoisonError::into_inner).iter() {
            let labels = format!("method=\"{}\",route=\"{}\"", escape(method), escape(route));
            for (le, n) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(
                    out,
                    "nabij_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "nabij_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "nabij_http_request_duration_seconds_sum{{{labels}}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "nabij_http_request_duration_seconds_count{{{labels}}} {}",
                h.count
            );
        }
        out.push_str("# HELP nabij_http_rate_limited_total Requests refused with 429, by limiter.\n");
        out.push_str("# TYPE nabij_http_rate_limited_total counter\n");
        for (i, name) in ["ip", "client"].iter().enumerate() {
            let _ = writeln!(
                out,
                "nabij_http_rate_limited_total{{limiter=\"{name}\"}} {}",
                self.rate_limited[i].load(Ordering::Relaxed)
            );
        }
        out.push_str("# HELP nabij_http_requests_in_flight Requests being answered.\n");
        out.push_str("# TYPE nabij_http_requests_in_flight gauge\n");
        let _ = writeln!(
            out,
            "nabij_http_requests_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        out
    }
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Whether the request carries the configured scrape secret.
fn has_scrape_secret(req: &HttpRequest, settings: &Settings) -> bool {
    let Some(secret) = settings.metrics_token.as_deref().filter(|s| !s.is_empty()) else {
        return false;
    };
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    // Compare digests, so the time taken does not tell how much of the secret matched.
    presented.is_some_and(|p| Sha256::digest(p.as_bytes()) == Sha256::digest(secret.as_bytes()))
}

/// `GET /metrics`.
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    metrics: web::Data<Metrics>,
) -> Result<HttpResponse, ApiError> {
    if !has_scrape_secret(&req, &state.settings) {
        let Authenticated(caller) = Authenticated::extract(&req).await?;
        if caller.role != Role::Admin {
            return Err(ApiError::Forbidden(
                "metrics need an admin token or the scrape secret",
            ));
        }
    }
    let mut body = metrics.render();
    body.push_str("# HELP nabij_index_builds_total Candidate indexes built from the database (first use, or stale after a write this instance could not apply in place).\n");
    body.push_str("# TYPE nabij_index_builds_total counter\n");
    let _ = writeln!(body, "nabij_index_builds_total {}", state.indexes.builds());
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body))
}
