//! Starting a re-match run, watching its progress, reading its summary.
//!
//! `POST /rematch` starts a run through the same functions as `POST /v1/jobs/rematch`
//! ([`jobs::start_run`]: the job row, its audit row, the run on its own thread); a second
//! start while one runs shows the running job instead. While a run goes on, the
//! coordinator may choose to follow it (`?follow=on`, also where starting a run leads): the page then reloads itself every
//! two seconds with `<meta http-equiv="refresh">` (no script; the CSP allows it) until
//! the run is done. Reloading is opt-in, never the default, so nobody's page changes
//! under them without asking (WCAG 2.2.1, timing adjustable).
//!
//! A coordinator limited to neighbourhoods cannot start a run (it covers the whole
//! organisation, `nabij_ops::rematch`): the page explains that instead of showing the
//! start button, a posted start answers 403 with the same page, and the runs others
//! started are listed without their counts.

use super::*;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::{Cell, Shell, Table};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::jobs::{self, JobOut, RematchIn, Start};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use nabij_i18n::t;
use nabij_store::job::{self, Job, JobStatus};
use nabij_store::rematch;

/// Seconds between reloads while a run goes on.
const REFRESH_SECS: u32 = 2;
/// Runs listed.
const RECENT: i64 = 10;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/rematch").get(page).post(start));
}

/// What the page shows.
struct Runs {
    running: Option<Job>,
    recent: Vec<Job>,
    /// The scheduler's recent task runs (`nabij_ops::schedule`), newest first.
    scheduled: Vec<Job>,
}

async fn load(state: &web::Data<AppState>, org: nabij_store::OrgId) -> Result<Runs, ApiError> {
    let st = state.clone();
    run(move || {
        Ok(st.store.read(|c| {
            Ok(Runs {
                running: job::running(c, org, rematch::JOB_KIND)?,
                recent: rematch::recent_jobs(c, org, None, RECENT)?,
                scheduled: nabij_store::job::recent(c, org, None, None, 4 * RECENT)?
                    .into_iter()
                    .filter(|j| j.kind != rematch::JOB_KIND)
                    .take(RECENT as usize)
                    .collect(),
            })
        })?)
    })
    .await
}

pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let refresh = req.query_string().split('&').any(|p| p == "follow=on");
    match load(&state, caller.org).await {
        Ok(runs) => render(&ctx, &caller, StatusCode::OK, &runs, None, refresh),
        Err(e) => ctx.failure(&e),
    }
}

pub async fn start(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form) = posted!(ctx, body);
    if !nabij_ops::rematch::may_start(&caller) {
        return match load(&state, caller.org).await {
            Ok(runs) => render(&ctx, &caller, StatusCode::FORBIDDEN, &runs, None, false),
            Err(e) => ctx.failure(&e),
        };
    }
    let who = caller.clone();
    let body = RematchIn {
        dry_run: form.get("dry_run").is_some_and(|v| v == "1"),
        k: None,
    };
    let org = caller.org;
    let started = match jobs::rematch_options(&body) {
        Ok(opts) => jobs::start_run(&state, caller, opts).await,
        Err(e) => Err(e),
    };
    match started {
        Ok(Start::Started(j)) => {
            tracing::info!(job = %j.id, "re-matching run started from the console");
            // The coordinator has just asked for the run: follow it, with a link to stop.
            ctx.redirect("/rematch?follow=on")
        }
        Ok(Start::Running(job)) => match load(&state, org).await {
            Ok(mut runs) => {
                runs.running = runs.running.or(job);
                render(&ctx, &who, StatusCode::CONFLICT, &runs, Some(()), false)
            }
            Err(e) => ctx.failure(&e),
        },
        Err(e) => ctx.failure(&e),
    }
}

fn ago_text(l: Lang, t: NaiveDateTime) -> String {
    let mins = (chrono::Utc::now().naive_utc() - t).num_minutes().max(0);
    let (unit, n) = match mins {
        0 => ("now", 0),
        1..=59 => ("min", mins),
        60..=2879 => ("hour", mins / 60),
        _ => ("day", mins / 1440),
    };
    nabij_i18n::t(l, "rematch-ago", &[("unit", unit.into()), ("n", n.into())])
}

fn status_text(l: Lang, status: &str) -> String {
    nabij_i18n::t(l, "rematch-status", &[("code", status.into())])
}

fn error_text(l: Lang, code: &str) -> String {
    nabij_i18n::t(l, "rematch-error", &[("code", code.into())])
}

