//! `nabij`: the one binary. Configuration and dispatch only; each command lives in its
//! own module.

mod scope_cmd;
mod simulate_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "nabij", version, about = "nabij — neighbour-help matching")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check whether a request is small help or should be referred (scope guard).
    Scope(scope_cmd::ScopeArgs),
    /// Replay a synthetic year under several matching policies and compare them.
    Simulate(simulate_cmd::SimulateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scope(args) => scope_cmd::run(&args),
        Command::Simulate(args) => simulate_cmd::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nabij: {e:#}");
            ExitCode::FAILURE
        }
    }
}
