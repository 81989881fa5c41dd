//! Load: the realistic mix against a release `nabij serve` on one backend.
//!
//! 1. Sustained: `connections` clients in a closed loop for `seconds` — the highest
//!    rate this machine holds with that many clients.
//! 2. Stepped: an open loop at rising rates (`step_seconds` each, ×1.4 per step from a
//!    twentieth of the sustained rate) until the p99 latency of a step passes 100 ms.
//! 3. Every write acknowledged in either phase is looked up in the database.

use crate::soak::drive::{closed_loop, latency, open_loop, per_route, Outcomes};
use crate::soak::mix::{Mix, Sample, Weights};
use crate::soak::world::{Backend, Population, World};
use crate::soak::{report, verify, Part, SoakArgs};
use crate::stats::r3;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The latency a step must stay within.
const P99_LIMIT_MS: f64 = 100.0;
/// Rate factor between steps.
const STEP_FACTOR: f64 = 1.4;
/// The first step offers the sustained rate divided by this.
const START_DIVISOR: f64 = 20.0;
/// Most steps (the last one at 1.4¹⁴/20 ≈ 5.7× the sustained rate).
const MAX_STEPS: usize = 15;
/// Unanswered requests beyond which arrivals of an open loop are dropped.
const MAX_IN_FLIGHT: usize = 2000;

pub(crate) async fn run(args: &SoakArgs, bin: &Path, backend: Backend) -> anyhow::Result<Part> {
    let mut part = Part::new(match backend {
        Backend::Sqlite => "load_sqlite",
        Backend::Postgres => "load_postgresql",
    });
    let t = Instant::now();
    let mut world = World::create(
        bin,
        backend,
        Population {
            synthetic: args.neighbours,
            requests: 500,
            pairs: 1000,
            seed: args.seed,
        },
    )?;
    let fill_s = t.elapsed().as_secs_f64();
    // Delivery is the SMTP part's business; here the outbox rows are written only.
    world.serve_flags(&["--no-mail-worker"]);
    world.start().await?;
    let mix = Arc::new(Mix::new(
        &world.base,
        &world.token,
        world.requesters.clone(),
        world.open_requests.clone(),
        Weights::REALISTIC,
        args.seed,
    )?);
    // Warm up: the first candidate query builds the organisation's index.
    closed_loop(mix.clone(), 1, Duration::from_secs(2), Duration::ZERO).await;

    let builds_before = world.metric("nabij_index_builds_total").await;
    let t = Instant::now();
    let sustained = closed_loop(
        mix.clone(),
        args.connections,
        Duration::from_secs(args.seconds),
        Duration::ZERO,
    )
    .await;
    let seconds = t.elapsed().as_secs_f64();
    let rate = sustained.len() as f64 / seconds;
    let routes = per_route(&sustained, seconds);
    let all: Vec<&Sample> = sustained.iter().filter(|s| s.status != 0).collect();
    let (p50, p99, max) = latency(&all);
    let outcomes = Outcomes::of(&sustained);
    part.lines = report::route_lines(&routes);
    part.lines.push(format!(
        "sustained: {} clients, {seconds:.0} s, {rate:.1} req/s, p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.1} ms",
        args.connections
    ));

    let builds_sustained = world.metric("nabij_index_builds_total").await;
    let (steps, passed_at, last_within) = stepped(&mix, args, rate).await;
    let builds_stepped = world.metric("nabij_index_builds_total").await;
    let diff = |a: Option<f64>, b: Option<f64>| Some(b? - a?);
    let builds = json!({
        "sustained": diff(builds_before, builds_sustained),
        "stepped": diff(builds_sustained, builds_stepped),
    });
    part.lines.push(format!(
        "candidate indexes built from the database: {} during the sustained load, {} during the steps",
        builds["sustained"], builds["stepped"]
    ));
    let all_steps: Vec<&Sample> = steps.iter().flat_map(|s| s.1.iter()).collect();
    let step_outcomes = Outcomes::of(all_steps.iter().copied());
    let mut step_lines = Vec::new();
    let mut step_json = Vec::new();
    for (offered, samples, dropped, secs) in &steps {
        let answered: Vec<&Sample> = samples.iter().filter(|s| s.status != 0).collect();
        let (p50, p99, _) = latency(&answered);
        let o = Outcomes::of(samples);
        step_lines.push(format!("{offered:.0}/s → p99 {p99:.1} ms"));
        step_json.push(json!({
            "offered_per_s": r3(*offered),
            "achieved_per_s": r3(o.total as f64 / secs),
            "p50_ms": p50, "p99_ms": p99,
            "5xx": o.server_errors, "no_answer": o.no_answer, "dropped": dropped,
            "routes": per_route(samples, *secs).values().map(|r| json!({
                "route": r["route"], "requests": r["requests"], "p50_ms": r["p50_ms"], "p99_ms": r["p99_ms"],
            })).collect::<Vec<_>>(),
        }));
    }
    part.lines.push(format!("stepped: {}", step_lines.join(", ")));
    part.lines.push(match passed_at {
        Some(r) => format!(
            "p99 passes {P99_LIMIT_MS} ms at {r:.0} req/s offered (last step within: {})",
            last_within.map_or("none".to_string(), |r| format!("{r:.0} req/s"))
        ),
        None => format!("p99 stayed within {P99_LIMIT_MS} ms up to the last step"),
    });
    world.kill();

    let store = world.store()?;
    let acks = verify::check_acks(&store, world.org, &mix.acks())?;
    part.check(
        "zero 5xx (sustained)",
        outcomes.server_errors == 0 && outcomes.no_answer == 0,
        format!(
            "{} requests: {} 2xx, {} 4xx, {} 5xx, {} without answer",
            outcomes.total, outcomes.ok, outcomes.client_errors, outcomes.server_errors, outcomes.no_answer
        ),
    );
    part.check(
        "zero 5xx (stepped)",
        step_outcomes.server_errors == 0 && step_outcomes.no_answer == 0,
        format!(
            "{} requests: {} 5xx, {} without answer",
            step_outcomes.total, step_outcomes.server_errors, step_outcomes.no_answer
        ),
    );
    part.check(
        "zero lost writes",
        acks.lost.is_empty(),
        format!("{} acknowledged writes, {} missing", acks.acks, acks.lost.len()),
    );
    part.check(
        "audit and outbox rows of every change",
        acks.missing_audit.is_empty() && acks.missing_outbox.is_empty(),
        format!(
            "{} without audit, {} without outbox",
            acks.missing_audit.len(),
            acks.missing_outbox.len()
        ),
    );
    part.check(
        "p99 passes 100 ms at some rate",
        passed_at.is_some(),
        passed_at.map_or("not within the steps tried".to_string(), |r| {
            format!("{r:.0} req/s")
        }),
    );
    part.figures = json!({
        "backend": backend.name(),
        "neighbours": args.neighbours + 2000,
        "fill_s": r3(fill_s),
        "sustained": {
            "clients": args.connections, "seconds": r3(seconds), "requests_per_s": r3(rate),
            "p50_ms": p50, "p99_ms": p99, "max_ms": max,
            "outcomes": outcomes.to_json(),
            "routes": routes.values().collect::<Vec<_>>(),
        },
        "stepped": step_json,
        "index_builds": builds,
        "rate_where_p99_passes_100ms": passed_at.map(r3),
        "highest_rate_p99_within_100ms": last_within.map(r3),
        "writes": acks.to_json(),
    });
    let log = world.keep_log(part.name)?;
    part.lines.push(format!("server log: {}", log.display()));
    Ok(part)
}

