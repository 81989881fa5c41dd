//! Neighbour id → slot number, as a hash table of bare `u32` slot numbers whose keys live
//! in the slots themselves (5 bytes per bucket instead of 16 for a `HashMap<u64, u32>`).

use crate::index::Slot;
use hashbrown::{DefaultHashBuilder, HashTable};
use std::hash::BuildHasher;

#[derive(Debug, Default)]
pub(crate) struct IdTable {
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl IdTable {
    pub fn with_capacity(n: usize) -> Self {
        Self {
            table: HashTable::with_capacity(n),
            hasher: DefaultHashBuilder::default(),
        }
    }

    pub fn get(&self, id: u64, slots: &[Slot]) -> Option<u32> {
        let h = self.hasher.hash_one(id);
        self.table.find(h, |&i| slots[i as usize].id == id).copied()
    }

    /// Adds slot `i`, whose `id` must already be written into `slots[i]`.
    pub fn insert(&mut self, i: u32, slots: &[Slot]) {
        let hasher = &self.hasher;
        let h = hasher.hash_one(slots[i as usize].id);
        self.table
            .insert_unique(h, i, |&j| hasher.hash_one(slots[j as usize].id));
    }

    pub fn remove(&mut self, id: u64, slots: &[Slot]) -> Option<u32> {
        let h = self.hasher.hash_one(id);
        match self.table.find_entry(h, |&i| slots[i as usize].id == id) {
            Ok(entry) => Some(entry.remove().0),
            Err(_) => None,
        }
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }
}
