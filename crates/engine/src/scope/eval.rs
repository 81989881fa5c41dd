//! Measuring the guard against labelled requests: exact accuracy per language and per
//! category, a confusion matrix, and the two figures issue 17 asks for — out-of-scope
//! requests *caught* (referred, or flagged for a coordinator's review) and small help
//! *accepted without review*. Pure counting; reading files is the caller's business.

use super::{ScopeCategory, ScopeVerdict};
use serde::Serialize;
use std::collections::BTreeMap;

/// The categories in the order of the confusion matrix's rows and columns.
pub const CATEGORIES: [ScopeCategory; 4] = [
    ScopeCategory::SmallHelp,
    ScopeCategory::Structural,
    ScopeCategory::Heavy,
    ScopeCategory::PersonalCare,
];

fn slot(c: ScopeCategory) -> usize {
    match c {
        ScopeCategory::SmallHelp => 0,
        ScopeCategory::Structural => 1,
        ScopeCategory::Heavy => 2,
        ScopeCategory::PersonalCare => 3,
    }
}

/// Counts over a set of labelled requests.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    pub total: u32,
    /// Predicted category equals the label.
    pub exact: u32,
    /// `confusion[expected][predicted]`, both in [`CATEGORIES`] order.
    pub confusion: [[u32; 4]; 4],
    /// `review[expected]`: how many were flagged for review.
    pub review: [u32; 4],
    /// `handled[expected]`: for an out-of-scope label, referred (any out-of-scope
    /// category) or flagged for review; for small help, accepted without review.
    pub handled: [u32; 4],
}

impl Tally {
    /// Counts one verdict against its label.
    pub fn add(&mut self, expected: ScopeCategory, verdict: &ScopeVerdict) {
        let (e, p) = (slot(expected), slot(verdict.category));
        self.total += 1;
        self.confusion[e][p] += 1;
        if e == p {
            self.exact += 1;
        }
        if verdict.needs_review {
            self.review[e] += 1;
        }
        let handled = if expected == ScopeCategory::SmallHelp {
            verdict.in_scope && !verdict.needs_review
        } else {
            !verdict.in_scope || verdict.needs_review
        };
        if handled {
            self.handled[e] += 1;
        }
    }

    /// How many were labelled `expected`.
    pub fn labelled(&self, expected: ScopeCategory) -> u32 {
        self.confusion[slot(expected)].iter().sum()
    }

    /// How many labelled `expected` got exactly that category.
    pub fn right(&self, expected: ScopeCategory) -> u32 {
        let e = slot(expected);
        self.confusion[e][e]
    }

    /// See [`Tally::handled`].
    pub fn handled(&self, expected: ScopeCategory) -> u32 {
        self.handled[slot(expected)]
    }

    /// How many labelled `expected` were flagged for review.
    pub fn reviewed(&self, expected: ScopeCategory) -> u32 {
        self.review[slot(expected)]
    }

    /// Labelled out of scope (structural, heavy or personal care).
    pub fn out_total(&self) -> u32 {
        self.total - self.labelled(ScopeCategory::SmallHelp)
    }

    /// Labelled out of scope and referred, or flagged for review.
    pub fn out_caught(&self) -> u32 {
        CATEGORIES[1..].iter().map(|&c| self.handled(c)).sum()
    }

    /// Labelled small help.
    pub fn small_total(&self) -> u32 {
        self.labelled(ScopeCategory::SmallHelp)
    }

    /// Labelled small help, accepted without review.
    pub fn small_clean(&self) -> u32 {
        self.handled(ScopeCategory::SmallHelp)
    }
}

/// `part / whole` as a percentage; 0 for an empty whole.
pub fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * f64::from(part) / f64::from(whole)
    }
}

/// Counts per language and over all languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    pub overall: Tally,
    pub by_lang: BTreeMap<String, Tally>,
}

impl EvalReport {
    /// Counts one verdict against its label, under its language (`nl`, `fr`, `en`, ...).
    pub fn add(&mut self, lang: &str, expected: ScopeCategory, verdict: &ScopeVerdict) {
        self.overall.add(expected, verdict);
        self.by_lang
            .entry(lang.to_owned())
            .or_default()
            .add(expected, verdict);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(category: ScopeCategory, needs_review: bool) -> ScopeVerdict {
        ScopeVerdict {
            in_scope: category == ScopeCategory::SmallHelp,
            category,
            reasons: Vec::new(),
            overridden: false,
            needs_review,
        }
    }

    #[test]
    fn counts_caught_and_clean_as_the_issue_defines_them() {
        use ScopeCategory::*;
        let mut r = EvalReport::default();
        r.add("nl", Heavy, &verdict(Heavy, false)); // caught, exact
        r.add("nl", Heavy, &verdict(Structural, false)); // caught, not exact
        r.add("nl", PersonalCare, &verdict(SmallHelp, true)); // caught by review
        r.add("nl", Structural, &verdict(SmallHelp, false)); // missed
        r.add("fr", SmallHelp, &verdict(SmallHelp, false)); // clean
        r.add("fr", SmallHelp, &verdict(SmallHelp, true)); // accepted, but costs a review
        r.add("fr", SmallHelp, &verdict(Heavy, false)); // false alarm
        let nl = &r.by_lang["nl"];
        assert_eq!((nl.out_total(), nl.out_caught(), nl.exact), (4, 3, 1));
        assert_eq!(nl.confusion[2], [0, 1, 1, 0]);
        assert_eq!(nl.reviewed(PersonalCare), 1);
        let fr = &r.by_lang["fr"];
        assert_eq!((fr.small_total(), fr.small_clean(), fr.exact), (3, 1, 2));
        assert_eq!(r.overall.total, 7);
        assert_eq!(r.overall.out_caught() + r.overall.small_clean(), 4);
        assert!((percent(1, 3) - 33.333).abs() < 0.01);
        assert!(percent(0, 0).abs() < f64::EPSILON);
    }
}
