//! Side-by-side benchmark harness: the engine against brute force (and PostGIS), in one
//! process, on the same synthetic population and the same queries.

mod address_bench;
mod assign_bench;
mod console;
mod engine_bench;
mod http_bench;
mod http_outbox;
mod position_bench;
mod postgis;
mod soak;
mod stats;

use clap::{Parser, Subcommand};
use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;

/// Counting allocator, so the harness can report bytes per neighbour in the index.
#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

#[derive(Parser)]
#[command(name = "nabij-bench", about = "Side-by-side benchmarks of nabij")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Candidate search: top-10 latency, brute force, bulk load, memory, upserts.
    Engine(engine_bench::EngineArgs),
    /// The REST API under load: candidate queries and writes against `GET /health`.
    Http(http_bench::HttpArgs),
    /// Batch assignment: the auction against an exact solver (scipy) and greedy.
    Assign(assign_bench::AssignArgs),
    /// Batch re-matching end to end: candidates for many requests, then assignment.
    Rematch(assign_bench::RematchArgs),
    /// The coordinators' console on the demo data: median and p99 per page.
    Console(console::ConsoleArgs),
    /// Before a release: load, crash consistency, database and SMTP outages (minutes).
    Soak(soak::SoakArgs),
    /// Matching quality with published positions (issue 12) against exact homes.
    Position(position_bench::PositionArgs),
    /// Address lookup in a large city's register (issue 16): import time, median and
    /// p99 per lookup (exact, near miss, search).
    Addresses(address_bench::AddressArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Engine(args) => engine_bench::run(&args, GLOBAL),
        Command::Http(args) => http_bench::run(&args),
        Command::Assign(args) => assign_bench::run(&args),
        Command::Rematch(args) => assign_bench::run_rematch(&args),
        Command::Console(args) => console::run(&args),
        Command::Soak(args) => soak::run(&args),
        Command::Position(args) => position_bench::run(&args),
        Command::Addresses(args) => address_bench::run(&args),
    }
}
