//! CORS, closed by default.
//!
//! Without configured origins ([`crate::Settings::cors_allowed_origins`], empty by
//! default) no response carries `Access-Control-Allow-Origin`, so browsers keep other
//! sites' scripts out. A configured origin (exact match of scheme, host and port, e.g.
//! `https://app.example.org`) gets `Access-Control-Allow-Origin: <origin>` and
//! `Vary: Origin` on every response, and its preflights (`OPTIONS` with
//! `Access-Control-Request-Method`) are answered 204 here. Credentials (cookies) are
//! never allowed: the API takes bearer tokens.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpResponse};

const ALLOW_METHODS: &str = "GET, POST, PATCH, DELETE";
const ALLOW_HEADERS: &str = "Authorization, Content-Type, Idempotency-Key, X-Request-Id";
const EXPOSE_HEADERS: &str = "Location, Retry-After, X-Request-Id";

/// The allowed origins of one application.
#[derive(Debug, Clone, Default)]
pub struct Cors {
    origins: Vec<String>,
}

impl Cors {
    pub fn new(origins: &[String]) -> Self {
        Cors {
            origins: origins
                .iter()
                .map(|o| o.trim().trim_end_matches('/').to_ascii_lowercase())
                .filter(|o| !o.is_empty())
                .collect(),
        }
    }

    fn allows(&self, origin: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        self.origins.contains(&origin)
    }
}

/// The middleware.
pub async fn cors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let allowed = req
        .app_data::<web::Data<Cors>>()
        .filter(|c| !c.origins.is_empty())
        .and_then(|cors| {
            let origin = req.headers().get(header::ORIGIN)?;
            let text = origin.to_str().ok()?;
            cors.allows(text).then(|| origin.clone())
        });
    let Some(origin) = allowed else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let preflight =
        req.method() == Method::OPTIONS && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut res = if preflight {
        let resp = HttpResponse::NoContent()
            .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS))
            .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS))
            .insert_header((header::ACCESS_CONTROL_MAX_AGE, "600"))
            .finish();
        req.into_response(resp)
    } else {
        let mut res = next.call(req).await?.map_into_boxed_body();
        res.headers_mut().insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
        res
    };
    let headers = res.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    Ok(res)
}
