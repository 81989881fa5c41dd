//! `nabij-bench assign` and `nabij-bench rematch`: the batch assignment side by side with
//! an exact solver (scipy's `min_weight_full_bipartite_matching`, run from
//! `benches/exact_assign.py` in the Makefile's virtual environment) and with greedy.

use crate::stats::r3;
use anyhow::{bail, Context};
use clap::Args;
use nabij_engine::assign::{auction, greedy, AuctionConfig, Problem};
use nabij_engine::batch::{candidate_graph, propose};
use nabij_engine::{synth, OrgIndex, Weights};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rstar::primitives::GeomWithData;
use rstar::RTree;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(Args)]
pub struct AssignArgs {
    /// Requests and neighbours (N × N).
    #[arg(long, default_value_t = 10_000)]
    size: usize,
    /// Candidate edges per request.
    #[arg(long, default_value_t = 50)]
    degree: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Auction's minimal bid increment.
    #[arg(long, default_value_t = 1e-3)]
    epsilon: f64,
    /// Python interpreter with scipy (default: the Makefile's .venv).
    #[arg(long)]
    python: Option<PathBuf>,
    /// Skip the exact solver.
    #[arg(long)]
    no_exact: bool,
    #[arg(long)]
    json: bool,
}

/// A random geometric candidate graph: neighbours and requests spread over a square with
/// denser town clusters, each request linked to its `degree` nearest neighbours, scored
/// like the engine does (proximity plus bounded other components).
pub fn geometric_graph(size: usize, degree: usize, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let side = (size as f64).sqrt() * 120.0;
    let towns: Vec<[f64; 2]> = (0..(size / 2000).max(1))
        .map(|_| [rng.gen_range(0.0..side), rng.gen_range(0.0..side)])
        .collect();
    let place = |rng: &mut ChaCha8Rng| -> [f64; 2] {
        if rng.gen_bool(0.6) {
            let t = towns[rng.gen_range(0..towns.len())];
            [
                t[0] + rng.gen_range(-1500.0..1500.0),
                t[1] + rng.gen_range(-1500.0..1500.0),
            ]
        } else {
            [rng.gen_range(0.0..side), rng.gen_range(0.0..side)]
        }
    };
    let points: Vec<GeomWithData<[f64; 2], u32>> = (0..size)
        .map(|j| GeomWithData::new(place(&mut rng), j as u32))
        .collect();
    let capacities = (0..size).map(|_| rng.gen_range(1..=3)).collect();
    let tree = RTree::bulk_load(points);
    let w = Weights::default();
    let edges = (0..size)
        .map(|_| {
            let q = place(&mut rng);
            tree.nearest_neighbor_iter_with_distance_2(&q)
                .take(degree)
                .map(|(p, d2)| {
                    let rest = 0.25 * rng.gen::<f64>()
                        + 0.1 * rng.gen::<f64>()
                        + 0.1 * rng.gen_bool(0.05) as u8 as f64
                        + 0.1 * rng.gen::<f64>()
                        + 0.1 * rng.gen::<f64>();
                    (p.data, w.proximity * w.proximity(d2.sqrt()) + rest)
                })
                .collect()
        })
        .collect();
    Problem { capacities, edges }
}

fn default_python() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python")
}

/// Writes the graph for the Python side: little-endian i32 rows, i32 cols, f64 scores,
/// i32 capacities.
fn write_graph(dir: &Path, p: &Problem) -> anyhow::Result<()> {
    let mut rows = Vec::new();
    let mut cols = Vec::new();
    let mut vals = Vec::new();
    for (i, es) in p.edges.iter().enumerate() {
        for &(j, a) in es {
            rows.extend_from_slice(&(i as i32).to_le_bytes());
            cols.extend_from_slice(&(j as i32).to_le_bytes());
            vals.extend_from_slice(&a.to_le_bytes());
        }
    }
    let caps: Vec<u8> = p
        .capacities
        .iter()
        .flat_map(|c| (*c as i32).to_le_bytes())
        .collect();
    for (name, bytes) in [
        ("rows.bin", rows),
        ("cols.bin", cols),
        ("vals.bin", vals),
        ("caps.bin", caps),
    ] {
        std::fs::File::create(dir.join(name))?.write_all(&bytes)?;
    }
    Ok(())
}

