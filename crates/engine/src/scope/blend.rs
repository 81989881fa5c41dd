//! Rules first, the learned model where the rules are silent or weak.
//!
//! * The rules refer a request (an out-of-scope score over the threshold): their verdict
//!   stands, unless their score is below `IMMUNE` and the model reads the words as small
//!   help by at least [`Policy::veto`] (then: small help, flagged for review).
//! * The rules flag weak signs for review: the flag stays, unless every model margin is
//!   below `-`[`Policy::clear`] (then: small help without review).
//! * The rules see small help: when the model's margin for an out-of-scope category
//!   reaches [`Policy::flag`] the request is flagged for review; from [`Policy::decide`]
//!   on it is also referred to the model's category (still flagged: a learned guess gets
//!   a coordinator's look before anything happens). When the rules found signs of small
//!   help (a phone, company, an errand) they are not silent: the model needs
//!   [`Policy::small_extra`] more margin.
//!
//! The thresholds were chosen by 5-fold cross-validation on the tuning data (`scope::cv`;
//! round 3: `cv_model_grid` on the 670 tuning rows). Since round 3 the rules catch most
//! of what the model used to catch, so the model only speaks where the rules are silent
//! (no sign of small help either) and its evidence is strong. The grid's top figure (margin
//! 11, also against signs of small help) is one or two rows better, within noise, and
//! refers "a flat on the third floor, help me with my phone" to heavy work: the guard keeps
//! the model quiet where the rules saw small help (tests: words of a job in everyday
//! sentences stay small help).

use super::model::Reading;
use super::rules::{Scores, IMMUNE};
use super::ScopeCategory;

/// Thresholds on the model's margin (its log-odds of an out-of-scope category against
/// small help, naive Bayes' sum over the known words and word pairs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Policy {
    pub flag: f32,
    pub decide: f32,
    pub clear: f32,
    pub veto: f32,
    /// When the rules found signs of small help (a phone, company, an errand) they are not
    /// silent: the model needs this much more margin to act.
    pub small_extra: f32,
}

/// The policy the guard uses.
pub(crate) const POLICY: Policy = Policy {
    flag: 8.0,
    decide: 8.0,
    clear: 3.0,
    veto: f32::INFINITY,
    small_extra: f32::INFINITY,
};

/// What the model did to the rules' verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ModelRole {
    /// Nothing: the rules decided.
    None,
    /// Flagged a small-help verdict for review (doubt: the model's category).
    Flagged,
    /// Referred the request to its category, flagged for review.
    Decided,
    /// Turned a weak referral into small help, flagged for review.
    Vetoed,
    /// Cleared the rules' weak review flag.
    Cleared,
}

/// The blended verdict: category, the category in doubt when a review is asked, and the
/// model's part.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Blended {
    pub category: ScopeCategory,
    pub review: Option<ScopeCategory>,
    pub role: ModelRole,
}

/// Blends the rules' verdict with the model's reading.
pub(crate) fn apply(
    policy: &Policy,
    category: ScopeCategory,
    review: Option<ScopeCategory>,
    scores: &Scores,
    reading: &Reading,
) -> Blended {
    let rules = Blended {
        category,
        review,
        role: ModelRole::None,
    };
    if category != ScopeCategory::SmallHelp {
        let score = scores
            .ranked()
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(0.0, |(_, s)| *s);
        let against = reading
            .margins
            .get(
                super::model::CLASSES
                    .iter()
                    .position(|c| *c == category)
                    .unwrap_or(0),
            )
            .copied()
            .unwrap_or(0.0);
        if score < IMMUNE && -against >= policy.veto {
            return Blended {
                category: ScopeCategory::SmallHelp,
                review: Some(category),
                role: ModelRole::Vetoed,
            };
        }
        return rules;
    }
    let margin = reading.margin();
    if review.is_some() {
        let all_small = reading.margins[1..].iter().all(|m| -*m >= policy.clear);
        if all_small {
            return Blended {
                category,
                review: None,
                role: ModelRole::Cleared,
            };
        }
        return rules;
    }
    let extra = if scores.small > 0.0 {
        policy.small_extra
    } else {
        0.0
    };
    if margin >= policy.decide + extra {
        Blended {
            category: reading.best,
            review: Some(reading.best),
            role: ModelRole::Decided,
        }
    } else if margin >= policy.flag + extra {
        Blended {
            category,
            review: Some(reading.best),
            role: ModelRole::Flagged,
        }
    } else {
        rules
    }
}
