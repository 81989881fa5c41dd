//! CSRF protection of every console form, two checks on every POST:
//!
//! 1. **A token bound to the session.** The hidden field `csrf` (written by
//!    [`super::html::csrf_field`] or the `csrf` macro of `templates/console/form.html`)
//!    must equal HMAC-SHA256(server key, `session:` + the session id), compared in
//!    constant time. Before login (the login form) it is bound the same way to a random
//!    pre-session id in its own cookie. The server key is derived from the signing key
//!    ([`crate::auth::KeySet::console_secret`]), so a cookie planted by someone else
//!    (with a value of their choice) yields no token they can put in a form: they would
//!    need the session id, which is HttpOnly and never shown, and the key.
//! 2. **The origin.** A POST carrying `Sec-Fetch-Site` (every current browser sends it
//!    to https and loopback origins) must say `same-origin`; one carrying an `Origin`
//!    other than `null` must name this server (the request's host, and `https` in
//!    production). `Origin: null` decides nothing: the console's own pages are sent with
//!    `Referrer-Policy: no-referrer`, under which a browser posts a same-origin form with
//!    `Origin: null`. A request with neither header (a script, an old browser) passes
//!    this check and still needs the session's token.

use super::cookies::{cookie, cookie_name, set_cookie};
use super::session::hex;
use super::{Ctx, Form};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::HttpRequest;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The cookie holding the pre-session id (the login form's CSRF binding).
const COOKIE: &str = "nabij_presession";

fn random_id() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// HMAC-SHA256 (RFC 2104) with a key of at most 64 bytes.
fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    let n = key.len().min(64);
    k[..n].copy_from_slice(&key[..n]);
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(msg);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The CSRF token of a session (`kind` `session`) or pre-session (`pre`) id.
pub fn bound_token(secret: &[u8; 32], kind: &str, id: &str) -> String {
    hex(&hmac_sha256(secret, format!("{kind}:{id}").as_bytes()))
}

/// Constant-time comparison of two tokens.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// This browser's pre-session id, and the cookie to set when it had none.
pub(super) fn presession(req: &HttpRequest, secure: bool) -> (String, Option<String>) {
    let name = cookie_name(secure, COOKIE);
    match cookie(req, &name).filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit())) {
        Some(v) => (v, None),
        None => {
            let v = random_id();
            let c = set_cookie(secure, &name, &v, None);
            (v, Some(c))
        }
    }
}

/// Whether the request's `Sec-Fetch-Site` and `Origin` allow a POST (see the module
/// comment).
pub(super) fn same_origin(req: &HttpRequest, secure: bool) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        if site.as_bytes() != b"same-origin" {
            return false;
        }
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if origin.trim() == "null" {
        return true;
    }
    let host = req.connection_info().host().to_ascii_lowercase();
    let origin = origin.trim().to_ascii_lowercase();
    origin == format!("https://{host}") || (!secure && origin == format!("http://{host}"))
}

/// The token for this browser: bound to its session, or else to a pre-session id
/// (created, with its cookie, when missing). Empty when the key is unavailable (every
/// POST is then refused).
pub(super) fn token(
    req: &HttpRequest,
    state: &AppState,
    secure: bool,
    session: Option<&str>,
) -> (String, Option<String>) {
    let Ok(secret) = state.keys.console_secret() else {
        tracing::error!("no key for the console's CSRF tokens");
        return (String::new(), None);
    };
    match session {
        Some(id) => (bound_token(&secret, "session", id), None),
        None => {
            let (pre, set) = presession(req, secure);
            (bound_token(&secret, "pre", &pre), set)
        }
    }
}

impl Ctx {
    /// Binds the CSRF token to session `id` (at login), or to a fresh pre-session id.
    pub(super) fn bind_csrf(&mut self, state: &AppState, session: Option<&str>) {
        let Ok(secret) = state.keys.console_secret() else {
            self.csrf = String::new();
            return;
        };
        match session {
            Some(id) => self.csrf = bound_token(&secret, "session", id),
            None => {
                let name = cookie_name(self.secure, COOKIE);
                let pre = random_id();
                self.set_cookies.retain(|c| !c.starts_with(&format!("{name}=")));
                self.set_cookies.push(set_cookie(self.secure, &name, &pre, None));
                self.csrf = bound_token(&secret, "pre", &pre);
            }
        }
    }

    /// A new pre-session id and CSRF token (at logout).
    pub fn rotate_csrf(&mut self, state: &AppState) {
        self.bind_csrf(state, None);
    }

    /// Whether a posted form carries this browser's CSRF token and the request comes
    /// from this origin.
    pub fn csrf_ok(&self, form: &Form) -> bool {
        self.same_origin
            && !self.csrf.is_empty()
            && form.get("csrf").is_some_and(|v| same_token(v, &self.csrf))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn tokens_differ_by_id_kind_and_key() {
        let k = [7u8; 32];
        let t = bound_token(&k, "session", "a");
        assert_eq!(t.len(), 64);
        assert_ne!(t, bound_token(&k, "session", "b"));
        assert_ne!(t, bound_token(&k, "pre", "a"));
        assert_ne!(t, bound_token(&[8u8; 32], "session", "a"));
    }
}
