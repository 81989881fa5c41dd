//! nabij-sim: a synthetic year of neighbour help, replayed for several matching
//! policies on the same world. The model is documented in docs/simulation.md.

mod draw;
pub mod metrics;
pub mod params;
pub mod policy;
pub mod run;
pub mod world;

use metrics::{Interval, PolicyReport};
use params::ModelParams;
use policy::Policy;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("unknown profile `{0}`; use pelt, hamont-achel, deerlijk, moorslede or flanders")]
    UnknownProfile(String),
    #[error("months must be between 1 and 60, got {0}")]
    BadMonths(u32),
    #[error("seeds must be between 1 and 1000, got {0}")]
    BadSeeds(u32),
    #[error("{0}")]
    BadParameter(String),
    #[error(transparent)]
    Engine(#[from] nabij_engine::EngineError),
}

/// The simulator's answer: per policy, its figures.
#[derive(Debug, Clone, Serialize)]
pub struct SimulationReport {
    pub profile: String,
    pub months: u32,
    pub seed: u64,
    pub residents: usize,
    pub requests: usize,
    pub policies: BTreeMap<&'static str, PolicyReport>,
}

pub const PROFILES: [&str; 5] = ["pelt", "hamont-achel", "deerlijk", "moorslede", "flanders"];

/// Generates the world once and replays it for every policy.
pub fn simulate(
    profile: &str,
    months: u32,
    seed: u64,
    residents: Option<usize>,
    weights: &nabij_engine::Weights,
    model: &ModelParams,
) -> Result<SimulationReport, SimError> {
    weights.validate()?;
    check(profile, months)?;
    let mut params = world::WorldParams::for_profile(profile, months);
    params.model = *model;
    if let Some(n) = residents {
        params.residents = n;
    }
    let world = world::generate(profile, params, seed)?;
    let policies = Policy::ALL
        .iter()
        .map(|p| (p.key(), run::simulate(&world, *p, weights)))
        .collect();
    Ok(SimulationReport {
        profile: profile.to_string(),
        months,
        seed,
        residents: world.residents.len(),
        requests: world.requests.len(),
        policies,
    })
}

/// One policy only (for calibration under `regulars` without paying for the others).
pub fn simulate_policy(
    profile: &str,
    months: u32,
    seed: u64,
    residents: Option<usize>,
    model: &ModelParams,
    policy: Policy,
) -> Result<PolicyReport, SimError> {
    check(profile, months)?;
    let mut params = world::WorldParams::for_profile(profile, months);
    params.model = *model;
    if let Some(n) = residents {
        params.residents = n;
    }
    let world = world::generate(profile, params, seed)?;
    Ok(run::simulate(&world, policy, &nabij_engine::Weights::default()))
}

fn check(profile: &str, months: u32) -> Result<(), SimError> {
    if !PROFILES.contains(&profile) {
        return Err(SimError::UnknownProfile(profile.chars().take(40).collect()));
    }
    if !(1..=60).contains(&months) {
        return Err(SimError::BadMonths(months));
    }
    Ok(())
}

/// Many seeds of the same profile: per policy and measure, the mean and its 95 %
/// t-interval over the seeds.
#[derive(Debug, Clone, Serialize)]
pub struct SeedsReport {
    pub profile: String,
    pub months: u32,
    pub seeds: u32,
    pub first_seed: u64,
    pub residents: usize,
    /// Mean number of requests per seed.
    pub requests: f64,
    pub interval: &'static str,
    pub params: ModelParams,
    pub policies: BTreeMap<&'static str, BTreeMap<&'static str, Interval>>,
}

/// Runs seeds `first_seed..first_seed + seeds` in parallel and summarises them.
pub fn simulate_seeds(
    profile: &str,
    months: u32,
    first_seed: u64,
    seeds: u32,
    residents: Option<usize>,
    weights: &nabij_engine::Weights,
    model: &ModelParams,
) -> Result<SeedsReport, SimError> {
    check(profile, months)?;
    if !(1..=1000).contains(&seeds) {
        return Err(SimError::BadSeeds(seeds));
    }
    let runs: Vec<SimulationReport> = (0..u64::from(seeds))
        .into_par_iter()
        .map(|k| simulate(profile, months, first_seed + k, residents, weights, model))
        .collect::<Result<_, _>>()?;
    let mut policies = BTreeMap::new();
    for p in Policy::ALL {
        let mut measures = BTreeMap::new();
        for name in metrics::MEASURES.iter().chain(metrics::EXTRA.iter()) {
            let values: Vec<f64> = runs
                .iter()
                .filter_map(|r| r.policies.get(p.key()).and_then(|x| x.get(name)))
                .collect();
            if let Some(i) = metrics::interval(&values) {
                measures.insert(*name, i);
            }
        }
        policies.insert(p.key(), measures);
    }
    Ok(SeedsReport {
        profile: profile.to_string(),
        months,
        seeds,
        first_seed,
        residents: runs.first().map_or(0, |r| r.residents),
        requests: runs.iter().map(|r| r.requests as f64).sum::<f64>() / runs.len().max(1) as f64,
        interval: "95 % Student-t interval of the mean over seeds",
        params: *model,
        policies,
    })
}

/// One row of the sensitivity sweep: an assumption moved to one value, everything else
/// at its default.
#[derive(Debug, Clone, Serialize)]
pub struct SweepRow {
    pub parameter: &'static str,
    pub value: f64,
    pub report: SeedsReport,
}

/// The sensitivity sweep: every assumption in `ModelParams::sweep_grid` at its low and
/// high value (one at a time), plus the engine with weights moved the same way.
pub fn sweep(
    profile: &str,
    months: u32,
    seeds: u32,
    residents: Option<usize>,
    weights: &nabij_engine::Weights,
) -> Result<Vec<SweepRow>, SimError> {
    let base = ModelParams::default();
    let mut rows = vec![SweepRow {
        parameter: "default",
        value: 0.0,
        report: simulate_seeds(profile, months, 1, seeds, residents, weights, &base)?,
    }];
    for (name, values) in ModelParams::sweep_grid() {
        for v in values {
            let mut m = base;
            m.set(name, v).map_err(SimError::BadParameter)?;
            rows.push(SweepRow {
                parameter: name,
                value: v,
                report: simulate_seeds(profile, months, 1, seeds, residents, weights, &m)?,
            });
        }
    }
    Ok(rows)
}
