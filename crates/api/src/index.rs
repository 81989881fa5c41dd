//! Keeping the per-organisation candidate index fresh: what a write changed, read in
//! its transaction, applied to this instance's cache after the commit.
//!
//! The store bumps `organisations.index_version` in the transaction of every write that
//! changes what an index holds; [`IndexUpdate::after`] reads the new version and the
//! profiles as they are now, in the same transaction; [`IndexUpdate::apply`] brings the
//! cache to that version once committed. Other instances see the new version on their
//! next query and rebuild.

use crate::state::{IndexCache, IndexChange};
use chrono::Utc;
use nabij_engine::OrgIndex;
use nabij_store::{neighbour, organisation, DbConnection, NeighbourId, OrgId, StoreError};

/// A committed change to apply to the cache.
#[derive(Debug, Clone)]
pub struct IndexUpdate {
    org: OrgId,
    version: i64,
    change: IndexChange,
}

impl IndexUpdate {
    /// After a write that changed these neighbours (their profile, capacity use or
    /// balance): the organisation's version and their profiles as of now, in the
    /// write's transaction.
    pub fn after(conn: &mut DbConnection, org: OrgId, changed: &[NeighbourId]) -> Result<Self, StoreError> {
        let version = organisation::index_version(conn, org)?;
        let now = Utc::now();
        let profiles = changed
            .iter()
            .map(|&id| neighbour::load_profile(conn, org, id, now))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(IndexUpdate {
            org,
            version,
            change: IndexChange::Upsert(profiles),
        })
    }

    /// After a neighbour was erased.
    pub fn removed(conn: &mut DbConnection, org: OrgId, id: NeighbourId) -> Result<Self, StoreError> {
        Ok(IndexUpdate {
            org,
            version: organisation::index_version(conn, org)?,
            change: IndexChange::Remove(id.into()),
        })
    }

    /// Applies the change to this instance's cache (call after the commit).
    pub fn apply(&self, cache: &IndexCache) {
        cache.apply(self.org, self.version, &self.change);
    }
}

/// Builds an organisation's index from the store. Read the version first (in the same
/// transaction), then build: the index then holds at least that version's data.
pub fn build(conn: &mut DbConnection, org: OrgId) -> Result<OrgIndex, StoreError> {
    let profiles = neighbour::load_profiles(conn, org, Utc::now())?;
    OrgIndex::bulk_load(profiles).map_err(|e| StoreError::Corrupt(format!("index of {org}: {e}")))
}
