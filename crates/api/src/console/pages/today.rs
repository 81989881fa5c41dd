//! The today view: what needs a coordinator's attention now.

use super::*;
use crate::access;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::{Cell, Shell, Table};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::{ApiError, ApiResult};
use crate::routes::calls;
use crate::routes::jobs::JobOut;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use nabij_i18n::t;
use nabij_store::job::{self};
use nabij_store::matching::{self, MatchFilter, MatchStatus};
use nabij_store::neighbour::{self};
use nabij_store::request::{self, Request, RequestFilter, RequestStatus};
use nabij_store::{rematch, NeighbourId, StoreError};
use std::collections::HashMap;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/").get(today))
        .service(resource("/calls/{id}/done").post(call_done));
}

/// A request filed less than this many days ago is new.
const NEW_DAYS: i64 = 7;

// ---------------------------------------------------------------- today

struct Today {
    open: Vec<Request>,
    /// Open requests flagged for a choice (refer or re-open), oldest flag first.
    flagged: Vec<Request>,
    referral: Vec<Request>,
    proposed: Vec<(matching::Match, Request)>,
    /// Pairs that need the coordinator: per member, the latest check-in when it went
    /// unanswered after two tries or asked to mediate or for more than a neighbour.
    /// Not every active pair (issue 14).
    needs: Vec<(nabij_store::check_in::CheckIn, Request)>,
    calls: Vec<nabij_notify::calls::CallDue>,
    last_run: Option<job::Job>,
    names: HashMap<NeighbourId, String>,
    /// Open signals whose contact-by date has passed, oldest date first.
    overdue: Vec<nabij_store::signal::Signal>,
    overdue_names: HashMap<NeighbourId, String>,
}

