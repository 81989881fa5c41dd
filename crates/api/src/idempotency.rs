//! JSON bodies of POST routes and their `Idempotency-Key`.
//!
//! A POST handler takes [`Post<T>`]: the body parsed into `T` (with the same problem
//! codes as `web::Json`), the client's `Idempotency-Key` if any, and a digest of method,
//! path and canonical body. [`write`] runs the handler's work in one write transaction
//! together with the key (scoped to organisation, caller and route template):
//! * a new key: the work runs and its response is stored with the key, committed
//!   together (a failed request stores nothing, so it may be retried with its key);
//! * the same key and body again within 24 h: the first response (status and body) is
//!   sent again and nothing is written;
//! * the same key with another body (or another id in the path): 422
//!   `idempotency_key_reused`;
//! * the same key while the first request is still running: 409
//!   `idempotency_key_in_flight`.

use crate::auth::Caller;
use crate::error::{codes, ApiError, ApiResult};
use crate::extract::serde_json_error;
use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{mime, web, FromRequest, HttpRequest, HttpResponse};
use futures_util::future::LocalBoxFuture;
use nabij_store::idempotency::{self, KeyScope, Lookup};
use nabij_store::{clock, DbConnection, Store, StoreError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The request header.
pub const HEADER: &str = "Idempotency-Key";

/// Where a POST came from and what it said, for its idempotency key.
#[derive(Debug, Clone)]
pub struct Idempotency {
    key: Option<String>,
    /// `POST /v1/matches/{id}/accept`.
    route: String,
    /// SHA-256 of method, path and canonical body, hex.
    digest: String,
}

impl Idempotency {
    fn scope(&self, caller: &Caller) -> ApiResult<Option<KeyScope>> {
        self.key
            .as_deref()
            .map(|k| KeyScope::new(caller.actor(), &self.route, k))
            .transpose()
            .map_err(|_| ApiError::invalid_field(HEADER, "must be 1 to 255 visible ASCII characters"))
    }
}

/// A POST body parsed into `T`, with its [`Idempotency`].
#[derive(Debug)]
pub struct Post<T> {
    pub body: T,
    pub idempotency: Idempotency,
}

/// The `Idempotency-Key`, route template and target of a POST.
fn request_parts(req: &HttpRequest) -> (ApiResult<Option<String>>, String, String) {
    let key = match req.headers().get(HEADER).map(|v| v.to_str()) {
        None => Ok(None),
        Some(Ok(k)) => Ok(Some(k.to_string())),
        Some(Err(_)) => Err(ApiError::invalid_field(
            HEADER,
            "must be 1 to 255 visible ASCII characters",
        )),
    };
    let pattern = req.match_pattern().unwrap_or_else(|| req.path().to_string());
    let route = format!("{} {pattern}", req.method());
    let target = format!("{} {}", req.method(), req.path());
    (key, route, target)
}

/// Digests method, path and canonical body, and reads the body into `T`.
fn parse<T: DeserializeOwned>(
    mut value: serde_json::Value,
    key: Option<String>,
    route: String,
    target: &str,
) -> ApiResult<Post<T>> {
    crate::extract::normalise_body(&mut value)?;
    let canonical = serde_json::to_string(&value).map_err(|e| ApiError::Internal(e.into()))?;
    let mut hash = Sha256::new();
    hash.update(target.as_bytes());
    hash.update(b"\n");
    hash.update(canonical.as_bytes());
    let digest = hash
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let body = serde_json::from_value(value).map_err(|e| serde_json_error(&e))?;
    Ok(Post {
        body,
        idempotency: Idempotency { key, route, digest },
    })
}

impl<T: DeserializeOwned + 'static> FromRequest for Post<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<crate::extract::StrictValue>::from_request(req, payload);
        let (key, route, target) = request_parts(req);
        Box::pin(async move {
            let key = key?;
            let value = json.await?.into_inner().0;
            Ok(parse(value, key, route, &target)?)
        })
    }
}

