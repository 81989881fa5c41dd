//! `POST /v1/auth/login`, `POST /v1/auth/token`, `GET /.well-known/jwks.json`.

use crate::auth::password::verify_password;
use crate::auth::token::{IssuedToken, Role, TokenConfig};
use crate::auth::Caller;
use crate::error::{codes, ApiError, ApiResult, FieldError};
use crate::extract::serde_json_error;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use nabij_store::{client, organisation, user, StoreError};
use serde::Deserialize;

/// Longest e-mail address, password, client id or secret we look at.
const MAX_EMAIL: usize = 254;
const MAX_SECRET: usize = 1024;

/// The published verification keys.
pub async fn jwks(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .json(state.keys.jwks())
}

/// `POST /v1/auth/login` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

/// Coordinator or admin login with e-mail and password. Unknown e-mail and wrong
/// password answer the same (`invalid_credentials`) and take the same time; repeated
/// failures per e-mail and address answer 429 with `Retry-After`.
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::extract::JsonBody<LoginBody>,
) -> ApiResult<HttpResponse> {
    let LoginBody { email, password } = body.into_inner();
    let mut errors = Vec::new();
    if email.is_empty() || email.len() > MAX_EMAIL {
        errors.push(FieldError::new("email", "must be 1 to 254 bytes"));
    }
    if password.is_empty() || password.len() > MAX_SECRET {
        errors.push(FieldError::new("password", "must be 1 to 1024 bytes"));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    let throttle_key = login_throttle_key(&email, &req);
    check_throttle(&state, &throttle_key)?;
    let principal = verify_login(&state, email, password).await?;

    let Some((principal, epoch)) = principal else {
        state.login_throttle.record_failure(&throttle_key);
        return Err(ApiError::InvalidCredentials);
    };
    state.login_throttle.clear(&throttle_key);
    token_response(issue(&state, &principal, Some(epoch))?)
}

/// The throttle key of a password login (shared by the API and the console, so both
/// count the same failures).
pub(crate) fn login_throttle_key(email: &str, req: &HttpRequest) -> String {
    format!("login|{}|{}", user::normalise_email(email), peer_ip(req))
}

/// Checks an e-mail and password against the users table (argon2id; an unknown e-mail
/// is verified against the dummy hash so both failures take the same time). `None`
/// when they do not match or the account is disabled; otherwise the caller and the
/// account's `session_epoch` (for its tokens). The API login and the console login both
/// use it.
pub(crate) async fn verify_login(
    state: &web::Data<AppState>,
    email: String,
    password: String,
) -> ApiResult<Option<(Caller, i64)>> {
    let st = state.clone();
    web::block(move || -> Result<Option<(Caller, i64)>, ApiError> {
        let found = st.store.read(|c| match user::by_email(c, &email) {
            Ok(u) => {
                let org = organisation::get(c, u.organisation_id)?;
                Ok(Some((u, org)))
            }
            Err(StoreError::NotFound) => Ok(None),
            Err(e) => Err(e),
        })?;
        let Some((u, org)) = found else {
            verify_password(&password, &st.dummy_hash);
            return Ok(None);
        };
        // A disabled account answers as a wrong password does (after the same work).
        if !verify_password(&password, &u.password_hash) || u.disabled_at.is_some() {
            return Ok(None);
        }
        let caller = Caller {
            subject: format!("user:{}", u.id),
            org: org.id,
            org_slug: org.slug,
            role: Role::from(u.role()?),
            neighbourhoods: u.neighbourhoods()?,
            scopes: Vec::new(),
        };
        Ok(Some((caller, u.session_epoch)))
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("login task failed: {e}")))?
}

/// `POST /v1/auth/token` body (form or JSON).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub grant_type: String,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub client_secret: Option<String>,
    /// Space-separated subset of the client's scopes; all of them when absent.
    #[serde(default)]
    pub scope: Option<String>,
}

