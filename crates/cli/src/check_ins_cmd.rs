//! `nabij check-ins --org SLUG [--now RFC3339]`: runs the organisation's check-ins that
//! are due (`nabij_ops::checkins::run_due`, the same function the scheduler of
//! `nabij serve` calls) once, in one transaction, and prints what it did as one JSON
//! line. `--now` runs them as at another moment (for trying a schedule out; idempotent
//! for a given moment). The answer links start with `NABIJ_PUBLIC_URL` (default the
//! development server's address).

use crate::config::Globals;
use anyhow::{bail, Context};
use clap::Args;
use nabij_ops::checkins::{self, DueSummary};
use nabij_ops::{Ops, OpsError};
use nabij_store::{clock, organisation, Store};
use std::process::ExitCode;

#[derive(Args)]
pub struct CheckInsArgs {
    /// Organisation slug, e.g. `pelt`.
    #[arg(long)]
    org: String,
    /// The moment to run as (RFC 3339, e.g. `2027-03-01T09:00:00Z`); default now.
    #[arg(long)]
    now: Option<String>,
}

pub fn run(g: &Globals, args: &CheckInsArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open(&g.database_url()).context("opening the database")?;
    if !store.migrations_current()? {
        bail!("the database schema is not current: run `nabij migrate` first");
    }
    let now = match &args.now {
        Some(s) => clock::stored(
            chrono::DateTime::parse_from_rfc3339(s)
                .with_context(|| format!("--now {s:?} is not an RFC 3339 moment"))?
                .to_utc(),
        ),
        None => clock::now(),
    };
    let org = store
        .read(|c| organisation::by_slug(c, &args.org))
        .with_context(|| format!("no organisation {:?}", args.org))?;
    let mut ops = Ops::new(store);
    if let Ok(url) = std::env::var("NABIJ_PUBLIC_URL") {
        ops.public_url = url.trim().trim_end_matches('/').to_string();
    }
    let done: DueSummary = ops
        .write(|tx| checkins::run_due(&ops, tx, org.id, now))
        .map_err(|e: OpsError| anyhow::anyhow!("check-ins of {}: {e}", args.org))?;
    println!(
        "{}",
        serde_json::json!({
            "org": org.slug,
            "now": clock::utc(now),
            "asked": done.asked,
            "reminded": done.reminded,
            "unanswered": done.unanswered,
            "emails": done.emails,
            "calls": done.calls,
        })
    );
    Ok(ExitCode::SUCCESS)
}
