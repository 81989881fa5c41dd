//! One neighbour's page: what is known about them (never the exact position), what a
//! coordinator can do (edit, pause or resume, download, erase), their history of
//! matches and thanks, their requests, and filing a new request for them.

use super::neighbour_history::{EventView, Piece};
use super::neighbours::query_param;
use super::*;
use crate::access;
use crate::blocking::run;
use crate::console::html::{Cell, Shell, Table};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::requests;
use crate::routes::requests::body::{RequestIn, WindowIn};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use nabij_store::neighbour::Neighbour;
use nabij_store::neighbourhood::{self};
use nabij_store::request::{self, RequestFilter};
use nabij_store::{NeighbourId, StoreError};

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/neighbours/{id}").get(neighbour))
        .service(resource("/neighbours/{id}/requests").post(file_request));
}

fn list_or_dash(items: Vec<String>) -> String {
    if items.is_empty() {
        "—".to_string()
    } else {
        items.join(", ")
    }
}

/// The facts about a neighbour, as (term, description).
fn facts(l: Lang, n: &Neighbour, hood: Option<&str>) -> Vec<(String, String)> {
    let consent = n.consent().map(|c| c.channel.as_str()).unwrap_or("");
    let tags = |codes: Vec<String>| list_or_dash(codes.iter().map(|c| labels::tag(l, c)).collect());
    let fact = |key: &str| l.text(&format!("neighbour-facts.{key}"));
    vec![
        (l.text("neighbour-hood"), hood.unwrap_or("—").to_string()),
        (fact("phone"), n.phone.clone().unwrap_or_else(|| "—".into())),
        (fact("email"), n.email.clone().unwrap_or_else(|| "—".into())),
        (
            fact("position"),
            if n.lat.is_some() {
                fact("position-kept")
            } else {
                "—".to_string()
            },
        ),
        (
            fact("radius"),
            if n.travel_radius_m >= 1000.0 {
                format!("{} km", (n.travel_radius_m / 100.0).round() / 10.0)
            } else {
                format!("{} m", n.travel_radius_m.round())
            },
        ),
        (
            fact("languages"),
            list_or_dash(
                n.languages()
                    .unwrap_or_default()
                    .iter()
                    .map(|c| labels::language_code(l, c))
                    .collect(),
            ),
        ),
        (fact("interests"), tags(n.interests().unwrap_or_default())),
        (fact("talents"), tags(n.talents().unwrap_or_default())),
        (
            fact("availability"),
            list_or_dash(
                n.availability()
                    .unwrap_or_default()
                    .iter()
                    .map(|c| labels::slot(l, c))
                    .collect(),
            ),
        ),
        (fact("capacity"), n.capacity.to_string()),
        (fact("consent"), consent_text(l, consent)),
        (
            l.text("neighbour-status"),
            l.text(if n.paused {
                "neighbour-status.paused"
            } else {
                "neighbour-status.active"
            }),
        ),
    ]
}

/// The line after a change (`?done=saved`, …), if any.
fn done_notice(l: Lang, done: &str) -> Option<String> {
    ["saved", "unchanged", "paused", "resumed"]
        .contains(&done)
        .then(|| l.text(&format!("neighbour-done.{done}")))
}

