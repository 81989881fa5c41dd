//! A request's life on its page: the flag (refer or re-open), cancelling it with a
//! reason, and changing its text, tags or date. Each form calls the operation the API
//! route calls (`nabij_ops::requests::{cancel, edit, reopen}`); a refusal renders the
//! page again with the message and what was typed.

use super::super::*;
use super::{Choices, Leftovers};
use crate::blocking::run;
use crate::console::{Ctx, Form, Lang};

use crate::error::ApiError;
use crate::routes::requests::body::{CancelIn, RequestPatch, WindowIn};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use nabij_engine::Window;
use nabij_i18n::t;
use nabij_store::request::{CancelReason, Request, RequestStatus};
use nabij_store::{clock, RequestId, StoreError};

/// What the cancel or edit form held when it came back.
#[derive(Debug, Default, Clone)]
pub(in crate::console::pages) struct LifeLeft {
    pub reason: String,
    pub note: String,
    pub text: Option<String>,
    pub tags: Option<String>,
    pub date: Option<String>,
    /// `cancel` or `edit`: the form the message is about.
    pub form: &'static str,
    pub message: String,
}

/// The section (`console/request/life.html`).
#[derive(Template)]
#[template(path = "console/request/life.html")]
pub(super) struct LifeSection<'a> {
    l: Lang,
    csrf: &'a str,
    id: RequestId,
    /// The flag's sentence, when flagged.
    flag: Option<String>,
    /// Why it was cancelled, when cancelled.
    cancelled: Option<String>,
    cancel: Option<Choices>,
    note: String,
    cancel_error: Option<String>,
    edit: bool,
    text: String,
    tags: String,
    date: String,
    edit_error: Option<String>,
}

/// The section of a request, or `None` when there is nothing to show.
pub(super) fn section<'a>(ctx: &'a Ctx, r: &Request, left: &Leftovers) -> Option<LifeSection<'a>> {
    let l = ctx.lang;
    let life = left.life.clone().unwrap_or_default();
    let flag = match (r.status, r.flag_reason, r.flagged_at) {
        (RequestStatus::Open, Some(reason), Some(at)) => Some(t(
            l,
            "request-flag",
            &[("code", reason.as_str().into()), ("days", days_since(at).into())],
        )),
        _ => None,
    };
    let cancelled = r.cancel_reason.map(|c| {
        let why = t(l, "request-cancel-reason", &[("code", c.as_str().into())]);
        match &r.cancel_note {
            Some(n) => format!("{why}: {n}"),
            None => why,
        }
    });
    let cancellable = matches!(r.status, RequestStatus::Open | RequestStatus::Proposed);
    let cancel = cancellable.then(|| {
        Choices::new(
            l.text("request-cancel.why"),
            "reason",
            "cancel-reason".to_string(),
            CancelReason::ALL.map(|c| {
                (
                    c.as_str(),
                    t(l, "request-cancel-reason", &[("code", c.as_str().into())]),
                )
            }),
            &life.reason,
        )
    });
    let edit = matches!(r.status, RequestStatus::Open | RequestStatus::ReferralNeeded);
    if flag.is_none() && cancelled.is_none() && cancel.is_none() && !edit {
        return None;
    }
    let date = match r.window() {
        Ok(Window::Once { date, .. }) => date.format("%Y-%m-%d").to_string(),
        _ => String::new(),
    };
    let error = |form: &str| (life.form == form).then(|| life.message.clone());
    Some(LifeSection {
        l,
        csrf: &ctx.csrf,
        id: r.id,
        flag,
        cancelled,
        cancel,
        note: life.note.clone(),
        cancel_error: error("cancel"),
        edit,
        text: life.text.clone().unwrap_or_else(|| r.text.clone()),
        tags: life
            .tags
            .clone()
            .unwrap_or_else(|| r.tags().unwrap_or_default().join(" ")),
        date: life.date.clone().unwrap_or(date),
        edit_error: error("edit"),
    })
}

impl LifeSection<'_> {
    /// Flagged requests show the section first, before the verdict.
    pub fn flagged(&self) -> bool {
        self.flag.is_some()
    }
}

