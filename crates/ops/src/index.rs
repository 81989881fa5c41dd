//! The per-organisation candidate index: the cache of built indexes ([`IndexCache`]),
//! building one from the store ([`build`]), and what a write changed ([`IndexUpdate`]),
//! read in its transaction and applied to this instance's cache after the commit.
//!
//! What changed is recorded by the store in the write's transaction
//! ([`nabij_store::index_log`]); a query brings the cached index up to the data its own
//! transaction reads ([`IndexCache::query_current`]) before it uses it:
//! - **PostgreSQL:** from the append-only change log, as a delta (the neighbours changed
//!   since the index's snapshot, reloaded), whichever instance wrote them; a write's own
//!   [`IndexUpdate`] carries nothing, so no write waits on another and no instance
//!   rebuilds for another's write.
//! - **SQLite:** by the organisation's change counter: [`IndexUpdate::after`] reads the
//!   new counter and the changed profiles in the write's transaction and
//!   [`IndexUpdate::apply`] brings the cache to it once committed; a counter this
//!   instance did not move (another process wrote) means a rebuild.

use chrono::Utc;
use nabij_engine::{NeighbourId as EngineNeighbourId, NeighbourProfile, OrgIndex};
use nabij_store::index_log::{self, Changed, Mark};
use nabij_store::{neighbour, DbConnection, NeighbourId, OrgId, StoreError};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

/// A committed change to apply to the cache.
#[derive(Debug, Clone)]
#[must_use = "apply it to the cache once the transaction committed"]
pub struct IndexUpdate {
    org: OrgId,
    /// SQLite: the counter the write left; `None` on PostgreSQL, where queries catch up
    /// from the change log instead.
    version: Option<i64>,
    change: IndexChange,
}

impl IndexUpdate {
    /// After a write that changed these neighbours (their profile, capacity use or
    /// balance): on SQLite the organisation's counter and their profiles as of now, in
    /// the write's transaction; on PostgreSQL nothing to read.
    pub fn after(conn: &mut DbConnection, org: OrgId, changed: &[NeighbourId]) -> Result<Self, StoreError> {
        let Some(version) = index_log::local_counter(conn, org)? else {
            return Ok(Self::logged(org));
        };
        let now = Utc::now();
        let profiles = changed
            .iter()
            .map(|&id| neighbour::load_profile(conn, org, id, now))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(IndexUpdate {
            org,
            version: Some(version),
            change: IndexChange::Upsert(profiles),
        })
    }

    /// After a neighbour was erased.
    pub fn removed(conn: &mut DbConnection, org: OrgId, id: NeighbourId) -> Result<Self, StoreError> {
        let Some(version) = index_log::local_counter(conn, org)? else {
            return Ok(Self::logged(org));
        };
        Ok(IndexUpdate {
            org,
            version: Some(version),
            change: IndexChange::Remove(id.into()),
        })
    }

    /// A change the log holds (PostgreSQL): nothing to apply here.
    fn logged(org: OrgId) -> Self {
        IndexUpdate {
            org,
            version: None,
            change: IndexChange::Upsert(Vec::new()),
        }
    }

    /// Applies the change to this instance's cache (call after the commit).
    pub fn apply(&self, cache: &IndexCache) {
        if let Some(version) = self.version {
            cache.apply(self.org, version, &self.change);
        }
    }
}

/// Builds an organisation's index from the store. Read the version first (in the same
/// transaction), then build: the index then holds at least that version's data.
pub fn build(conn: &mut DbConnection, org: OrgId) -> Result<OrgIndex, StoreError> {
    let profiles = neighbour::load_profiles(conn, org, Utc::now())?;
    OrgIndex::bulk_load(profiles).map_err(|e| StoreError::Corrupt(format!("index of {org}: {e}")))
}

