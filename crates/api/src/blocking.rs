//! Diesel is synchronous: store work runs on actix's blocking pool, never on a worker.

use crate::error::{ApiError, ApiResult};
use actix_web::web;

/// Runs `f` on the blocking pool and flattens its result.
pub async fn run<T, F>(f: F) -> ApiResult<T>
where
    F: FnOnce() -> ApiResult<T> + Send + 'static,
    T: Send + 'static,
{
    web::block(f)
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?
}