fn exact(p: &Problem, python: &Path) -> anyhow::Result<(f64, f64, usize)> {
    if !python.exists() {
        bail!(
            "{} not found: run `make bench` (it creates the Python environment with scipy)",
            python.display()
        );
    }
    let dir = tempfile::tempdir()?;
    write_graph(dir.path(), p)?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../exact_assign.py");
    let out = Command::new(python)
        .arg(&script)
        .arg(dir.path())
        .arg(p.edges.len().to_string())
        .output()
        .context("running the exact solver")?;
    if !out.status.success() {
        bail!("exact solver failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).context("exact solver output")?;
    let get = |k: &str| {
        v[k].as_f64()
            .with_context(|| format!("exact solver output lacks {k}"))
    };
    Ok((get("exact_ms")?, get("total")?, get("matched")? as usize))
}

pub fn run(args: &AssignArgs) -> anyhow::Result<()> {
    let t = Instant::now();
    let p = geometric_graph(args.size, args.degree, args.seed);
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let a = auction(
        &p,
        AuctionConfig {
            epsilon: args.epsilon,
        },
    );
    let nabij_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let g = greedy(&p);
    let greedy_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut out = json!({
        "size": args.size,
        "degree": args.degree,
        "seed": args.seed,
        "edges": p.edges.iter().map(Vec::len).sum::<usize>(),
        "graph_build_ms": r3(build_ms),
        "nabij_ms": r3(nabij_ms),
        "nabij_total": r3(a.total_score),
        "nabij_matched": a.matched,
        "greedy_ms": r3(greedy_ms),
        "greedy_total": r3(g.total_score),
        "epsilon": args.epsilon,
    });
    if !args.no_exact {
        let python = args.python.clone().unwrap_or_else(default_python);
        let (exact_ms, exact_total, exact_matched) = exact(&p, &python)?;
        out["exact_ms"] = json!(r3(exact_ms));
        out["exact_total"] = json!(r3(exact_total));
        out["exact_matched"] = json!(exact_matched);
        out["speedup_vs_exact"] = json!(r3(exact_ms / nabij_ms));
        out["optimality"] = json!((a.total_score / exact_total * 1e6).round() / 1e6);
        out["greedy_optimality"] = json!((g.total_score / exact_total * 1e6).round() / 1e6);
    }
    if args.json {
        println!("{out}");
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(())
}

#[derive(Args)]
pub struct RematchArgs {
    #[arg(long, default_value_t = 100_000)]
    requests: usize,
    #[arg(long, default_value_t = 1_000_000)]
    neighbours: usize,
    /// Candidates per request.
    #[arg(long, default_value_t = 20)]
    k: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long)]
    json: bool,
}

/// End to end: index, candidates for every request (parallel), auction.
pub fn run_rematch(args: &RematchArgs) -> anyhow::Result<()> {
    let profile = synth::profile("flanders")?;
    let people = synth::population(&profile, args.neighbours, args.seed, 1)?;
    let requests = synth::requests(&people, args.requests, args.seed);
    let weights = Weights::default();
    let t0 = Instant::now();
    let index = OrgIndex::bulk_load(people.iter().map(|p| p.profile.clone()))?;
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    let t1 = Instant::now();
    let graph = candidate_graph(&index, &requests, args.k, &weights);
    let candidates_ms = t1.elapsed().as_secs_f64() * 1e3;
    let t2 = Instant::now();
    let (a, _) = propose(&graph, AuctionConfig::default());
    let assign_ms = t2.elapsed().as_secs_f64() * 1e3;
    let g = greedy(&graph.problem);
    let out = json!({
        "requests": args.requests,
        "neighbours": args.neighbours,
        "k": args.k,
        "threads": rayon::current_num_threads(),
        "bulk_load_ms": r3(load_ms),
        "candidates_ms": r3(candidates_ms),
        "assign_ms": r3(assign_ms),
        "end_to_end_ms": r3(candidates_ms + assign_ms),
        "end_to_end_with_load_ms": r3(load_ms + candidates_ms + assign_ms),
        "edges": graph.problem.edges.iter().map(Vec::len).sum::<usize>(),
        "matched": a.matched,
        "total_score": r3(a.total_score),
        "greedy_matched": g.matched,
        "greedy_total_score": r3(g.total_score),
    });
    if args.json {
        println!("{out}");
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(())
}
