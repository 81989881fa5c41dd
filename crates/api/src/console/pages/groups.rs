//! Suggested groups for the same question (docs/design.md §3.7): on a request's page and on
//! `/groups`, with their reasons; accept or split through the same function as
//! `POST /v1/groups/{id}/accept` and `/split`. Accepting puts nobody in anything: each
//! resident still says yes or no through a proposal.

use super::request::{render, Leftovers};
use super::*;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc};
use crate::console::routes::resource;
use crate::console::{Ctx, Form, Lang};
use crate::error::ApiError;
use crate::routes::groups::{decide_in, visible_requests};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_engine::reasons::Reason;
use nabij_store::rematch::{self, GroupStatus};
use nabij_store::request::Request;
use nabij_store::{neighbour, DbConnection, NeighbourId, RequestId, StoreError};
use std::collections::HashMap;
use std::fmt::Write as _;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/groups").get(list))
        .service(resource("/groups/{id}/accept").post(accept))
        .service(resource("/groups/{id}/split").post(split));
}

/// A group suggestion as shown: its requests with the requesters' names.
#[derive(Debug)]
pub(super) struct GroupView {
    pub id: i64,
    pub status: String,
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
        if g.status == GroupStatus::Split.as_str() {
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

fn status_text(l: Lang, code: &str) -> &'static str {
    match code {
        "suggested" => l.t("voorstel", "suggestion", "suggestion"),
        "accepted" => l.t(
            "aanvaard door een aanspreekpersoon",
            "acceptée par un coordinateur",
            "accepted by a coordinator",
        ),
        _ => l.t("opgesplitst", "séparée", "split"),
    }
}

/// The groups as a section; `from` is the request whose page shows it (the forms come
/// back to it).
pub(super) fn section(ctx: &Ctx, groups: &[GroupView], from: Option<RequestId>) -> String {
    let l = ctx.lang;
    let mut out = format!(
        "<section aria-labelledby=\"groups\"><h2 id=\"groups\">{}</h2><p class=\"hint\">{}</p><ul class=\"groups\">",
        esc(l.t(
            "Samen met anderen met dezelfde vraag",
            "Avec d’autres qui ont la même demande",
            "Together with others who ask the same"
        )),
        esc(l.t(
            "Aanvaarden zet niemand in een groep: elke persoon zegt zelf ja of nee op een voorstel.",
            "Accepter ne met personne dans un groupe : chacun dit oui ou non à une proposition.",
            "Accepting puts nobody in a group: each person says yes or no to a proposal.",
        ))
    );
    for g in groups {
        let _ = write!(
            out,
            "<li class=\"group\"><h3>{} {} · {}</h3><ul class=\"reasons\">",
            esc(l.t("Groepje", "Petit groupe", "Small group")),
            g.id,
            esc(status_text(l, &g.status))
        );
        for reason in &g.reasons {
            let text = match l {
                Lang::Nl => &reason.nl,
                Lang::Fr => &reason.fr,
                Lang::En => &reason.en,
            };
            let _ = write!(out, "<li>{}</li>", esc(text));
        }
        out.push_str("</ul><ul class=\"members\">");
        for (r, name) in &g.requests {
            let _ = write!(out, "<li>{}: {}</li>", esc(name), request_link(r));
        }
        out.push_str("</ul>");
        if g.status == GroupStatus::Suggested.as_str() {
            let back = from
                .map(|r| format!("<input type=\"hidden\" name=\"from\" value=\"{r}\">"))
                .unwrap_or_default();
            for (verb, text) in [
                (
                    "accept",
                    l.t("Groepje aanvaarden", "Accepter le groupe", "Accept the group"),
                ),
                ("split", l.t("Opsplitsen", "Séparer", "Split")),
            ] {
                let _ = write!(
                    out,
                    "<form method=\"post\" action=\"/groups/{}/{verb}\" class=\"inline\">{}{back}<button type=\"submit\" class=\"{verb}\" aria-label=\"{} {}\">{}</button></form> ",
                    g.id,
                    csrf_field(&ctx.csrf),
                    esc(text),
                    g.id,
                    esc(text),
                );
            }
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    if from.is_some() {
        let _ = write!(
            out,
            "<p><a href=\"/groups\">{}</a></p>",
            esc(l.t(
                "Alle groepsvoorstellen",
                "Toutes les suggestions de groupes",
                "All group suggestions"
            ))
        );
    }
    out.push_str("</section>");
    out
}

fn groups_page(ctx: &Ctx, status: StatusCode, groups: &[GroupView], error: Option<&str>) -> HttpResponse {
    let l = ctx.lang;
    let title = l.t("Groepsvoorstellen", "Suggestions de groupes", "Group suggestions");
    let mut main = format!("<h1>{}</h1>", esc(title));
    if let Some(e) = error {
        let _ = write!(main, "<p class=\"error\" role=\"alert\">{}</p>", esc(e));
    }
    if groups.is_empty() {
        let _ = write!(
            main,
            "<p class=\"empty\">{}</p>",
            esc(l.t(
                "Geen groepsvoorstellen. Ze ontstaan bij het opnieuw koppelen.",
                "Aucune suggestion de groupe. Elles naissent lors d’un nouvel appariement.",
                "No group suggestions. They come from a re-match run."
            ))
        );
    } else {
        main.push_str(&section(ctx, groups, None));
    }
    ctx.page(status, title, &main)
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
        Err(ApiError::Store(StoreError::Conflict(_))) => l.t(
            "Over dit groepje werd intussen al beslist.",
            "Ce groupe a déjà été décidé entre-temps.",
            "This group was decided meanwhile.",
        ),
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
            Ok(groups) => groups_page(&ctx, StatusCode::CONFLICT, &groups, Some(message)),
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
