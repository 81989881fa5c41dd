//! The check-in answer page: `GET /check-in/{token}` shows the reader's question and the
//! five answers as buttons, `POST /check-in/{token}` records the one pressed (with an
//! optional short note). No login: the token in the path (from the e-mail) opens this
//! one check-in only, once, until it expires (see `nabij_ops::checkins`). The GET
//! changes nothing (a mail scanner that follows the link answers nothing); the POST
//! carries the CSRF token bound to the browser's pre-session, like the login form, and
//! must come from this origin. A link that is unknown, used, expired or whose pair has
//! ended shows one friendly page (status 200, the same for each: it does not tell which)
//! and records nothing. The page names nobody but the reader, in the reader's message
//! language unless they pick another with `?lang=`.

use crate::blocking::run;
use crate::console::html::Shell;
use crate::console::routes::resource;
use crate::console::{Ctx, Form, Lang};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use nabij_i18n::t;
use nabij_ops::checkins::{self as op, LinkView};
use nabij_store::check_in::{CheckInAnswer, MAX_NOTE};
use nabij_store::clock;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/check-in/{token}").get(page).post(answer));
}

/// The page in its three forms.
#[derive(Template)]
#[template(path = "console/check_in.html")]
struct CheckInPage<'a> {
    shell: Shell,
    csrf: &'a str,
    /// Paragraphs above the form (or the whole message).
    paragraphs: Vec<String>,
    /// The answers as (value, label, hint); empty when there is nothing to answer.
    choices: Vec<(&'static str, String, String)>,
    note_label: String,
    note_hint: String,
    note: String,
    error: Option<String>,
}

/// The reader's language, unless they chose one with `?lang=`.
fn language(req: &HttpRequest, ctx: &mut Ctx, view: &LinkView) {
    if !req.query_string().contains("lang=") {
        ctx.lang = Lang::parse_or_default(&view.language);
    }
}

fn gone(ctx: &Ctx) -> HttpResponse {
    let l = ctx.lang;
    let page = CheckInPage {
        shell: ctx.shell(l.text("check-in-gone")),
        csrf: &ctx.csrf,
        paragraphs: vec![l.text("check-in-gone.p1"), l.text("check-in-gone.p2")],
        choices: Vec::new(),
        note_label: String::new(),
        note_hint: String::new(),
        note: String::new(),
        error: None,
    };
    ctx.render(StatusCode::OK, &page)
}

fn form_page(
    ctx: &Ctx,
    view: &LinkView,
    status: StatusCode,
    note: &str,
    error: Option<String>,
) -> HttpResponse {
    let l = ctx.lang;
    let side = view.check_in.side.as_str();
    let choices = CheckInAnswer::ALL
        .iter()
        .map(|a| {
            (
                a.as_str(),
                t(
                    l,
                    "check-in-answer",
                    &[("code", a.as_str().into()), ("side", side.into())],
                ),
                t(l, "check-in-answer-hint", &[("code", a.as_str().into())]),
            )
        })
        .collect();
    let page = CheckInPage {
        shell: ctx.shell(t(l, "check-in-title", &[("side", side.into())])),
        csrf: &ctx.csrf,
        paragraphs: vec![
            t(l, "check-in-hello", &[("name", view.name.as_str().into())]),
            t(
                l,
                "check-in-intro",
                &[
                    ("side", side.into()),
                    ("organisation", view.organisation.as_str().into()),
                ],
            ),
        ],
        choices,
        note_label: l.text("check-in-note"),
        note_hint: l.text("check-in-note.hint"),
        note: note.to_string(),
        error,
    };
    ctx.render(status, &page)
}

/// `GET /check-in/{token}`.
pub async fn page(req: HttpRequest, state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let mut ctx = Ctx::new(&req, &state);
    let token = path.into_inner();
    let st = state.clone();
    let opened = run(move || {
        st.store
            .read_as(|c| op::open_link(c, &token, clock::now()).map_err(ApiError::from))
    })
    .await;
    match opened {
        Ok(Ok(view)) => {
            language(&req, &mut ctx, &view);
            form_page(&ctx, &view, StatusCode::OK, "", None)
        }
        Ok(Err(_)) => gone(&ctx),
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /check-in/{token}` `answer=…&note=…`.
pub async fn answer(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let mut ctx = Ctx::new(&req, &state);
    let form = Form::parse(&body);
    if !ctx.csrf_ok(&form) {
        return ctx.forbidden();
    }
    let token = path.into_inner();
    let note = form.text("note");
    let chosen = form.get("answer").and_then(CheckInAnswer::parse);
    let note_ok =
        note.chars().count() <= MAX_NOTE && !note.chars().any(|c| c.is_control() && c != '\n' && c != '\r');
    let (Some(chosen), true) = (chosen, note_ok) else {
        // Show the question again, with what went wrong; nothing is recorded.
        let st = state.clone();
        let tk = token.clone();
        let opened = run(move || {
            st.store
                .read_as(|c| op::open_link(c, &tk, clock::now()).map_err(ApiError::from))
        })
        .await;
        return match opened {
            Ok(Ok(view)) => {
                language(&req, &mut ctx, &view);
                let key = if note_ok {
                    "check-in-choose"
                } else {
                    "check-in-note.too-long"
                };
                let msg = ctx.lang.text(key);
                form_page(&ctx, &view, StatusCode::UNPROCESSABLE_ENTITY, &note, Some(msg))
            }
            Ok(Err(_)) => gone(&ctx),
            Err(e) => ctx.failure(&e),
        };
    };
    let note = Some(note.replace('\r', "")).filter(|n| !n.trim().is_empty());
    let st = state.clone();
    let done = run(move || {
        let out = st.store.write_as(|c| {
            let lang = op::open_link(c, &token, clock::now())?.ok().map(|v| v.language);
            let done = op::answer_link(&st.ops, c, &token, chosen, note, clock::now())?;
            Ok::<_, ApiError>((lang, done))
        })?;
        if let (_, Ok(a)) = &out {
            if let Some(u) = &a.update {
                st.ops.apply(u);
            }
        }
        Ok(out)
    })
    .await;
    match done {
        Ok((lang, Ok(_))) => {
            if let Some(code) = lang.filter(|_| !req.query_string().contains("lang=")) {
                ctx.lang = Lang::parse_or_default(&code);
            }
            let l = ctx.lang;
            let page = CheckInPage {
                shell: ctx.shell(l.text("check-in-thanks")),
                csrf: &ctx.csrf,
                paragraphs: vec![t(l, "check-in-thanks.p1", &[("code", chosen.as_str().into())])],
                choices: Vec::new(),
                note_label: String::new(),
                note_hint: String::new(),
                note: String::new(),
                error: None,
            };
            ctx.render(StatusCode::OK, &page)
        }
        Ok((_, Err(_))) => gone(&ctx),
        Err(e) => ctx.failure(&e),
    }
}