/// One organisation's index and the `organisations.index_version` it reflects.
struct Versioned {
    /// SQLite: the counter the index reflects (0 on PostgreSQL).
    version: i64,
    /// PostgreSQL: the snapshot the index reflects, and when this instance read it.
    snapshot: Option<(String, Instant)>,
    index: OrgIndex,
    /// Changes of later versions that arrived before an earlier one (two writes that
    /// committed in one order and reached the cache in the other), applied as soon as
    /// the gap is filled.
    ahead: BTreeMap<i64, IndexChange>,
}

impl Versioned {
    /// Applies the buffered changes that follow on from `version`; false when one
    /// could not be applied (then the index must be dropped).
    fn catch_up(&mut self) -> bool {
        while let Some(change) = self.ahead.remove(&(self.version + 1)) {
            if !apply_change(&mut self.index, &change) {
                return false;
            }
            self.version += 1;
        }
        // Anything left at or below the version is already in.
        let version = self.version;
        self.ahead.retain(|&v, _| v > version);
        true
    }
}

fn apply_change(index: &mut OrgIndex, change: &IndexChange) -> bool {
    match change {
        IndexChange::Upsert(profiles) => profiles.iter().all(|p| index.upsert(p).is_ok()),
        IndexChange::Remove(id) => {
            index.remove(*id);
            true
        }
    }
}

/// The changes to apply for what the log says changed: each neighbour's profile as the
/// transaction reads it now (a neighbour no longer found is removed). `None` when the
/// log cannot say (then the index is built again).
fn delta(
    tx: &mut DbConnection,
    org: OrgId,
    changed: Changed,
) -> Result<Option<Vec<IndexChange>>, StoreError> {
    let ids = match changed {
        Changed::Nothing => return Ok(Some(Vec::new())),
        Changed::Unknown => return Ok(None),
        Changed::These(ids) => ids,
    };
    let now = Utc::now();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match neighbour::load_profile(tx, org, id, now) {
            Ok(p) => out.push(IndexChange::Upsert(vec![p])),
            Err(StoreError::NotFound) => out.push(IndexChange::Remove(id.into())),
            Err(e) => return Err(e),
        }
    }
    Ok(Some(out))
}

/// Most changes kept waiting for an earlier one; beyond that the index is dropped.
const MAX_AHEAD: usize = 64;

/// How long a query that reads a version newer than the cached index waits for this
/// instance's own writes (committed, about to reach the cache) before it builds the
/// index from the store. A build of a large organisation takes far longer.
const CATCH_UP: Duration = Duration::from_millis(20);

/// What a committed write changed in an organisation's index.
#[derive(Debug, Clone)]
pub enum IndexChange {
    /// These neighbours' profiles as they are now (new, changed, capacity used or
    /// freed, balance moved).
    Upsert(Vec<NeighbourProfile>),
    /// This neighbour is gone (erased).
    Remove(EngineNeighbourId),
}

/// Per-organisation candidate indexes, built from the store on first use.
///
/// A cache, not the source of truth: several API instances may share one database.
/// Every write that changes what an index holds bumps the organisation's
/// `index_version` in its transaction; a query uses the cached index when it reflects
/// at least the version the query's transaction reads, and builds it otherwise. A write
/// through this instance brings its cached index to the new version in place
/// ([`IndexCache::apply`]); writes that reach the cache out of order are applied in
/// version order. A query that finds the cache just behind waits briefly for such
/// writes ([`CATCH_UP`]) before building: under concurrent writes, building the index
/// again for every write that was committed but not yet applied would cost far more
/// than the write itself.
#[derive(Default)]
pub struct IndexCache {
    inner: RwLock<HashMap<OrgId, Arc<RwLock<Versioned>>>>,
    /// Serialises rebuilds, so a burst of queries on a stale index builds it once.
    building: Mutex<()>,
    /// PostgreSQL: one catch-up at a time per organisation, so a delta read earlier is
    /// never applied over one read later.
    syncing: Mutex<HashMap<OrgId, Arc<Mutex<()>>>>,
    /// Deltas applied from the change log (`nabij_index_deltas_total`).
    deltas: AtomicU64,
    /// Indexes built from the store so far (`nabij_index_builds_total`): once per
    /// organisation, then when a write of another instance made the cache stale.
    builds: AtomicU64,
    /// Notified whenever a cached index moves to a newer version (with `moved_lock`).
    moved: Condvar,
    moved_lock: Mutex<()>,
}

