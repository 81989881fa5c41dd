//! `/v1/jobs`: batch re-matching of the caller's organisation as a background job.
//!
//! `POST /v1/jobs/rematch` starts the same run as `nabij rematch` (docs/design.md §3.6–3.7)
//! and answers 202 at once; the run goes on in a thread of its own, never on an actix
//! worker. The job row in the store, with its progress and heartbeat, is the source of
//! truth: any instance answers `GET /v1/jobs/{id}`, and one run per organisation holds
//! across instances (the store's lock); a second start gets 409 `job_running` naming the
//! running job. Proposals the run makes wait for everybody's answer (the match flow),
//! and each is audited and notified like one through `POST /v1/matches`
//! (`nabij_ops::rematch`).

use crate::auth::{Caller, Staff};
use crate::blocking::run;
use crate::error::{title, ApiError, ApiResult, FieldError, Problem, PROBLEM_JSON};
use crate::extract::Id;
use crate::idempotency::{self, OptionalPost, Post};
use crate::paging;
use crate::state::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use nabij_engine::candidates::MAX_LIMIT;
use nabij_ops::{self as ops, Ops};
use nabij_store::job::{self, Job, JobStatus};
use nabij_store::rematch::{self, RematchOptions, RematchSummary};
use nabij_store::{clock, json_text, DbConnection, JobId, OrgId, StoreError};
use serde::{Deserialize, Serialize};

const CURSOR_KIND: &str = "jobs";
/// The conflict code of a second start.
pub const JOB_RUNNING: &str = "job_running";

/// `POST /v1/jobs/rematch`; the body may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RematchIn {
    /// Compute and count everything, write no proposals, groups or referral flags.
    pub dry_run: bool,
    /// Candidates considered per request, 1..=100 (default 20).
    pub k: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct JobOut {
    pub id: i64,
    pub kind: String,
    /// `running`, `succeeded` or `failed`.
    pub status: JobStatus,
    /// 0..=1.
    pub progress: f64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The last sign of life of a running job.
    pub heartbeat_at: Option<DateTime<Utc>>,
    /// What a re-matching run did; only once it succeeded.
    pub summary: Option<RematchSummary>,
    /// What a scheduled task did (counts, e.g. `{"proposals_lapsed": 2}`); only for
    /// the scheduler's kinds, once succeeded.
    pub outcome: Option<serde_json::Value>,
    /// A stable code of why it failed; only once it failed.
    pub error: Option<String>,
}

impl JobOut {
    /// The job as `caller` may see it: without the counts of the run for a coordinator
    /// limited to neighbourhoods (`nabij_ops::rematch::sees_run_counts`).
    pub(crate) fn for_caller(j: &Job, caller: &Caller) -> Result<Self, StoreError> {
        let mut out = Self::from_row(j)?;
        if !ops::rematch::sees_run_counts(caller) {
            out.summary = None;
            out.outcome = None;
        }
        Ok(out)
    }

    pub(crate) fn from_row(j: &Job) -> Result<Self, StoreError> {
        let stored: Option<serde_json::Value> = j
            .summary
            .as_deref()
            .map(|s| json_text::decode(s, "jobs.summary"))
            .transpose()?;
        let is_rematch = j.kind == rematch::JOB_KIND;
        let (summary, outcome, error) = match (j.status.as_str(), stored) {
            ("succeeded", Some(v)) if !is_rematch => (None, Some(v), None),
            ("succeeded", Some(v)) => (
                Some(
                    serde_json::from_value(v)
                        .map_err(|e| StoreError::Corrupt(format!("jobs.summary: {e}")))?,
                ),
                None,
                None,
            ),
            (_, Some(v)) => (
                None,
                None,
                v.get("error").and_then(|e| e.as_str()).map(String::from),
            ),
            (_, None) => (None, None, None),
        };
        Ok(JobOut {
            id: j.id.get(),
            kind: j.kind.clone(),
            status: j.status,
            progress: (j.progress * 1000.0).round() / 1000.0,
            started_at: clock::utc(j.started_at),
            finished_at: j.finished_at.map(clock::utc),
            heartbeat_at: j.heartbeat_at.map(clock::utc),
            summary,
            outcome,
            error,
        })
    }
}

#[derive(Debug, Serialize)]
pub struct JobPage {
    pub items: Vec<JobOut>,
    pub next_cursor: Option<String>,
}

