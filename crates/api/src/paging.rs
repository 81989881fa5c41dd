//! Opaque cursors and limits for list endpoints.

use crate::error::{ApiError, ApiResult};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// Default and largest page size.
pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;

/// Checks `limit` (1..=100, default 20).
pub fn limit(limit: Option<u32>) -> ApiResult<u32> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(l) if (1..=MAX_LIMIT).contains(&l) => Ok(l),
        Some(_) => Err(ApiError::invalid_field("limit", "must be between 1 and 100")),
    }
}

/// An opaque cursor for keyset pagination after `last_id` in list `kind`.
pub fn encode(kind: &str, last_id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}:{last_id}"))
}

/// Reads a cursor made by [`encode`] for the same `kind`; anything else is 400.
pub fn decode(kind: &str, cursor: &str) -> ApiResult<i64> {
    let bad = || ApiError::invalid_field("cursor", "not a cursor of this list");
    if cursor.len() > 64 {
        return Err(bad());
    }
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let (k, id) = text.split_once(':').ok_or_else(bad)?;
    if k != kind {
        return Err(bad());
    }
    id.parse::<i64>().ok().filter(|v| *v > 0).ok_or_else(bad)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trip_and_rejects() {
        let c = encode("n", 42);
        assert_eq!(decode("n", &c).unwrap(), 42);
        assert!(decode("r", &c).is_err());
        assert!(decode("n", "!!").is_err());
        assert!(decode("n", &URL_SAFE_NO_PAD.encode("n:-1")).is_err());
        assert!(limit(Some(0)).is_err() && limit(Some(101)).is_err());
        assert_eq!(limit(None).unwrap(), 20);
    }
}
