//! The scheduler's leases: timed work (expiry flags, lapsing proposals, follow-ups, the
//! nightly re-match, …) runs **once per organisation and period**, whichever of several
//! `nabij serve` instances (or `nabij schedule run --once` from cron) looks first.
//!
//! One row per (organisation, task) in `scheduler_leases` says when the task is next due
//! (`next_due_at`) and who holds it until when (`holder`, `leased_until`). [`take`] is a
//! single **conditional update** on that row, timed by the **database's clock** (never the
//! instances' own clocks, which may differ):
//!
//! ```text
//! UPDATE scheduler_leases
//!    SET holder = $me, leased_until = now + lease, next_due_at = now + period, last_run_at = now
//!  WHERE organisation_id = $org AND task = $task
//!    AND next_due_at <= now AND (leased_until IS NULL OR leased_until <= now)
//! ```
//!
//! with `now` = `now() AT TIME ZONE 'utc'` on PostgreSQL and `strftime(…, 'now')` on
//! SQLite. Exactly one of the instances that try at the same moment gets the row
//! (PostgreSQL: the second update waits for the first one's row lock, re-reads the row
//! and no longer matches; SQLite: writers are serialised), so a task runs once per
//! period per organisation. `next_due_at` moves on when the task is *taken*, so a run that
//! fails is retried one period later, not in a tight loop; the lease keeps a run that
//! outlasts its period from being started twice, and [`release`] ends it early. A holder
//! that dies keeps its lease until `leased_until` passes. An advisory lock was not chosen:
//! it belongs to one connection (the task would keep a pooled connection checked out for
//! its whole run), it exists on PostgreSQL only, and it says nothing about "once per
//! period" — the row does both, on both backends, and shows when each task last ran.

use crate::error::Result;
use crate::ids::OrgId;
use crate::schema::scheduler_leases;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Text};

/// A row of `scheduler_leases`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = scheduler_leases)]
pub struct Lease {
    pub organisation_id: OrgId,
    pub task: String,
    pub holder: Option<String>,
    pub leased_until: Option<NaiveDateTime>,
    pub next_due_at: NaiveDateTime,
    pub last_run_at: Option<NaiveDateTime>,
}

const SQLITE_NOW: &str = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

fn sqlite_now_plus(secs: f64) -> String {
    format!("strftime('%Y-%m-%d %H:%M:%f', 'now', '+{secs:.3} seconds')")
}

/// Takes the task of an organisation for `holder` if it is due and nobody holds it (see
/// the module): `true` when this caller is to run it now. `period_secs` until it is due
/// again, `lease_secs` how long at most the run may hold it.
pub fn take(
    conn: &mut DbConnection,
    org: OrgId,
    task: &str,
    holder: &str,
    period_secs: f64,
    lease_secs: f64,
) -> Result<bool> {
    let period_secs = period_secs.clamp(0.0, 366.0 * 86_400.0);
    let lease_secs = lease_secs.clamp(1.0, 366.0 * 86_400.0);
    let n = match conn {
        DbConnection::Postgresql(c) => {
            diesel::sql_query(
                "INSERT INTO scheduler_leases (organisation_id, task, next_due_at) \
                 VALUES ($1, $2, now() AT TIME ZONE 'utc') ON CONFLICT DO NOTHING",
            )
            .bind::<BigInt, _>(org.0)
            .bind::<Text, _>(task)
            .execute(c)?;
            diesel::sql_query(
                "UPDATE scheduler_leases SET holder = $3, \
                   leased_until = (now() AT TIME ZONE 'utc') + make_interval(secs => $4), \
                   next_due_at = (now() AT TIME ZONE 'utc') + make_interval(secs => $5), \
                   last_run_at = now() AT TIME ZONE 'utc' \
                 WHERE organisation_id = $1 AND task = $2 \
                   AND next_due_at <= now() AT TIME ZONE 'utc' \
                   AND (leased_until IS NULL OR leased_until <= now() AT TIME ZONE 'utc')",
            )
            .bind::<BigInt, _>(org.0)
            .bind::<Text, _>(task)
            .bind::<Text, _>(holder)
            .bind::<Double, _>(lease_secs)
            .bind::<Double, _>(period_secs)
            .execute(c)?
        }
        DbConnection::Sqlite(c) => {
            diesel::sql_query(format!(
                "INSERT INTO scheduler_leases (organisation_id, task, next_due_at) \
                 VALUES (?, ?, {SQLITE_NOW}) ON CONFLICT DO NOTHING"
            ))
            .bind::<BigInt, _>(org.0)
            .bind::<Text, _>(task)
            .execute(c)?;
            diesel::sql_query(format!(
                "UPDATE scheduler_leases SET holder = ?, leased_until = {}, next_due_at = {}, \
                   last_run_at = {SQLITE_NOW} \
                 WHERE organisation_id = ? AND task = ? AND next_due_at <= {SQLITE_NOW} \
                   AND (leased_until IS NULL OR leased_until <= {SQLITE_NOW})",
                sqlite_now_plus(lease_secs),
                sqlite_now_plus(period_secs),
            ))
            .bind::<Text, _>(holder)
            .bind::<BigInt, _>(org.0)
            .bind::<Text, _>(task)
            .execute(c)?
        }
    };
    Ok(n == 1)
}

/// Ends `holder`'s lease of a task (its run is over); the task stays due at
/// `next_due_at`.
pub fn release(conn: &mut DbConnection, org: OrgId, task: &str, holder: &str) -> Result<()> {
    diesel::update(
        scheduler_leases::table
            .filter(scheduler_leases::organisation_id.eq(org))
            .filter(scheduler_leases::task.eq(task))
            .filter(scheduler_leases::holder.eq(holder)),
    )
    .set(scheduler_leases::leased_until.eq(None::<NaiveDateTime>))
    .execute(conn)?;
    Ok(())
}

/// The leases of an organisation, by task.
pub fn leases(conn: &mut DbConnection, org: OrgId) -> Result<Vec<Lease>> {
    Ok(scheduler_leases::table
        .filter(scheduler_leases::organisation_id.eq(org))
        .order(scheduler_leases::task)
        .select(Lease::as_select())
        .load(conn)?)
}
