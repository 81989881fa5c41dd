//! Suggested groups for the same question (docs/design.md §3.7): on a request's page and on
//! `/groups`, with their reasons; accept or split through the same function as
//! `POST /v1/groups/{id}/accept` and `/split`. Accepting puts nobody in anything: each
//! resident still says yes or no through a proposal.

use super::request::{render, Leftovers};
use super::*;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::Shell;
use crate::console::routes::resource;
use crate::console::{Ctx, Form, Lang};
use crate::error::ApiError;
use crate::routes::groups::{decide_in, visible_requests};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use nabij_engine::reasons::Reason;
use nabij_store::rematch::{self, GroupStatus};
use nabij_store::request::Request;
use nabij_store::{neighbour, DbConnection, NeighbourId, RequestId, StoreError};
use std::collections::HashMap;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/groups").get(list))
        .service(resource("/groups/{id}/accept").post(accept))
        .service(resource("/groups/{id}/split").post(split));
}

/// A group suggestion as shown: its requests with the requesters' names.
#[derive(Debug)]
pub(super) struct GroupView {
    pub id: i64,
    pub status: GroupStatus,
    pub reasons: Vec<Reason>,
    pub requests: Vec<(Request, String)>,
}

/// Groups (suggested or accepted) this caller may see, optionally only those holding
/// request `only`.
fn load(
    c: &mut DbConnection,
    caller: &Caller,
    only: Option<RequestId>,
) -> Result<Vec<GroupView>, StoreError> {
    let mut out = Vec::new();
    for g in rematch::groups(c, caller.org, None)? {
        if g.status == GroupStatus::Split {
            continue;
        }
        let ids = g.request_ids()?;
        if only.is_some_and(|r| !ids.contains(&r)) {
            continue;
        }
        let Some(requests) = visible_requests(c, caller, &ids)? else {
            continue;
        };
        let people: Vec<NeighbourId> = requests.iter().map(|r| r.neighbour_id).collect();
        let names: HashMap<NeighbourId, String> = neighbour::names(c, caller.org, &people)?
            .into_iter()
            .map(|(id, name, _)| (id, name))
            .collect();
        out.push(GroupView {
            id: g.id.get(),
            reasons: g.reasons()?,
            status: g.status,
            requests: requests
                .into_iter()
                .map(|r| {
                    let name = names.get(&r.neighbour_id).cloned().unwrap_or_else(|| "—".into());
                    (r, name)
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The groups holding request `id`, for its page.
pub(super) fn for_request(
    c: &mut DbConnection,
    caller: &Caller,
    id: RequestId,
) -> Result<Vec<GroupView>, StoreError> {
    load(c, caller, Some(id))
}

/// One group as `console/groups_section.html` shows it.
struct GroupItem {
    id: i64,
    status: String,
    reasons: Vec<String>,
    /// (request id, link text, requester's name).
    members: Vec<(String, String, String)>,
    /// Still a suggestion: accept and split buttons.
    open: bool,
}

#[derive(Template)]
#[template(path = "console/groups_section.html")]
struct GroupsSection<'a> {
    l: Lang,
    csrf: &'a str,
    groups: Vec<GroupItem>,
    from: Option<RequestId>,
    /// The buttons of an open group: (verb, label).
    actions: [(&'static str, String); 2],
}

/// The groups as a section; `from` is the request whose page shows it (the forms come
/// back to it).
pub(super) fn section(ctx: &Ctx, groups: &[GroupView], from: Option<RequestId>) -> String {
    let l = ctx.lang;
    let part = GroupsSection {
        l,
        csrf: &ctx.csrf,
        groups: groups
            .iter()
            .map(|g| GroupItem {
                id: g.id,
                status: nabij_i18n::t(l, "groups-status", &[("code", g.status.as_str().into())]),
                reasons: g
                    .reasons
                    .iter()
                    .map(|r| nabij_i18n::render_reason(l, r))
                    .collect(),
                members: g
                    .requests
                    .iter()
                    .map(|(r, name)| (r.id.to_string(), request_link_text(r), name.clone()))
                    .collect(),
                open: g.status == GroupStatus::Suggested,
            })
            .collect(),
        from,
        actions: [
            ("accept", l.text("groups-accept")),
            ("split", l.text("groups-split")),
        ],
    };
    part.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "groups section failed");
        String::new()
    })
}

#[derive(Template)]
#[template(path = "console/groups.html")]
struct GroupsPage {
    shell: Shell,
    error: Option<String>,
    /// The rendered section; empty when there are no groups.
    section: String,
}

/// `error` is already in the page's language.
fn groups_page(ctx: &Ctx, status: StatusCode, groups: &[GroupView], error: Option<&str>) -> HttpResponse {
    let page = GroupsPage {
        shell: ctx.shell(ctx.lang.text("groups-title")),
        error: error.map(str::to_string),
        section: if groups.is_empty() {
            String::new()
        } else {
            section(ctx, groups, None)
        },
    };
    ctx.render(status, &page)
}

async fn load_all(state: &web::Data<AppState>, caller: Caller) -> Result<Vec<GroupView>, ApiError> {
    let st = state.clone();
    run(move || {
        st.store
            .read_as(|c| load(c, &caller, None).map_err(ApiError::from))
    })
    .await
}

/// `GET /groups`: the suggested and accepted groups.
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    match load_all(&state, caller).await {
        Ok(groups) => groups_page(&ctx, StatusCode::OK, &groups, None),
        Err(e) => ctx.failure(&e),
    }
}

async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
    to: GroupStatus,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let from = form.get("from").and_then(parse_id).map(RequestId);
    let st = state.clone();
    let who = caller.clone();
    let done = run(move || st.store.write_as(|c| decide_in(c, &who, id, to))).await;
    let back = match from {
        Some(r) => format!("/requests/{r}#groups"),
        None => "/groups".to_string(),
    };
    let l = ctx.lang;
    let message = match done {
        Ok(_) => return ctx.redirect(&back),
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(ApiError::Store(StoreError::Conflict(_))) => l.text("groups-decided"),
        Err(e) => return ctx.failure(&e),
    };
    match from {
        Some(r) => {
            let left = Leftovers {
                error: Some(("groups", message.to_string())),
                ..Default::default()
            };
            render(&ctx, &state, caller, r, &left, StatusCode::CONFLICT).await
        }
        None => match load_all(&state, caller).await {
            Ok(groups) => groups_page(&ctx, StatusCode::CONFLICT, &groups, Some(message.as_str())),
            Err(e) => ctx.failure(&e),
        },
    }
}

/// `POST /groups/{id}/accept`.
pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    decide(req, state, path, body, GroupStatus::Accepted).await
}

/// `POST /groups/{id}/split`.
pub async fn split(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    decide(req, state, path, body, GroupStatus::Split).await
}