impl IndexCache {
    fn entry(&self, org: OrgId) -> Option<Arc<RwLock<Versioned>>> {
        let map = self.inner.read().unwrap_or_else(|p| p.into_inner());
        map.get(&org).cloned()
    }

    /// The cached index of `org` if it reflects `version` or a later one.
    fn at_least(&self, org: OrgId, version: i64) -> Option<Arc<RwLock<Versioned>>> {
        self.entry(org)
            .filter(|e| e.read().unwrap_or_else(|p| p.into_inner()).version >= version)
    }

    /// Waits up to `timeout` for the cached index of `org` to reach `version`.
    fn wait_for(&self, org: OrgId, version: i64, timeout: Duration) -> Option<Arc<RwLock<Versioned>>> {
        let deadline = Instant::now() + timeout;
        let mut guard = self.moved_lock.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(e) = self.at_least(org, version) {
                return Some(e);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.entry(org).is_none() {
                return None;
            }
            guard = self
                .moved
                .wait_timeout(guard, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    fn notify_moved(&self) {
        let _guard = self.moved_lock.lock().unwrap_or_else(|p| p.into_inner());
        self.moved.notify_all();
    }

    /// Runs `query` on the index of `org`, brought up to the data `tx` reads: every
    /// change committed before `tx` began is in it, whichever instance wrote it.
    pub fn query_current<R>(
        &self,
        tx: &mut DbConnection,
        org: OrgId,
        query: impl FnOnce(&OrgIndex) -> R,
    ) -> Result<R, StoreError> {
        match index_log::local_counter(tx, org)? {
            Some(version) => self.query(org, version, || build(tx, org), query),
            None => self.query_logged(tx, org, query),
        }
    }

    /// PostgreSQL: catch up from the change log, or build when nothing usable is cached.
    fn query_logged<R>(
        &self,
        tx: &mut DbConnection,
        org: OrgId,
        query: impl FnOnce(&OrgIndex) -> R,
    ) -> Result<R, StoreError> {
        let sync = {
            let mut map = self.syncing.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(org).or_default().clone()
        };
        let _one_at_a_time = sync.lock().unwrap_or_else(|p| p.into_inner());
        let trusted = Duration::from_secs(index_log::MARK_TRUSTED_HOURS * 3600);
        let cached = self.entry(org).and_then(|e| {
            let snap = e
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .snapshot
                .as_ref()
                .filter(|(_, at)| at.elapsed() < trusted)
                .map(|(s, _)| s.clone());
            snap.map(|s| (e, s))
        });
        if let Some((entry, snap)) = cached {
            let since = index_log::since(tx, org, &Mark::Snapshot(snap))?;
            if let (Mark::Snapshot(now), Some(changes)) = (since.now, delta(tx, org, since.changed)?) {
                let mut v = entry.write().unwrap_or_else(|p| p.into_inner());
                if changes.iter().all(|c| apply_change(&mut v.index, c)) {
                    if !changes.is_empty() {
                        self.deltas.fetch_add(1, Ordering::Relaxed);
                    }
                    v.snapshot = Some((now, Instant::now()));
                    return Ok(query(&v.index));
                }
            }
            self.invalidate(org);
        }
        // Build: the mark first, so the index holds at least what it names.
        let Mark::Snapshot(now) = index_log::current(tx, org)? else {
            return Err(StoreError::Corrupt(
                "index_changes: a counter on PostgreSQL".to_string(),
            ));
        };
        let index = build(tx, org)?;
        self.builds.fetch_add(1, Ordering::Relaxed);
        let out = query(&index);
        let fresh = Versioned {
            version: 0,
            snapshot: Some((now, Instant::now())),
            index,
            ahead: BTreeMap::new(),
        };
        let mut map = self.inner.write().unwrap_or_else(|p| p.into_inner());
        map.insert(org, Arc::new(RwLock::new(fresh)));
        Ok(out)
    }

    /// Runs `query` on the index of `org` at `version`: the cached one when it reflects
    /// that version or a later one (a write committed since the query's transaction
    /// began only makes the answer fresher), else one made by `build` (which must read
    /// the store at `version` or later), which is then cached.
    pub fn query<R, E>(
        &self,
        org: OrgId,
        version: i64,
        build: impl FnOnce() -> Result<OrgIndex, E>,
        query: impl FnOnce(&OrgIndex) -> R,
    ) -> Result<R, E> {
        // Just behind: this instance's own writes may be about to bring it there.
        let mut cached = self
            .at_least(org, version)
            .or_else(|| self.wait_for(org, version, CATCH_UP));
        let _building = match cached {
            Some(_) => None,
            None => {
                let guard = self.building.lock().unwrap_or_else(|p| p.into_inner());
                // Another query may have built it while this one waited.
                cached = self.at_least(org, version);
                Some(guard)
            }
        };
        if let Some(entry) = cached {
            let v = entry.read().unwrap_or_else(|p| p.into_inner());
            return Ok(query(&v.index));
        }
        let index = build()?;
        self.builds.fetch_add(1, Ordering::Relaxed);
        let out = query(&index);
        let mut map = self.inner.write().unwrap_or_else(|p| p.into_inner());
        let old = map.get(&org).cloned();
        let newer_cached = old
            .as_ref()
            .is_some_and(|e| e.read().unwrap_or_else(|p| p.into_inner()).version > version);
        if !newer_cached {
            // Changes that arrived for later versions still apply on top.
            let ahead = old
                .map(|e| std::mem::take(&mut e.write().unwrap_or_else(|p| p.into_inner()).ahead))
                .unwrap_or_default();
            let mut fresh = Versioned {
                version,
                snapshot: None,
                index,
                ahead,
            };
            if fresh.catch_up() {
                map.insert(org, Arc::new(RwLock::new(fresh)));
            } else {
                map.remove(&org);
            }
        }
        drop(map);
        self.notify_moved();
        Ok(out)
    }

    /// Brings the cached index of `org` to `version`, the version a committed write of
    /// this instance left, by applying `change`. A change that arrives before the one of
    /// the version just below it waits for that one (at most [`MAX_AHEAD`] of them, else
    /// the index is dropped); a cache at or past `version` already holds the change.
    pub fn apply(&self, org: OrgId, version: i64, change: &IndexChange) {
        let Some(entry) = self.entry(org) else { return };
        let mut v = entry.write().unwrap_or_else(|p| p.into_inner());
        if v.version >= version {
            return;
        }
        if version > v.version + 1 && v.ahead.len() < MAX_AHEAD {
            v.ahead.insert(version, change.clone());
            return;
        }
        let applied = version == v.version + 1 && apply_change(&mut v.index, change) && {
            v.version = version;
            v.catch_up()
        };
        drop(v);
        if !applied {
            self.invalidate(org);
        }
        self.notify_moved();
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

    /// How many deltas from the change log were applied since the start (PostgreSQL).
    pub fn deltas(&self) -> u64 {
        self.deltas.load(Ordering::Relaxed)
    }

    /// Drops every cached index (after the database failed over: what was cached may
    /// hold writes the new primary never received).
    pub fn clear(&self) {
        self.inner.write().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// How many indexes were built from the store since the start.
    pub fn builds(&self) -> u64 {
        self.builds.load(Ordering::Relaxed)
    }

    pub fn len(&self) -> usize {
        self.inner.read().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn people(n: usize) -> Vec<NeighbourProfile> {
        let profile = nabij_engine::synth::profile("flanders").unwrap();
        nabij_engine::synth::population(&profile, n, 7, 1)
            .unwrap()
            .into_iter()
            .map(|p| p.profile)
            .collect()
    }

    fn with_capacity(p: &NeighbourProfile, capacity: u8) -> NeighbourProfile {
        NeighbourProfile {
            capacity,
            active_matches: 0,
            paused: false,
            ..p.clone()
        }
    }

    #[test]
    fn builds_are_counted_once_per_version() {
        let cache = IndexCache::default();
        let org = OrgId(1);
        let empty = || Ok::<_, ()>(OrgIndex::new());
        for _ in 0..3 {
            assert_eq!(cache.query(org, 1, empty, |i| i.len()), Ok(0));
        }
        assert_eq!(cache.builds(), 1);
        // A write applied in place: no build.
        cache.apply(org, 2, &IndexChange::Upsert(Vec::new()));
        assert_eq!(cache.query(org, 2, empty, |i| i.len()), Ok(0));
        assert_eq!(cache.builds(), 1);
        // A query whose transaction began before that write: the newer index serves.
        assert_eq!(cache.query(org, 1, empty, |i| i.len()), Ok(0));
        assert_eq!(cache.builds(), 1);
        // A version this instance never saw (another instance wrote): built again,
        // after a short wait for writes of its own.
        let t = Instant::now();
        assert_eq!(cache.query(org, 4, empty, |i| i.len()), Ok(0));
        assert!(t.elapsed() >= CATCH_UP);
        assert_eq!(cache.builds(), 2);
    }

    #[test]
    fn writes_that_arrive_out_of_order_are_applied_in_version_order() {
        let cache = IndexCache::default();
        let org = OrgId(1);
        let ps = people(3);
        let base = ps.clone();
        cache
            .query(org, 1, || Ok::<_, ()>(OrgIndex::bulk_load(base).unwrap()), |_| ())
            .unwrap();
        let id = ps[0].id;
        // Version 2 gives room for two, version 3 for one: 3 arrives first.
        cache.apply(org, 3, &IndexChange::Upsert(vec![with_capacity(&ps[0], 1)]));
        assert_eq!(cache.version(org), Some(1), "3 waits for 2");
        cache.apply(org, 2, &IndexChange::Upsert(vec![with_capacity(&ps[0], 2)]));
        assert_eq!(cache.version(org), Some(3));
        let room = cache
            .query(org, 3, || Err("built again"), |i| i.remaining_capacity(id))
            .unwrap();
        assert_eq!(room, 1, "the later change wins");
        cache.apply(org, 4, &IndexChange::Remove(id));
        let gone = cache.query(org, 4, || Err("built again"), |i| !i.contains(id));
        assert_eq!(gone, Ok(true));
        assert_eq!(cache.builds(), 1);
    }

    #[test]
    fn a_query_just_ahead_of_the_cache_waits_for_the_write_in_flight() {
        let cache = Arc::new(IndexCache::default());
        let org = OrgId(1);
        let ps = people(2);
        let base = ps.clone();
        cache
            .query(org, 1, || Ok::<_, ()>(OrgIndex::bulk_load(base).unwrap()), |_| ())
            .unwrap();
        let writer = {
            let cache = cache.clone();
            let p = with_capacity(&ps[1], 3);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(2));
                cache.apply(org, 2, &IndexChange::Upsert(vec![p]));
            })
        };
        let room = cache.query(org, 2, || Err("built again"), |i| i.remaining_capacity(ps[1].id));
        writer.join().unwrap();
        assert_eq!(room, Ok(3));
        assert_eq!(cache.builds(), 1);
    }

    #[test]
    fn too_many_changes_waiting_drop_the_index() {
        let cache = IndexCache::default();
        let org = OrgId(1);
        cache
            .query(org, 1, || Ok::<_, ()>(OrgIndex::new()), |_| ())
            .unwrap();
        for v in 0..=MAX_AHEAD as i64 {
            cache.apply(org, 3 + v, &IndexChange::Upsert(Vec::new()));
        }
        assert_eq!(cache.version(org), None, "dropped: version 2 never came");
    }
}
