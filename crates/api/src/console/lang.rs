//! The console's language: `?lang=` on any page (remembered in a cookie for a year),
//! else the cookie, else Dutch. The locale type is the service's one
//! ([`nabij_i18n::Locale`]); the texts are in `crates/i18n/locales/<code>/console.ftl`.

use super::cookies::{cookie, set_cookie};
use actix_web::{web, HttpRequest};

/// The console's languages: the service's one locale type.
pub use nabij_i18n::Locale as Lang;

const COOKIE: &str = "nabij_lang";

/// The language of this request, and the cookie to set when `?lang=` chose it.
pub(super) fn detect(req: &HttpRequest, secure: bool) -> (Lang, Option<String>) {
    let query_lang = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| {
            q.iter()
                .find(|(k, _)| k == "lang")
                .and_then(|(_, v)| Lang::parse(v))
        });
    match query_lang {
        Some(l) => (
            l,
            Some(set_cookie(secure, COOKIE, l.code(), Some(365 * 24 * 3600))),
        ),
        None => (
            cookie(req, COOKIE)
                .and_then(|v| Lang::parse(&v))
                .unwrap_or_default(),
            None,
        ),
    }
}