/// OAuth2 client credentials for partner apps. The body is
/// `application/x-www-form-urlencoded` (RFC 6749) or JSON; the credentials may also
/// come as HTTP Basic.
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Bytes,
) -> ApiResult<HttpResponse> {
    let form = parse_token_request(&req, &body)?;
    if form.grant_type != "client_credentials" {
        return Err(ApiError::UnsupportedGrantType);
    }
    let (client_id, secret) = match (basic_credentials(&req)?, form.client_id, form.client_secret) {
        (Some(pair), None, None) => pair,
        (None, Some(id), Some(secret)) => (id, secret),
        _ => return Err(ApiError::InvalidClient),
    };
    if client_id.is_empty() || client_id.len() > 128 || secret.len() > MAX_SECRET {
        return Err(ApiError::InvalidClient);
    }
    let requested: Option<Vec<String>> = form
        .scope
        .map(|s| s.split_whitespace().map(str::to_string).collect());
    let throttle_key = format!("client|{client_id}|{}", peer_ip(&req));
    check_throttle(&state, &throttle_key)?;

    let st = state.clone();
    let found = web::block(move || -> Result<Option<(client::Client, String)>, ApiError> {
        let found = st.store.read(|c| match client::by_client_id(c, &client_id) {
            Ok(cl) => {
                let org = organisation::get(c, cl.organisation_id)?;
                Ok(Some((cl, org.slug)))
            }
            Err(StoreError::NotFound) => Ok(None),
            Err(e) => Err(e),
        })?;
        match found {
            Some((cl, slug)) if verify_password(&secret, &cl.secret_hash) => Ok(Some((cl, slug))),
            Some(_) => Ok(None),
            None => {
                verify_password(&secret, &st.dummy_hash);
                Ok(None)
            }
        }
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("token task failed: {e}")))??;

    let Some((cl, org_slug)) = found else {
        state.login_throttle.record_failure(&throttle_key);
        return Err(ApiError::InvalidClient);
    };
    state.login_throttle.clear(&throttle_key);
    let scopes = match requested {
        None => cl.scopes().map(str::to_string).collect(),
        Some(req) => {
            if let Some(bad) = req.iter().find(|s| !cl.has_scope(s)) {
                return Err(ApiError::invalid_field(
                    "scope",
                    format!("`{bad}` is not granted to this client"),
                ));
            }
            req
        }
    };
    let principal = Caller {
        subject: format!("client:{}", cl.client_id),
        org: cl.organisation_id,
        org_slug,
        role: Role::Partner,
        neighbourhoods: None,
        scopes,
    };
    token_response(issue(&state, &principal, None)?)
}

fn parse_token_request(req: &HttpRequest, body: &[u8]) -> ApiResult<TokenRequest> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let essence = content_type.split(';').next().unwrap_or("").trim();
    match essence {
        "application/x-www-form-urlencoded" => serde_urlencoded::from_bytes(body).map_err(|e| {
            let msg = e.to_string();
            match msg
                .strip_prefix("unknown field `")
                .and_then(|r| r.split('`').next())
            {
                Some(field) => ApiError::BadRequest {
                    code: codes::UNKNOWN_FIELD,
                    detail: format!("unknown field `{field}`"),
                    errors: vec![FieldError::new(field, "not a known field")],
                },
                None => ApiError::bad_request(codes::INVALID_VALUE, msg),
            }
        }),
        "application/json" => {
            let value = crate::extract::strict_from_slice(body)?;
            serde_json::from_value(value).map_err(|e| serde_json_error(&e))
        }
        _ => Err(ApiError::UnsupportedMediaType {
            detail: "the body must be application/x-www-form-urlencoded or application/json".to_string(),
        }),
    }
}

/// `Authorization: Basic base64(client_id:client_secret)`, if sent.
fn basic_credentials(req: &HttpRequest) -> ApiResult<Option<(String, String)>> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| ApiError::InvalidClient)?;
    let Some((scheme, encoded)) = value.split_once(' ') else {
        return Err(ApiError::InvalidClient);
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(ApiError::InvalidClient);
    }
    let decoded = STANDARD
        .decode(encoded.trim())
        .map_err(|_| ApiError::InvalidClient)?;
    let text = String::from_utf8(decoded).map_err(|_| ApiError::InvalidClient)?;
    let (id, secret) = text.split_once(':').ok_or(ApiError::InvalidClient)?;
    Ok(Some((id.to_string(), secret.to_string())))
}

pub(crate) fn check_throttle(state: &AppState, key: &str) -> ApiResult<()> {
    state
        .login_throttle
        .check(key)
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })
}

/// The peer's address as the socket sees it (proxy headers are not trusted).
fn peer_ip(req: &HttpRequest) -> String {
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default()
}

fn issue(state: &AppState, who: &Caller, epoch: Option<i64>) -> ApiResult<IssuedToken> {
    let config = TokenConfig {
        issuer: state.settings.issuer.clone(),
        audience: state.settings.audience.clone(),
    };
    state
        .keys
        .issue_with_epoch(&config, who, state.settings.access_token_ttl, epoch)
        .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("cannot sign a token")))
}

fn token_response(token: IssuedToken) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::PRAGMA, "no-cache"))
        .json(token))
}

/// `GET /v1/auth/me`: what the token says about its bearer (any valid token).
pub async fn me(crate::auth::Authenticated(caller): crate::auth::Authenticated) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({
        "sub": caller.subject,
        "org": caller.org.get(),
        "org_slug": caller.org_slug,
        "role": caller.role,
        "neighbourhoods": caller.neighbourhoods.as_ref().map(|v| v.iter().map(|n| n.get()).collect::<Vec<_>>()),
        "scopes": caller.scopes,
    }))
}
