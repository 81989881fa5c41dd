//! A sliding-window counter of failures per key (e-mail + address).
//!
//! In memory and per instance: with several API instances each throttles on its own,
//! so the effective limit is `max × instances`. Good enough against guessing from one
//! place; a shared limit needs the store (see STORE_REQUESTS.md).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Above this many tracked keys, expired entries are swept on every failure.
const SWEEP_ABOVE: usize = 10_000;

pub struct Throttle {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    pub fn new(max_failures: usize, window: Duration) -> Self {
        Self {
            max_failures: max_failures.max(1),
            window,
            failures: Mutex::default(),
        }
    }

    /// `Err(seconds)` when `key` has had too many recent failures.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.check_at(key, Instant::now())
    }

    fn check_at(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let Some(times) = map.get_mut(key) else {
            return Ok(());
        };
        prune(times, now, self.window);
        if times.len() < self.max_failures {
            return Ok(());
        }
        let oldest = times.front().copied().unwrap_or(now);
        let wait = (oldest + self.window).saturating_duration_since(now);
        Err(wait.as_secs().max(1))
    }

    /// Records one failure for `key`.
    pub fn record_failure(&self, key: &str) {
        self.record_at(key, Instant::now());
    }

    fn record_at(&self, key: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > SWEEP_ABOVE {
            let window = self.window;
            map.retain(|_, t| {
                prune(t, now, window);
                !t.is_empty()
            });
        }
        let times = map.entry(key.to_string()).or_default();
        prune(times, now, self.window);
        times.push_back(now);
        while times.len() > self.max_failures {
            times.pop_front();
        }
    }

    /// Forgets the failures of `key` (after a success).
    pub fn clear(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(key);
    }
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_and_releases_after_window() {
        let t = Throttle::new(3, Duration::from_secs(60));
        let now = Instant::now();
        for _ in 0..3 {
            assert!(t.check_at("a", now).is_ok());
            t.record_at("a", now);
        }
        let wait = t.check_at("a", now).unwrap_err();
        assert!((59..=60).contains(&wait));
        assert!(t.check_at("b", now).is_ok());
        assert!(t.check_at("a", now + Duration::from_secs(61)).is_ok());
        t.clear("a");
        assert!(t.check_at("a", now).is_ok());
    }
}