fn load_today(c: &mut nabij_store::DbConnection, caller: &Caller) -> ApiResult<Today> {
    let filter = |statuses| RequestFilter {
        statuses: Some(statuses),
        neighbourhoods: caller.neighbourhoods.clone(),
        limit: 500,
        ..Default::default()
    };
    let (flagged, mut open): (Vec<Request>, Vec<Request>) =
        request::list(c, caller.org, &filter(vec![RequestStatus::Open]))?
            .into_iter()
            .partition(|r| r.flagged_at.is_some());
    let mut flagged = flagged;
    flagged.sort_by_key(|r| (r.flagged_at, r.id));
    open.sort_by_key(|r| r.created_at);
    let mut referral = request::list(c, caller.org, &filter(vec![RequestStatus::ReferralNeeded]))?;
    referral.sort_by_key(|r| r.created_at);
    let visible = |c: &mut nabij_store::DbConnection, status: MatchStatus| {
        let found = matching::list(
            c,
            caller.org,
            &MatchFilter {
                statuses: Some(vec![status]),
                limit: 500,
                ..Default::default()
            },
        )?;
        let mut out = Vec::new();
        for m in found {
            match access::request(c, caller, m.request_id) {
                Ok(r) => out.push((m, r)),
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok::<_, StoreError>(out)
    };
    let proposed = visible(c, MatchStatus::Proposed)?;
    let mut needs = Vec::new();
    for (ci, d) in nabij_ops::checkins::needing_coordinator(c, caller)? {
        needs.push((ci, request::get(c, caller.org, d.row.request_id)?));
    }
    let calls = calls::visible_calls(c, caller)?;
    let mut ids: Vec<NeighbourId> = open
        .iter()
        .chain(flagged.iter())
        .chain(referral.iter())
        .map(|r| r.neighbour_id)
        .chain(proposed.iter().map(|(_, r)| r.neighbour_id))
        .chain(needs.iter().map(|(ci, _)| ci.neighbour_id))
        .chain(calls.iter().map(|d| d.neighbour_id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let found = neighbour::names(c, caller.org, &ids)?;
    let last_run = job::latest(c, caller.org, rematch::JOB_KIND)?;
    let today = nabij_store::signal::today();
    let overdue: Vec<_> = nabij_ops::signals::inbox(c, caller, 500)?
        .into_iter()
        .filter(|s| s.is_overdue(today))
        .collect();
    let overdue_names = super::signals::names_of(c, caller, &overdue)?;
    Ok(Today {
        overdue,
        overdue_names,
        open,
        flagged,
        referral,
        proposed,
        needs,
        calls,
        last_run,
        names: found.into_iter().map(|(id, name, _)| (id, name)).collect(),
    })
}

pub async fn today(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let st = state.clone();
    let who = caller.clone();
    let data = match run(move || st.store.read_as(|c| load_today(c, &who))).await {
        Ok(d) => d,
        Err(e) => return ctx.failure(&e),
    };
    let page = today_page(&ctx, &data);
    ctx.render(StatusCode::OK, &page)
}

/// The today view: its sections are tables (`console/table.html`).
#[derive(Template)]
#[template(path = "console/today.html")]
struct TodayPage<'a> {
    shell: Shell,
    csrf: &'a str,
    /// (section id, table), in page order.
    tables: Vec<(&'static str, Table)>,
    /// The last re-match run in one sentence.
    last_run: Option<String>,
}

fn today_page<'a>(ctx: &'a Ctx, data: &Today) -> TodayPage<'a> {
    let l = ctx.lang;
    let tx = |key: &str| l.text(key);
    let name = |id: NeighbourId| data.names.get(&id).cloned().unwrap_or_else(|| "—".into());
    let link = |r: &Request| Cell::Link {
        href: format!("/requests/{}", r.id),
        text: request_link_text(r),
    };
    let table = |key: &str, headers: &[&str], rows: Vec<Vec<Cell>>| Table {
        caption: tx(key),
        headers: headers.iter().map(|h| tx(h)).collect(),
        rows,
        empty: tx(&format!("{key}.empty")),
    };
    let request_rows = |list: &[Request]| -> Vec<Vec<Cell>> {
        list.iter()
            .map(|r| {
                vec![
                    link(r),
                    Cell::Text(name(r.neighbour_id)),
                    Cell::Text(kind_text(l, &r.kind)),
                    Cell::Text(age_text(l, r.created_at)),
                ]
            })
            .collect()
    };
    let req_headers = ["col-request", "col-neighbour", "col-kind", "col-waiting"];
    let (new, older): (Vec<Request>, Vec<Request>) = data
        .open
        .iter()
        .cloned()
        .partition(|r| days_since(r.created_at) < NEW_DAYS);
    let new: Vec<Request> = new.into_iter().rev().collect();
    let match_rows = |list: &[(matching::Match, Request)],
                      since: fn(&matching::Match) -> NaiveDateTime|
     -> Vec<Vec<Cell>> {
        list.iter()
            .map(|(m, r)| {
                vec![
                    link(r),
                    Cell::Text(name(r.neighbour_id)),
                    Cell::Text(age_text(l, since(m))),
                ]
            })
            .collect()
    };
    let need_rows: Vec<Vec<Cell>> = data
        .needs
        .iter()
        .map(|(ci, r)| {
            let why = match ci.answer {
                Some(a) => a.as_str(),
                None => "unanswered",
            };
            vec![
                Cell::Link {
                    href: format!("/requests/{}#match-{}", r.id, ci.match_id),
                    text: request_link_text(r),
                },
                Cell::Text(name(ci.neighbour_id)),
                Cell::Text(t(l, "today-check-in-why", &[("code", why.into())])),
                Cell::Text(age_text(l, ci.answered_at.unwrap_or(ci.last_try_at))),
            ]
        })
        .collect();
    let call_rows: Vec<Vec<Cell>> = data
        .calls
        .iter()
        .map(|d| {
            vec![
                Cell::Link {
                    href: format!("/neighbours/{}", d.neighbour_id),
                    text: d.display_name.clone(),
                },
                match &d.phone {
                    Some(p) => Cell::Link {
                        href: format!("tel:{p}"),
                        text: p.clone(),
                    },
                    None => Cell::Text(tx("today-calls.no-number")),
                },
                Cell::Text(call_reason_text(l, &d.reason)),
                Cell::Text(age_text(l, d.since)),
                Cell::Post {
                    action: format!("/calls/{}/done", d.call_id),
                    label: tx("today-calls.called"),
                    hidden: d.display_name.clone(),
                },
            ]
        })
        .collect();
    TodayPage {
        shell: ctx.shell(tx("today-title")),
        csrf: &ctx.csrf,
        tables: vec![
            (
                "signals",
                Table {
                    caption: tx("today-signals"),
                    headers: super::signals::signal_headers(l),
                    rows: super::signals::signal_rows(l, &data.overdue, &data.overdue_names),
                    empty: tx("today-signals.empty"),
                },
            ),
            (
                "flagged",
                table(
                    "today-flagged",
                    &[
                        "col-request",
                        "col-neighbour",
                        "today-flagged.why",
                        "today-flagged.since",
                        "today-flagged.refer",
                        "today-flagged.reopen",
                    ],
                    data.flagged
                        .iter()
                        .map(|r| {
                            vec![
                                link(r),
                                Cell::Text(name(r.neighbour_id)),
                                Cell::Text(t(
                                    l,
                                    "request-flag-reason",
                                    &[("code", r.flag_reason.map_or("", |f| f.as_str()).into())],
                                )),
                                Cell::Text(age_text(l, r.flagged_at.unwrap_or(r.updated_at))),
                                Cell::Link {
                                    href: format!("/requests/{}#refer", r.id),
                                    text: tx("today-flagged.refer"),
                                },
                                Cell::Post {
                                    action: format!("/requests/{}/reopen", r.id),
                                    label: tx("today-flagged.reopen"),
                                    hidden: request_link_text(r),
                                },
                            ]
                        })
                        .collect(),
                ),
            ),
            ("new", table("today-new", &req_headers, request_rows(&new))),
            ("open", table("today-open", &req_headers, request_rows(&older))),
            (
                "referral",
                table("today-referral", &req_headers, request_rows(&data.referral)),
            ),
            (
                "proposed",
                table(
                    "today-proposed",
                    &["col-request", "col-neighbour", "today-proposed.since"],
                    match_rows(&data.proposed, |m| m.created_at),
                ),
            ),
            (
                "check-ins",
                table(
                    "today-check-ins",
                    &[
                        "col-request",
                        "col-neighbour",
                        "today-check-ins.why",
                        "today-check-ins.since",
                    ],
                    need_rows,
                ),
            ),
            (
                "calls",
                table(
                    "today-calls",
                    &[
                        "col-neighbour",
                        "today-calls.phone",
                        "today-calls.about",
                        "today-calls.since",
                        "today-calls.done",
                    ],
                    call_rows,
                ),
            ),
        ],
        last_run: data.last_run.as_ref().map(|j| last_run_text(l, j)),
    }
}

/// Why to phone someone, by the event's code (`nabij_notify::event::EventKind`).
pub(super) fn call_reason_text(l: Lang, code: &str) -> String {
    t(l, "call-reason", &[("code", code.into())])
}

/// The last re-match run in one sentence, with its summary once done.
fn last_run_text(l: Lang, j: &job::Job) -> String {
    let started = t(
        l,
        "today-run-started",
        &[("days", days_since(j.started_at).into())],
    );
    let state = match j.status.as_str() {
        "running" => t(
            l,
            "today-run-running",
            &[("percent", (j.progress * 100.0).round().clamp(0.0, 100.0).into())],
        ),
        "succeeded" => match JobOut::from_row(j).ok().and_then(|o| o.summary) {
            Some(s) => t(
                l,
                "today-run-summary",
                &[
                    ("proposals", s.proposals_made.into()),
                    ("groups", s.groups_suggested.into()),
                    ("referrals", s.referrals_suggested.into()),
                ],
            ),
            None => l.text("today-run-done"),
        },
        "failed" => l.text("today-run-failed"),
        _ => l.text("today-run-stopped"),
    };
    format!("{started} — {state}.")
}

/// `POST /calls/{id}/done`: the call is made (as `POST /v1/calls/{id}/done`, audited).
pub async fn call_done(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    if !ctx.csrf_ok(&Form::parse(&body)) {
        return ctx.forbidden();
    }
    let Some(id) = parse_id(&path).map(nabij_store::CallId) else {
        return ctx.not_found();
    };
    let st = state.clone();
    let done = run(move || st.store.write_as(|c| calls::mark_done(c, &caller, id))).await;
    match done {
        // Marked before (another tab, a colleague): nothing left to do either way.
        Ok(_) => ctx.redirect("/#calls"),
        Err(ApiError::Store(StoreError::Conflict(code))) if code == "already_done" => ctx.redirect("/#calls"),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}
