//! Authorisation as parameter types. A handler that takes [`Staff`], [`AdminOnly`] or
//! [`Authorised<S>`] cannot run without the check, and every one of them carries the
//! organisation from the token: handlers never take it from input.
//!
//! Missing or invalid token → 401 `unauthorized` (with `WWW-Authenticate: Bearer`);
//! a valid token whose role or scopes fall short → 403 `forbidden`.

use crate::auth::token::{Claims, Role, TokenConfig};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::{FutureExt as _, LocalBoxFuture};
use nabij_store::{user, NeighbourhoodId, OrgId, UserId};
use std::marker::PhantomData;

pub use nabij_ops::Caller;

/// The caller a verified token speaks for.
fn from_claims(c: Claims) -> Caller {
    Caller {
        subject: c.sub,
        org: OrgId(c.org),
        org_slug: c.org_slug,
        role: c.role,
        neighbourhoods: c
            .neighbourhoods
            .map(|v| v.into_iter().map(NeighbourhoodId).collect()),
        scopes: c.scopes,
    }
}

/// The bearer token of a request, if any.
fn bearer(req: &HttpRequest) -> Result<&str, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(ApiError::Unauthorized("a bearer token is required"))?;
    let value = value
        .to_str()
        .map_err(|_| ApiError::Unauthorized("the Authorization header is malformed"))?;
    let (scheme, token) = value
        .split_once(' ')
        .ok_or(ApiError::Unauthorized("the Authorization header is malformed"))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::Unauthorized("a bearer token is required"));
    }
    Ok(token.trim())
}

/// The verified claims of the request's bearer token (signature checked, or found in
/// the cache of tokens verified before).
fn verified_claims(req: &HttpRequest, state: &AppState) -> Result<Claims, ApiError> {
    let token = bearer(req)?;
    let config = TokenConfig {
        issuer: state.settings.issuer.clone(),
        audience: state.settings.audience.clone(),
    };
    let now = chrono::Utc::now().timestamp();
    if let Some(claims) = state.verified_tokens.get(token, now) {
        return Ok(claims);
    }
    match state.keys.verify(&config, token) {
        Ok(claims) => {
            state.verified_tokens.put(token, &claims);
            Ok(claims)
        }
        Err(why) => {
            tracing::debug!(reason = %why, "token refused");
            Err(ApiError::Unauthorized("the bearer token is invalid or expired"))
        }
    }
}

/// The caller of a request: a verified token and, for an account's token (`user:<id>`),
/// the account still enabled and not logged out everywhere since the token was issued.
/// That check is one read by primary key per request, not cached: a disabled account
/// or "log out everywhere" must hold at once on every instance, and an indexed read is
/// cheaper than the signature check the cache saves. Partner and operator tokens
/// (`client:`, `ops:`) have no account and are not looked up.
async fn authenticate(req: HttpRequest) -> Result<Caller, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("application state missing")))?;
    let claims = verified_claims(&req, &state)?;
    if let Some(id) = claims.sub.strip_prefix("user:") {
        let refused = || ApiError::Unauthorized("the bearer token is invalid or expired");
        let id = UserId(id.parse().map_err(|_| refused())?);
        let org = OrgId(claims.org);
        let current =
            crate::blocking::run(move || Ok(state.store.read(|c| user::token_epoch(c, org, id))?)).await?;
        if current != Some(claims.ep.unwrap_or(0)) {
            tracing::debug!("token of an ended session refused");
            return Err(refused());
        }
    }
    Ok(from_claims(claims))
}

/// Any caller with a valid token (the operations layer's [`Caller`]).
#[derive(Debug, Clone)]
pub struct Authenticated(pub Caller);

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()).map(|r| r.map(Authenticated)))
    }
}

/// An admin or coordinator of the token's organisation (possibly limited to
/// neighbourhoods: see [`Caller::sees_neighbourhood`]).
#[derive(Debug, Clone)]
pub struct Staff(pub Caller);

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()).map(|r| {
            r.and_then(|c| {
                if c.role.is_staff() {
                    Ok(Staff(c))
                } else {
                    Err(ApiError::Forbidden("this route is for coordinators and admins"))
                }
            })
        }))
    }
}

/// An admin of the token's organisation.
#[derive(Debug, Clone)]
pub struct AdminOnly(pub Caller);

impl FromRequest for AdminOnly {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()).map(|r| {
            r.and_then(|c| {
                if c.role == Role::Admin {
                    Ok(AdminOnly(c))
                } else {
                    Err(ApiError::Forbidden("this route is for admins"))
                }
            })
        }))
    }
}

/// A permission a partner app needs as a scope; staff always have it.
pub trait Scope {
    /// Scopes that grant it (a write scope also grants reading).
    const ACCEPTED: &'static [&'static str];
}

/// Reading neighbours' records.
#[derive(Debug, Clone, Copy)]
pub struct NeighboursRead;
impl Scope for NeighboursRead {
    const ACCEPTED: &'static [&'static str] = nabij_ops::scopes::NEIGHBOURS_READ;
}

/// Registering and changing neighbours.
#[derive(Debug, Clone, Copy)]
pub struct NeighboursWrite;
impl Scope for NeighboursWrite {
    const ACCEPTED: &'static [&'static str] = nabij_ops::scopes::NEIGHBOURS_WRITE;
}

/// Reading help requests.
#[derive(Debug, Clone, Copy)]
pub struct RequestsRead;
impl Scope for RequestsRead {
    const ACCEPTED: &'static [&'static str] = nabij_ops::scopes::REQUESTS_READ;
}

/// Filing help requests and referring them.
#[derive(Debug, Clone, Copy)]
pub struct RequestsWrite;
impl Scope for RequestsWrite {
    const ACCEPTED: &'static [&'static str] = nabij_ops::scopes::REQUESTS_WRITE;
}

/// Reading matches and candidate lists.
#[derive(Debug, Clone, Copy)]
pub struct MatchesRead;
impl Scope for MatchesRead {
    const ACCEPTED: &'static [&'static str] = nabij_ops::scopes::MATCHES_READ;
}

/// Proposing, accepting and closing matches; recording exchanges.
#[derive(Debug, Clone, Copy)]
pub struct MatchesWrite;
impl Scope for MatchesWrite {
    const ACCEPTED: &'static [&'static str] = nabij_ops::scopes::MATCHES_WRITE;
}

/// Filing signals; a partner app reads back only the ones it filed.
#[derive(Debug, Clone, Copy)]
pub struct SignalsWrite;
impl Scope for SignalsWrite {
    const ACCEPTED: &'static [&'static str] = nabij_ops::scopes::SIGNALS_WRITE;
}

/// Staff, or a partner app holding scope `S`.
#[derive(Debug, Clone)]
pub struct Authorised<S: Scope> {
    pub caller: Caller,
    _scope: PhantomData<S>,
}

impl<S: Scope> std::ops::Deref for Authorised<S> {
    type Target = Caller;
    fn deref(&self) -> &Caller {
        &self.caller
    }
}

impl<S: Scope> FromRequest for Authorised<S> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(authenticate(req.clone()).map(|r| {
            r.and_then(|c| {
                c.require_scope(S::ACCEPTED)?;
                Ok(Authorised {
                    caller: c,
                    _scope: PhantomData,
                })
            })
        }))
    }
}

impl std::ops::Deref for Staff {
    type Target = Caller;
    fn deref(&self) -> &Caller {
        &self.0
    }
}

impl std::ops::Deref for AdminOnly {
    type Target = Caller;
    fn deref(&self) -> &Caller {
        &self.0
    }
}
