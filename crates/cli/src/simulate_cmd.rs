//! `nabij simulate`: a synthetic year replayed under several matching policies.

use anyhow::Context;
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct SimulateArgs {
    /// pelt, hamont-achel, deerlijk, moorslede or flanders.
    #[arg(long, default_value = "pelt")]
    profile: String,
    #[arg(long, default_value_t = 12)]
    months: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Override the number of residents of the profile.
    #[arg(long)]
    residents: Option<usize>,
    /// Engine weights as JSON, e.g. '{"proximity":0.4,"reciprocity":0.2}' (others default).
    #[arg(long)]
    weights: Option<String>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    let weights: nabij_engine::Weights = match &args.weights {
        Some(json) => serde_json::from_str(json).context("--weights must be a JSON object of weights")?,
        None => nabij_engine::Weights::default(),
    };
    let report = nabij_sim::simulate(&args.profile, args.months, args.seed, args.residents, &weights)?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} — {} months, {} residents, {} requests (seed {})",
        report.profile, report.months, report.residents, report.requests, report.seed
    );
    println!(
        "{:<22} {:>7} {:>7} {:>9} {:>9} {:>7} {:>7} {:>9}",
        "policy", "match", "days", "dist (m)", "both way", "gini", "ties", "referred"
    );
    for (name, p) in &report.policies {
        println!(
            "{:<22} {:>7.3} {:>7.1} {:>9.0} {:>9.3} {:>7.3} {:>7} {:>9}",
            name,
            p.match_rate,
            p.median_days_to_match,
            p.median_distance_m,
            p.helped_and_was_helped_share,
            p.gini_help_given,
            p.repeat_pairs,
            p.referrals
        );
    }
    Ok(ExitCode::SUCCESS)
}
