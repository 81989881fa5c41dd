//! Crash consistency: rounds of concurrent writes against `nabij serve` on one SQLite
//! data directory, each ended by `kill -9` at a random moment (seeded), then a restart
//! and the checks:
//!
//! * `PRAGMA integrity_check` is `ok`;
//! * every write acknowledged in any round so far is there, in at least the
//!   acknowledged state, with its audit rows, and its notification event and outbox
//!   rows for the changes people hear of;
//! * the index the restarted server builds agrees with the database: for a few open
//!   requests, the candidates the API lists are neighbours that exist, are not paused
//!   and have room left, and are the top of a fresh brute-force computation from the
//!   rows.

use crate::soak::drive::closed_loop;
use crate::soak::mix::{Mix, Weights};
use crate::soak::world::{Backend, Population, World};
use crate::soak::{verify, Part, SoakArgs};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Concurrent writers per round.
const WRITERS: usize = 6;
/// The kill comes this many milliseconds into a round, uniformly.
const KILL_AFTER_MS: std::ops::Range<u64> = 50..1500;
/// Open requests whose candidates are compared after each restart.
const INDEX_SAMPLES: usize = 3;
/// Candidates compared per request.
const LIMIT: usize = 20;

/// Failures of the checks, over all rounds.
#[derive(Default)]
struct Tally {
    rounds: usize,
    integrity: Vec<String>,
    lost: Vec<String>,
    audit: Vec<String>,
    outbox: Vec<String>,
    index: Vec<String>,
    index_requests: usize,
    index_candidates: usize,
    restart_ms: Vec<f64>,
}

pub(crate) async fn run(args: &SoakArgs, bin: &Path) -> anyhow::Result<Part> {
    let mut part = Part::new("crash_consistency");
    let mut world = World::create(
        bin,
        Backend::Sqlite,
        Population {
            synthetic: 0,
            requests: 0,
            pairs: 300,
            seed: args.seed,
        },
    )?;
    let mix = Arc::new(Mix::new(
        &world.base,
        &world.token,
        world.requesters.clone(),
        world.open_requests.clone(),
        Weights::WRITES,
        args.seed,
    )?);
    let client = reqwest::Client::new();
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let mut tally = Tally::default();
    let mut kills = Vec::new();
    for round in 0..=args.crash_rounds {
        let t = Instant::now();
        world.start().await?;
        tally.restart_ms.push(t.elapsed().as_secs_f64() * 1e3);
        if round > 0 {
            check(&world, &mix, &client, &mut rng, &mut tally).await?;
            tally.rounds += 1;
        }
        if round == args.crash_rounds {
            break;
        }
        let kill_after = Duration::from_millis(rng.gen_range(KILL_AFTER_MS));
        kills.push(kill_after.as_millis() as u64);
        let writers = tokio::spawn(closed_loop(
            mix.clone(),
            WRITERS,
            kill_after + Duration::from_millis(200),
            Duration::from_millis(20),
        ));
        tokio::time::sleep(kill_after).await;
        world.kill();
        let _ = writers.await;
        mix.forget_flows();
        if round % 20 == 19 {
            eprintln!("soak:   {} crash rounds", round + 1);
        }
    }
    world.kill();
    let log = world.keep_log("crash_consistency")?;
    part.lines.push(format!("server log: {}", log.display()));
    let acks = verify::check_acks(&world.store()?, world.org, &mix.acks())?;
    let first = |v: &Vec<String>| v.first().cloned().unwrap_or_default();
    part.check(
        "integrity_check ok after every restart",
        tally.integrity.is_empty(),
        format!(
            "{} rounds, {} not ok {}",
            tally.rounds,
            tally.integrity.len(),
            first(&tally.integrity)
        ),
    );
    part.check(
        "every acknowledged write there after every restart",
        tally.lost.is_empty(),
        format!(
            "{} acknowledged writes, {} failures {}",
            acks.acks,
            tally.lost.len(),
            first(&tally.lost)
        ),
    );
    part.check(
        "every state change with its audit rows",
        tally.audit.is_empty(),
        format!("{} failures {}", tally.audit.len(), first(&tally.audit)),
    );
    part.check(
        "every notified change with its event and outbox rows",
        tally.outbox.is_empty(),
        format!("{} failures {}", tally.outbox.len(), first(&tally.outbox)),
    );
    part.check(
        "candidates after restart agree with the database",
        tally.index.is_empty() && tally.index_requests > 0,
        format!(
            "{} requests, {} candidates compared, {} failures {}",
            tally.index_requests,
            tally.index_candidates,
            tally.index.len(),
            first(&tally.index)
        ),
    );
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let restart_max = tally.restart_ms.iter().copied().fold(0.0, f64::max);
    part.lines.push(format!(
        "{} rounds of {WRITERS} writers, kill -9 after {}–{} ms (seed {}); restart to /health: mean {:.0} ms, max {:.0} ms",
        tally.rounds,
        KILL_AFTER_MS.start,
        KILL_AFTER_MS.end,
        args.seed,
        mean(&tally.restart_ms),
        restart_max
    ));
    part.lines.push(format!(
        "acknowledged: {} neighbours, {} requests, {} proposals, {} accepts, {} closes",
        acks.neighbours, acks.requests, acks.proposals, acks.accepts, acks.closes
    ));
    part.figures = json!({
        "rounds": tally.rounds,
        "writers": WRITERS,
        "kill_after_ms": {"min": kills.iter().min(), "max": kills.iter().max(), "seed": args.seed},
        "restart_ms": {"mean": mean(&tally.restart_ms).round(), "max": restart_max.round()},
        "integrity_failures": tally.integrity.len(),
        "lost_write_failures": tally.lost.len(),
        "audit_failures": tally.audit.len(),
        "outbox_failures": tally.outbox.len(),
        "index": {"requests": tally.index_requests, "candidates": tally.index_candidates, "failures": tally.index.len()},
        "writes": acks.to_json(),
    });
    Ok(part)
}

