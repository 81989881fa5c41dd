//! The organisation's service directory (sociale kaart): list, add, change, take off.
//! Writes go through the functions of `/v1/services` (same checks, same audit rows).

use super::neighbour::query_param;
use super::service_form::{self as sf, ServiceForm};
use super::*;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::{Cell, Shell, Table};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::services::{create_service, remove_service, update_service, ServicePatch};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use nabij_store::service::{self, Service};
use nabij_store::{ServiceId, StoreError};

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/services").get(services))
        .service(resource("/services/new").get(new_form).post(add))
        .service(resource("/services/{id}/edit").get(edit_form).post(edit))
        .service(resource("/services/{id}/remove").post(remove));
}

fn done_notice(l: Lang, done: &str) -> Option<String> {
    matches!(done, "added" | "saved" | "removed")
        .then(|| nabij_i18n::t(l, "services-done", &[("code", done.into())]))
}

#[derive(Template)]
#[template(path = "console/services.html")]
struct ServicesPage<'a> {
    shell: Shell,
    csrf: &'a str,
    notice: Option<String>,
    list: Table,
}

#[derive(Template)]
#[template(path = "console/service_form.html")]
struct ServiceFormPage<'a> {
    shell: Shell,
    csrf: &'a str,
    action: String,
    v: sf::FormView,
    /// Editing: the service that the remove form takes off.
    remove_id: Option<ServiceId>,
}

pub async fn services(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let st = state.clone();
    let found = run(move || Ok(st.store.read(|c| service::list(c, caller.org, None, 1000))?)).await;
    let list = match found {
        Ok(x) => x,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let dash = |v: &Option<String>| Cell::Text(v.clone().unwrap_or_else(|| "—".into()));
    let rows = list
        .iter()
        .map(|s| {
            let cats: Vec<String> = s
                .categories()
                .unwrap_or_default()
                .iter()
                .map(|c| sf::category_text(l, c))
                .collect();
            vec![
                Cell::Link {
                    href: format!("/services/{}/edit", s.id),
                    text: s.name.clone(),
                },
                Cell::Text(s.description.clone()),
                Cell::Text(cats.join("; ")),
                dash(&s.phone),
                dash(&s.email),
                dash(&s.area),
            ]
        })
        .collect();
    let title = l.text("services-title");
    let page = ServicesPage {
        csrf: &ctx.csrf,
        notice: done_notice(l, &query_param(&req, "done")),
        list: Table {
            caption: title.clone(),
            headers: ["service", "what", "for", "phone", "email", "area"]
                .iter()
                .map(|c| nabij_i18n::t(l, "services-column", &[("code", (*c).into())]))
                .collect(),
            rows,
            empty: l.text("services-empty"),
        },
        shell: ctx.shell(title),
    };
    ctx.render(StatusCode::OK, &page)
}

/// The add or edit page; `existing` is the service being changed.
fn form_page(ctx: &Ctx, status: StatusCode, existing: Option<&Service>, f: &ServiceForm) -> HttpResponse {
    let l = ctx.lang;
    let title = match existing {
        Some(s) => nabij_i18n::t(l, "services-edit-title", &[("name", s.name.as_str().into())]),
        None => l.text("services-add"),
    };
    let page = ServiceFormPage {
        shell: ctx.shell(title),
        csrf: &ctx.csrf,
        action: match existing {
            Some(s) => format!("/services/{}/edit", s.id),
            None => "/services/new".to_string(),
        },
        v: f.view(l),
        remove_id: existing.map(|s| s.id),
    };
    ctx.render(status, &page)
}

fn could_not_save(l: Lang) -> String {
    l.text("services-not-saved")
}
pub async fn new_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let _caller = logged_in!(ctx);
    form_page(&ctx, StatusCode::OK, None, &ServiceForm::default())
}

pub async fn add(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form) = posted!(ctx, body);
    let mut f = ServiceForm::from_form(&form);
    let new = f.check(ctx.lang);
    if !f.is_ok() {
        return form_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, None, &f);
    }
    let st = state.clone();
    let written = run(move || {
        st.store
            .write_as(|c| create_service(c, &caller, &new).map_err(ApiError::from))
    })
    .await;
    match written {
        Ok(_) => ctx.redirect("/services?done=added"),
        Err(ApiError::Store(StoreError::Invalid(_))) | Err(ApiError::BadRequest { .. }) => {
            f.general = Some(could_not_save(ctx.lang));
            form_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, None, &f)
        }
        Err(e) => ctx.failure(&e),
    }
}

async fn load(state: &web::Data<AppState>, caller: &Caller, id: i64) -> Result<Service, ApiError> {
    let st = state.clone();
    let org = caller.org;
    run(move || Ok(st.store.read(|c| service::get(c, org, ServiceId(id)))?)).await
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
        Ok(s) => form_page(&ctx, StatusCode::OK, Some(&s), &ServiceForm::from_service(&s)),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}

/// The change from `s` to what was typed: only fields that differ.
fn patch(s: &Service, new: nabij_store::service::NewService) -> ServicePatch {
    let differs = |typed: &Option<String>, stored: &Option<String>| (typed != stored).then(|| typed.clone());
    let mut typed_cats = new.categories.clone();
    typed_cats.sort();
    typed_cats.dedup();
    ServicePatch {
        name: (new.name != s.name).then(|| new.name.clone()),
        description: (new.description != s.description).then(|| new.description.clone()),
        categories: (typed_cats != s.categories().unwrap_or_default()).then_some(typed_cats),
        phone: differs(&new.phone, &s.phone),
        email: differs(&new.email, &s.email),
        website: differs(&new.website, &s.website),
        area: differs(&new.area, &s.area),
    }
}

pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let s = match load(&state, &caller, id).await {
        Ok(s) => s,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let mut f = ServiceForm::from_form(&form);
    let new = f.check(ctx.lang);
    if !f.is_ok() {
        return form_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(&s), &f);
    }
    let (change, fields) = patch(&s, new).into_update();
    if fields.is_empty() {
        return ctx.redirect("/services");
    }
    let st = state.clone();
    let who = caller.clone();
    let written = run(move || {
        st.store
            .write_as(|c| update_service(c, &who, s.id, &change, &fields).map_err(ApiError::from))
    })
    .await;
    match written {
        Ok(_) => ctx.redirect("/services?done=saved"),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(ApiError::Store(StoreError::Invalid(_))) | Err(ApiError::BadRequest { .. }) => {
            f.general = Some(could_not_save(ctx.lang));
            match load(&state, &caller, id).await {
                Ok(s) => form_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(&s), &f),
                Err(_) => ctx.not_found(),
            }
        }
        Err(e) => ctx.failure(&e),
    }
}

pub async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, _, id) = posted!(ctx, body, path);
    let st = state.clone();
    match run(move || {
        st.store
            .write_as(|c| remove_service(c, &caller, ServiceId(id)).map_err(ApiError::from))
    })
    .await
    {
        Ok(()) => ctx.redirect("/services?done=removed"),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}
