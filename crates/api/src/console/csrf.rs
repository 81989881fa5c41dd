//! CSRF protection of every console form: double submit, a random cookie compared in
//! constant time with the hidden field `csrf` that [`super::html::csrf_field`] (or the
//! `csrf` macro of `templates/console/form.html`) writes into each form.

use super::cookies::{cookie, cookie_name, set_cookie};
use super::{Ctx, Form};
use actix_web::HttpRequest;
use rand::RngCore;

const COOKIE: &str = "nabij_csrf";

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Constant-time comparison of two tokens.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// This browser's token, and the cookie to set when it had none.
pub(super) fn token(req: &HttpRequest, secure: bool) -> (String, Option<String>) {
    let name = cookie_name(secure, COOKIE);
    match cookie(req, &name).filter(|v| v.len() == 64) {
        Some(v) => (v, None),
        None => {
            let v = random_token();
            let c = set_cookie(secure, &name, &v, None);
            (v, Some(c))
        }
    }
}

impl Ctx {
    /// A new CSRF token (at login and logout).
    pub fn rotate_csrf(&mut self) {
        let name = cookie_name(self.secure, COOKIE);
        self.csrf = random_token();
        self.set_cookies.retain(|c| !c.starts_with(&format!("{name}=")));
        self.set_cookies
            .push(set_cookie(self.secure, &name, &self.csrf, None));
    }

    /// Whether a posted form carries this browser's CSRF token.
    pub fn csrf_ok(&self, form: &Form) -> bool {
        form.get("csrf").is_some_and(|v| same_token(v, &self.csrf))
    }
}
