//! What the simulator reports per policy.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The measures every policy reports, in this order (issue 15), then calibration figures.
pub const MEASURES: [&str; 10] = [
    "match_rate",
    "median_days_to_match",
    "median_distance_m",
    "frequent_askers_gave_share",
    "top10_helpers_share",
    "gini_active",
    "gini_registered",
    "ever_helped_share",
    "helper_retention",
    "ties_continued_share",
];

/// Further figures: for calibration against the evidence and retention by load.
pub const EXTRA: [&str; 7] = [
    "top25_helpers_share",
    "first_contact_success",
    "helper_retention_1_2_acts",
    "helper_retention_3_9_acts",
    "helper_retention_10plus_acts",
    "repeat_pairs",
    "referrals",
];

/// Figures of one policy over the simulated period, by name (`MEASURES`, then `EXTRA`).
/// A figure with nothing to measure (e.g. no helper with 10+ acts) is absent.
#[derive(Debug, Clone, Serialize, Default)]
#[serde(transparent)]
pub struct PolicyReport(pub BTreeMap<&'static str, f64>);

impl PolicyReport {
    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.get(name).copied()
    }
}

pub struct Outcome {
    pub in_scope_requests: usize,
    pub referrals: usize,
    pub still_open: usize,
    days_to_match: Vec<u32>,
    distances: Vec<f64>,
    given: Vec<u32>,
    first_contacts: usize,
    first_contacts_accepted: usize,
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
            first_contacts: 0,
            first_contacts_accepted: 0,
        }
    }

    pub fn given(&self, i: usize) -> u32 {
        self.given.get(i).copied().unwrap_or(0)
    }

    pub fn given_slice(&self) -> &[u32] {
        &self.given
    }

    pub fn record_first_contact(&mut self, accepted: bool) {
        self.first_contacts += 1;
        self.first_contacts_accepted += usize::from(accepted);
    }

    pub fn record_match(&mut self, days: u32, distance_m: f64, companion: usize, _requester: usize) {
        self.days_to_match.push(days);
        self.distances.push(distance_m);
        self.given[companion] += 1;
    }

    pub fn record_help_back(&mut self, requester: usize, _companion: usize) {
        self.given[requester] += 1;
    }

    /// `registered`: took part at some point; `retained`: had not stopped helping or left
    /// at the end; `asked`: requests per person; `ties`: (going on, judged).
    pub fn report(
        self,
        met: &HashMap<(usize, usize), u32>,
        registered: &[bool],
        retained: &[bool],
        asked: &[u32],
        ties: (usize, usize),
    ) -> PolicyReport {
        let mut out = BTreeMap::new();
        let matched = self.days_to_match.len();
        out.insert("match_rate", ratio(matched, self.in_scope_requests));
        out.insert(
            "median_days_to_match",
            median(self.days_to_match.iter().map(|d| f64::from(*d)).collect()),
        );
        out.insert("median_distance_m", median(self.distances.clone()).round());
        let frequent: Vec<usize> = (0..asked.len()).filter(|&i| asked[i] >= 3).collect();
        if !frequent.is_empty() {
            let gave = frequent.iter().filter(|&&i| self.given[i] > 0).count();
            out.insert("frequent_askers_gave_share", ratio(gave, frequent.len()));
        }
        let mut active: Vec<f64> = self
            .given
            .iter()
            .filter(|g| **g > 0)
            .map(|g| f64::from(*g))
            .collect();
        active.sort_by(|a, b| b.total_cmp(a));
        out.insert("top10_helpers_share", round4(top_share(&active, 0.10)));
        out.insert("top25_helpers_share", round4(top_share(&active, 0.25)));
        out.insert("gini_active", round4(gini(active.clone())));
        let reg: Vec<f64> = self
            .given
            .iter()
            .zip(registered)
            .filter(|(_, r)| **r)
            .map(|(g, _)| f64::from(*g))
            .collect();
        out.insert("gini_registered", round4(gini(reg.clone())));
        out.insert(
            "ever_helped_share",
            ratio(reg.iter().filter(|g| **g > 0.0).count(), reg.len()),
        );
        let retention = |lo: u32, hi: u32| {
            let helpers: Vec<usize> = (0..self.given.len())
                .filter(|&i| (lo..=hi).contains(&self.given[i]))
                .collect();
            (!helpers.is_empty())
                .then(|| ratio(helpers.iter().filter(|&&i| retained[i]).count(), helpers.len()))
        };
        let buckets = [
            ("helper_retention", 1, u32::MAX),
            ("helper_retention_1_2_acts", 1, 2),
            ("helper_retention_3_9_acts", 3, 9),
            ("helper_retention_10plus_acts", 10, u32::MAX),
        ];
        for (name, lo, hi) in buckets {
            if let Some(v) = retention(lo, hi) {
                out.insert(name, v);
            }
        }
        if ties.1 > 0 {
            out.insert("ties_continued_share", ratio(ties.0, ties.1));
        }
        if self.first_contacts > 0 {
            out.insert(
                "first_contact_success",
                ratio(self.first_contacts_accepted, self.first_contacts),
            );
        }
        out.insert("repeat_pairs", met.values().filter(|v| **v > 1).count() as f64);
        out.insert("referrals", self.referrals as f64);
        PolicyReport(out)
    }
}

/// Share of the total held by the top `q` of values sorted from largest to smallest.
fn top_share(sorted_desc: &[f64], q: f64) -> f64 {
    let total: f64 = sorted_desc.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let k = ((sorted_desc.len() as f64 * q).ceil() as usize).max(1);
    sorted_desc.iter().take(k).sum::<f64>() / total
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

/// Mean and 95 % t-interval over seeds.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Interval {
    pub mean: f64,
    pub lo: f64,
    pub hi: f64,
}

/// Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom.
fn t975(df: usize) -> f64 {
    const T: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042,
    ];
    match df {
        0 => f64::NAN,
        1..=30 => T[df - 1],
        31..=60 => 2.00,
        61..=120 => 1.98,
        _ => 1.96,
    }
}

/// The mean and its 95 % t-interval (lo = hi = mean for a single value).
pub fn interval(values: &[f64]) -> Option<Interval> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n == 1 {
        return Some(Interval {
            mean,
            lo: mean,
            hi: mean,
        });
    }
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    let half = t975(n - 1) * (var / n as f64).sqrt();
    let r = |x: f64| (x * 10_000.0).round() / 10_000.0;
    Some(Interval {
        mean: r(mean),
        lo: r(mean - half),
        hi: r(mean + half),
    })
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

    #[test]
    fn shares_and_intervals() {
        let v = [50.0, 10.0, 10.0, 10.0, 5.0, 5.0, 4.0, 3.0, 2.0, 1.0];
        assert!((top_share(&v, 0.10) - 0.5).abs() < 1e-12);
        let i = interval(&[1.0, 2.0, 3.0]).unwrap_or(Interval {
            mean: 0.0,
            lo: 0.0,
            hi: 0.0,
        });
        assert_eq!(i.mean, 2.0);
        // sd 1, n 3: half width 4.303 / sqrt(3) = 2.4843.
        assert!((i.hi - 4.4843).abs() < 1e-3, "{i:?}");
        assert!(interval(&[]).is_none());
    }
}
