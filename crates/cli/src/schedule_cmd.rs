//! `nabij schedule run --once`: the scheduler's timed work (lapsing proposals, expiry
//! flags, follow-up reminders, the nightly re-match where an organisation turned it on;
//! `nabij_ops::schedule::TASKS`) once, for cron-style operation next to instances
//! started with `nabij serve --no-scheduler`. Each task runs at most once per period and
//! organisation whoever runs it (a lease row on the database's clock), so cron and the
//! instances' own schedulers never double the work. Prints what this run did as JSON.

use crate::config::Globals;
use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use nabij_ops::schedule::Scheduler;
use nabij_ops::Ops;
use nabij_store::{clock, Store};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ScheduleCommand {
    /// Run the timed tasks that are due (one pass with `--once`).
    Run(RunArgs),
}

#[derive(Args)]
pub struct RunArgs {
    /// One pass over every organisation and task that is due, then exit (the only mode:
    /// `nabij serve` runs the scheduler continuously).
    #[arg(long)]
    once: bool,
}

/// Names this process in the leases.
pub fn holder() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "nabij".to_string());
    format!("{host}:{}", std::process::id())
}

pub fn run(g: &Globals, cmd: &ScheduleCommand) -> anyhow::Result<ExitCode> {
    let ScheduleCommand::Run(args) = cmd;
    if !args.once {
        bail!("use --once (cron); `nabij serve` runs the scheduler continuously");
    }
    let store = Store::open(&g.database_url()).context("opening the database")?;
    if !store.migrations_current()? {
        bail!("the database schema is not up to date: run `nabij migrate` first");
    }
    let scheduler = Scheduler::new(Ops::new(store), holder());
    let report = scheduler.tick(clock::now())?;
    println!("{}", serde_json::to_string(&report)?);
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
