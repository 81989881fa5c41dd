//! `nabij-bench position`: what published positions (issue 12) cost in matching quality.
//!
//! One synthetic population, one set of requests (from the requester's home), two
//! indexes: one over the exact homes (how the engine matched before) and one over the
//! published positions (each home moved 150–250 m in a random direction, as the store
//! does), with each request searched from its requester's published position. For every
//! request it compares the two top-10 lists:
//!
//! - `overlap_at_10`: share of the exact list's candidates also in the published list;
//! - `same_first`: share of requests whose best candidate is the same;
//! - mean *true* distance (exact homes) of the candidates in each list, and of the first;
//! - mean *true* score of each list (the published list rescored with exact positions,
//!   over the candidates the exact engine admits too);
//! - `outside_true_radius`: share of published-list candidates who are, in truth, beyond
//!   the request's radius or their own (at most 500 m beyond, by construction);
//! - requests whose list is empty in one case and not in the other.

use crate::stats::r3;
use clap::Args;
use nabij_engine::candidates::{Candidate, CandidateQuery};
use nabij_engine::position::{self, Offset};
use nabij_engine::projection::index_distance_m;
use nabij_engine::{synth, HelpRequest, NeighbourId, NeighbourProfile, OrgIndex, Point, Weights};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::json;
use std::collections::HashMap;

#[derive(Args)]
pub struct PositionArgs {
    /// Neighbours in the synthetic population (one organisation).
    #[arg(long, default_value_t = 20_000)]
    neighbours: usize,
    /// Requests to compare.
    #[arg(long, default_value_t = 2000)]
    queries: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Population profile (flanders, pelt, hamont-achel, deerlijk, moorslede).
    #[arg(long, default_value = "pelt")]
    profile: String,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Default)]
struct Sums {
    n: usize,
    dist: f64,
    first_dist: f64,
    firsts: usize,
    score: f64,
    scored: usize,
}

impl Sums {
    /// True distance and true score (`None`: the exact engine would not admit them).
    fn add(&mut self, list: &[(f64, Option<f64>)]) {
        for (d, s) in list {
            self.n += 1;
            self.dist += d;
            if let Some(s) = s {
                self.score += s;
                self.scored += 1;
            }
        }
        if let Some((d, _)) = list.first() {
            self.firsts += 1;
            self.first_dist += d;
        }
    }
    fn mean_dist(&self) -> f64 {
        self.dist / self.n.max(1) as f64
    }
    fn mean_first(&self) -> f64 {
        self.first_dist / self.firsts.max(1) as f64
    }
    fn mean_score(&self) -> f64 {
        self.score / self.scored.max(1) as f64
    }
}

