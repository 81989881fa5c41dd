//! nabij-sim: a synthetic year of neighbour help, replayed for several matching
//! policies on the same world. The model is documented in docs/simulation.md.

mod draw;
pub mod metrics;
pub mod policy;
pub mod run;
pub mod world;

use metrics::PolicyReport;
use policy::Policy;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("unknown profile `{0}`; use pelt, hamont-achel, deerlijk, moorslede or flanders")]
    UnknownProfile(String),
    #[error("months must be between 1 and 60, got {0}")]
    BadMonths(u32),
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
) -> Result<SimulationReport, SimError> {
    weights.validate()?;
    if !PROFILES.contains(&profile) {
        return Err(SimError::UnknownProfile(profile.chars().take(40).collect()));
    }
    if !(1..=60).contains(&months) {
        return Err(SimError::BadMonths(months));
    }
    let mut params = world::WorldParams::for_profile(profile, months);
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
