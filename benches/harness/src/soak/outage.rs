//! Database outage: PostgreSQL stopped under load (`pg_ctl stop -m fast`, as an
//! operator would) for `pg_outage_seconds`, then started again on the same port and
//! data directory, while `nabij serve` keeps running. Meanwhile `/ready` is polled.
//!
//! Checks: `/ready` answers non-200 throughout the outage; requests during the outage
//! get 503 problem+json, never a 500, and quickly (the slowest within a few seconds:
//! no hangs); after PostgreSQL is back, requests succeed again without restarting
//! nabij (the time until then is reported); no acknowledged write is lost.

use crate::soak::drive::{closed_loop, latency, Outcomes};
use crate::soak::mix::{Mix, Sample, Weights};
use crate::soak::world::{Backend, Population, World};
use crate::soak::{verify, Part, SoakArgs};
use crate::stats::r3;
use anyhow::Context;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Load before the outage, and after it.
const BEFORE: Duration = Duration::from_secs(10);
const AFTER: Duration = Duration::from_secs(30);
/// Clients of the load.
const CLIENTS: usize = 8;
/// The slowest answer allowed during the outage.
const MAX_LATENCY_MS: f64 = 5000.0;
/// The longest recovery allowed once PostgreSQL accepts connections again.
const MAX_RECOVERY_S: f64 = 10.0;

