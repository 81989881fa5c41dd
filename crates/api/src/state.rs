//! Shared application state: the store, the key set, settings and caches.

use crate::auth::keys::KeySet;
use crate::auth::throttle::Throttle;
use crate::settings::Settings;
use nabij_engine::{NeighbourId, NeighbourProfile, OrgIndex};
use nabij_store::{OrgId, Store};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// Everything handlers share; reached through `web::Data<AppState>`.
pub struct AppState {
    pub store: Store,
    pub keys: Arc<KeySet>,
    pub settings: Arc<Settings>,
    pub indexes: IndexCache,
    /// Group commit of the audit rows of reads (candidate lists).
    pub audit: crate::audit_batch::AuditBatcher,
    /// Tokens this instance verified already (per instance, rebuilt on demand).
    pub verified_tokens: crate::auth::verified::VerifiedTokens,
    /// Failed logins and client authentications. Per instance (in memory): with
    /// several instances behind a balancer each one throttles on its own.
    pub login_throttle: Throttle,
    /// An argon2id hash of a random password, verified against when an e-mail or
    /// client is unknown so that both failures take the same time.
    pub dummy_hash: String,
}

/// One organisation's index and the `organisations.index_version` it reflects.
struct Versioned {
    version: i64,
    index: OrgIndex,
}

/// What a committed write changed in an organisation's index.
#[derive(Debug, Clone)]
pub enum IndexChange {
    /// These neighbours' profiles as they are now (new, changed, capacity used or
    /// freed, balance moved).
    Upsert(Vec<NeighbourProfile>),
    /// This neighbour is gone (erased).
    Remove(NeighbourId),
}

/// Per-organisation candidate indexes, built from the store on first use.
///
/// A cache, not the source of truth: several API instances may share one database.
/// Every write that changes what an index holds bumps the organisation's
/// `index_version` in its transaction; an index is used only while the version it was
/// built at (or brought to) equals the version the query's transaction reads, and is
/// rebuilt otherwise. A write through this instance brings its cached index to the new
/// version in place ([`IndexCache::apply`]) when the cache was exactly one version
/// behind, and drops it otherwise.
#[derive(Default)]
pub struct IndexCache {
    inner: RwLock<HashMap<OrgId, Arc<RwLock<Versioned>>>>,
    /// Serialises rebuilds, so a burst of queries on a stale index builds it once.
    building: Mutex<()>,
}

impl IndexCache {
    fn entry(&self, org: OrgId) -> Option<Arc<RwLock<Versioned>>> {
        let map = self.inner.read().unwrap_or_else(|p| p.into_inner());
        map.get(&org).cloned()
    }

    /// Runs `query` on the index of `org` at `version`: the cached one when current,
    /// else one made by `build` (which must read the store at `version` or later), which
    /// is then cached.
    pub fn query<R, E>(
        &self,
        org: OrgId,
        version: i64,
        build: impl FnOnce() -> Result<OrgIndex, E>,
        query: impl FnOnce(&OrgIndex) -> R,
    ) -> Result<R, E> {
        if let Some(entry) = self.entry(org) {
            let v = entry.read().unwrap_or_else(|p| p.into_inner());
            if v.version == version {
                return Ok(query(&v.index));
            }
        }
        let _building = self.building.lock().unwrap_or_else(|p| p.into_inner());
        // Another query may have built it while this one waited.
        if let Some(entry) = self.entry(org) {
            let v = entry.read().unwrap_or_else(|p| p.into_inner());
            if v.version == version {
                return Ok(query(&v.index));
            }
        }
        let index = build()?;
        let out = query(&index);
        let mut map = self.inner.write().unwrap_or_else(|p| p.into_inner());
        let newer_cached = map
            .get(&org)
            .is_some_and(|e| e.read().unwrap_or_else(|p| p.into_inner()).version > version);
        if !newer_cached {
            map.insert(org, Arc::new(RwLock::new(Versioned { version, index })));
        }
        Ok(out)
    }

    /// Brings the cached index of `org` to `version`, the version a committed write of
    /// this instance left, by applying `change` — if the cache was exactly one version
    /// behind. A cache further behind is dropped (it missed another write); a cache at or
    /// past `version` already holds the change.
    pub fn apply(&self, org: OrgId, version: i64, change: &IndexChange) {
        let Some(entry) = self.entry(org) else { return };
        let mut v = entry.write().unwrap_or_else(|p| p.into_inner());
        if v.version >= version {
            return;
        }
        let applied = v.version == version - 1
            && match change {
                IndexChange::Upsert(profiles) => profiles.iter().all(|p| v.index.upsert(p).is_ok()),
                IndexChange::Remove(id) => {
                    v.index.remove(*id);
                    true
                }
            };
        if applied {
            v.version = version;
        } else {
            drop(v);
            self.invalidate(org);
        }
    }

    /// Drops the cached index of an organisation.
    pub fn invalidate(&self, org: OrgId) {
        let mut map = self.inner.write().unwrap_or_else(|p| p.into_inner());
        map.remove(&org);
    }

    /// The version the cached index of `org` reflects, if one is cached.
    pub fn version(&self, org: OrgId) -> Option<i64> {
        self.entry(org)
            .map(|e| e.read().unwrap_or_else(|p| p.into_inner()).version)
    }

    pub fn len(&self) -> usize {
        self.inner.read().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