/// One step: offered rate, samples, dropped arrivals, seconds.
type Step = (f64, Vec<Sample>, usize, f64);

/// Open-loop steps from a twentieth of `sustained` req/s up; stops after the first step
/// whose p99 passes the limit. Returns the steps, that step's rate and the one before.
async fn stepped(mix: &Arc<Mix>, args: &SoakArgs, sustained: f64) -> (Vec<Step>, Option<f64>, Option<f64>) {
    let mut rate = (sustained / START_DIVISOR).max(5.0);
    let mut steps = Vec::new();
    let mut last_within = None;
    for _ in 0..MAX_STEPS {
        let run = open_loop(
            mix.clone(),
            rate,
            Duration::from_secs(args.step_seconds),
            MAX_IN_FLIGHT,
        )
        .await;
        let answered: Vec<&Sample> = run.samples.iter().filter(|s| s.status != 0).collect();
        let (_, p99, _) = latency(&answered);
        let over = p99 > P99_LIMIT_MS || run.dropped > 0 || answered.len() < run.samples.len();
        eprintln!("soak:   {rate:.0} req/s offered: p99 {p99:.1} ms");
        steps.push((rate, run.samples, run.dropped, run.seconds));
        if over {
            return (steps, Some(rate), last_within);
        }
        last_within = Some(rate);
        rate *= STEP_FACTOR;
    }
    (steps, None, last_within)
}