pub fn run(args: &PositionArgs) -> anyhow::Result<()> {
    let profile = synth::profile(&args.profile)?;
    let people = synth::population(&profile, args.neighbours, args.seed, 1)?;
    let requests = synth::requests(&people, args.queries, args.seed);
    let weights = Weights::default();

    let exact: Vec<NeighbourProfile> = people.iter().map(|p| p.profile.clone()).collect();
    let homes: HashMap<NeighbourId, Point> = exact.iter().map(|p| (p.id, p.location)).collect();
    let radii: HashMap<NeighbourId, f64> = exact.iter().map(|p| (p.id, p.travel_radius_m)).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed ^ 0x000f_f5e7);
    let published: HashMap<NeighbourId, Point> = exact
        .iter()
        .map(|p| (p.id, position::published(p.location, Offset::draw(&mut rng))))
        .collect();
    let blurred: Vec<NeighbourProfile> = exact
        .iter()
        .map(|p| NeighbourProfile {
            location: published[&p.id],
            ..p.clone()
        })
        .collect();
    let exact_index = OrgIndex::bulk_load(exact)?;
    let published_index = OrgIndex::bulk_load(blurred)?;

    let (mut overlap, mut overlap_n, mut same_first, mut firsts) = (0.0, 0usize, 0usize, 0usize);
    let (mut before, mut after) = (Sums::default(), Sums::default());
    let (mut outside, mut listed_after) = (0usize, 0usize);
    let (mut lost, mut gained) = (0usize, 0usize);
    let top = |index: &OrgIndex, r: &HelpRequest| -> Vec<Candidate> {
        index.top_candidates(&CandidateQuery {
            request: r,
            limit: 10,
            weights: &weights,
        })
    };
    for r in &requests {
        let origin = published[&r.requester];
        let moved = HelpRequest {
            location: position::request_origin(origin, None).to_index(),
            ..r.clone()
        };
        let a = top(&exact_index, r);
        let b = top(&published_index, &moved);
        let true_d = |id: NeighbourId| index_distance_m(r.location, homes[&id].to_index());
        if a.is_empty() != b.is_empty() {
            if a.is_empty() {
                gained += 1;
            } else {
                lost += 1;
            }
        }
        if !a.is_empty() {
            let hits = b
                .iter()
                .filter(|c| a.iter().any(|x| x.neighbour_id == c.neighbour_id))
                .count();
            overlap += hits as f64 / a.len() as f64;
            overlap_n += 1;
        }
        if let (Some(x), Some(y)) = (a.first(), b.first()) {
            firsts += 1;
            same_first += usize::from(x.neighbour_id == y.neighbour_id);
        }
        before.add(
            &a.iter()
                .map(|c| (c.distance_m, Some(c.score)))
                .collect::<Vec<_>>(),
        );
        // The published list, judged with the truth: true distance, and the score the
        // exact engine gives the same people (left out for those it would not admit).
        let ids: Vec<NeighbourId> = b.iter().map(|c| c.neighbour_id).collect();
        let rescored: HashMap<NeighbourId, f64> = exact_index
            .rescore(r, &ids, &weights)
            .into_iter()
            .map(|c| (c.neighbour_id, c.score))
            .collect();
        let judged: Vec<(f64, Option<f64>)> = ids
            .iter()
            .map(|id| (true_d(*id), rescored.get(id).copied()))
            .collect();
        after.add(&judged);
        for id in &ids {
            listed_after += 1;
            let d = true_d(*id);
            if d > f64::from(r.radius_m) || d > radii[id] {
                outside += 1;
            }
        }
    }
    let q = requests.len().max(1) as f64;
    let out = json!({
        "neighbours": args.neighbours,
        "queries": requests.len(),
        "profile": args.profile,
        "seed": args.seed,
        "offset_m": [position::MIN_OFFSET_M, position::MAX_OFFSET_M],
        "overlap_at_10": r3(overlap / overlap_n.max(1) as f64),
        "same_first": r3(same_first as f64 / firsts.max(1) as f64),
        "mean_true_distance_m": {"exact": r3(before.mean_dist()), "published": r3(after.mean_dist())},
        "mean_true_distance_first_m": {"exact": r3(before.mean_first()), "published": r3(after.mean_first())},
        "mean_true_score": {"exact": r3(before.mean_score()), "published": r3(after.mean_score())},
        "candidates_listed": {"exact": before.n, "published": after.n},
        "outside_true_radius": r3(outside as f64 / listed_after.max(1) as f64),
        "requests_losing_all_candidates": r3(lost as f64 / q),
        "requests_gaining_candidates": r3(gained as f64 / q),
    });
    if args.json {
        println!("{out}");
    } else {
        println!(
            "published positions vs exact homes, {} neighbours ({}), {} requests",
            args.neighbours,
            args.profile,
            requests.len()
        );
        println!("  overlap@10                      {}", out["overlap_at_10"]);
        println!("  same best candidate             {}", out["same_first"]);
        println!(
            "  mean true distance, top 10      {} m -> {} m",
            out["mean_true_distance_m"]["exact"], out["mean_true_distance_m"]["published"]
        );
        println!(
            "  mean true distance, best        {} m -> {} m",
            out["mean_true_distance_first_m"]["exact"], out["mean_true_distance_first_m"]["published"]
        );
        println!(
            "  mean true score, top 10         {} -> {}",
            out["mean_true_score"]["exact"], out["mean_true_score"]["published"]
        );
        println!(
            "  candidates listed               {} -> {}",
            out["candidates_listed"]["exact"], out["candidates_listed"]["published"]
        );
        println!("  listed but truly out of radius  {}", out["outside_true_radius"]);
        println!(
            "  requests losing all candidates  {}",
            out["requests_losing_all_candidates"]
        );
        println!(
            "  requests gaining candidates     {}",
            out["requests_gaining_candidates"]
        );
    }
    Ok(())
}
