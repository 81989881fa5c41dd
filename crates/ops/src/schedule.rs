//! The scheduler: the timed work of every organisation, run **once per organisation and
//! period** however many `nabij serve` instances run it (a thread of each), or from cron
//! with `nabij schedule run --once`.
//!
//! Each [`tick`](Scheduler::tick) goes through [`TASKS`] for every organisation and takes
//! the task's lease (`nabij_store::schedule::take`: one conditional update on the row of
//! (organisation, task), timed by the database's clock — see there why not an advisory
//! lock). Only the instance that took it runs it; the others skip it until it is due
//! again. A run is visible as a row of `jobs` with the task's name as its `kind` (its
//! outcome as the summary), listed by `GET /v1/jobs` and on the console's re-match page;
//! the nightly re-match is an ordinary re-matching job (kind `rematch`).
//!
//! Tasks act as [`Caller::system`] of their job (audit subject `job:<id>`), each in one
//! write transaction per organisation, and take the clock as `now` (tests pass any).
//!
//! **Adding a task is one line in [`TASKS`]** (a name, how often, and a function; most
//! functions are a call in [`in_job`]).

use crate::caller::Caller;
use crate::error::{OpsError, OpsResult};
use crate::{lifecycle, rematch, Ops};
use chrono::{NaiveDateTime, Timelike};
use nabij_store::job::{self, JobStatus};
use nabij_store::organisation::{self, Organisation};
use nabij_store::rematch::RematchOptions;
use nabij_store::{clock, schedule, DbConnection, StoreError};
use serde::Serialize;
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3600);

/// The task that prunes the index change log: housekeeping that writes no job row.
pub const INDEX_LOG_PRUNE: &str = "index_log_prune";

/// One timed task.
#[derive(Debug, Clone, Copy)]
pub struct Task {
    /// Its lease's name, and the `jobs.kind` of its runs.
    pub name: &'static str,
    /// How often it runs per organisation.
    pub every: Duration,
    /// Hours of the day (UTC, `start..end`) in which it may start; `None`: any time.
    pub hours: Option<(u32, u32)>,
    /// The work; `Ok(None)` when there was nothing to do for this organisation (no job
    /// row is written then, e.g. a nightly re-match the organisation did not turn on).
    pub run: fn(&Ops, &Organisation, NaiveDateTime) -> OpsResult<Option<i64>>,
}

/// The timed work, in the order it runs for each organisation: proposals lapse before
/// the expiry looks at declined and lapsed proposals.
pub const TASKS: &[Task] = &[
    Task {
        name: "lapse",
        every: HOUR,
        hours: None,
        run: lapse,
    },
    Task {
        name: "expiry",
        every: HOUR,
        hours: None,
        run: expiry,
    },
    Task {
        name: "follow_ups",
        every: HOUR,
        hours: None,
        run: follow_ups,
    },
    Task {
        name: INDEX_LOG_PRUNE,
        every: HOUR,
        hours: None,
        run: prune_index_log,
    },
    // Between 1 and 5 UTC (2 to 7 in Belgium), at most once per 20 hours.
    Task {
        name: "rematch",
        every: Duration::from_secs(20 * 3600),
        hours: Some((1, 5)),
        run: nightly_rematch,
    },
    Task {
        name: "check_ins",
        every: HOUR,
        hours: None,
        run: check_ins,
    },
];

/// Runs `work` as a job of kind `kind` of the organisation: the job row (running), the
/// work in one write transaction as the job's system caller, and the row finished with
/// the work's outcome as its summary (or `{"error": code}`). Returns the job's id.
pub fn in_job<T, F>(ops: &Ops, org: &Organisation, kind: &str, work: F) -> OpsResult<Option<i64>>
where
    T: Serialize,
    F: FnOnce(&mut DbConnection, &Caller) -> OpsResult<T>,
{
    let j = ops
        .store
        .write(|c| job::start(c, org.id, kind, chrono::Duration::hours(1)))?;
    let caller = Caller::system(org.id, &org.slug, Some(j.id));
    let result = ops.write(|tx| work(tx, &caller));
    let (status, summary) = match &result {
        Ok(v) => (
            JobStatus::Succeeded,
            serde_json::to_value(v).unwrap_or(serde_json::Value::Null),
        ),
        Err(e) => (JobStatus::Failed, serde_json::json!({ "error": error_code(e) })),
    };
    ops.store
        .write(|c| job::finish(c, org.id, j.id, status, Some(&summary)))?;
    result.map(|_| Some(j.id.get()))
}

fn error_code(e: &OpsError) -> String {
    match e {
        OpsError::Store(s) => s.code().to_string(),
        OpsError::Forbidden(_) => "forbidden".to_string(),
        OpsError::Invalid { .. } => "invalid".to_string(),
        OpsError::Conflict { code, .. } => (*code).to_string(),
        OpsError::AddressUnknown { .. } => "address_unknown".to_string(),
        OpsError::ImportRejected(_) => "import_rejected".to_string(),
        OpsError::Notify(_) => "notify".to_string(),
    }
}

fn lapse(ops: &Ops, org: &Organisation, now: NaiveDateTime) -> OpsResult<Option<i64>> {
    in_job(ops, org, "lapse", |tx, caller| {
        lifecycle::lapse_proposals(ops, tx, caller, now)
    })
}

fn expiry(ops: &Ops, org: &Organisation, now: NaiveDateTime) -> OpsResult<Option<i64>> {
    in_job(ops, org, "expiry", |tx, caller| {
        lifecycle::flag_expired(tx, caller, now)
    })
}

