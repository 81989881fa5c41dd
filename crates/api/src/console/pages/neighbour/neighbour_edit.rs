//! Editing a neighbour's details, and pausing or resuming them: what
//! `PATCH /v1/neighbours/{id}` does, through the same shared function (audit row and
//! index update included). Only what changed is written and named in the audit row.

use super::neighbour_fields::FormView;
use super::neighbour_form::{self as nf, NeighbourForm};
use super::*;
use crate::access;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::Shell;
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::neighbours::body::{ContactIn, LocationIn, NeighbourPatch};
use crate::routes::neighbours::ops;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use nabij_i18n::t;
use nabij_store::neighbour::Neighbour;
use nabij_store::neighbourhood::Neighbourhood;
use nabij_store::{NeighbourId, StoreError};

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/neighbours/{id}/edit").get(edit_form).post(edit))
        .service(resource("/neighbours/{id}/pause").post(pause))
        .service(resource("/neighbours/{id}/resume").post(resume));
}

/// The edit form.
#[derive(Template)]
#[template(path = "console/neighbour/edit.html")]
struct EditPage<'a> {
    shell: Shell,
    csrf: &'a str,
    id: NeighbourId,
    v: FormView<'a>,
    position_hint: String,
}

fn edit_page(
    ctx: &Ctx,
    status: StatusCode,
    n: &Neighbour,
    hoods: &[Neighbourhood],
    f: &NeighbourForm,
) -> HttpResponse {
    let l = ctx.lang;
    let title = t(
        l,
        "neighbour-edit-title",
        &[("name", n.display_name.as_str().into())],
    );
    let page = EditPage {
        shell: ctx.shell(title),
        csrf: &ctx.csrf,
        id: n.id,
        v: FormView::new(l, f, hoods, l.text("neighbour-edit-hood-empty")),
        position_hint: l.text(if n.lat.is_some() {
            "neighbour-edit-position-hint"
        } else {
            "neighbour-form-position-hint"
        }),
    };
    ctx.render(status, &page)
}

/// The neighbour (if the caller may see them) and the neighbourhoods they may choose;
/// reading the record for editing is audited like any read.
async fn load(
    state: &web::Data<AppState>,
    caller: &Caller,
    id: i64,
) -> Result<(Neighbour, Vec<Neighbourhood>), ApiError> {
    let st = state.clone();
    let who = caller.clone();
    let n = run(move || {
        st.store.write_as(|c| {
            let n = access::neighbour(c, &who, NeighbourId(id))?;
            access::record(c, &who, "neighbour_read", Some(n.id), String::new())?;
            Ok::<_, ApiError>(n)
        })
    })
    .await?;
    Ok((n, nf::visible_hoods(state, caller).await?))
}

pub async fn edit_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    match load(&state, &caller, id).await {
        Ok((n, hoods)) => edit_page(
            &ctx,
            StatusCode::OK,
            &n,
            &hoods,
            &NeighbourForm::from_neighbour(&n),
        ),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v
}

/// The change from `n` to what was typed: only fields that differ.
fn patch(n: &Neighbour, c: nf::Checked) -> NeighbourPatch {
    let mut p = NeighbourPatch::default();
    if c.name != n.display_name {
        p.display_name = Some(c.name);
    }
    let email = (c.email != n.email).then_some(c.email);
    let phone = (c.phone != n.phone).then_some(c.phone);
    if email.is_some() || phone.is_some() {
        p.contact = Some(ContactIn { email, phone });
    }
    let hood = c.hood.map(|(id, _, _)| id);
    let hood_changed = hood != n.neighbourhood_id.map(|h| h.get());
    if hood_changed {
        p.neighbourhood_id = Some(hood);
    }
    let moved_to = c
        .position
        .or(c.hood.filter(|_| hood_changed).map(|(_, lat, lon)| (lat, lon)));
    p.location = moved_to.map(|(lat, lon)| LocationIn { lat, lon });
    if (c.radius - n.travel_radius_m).abs() > 0.5 {
        p.travel_radius_m = Some(c.radius);
    }
    if i32::from(c.capacity) != n.capacity {
        p.capacity = Some(c.capacity);
    }
    if c.preferred_language != n.preferred_language {
        p.preferred_language = Some(c.preferred_language);
    }
    let lists = [
        (c.languages, n.languages().unwrap_or_default(), &mut p.languages),
        (c.interests, n.interests().unwrap_or_default(), &mut p.interests),
        (c.talents, n.talents().unwrap_or_default(), &mut p.talents),
        (
            c.availability,
            n.availability().unwrap_or_default(),
            &mut p.availability,
        ),
    ];
    for (typed, stored, slot) in lists {
        if sorted(&typed) != sorted(&stored) {
            *slot = Some(typed);
        }
    }
    p
}

