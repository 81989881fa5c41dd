//! One R-tree per organisation over the neighbours who are available now.
//!
//! The tree holds only a point and a `u32` slot number per available neighbour; all other
//! attributes live in a compact side array (`Slot`, 56 bytes) so the tree stays small and
//! the hot filters are a few bit operations. Paused people and people without capacity
//! left keep their slot but are not in the tree.

use crate::envelope::{Summary, SummaryEnvelope};
use crate::error::EngineError;
use crate::idmap::IdTable;
use crate::neighbour::{NeighbourId, NeighbourProfile};
use crate::score::load;
use rstar::{PointDistance, RStarInsertionStrategy, RTree, RTreeObject, RTreeParams, AABB};

/// A tree entry: projected point, slot number and the neighbour's own summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Entry {
    pub xy: [f32; 2],
    pub slot: u32,
    pub summary: Summary,
}

impl Entry {
    fn new(slot: &Slot, i: u32) -> Self {
        Entry {
            xy: slot.xy,
            slot: i,
            summary: Summary {
                interests: slot.interests,
                talents: slot.talents,
                languages: slot.languages,
                availability: slot.availability,
                max_radius_m: slot.radius_m,
                max_chance: Summary::quantise_up(f64::from(slot.chance)),
                max_load: Summary::quantise_up(slot.load()),
            },
        }
    }
}

impl RTreeObject for Entry {
    type Envelope = SummaryEnvelope;

    fn envelope(&self) -> Self::Envelope {
        SummaryEnvelope {
            aabb: AABB::from_point(self.xy),
            summary: self.summary,
        }
    }
}

impl PointDistance for Entry {
    fn distance_2(&self, point: &[f32; 2]) -> f32 {
        let dx = self.xy[0] - point[0];
        let dy = self.xy[1] - point[1];
        dx * dx + dy * dy
    }
}

/// Node sizes of the tree: wider than rstar's default (6) so there are fewer parent nodes
/// (less memory, shallower tree); measured with `nabij-bench engine`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params;

impl RTreeParams for Params {
    const MIN_SIZE: usize = 5;
    const MAX_SIZE: usize = 12;
    const REINSERTION_COUNT: usize = 3;
    type DefaultInsertionStrategy = RStarInsertionStrategy;
}

const LIVE: u8 = 1;
const PAUSED: u8 = 2;
const IN_TREE: u8 = 4;

/// The compact attributes of one neighbour.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Slot {
    pub id: u64,
    pub interests: u64,
    pub talents: u64,
    pub xy: [f32; 2],
    pub radius_m: f32,
    pub availability: u32,
    pub languages: u32,
    /// `Balance::chance_to_give`, precomputed.
    pub chance: f32,
    /// `Balance::protection`, precomputed.
    pub protection: f32,
    pub capacity: u8,
    pub active: u8,
    pub flags: u8,
}

impl Slot {
    fn from_profile(p: &NeighbourProfile) -> Self {
        let mut flags = LIVE;
        if p.paused {
            flags |= PAUSED;
        }
        Slot {
            id: p.id.0,
            interests: p.interests.0,
            talents: p.talents.0,
            xy: p.location.to_index(),
            radius_m: p.travel_radius_m as f32,
            availability: p.availability.0,
            languages: p.languages.0,
            chance: p.balance.chance_to_give() as f32,
            protection: p.balance.protection() as f32,
            capacity: p.capacity,
            active: p.active_matches,
            flags,
        }
    }

    #[inline]
    pub fn is_live(&self) -> bool {
        self.flags & LIVE != 0
    }

    /// The load component (depends on the neighbour only).
    #[inline]
    pub fn load(&self) -> f64 {
        load(self.capacity, self.active, f64::from(self.protection))
    }

    /// Not paused and room for one more.
    #[inline]
    pub fn is_available(&self) -> bool {
        self.is_live() && self.flags & PAUSED == 0 && self.active < self.capacity
    }
}

/// The index of one organisation.
#[derive(Debug, Default)]
pub struct OrgIndex {
    pub(crate) tree: RTree<Entry, Params>,
    pub(crate) slots: Vec<Slot>,
    ids: IdTable,
    free: Vec<u32>,
}

