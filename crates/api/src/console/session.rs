//! The console session: a token signed by the API's key set with the audience
//! `<audience>#console` (so it is not accepted as a bearer token, nor an API token as a
//! session), in an HttpOnly cookie, renewed on every page ([`super::IDLE`] sliding
//! timeout) and cleared by "Afmelden".

use super::cookies::{cookie, cookie_name, set_cookie};
use super::{Ctx, IDLE};
use crate::auth::token::TokenConfig;
use crate::auth::Caller;
use crate::state::AppState;
use actix_web::HttpRequest;
use nabij_store::{NeighbourhoodId, OrgId};

const COOKIE: &str = "nabij_session";

fn console_config(state: &AppState) -> TokenConfig {
    TokenConfig {
        issuer: state.settings.issuer.clone(),
        audience: format!("{}#console", state.settings.audience),
    }
}

/// The staff member whose valid session cookie this request carries.
pub(super) fn caller(req: &HttpRequest, state: &AppState, secure: bool) -> Option<Caller> {
    let token = cookie(req, &cookie_name(secure, COOKIE))?;
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
}

impl Ctx {
    /// Renews the session of a logged-in caller (the sliding idle timeout).
    pub(super) fn renew_session(&mut self, state: &AppState) {
        if let Some(who) = self.caller.clone() {
            self.start_session(state, &who);
        }
    }

    /// Sets a fresh session cookie for `who` (at login and on every page).
    pub fn start_session(&mut self, state: &AppState, who: &Caller) -> bool {
        match state.keys.issue(&console_config(state), who, IDLE) {
            Ok(t) => {
                let name = cookie_name(self.secure, COOKIE);
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
        let name = cookie_name(self.secure, COOKIE);
        self.set_cookies.retain(|c| !c.starts_with(&format!("{name}=")));
        self.set_cookies.push(set_cookie(self.secure, &name, "", Some(0)));
        self.rotate_csrf();
    }
}