/// The coordinator's follow-up reminders (told once per match; the mail worker of a
/// process without the scheduler enqueues them too, harmlessly).
fn follow_ups(ops: &Ops, org: &Organisation, now: NaiveDateTime) -> OpsResult<Option<i64>> {
    #[derive(Serialize)]
    struct Told {
        follow_ups: usize,
    }
    in_job(ops, org, "follow_ups", |tx, _| {
        let n = if ops.notifications {
            nabij_notify::follow_up::enqueue_due(tx, org.id, now)?
        } else {
            0
        };
        Ok(Told { follow_ups: n })
    })
}

/// The check-ins of active pairs that are due (asked, second tries, unanswered after
/// two): [`crate::checkins::run_due`], which acts as its own system caller.
fn check_ins(ops: &Ops, org: &Organisation, now: NaiveDateTime) -> OpsResult<Option<i64>> {
    in_job(ops, org, "check_ins", |tx, _| {
        crate::checkins::run_due(ops, tx, org.id, now)
    })
}

/// The index change log's old rows (PostgreSQL; nothing on SQLite), pruned hourly per
/// organisation. Housekeeping, not a coordinator's run: no job row is written.
fn prune_index_log(ops: &Ops, org: &Organisation, _now: NaiveDateTime) -> OpsResult<Option<i64>> {
    let pruned = ops.store.write(|c| nabij_store::index_log::prune(c, org.id))?;
    if pruned > 0 {
        tracing::debug!(org = %org.slug, pruned, "index change log pruned");
    }
    Ok(None)
}

/// The nightly re-match, for organisations that turned it on (`nightly_rematch`): the
/// same run as `POST /v1/jobs/rematch`, started by `system:scheduler`. A run already
/// going on (someone started one) counts as done.
fn nightly_rematch(ops: &Ops, org: &Organisation, _now: NaiveDateTime) -> OpsResult<Option<i64>> {
    if !org.settings()?.nightly_rematch {
        return Ok(None);
    }
    let mut caller = Caller::system(org.id, &org.slug, None);
    caller.subject = "system:scheduler".to_string();
    let opts = RematchOptions::default();
    let started = ops.write(|tx| rematch::start(ops, tx, &caller, &opts));
    let j = match started {
        Ok(j) => j,
        Err(OpsError::Store(StoreError::Conflict(code))) if code == "job_running" => return Ok(None),
        Err(e) => return Err(e),
    };
    rematch::run(ops, org.id, &org.slug, j.id, &opts, &mut |_| {})?;
    Ok(Some(j.id.get()))
}

/// What one tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TickReport {
    /// `(organisation slug, task, job id)` of each task this instance ran.
    pub ran: Vec<(String, &'static str, Option<i64>)>,
    /// `(organisation slug, task, error code)` of each that failed.
    pub failed: Vec<(String, &'static str, String)>,
}

/// The scheduler of one process.
#[derive(Debug, Clone)]
pub struct Scheduler {
    pub ops: Ops,
    /// Names this instance in the leases (e.g. `host:pid`).
    pub holder: String,
    /// The tasks (normally [`TASKS`]).
    pub tasks: Vec<Task>,
    /// The longest a task may hold its lease.
    pub lease: Duration,
}

impl Scheduler {
    pub fn new(ops: Ops, holder: impl Into<String>) -> Self {
        Scheduler {
            ops,
            holder: holder.into(),
            tasks: TASKS.to_vec(),
            lease: HOUR,
        }
    }

    /// Runs every task that is due, for every organisation, once (this instance runs
    /// those whose lease it takes). `now` is the clock the tasks judge by.
    pub fn tick(&self, now: NaiveDateTime) -> OpsResult<TickReport> {
        let orgs = self.ops.store.read(organisation::list)?;
        let mut report = TickReport::default();
        for task in &self.tasks {
            if let Some((from, to)) = task.hours {
                if !(from..to).contains(&clock::now().hour()) {
                    continue;
                }
            }
            for org in &orgs {
                let taken = self.ops.store.write(|c| {
                    schedule::take(
                        c,
                        org.id,
                        task.name,
                        &self.holder,
                        task.every.as_secs_f64(),
                        self.lease.as_secs_f64(),
                    )
                })?;
                if !taken {
                    continue;
                }
                match (task.run)(&self.ops, org, now) {
                    Ok(job) => report.ran.push((org.slug.clone(), task.name, job)),
                    Err(e) => {
                        tracing::warn!(org = %org.slug, task = task.name, error = %e, "a scheduled task failed");
                        report.failed.push((org.slug.clone(), task.name, error_code(&e)));
                    }
                }
                let released = self
                    .ops
                    .store
                    .write(|c| schedule::release(c, org.id, task.name, &self.holder));
                if let Err(e) = released {
                    tracing::warn!(org = %org.slug, task = task.name, error = %e, "could not release a lease");
                }
            }
        }
        Ok(report)
    }

    /// Ticks every `every` until `stop` says so (checked between ticks and while
    /// waiting). Errors (database away) are logged and the next tick tries again.
    pub fn run_until(&self, every: Duration, stop: &dyn Fn(Duration) -> bool) {
        loop {
            if let Err(e) = self.tick(clock::now()) {
                tracing::warn!(error = %e, "scheduler tick failed");
            }
            if stop(every) {
                break;
            }
        }
    }
}