pub(crate) async fn run(args: &SoakArgs, bin: &Path) -> anyhow::Result<Part> {
    let mut part = Part::new("postgresql_outage");
    let mut world = World::create(
        bin,
        Backend::Postgres,
        Population {
            synthetic: 5000,
            requests: 300,
            pairs: 300,
            seed: args.seed,
        },
    )?;
    world.start().await?;
    let cluster = Arc::new(world.cluster.take().context("no PostgreSQL cluster")?);
    let mix = Arc::new(Mix::new(
        &world.base,
        &world.token,
        world.requesters.clone(),
        world.open_requests.clone(),
        Weights::REALISTIC,
        args.seed,
    )?);
    let outage = Duration::from_secs(args.pg_outage_seconds);
    let total = BEFORE + outage + AFTER;
    let load = tokio::spawn(closed_loop(
        mix.clone(),
        CLIENTS,
        total,
        Duration::from_millis(50),
    ));
    let ready = tokio::spawn(poll_ready(mix.clone(), world.base.clone(), total));

    tokio::time::sleep(BEFORE).await;
    let stop_begin = mix.now();
    let c = cluster.clone();
    tokio::task::spawn_blocking(move || c.stop())
        .await?
        .map_err(anyhow::Error::msg)?;
    let stop_end = mix.now();
    tokio::time::sleep(outage.saturating_sub(Duration::from_secs_f64(stop_end - stop_begin))).await;
    let start_begin = mix.now();
    let c = cluster.clone();
    tokio::task::spawn_blocking(move || c.restart())
        .await?
        .map_err(anyhow::Error::msg)?;
    let start_end = mix.now();
    let samples = load.await?;
    let ready = ready.await?;
    world.kill();

    let during: Vec<&Sample> = samples
        .iter()
        .filter(|s| s.at >= stop_end && s.at < start_begin)
        .collect();
    // Answered before PostgreSQL was told to stop (a request in flight at that moment
    // may get its 503 from the terminated session: that is the outage's).
    let before: Vec<&Sample> = samples
        .iter()
        .filter(|s| s.at + s.ms / 1e3 < stop_begin)
        .collect();
    let o_during = Outcomes::of(during.iter().copied());
    let o_before = Outcomes::of(before.iter().copied());
    let o_all = Outcomes::of(&samples);
    let not_503 = during
        .iter()
        .filter(|s| s.status >= 500 && (s.status != 503 || !s.problem))
        .count();
    let (_, p99_during, max_during) = latency(&during);
    let ready_during: Vec<&(f64, u16, f64)> = ready
        .iter()
        .filter(|r| r.0 >= stop_end && r.0 < start_begin)
        .collect();
    let ready_200_during = ready_during.iter().filter(|r| r.1 == 200).count();
    let ready_max_ms = ready_during.iter().map(|r| r.2).fold(0.0, f64::max);
    // Recovered: from this moment on, no request failed any more.
    let last_failure = samples
        .iter()
        .filter(|s| s.status == 0 || s.status >= 500)
        .map(|s| s.at + s.ms / 1e3)
        .fold(start_end, f64::max);
    let recovered_after = last_failure - start_end;
    let ok_after = samples
        .iter()
        .filter(|s| s.at > last_failure && s.status < 500 && s.status != 0)
        .count();
    let ready_again = ready
        .iter()
        .filter(|r| r.0 >= start_end && r.1 == 200)
        .map(|r| r.0 - start_end)
        .fold(f64::INFINITY, f64::min);

    let store = world.store()?;
    let acks = verify::check_acks(&store, world.org, &mix.acks())?;

    part.check(
        "no 5xx before the outage",
        o_before.server_errors == 0 && o_before.no_answer == 0,
        format!("{} requests, {} 5xx", o_before.total, o_before.server_errors),
    );
    part.check(
        "/ready fails during the outage",
        ready_200_during == 0 && !ready_during.is_empty(),
        format!(
            "{} polls, {} answered 200, slowest {:.0} ms",
            ready_during.len(),
            ready_200_during,
            ready_max_ms
        ),
    );
    part.check(
        "503 problem+json during the outage, never 500",
        not_503 == 0 && o_all.status_500 == 0 && o_during.no_answer == 0,
        format!(
            "{} requests: {} 2xx, {} 503, {} other 5xx or not problem+json, {} without answer; 500 over the whole run: {}",
            o_during.total, o_during.ok, o_during.server_errors - not_503.min(o_during.server_errors),
            not_503, o_during.no_answer, o_all.status_500
        ),
    );
    part.check(
        "quick answers during the outage (no hangs)",
        max_during <= MAX_LATENCY_MS,
        format!("p99 {p99_during:.0} ms, slowest {max_during:.0} ms (limit {MAX_LATENCY_MS:.0} ms)"),
    );
    part.check(
        "recovers without restarting nabij",
        recovered_after <= MAX_RECOVERY_S && ok_after > 0,
        format!(
            "requests succeed again {recovered_after:.1} s after PostgreSQL accepts connections ({ok_after} ok after), /ready 200 after {ready_again:.1} s"
        ),
    );
    part.check(
        "zero lost writes",
        acks.lost.is_empty() && acks.missing_audit.is_empty() && acks.missing_outbox.is_empty(),
        format!(
            "{} acknowledged writes, {} missing, {} without audit, {} without outbox",
            acks.acks,
            acks.lost.len(),
            acks.missing_audit.len(),
            acks.missing_outbox.len()
        ),
    );
    part.lines.push(format!(
        "PostgreSQL down {:.1} s (stop took {:.1} s, start {:.1} s), {CLIENTS} clients",
        start_begin - stop_end,
        stop_end - stop_begin,
        start_end - start_begin
    ));
    part.lines.push(format!(
        "during: {} requests, {} 503, p99 {p99_during:.0} ms, max {max_during:.0} ms; recovery {recovered_after:.1} s; /ready 200 again after {ready_again:.1} s",
        o_during.total, o_during.server_errors
    ));
    part.figures = json!({
        "outage_s": r3(start_begin - stop_end),
        "pg_stop_s": r3(stop_end - stop_begin),
        "pg_start_s": r3(start_end - start_begin),
        "clients": CLIENTS,
        "before": o_before.to_json(),
        "during": o_during.to_json(),
        "during_not_503_problem": not_503,
        "during_p99_ms": p99_during,
        "during_max_ms": max_during,
        "ready_polls_during": ready_during.len(),
        "ready_200_during": ready_200_during,
        "ready_max_ms_during": r3(ready_max_ms),
        "recovered_after_s": r3(recovered_after),
        "ready_again_after_s": if ready_again.is_finite() { json!(r3(ready_again)) } else { json!(null) },
        "whole_run": o_all.to_json(),
        "writes": acks.to_json(),
    });
    let log = world.keep_log("postgresql_outage")?;
    part.lines.push(format!("server log: {}", log.display()));
    drop(store);
    Ok(part)
}

/// `GET /ready` every 200 ms: (seconds on the mix's clock, status or 0, ms).
async fn poll_ready(mix: Arc<Mix>, base: String, run_for: Duration) -> Vec<(f64, u16, f64)> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap_or_default();
    let deadline = Instant::now() + run_for;
    let mut out = Vec::new();
    while Instant::now() < deadline {
        let at = mix.now();
        let t = Instant::now();
        let status = match client.get(format!("{base}/ready")).send().await {
            Ok(r) => r.status().as_u16(),
            Err(_) => 0,
        };
        out.push((at, status, t.elapsed().as_secs_f64() * 1e3));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    out
}