fn duration_text(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

/// The summary of a finished run.
enum Summary {
    /// The job row could not be read.
    Unreadable(String),
    /// The run failed: why.
    Error(String),
    /// Whether it was a trial, and the facts as (label, value).
    Facts(bool, Vec<(String, String)>),
    None,
}

fn summary(l: Lang, caller: &Caller, j: &Job) -> Summary {
    let out = match JobOut::for_caller(j, caller) {
        Ok(o) => o,
        Err(_) => return Summary::Unreadable(error_text(l, "")),
    };
    if let Some(code) = &out.error {
        return Summary::Error(error_text(l, code));
    }
    let Some(s) = out.summary else {
        return Summary::None;
    };
    let facts = [
        ("rematch-considered", s.requests_considered.to_string()),
        ("rematch-proposals-made", s.proposals_made.to_string()),
        ("rematch-groups-suggested", s.groups_suggested.to_string()),
        ("rematch-referrals-flagged", s.referrals_suggested.to_string()),
        ("rematch-unmatched", s.still_unmatched.to_string()),
        ("rematch-duration", duration_text(s.duration_ms)),
    ];
    Summary::Facts(
        s.dry_run,
        facts.into_iter().map(|(k, v)| (l.text(k), v)).collect(),
    )
}

/// The run going on now.
struct Running {
    id: String,
    pct: u32,
    ago: String,
}

/// The last finished run.
struct Last {
    ago: String,
    status: String,
    summary: Summary,
}

#[derive(Template)]
#[template(path = "console/rematch.html")]
struct RematchPage<'a> {
    shell: Shell,
    csrf: &'a str,
    /// A start was refused because a run goes on.
    already: bool,
    /// The coordinator is limited to neighbourhoods: no start button, an explanation.
    limited: bool,
    running: Option<Running>,
    /// The page reloads itself (`?follow=on`).
    following: bool,
    last: Option<Last>,
    recent: Table,
    /// The scheduler's task runs.
    scheduled: Table,
}

fn render(
    ctx: &Ctx,
    caller: &Caller,
    status: StatusCode,
    runs: &Runs,
    already: Option<()>,
    refresh: bool,
) -> HttpResponse {
    let l = ctx.lang;
    let mut shell = ctx.shell(l.text("rematch-title"));
    if runs.running.is_some() && refresh {
        shell.refresh = Some((REFRESH_SECS, "/rematch?follow=on".to_string()));
    }
    let page = RematchPage {
        shell,
        csrf: &ctx.csrf,
        already: already.is_some(),
        limited: !nabij_ops::rematch::may_start(caller),
        running: runs.running.as_ref().map(|j| Running {
            id: j.id.to_string(),
            pct: (j.progress * 100.0).round().clamp(0.0, 100.0) as u32,
            ago: ago_text(l, j.started_at),
        }),
        following: refresh,
        last: runs
            .recent
            .iter()
            .find(|j| j.status != JobStatus::Running)
            .map(|j| Last {
                ago: ago_text(l, j.started_at),
                status: status_text(l, j.status.as_str()),
                summary: summary(l, caller, j),
            }),
        recent: recent_table(l, caller, &runs.recent),
        scheduled: scheduled_table(l, caller, &runs.scheduled),
    };
    ctx.render(status, &page)
}

/// The scheduler's task runs: which task, when, how it ended and its counts (hidden
/// for a coordinator limited to neighbourhoods, like a run's summary).
fn scheduled_table(l: Lang, caller: &Caller, jobs: &[Job]) -> Table {
    let rows = jobs
        .iter()
        .map(|j| {
            let outcome = JobOut::for_caller(j, caller).ok().and_then(|o| o.outcome);
            let counts = match outcome {
                Some(serde_json::Value::Object(m)) => m
                    .iter()
                    .map(|(k, v)| format!("{} {}", v, t(l, "schedule-count", &[("code", k.as_str().into())])))
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => "—".to_string(),
            };
            vec![
                Cell::Text(t(l, "schedule-task", &[("code", j.kind.as_str().into())])),
                Cell::Text(ago_text(l, j.started_at)),
                Cell::Text(status_text(l, j.status.as_str())),
                Cell::Text(counts),
            ]
        })
        .collect();
    Table {
        caption: l.text("schedule-title"),
        headers: ["task", "when", "status", "outcome"]
            .iter()
            .map(|h| l.text(&format!("schedule-title.{h}")))
            .collect(),
        rows,
        empty: l.text("schedule-title.empty"),
    }
}

fn recent_table(l: Lang, caller: &Caller, recent: &[Job]) -> Table {
    let headers = [
        "rematch-recent.number",
        "rematch-started",
        "rematch-recent.status",
        "rematch-recent.proposals",
        "rematch-recent.groups",
        "rematch-recent.refer",
        "rematch-duration",
    ];
    let rows = recent
        .iter()
        .map(|j| {
            let summary = JobOut::for_caller(j, caller).ok().and_then(|o| o.summary);
            let num = |f: fn(&rematch::RematchSummary) -> usize| {
                summary.as_ref().map_or("—".to_string(), |s| f(s).to_string())
            };
            let mut state = status_text(l, j.status.as_str());
            if summary.as_ref().is_some_and(|s| s.dry_run) {
                state = format!("{state} ({})", l.text("rematch-recent.trial"));
            }
            vec![
                Cell::Text(j.id.to_string()),
                Cell::Text(ago_text(l, j.started_at)),
                Cell::Text(state),
                Cell::Text(num(|s| s.proposals_made)),
                Cell::Text(num(|s| s.groups_suggested)),
                Cell::Text(num(|s| s.referrals_suggested)),
                Cell::Text(
                    summary
                        .as_ref()
                        .map_or("—".to_string(), |s| duration_text(s.duration_ms)),
                ),
            ]
        })
        .collect();
    Table {
        caption: l.text("rematch-recent"),
        headers: headers.iter().map(|h| l.text(h)).collect(),
        rows,
        empty: l.text("rematch-recent.empty"),
    }
}
