//! `nabij simulate`: a synthetic year replayed under several matching policies.

use anyhow::Context;
use clap::Args;
use nabij_sim::metrics::{Interval, MEASURES};
use nabij_sim::params::ModelParams;
use std::collections::BTreeMap;
use std::process::ExitCode;

#[derive(Args)]
pub struct SimulateArgs {
    /// pelt, hamont-achel, deerlijk, moorslede or flanders.
    #[arg(long, default_value = "pelt")]
    profile: String,
    #[arg(long, default_value_t = 12)]
    months: u32,
    /// First seed (with --seeds: seeds S, S+1, ...).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Run this many seeds and report each measure's mean and 95 % t-interval.
    #[arg(long)]
    seeds: Option<u32>,
    /// Sensitivity sweep over the model's assumptions (needs --seeds; default 10).
    #[arg(long)]
    sweep: bool,
    /// Override a model parameter, e.g. --set stop_overload_factor=5 (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
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
    let mut model = ModelParams::default();
    for s in &args.set {
        let (name, value) = s
            .split_once('=')
            .context("--set takes NAME=VALUE, e.g. stop_overload_factor=5")?;
        let value: f64 = value
            .trim()
            .parse()
            .context("--set: the value must be a number")?;
        model.set(name.trim(), value).map_err(anyhow::Error::msg)?;
    }
    if args.sweep {
        let seeds = args.seeds.unwrap_or(10);
        let rows = nabij_sim::sweep(&args.profile, args.months, seeds, args.residents, &weights)?;
        if args.json {
            println!("{}", serde_json::to_string(&rows)?);
        } else {
            for row in &rows {
                println!("\n== {} = {} ({} seeds)", row.parameter, row.value, seeds);
                print_table(&row.report.policies);
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(seeds) = args.seeds {
        let report = nabij_sim::simulate_seeds(
            &args.profile,
            args.months,
            args.seed,
            seeds,
            args.residents,
            &weights,
            &model,
        )?;
        if args.json {
            println!("{}", serde_json::to_string(&report)?);
        } else {
            println!(
                "{} — {} months, {} residents, {:.0} requests a seed, {} seeds ({})",
                report.profile,
                report.months,
                report.residents,
                report.requests,
                report.seeds,
                report.interval
            );
            print_table(&report.policies);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = nabij_sim::simulate(
        &args.profile,
        args.months,
        args.seed,
        args.residents,
        &weights,
        &model,
    )?;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} — {} months, {} residents, {} requests (seed {})",
        report.profile, report.months, report.residents, report.requests, report.seed
    );
    let names: Vec<&str> = report.policies.keys().copied().collect();
    println!(
        "{:<28} {}",
        "measure",
        names.iter().map(|n| format!("{n:>21}")).collect::<String>()
    );
    for m in MEASURES {
        let row: String = report
            .policies
            .values()
            .map(|p| {
                p.get(m)
                    .map_or_else(|| format!("{:>21}", "-"), |v| format!("{v:>21.3}"))
            })
            .collect();
        println!("{m:<28} {row}");
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(policies: &BTreeMap<&'static str, BTreeMap<&'static str, Interval>>) {
    let names: Vec<&str> = policies.keys().copied().collect();
    println!(
        "{:<30} {}",
        "measure",
        names.iter().map(|n| format!("{n:>22}")).collect::<String>()
    );
    let all: Vec<&str> = MEASURES
        .iter()
        .chain(nabij_sim::metrics::EXTRA.iter())
        .copied()
        .collect();
    for m in all {
        let row: String = policies
            .values()
            .map(|p| {
                p.get(m).map_or_else(
                    || format!("{:>22}", "-"),
                    |i| format!("{:>22}", format!("{:.3} [{:.3},{:.3}]", i.mean, i.lo, i.hi)),
                )
            })
            .collect();
        println!("{m:<30} {row}");
    }
}
