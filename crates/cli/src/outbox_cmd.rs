//! `nabij outbox run [--once]`: the notification worker on its own, without the API
//! (e.g. next to instances started with `nabij serve --no-mail-worker`). Several workers
//! may run at once on one PostgreSQL database: each message is held by one at a time.
//!
//! `nabij outbox retry-dead --org SLUG [--id N …] [--dry-run]`: puts an organisation's
//! dead messages (or the ones named) back in the queue, due now, attempts reset, the
//! same `Message-ID` (as `POST /v1/outbox/{id}/requeue` does), with an audit row each.
//! Prints one JSON line listing them with their last error; exit code 1 when a named
//! message is not a dead message of the organisation (nothing is requeued then).

use crate::config::Globals;
use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use nabij_notify::{DeliveryStats, Shutdown, Worker};
use nabij_store::audit::{self, NewAudit};
use nabij_store::outbox::{self, OutboxMessage};
use nabij_store::{organisation, OutboxId, Store, StoreError};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Deliver the outbox (mail settings from the configuration file's `[mail]` table).
    Run(RunArgs),
    /// Requeue dead messages (after fixing what made them fail).
    RetryDead(RetryDeadArgs),
}

#[derive(Args)]
pub struct RetryDeadArgs {
    /// Organisation slug, e.g. `pelt`.
    #[arg(long)]
    org: String,
    /// Only these messages (`GET /v1/outbox?status=dead` lists them); default: every dead
    /// message of the organisation.
    #[arg(long = "id")]
    ids: Vec<i64>,
    /// List what would be requeued; change nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Args)]
pub struct RunArgs {
    /// One pass (due follow-ups, then every message due), print what it did as JSON, and
    /// exit; without it, run until SIGINT or SIGTERM.
    #[arg(long)]
    once: bool,
}

fn stats_json(s: &DeliveryStats) -> serde_json::Value {
    serde_json::json!({
        "claimed": s.claimed,
        "sent": s.sent,
        "retried": s.retried,
        "dead": s.dead,
        "released": s.released,
        "lease_lost": s.lease_lost,
        "follow_ups": s.follow_ups,
    })
}

pub fn run(g: &Globals, cmd: &OutboxCommand) -> anyhow::Result<ExitCode> {
    let args = match cmd {
        OutboxCommand::Run(args) => args,
        OutboxCommand::RetryDead(args) => return retry_dead(g, args),
    };
    let store = Store::open(&g.database_url()).context("opening the database")?;
    if !store.migrations_current()? {
        bail!("the database schema is not up to date: run `nabij migrate` first");
    }
    let worker = Worker::from_settings(store, &g.mail_settings(), g.worker_config())
        .context("invalid mail settings")?;
    if args.once {
        let stats = worker.run_once()?;
        println!("{}", stats_json(&stats));
        return Ok(ExitCode::SUCCESS);
    }
    tracing::info!(transport = ?worker.mailer(), "delivering the outbox until stopped");
    let shutdown = Shutdown::new();
    let handle = Arc::new(worker)
        .spawn(shutdown.clone())
        .context("cannot start the mail worker")?;
    let signals = shutdown.clone();
    actix_web::rt::System::new().block_on(async move {
        let stop = signals.clone();
        actix_web::rt::spawn(async move {
            if actix_web::rt::signal::ctrl_c().await.is_ok() {
                stop.trigger();
            }
        });
        #[cfg(unix)]
        {
            use actix_web::rt::signal::unix::{signal, SignalKind};
            if let Ok(mut term) = signal(SignalKind::terminate()) {
                let stop = signals.clone();
                actix_web::rt::spawn(async move {
                    term.recv().await;
                    stop.trigger();
                });
            }
        }
        while !signals.is_triggered() {
            actix_web::rt::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let stats = handle
        .join()
        .map_err(|_| anyhow::anyhow!("the mail worker panicked"))?;
    println!("{}", stats_json(&stats));
    Ok(ExitCode::SUCCESS)
}

/// Every dead message of `org`, in id order.
fn all_dead(
    c: &mut nabij_store::DbConnection,
    org: nabij_store::OrgId,
) -> Result<Vec<OutboxMessage>, StoreError> {
    let mut all = Vec::new();
    loop {
        let page = outbox::list_dead(c, org, all.last().map(|m: &OutboxMessage| m.id), 1000)?;
        if page.is_empty() {
            return Ok(all);
        }
        all.extend(page);
    }
}

fn retry_dead(g: &Globals, args: &RetryDeadArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open(&g.database_url()).context("opening the database")?;
    if !store.migrations_current()? {
        bail!("the database schema is not up to date: run `nabij migrate` first");
    }
    let org = store
        .read(|c| organisation::by_slug(c, &args.org))
        .with_context(|| format!("no organisation `{}`", args.org))?;
    let wanted: Option<Vec<OutboxId>> = if args.ids.is_empty() {
        None
    } else {
        Some(
            args.ids
                .iter()
                .map(|&i| OutboxId::parse(&i.to_string()).with_context(|| format!("`{i}` is not an id")))
                .collect::<anyhow::Result<_>>()?,
        )
    };
    // One transaction: everything named is requeued, or nothing is.
    let outcome = store.write(|c| {
        let dead = all_dead(c, org.id)?;
        let (chosen, missing): (Vec<OutboxMessage>, Vec<i64>) = match &wanted {
            None => (dead, Vec::new()),
            Some(ids) => (
                dead.iter().filter(|m| ids.contains(&m.id)).cloned().collect(),
                ids.iter()
                    .filter(|id| !dead.iter().any(|m| m.id == **id))
                    .map(|id| id.get())
                    .collect(),
            ),
        };
        if !missing.is_empty() || args.dry_run {
            return Ok((chosen, missing));
        }
        for m in &chosen {
            outbox::requeue(c, org.id, m.id)?;
            let subject = match nabij_notify::outbox::recipient_of(&m.message_id) {
                Some(nabij_notify::outbox::Recipient::Neighbour(n)) => Some(n),
                _ => None,
            };
            audit::record(
                c,
                org.id,
                &NewAudit {
                    actor: "ops:cli".to_string(),
                    action: "outbox_requeued".to_string(),
                    subject_neighbour_id: subject,
                    detail: format!("outbox={} template={} attempts={}", m.id, m.template, m.attempts),
                },
            )?;
        }
        Ok((chosen, missing))
    })?;
    let (chosen, missing) = outcome;
    let listed: Vec<serde_json::Value> = chosen
        .iter()
        .map(|m| {
            serde_json::json!({
                "id": m.id.get(),
                "template": m.template,
                "recipient": m.recipient,
                "attempts": m.attempts,
                "last_error": m.last_error,
            })
        })
        .collect();
    let requeued = missing.is_empty() && !args.dry_run;
    println!(
        "{}",
        serde_json::json!({
            "org": org.slug,
            "dry_run": args.dry_run,
            "requeued": requeued,
            "messages": listed,
            "not_dead": missing,
        })
    );
    Ok(if missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