impl OrgIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the index in one go (bulk-loaded tree). Later profiles with the same id
    /// replace earlier ones.
    pub fn bulk_load(profiles: impl IntoIterator<Item = NeighbourProfile>) -> Result<Self, EngineError> {
        let profiles = profiles.into_iter();
        let mut index = OrgIndex::new();
        index.slots.reserve(profiles.size_hint().0);
        index.ids = IdTable::with_capacity(profiles.size_hint().0);
        for p in profiles {
            p.validate()?;
            let slot = Slot::from_profile(&p);
            match index.ids.get(slot.id, &index.slots) {
                Some(i) => index.slots[i as usize] = slot,
                None => {
                    let i = u32::try_from(index.slots.len()).map_err(|_| EngineError::IndexFull)?;
                    index.slots.push(slot);
                    index.ids.insert(i, &index.slots);
                }
            }
        }
        let mut entries = Vec::with_capacity(index.slots.len());
        for (i, s) in index.slots.iter_mut().enumerate() {
            if s.is_available() {
                s.flags |= IN_TREE;
                entries.push(Entry::new(s, i as u32));
            }
        }
        index.tree = RTree::bulk_load_with_params(entries);
        Ok(index)
    }

    /// Adds or replaces a neighbour. The next candidate query sees the change.
    pub fn upsert(&mut self, profile: &NeighbourProfile) -> Result<(), EngineError> {
        profile.validate()?;
        let mut slot = Slot::from_profile(profile);
        if slot.is_available() {
            slot.flags |= IN_TREE;
        }
        match self.ids.get(slot.id, &self.slots) {
            Some(i) => {
                self.take_out_of_tree(i);
                self.slots[i as usize] = slot;
                self.put_in_tree(i);
            }
            None => {
                let i = match self.free.pop() {
                    Some(i) => i,
                    None => {
                        let i = u32::try_from(self.slots.len()).map_err(|_| EngineError::IndexFull)?;
                        self.slots.push(Slot::default());
                        i
                    }
                };
                self.slots[i as usize] = slot;
                self.ids.insert(i, &self.slots);
                self.put_in_tree(i);
            }
        }
        Ok(())
    }

    /// Changes only the number of active matches (after an accept or a close).
    pub fn set_active_matches(&mut self, id: NeighbourId, active: u8) -> Result<(), EngineError> {
        let i = self
            .ids
            .get(id.0, &self.slots)
            .ok_or(EngineError::UnknownNeighbour(id.0))?;
        self.take_out_of_tree(i);
        let slot = &mut self.slots[i as usize];
        slot.active = active;
        if slot.is_available() {
            slot.flags |= IN_TREE;
        }
        self.put_in_tree(i);
        Ok(())
    }

    /// Removes a neighbour (erased, or left). Returns whether they were known.
    pub fn remove(&mut self, id: NeighbourId) -> bool {
        let Some(i) = self.ids.remove(id.0, &self.slots) else {
            return false;
        };
        self.take_out_of_tree(i);
        self.slots[i as usize] = Slot::default();
        self.free.push(i);
        true
    }

    /// Inserts slot `i` into the tree if it is flagged to be there.
    fn put_in_tree(&mut self, i: u32) {
        let slot = &self.slots[i as usize];
        if slot.flags & IN_TREE != 0 {
            self.tree.insert(Entry::new(slot, i));
        }
    }

    fn take_out_of_tree(&mut self, i: u32) {
        let slot = &mut self.slots[i as usize];
        if slot.flags & IN_TREE != 0 {
            slot.flags &= !IN_TREE;
            let entry = Entry::new(slot, i);
            self.tree.remove(&entry);
        }
    }

    /// Neighbours known to the index (available or not).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.len() == 0
    }

    /// Neighbours in the tree (available now).
    pub fn available_len(&self) -> usize {
        self.tree.size()
    }

    /// How many more matches a neighbour can take now (0 when paused or unknown).
    pub fn remaining_capacity(&self, id: NeighbourId) -> u32 {
        self.slot_of(id).map_or(0, |i| {
            let s = &self.slots[i as usize];
            if s.is_available() {
                u32::from(s.capacity - s.active)
            } else {
                0
            }
        })
    }

    pub(crate) fn slot_of(&self, id: NeighbourId) -> Option<u32> {
        self.ids.get(id.0, &self.slots)
    }

    pub fn contains(&self, id: NeighbourId) -> bool {
        self.ids.get(id.0, &self.slots).is_some()
    }

    /// Whether a neighbour is in the tree now (for consistency checks).
    pub fn is_indexed_available(&self, id: NeighbourId) -> bool {
        self.ids
            .get(id.0, &self.slots)
            .is_some_and(|i| self.slots[i as usize].flags & IN_TREE != 0)
    }

    /// Checks the internal invariants (tree ⇔ available slots). Used by tests and by the
    /// service's consistency check.
    pub fn check_consistency(&self) -> Result<(), String> {
        let in_tree: usize = self.slots.iter().filter(|s| s.flags & IN_TREE != 0).count();
        if in_tree != self.tree.size() {
            return Err(format!(
                "{in_tree} slots marked in tree, tree holds {}",
                self.tree.size()
            ));
        }
        for e in self.tree.iter() {
            let s = self.slots.get(e.slot as usize).ok_or("tree entry without slot")?;
            if !s.is_available() || s.xy != e.xy {
                return Err(format!("tree entry for slot {} is stale", e.slot));
            }
        }
        for (i, s) in self.slots.iter().enumerate() {
            if s.is_available() != (s.flags & IN_TREE != 0) {
                return Err(format!("slot {i} availability and tree membership disagree"));
            }
        }
        Ok(())
    }
}
