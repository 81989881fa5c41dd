//! CORS, closed by default, through `actix-cors`.
//!
//! Without configured origins ([`crate::Settings::cors_allowed_origins`], empty by
//! default) the middleware is not in the chain at all, so no response carries
//! `Access-Control-Allow-Origin` and browsers keep other sites' scripts out. A
//! configured origin (exact match of scheme, host and port, e.g.
//! `https://app.example.org`, compared without regard to case) gets
//! `Access-Control-Allow-Origin: <origin>` and `Vary: Origin` on every response, and its
//! preflights (`OPTIONS` with `Access-Control-Request-Method`) are answered here. Other
//! origins are served as if they sent no `Origin` (no CORS headers); their preflights
//! are refused (400). Credentials (cookies) are never allowed: the API takes bearer
//! tokens.
//!
//! What stays here is only the policy (which origins, methods and headers); the
//! protocol is the crate's.

use actix_cors::Cors;
use actix_web::http::Method;
use actix_web::middleware::Condition;

const ALLOW_METHODS: [Method; 4] = [Method::GET, Method::POST, Method::PATCH, Method::DELETE];
const ALLOW_HEADERS: [&str; 4] = ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"];
const EXPOSE_HEADERS: [&str; 3] = ["Location", "Retry-After", "X-Request-Id"];
/// Seconds a browser may cache a preflight's answer.
const MAX_AGE_SECS: usize = 600;

/// The origins as compared: trimmed, without a trailing `/`, lower case; blanks dropped.
fn normalised(origins: &[String]) -> Vec<String> {
    origins
        .iter()
        .map(|o| o.trim().trim_end_matches('/').to_ascii_lowercase())
        .filter(|o| !o.is_empty())
        .collect()
}

/// The middleware of one application: `actix-cors` for the configured origins, or
/// nothing when there are none.
pub fn middleware(origins: &[String]) -> Condition<Cors> {
    let origins = normalised(origins);
    let enabled = !origins.is_empty();
    let cors = Cors::default()
        .allowed_origin_fn(move |origin, _| {
            origin
                .to_str()
                .is_ok_and(|o| origins.iter().any(|allowed| allowed.eq_ignore_ascii_case(o)))
        })
        .allowed_methods(ALLOW_METHODS)
        .allowed_headers(ALLOW_HEADERS)
        .expose_headers(EXPOSE_HEADERS)
        .max_age(MAX_AGE_SECS);
    Condition::new(enabled, cors)
}
