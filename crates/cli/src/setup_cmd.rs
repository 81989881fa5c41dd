//! Setting up a municipality's map: `nabij neighbourhoods import` (GeoJSON polygons) and
//! `nabij addresses import` (the open address register's CSV). Both act as an admin of
//! the organisation (audit subject `operator:cli`) through the same operations as
//! `POST /v1/neighbourhoods/import` and `POST /v1/addresses/import`.

use crate::config::Globals;
use crate::org_cmd::EXIT_INVALID;
use anyhow::Context;
use clap::{Args, Subcommand};
use nabij_ops::{Caller, Role};
use nabij_store::{address, boundary, organisation, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum NeighbourhoodsCommand {
    /// Import neighbourhoods from a GeoJSON FeatureCollection of (Multi)Polygons in
    /// WGS84; all or nothing. Neighbours are placed again by point-in-polygon.
    Import(NeighbourhoodsImportArgs),
}

#[derive(Args)]
pub struct NeighbourhoodsImportArgs {
    /// Organisation slug.
    #[arg(long)]
    org: String,
    /// The feature property that holds the neighbourhood's name.
    #[arg(long, default_value = "name")]
    name_property: String,
    /// Show what would be imported (names, areas, problems, overlaps); write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The GeoJSON file.
    file: PathBuf,
}

#[derive(Subcommand)]
pub enum AddressesCommand {
    /// Import the municipality's address points from a BeSt Address CSV; all or
    /// nothing, replacing the organisation's previous points.
    Import(AddressesImportArgs),
}

#[derive(Args)]
pub struct AddressesImportArgs {
    /// Organisation slug.
    #[arg(long)]
    org: String,
    /// The CSV file (BeSt Address open data layout).
    file: PathBuf,
}

fn operator(store: &Store, slug: &str) -> anyhow::Result<Caller> {
    let org = store
        .read(|c| organisation::by_slug(c, slug))
        .with_context(|| format!("no organisation with slug `{slug}`"))?;
    Ok(Caller {
        subject: nabij_ops::organisations::OPERATOR.to_string(),
        org: org.id,
        org_slug: org.slug,
        role: Role::Admin,
        neighbourhoods: None,
        scopes: Vec::new(),
    })
}

fn refuse(message: &str) -> anyhow::Result<ExitCode> {
    eprintln!("nabij: {message}");
    Ok(ExitCode::from(EXIT_INVALID))
}

pub fn neighbourhoods(g: &Globals, cmd: &NeighbourhoodsCommand) -> anyhow::Result<ExitCode> {
    let NeighbourhoodsCommand::Import(args) = cmd;
    let text =
        std::fs::read_to_string(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let file = match boundary::parse_file(&text, &args.name_property) {
        Ok(f) => f,
        Err(e) => return refuse(&e.to_string()),
    };
    let store = Store::open(&g.database_url()).context("opening the database")?;
    let caller = operator(&store, &args.org)?;
    let report = store.write_as(|tx| nabij_ops::neighbourhoods::import(tx, &caller, &file, args.dry_run))?;
    for f in &report.features {
        let name = f.name.as_deref().unwrap_or("(no name)");
        let area = f
            .area_m2
            .map(|a| format!("{:.2} km²", a / 1_000_000.0))
            .unwrap_or_else(|| "-".to_string());
        let state = if f.problems.is_empty() {
            "ok".to_string()
        } else {
            f.problems.join("; ")
        };
        println!("feature {:>3}  {:<32} {:>12}  {state}", f.feature, name, area);
    }
    for o in &report.overlaps {
        println!("overlap: {} and {}", o.a, o.b);
    }
    if !file.importable() {
        return refuse("the file has problems (above); nothing was imported");
    }
    let verb = if report.dry_run { "would be" } else { "were" };
    println!(
        "{} neighbourhood(s) {verb} created: {}",
        report.created.len(),
        report.created.join(", ")
    );
    println!(
        "{} neighbourhood(s) {verb} updated: {}",
        report.updated.len(),
        report.updated.join(", ")
    );
    if report.dry_run {
        println!("Dry run: nothing was written.");
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} neighbour(s) moved to another neighbourhood.", report.moved);
    println!(
        "{} neighbour(s) outside every neighbourhood:",
        report.outside.len()
    );
    for (id, name) in &report.outside {
        println!("  {id}  {name}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn addresses(g: &Globals, cmd: &AddressesCommand) -> anyhow::Result<ExitCode> {
    let AddressesCommand::Import(args) = cmd;
    let data = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let started = std::time::Instant::now();
    let file = match address::parse_csv(&data) {
        Ok(f) => f,
        Err(e) => return refuse(&e.to_string()),
    };
    if file.problem_count > 0 {
        for p in &file.problems {
            eprintln!("line {}: {}", p.line, p.message);
        }
        return refuse(&format!(
            "{} row(s) cannot be imported (the first {} above); nothing was imported",
            file.problem_count,
            file.problems.len()
        ));
    }
    let store = Store::open(&g.database_url()).context("opening the database")?;
    let caller = operator(&store, &args.org)?;
    let report = store.write_as(|tx| nabij_ops::addresses::import(tx, &caller, &file))?;
    if !report.imported {
        return refuse("the file has no address points; nothing was imported");
    }
    println!(
        "{} address point(s) imported for {} ({} retired row(s) skipped) in {:.1} s.",
        report.points,
        args.org,
        report.skipped,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
