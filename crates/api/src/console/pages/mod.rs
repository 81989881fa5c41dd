//! The console's pages. Each handler builds a [`Ctx`], sends a browser without a
//! session to `/login`, reads and writes through [`crate::access`] and the store as the
//! API routes do, and answers HTML.

use super::Lang;
use actix_web::web;
use chrono::{NaiveDateTime, Utc};
use nabij_store::request::Request;

/// Redirects to the login page unless logged in.
macro_rules! logged_in {
    ($ctx:expr) => {
        match $ctx.caller.clone() {
            Some(c) => c,
            None => return $ctx.redirect("/login"),
        }
    };
}

/// Checks the session and the CSRF token of a posted form: `(caller, form)`, and with
/// a path, the id in it too: `(caller, form, id)`. Answers the login page, 403 or 404.
macro_rules! posted {
    ($ctx:expr, $body:expr) => {{
        let caller = logged_in!($ctx);
        let form = Form::parse(&$body);
        if !$ctx.csrf_ok(&form) {
            return $ctx.forbidden();
        }
        (caller, form)
    }};
    ($ctx:expr, $body:expr, $path:expr) => {{
        let (caller, form) = posted!($ctx, $body);
        let Some(id) = parse_id(&$path) else {
            return $ctx.not_found();
        };
        (caller, form, id)
    }};
}

pub(super) fn days_since(t: NaiveDateTime) -> i64 {
    (Utc::now().naive_utc() - t).num_days().max(0)
}

/// "today", "1 day", "3 days" (catalogue `label-age`).
pub(super) fn age_text(l: Lang, t: NaiveDateTime) -> String {
    nabij_i18n::t(l, "label-age", &[("days", days_since(t).into())])
}

/// The kind of a request (catalogue `label-kind`).
pub(super) fn kind_text(l: Lang, code: &str) -> String {
    nabij_i18n::t(l, "label-kind", &[("code", code.into())])
}

/// The status of a request (catalogue `label-request-status`).
pub(super) fn status_text(l: Lang, code: &str) -> String {
    nabij_i18n::t(l, "label-request-status", &[("code", code.into())])
}

/// How consent was given (catalogue `label-consent`).
pub(super) fn consent_text(l: Lang, code: &str) -> String {
    nabij_i18n::t(l, "label-consent", &[("code", code.into())])
}

pub(super) fn parse_id(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok().filter(|id| *id > 0)
}

/// The text of a link to a request: its first 60 characters, or `#id`.
pub(super) fn request_link_text(r: &Request) -> String {
    let mut text: String = r.text.chars().take(60).collect();
    if r.text.chars().count() > 60 {
        text.push('…');
    }
    if text.is_empty() {
        text = format!("#{}", r.id);
    }
    text
}

mod actions;
mod check_in;
mod groups;
mod imports;
mod labels;
mod login;
mod neighbour;
mod rematch;
mod report;
mod request;
mod rule_text;
mod service_form;
mod services;
mod signal_form;
mod signals;
mod today;

/// Registers every page; specific paths before the `{id}` ones they would shadow.
pub fn configure(cfg: &mut web::ServiceConfig) {
    today::configure(cfg);
    login::configure(cfg);
    neighbour::configure(cfg);
    request::configure(cfg);
    actions::configure(cfg);
    groups::configure(cfg);
    services::configure(cfg);
    imports::configure(cfg);
    signals::configure(cfg);
    report::configure(cfg);
    rematch::configure(cfg);
    check_in::configure(cfg);
}