fn is_empty(p: &NeighbourPatch) -> bool {
    p.display_name.is_none()
        && p.contact.is_none()
        && p.location.is_none()
        && p.neighbourhood_id.is_none()
        && p.travel_radius_m.is_none()
        && p.interests.is_none()
        && p.talents.is_none()
        && p.languages.is_none()
        && p.availability.is_none()
        && p.capacity.is_none()
        && p.paused.is_none()
        && p.preferred_language.is_none()
}

/// Writes `p` as the API's PATCH does; returns the index update to apply.
async fn write(
    state: &web::Data<AppState>,
    caller: &Caller,
    id: NeighbourId,
    p: NeighbourPatch,
) -> Result<(), ApiError> {
    let st = state.clone();
    let who = caller.clone();
    let update = run(move || {
        let (change, fields) = p.into_update(&who)?;
        st.store.write_as(|c| {
            ops::update(c, &who, id, &change, &fields)
                .map(|(_, u)| u)
                .map_err(ApiError::from)
        })
    })
    .await?;
    update.apply(&state.indexes);
    Ok(())
}

pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let (n, hoods) = match load(&state, &caller, id).await {
        Ok(x) => x,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let mut f = NeighbourForm::from_form(&form);
    let checked = nf::check(l, &mut f, &hoods);
    if checked.languages.is_empty() && f.error("languages").is_none() {
        f.fail("languages", &l.text("form-check.one-language"));
    }
    if !f.is_ok() {
        return edit_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &n, &hoods, &f);
    }
    let p = patch(&n, checked);
    if is_empty(&p) {
        return ctx.redirect(&format!("/neighbours/{}?done=unchanged", n.id));
    }
    match write(&state, &caller, n.id, p).await {
        Ok(()) => ctx.redirect(&format!("/neighbours/{}?done=saved", n.id)),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(ApiError::BadRequest { errors, .. }) if errors.iter().any(|e| e.field == "neighbourhood_id") => {
            f.fail("neighbourhood_id", &l.text("form-check.hood-from-list"));
            edit_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &n, &hoods, &f)
        }
        Err(ApiError::BadRequest { .. }) | Err(ApiError::Store(StoreError::Invalid(_))) => {
            f.general = Some(l.text("form-check.not-saved"));
            edit_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &n, &hoods, &f)
        }
        Err(e) => ctx.failure(&e),
    }
}

/// Pausing and resuming: a change of `paused`, as `PATCH {"paused": …}` makes it.
async fn set_paused(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
    paused: bool,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, _, id) = posted!(ctx, body, path);
    let p = NeighbourPatch {
        paused: Some(paused),
        ..Default::default()
    };
    match write(&state, &caller, NeighbourId(id), p).await {
        Ok(()) => ctx.redirect(&format!(
            "/neighbours/{id}?done={}",
            if paused { "paused" } else { "resumed" }
        )),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}

pub async fn pause(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    set_paused(req, state, path, body, true).await
}

pub async fn resume(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    set_paused(req, state, path, body, false).await
}
