//! `nabij-bench engine`: the engine's candidate search side by side with brute force
//! (and, with `--vs-postgis`, with PostgreSQL + PostGIS).

// Declared here so main.rs stays untouched; see postgis.rs.

use crate::stats::{r3, Summary};
use clap::Args;
use nabij_engine::candidates::CandidateQuery;
use nabij_engine::synth;
use nabij_engine::{NeighbourProfile, OrgIndex, Point, Weights};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;
use stats_alloc::{Region, StatsAlloc};
use std::alloc::System;
use std::time::Instant;

#[derive(Args)]
pub struct EngineArgs {
    /// Neighbours in the synthetic Flanders-scale population (one organisation).
    #[arg(long, default_value_t = 1_000_000)]
    neighbours: usize,
    /// Top-10 queries to time.
    #[arg(long, default_value_t = 2000)]
    queries: usize,
    /// Brute-force queries to time (each scans everyone; default: min(queries, 200)).
    #[arg(long)]
    brute_force_queries: Option<usize>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Population profile (flanders, pelt, hamont-achel, deerlijk, moorslede).
    #[arg(long, default_value = "flanders")]
    profile: String,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Also run the queries in a throwaway PostgreSQL 15 + PostGIS cluster.
    #[arg(long)]
    vs_postgis: bool,
    /// PostGIS queries to time (default: min(queries, 500)).
    #[arg(long)]
    postgis_queries: Option<usize>,
}

fn micros(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e6
}

pub fn run(args: &EngineArgs, alloc: &'static StatsAlloc<System>) -> anyhow::Result<()> {
    let profile = synth::profile(&args.profile)?;
    let people = synth::population(&profile, args.neighbours, args.seed, 1)?;
    let requests = synth::requests(&people, args.queries, args.seed);
    let weights = Weights::default();

    // Bulk load, and the bytes the index holds afterwards.
    let region = Region::new(alloc);
    let start = Instant::now();
    let index = OrgIndex::bulk_load(people.iter().map(|p| p.profile.clone()))?;
    let bulk_load_ms = start.elapsed().as_secs_f64() * 1e3;
    let change = region.change();
    let live_bytes =
        change.bytes_allocated as f64 - change.bytes_deallocated as f64 + change.bytes_reallocated as f64;
    let bytes_per_neighbour = live_bytes / args.neighbours.max(1) as f64;

    // Warm up, then time the engine's top 10.
    for r in requests.iter().take(50) {
        std::hint::black_box(index.top_candidates(&CandidateQuery {
            request: r,
            limit: 10,
            weights: &weights,
        }));
    }
    let mut fast = Vec::with_capacity(requests.len());
    let mut returned = 0usize;
    for r in &requests {
        let t = Instant::now();
        let got = index.top_candidates(&CandidateQuery {
            request: r,
            limit: 10,
            weights: &weights,
        });
        fast.push(micros(t));
        returned += got.len();
        std::hint::black_box(got);
    }

    // Brute force on the first queries, and agreement check.
    let n_brute = args
        .brute_force_queries
        .unwrap_or(args.queries.min(200))
        .min(requests.len());
    let mut slow = Vec::with_capacity(n_brute);
    let mut disagreements = 0usize;
    for r in requests.iter().take(n_brute) {
        let q = CandidateQuery {
            request: r,
            limit: 10,
            weights: &weights,
        };
        let t = Instant::now();
        let b = index.brute_force_top_candidates(&q);
        slow.push(micros(t));
        if b != index.top_candidates(&q) {
            disagreements += 1;
        }
    }

    // PostGIS on the same people and queries, before the upserts change the index.
    let pg = if args.vs_postgis {
        let timed = args.postgis_queries.unwrap_or(args.queries.min(500));
        Some(crate::postgis::run(
            &people, &requests, &weights, &index, timed, 50,
        )?)
    } else {
        None
    };

    // Upserts: move people a little and change their availability.
    let mut index = index;
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed ^ 0x0905);
    let mut upserts = Vec::with_capacity(args.queries);
    for _ in 0..args.queries.min(people.len()) {
        let mut p: NeighbourProfile = people[rng.gen_range(0..people.len())].profile.clone();
        p.location = Point {
            x: p.location.x + rng.gen_range(-200.0..200.0),
            y: p.location.y + rng.gen_range(-200.0..200.0),
        };
        p.paused = false;
        p.active_matches = 0;
        p.capacity = p.capacity.max(1);
        let t = Instant::now();
        index.upsert(&p)?;
        upserts.push(micros(t));
    }

    if std::env::var_os("NABIJ_BENCH_SLOWEST").is_some() {
        let mut order: Vec<usize> = (0..fast.len()).collect();
        order.sort_by(|a, b| fast[*b].total_cmp(&fast[*a]));
        for &i in order.iter().take(25) {
            let r = &requests[i];
            let got = index.top_candidates(&CandidateQuery {
                request: r,
                limit: 10,
                weights: &weights,
            });
            eprintln!(
                "{:>8.1} us  langs={:?} radius={} kind={:?} window_slots={} n={} worst={:.3} d10={:.0}",
                fast[i],
                r.languages.codes(),
                r.radius_m,
                r.kind,
                r.window.slots().count(),
                got.len(),
                got.last().map_or(0.0, |c| c.score),
                got.last().map_or(0.0, |c| c.distance_m)
            );
        }
    }
    let fast = Summary::new(fast);
    let slow = Summary::new(slow);
    let upserts = Summary::new(upserts);
    let mut out = json!({
        "profile": args.profile,
        "neighbours": args.neighbours,
        "available_in_index": index.available_len(),
        "queries": requests.len(),
        "mean_candidates_returned": r3(returned as f64 / requests.len().max(1) as f64),
        "top10_median_us": r3(fast.median()),
        "top10_p90_us": r3(fast.percentile(90.0)),
        "top10_p99_us": r3(fast.percentile(99.0)),
        "top10_max_us": r3(fast.percentile(100.0)),
        "brute_force_queries": n_brute,
        "brute_force_median_us": r3(slow.median()),
        "brute_force_p99_us": r3(slow.percentile(99.0)),
        "speedup_vs_brute_force": r3(slow.median() / fast.median()),
        "speedup_vs_brute_force_p99": r3(slow.percentile(99.0) / fast.percentile(99.0)),
        "brute_force_disagreements": disagreements,
        "bulk_load_ms": r3(bulk_load_ms),
        "index_bytes_per_neighbour": r3(bytes_per_neighbour),
        "upsert_median_us": r3(upserts.median()),
        "upsert_p99_us": r3(upserts.percentile(99.0)),
        "threads": 1,
    });
    if let (Some(pg), Some(obj)) = (pg, out.as_object_mut()) {
        obj.insert("postgis_queries".into(), json!(pg.samples_us.len()));
        let pg_us = Summary::new(pg.samples_us);
        obj.insert("postgis_median_us".into(), json!(r3(pg_us.median())));
        obj.insert("postgis_p99_us".into(), json!(r3(pg_us.percentile(99.0))));
        obj.insert(
            "speedup_vs_postgis".into(),
            json!(r3(pg_us.median() / fast.median())),
        );
        obj.insert(
            "speedup_vs_postgis_p99".into(),
            json!(r3(pg_us.percentile(99.0) / fast.percentile(99.0))),
        );
        obj.insert("postgis_checked".into(), json!(pg.checked));
        obj.insert("postgis_disagreements".into(), json!(pg.disagreements));
        obj.insert("postgis_load_ms".into(), json!(r3(pg.load_ms)));
    }
    if args.json {
        println!("{out}");
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(())
}
