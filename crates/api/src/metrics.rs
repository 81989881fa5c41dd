//! Prometheus metrics at `GET /metrics` (text format 0.0.4).
//!
//! Protected: the caller presents either `Authorization: Bearer <metrics_token>` (the
//! configured scrape secret, [`crate::Settings::metrics_token`]) or an admin's access
//! token. Without a credential: 401; with a valid non-admin token: 403. The route is
//! operational, not part of the API, so it is not in `openapi.yaml`.
//!
//! Series carry method, route pattern (`/v1/neighbours/{id}`, never a concrete path)
//! and status, nothing about organisations or people.
//!
//! The series and the text exposition are the `prometheus` crate's (one registry per
//! application, so several apps in one test process count apart). What stays here:
//! the route (its access rule is ours) and [`PullingCounter`], a counter read from the
//! index cache at scrape time, which the crate only offers as a gauge.

use crate::auth::{Authenticated, Role};
use crate::error::ApiError;
use crate::settings::Settings;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, FromRequest as _, HttpRequest, HttpResponse};
use nabij_ops::index::IndexCache;
use prometheus::core::{Collector, Desc};
use prometheus::proto::{self, MetricFamily, MetricType};
use prometheus::{
    Encoder as _, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder,
};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;

/// Upper bounds (seconds) of the latency histogram's buckets.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The series of one application (shared by its workers).
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    rate_limited: IntCounterVec,
    in_flight: IntGauge,
}

impl Metrics {
    /// The series; the index cache's counts are read at each scrape as
    /// `nabij_index_builds_total` and `nabij_index_deltas_total`.
    pub fn new(indexes: Arc<IndexCache>) -> Result<Self, prometheus::Error> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new("nabij_http_requests_total", "HTTP requests answered."),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new("nabij_http_request_duration_seconds", "Time to answer, by route.")
                .buckets(BUCKETS.to_vec()),
            &["method", "route"],
        )?;
        let rate_limited = IntCounterVec::new(
            Opts::new(
                "nabij_http_rate_limited_total",
                "Requests refused with 429, by limiter.",
            ),
            &["limiter"],
        )?;
        let in_flight = IntGauge::new("nabij_http_requests_in_flight", "Requests being answered.")?;
        let index_builds = PullingCounter::new(
            "nabij_index_builds_total",
            "Candidate indexes built from the database (first use, or stale after a write this instance could not apply in place).",
            Box::new({
                let indexes = indexes.clone();
                move || indexes.builds()
            }),
        )?;
        let index_deltas = PullingCounter::new(
            "nabij_index_deltas_total",
            "Changes of other writes (any instance) applied to a cached index from the change log (PostgreSQL).",
            Box::new(move || indexes.deltas()),
        )?;
        // Both limiters are exposed from the start, at 0.
        for limiter in [crate::limits::Limited::Ip, crate::limits::Limited::Client] {
            rate_limited.with_label_values(&[limiter.as_str()]);
        }
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(rate_limited.clone()))?;
        registry.register(Box::new(in_flight.clone()))?;
        registry.register(Box::new(index_builds))?;
        registry.register(Box::new(index_deltas))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            rate_limited,
            in_flight,
        })
    }

    pub fn started(&self) {
        self.in_flight.inc();
    }

    /// Counts a finished request.
    pub fn finished(&self, method: &str, route: &str, status: u16, latency: Duration) {
        self.in_flight.dec();
        self.requests
            .with_label_values(&[method, route, &status.to_string()])
            .inc();
        self.latency
            .with_label_values(&[method, route])
            .observe(latency.as_secs_f64());
    }

    /// Counts a 429 of a limiter.
    pub fn rate_limited(&self, limiter: crate::limits::Limited) {
        self.rate_limited.with_label_values(&[limiter.as_str()]).inc();
    }

    /// The text exposition.
    pub fn render(&self) -> Result<String, prometheus::Error> {
        let mut out = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut out)?;
        String::from_utf8(out).map_err(|e| prometheus::Error::Msg(e.to_string()))
    }
}

/// A counter whose value is read from elsewhere at each scrape (the counter twin of
/// `prometheus::PullingGauge`).
struct PullingCounter {
    desc: Desc,
    value: Box<dyn Fn() -> u64 + Send + Sync>,
}

impl PullingCounter {
    fn new(name: &str, help: &str, value: Box<dyn Fn() -> u64 + Send + Sync>) -> prometheus::Result<Self> {
        Ok(PullingCounter {
            desc: Desc::new(name.into(), help.into(), Vec::new(), Default::default())?,
            value,
        })
    }
}

impl Collector for PullingCounter {
    fn desc(&self) -> Vec<&Desc> {
        vec![&self.desc]
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let mut counter = proto::Counter::default();
        counter.set_value((self.value)() as f64);
        let mut metric = proto::Metric::default();
        metric.set_counter(counter);
        let mut family = MetricFamily::default();
        family.set_name(self.desc.fq_name.clone());
        family.set_help(self.desc.help.clone());
        family.set_field_type(MetricType::COUNTER);
        family.set_metric(vec![metric]);
        vec![family]
    }
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
    let body = metrics
        .render()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("rendering the metrics: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body))
}
