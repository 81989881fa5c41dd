//! Shared application state: the store, the key set, settings and caches.

use crate::auth::keys::KeySet;
use crate::auth::throttle::Throttle;
use crate::settings::Settings;
use nabij_engine::OrgIndex;
use nabij_store::{OrgId, Store};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Everything handlers share; reached through `web::Data<AppState>`.
pub struct AppState {
    pub store: Store,
    pub keys: Arc<KeySet>,
    pub settings: Arc<Settings>,
    pub indexes: IndexCache,
    /// Failed logins and client authentications. Per instance (in memory): with
    /// several instances behind a balancer each one throttles on its own.
    pub login_throttle: Throttle,
    /// An argon2id hash of a random password, verified against when an e-mail or
    /// client is unknown so that both failures take the same time.
    pub dummy_hash: String,
}

/// Per-organisation candidate indexes, built from the store on first use.
///
/// A cache, not the source of truth: several API instances may share one database,
/// so an entry must be dropped ([`IndexCache::invalidate`]) whenever this instance
/// writes something that changes it, and may be rebuilt from the store at any time.
/// (Cross-instance freshness needs a change counter in the store: STORE_REQUESTS.md.)
#[derive(Default)]
pub struct IndexCache {
    inner: RwLock<HashMap<OrgId, Arc<OrgIndex>>>,
}

impl IndexCache {
    pub fn get(&self, org: OrgId) -> Option<Arc<OrgIndex>> {
        let map = self.inner.read().unwrap_or_else(|p| p.into_inner());
        map.get(&org).cloned()
    }

    /// The cached index, or the one `build` makes (then cached).
    pub fn get_or_build<E>(
        &self,
        org: OrgId,
        build: impl FnOnce() -> Result<OrgIndex, E>,
    ) -> Result<Arc<OrgIndex>, E> {
        if let Some(index) = self.get(org) {
            return Ok(index);
        }
        let index = Arc::new(build()?);
        let mut map = self.inner.write().unwrap_or_else(|p| p.into_inner());
        Ok(map.entry(org).or_insert(index).clone())
    }

    /// Drops the cached index of an organisation (after a write that changes it).
    pub fn invalidate(&self, org: OrgId) {
        let mut map = self.inner.write().unwrap_or_else(|p| p.into_inner());
        map.remove(&org);
    }

    pub fn len(&self) -> usize {
        self.inner.read().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
