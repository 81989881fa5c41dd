//! Turns matched cues and structured fields into evidence, scores per category, and the
//! decision.
//!
//! * Personal care and heavy: the sum of their cues.
//! * Structural: only when a chore is present — chore weight plus recurrence, minus
//!   one-off words. Recurrence alone (a weekly walk, a weekly coffee) never counts.
//! * Signs of small help (companionship, a phone, the pharmacy, kind = companionship)
//!   dampen *weak* scores; a strong cue (≥ `IMMUNE`) is never dampened.
//! * The best category wins when its score reaches `THRESHOLD`; ties go to personal
//!   care, then heavy, then structural. Otherwise: small help.
//! * Review ([`Scores::review`]): small help with an out-of-scope score between
//!   `REVIEW_FLOOR` and the threshold (weak evidence), or an out-of-scope verdict that
//!   only just passed the threshold against signs of small help (conflicting evidence).

use super::lexicon::{self, Signal, SmallKind, WEEKLY};
use super::matcher::Hit;
use super::normalise::Token;
use super::{Recurrence, ScopeCategory, ScopeInput};
use crate::request::RequestKind;

/// Score a category needs to be out of scope.
pub(crate) const THRESHOLD: f32 = 1.0;
/// Scores from here on are not dampened by signs of small help.
pub(crate) const IMMUNE: f32 = 1.6;
const DAMPING: f32 = 0.5;
const SMALL_CAP: f32 = 1.6;
/// From here on, an out-of-scope score below the threshold asks for a review.
pub(crate) const REVIEW_FLOOR: f32 = 0.6;
/// An out-of-scope verdict below this, with signs of small help, asks for a review.
pub(crate) const REVIEW_MARGIN: f32 = 1.3;
/// Practical work longer than this leans to heavy.
const LONG_MINUTES: u32 = 240;
const VERY_LONG_MINUTES: u32 = 480;

/// Where a piece of evidence comes from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Source {
    /// Matched words, as written; `multi` when more than one word.
    Words {
        text: String,
        multi: bool,
    },
    Recurrence(Recurrence),
    Duration(u32),
    Kind(RequestKind),
}

/// One cue or field, with what it signals.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Evidence {
    pub signal: Signal,
    pub weight: f32,
    pub source: Source,
    /// The negating word, when the cue is negated (it then weighs nothing).
    pub negated_by: Option<String>,
}

impl Evidence {
    pub(crate) fn active(&self) -> bool {
        self.negated_by.is_none()
    }
}

/// Evidence from matched words.
pub(crate) fn from_hits(hits: &[Hit], tokens: &[Token]) -> Vec<Evidence> {
    hits.iter()
        .filter(|h| h.entry.signal != Signal::Neutral)
        .map(|h| Evidence {
            signal: h.entry.signal,
            weight: h.entry.weight,
            source: Source::Words {
                text: surface(&h.tokens, tokens),
                multi: h.tokens.len() > 1,
            },
            negated_by: h
                .negated_by
                .and_then(|i| tokens.get(i))
                .map(|t| t.surface.clone()),
        })
        .collect()
}

/// The written words of a match; gaps shown as "…".
fn surface(idx: &[usize], tokens: &[Token]) -> String {
    let mut out = String::new();
    for (k, &i) in idx.iter().enumerate() {
        if k > 0 {
            out.push_str(if idx[k - 1] + 1 == i { " " } else { " … " });
        }
        if let Some(t) = tokens.get(i) {
            out.push_str(&t.surface);
        }
    }
    out
}

fn field(signal: Signal, weight: f32, source: Source) -> Evidence {
    Evidence {
        signal,
        weight,
        source,
        negated_by: None,
    }
}

