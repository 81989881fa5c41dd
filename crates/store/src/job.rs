//! Batch jobs (re-matching everything still open): progress, heartbeat, summary.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{JobId, OrgId};
use crate::json_text;
use crate::schema::jobs;
use crate::text_enum::text_enum;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

text_enum! {
    pub enum JobStatus in "jobs.status" {
        Running = "running",
        Succeeded = "succeeded",
        Failed = "failed",
        Cancelled = "cancelled",
    }
}

/// A row of `jobs`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = jobs)]
pub struct Job {
    pub id: JobId,
    pub organisation_id: OrgId,
    pub kind: String,
    pub status: JobStatus,
    /// 0..=1.
    pub progress: f64,
    /// JSON summary when finished.
    pub summary: Option<String>,
    pub started_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub heartbeat_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = jobs)]
struct JobInsert<'a> {
    organisation_id: OrgId,
    kind: &'a str,
    status: &'static str,
    progress: f64,
    started_at: NaiveDateTime,
    heartbeat_at: Option<NaiveDateTime>,
}

/// Starts a job; `Conflict("job_running")` if one of that kind runs with a heartbeat
/// newer than `stale_after`.
pub fn start(conn: &mut DbConnection, org: OrgId, kind: &str, stale_after: chrono::Duration) -> Result<Job> {
    let now = clock::now();
    if let Some(j) = running(conn, org, kind)? {
        if j.heartbeat_at.unwrap_or(j.started_at) > now - stale_after {
            return Err(StoreError::conflict("job_running"));
        }
        finish(
            conn,
            org,
            j.id,
            JobStatus::Failed,
            Some(&serde_json::json!({"error": "stale"})),
        )?;
    }
    Ok(diesel::insert_into(jobs::table)
        .values(&JobInsert {
            organisation_id: org,
            kind,
            status: JobStatus::Running.as_str(),
            progress: 0.0,
            started_at: now,
            heartbeat_at: Some(now),
        })
        .returning(jobs::all_columns)
        .get_result(conn)?)
}

pub fn heartbeat(conn: &mut DbConnection, org: OrgId, id: JobId, progress: f64) -> Result<()> {
    let progress = if progress.is_finite() {
        progress.clamp(0.0, 1.0)
    } else {
        0.0
    };
    diesel::update(
        jobs::table
            .filter(jobs::organisation_id.eq(org))
            .filter(jobs::id.eq(id)),
    )
    .set((
        jobs::progress.eq(progress),
        jobs::heartbeat_at.eq(Some(clock::now())),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn finish(
    conn: &mut DbConnection,
    org: OrgId,
    id: JobId,
    status: JobStatus,
    summary: Option<&serde_json::Value>,
) -> Result<()> {
    let summary = summary.map(json_text::encode).transpose()?;
    let n = diesel::update(
        jobs::table
            .filter(jobs::organisation_id.eq(org))
            .filter(jobs::id.eq(id)),
    )
    .set((
        jobs::status.eq(status.as_str()),
        jobs::summary.eq(summary),
        jobs::finished_at.eq(Some(clock::now())),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: JobId) -> Result<Job> {
    Ok(jobs::table
        .filter(jobs::organisation_id.eq(org))
        .filter(jobs::id.eq(id))
        .select(Job::as_select())
        .first(conn)?)
}

/// The running job of a kind, if any.
pub fn running(conn: &mut DbConnection, org: OrgId, kind: &str) -> Result<Option<Job>> {
    Ok(jobs::table
        .filter(jobs::organisation_id.eq(org))
        .filter(jobs::kind.eq(kind))
        .filter(jobs::status.eq(JobStatus::Running.as_str()))
        .order(jobs::id.desc())
        .select(Job::as_select())
        .first(conn)
        .optional()?)
}

/// The most recent job of a kind.
pub fn latest(conn: &mut DbConnection, org: OrgId, kind: &str) -> Result<Option<Job>> {
    Ok(jobs::table
        .filter(jobs::organisation_id.eq(org))
        .filter(jobs::kind.eq(kind))
        .order(jobs::id.desc())
        .select(Job::as_select())
        .first(conn)
        .optional()?)
}

/// Jobs of an organisation (of one kind, or all), newest first, with ids below `before`
/// if given.
pub fn recent(
    conn: &mut DbConnection,
    org: OrgId,
    kind: Option<&str>,
    before: Option<JobId>,
    limit: i64,
) -> Result<Vec<Job>> {
    let mut q = jobs::table.filter(jobs::organisation_id.eq(org)).into_boxed();
    if let Some(k) = kind {
        q = q.filter(jobs::kind.eq(k.to_string()));
    }
    if let Some(b) = before {
        q = q.filter(jobs::id.lt(b));
    }
    Ok(q.order(jobs::id.desc())
        .limit(limit.max(0))
        .select(Job::as_select())
        .load(conn)?)
}
