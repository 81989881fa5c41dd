//! The console session, kept on the server (`console_sessions`, see
//! [`nabij_store::console_session`]): the HttpOnly cookie carries a random id (32 bytes,
//! hex), the table only its SHA-256. [`layer`] looks the session up once per request
//! (one indexed read, joined with the account so that a disabled account has no
//! session) before the handler runs, and [`super::Ctx::new`] reads the result. A session
//! ends after [`super::IDLE`] without a request, [`LIFETIME`] after login whatever
//! happens, at "Afmelden" (the row is deleted: a copy of the cookie opens nothing), and
//! for every session of an account at once when it is disabled, its password changes or
//! it is logged out everywhere ([`nabij_store::user::end_sessions`]).

use super::cookies::{cookie, cookie_name, set_cookie};
use super::{Ctx, IDLE};
use crate::auth::Caller;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest};
use nabij_store::{console_session, OrgId, UserId};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::time::Duration;

const COOKIE: &str = "nabij_session";

/// A session ends this long after login, however active.
pub const LIFETIME: Duration = Duration::from_secs(12 * 3600);

/// What [`layer`] found for a request carrying a session cookie.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The live session (`None`: the cookie opens nothing; it is cleared).
    pub live: Option<Live>,
}

#[derive(Debug, Clone)]
pub(super) struct Live {
    pub caller: Caller,
    /// The random id from the cookie (the CSRF token is bound to it).
    pub id: String,
}

fn random_id() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the table stores for a session id.
fn id_hash(id: &str) -> String {
    hex(&Sha256::digest(id.as_bytes()))
}

fn chrono(d: Duration) -> chrono::Duration {
    chrono::Duration::seconds(i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 1000))
}

/// The live session behind a cookie value, if any.
async fn lookup(state: web::Data<AppState>, id: String) -> Option<Live> {
    // Our ids are 64 hex digits; anything else is not looked up.
    if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let hash = id_hash(&id);
    let found = web::block(move || {
        let live = state
            .store
            .read(|c| console_session::live(c, &hash, chrono(IDLE)))?;
        if live.as_ref().is_some_and(|l| l.stale) {
            state.store.write(|c| console_session::touch(c, &hash))?;
        }
        Ok::<_, nabij_store::StoreError>(live)
    })
    .await;
    let live = match found {
        Ok(Ok(live)) => live?,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "cannot read a console session");
            return None;
        }
        Err(e) => {
            tracing::error!(error = %e, "console session task failed");
            return None;
        }
    };
    let user = live.user;
    let caller = Caller {
        subject: format!("user:{}", user.id),
        org: user.organisation_id,
        org_slug: live.org_slug,
        role: user.role().ok()?.into(),
        neighbourhoods: user.neighbourhoods().ok()?,
        scopes: Vec::new(),
    };
    caller.role.is_staff().then_some(Live { caller, id })
}

/// Middleware of every console route: resolves the session cookie, if sent, before
/// the handler runs (the handlers themselves stay synchronous about it).
pub(super) async fn layer(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if let Some(state) = req.app_data::<web::Data<AppState>>().cloned() {
        let name = cookie_name(state.settings.production, COOKIE);
        if let Some(id) = cookie(req.request(), &name) {
            let live = lookup(state, id).await;
            req.extensions_mut().insert(Found { live });
        }
    }
    next.call(req).await
}

/// What [`layer`] found for this request: `None` without a session cookie.
pub(super) fn found(req: &HttpRequest) -> Option<Found> {
    req.extensions().get::<Found>().cloned()
}

/// The account id of a staff caller (`user:<id>`).
fn user_id(who: &Caller) -> Option<UserId> {
    who.subject
        .strip_prefix("user:")
        .and_then(|n| n.parse().ok())
        .map(UserId)
}

impl Ctx {
    /// Starts a session for `who` (at login): a row in `console_sessions`, the cookie,
    /// and a CSRF token bound to the new session. False when it could not be stored.
    pub async fn start_session(&mut self, state: &web::Data<AppState>, who: &Caller) -> bool {
        let Some(user) = user_id(who) else {
            return false;
        };
        let org: OrgId = who.org;
        let id = random_id();
        let hash = id_hash(&id);
        let st = state.clone();
        let stored = web::block(move || {
            st.store
                .write(|c| console_session::create(c, user, org, &hash, chrono(LIFETIME)))
        })
        .await;
        match stored {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                tracing::error!(error = %e, "cannot store a console session");
                return false;
            }
            Err(e) => {
                tracing::error!(error = %e, "console session task failed");
                return false;
            }
        }
        let name = cookie_name(self.secure, COOKIE);
        self.set_cookies.retain(|c| !c.starts_with(&format!("{name}=")));
        self.set_cookies.push(set_cookie(self.secure, &name, &id, None));
        self.bind_csrf(state, Some(&id));
        self.session_id = Some(id);
        true
    }

    /// Ends this browser's session ("Afmelden"): the row is deleted, so the cookie (or
    /// any copy of it) opens nothing from now on; the CSRF token is rotated.
    pub async fn end_session(&mut self, state: &web::Data<AppState>) -> bool {
        if let Some(id) = self.session_id.take() {
            let hash = id_hash(&id);
            let st = state.clone();
            let done = web::block(move || st.store.write(|c| console_session::delete(c, &hash))).await;
            if !matches!(done, Ok(Ok(()))) {
                tracing::error!("cannot delete a console session");
                return false;
            }
        }
        self.caller = None;
        self.clear_session_cookie();
        self.rotate_csrf(state);
        true
    }

    /// Tells the browser to forget its session cookie.
    pub(super) fn clear_session_cookie(&mut self) {
        let name = cookie_name(self.secure, COOKIE);
        self.set_cookies.retain(|c| !c.starts_with(&format!("{name}=")));
        self.set_cookies.push(set_cookie(self.secure, &name, "", Some(0)));
    }
}