/// Evidence from the structured fields.
pub(crate) fn from_fields(input: &ScopeInput<'_>) -> Vec<Evidence> {
    let mut out = Vec::new();
    let social = matches!(
        input.kind,
        Some(RequestKind::Companionship | RequestKind::Emotional)
    );
    if let Some(r) = input.recurrence {
        let (signal, weight) = match r {
            Recurrence::Once | Recurrence::Occasional => (Signal::OneOff, 0.6),
            Recurrence::Monthly => (Signal::Recur, lexicon::MONTHLY),
            Recurrence::Weekly => (Signal::Recur, lexicon::WEEKLY),
            Recurrence::SeveralPerWeek => (Signal::Recur, lexicon::SEVERAL),
            Recurrence::Daily => (Signal::Recur, lexicon::DAILY),
        };
        out.push(field(signal, weight, Source::Recurrence(r)));
        let frequent = weight >= lexicon::WEEKLY && signal == Signal::Recur;
        if frequent && input.kind == Some(RequestKind::Practical) {
            out.push(field(Signal::Chore, 0.3, Source::Kind(RequestKind::Practical)));
        }
    }
    if let Some(kind) = input.kind.filter(|_| social) {
        let small = match kind {
            RequestKind::Emotional => SmallKind::Emotional,
            _ => SmallKind::Company,
        };
        out.push(field(Signal::Small(small), 0.6, Source::Kind(kind)));
    }
    if let Some(minutes) = input.duration_minutes.filter(|m| *m > LONG_MINUTES && !social) {
        let weight = if minutes >= VERY_LONG_MINUTES { 1.0 } else { 0.7 };
        out.push(field(Signal::Heavy, weight, Source::Duration(minutes)));
    }
    out
}

/// Raw sums per signal.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Scores {
    pub care: f32,
    pub heavy: f32,
    pub chore: f32,
    pub recur: f32,
    pub once: f32,
    pub small: f32,
}

impl Scores {
    pub(crate) fn of(evidence: &[Evidence]) -> Scores {
        let mut s = Scores::default();
        for e in evidence.iter().filter(|e| e.active()) {
            let slot = match e.signal {
                Signal::Care => &mut s.care,
                Signal::Heavy => &mut s.heavy,
                Signal::Chore => &mut s.chore,
                Signal::Recur => &mut s.recur,
                Signal::OneOff => &mut s.once,
                Signal::Small(_) => &mut s.small,
                Signal::Neutral => continue,
            };
            *slot += e.weight;
        }
        s
    }

    /// Structural score: a chore, made heavier by recurrence, lighter by one-off words.
    pub(crate) fn structural(&self) -> f32 {
        if self.chore > 0.0 {
            self.chore + self.recur - self.once
        } else {
            0.0
        }
    }

    /// A raw score after damping by signs of small help.
    pub(crate) fn effective(&self, raw: f32) -> f32 {
        if raw >= IMMUNE {
            raw
        } else {
            raw - DAMPING * self.small.min(SMALL_CAP)
        }
    }

    /// Effective scores in tie-break order.
    pub(crate) fn ranked(&self) -> [(ScopeCategory, f32); 3] {
        [
            (ScopeCategory::PersonalCare, self.effective(self.care)),
            (ScopeCategory::Heavy, self.effective(self.heavy)),
            (ScopeCategory::Structural, self.effective(self.structural())),
        ]
    }

    /// Whether a coordinator should look, and the out-of-scope category that makes the
    /// evidence weak or conflicting: small help with a weak out-of-scope score, or an
    /// out-of-scope verdict that only just passed the threshold against signs of small help.
    pub(crate) fn review(&self, decided: ScopeCategory) -> Option<ScopeCategory> {
        if decided == ScopeCategory::SmallHelp {
            // Chores without a weekly rhythm are small help, not doubt ("boodschappen doen,
            // grasmaaien"): structural doubt needs recurrence.
            let weak = |(cat, score): &(ScopeCategory, f32)| {
                *score >= REVIEW_FLOOR && (*cat != ScopeCategory::Structural || self.recur >= WEEKLY)
            };
            let mut ranked: Vec<(ScopeCategory, f32)> = self.ranked().into_iter().filter(weak).collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
            ranked.first().map(|(cat, _)| *cat)
        } else {
            let score = self
                .ranked()
                .iter()
                .find(|(cat, _)| *cat == decided)
                .map_or(0.0, |(_, s)| *s);
            (score < REVIEW_MARGIN && self.small > 0.0).then_some(decided)
        }
    }

    /// The verdict's category.
    pub(crate) fn decide(&self) -> ScopeCategory {
        let mut best = (ScopeCategory::SmallHelp, THRESHOLD - f32::EPSILON);
        for (cat, score) in self.ranked() {
            if score > best.1 {
                best = (cat, score);
            }
        }
        best.0
    }
}