/// The checks after one restart.
async fn check(
    world: &World,
    mix: &Mix,
    client: &reqwest::Client,
    rng: &mut ChaCha8Rng,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let round = tally.rounds + 1;
    let store = world.store()?;
    match verify::integrity_check(&store)? {
        Some(s) if s == "ok" => {}
        other => tally.integrity.push(format!("round {round}: {other:?}")),
    }
    let acks = verify::check_acks(&store, world.org, &mix.acks())?;
    let tag = |v: Vec<String>| v.into_iter().map(move |s| format!("round {round}: {s}"));
    tally.lost.extend(tag(acks.lost));
    tally.audit.extend(tag(acks.missing_audit));
    tally.outbox.extend(tag(acks.missing_outbox));

    let open = verify::open_requests(&store, world.org, 200)?;
    for _ in 0..INDEX_SAMPLES.min(open.len()) {
        let id = open[rng.gen_range(0..open.len())];
        let url = format!("{}/v1/requests/{id}/candidates?limit={LIMIT}", world.base);
        let resp = client.get(url).bearer_auth(&world.token).send().await?;
        let status = resp.status().as_u16();
        let body: serde_json::Value = resp.json().await.unwrap_or_default();
        if status != 200 {
            tally
                .index
                .push(format!("round {round}: request {id}: {status} {body}"));
            continue;
        }
        let listed: Vec<(i64, f64)> = body["candidates"]
            .as_array()
            .map(|cs| {
                cs.iter()
                    .filter_map(|c| Some((c["neighbour_id"].as_i64()?, c["score"].as_f64()?)))
                    .collect()
            })
            .unwrap_or_default();
        tally.index_requests += 1;
        tally.index_candidates += listed.len();
        let ids: Vec<i64> = listed.iter().map(|c| c.0).collect();
        let unavailable = verify::unavailable(&store, world.org, &ids)?;
        if !unavailable.is_empty() {
            tally.index.push(format!(
                "round {round}: request {id} lists unavailable neighbours {unavailable:?}"
            ));
        }
        let fresh = verify::fresh_candidates(&store, world.org, id, LIMIT + 10)?;
        if let Some(why) = disagreement(&listed, &fresh) {
            tally.index.push(format!("round {round}: request {id}: {why}"));
        }
    }
    Ok(())
}

/// Why the listed candidates are not the top of the fresh computation, if they are not:
/// as many as the fresh top `LIMIT`, every one among the fresh top `LIMIT + 10` (ties
/// at the edge may swap), scores equal place by place (to the rounding shown, half of
/// `SCORE_STEP`, plus a little for reciprocity decaying between the two computations).
fn disagreement(listed: &[(i64, f64)], fresh: &[(i64, f64)]) -> Option<String> {
    let want = fresh.len().min(LIMIT);
    if listed.len() != want {
        return Some(format!("{} candidates listed, {want} computed", listed.len()));
    }
    for (k, (id, score)) in listed.iter().enumerate() {
        if !fresh.iter().any(|f| f.0 == *id) {
            return Some(format!("candidate {id} is not in the fresh top {}", fresh.len()));
        }
        if (score - fresh[k].1).abs() > nabij_engine::position::SCORE_STEP / 2.0 + 1e-3 {
            return Some(format!(
                "place {k}: score {score} listed, {} computed",
                fresh[k].1
            ));
        }
    }
    None
}
