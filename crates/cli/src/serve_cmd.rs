//! `nabij serve`: run the API (and, on the embedded default, create, migrate and fill the
//! database with demo data on first start), with the notification worker delivering the
//! outbox on a thread of its own (mail settings from the `[mail]` table of the
//! configuration file; by default `.eml` files in `<data dir>/mail`).

use crate::config::Globals;
use crate::seed;
use anyhow::Context;
use clap::Args;
use nabij_notify::{Shutdown, Worker};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "NABIJ_LISTEN")]
    listen: Option<String>,
    /// Refuse to start without configured signing keys; never generate them.
    #[arg(long, env = "NABIJ_PRODUCTION")]
    production: bool,
    /// Load the demo organisations when the database has none (the `make run` default).
    #[arg(long)]
    demo: bool,
    /// Do not deliver e-mail from this process (another instance, or `nabij outbox run`,
    /// does). Messages are still enqueued.
    #[arg(long, env = "NABIJ_NO_MAIL_WORKER")]
    no_mail_worker: bool,
    /// Enqueue no notifications at all: nobody hears of anything. Only for measuring the
    /// outbox's cost on the write path; never in production.
    #[arg(long, env = "NABIJ_NOTIFY_DISABLED")]
    notify_disabled: bool,
    /// Run no scheduler in this process (lapsing, expiry flags, follow-ups, nightly
    /// re-match): another instance or cron (`nabij schedule run --once`) does. Also the
    /// file's `[scheduler] enabled = false`. Several schedulers never double the work:
    /// each task runs once per period and organisation.
    #[arg(long, env = "NABIJ_NO_SCHEDULER")]
    no_scheduler: bool,
}

pub fn run(g: &Globals, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let mut settings = g.settings(args.listen.clone(), args.production);
    settings.notifications = !args.notify_disabled;
    if args.notify_disabled {
        tracing::warn!("notifications are disabled: changes enqueue no messages");
    }
    if args.demo {
        let store = nabij_store::Store::open(&settings.database_url)?;
        store.migrate()?;
        let outcome = seed::demo(&store)?;
        seed::print_login_help(&outcome, &settings.listen);
    }
    let (scheduler_on, tick) = g.scheduler();
    let scheduler = if args.no_scheduler || !scheduler_on {
        None
    } else {
        let store = nabij_store::Store::open(&settings.database_url).context("cannot open the database")?;
        let mut ops = nabij_ops::Ops::new(store);
        ops.notifications = settings.notifications;
        Some(nabij_ops::schedule::Scheduler::new(
            ops,
            crate::schedule_cmd::holder(),
        ))
    };
    // Checked before serving: bad mail settings stop the start, not the first send.
    let worker = if args.no_mail_worker {
        None
    } else {
        let store = nabij_store::Store::open(&settings.database_url).context("cannot open the database")?;
        let mail = g.mail_settings();
        let worker =
            Worker::from_settings(store, &mail, g.worker_config()).context("invalid mail settings")?;
        Some(Arc::new(worker))
    };
    actix_web::rt::System::new().block_on(async move {
        let app = nabij_api::Application::build(settings).await?;
        // Started once the database is migrated (by the build above).
        let shutdown = Shutdown::new();
        let delivering = match worker {
            Some(w) => {
                tracing::info!(transport = ?w.mailer(), "the mail worker is delivering the outbox");
                Some(
                    w.spawn(shutdown.clone())
                        .context("cannot start the mail worker")?,
                )
            }
            None => None,
        };
        let scheduling = match scheduler {
            Some(s) => {
                let stop = shutdown.clone();
                tracing::info!(tick_secs = tick.as_secs(), "the scheduler runs the timed work");
                Some(
                    std::thread::Builder::new()
                        .name("nabij-scheduler".to_string())
                        .spawn(move || s.run_until(tick, &|d| stop.wait(d)))
                        .context("cannot start the scheduler")?,
                )
            }
            None => None,
        };
        tracing::info!(port = app.port(), "nabij is listening");
        let served = app.run_until_stopped().await;
        shutdown.trigger();
        if let Some(handle) = scheduling {
            if handle.join().is_err() {
                tracing::error!("the scheduler panicked");
            }
        }
        if let Some(handle) = delivering {
            match handle.join() {
                Ok(stats) => tracing::info!(sent = stats.sent, dead = stats.dead, "the mail worker stopped"),
                Err(_) => tracing::error!("the mail worker panicked"),
            }
        }
        served?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
