//! The middleware every request passes: request id, rate limits, security headers that
//! depend on the response, metrics and one structured log line.
//!
//! - **Request id:** a client's `X-Request-Id` (1–64 characters of `A-Za-z0-9._-`) is
//!   kept, anything else replaced by 16 random bytes in hex; the response echoes it.
//! - **Rate limits:** [`crate::limits`]; a refusal is 429 problem+json with
//!   `Retry-After`.
//! - **Log:** one `tracing` event per request at target `nabij::http`, with
//!   `request_id`, `method`, `route` (the pattern, e.g. `/v1/neighbours/{id}`: never
//!   the concrete path or query), `status`, `latency_ms` and, for a valid token, `org`
//!   (the organisation id) and `role`. Never a body, a header value, a token, a
//!   subject, a name or an address. Everything else logged while a request is served
//!   runs inside a `request` span carrying its `request_id`
//!   (`crates/api/tests/api/request_log.rs` checks all of this).
//! - **CSP:** HTML responses get the console's `Content-Security-Policy` (no script,
//!   own styles only), every other response `default-src 'none'` (unless the handler
//!   set its own).

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::limits::Limits;
use crate::metrics::Metrics;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, Error, FromRequest as _, ResponseError as _};
use rand::RngCore;
use std::time::Instant;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// CSP of an HTML answer that set none of its own: the console's (no script at all,
/// own styles and forms only, no framing).
pub const HTML_CSP: &str = crate::console::CSP;
/// CSP of everything else (JSON, YAML, text): nothing may load.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Routes never rate limited: probes, the scrape and the static public documents.
const UNLIMITED: &[&str] = &[
    "/health",
    "/ready",
    "/metrics",
    "/openapi.yaml",
    "/.well-known/jwks.json",
];

fn request_id(req: &ServiceRequest) -> String {
    let given = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        });
    match given {
        Some(id) => id.to_string(),
        None => {
            let mut bytes = [0u8; 16];
            rand::thread_rng().fill_bytes(&mut bytes);
            bytes.iter().map(|b| format!("{b:02x}")).collect()
        }
    }
}

/// The middleware.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    use tracing::Instrument as _;
    let id = request_id(&req);
    // Everything logged while the request is served (a refused token, a failure's
    // cause) carries its id.
    let span = tracing::info_span!(target: "nabij::http", "request", request_id = %id);
    observe_in_span(req, next, id).instrument(span).await
}

async fn observe_in_span(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    id: String,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let start = Instant::now();
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    if let Some(m) = &metrics {
        m.started();
    }
    let route = req.request().match_pattern();
    let method = req.method().to_string();
    // A valid token names the caller (verified once, then cached by the extractor).
    let caller = if req.headers().contains_key(header::AUTHORIZATION) {
        Authenticated::extract(req.request()).await.ok().map(|a| a.0)
    } else {
        None
    };
    let limited = match req.app_data::<web::Data<Limits>>() {
        Some(limits) if !UNLIMITED.contains(&route.as_deref().unwrap_or_default()) => {
            let forwarded = req
                .headers()
                .get(header::X_FORWARDED_FOR)
                .and_then(|v| v.to_str().ok());
            let ip = limits.client_ip(req.peer_addr().map(|a| a.ip()), forwarded);
            let key = caller.as_ref().map(|c| format!("{}/{}", c.org.get(), c.subject));
            limits.check(ip, key.as_deref()).err()
        }
        _ => None,
    };
    let result = match limited {
        Some((limiter, retry_after_secs)) => {
            if let Some(m) = &metrics {
                m.rate_limited(limiter);
            }
            let resp = ApiError::TooManyRequests { retry_after_secs }.error_response();
            Ok(req.into_response(resp))
        }
        None => {
            let mut req = req;
            if let Some(limits) = req.app_data::<web::Data<Limits>>().cloned() {
                let payload = actix_web::HttpMessage::take_payload(&mut req);
                req.set_payload(crate::limits::idle_limited(payload, limits.body_timeout));
            }
            next.call(req).await.map(ServiceResponse::map_into_boxed_body)
        }
    };
    let latency = start.elapsed();
    let route = route.as_deref().unwrap_or("(unmatched)");
    let mut res = match result {
        Ok(res) => res,
        Err(e) => {
            if let Some(m) = &metrics {
                m.finished(&method, route, 500, latency);
            }
            tracing::error!(target: "nabij::http", request_id = %id, method = %method, route, "request failed in a middleware");
            return Err(e);
        }
    };
    let status = res.status().as_u16();
    let headers = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&id) {
        headers.insert(REQUEST_ID, v);
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let html = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.trim_start().to_ascii_lowercase().starts_with("text/html"));
        let csp = if html { HTML_CSP } else { API_CSP };
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
    }
    if let Some(m) = &metrics {
        m.finished(&method, route, status, latency);
    }
    let latency_ms = latency.as_secs_f64() * 1000.0;
    let org = caller.as_ref().map(|c| c.org.get());
    let role = caller.as_ref().map(|c| c.role.as_str());
    if status >= 500 {
        tracing::warn!(target: "nabij::http", request_id = %id, method = %method, route, status, latency_ms, org, role, "request");
    } else {
        tracing::info!(target: "nabij::http", request_id = %id, method = %method, route, status, latency_ms, org, role, "request");
    }
    Ok(res)
}
