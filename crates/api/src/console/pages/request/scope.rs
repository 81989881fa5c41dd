//! The scope guard's verdict on a request, and a coordinator's override of it.

use super::super::*;
use super::Choices;
use crate::blocking::run;
use crate::console::html::{Cell, Shell, Table};
use crate::console::{Ctx, Form, Lang};
use crate::error::ApiError;
use crate::routes::requests;
use crate::routes::requests::body::OverrideIn;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use nabij_i18n::t;
use nabij_store::request::Request;
use nabij_store::service::Service;
use nabij_store::{RequestId, StoreError};

/// The scope guard's verdict with its reasons (`console/request/scope.html`).
#[derive(Template)]
#[template(path = "console/request/scope.html")]
pub(super) struct Verdict {
    l: Lang,
    in_scope: bool,
    /// Changed by a coordinator.
    overridden: bool,
    reasons: Vec<String>,
    /// The services that fit an out-of-scope request, if any.
    services: Option<Table>,
}

/// The scope guard's verdict with its reasons, and the services that fit an
/// out-of-scope request (`fitting`).
pub(super) fn verdict_section(l: Lang, r: &Request, fitting: &[&Service]) -> Verdict {
    let services = (!r.scope_in_scope && !fitting.is_empty()).then(|| Table {
        caption: l.text("request-scope.services"),
        headers: ["service", "what", "phone"]
            .map(|h| l.text(&format!("request-scope.{h}")))
            .to_vec(),
        rows: fitting
            .iter()
            .map(|s| {
                vec![
                    Cell::Text(s.name.clone()),
                    Cell::Text(s.description.clone()),
                    Cell::Text(s.phone.clone().unwrap_or_else(|| "—".into())),
                ]
            })
            .collect(),
        empty: String::new(),
    });
    Verdict {
        l,
        in_scope: r.scope_in_scope,
        overridden: r.scope_overridden,
        reasons: r
            .scope()
            .map(|s| s.reasons)
            .unwrap_or_default()
            .iter()
            .map(|reason| nabij_i18n::render_reason(l, reason))
            .collect(),
        services,
    }
}

/// The kinds of help a coordinator can choose from, as the scope guard names them.
const CATEGORIES: [&str; 4] = ["small_help", "structural", "heavy", "personal_care"];

/// The form that changes the scope guard's verdict (`console/request/override.html`).
#[derive(Template)]
#[template(path = "console/request/override.html")]
pub(super) struct OverrideForm<'a> {
    l: Lang,
    csrf: &'a str,
    id: RequestId,
    category: Choices,
    reason: String,
    /// Shown above the reason (and why the form came back).
    error: Option<String>,
}

/// The override form of a waiting request.
pub(super) fn override_section<'a>(ctx: &'a Ctx, r: &Request) -> OverrideForm<'a> {
    override_form(ctx, r.id, &r.scope_category, "", None)
}

/// The form, with what was chosen and typed; `error` is shown above the reason.
fn override_form<'a>(
    ctx: &'a Ctx,
    id: RequestId,
    category: &str,
    reason: &str,
    error: Option<String>,
) -> OverrideForm<'a> {
    let l = ctx.lang;
    OverrideForm {
        l,
        csrf: &ctx.csrf,
        id,
        category: Choices::new(
            l.text("request-override.question"),
            "category",
            "category".to_string(),
            CATEGORIES.map(|code| (code, t(l, "request-category", &[("code", code.into())]))),
            category,
        ),
        reason: reason.to_string(),
        error,
    }
}

/// The override form again after a refusal.
#[derive(Template)]
#[template(path = "console/request_override.html")]
struct OverridePage<'a> {
    shell: Shell,
    id: RequestId,
    form: OverrideForm<'a>,
}

/// `POST /v1/requests/{id}/scope-override` from a form: the same validation and the
/// same [`requests::override_in`].
pub async fn scope_override(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let input = OverrideIn {
        category: form.text("category"),
        reason: form.text("reason"),
    };
    let l = ctx.lang;
    let category = match input.category() {
        Ok(c) => c,
        Err(_) => {
            let page = OverridePage {
                shell: ctx.shell(l.text("request-override")),
                id: RequestId(id),
                form: override_form(
                    &ctx,
                    RequestId(id),
                    &input.category,
                    &input.reason,
                    Some(l.text("request-override.invalid")),
                ),
            };
            return ctx.render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let reason = input.reason.trim().to_string();
    let st = state.clone();
    let done = run(move || {
        st.store.write_as(|c| {
            let r = requests::override_scope(c, &caller, RequestId(id), category, &reason)?;
            Ok::<_, ApiError>(r.id)
        })
    })
    .await;
    match done {
        Ok(rid) => ctx.redirect(&format!("/requests/{rid}")),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(ApiError::Store(StoreError::Conflict(_))) => ctx.redirect(&format!("/requests/{id}")),
        Err(e) => ctx.failure(&e),
    }
}
