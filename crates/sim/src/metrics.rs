//! What the simulator reports per policy.

use serde::Serialize;
use std::collections::HashMap;

/// Figures of one policy over the simulated period.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyReport {
    /// Matched requests / in-scope requests that arrived.
    pub match_rate: f64,
    pub matched: usize,
    pub in_scope_requests: usize,
    pub median_days_to_match: f64,
    pub median_distance_m: f64,
    /// Of everyone who took part in help (either side), the share who both helped and
    /// were helped during the period.
    pub helped_and_was_helped_share: f64,
    /// Gini coefficient of acts of help given, over everyone present during the period.
    pub gini_help_given: f64,
    /// Pairs who were matched more than once.
    pub repeat_pairs: usize,
    /// Out of scope at once, or no match within the expiry time.
    pub referrals: usize,
    pub still_open_at_end: usize,
}

pub struct Outcome {
    pub in_scope_requests: usize,
    pub referrals: usize,
    pub still_open: usize,
    days_to_match: Vec<u32>,
    distances: Vec<f64>,
    given: Vec<u32>,
    helped: Vec<bool>,
    was_helped: Vec<bool>,
}

impl Outcome {
    pub fn new(n: usize) -> Self {
        Self {
            in_scope_requests: 0,
            referrals: 0,
            still_open: 0,
            days_to_match: Vec::new(),
            distances: Vec::new(),
            given: vec![0; n],
            helped: vec![false; n],
            was_helped: vec![false; n],
        }
    }

    pub fn record_match(&mut self, days: u32, distance_m: f64, companion: usize, requester: usize) {
        self.days_to_match.push(days);
        self.distances.push(distance_m);
        self.given[companion] += 1;
        self.helped[companion] = true;
        self.was_helped[requester] = true;
    }

    pub fn record_help_back(&mut self, requester: usize, companion: usize) {
        self.given[requester] += 1;
        self.helped[requester] = true;
        self.was_helped[companion] = true;
    }

    pub fn report(self, met: &HashMap<(usize, usize), u32>, present: &[bool]) -> PolicyReport {
        let matched = self.days_to_match.len();
        let participants = self
            .helped
            .iter()
            .zip(&self.was_helped)
            .filter(|(a, b)| **a || **b)
            .count();
        let both = self
            .helped
            .iter()
            .zip(&self.was_helped)
            .filter(|(a, b)| **a && **b)
            .count();
        let given: Vec<f64> = self
            .given
            .iter()
            .zip(present)
            .filter(|(_, p)| **p)
            .map(|(g, _)| f64::from(*g))
            .collect();
        PolicyReport {
            match_rate: ratio(matched, self.in_scope_requests),
            matched,
            in_scope_requests: self.in_scope_requests,
            median_days_to_match: median(self.days_to_match.iter().map(|d| f64::from(*d)).collect()),
            median_distance_m: median(self.distances.clone()).round(),
            helped_and_was_helped_share: ratio(both, participants),
            gini_help_given: round4(gini(given)),
            repeat_pairs: met.values().filter(|v| **v > 1).count(),
            referrals: self.referrals,
            still_open_at_end: self.still_open,
        }
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        round4(a as f64 / b as f64)
    }
}

pub fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// Gini coefficient of non-negative values (0 = everyone the same).
pub fn gini(mut v: Vec<f64>) -> f64 {
    let n = v.len();
    let sum: f64 = v.iter().sum();
    if n == 0 || sum <= 0.0 {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let weighted: f64 = v.iter().enumerate().map(|(i, x)| (i as f64 + 1.0) * x).sum();
    (2.0 * weighted) / (n as f64 * sum) - (n as f64 + 1.0) / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_of_equal_and_concentrated() {
        assert!(gini(vec![1.0; 10]).abs() < 1e-12);
        let g = gini(vec![0.0, 0.0, 0.0, 10.0]);
        assert!((g - 0.75).abs() < 1e-12, "{g}");
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
    }
}
