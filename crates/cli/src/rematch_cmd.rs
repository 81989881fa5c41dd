//! `nabij rematch --org <slug> [--dry-run] [--json] [--k N]`: re-matches everything that
//! is still open in one organisation, as a job (one run per organisation at a time).
//! Start and run go through the operations layer (`nabij_ops::rematch`), like
//! `POST /v1/jobs/rematch`: the start is audited (`system:rematch`), and every proposal
//! gets its audit rows (`job:<id>`) and its notification, unless notifications are off
//! as for the server (`--notify-disabled`, `NABIJ_NOTIFY_DISABLED`).
//!
//! Exit codes: 0 done (also when nothing was left to do), 3 another run of the same
//! organisation is going on, 1 any other failure.

use crate::config::Globals;
use anyhow::{bail, Context};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nabij_ops::{Caller, Ops};
use nabij_store::rematch::{self, Progress, RematchOptions, RematchSummary};
use nabij_store::{organisation, Store, StoreError};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Exit code when another run of the organisation is going on.
pub const EXIT_BUSY: u8 = 3;

#[derive(Args)]
pub struct RematchArgs {
    /// Organisation slug, e.g. `pelt`.
    #[arg(long)]
    org: String,
    /// Compute and report what would happen; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print the summary as one JSON object (no progress bar).
    #[arg(long)]
    json: bool,
    /// Candidates considered per request.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=100))]
    k: u16,
    /// Flag requests open longer than this many days without any candidate for the
    /// coordinator (refer or re-open); default: the organisation's `request_flag_days`.
    #[arg(long)]
    referral_after_days: Option<u32>,
    /// Enqueue no notifications for the proposals, as `nabij serve --notify-disabled`
    /// (the same variable switches both). Only for measuring; never in production.
    #[arg(long, env = "NABIJ_NOTIFY_DISABLED")]
    notify_disabled: bool,
}

/// One bar for the whole run, shown only on a terminal.
fn progress_bar(json: bool) -> ProgressBar {
    if json || !std::io::stderr().is_terminal() || !std::io::stdout().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(1000), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{bar:32}] {percent:>3}% {msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

pub fn run(g: &Globals, args: &RematchArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open(&g.database_url()).context("opening the database")?;
    if !store.migrations_current()? {
        bail!("the database schema is not up to date: run `nabij migrate` first");
    }
    let org = store
        .read(|c| organisation::by_slug(c, &args.org))
        .with_context(|| format!("no organisation with slug `{}`", args.org))?;
    let opts = RematchOptions {
        dry_run: args.dry_run,
        k: usize::from(args.k),
        referral_after_days: args.referral_after_days,
        job_id: None,
    };
    let bar = progress_bar(args.json);
    let mut on_progress = |p: Progress| {
        bar.set_position((p.fraction() * 1000.0).round() as u64);
        bar.set_message(format!("{} {}/{}", p.phase.as_str(), p.done, p.total));
    };
    let mut ops = Ops::new(store.clone());
    ops.notifications = !args.notify_disabled;
    let (summary, job) = if args.dry_run {
        (
            nabij_ops::rematch::dry_run(&ops, org.id, &opts, &mut on_progress)?,
            None,
        )
    } else {
        let caller = Caller::system(org.id, &org.slug, None);
        let job = match ops.write(|tx| nabij_ops::rematch::start(&ops, tx, &caller, &opts)) {
            Ok(job) => job.id,
            Err(nabij_ops::OpsError::Store(StoreError::Conflict(code))) if code == "job_running" => {
                return busy(&store, &org, args.json);
            }
            Err(e) => return Err(e).context("starting the re-matching job"),
        };
        let summary = nabij_ops::rematch::run(&ops, org.id, &org.slug, job, &opts, &mut on_progress)
            .with_context(|| format!("re-matching job {job} failed"))?;
        (summary, Some(job))
    };
    bar.finish_and_clear();
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        print_summary(&org.slug, job, &summary);
    }
    Ok(ExitCode::SUCCESS)
}

/// Another run is going on: say which, exit 3.
fn busy(store: &Store, org: &organisation::Organisation, json: bool) -> anyhow::Result<ExitCode> {
    let running = rematch::running_job(store, org.id).ok().flatten();
    let id = running.as_ref().map(|j| j.id.get());
    match &running {
        Some(j) => eprintln!(
            "nabij: a re-matching run of `{}` is already going on (job {}, started {} UTC, {:.0}% done); \
             try again when it has finished.",
            org.slug,
            j.id,
            j.started_at.format("%Y-%m-%d %H:%M:%S"),
            j.progress * 100.0
        ),
        None => eprintln!(
            "nabij: a re-matching run of `{}` is already going on; try again when it has finished.",
            org.slug
        ),
    }
    if json {
        println!(
            "{}",
            serde_json::json!({"error": "job_running", "organisation": org.slug, "job_id": id})
        );
    }
    Ok(ExitCode::from(EXIT_BUSY))
}

fn print_summary(slug: &str, job: Option<nabij_store::JobId>, s: &RematchSummary) {
    match job {
        Some(j) => println!("Re-matched `{slug}` (job {j}) in {} ms.", s.duration_ms),
        None => println!(
            "Dry run for `{slug}` in {} ms: nothing was written.",
            s.duration_ms
        ),
    }
    let would = if s.dry_run { " (would be)" } else { "" };
    println!("  requests considered  {:>6}", s.requests_considered);
    println!(
        "  proposals made       {:>6}{would}  each waits for everybody's answer",
        s.proposals_made
    );
    println!("  groups suggested     {:>6}{would}", s.groups_suggested);
    println!("  referrals suggested  {:>6}{would}", s.referrals_suggested);
    println!("  still unmatched      {:>6}", s.still_unmatched);
}
