//! The coordinators' web console: server-rendered HTML pages at `/`, in Dutch by
//! default (French and English selectable with `?lang=`, remembered in a cookie).
//!
//! Not part of the JSON API: these routes are not in [`crate::routes::ROUTES`] nor in
//! `openapi.yaml`. They add no shortcut around the API's rules: the session holds a
//! token signed by the same key set (with the audience `<audience>#console`, so it is not
//! accepted as a bearer token, nor an API token as a session), the caller it yields is
//! the same [`Caller`] the API builds, every read goes through [`crate::access`] and
//! every write does what the matching API route does, audit rows included.
//!
//! Security: the session lives on the server (`console_sessions`): the cookie carries a
//! random id and is HttpOnly, SameSite=Strict and (outside development) Secure with the
//! `__Host-` prefix; a session ends after [`IDLE`] without a request, [`LIFETIME`] after
//! login, at once with "Afmelden", and for all of an account's sessions when it is
//! disabled, its password changes or it is logged out everywhere (see [`session`]).
//! Every form carries a CSRF token bound to the session (an HMAC of the session id; see
//! [`csrf`]) and every POST must come from this origin (`Origin` / `Sec-Fetch-Site`); a
//! POST failing either answers 403. Every page is sent with a Content-Security-Policy
//! that allows no script at all.
//!
//! Layout: [`session`] (the session cookie), [`csrf`] (the form tokens), [`lang`] (the
//! language) and [`cookies`] apart from the page shell ([`html`] and the templates);
//! the pages in [`pages`].
//!
//! Pages are askama templates (`crates/api/templates/console/`: `base.html` the shell,
//! `form.html` the form kit) filled from one struct per page; texts come from the
//! catalogue `crates/i18n/locales/<lang>/console.ftl`. Why askama rather than maud:
//! the markup stays HTML in `.html` files that a designer or a translator can read and
//! that diff like the pages they produce, with template inheritance for the shell;
//! both are compile-time checked and escape by default, but maud's Rust-syntax markup
//! would have meant rewriting every page into a new notation in one go, where askama
//! lets a page move over as the HTML it already writes. askama's own escaper is
//! replaced by [`html::Html`] (same output as [`esc`]), so converted and unconverted
//! pages escape alike. See `console/README.md` for converting a page.

mod cookies;
mod csrf;
mod html;
mod lang;
mod pages;
pub mod routes;
mod session;

use crate::state::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use std::time::Duration;

use crate::auth::Caller;
pub use csrf::bound_token as csrf_token;
pub use html::esc;
pub use lang::Lang;
pub use session::LIFETIME;

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::from_secs(30 * 60);

/// The policy of every console page: no script, no inline style, nothing from
/// elsewhere, no framing, forms only to this origin.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                       frame-ancestors 'none'; base-uri 'none'";

const CSS: &str = include_str!("console.css");

/// Registers the console's pages. Call after the API's routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
    cfg.service(routes::resource("/assets/console.css").get(stylesheet));
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(CSS)
}

/// Everything a console handler knows about the browser it answers.
pub struct Ctx {
    pub lang: Lang,
    pub csrf: String,
    pub caller: Option<Caller>,
    secure: bool,
    set_cookies: Vec<String>,
    /// The session id from the cookie, when it names a live session.
    session_id: Option<String>,
    /// Whether `Origin` / `Sec-Fetch-Site` allow a POST (see [`csrf`]).
    same_origin: bool,
}

impl Ctx {
    pub fn new(req: &HttpRequest, state: &AppState) -> Ctx {
        let secure = state.settings.production;
        let (lang, lang_cookie) = lang::detect(req, secure);
        // The session was looked up (and its idle timeout moved on) by `session::layer`.
        let found = session::found(req);
        let live = found.as_ref().and_then(|f| f.live.clone());
        let (csrf, csrf_cookie) = csrf::token(req, state, secure, live.as_ref().map(|l| l.id.as_str()));
        let mut ctx = Ctx {
            lang,
            csrf,
            caller: live.as_ref().map(|l| l.caller.clone()),
            secure,
            set_cookies: lang_cookie.into_iter().chain(csrf_cookie).collect(),
            session_id: live.map(|l| l.id),
            same_origin: csrf::same_origin(req, secure),
        };
        if found.is_some_and(|f| f.live.is_none()) {
            // A cookie that opens nothing (ended, expired, forged): forget it.
            ctx.clear_session_cookie();
        }
        ctx
    }

    /// What the page shell needs: language, title, navigation (when logged in).
    pub fn shell(&self, title: impl Into<String>) -> html::Shell {
        html::Shell {
            l: self.lang,
            title: title.into(),
            nav_csrf: self.caller.as_ref().map(|_| self.csrf.clone()),
            refresh: None,
        }
    }

    /// An HTML page from a template (a struct deriving [`askama::Template`] whose
    /// template extends `console/base.html`).
    pub fn render(&self, status: StatusCode, page: &impl Template) -> HttpResponse {
        match page.render() {
            Ok(body) => self.finish(
                HttpResponse::build(status)
                    .content_type("text/html; charset=utf-8")
                    .body(body),
            ),
            Err(e) => {
                tracing::error!(error = %e, "console template failed");
                self.finish(HttpResponse::InternalServerError().finish())
            }
        }
    }

    pub fn finish(&self, mut resp: HttpResponse) -> HttpResponse {
        for c in &self.set_cookies {
            if let Ok(v) = header::HeaderValue::from_str(c) {
                resp.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        resp.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            header::HeaderValue::from_static(CSP),
        );
        resp.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
        resp
    }

    /// 303 See Other to `to` (after a POST, or to the login page).
    pub fn redirect(&self, to: &str) -> HttpResponse {
        self.finish(
            HttpResponse::SeeOther()
                .insert_header((header::LOCATION, to.to_string()))
                .finish(),
        )
    }

    /// The "not found" page: also for another organisation's records.
    pub fn not_found(&self) -> HttpResponse {
        self.error_page(StatusCode::NOT_FOUND, "error-not-found", true)
    }

    /// The answer to a form posted without (the right) CSRF token.
    pub fn forbidden(&self) -> HttpResponse {
        self.error_page(StatusCode::FORBIDDEN, "error-forbidden", true)
    }

    /// Something went wrong on our side; the cause is logged only.
    pub fn failure(&self, err: &dyn std::fmt::Display) -> HttpResponse {
        tracing::error!(error = %err, "console page failed");
        self.error_page(StatusCode::INTERNAL_SERVER_ERROR, "error-failure", false)
    }

    fn error_page(&self, status: StatusCode, key: &'static str, back: bool) -> HttpResponse {
        let page = html::ErrorPage {
            shell: self.shell(self.lang.text(key)),
            key,
            back,
        };
        self.render(status, &page)
    }
}

/// A posted form (`application/x-www-form-urlencoded`), as name–value pairs.
pub struct Form(Vec<(String, String)>);

impl Form {
    pub fn parse(body: &[u8]) -> Form {
        Form(serde_urlencoded::from_bytes(body).unwrap_or_default())
    }

    /// The first value of `name`, trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim())
    }

    /// The first value of `name`, trimmed, or "".
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or("").to_string()
    }

    /// Every value of `name` (checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }
}
