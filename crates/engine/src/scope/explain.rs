//! The reasons of a verdict, each a message of the catalogue `scope.ftl` (rendered in
//! Dutch, French and English by `nabij-i18n`), naming the word or field that decided and
//! the category it points to. Quoted words are arguments, kept as the resident wrote them
//! (after normalising) in every language.
//!
//! A source (the word or field a reason names) is given as the arguments `source`
//! (`word`, `words`, `recurrence`, `duration` or `kind`) and `text` (the words),
//! `recurrence` (its code), `minutes` or `kind` (its code). What a reason points to is
//! `to`: a category code (`small_help`, `structural`, `heavy`, `personal_care`) or a kind
//! of small help (`company`, `emotional`, `tech`, `errand`, `repair`).

use super::lexicon::{Signal, SmallKind};
use super::reason::ScopeReason;
use super::rules::{Evidence, Scores, Source, THRESHOLD};
use super::ScopeCategory;
use crate::message::Message;

/// What a reason points to, for small help of a kind.
fn small_code(kind: SmallKind) -> &'static str {
    match kind {
        SmallKind::Company => "company",
        SmallKind::Emotional => "emotional",
        SmallKind::Tech => "tech",
        SmallKind::Errand => "errand",
        SmallKind::Repair => "repair",
        SmallKind::Other => "small_help",
    }
}

/// A message naming `source` in its arguments.
fn with_source(id: &str, source: &Source) -> Message {
    let m = Message::new(id);
    match source {
        Source::Words { text, multi } => m
            .arg("source", if *multi { "words" } else { "word" })
            .arg("text", text.as_str()),
        Source::Recurrence(r) => m.arg("source", "recurrence").arg("recurrence", r.code()),
        Source::Duration(minutes) => m.arg("source", "duration").arg("minutes", *minutes),
        Source::Kind(k) => m.arg("source", "kind").arg("kind", k.code()),
    }
}

/// "woord 'x' wijst op …", "le mot 'x' indique …", "word 'x' points to …", or the field
/// equivalent.
fn points_to(source: &Source, to: &str) -> ScopeReason {
    with_source("scope-points-to", source).arg("to", to).into()
}

fn by_weight(evidence: &[Evidence], pred: impl Fn(&Evidence) -> bool) -> Vec<&Evidence> {
    let mut v: Vec<&Evidence> = evidence.iter().filter(|e| pred(e)).collect();
    v.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    v
}

/// Reasons for an out-of-scope category: its cues, strongest first.
fn out_of_scope(cat: ScopeCategory, evidence: &[Evidence], scores: &Scores) -> Vec<ScopeReason> {
    let wanted = |s: Signal| match cat {
        ScopeCategory::PersonalCare => s == Signal::Care,
        ScopeCategory::Heavy => s == Signal::Heavy,
        ScopeCategory::Structural => s == Signal::Chore || (s == Signal::Recur && scores.chore > 0.0),
        ScopeCategory::SmallHelp => false,
    };
    by_weight(evidence, |e| e.active() && wanted(e.signal))
        .into_iter()
        .map(|e| match e.signal {
            // "herhaling 'elke week' maakt de taak structureel" (or the recurrence field).
            Signal::Recur => with_source("scope-makes-structural", &e.source).into(),
            _ => points_to(&e.source, cat.code()),
        })
        .collect()
}

/// Reasons for small help: signs of small help, negated or too weak cues, the default.
fn in_scope(evidence: &[Evidence], scores: &Scores) -> Vec<ScopeReason> {
    let mut out = Vec::new();
    for e in by_weight(evidence, |e| e.active()) {
        let s = &e.source;
        let id = match e.signal {
            Signal::Small(kind) => {
                out.push(points_to(s, small_code(kind)));
                continue;
            }
            Signal::OneOff => "scope-one-off",
            Signal::Chore => "scope-chore-without-recurrence",
            Signal::Recur if scores.chore <= 0.0 => "scope-recurrence-stays-small",
            Signal::Care | Signal::Heavy => "scope-not-enough-to-refer",
            _ => continue,
        };
        out.push(with_source(id, s).into());
    }
    for e in evidence
        .iter()
        .filter(|e| !e.active() && is_out_of_scope(e.signal))
    {
        let by = e.negated_by.as_deref().unwrap_or_default();
        out.push(with_source("scope-negated", &e.source).arg("by", by).into());
    }
    let any_signal = evidence.iter().any(|e| e.active() && is_out_of_scope(e.signal));
    if !any_signal {
        out.push(Message::new("scope-no-signs").into());
    }
    out
}

fn is_out_of_scope(s: Signal) -> bool {
    matches!(s, Signal::Care | Signal::Heavy | Signal::Chore)
}

/// All reasons for a verdict; other categories that also reached the threshold follow.
pub(crate) fn reasons(cat: ScopeCategory, evidence: &[Evidence], scores: &Scores) -> Vec<ScopeReason> {
    if cat == ScopeCategory::SmallHelp {
        return in_scope(evidence, scores);
    }
    let mut out = out_of_scope(cat, evidence, scores);
    for (other, score) in scores.ranked() {
        if other != cat && score >= THRESHOLD {
            out.extend(out_of_scope(other, evidence, scores));
        }
    }
    out.dedup();
    out
}

/// Why a coordinator should review the verdict: weak signs of `doubt` under a small-help
/// verdict, or an out-of-scope verdict that only just outweighs signs of small help.
pub(crate) fn review_reason(decided: ScopeCategory, doubt: ScopeCategory) -> ScopeReason {
    let id = if decided == ScopeCategory::SmallHelp {
        "scope-review-weak-signs"
    } else {
        "scope-review-just-outweighs"
    };
    Message::new(id).arg("to", doubt.code()).into()
}

/// What the learned model read: the words that weighed most towards `cat`, quoted and
/// listed (`'a', 'b'`) as one verbatim argument.
pub(crate) fn model_reason(cat: ScopeCategory, words: &[String]) -> ScopeReason {
    let quoted = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ");
    if quoted.is_empty() {
        Message::new("scope-model-reads-text")
    } else {
        Message::new("scope-model-reads-words").arg("words", quoted)
    }
    .arg("to", cat.code())
    .into()
}

/// Why a verdict the learned model decided or flagged asks for a review.
pub(crate) fn model_review_reason(doubt: ScopeCategory) -> ScopeReason {
    Message::new("scope-model-review").arg("to", doubt.code()).into()
}

/// The reason a coordinator's override adds; the coordinator's own words (`reason`)
/// are a verbatim argument, unchanged in every language.
pub(crate) fn override_reason(cat: ScopeCategory, reason: &str) -> ScopeReason {
    let reason = reason.trim();
    if reason.is_empty() {
        Message::new("scope-coordinator-chose")
    } else {
        Message::new("scope-coordinator-chose-because").arg("text", reason)
    }
    .arg("to", cat.code())
    .into()
}

/// A coordinator's own words, as stored with an override of the status alone (the same
/// in every language).
pub fn own_words(text: &str) -> ScopeReason {
    Message::new("scope-own-words").arg("text", text).into()
}
