//! Downloading everything held on a neighbour, and erasing it for good after a
//! confirmation step. Both go through the functions of the API's routes
//! (`GET /v1/neighbours/{id}/export`, `DELETE /v1/neighbours/{id}`): the same content,
//! the same audit rows (an erasure's row keeps counts only), the same index update.

use super::*;
use crate::access;
use crate::blocking::run;
use crate::console::html::Shell;
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::neighbours::ops;
use crate::state::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use nabij_i18n::t;
use nabij_store::neighbour::Neighbour;
use nabij_store::{NeighbourId, StoreError};

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/neighbours/{id}/export").get(export))
        .service(resource("/neighbours/{id}/erase").get(confirm).post(erase));
}

/// The export as a file to download: the API's JSON, indented.
pub async fn export(req: HttpRequest, state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    let st = state.clone();
    let out = run(move || st.store.write_as(|c| ops::export(c, &caller, NeighbourId(id)))).await;
    let body = match out.map(|v| serde_json::to_vec_pretty(&v)) {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => return ctx.failure(&e),
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    ctx.finish(
        HttpResponse::Ok()
            .content_type("application/json; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"nabij-gegevens-{id}.json\""),
            ))
            .body(body),
    )
}

/// The confirmation step.
#[derive(Template)]
#[template(path = "console/neighbour/erase.html")]
struct ErasePage<'a> {
    shell: Shell,
    csrf: &'a str,
    id: NeighbourId,
    /// The box was not ticked: `("confirm", message)`.
    errors: Vec<(&'static str, String)>,
}

fn confirm_page(ctx: &Ctx, status: StatusCode, n: &Neighbour, error: bool) -> HttpResponse {
    let l = ctx.lang;
    let page = ErasePage {
        shell: ctx.shell(t(
            l,
            "neighbour-erase-title",
            &[("name", n.display_name.as_str().into())],
        )),
        csrf: &ctx.csrf,
        id: n.id,
        errors: if error {
            vec![("confirm", l.text("neighbour-erase-error.confirm"))]
        } else {
            Vec::new()
        },
    };
    ctx.render(status, &page)
}

async fn visible(
    state: &web::Data<AppState>,
    caller: &crate::auth::Caller,
    id: i64,
) -> Result<Neighbour, ApiError> {
    let st = state.clone();
    let who = caller.clone();
    run(move || Ok(st.store.read(|c| access::neighbour(c, &who, NeighbourId(id)))?)).await
}

/// The confirmation step: says plainly what will happen; erases nothing.
pub async fn confirm(req: HttpRequest, state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    match visible(&state, &caller, id).await {
        Ok(n) => confirm_page(&ctx, StatusCode::OK, &n, false),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}

/// Erases, but only with the CSRF token and the box ticked on the confirmation page.
pub async fn erase(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    if form.get("confirm") != Some("yes") {
        return match visible(&state, &caller, id).await {
            Ok(n) => confirm_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &n, true),
            Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
            Err(e) => ctx.failure(&e),
        };
    }
    let st = state.clone();
    let erased = run(move || {
        st.store
            .write_as(|c| ops::erase(c, &caller, NeighbourId(id)).map_err(ApiError::from))
    })
    .await;
    match erased {
        Ok(e) => {
            e.apply(&state.indexes);
            ctx.redirect("/neighbours?done=erased")
        }
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}