/// A [`Post`] whose body may be left out: an empty body reads as `{}` (every field of
/// `T` then needs a default) and has the same idempotency digest as `{}`. A body that
/// is there must be JSON, with the same problem codes as [`Post`].
#[derive(Debug)]
pub struct OptionalPost<T>(pub Post<T>);

impl<T: DeserializeOwned + 'static> FromRequest for OptionalPost<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let bytes = web::Bytes::from_request(req, payload);
        let is_json = matches!(
            actix_web::HttpMessage::mime_type(req),
            Ok(Some(m)) if m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON)
        );
        let (key, route, target) = request_parts(req);
        Box::pin(async move {
            let key = key?;
            let raw = bytes.await?;
            let value = if raw.iter().all(u8::is_ascii_whitespace) {
                serde_json::Value::Object(serde_json::Map::new())
            } else if !is_json {
                return Err(ApiError::UnsupportedMediaType {
                    detail: "the body must be application/json".to_string(),
                }
                .into());
            } else {
                crate::extract::strict_from_slice(&raw)?
            };
            Ok(OptionalPost(parse(value, key, route, &target)?))
        })
    }
}

/// The answer of a POST: fresh (with what the handler needs after the commit) or a
/// replay of the first answer.
#[derive(Debug)]
pub struct Written<A> {
    status: StatusCode,
    body: String,
    /// `None` for a replay: nothing was done.
    pub after: Option<A>,
}

impl<A> Written<A> {
    /// The response: the stored JSON body with its status.
    pub fn response(&self) -> HttpResponse {
        HttpResponse::build(self.status)
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .body(self.body.clone())
    }

    /// The response with `Location: {collection}/{id}`, `id` taken from the body (so a
    /// replay carries it too).
    pub fn created(&self, collection: &str) -> HttpResponse {
        let mut resp = self.response();
        let id = serde_json::from_str::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|v| v.get("id").and_then(serde_json::Value::as_i64));
        if let Some(v) = id.and_then(|id| header::HeaderValue::from_str(&format!("{collection}/{id}")).ok()) {
            resp.headers_mut().insert(header::LOCATION, v);
        }
        resp
    }
}

fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::Conflict(code) if code == "idempotency_in_flight" => in_flight(),
        other => ApiError::Store(other),
    }
}

fn in_flight() -> ApiError {
    ApiError::Conflict {
        code: codes::IDEMPOTENCY_KEY_IN_FLIGHT.to_string(),
        detail: "a request with this Idempotency-Key is still being processed".to_string(),
    }
}

/// Runs `work` in one write transaction with the idempotency key (see the module
/// documentation); `status` is the status of a fresh answer. `work` returns the
/// response body and what the handler needs once committed.
pub fn write<T, A, F>(
    store: &Store,
    caller: &Caller,
    idem: &Idempotency,
    status: StatusCode,
    work: F,
) -> ApiResult<Written<A>>
where
    T: Serialize,
    F: FnOnce(&mut DbConnection) -> ApiResult<(T, A)>,
{
    let scope = idem.scope(caller)?;
    let org = caller.org;
    store.write_as(|c| {
        let now = clock::now();
        if let Some(k) = &scope {
            match idempotency::lookup(c, org, k, &idem.digest, now)? {
                Lookup::New => {}
                Lookup::Replay { status_code, body } => {
                    return Ok(Written {
                        status: StatusCode::from_u16(status_code).unwrap_or(StatusCode::OK),
                        body,
                        after: None,
                    })
                }
                Lookup::Mismatch => {
                    return Err(ApiError::Unprocessable {
                        code: codes::IDEMPOTENCY_KEY_REUSED,
                        detail: "this Idempotency-Key was used with another request".to_string(),
                    })
                }
                Lookup::InFlight => return Err(in_flight()),
            }
        }
        let (out, after) = work(c)?;
        let body = serde_json::to_string(&out).map_err(|e| ApiError::Internal(e.into()))?;
        if let Some(k) = &scope {
            idempotency::record(c, org, k, &idem.digest, status.as_u16(), &body, now).map_err(store_error)?;
        }
        Ok(Written {
            status,
            body,
            after: Some(after),
        })
    })
}
