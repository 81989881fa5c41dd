//! A small cache of tokens this instance has already verified.
//!
//! Verifying an Ed25519 signature costs more than answering most requests from the
//! index, and a partner app or the console sends the same token many times. Entries are
//! keyed by the SHA-256 of the whole token, hold the verified claims, and are used only
//! until the token's `exp` (plus the validation leeway, which verification allowed too);
//! `nbf` was checked when the entry was made, and time only moves forward. The cache is
//! per instance and rebuilt on demand; a key rotation needs a restart anyway.

use super::token::Claims;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;

/// Most entries kept; the map is emptied when it is full (simple and bounded).
const CAPACITY: usize = 10_000;
/// Leeway accepted by verification, in seconds.
const LEEWAY_S: i64 = 30;

#[derive(Default)]
pub struct VerifiedTokens {
    map: Mutex<HashMap<[u8; 32], Claims>>,
}

fn key(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl VerifiedTokens {
    /// The claims of a token verified before and not expired since.
    pub fn get(&self, token: &str, now: i64) -> Option<Claims> {
        let k = key(token);
        let mut map = self.map.lock().ok()?;
        match map.get(&k) {
            Some(c) if now <= c.exp.saturating_add(LEEWAY_S) => Some(c.clone()),
            Some(_) => {
                map.remove(&k);
                None
            }
            None => None,
        }
    }

    /// Remembers a token that verification accepted.
    pub fn put(&self, token: &str, claims: &Claims) {
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(key(token), claims.clone());
        }
    }
}