/// A neighbour's page.
#[derive(Template)]
#[template(path = "console/neighbour/page.html")]
struct NeighbourPage<'a> {
    shell: Shell,
    csrf: &'a str,
    id: NeighbourId,
    done: Option<String>,
    facts: Vec<(String, String)>,
    /// Pause or resume: (verb in the URL, key of the button, key of its hint).
    toggle: (&'static str, &'static str, &'static str),
    history: Vec<EventView>,
    requests: Table,
    /// The kinds of request to choose from: (code, text); the first is checked.
    kinds: Vec<(&'static str, String)>,
}

/// A request that could not be filed.
#[derive(Template)]
#[template(path = "console/neighbour/request_failed.html")]
struct RequestFailedPage {
    shell: Shell,
    id: i64,
}

pub async fn neighbour(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    let st = state.clone();
    let found = run(move || {
        st.store.write_as(|c| {
            let n = access::neighbour(c, &caller, NeighbourId(id))?;
            access::record(c, &caller, "neighbour_read", Some(n.id), String::new())?;
            let hood = match n.neighbourhood_id {
                Some(h) => neighbourhood::list(c, caller.org)?
                    .into_iter()
                    .find(|x| x.id == h)
                    .map(|x| x.name),
                None => None,
            };
            let requests = request::list(
                c,
                caller.org,
                &RequestFilter {
                    neighbour_id: Some(n.id),
                    limit: 200,
                    ..Default::default()
                },
            )?;
            let history = neighbour_history::load(c, &caller, &n)?;
            Ok::<_, ApiError>((n, hood, requests, history))
        })
    })
    .await;
    let (n, hood, requests, history) = match found {
        Ok(x) => x,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let rows: Vec<Vec<Cell>> = requests
        .iter()
        .map(|r| {
            vec![
                Cell::Link {
                    href: format!("/requests/{}", r.id),
                    text: request_link_text(r),
                },
                Cell::Text(kind_text(l, &r.kind)),
                Cell::Text(status_text(l, r.status.as_str())),
                Cell::Text(age_text(l, r.created_at)),
            ]
        })
        .collect();
    let h = l.text("neighbour-requests");
    let page = NeighbourPage {
        csrf: &ctx.csrf,
        id: n.id,
        done: done_notice(l, &query_param(&req, "done")),
        facts: facts(l, &n, hood.as_deref()),
        toggle: if n.paused {
            (
                "resume",
                "neighbour-actions.resume",
                "neighbour-actions.resume-hint",
            )
        } else {
            ("pause", "neighbour-actions.pause", "neighbour-actions.pause-hint")
        },
        history: neighbour_history::view(l, &history),
        requests: Table {
            caption: h.clone(),
            headers: vec![
                h,
                l.text("neighbour-requests.kind"),
                l.text("neighbour-status"),
                l.text("neighbour-requests.since"),
            ],
            rows,
            empty: l.text("neighbour-requests.empty"),
        },
        kinds: ["companionship", "emotional", "practical"]
            .into_iter()
            .map(|code| (code, kind_text(l, code)))
            .collect(),
        shell: ctx.shell(n.display_name.clone()),
    };
    ctx.render(StatusCode::OK, &page)
}

/// Files a request for a neighbour: what `POST /v1/requests` does (scope guard included).
pub async fn file_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let window = match NaiveDate::parse_from_str(form.get("date").unwrap_or(""), "%Y-%m-%d") {
        Ok(date) => WindowIn::Once {
            date,
            parts: Vec::new(),
        },
        Err(_) => WindowIn::Flexible {},
    };
    let body = RequestIn {
        neighbour_id: id,
        kind: form.text("kind"),
        tags: Vec::new(),
        text: form.text("text"),
        window,
        location: None,
        radius_m: None,
        recurrence: None,
        duration_minutes: None,
    };
    let st = state.clone();
    let created = run(move || {
        let new = body.into_new()?;
        st.store.write_as(|c| {
            let r = requests::file(c, &caller, &new)?;
            Ok::<_, ApiError>(r.id)
        })
    })
    .await;
    match created {
        Ok(rid) => ctx.redirect(&format!("/requests/{rid}")),
        // The person of the URL (the operation names it as the request's `neighbour_id`).
        Err(ApiError::Store(StoreError::NotFound | StoreError::UnknownReference("neighbour_id"))) => {
            ctx.not_found()
        }
        Err(ApiError::BadRequest { .. }) | Err(ApiError::Store(StoreError::Invalid(_))) => {
            let page = RequestFailedPage {
                shell: ctx.shell(ctx.lang.text("neighbour-request-failed")),
                id,
            };
            ctx.render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => ctx.failure(&e),
    }
}