/// A refused form: the page again, with the message above the form and what was typed.
async fn refused(
    ctx: &Ctx,
    state: &web::Data<AppState>,
    caller: crate::auth::Caller,
    id: i64,
    life: LifeLeft,
) -> HttpResponse {
    let left = Leftovers {
        error: Some(("life", life.message.clone())),
        life: Some(life),
        ..Leftovers::default()
    };
    super::render(
        ctx,
        state,
        caller,
        RequestId(id),
        &left,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// The message of a refusal, in the coordinator's language.
fn refusal(l: Lang, form: &str, e: &ApiError) -> Option<String> {
    match e {
        ApiError::Store(StoreError::Conflict(_)) => Some(l.text(&format!("request-{form}.conflict"))),
        ApiError::Store(StoreError::Invalid(_)) | ApiError::BadRequest { .. } => {
            Some(l.text(&format!("request-{form}.invalid")))
        }
        ApiError::Forbidden(_) => Some(l.text("request-life.forbidden")),
        _ => None,
    }
}

/// `POST /requests/{id}/cancel`.
pub async fn cancel(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let note = form.text("note");
    let input = CancelIn {
        reason: form.text("reason"),
        note: Some(note.clone()),
    };
    let left = |message: String| LifeLeft {
        reason: input.reason.clone(),
        note: note.clone(),
        form: "cancel",
        message,
        ..LifeLeft::default()
    };
    let l = ctx.lang;
    let parsed = CancelIn {
        reason: input.reason.clone(),
        note: input.note.clone(),
    }
    .into_cancellation();
    let cancellation = match parsed {
        Ok(c) => c,
        Err(_) => return refused(&ctx, &state, caller, id, left(l.text("request-cancel.invalid"))).await,
    };
    let st = state.clone();
    let who = caller.clone();
    let done = run(move || {
        st.store.write_as(|c| {
            nabij_ops::requests::cancel(&st.ops, c, &who, RequestId(id), &cancellation)?;
            Ok::<_, ApiError>(())
        })
    })
    .await;
    match done {
        Ok(()) => ctx.redirect(&format!("/requests/{id}")),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => match refusal(l, "cancel", &e) {
            Some(m) => refused(&ctx, &state, caller, id, left(m)).await,
            None => ctx.failure(&e),
        },
    }
}

/// `POST /requests/{id}/edit`: text, tags (codes separated by spaces or commas) and a
/// date (empty: the window stays as it is).
pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let (text, tags, date) = (form.text("text"), form.text("tags"), form.text("date"));
    let l = ctx.lang;
    let left = |message: String| LifeLeft {
        text: Some(text.clone()),
        tags: Some(tags.clone()),
        date: Some(date.clone()),
        form: "edit",
        message,
        ..LifeLeft::default()
    };
    let window = if date.trim().is_empty() {
        None
    } else {
        match NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
            Ok(date) => Some(WindowIn::Once {
                date,
                parts: Vec::new(),
            }),
            Err(_) => return refused(&ctx, &state, caller, id, left(l.text("request-edit.invalid"))).await,
        }
    };
    let patch = RequestPatch {
        text: Some(text.clone()),
        tags: Some(
            tags.split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        window,
    };
    let change = match patch.into_edit() {
        Ok(c) => c,
        Err(_) => return refused(&ctx, &state, caller, id, left(l.text("request-edit.invalid"))).await,
    };
    let st = state.clone();
    let who = caller.clone();
    let done = run(move || {
        st.store.write_as(|c| {
            nabij_ops::requests::edit(c, &who, RequestId(id), &change)?;
            Ok::<_, ApiError>(())
        })
    })
    .await;
    match done {
        Ok(()) => ctx.redirect(&format!("/requests/{id}")),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => match refusal(l, "edit", &e) {
            Some(m) => refused(&ctx, &state, caller, id, left(m)).await,
            None => ctx.failure(&e),
        },
    }
}

/// `POST /requests/{id}/reopen`: a flagged request is open again, its clock reset
/// (from the request page and from Today). Re-opened already: back to the page.
pub async fn reopen(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, _form, id) = posted!(ctx, body, path);
    let st = state.clone();
    let done = run(move || {
        st.store.write_as(|c| {
            nabij_ops::requests::reopen(c, &caller, RequestId(id), clock::now())?;
            Ok::<_, ApiError>(())
        })
    })
    .await;
    match done {
        Ok(()) | Err(ApiError::Store(StoreError::Conflict(_))) => ctx.redirect(&format!("/requests/{id}")),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}
