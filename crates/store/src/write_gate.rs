//! Writers of one SQLite file take turns in the process before they take SQLite's lock.
//!
//! SQLite has one writer at a time. A `BEGIN IMMEDIATE` that finds the file locked waits
//! in SQLite's busy handler, which polls with growing sleeps and is not fair: under a
//! steady stream of writes one transaction can keep losing for longer than
//! `busy_timeout` (5 s) and fail with "database is locked" (a 503), while every waiting
//! writer holds a pooled connection that readers need. So [`Store`](crate::Store)'s
//! write transactions on SQLite first pass this gate: first come, first served, waiting
//! without a connection; SQLite's own lock then only arbitrates between processes.
//!
//! The gate is per database file and per process (all pools on one file share it). A
//! thread that already holds it passes again at once (a nested write then meets
//! SQLite's lock, as without the gate), and a writer that waited [`MAX_WAIT`] goes on
//! without its turn, so the gate can delay a write but never hang it.

use std::cell::Cell;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

/// The longest wait for a turn (SQLite's `busy_timeout`).
pub const MAX_WAIT: Duration = Duration::from_secs(5);

#[derive(Debug, Default)]
struct Turns {
    /// The next ticket to hand out.
    next: u64,
    /// The ticket whose turn it is.
    serving: u64,
    /// Tickets whose holders stopped waiting: skipped when their turn comes.
    abandoned: BTreeSet<u64>,
}

/// A first-come, first-served gate (a ticket lock).
#[derive(Debug, Default)]
pub struct WriteGate {
    turns: Mutex<Turns>,
    turn: Condvar,
}

thread_local! {
    /// Whether this thread is inside a gate (any gate: writes never nest across files).
    static INSIDE: Cell<bool> = const { Cell::new(false) };
}

/// A turn; the next writer goes when it is dropped.
#[derive(Debug)]
pub struct Turn<'a> {
    gate: Option<&'a WriteGate>,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        if let Some(gate) = self.gate {
            INSIDE.with(|i| i.set(false));
            let mut guard = gate.turns.lock().unwrap_or_else(PoisonError::into_inner);
            let t = &mut *guard;
            t.serving += 1;
            while t.abandoned.remove(&t.serving) {
                t.serving += 1;
            }
            drop(guard);
            gate.turn.notify_all();
        }
    }
}

impl WriteGate {
    /// The gate of the SQLite file at `path` (one per file and process).
    pub fn for_file(path: &str) -> Arc<WriteGate> {
        static GATES: OnceLock<Mutex<HashMap<String, Arc<WriteGate>>>> = OnceLock::new();
        let key = std::fs::canonicalize(path)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| path.to_string());
        let mut gates = GATES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        gates.entry(key).or_default().clone()
    }

    /// Waits for this writer's turn, at most `max_wait` (then it goes on without one).
    pub fn enter(&self, max_wait: Duration) -> Turn<'_> {
        if INSIDE.with(Cell::get) {
            return Turn { gate: None };
        }
        let deadline = Instant::now() + max_wait;
        let mut t = self.turns.lock().unwrap_or_else(PoisonError::into_inner);
        let ticket = t.next;
        t.next += 1;
        loop {
            if t.serving == ticket {
                INSIDE.with(|i| i.set(true));
                return Turn { gate: Some(self) };
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                t.abandoned.insert(ticket);
                return Turn { gate: None };
            }
            t = self
                .turn
                .wait_timeout(t, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn writers_go_in_the_order_they_came() {
        let gate = Arc::new(WriteGate::default());
        let order = Arc::new(Mutex::new(Vec::new()));
        let first = gate.enter(MAX_WAIT);
        let mut waiting = Vec::new();
        for k in 0..5 {
            let (g, order) = (gate.clone(), order.clone());
            waiting.push(std::thread::spawn(move || {
                let _turn = g.enter(MAX_WAIT);
                order.lock().unwrap().push(k);
            }));
            // Each one queued before the next comes.
            while gate.turns.lock().unwrap().next < k + 2 {
                std::thread::yield_now();
            }
        }
        drop(first);
        for w in waiting {
            w.join().unwrap();
        }
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_nested_write_passes_and_a_long_wait_goes_on_without_a_turn() {
        let gate = Arc::new(WriteGate::default());
        let outer = gate.enter(MAX_WAIT);
        let inner = gate.enter(MAX_WAIT);
        assert!(inner.gate.is_none(), "same thread: no second turn, no deadlock");
        drop(inner);
        let g = gate.clone();
        let waited = std::thread::spawn(move || {
            let t = Instant::now();
            let turn = g.enter(Duration::from_millis(50));
            (turn.gate.is_none(), t.elapsed())
        })
        .join()
        .unwrap();
        assert!(waited.0, "gave up its turn");
        assert!(waited.1 >= Duration::from_millis(50) && waited.1 < Duration::from_secs(2));
        drop(outer);
        // The abandoned ticket is skipped: the next writer gets its turn at once.
        let g = gate.clone();
        let next = std::thread::spawn(move || g.enter(Duration::from_millis(500)).gate.is_some());
        assert!(next.join().unwrap());
    }
}
