//! `GET /health`, `GET /ready`, `GET /openapi.yaml`.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpResponse};

/// The REST contract, served as written.
pub const OPENAPI_YAML: &str = include_str!("../../../../openapi.yaml");

/// Alive: the process answers. Touches nothing else.
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// Ready: the database answers and its migrations are current; 503 `not_ready` otherwise.
pub async fn ready(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let store = state.store.clone();
    let backend = store.backend().name();
    let outcome = web::block(move || store.ping().and_then(|()| store.migrations_current())).await;
    match outcome {
        Ok(Ok(true)) => Ok(HttpResponse::Ok().json(serde_json::json!({
            "status": "ready",
            "database": backend,
        }))),
        Ok(Ok(false)) => Err(ApiError::NotReady("database migrations are pending")),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, cause = ?std::error::Error::source(&e).map(|s| s.to_string()), "not ready");
            Err(ApiError::NotReady("the database is not reachable"))
        }
        Err(e) => {
            tracing::error!(error = %e, "readiness check did not run");
            Err(ApiError::NotReady("the readiness check failed"))
        }
    }
}

/// The OpenAPI document.
pub async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/yaml; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(OPENAPI_YAML)
}