/// The 409 of a second start: a problem naming the running job (`job_id`, null when it
/// ended meanwhile).
#[derive(Serialize)]
struct JobRunningProblem<'a> {
    #[serde(flatten)]
    problem: Problem<'a>,
    job_id: Option<i64>,
}

fn job_running(job_id: Option<JobId>) -> HttpResponse {
    let status = StatusCode::CONFLICT;
    let body = JobRunningProblem {
        problem: Problem {
            type_: format!("https://nabij.invalid/problems/{JOB_RUNNING}"),
            title: title(JOB_RUNNING, status),
            status: status.as_u16(),
            detail: "a re-matching run of this organisation is going on; see job_id".to_string(),
            code: JOB_RUNNING,
            errors: &[],
        },
        job_id: job_id.map(JobId::get),
    };
    let json = serde_json::to_string(&body).unwrap_or_else(|_| {
        format!(r#"{{"type":"about:blank","title":"Conflict","status":409,"code":"{JOB_RUNNING}"}}"#)
    });
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .body(json)
}

/// Runs a started (and committed) job to its end on a thread of its own; the job row
/// records the outcome.
fn spawn_run(ops: Ops, caller: &Caller, id: JobId, opts: RematchOptions) -> std::io::Result<()> {
    let (org, slug) = (caller.org, caller.org_slug.clone());
    std::thread::Builder::new()
        .name(format!("nabij-rematch-{id}"))
        .spawn(
            move || match ops::rematch::run(&ops, org, &slug, id, &opts, &mut |_| {}) {
                Ok(s) => tracing::info!(
                    job = %id, org = %org, proposals = s.proposals_made, groups = s.groups_suggested,
                    referrals = s.referrals_suggested, dry_run = s.dry_run, "re-matching job done"
                ),
                Err(e) => tracing::warn!(job = %id, org = %org, error = %e, "re-matching job failed"),
            },
        )
        .map(drop)
}

/// The options of a start, checked (`k` in 1..=100).
pub(crate) fn rematch_options(body: &RematchIn) -> ApiResult<RematchOptions> {
    let k = match body.k {
        None => RematchOptions::default().k,
        Some(k) => usize::try_from(k)
            .ok()
            .filter(|k| (1..=MAX_LIMIT).contains(k))
            .ok_or_else(|| ApiError::invalid_field("k", format!("must be between 1 and {MAX_LIMIT}")))?,
    };
    Ok(RematchOptions {
        dry_run: body.dry_run,
        k,
        ..RematchOptions::default()
    })
}

/// The writes of a start, inside the caller's write transaction: the job row (or
/// `Conflict("job_running")`) and its audit row (`nabij_ops::rematch::start`). Run the
/// job with [`launch`] once that transaction has committed.
pub(crate) fn begin(
    state: &AppState,
    c: &mut DbConnection,
    caller: &Caller,
    opts: &RematchOptions,
) -> ApiResult<Job> {
    Ok(ops::rematch::start(&state.ops, c, caller, opts)?)
}

/// Whether a start failed because a run is going on: then the running job (`None` when
/// it ended meanwhile); any other outcome is passed on.
pub(crate) async fn when_running<T>(
    state: &web::Data<AppState>,
    org: OrgId,
    started: ApiResult<T>,
) -> ApiResult<Result<T, Option<Job>>> {
    match started {
        Err(ApiError::Store(StoreError::Conflict(code))) if code == JOB_RUNNING => {
            let st = state.clone();
            let running = run(move || Ok(rematch::running_job(&st.store, org)?)).await?;
            Ok(Err(running))
        }
        other => other.map(Ok),
    }
}

/// Runs a committed job on a thread of its own; when that thread cannot start, the job
/// is marked failed (`not_started`) and the error returned.
pub(crate) async fn launch(
    state: &web::Data<AppState>,
    caller: &Caller,
    id: JobId,
    opts: RematchOptions,
) -> ApiResult<()> {
    let org = caller.org;
    if let Err(e) = spawn_run(state.ops.clone(), caller, id, opts) {
        let st = state.clone();
        let failed = serde_json::json!({"error": "not_started"});
        run(move || {
            Ok(st
                .store
                .write(|c| job::finish(c, org, id, job::JobStatus::Failed, Some(&failed)))?)
        })
        .await?;
        return Err(ApiError::Internal(anyhow::anyhow!(
            "cannot start the job thread: {e}"
        )));
    }
    Ok(())
}

/// What a start without an idempotency key did (the console's start).
pub(crate) enum Start {
    /// The job runs.
    Started(Job),
    /// Another run was going on: that job (`None` when it ended meanwhile).
    Running(Option<Job>),
}

/// Starts a run as `POST /v1/jobs/rematch` does — [`begin`] in one write transaction,
/// then [`launch`] — for a caller without an idempotency key (the console).
pub(crate) async fn start_run(
    state: &web::Data<AppState>,
    caller: Caller,
    opts: RematchOptions,
) -> ApiResult<Start> {
    let org = caller.org;
    let st = state.clone();
    let o = opts.clone();
    let by = caller.clone();
    let started = run(move || st.store.write_as(|c| begin(&st, c, &by, &o))).await;
    match when_running(state, org, started).await? {
        Ok(j) => {
            launch(state, &caller, j.id, opts).await?;
            Ok(Start::Started(j))
        }
        Err(running) => Ok(Start::Running(running)),
    }
}

/// `POST /v1/jobs/rematch` `{dry_run?, k?}` → 202 with the running job and
/// `Location: /v1/jobs/{id}`; 409 `job_running` with `job_id` while one runs.
pub async fn start(
    state: web::Data<AppState>,
    caller: Staff,
    post: OptionalPost<RematchIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let OptionalPost(Post { body, idempotency }) = post;
    let opts = rematch_options(&body)?;
    let org = caller.org;
    let st = state.clone();
    let o = opts.clone();
    let by = caller.clone();
    let started = run(move || {
        idempotency::write(&st.store, &by, &idempotency, StatusCode::ACCEPTED, |c| {
            let j = begin(&st, c, &by, &o)?;
            Ok((JobOut::from_row(&j)?, j.id))
        })
    })
    .await;
    let written = match when_running(&state, org, started).await? {
        Ok(w) => w,
        Err(running) => return Ok(job_running(running.map(|j| j.id))),
    };
    if let Some(id) = written.after {
        launch(&state, &caller, id, opts).await?;
    }
    Ok(written.created("/v1/jobs"))
}

/// `GET /v1/jobs/{id}`: status, progress and, once done, the summary (not for a
/// coordinator limited to neighbourhoods: the run covers the whole organisation).
pub async fn get(state: web::Data<AppState>, caller: Staff, Id(id): Id<JobId>) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let org = caller.org;
    let st = state.clone();
    let out = run(move || {
        Ok(st
            .store
            .read(|c| JobOut::for_caller(&job::get(c, org, id)?, &caller))?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(out))
}

/// `GET /v1/jobs?kind=&limit=&cursor=`: recent jobs — re-matching runs and the
/// scheduler's tasks (`nabij_ops::schedule`) — newest first, of one kind or all (without
/// their counts for a coordinator limited to neighbourhoods).
pub async fn list(
    state: web::Data<AppState>,
    caller: Staff,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let q = query.into_inner();
    let kind = match q.kind.as_deref() {
        None => None,
        Some(k) if k == rematch::JOB_KIND => Some(rematch::JOB_KIND),
        // Housekeeping tasks write no job rows, so they are no kind to ask for.
        Some(k) => match ops::schedule::TASKS
            .iter()
            .find(|t| t.name == k && t.name != ops::schedule::INDEX_LOG_PRUNE)
        {
            Some(t) => Some(t.name),
            None => {
                return Err(ApiError::invalid_fields(vec![FieldError::new(
                    "kind",
                    "must be rematch, lapse, expiry, follow_ups or check_ins",
                )]))
            }
        },
    };
    let limit = paging::limit(q.limit)?;
    let before = q
        .cursor
        .as_deref()
        .map(|c| paging::decode(CURSOR_KIND, c))
        .transpose()?
        .map(JobId);
    let org = caller.org;
    let st = state.clone();
    let page = run(move || {
        Ok(st.store.read(|c| {
            let mut rows = job::recent(c, org, kind, before, i64::from(limit) + 1)?;
            let more = rows.len() > limit as usize;
            rows.truncate(limit as usize);
            let items = rows
                .iter()
                .map(|j| JobOut::for_caller(j, &caller))
                .collect::<Result<Vec<_>, _>>()?;
            let next_cursor = match (more, rows.last()) {
                (true, Some(last)) => Some(paging::encode(CURSOR_KIND, last.id.get())),
                _ => None,
            };
            Ok(JobPage { items, next_cursor })
        })?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/v1/jobs").route(web::get().to(list)))
        .service(web::resource("/v1/jobs/rematch").route(web::post().to(start)))
        .service(web::resource("/v1/jobs/{id}").route(web::get().to(get)));
}
