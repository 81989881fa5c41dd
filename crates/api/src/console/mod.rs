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
//! Security: the session cookie is HttpOnly, SameSite=Strict and (outside development)
//! Secure with the `__Host-` prefix; every form carries a CSRF token (double submit:
//! a random cookie compared with a hidden field, in constant time) and a POST without
//! it answers 403; every page is sent with a Content-Security-Policy that allows no
//! script at all; a session ends after [`IDLE`] without a request (its token expires
//! and is re-issued on each page), or at once with "Afmelden".

mod html;
mod pages;
pub mod routes;

use crate::auth::token::TokenConfig;
use crate::auth::Caller;
use crate::state::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_store::{NeighbourhoodId, OrgId};
use rand::RngCore;
use std::time::Duration;

pub use html::esc;

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

/// The console's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    Fr,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "nl" => Some(Lang::Nl),
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The text in this language; every call site gives all three.
    pub fn t<'a>(self, nl: &'a str, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

/// Cookie names; `__Host-` prefixed (Secure, Path=/, no Domain) outside development.
fn cookie_name(secure: bool, base: &str) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// The value of cookie `name`, if sent.
fn cookie(req: &HttpRequest, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn set_cookie(secure: bool, name: &str, value: &str, max_age: Option<i64>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if secure {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    c
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Constant-time comparison of two tokens.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn console_config(state: &AppState) -> TokenConfig {
    TokenConfig {
        issuer: state.settings.issuer.clone(),
        audience: format!("{}#console", state.settings.audience),
    }
}

/// Everything a console handler knows about the browser it answers.
pub struct Ctx {
    pub lang: Lang,
    pub csrf: String,
    pub caller: Option<Caller>,
    secure: bool,
    set_cookies: Vec<String>,
}

impl Ctx {
    pub fn new(req: &HttpRequest, state: &AppState) -> Ctx {
        let secure = state.settings.production;
        let mut set_cookies = Vec::new();
        let query_lang = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .ok()
            .and_then(|q| {
                q.iter()
                    .find(|(k, _)| k == "lang")
                    .and_then(|(_, v)| Lang::parse(v))
            });
        let lang = match query_lang {
            Some(l) => {
                set_cookies.push(set_cookie(secure, "nabij_lang", l.code(), Some(365 * 24 * 3600)));
                l
            }
            None => cookie(req, "nabij_lang")
                .and_then(|v| Lang::parse(&v))
                .unwrap_or(Lang::Nl),
        };
        let csrf_name = cookie_name(secure, "nabij_csrf");
        let csrf = match cookie(req, &csrf_name).filter(|v| v.len() == 64) {
            Some(v) => v,
            None => {
                let v = random_token();
                set_cookies.push(set_cookie(secure, &csrf_name, &v, None));
                v
            }
        };
        let caller = cookie(req, &cookie_name(secure, "nabij_session")).and_then(|token| {
            let claims = state.keys.verify(&console_config(state), &token).ok()?;
            let caller = Caller {
                subject: claims.sub,
                org: OrgId(claims.org),
                org_slug: claims.org_slug,
                role: claims.role,
                neighbourhoods: claims
                    .neighbourhoods
                    .map(|v| v.into_iter().map(NeighbourhoodId).collect()),
                scopes: claims.scopes,
            };
            caller.role.is_staff().then_some(caller)
        });
        let mut ctx = Ctx {
            lang,
            csrf,
            caller,
            secure,
            set_cookies,
        };
        // Sliding idle timeout: every page a logged-in coordinator opens renews it.
        if let Some(c) = ctx.caller.clone() {
            let who = Caller {
                subject: c.subject,
                org: c.org,
                org_slug: c.org_slug,
                role: c.role,
                neighbourhoods: c.neighbourhoods,
                scopes: c.scopes,
            };
            ctx.start_session(state, &who);
        }
        ctx
    }

    /// Sets a fresh session cookie for `who` (at login and on every page).
    pub fn start_session(&mut self, state: &AppState, who: &Caller) -> bool {
        match state.keys.issue(&console_config(state), who, IDLE) {
            Ok(t) => {
                let name = cookie_name(self.secure, "nabij_session");
                self.set_cookies.retain(|c| !c.starts_with(&format!("{name}=")));
                self.set_cookies
                    .push(set_cookie(self.secure, &name, &t.access_token, None));
                true
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot sign a console session");
                false
            }
        }
    }

    /// Ends the session and rotates the CSRF token.
    pub fn end_session(&mut self) {
        let name = cookie_name(self.secure, "nabij_session");
        self.set_cookies.retain(|c| !c.starts_with(&format!("{name}=")));
        self.set_cookies.push(set_cookie(self.secure, &name, "", Some(0)));
        self.rotate_csrf();
    }

    /// A new CSRF token (at login and logout).
    pub fn rotate_csrf(&mut self) {
        let name = cookie_name(self.secure, "nabij_csrf");
        self.csrf = random_token();
        self.set_cookies.retain(|c| !c.starts_with(&format!("{name}=")));
        self.set_cookies
            .push(set_cookie(self.secure, &name, &self.csrf, None));
    }

    /// Whether a posted form carries this browser's CSRF token.
    pub fn csrf_ok(&self, form: &Form) -> bool {
        form.get("csrf").is_some_and(|v| same_token(v, &self.csrf))
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

    /// An HTML page.
    pub fn page(&self, status: StatusCode, title: &str, main: &str) -> HttpResponse {
        self.page_with(status, title, main, None)
    }

    /// An HTML page that reloads itself from `url` every `secs` seconds (no script:
    /// `<meta http-equiv="refresh">`), e.g. while a job runs.
    pub fn page_refreshing(
        &self,
        status: StatusCode,
        title: &str,
        main: &str,
        secs: u32,
        url: &str,
    ) -> HttpResponse {
        self.page_with(status, title, main, Some((secs, url)))
    }

    fn page_with(
        &self,
        status: StatusCode,
        title: &str,
        main: &str,
        refresh: Option<(u32, &str)>,
    ) -> HttpResponse {
        let shell = html::Shell {
            lang: self.lang,
            title,
            nav_csrf: self.caller.as_ref().map(|_| self.csrf.as_str()),
            refresh,
        };
        self.finish(
            HttpResponse::build(status)
                .content_type("text/html; charset=utf-8")
                .body(html::document(&shell, main)),
        )
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
        let l = self.lang;
        let title = l.t("Niet gevonden", "Introuvable", "Not found");
        self.page(
            StatusCode::NOT_FOUND,
            title,
            &format!(
                "<h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p>",
                esc(title),
                esc(l.t(
                    "Deze pagina bestaat niet, of u hebt er geen toegang toe.",
                    "Cette page n’existe pas, ou vous n’y avez pas accès.",
                    "This page does not exist, or you have no access to it."
                )),
                esc(l.t("Terug naar vandaag", "Retour à aujourd’hui", "Back to today")),
            ),
        )
    }

    /// The answer to a form posted without (the right) CSRF token.
    pub fn forbidden(&self) -> HttpResponse {
        let l = self.lang;
        let title = l.t("Niet toegestaan", "Non autorisé", "Not allowed");
        self.page(
            StatusCode::FORBIDDEN,
            title,
            &format!(
                "<h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p>",
                esc(title),
                esc(l.t(
                    "Dit formulier is verlopen of kwam niet van deze website. Open de pagina opnieuw en probeer nog eens.",
                    "Ce formulaire a expiré ou ne vient pas de ce site. Rouvrez la page et réessayez.",
                    "This form has expired or did not come from this site. Open the page again and retry."
                )),
                esc(l.t("Terug naar vandaag", "Retour à aujourd’hui", "Back to today")),
            ),
        )
    }

    /// Something went wrong on our side; the cause is logged only.
    pub fn failure(&self, err: &dyn std::fmt::Display) -> HttpResponse {
        tracing::error!(error = %err, "console page failed");
        let l = self.lang;
        let title = l.t(
            "Er ging iets mis",
            "Une erreur s’est produite",
            "Something went wrong",
        );
        self.page(
            StatusCode::INTERNAL_SERVER_ERROR,
            title,
            &format!(
                "<h1>{}</h1><p>{}</p>",
                esc(title),
                esc(l.t(
                    "Probeer het over enkele ogenblikken opnieuw. Blijft het misgaan, verwittig dan de beheerder.",
                    "Réessayez dans quelques instants. Si le problème persiste, prévenez l’administrateur.",
                    "Try again in a moment. If it keeps failing, tell the administrator."
                )),
            ),
        )
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
