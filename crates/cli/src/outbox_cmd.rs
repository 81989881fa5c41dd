//! `nabij outbox run [--once]`: the notification worker on its own, without the API
//! (e.g. next to instances started with `nabij serve --no-mail-worker`). Several workers
//! may run at once on one PostgreSQL database: each message is held by one at a time.

use crate::config::Globals;
use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use nabij_notify::{DeliveryStats, Shutdown, Worker};
use nabij_store::Store;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Deliver the outbox (mail settings from the configuration file's `[mail]` table).
    Run(RunArgs),
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
    let OutboxCommand::Run(args) = cmd;
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
