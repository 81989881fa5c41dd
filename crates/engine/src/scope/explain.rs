//! Human-readable reasons, in Dutch and English ("nl / en"), each naming the word or field
//! that decided and the category it points to.

use super::lexicon::{Signal, SmallKind};
use super::rules::{Evidence, Scores, Source, THRESHOLD};
use super::{Recurrence, ScopeCategory};
use crate::request::RequestKind;

/// Category names (nl, en).
pub(crate) fn category_name(cat: ScopeCategory) -> (&'static str, &'static str) {
    match cat {
        ScopeCategory::SmallHelp => ("klein helpen", "small help"),
        ScopeCategory::Structural => ("structurele hulp", "structural help"),
        ScopeCategory::Heavy => ("een zware taak", "a heavy task"),
        ScopeCategory::PersonalCare => ("persoonlijke verzorging", "personal care"),
    }
}

fn small_name(kind: SmallKind) -> (&'static str, &'static str) {
    match kind {
        SmallKind::Company => ("gezelschap", "companionship"),
        SmallKind::Emotional => ("emotionele steun", "emotional support"),
        SmallKind::Tech => ("hulp met computer of telefoon", "help with a computer or phone"),
        SmallKind::Errand => ("een boodschap of rit", "an errand or a ride"),
        SmallKind::Repair => ("een kleine klus", "a small repair"),
        SmallKind::Other => ("klein helpen", "small help"),
    }
}

fn recurrence_name(r: Recurrence) -> (&'static str, &'static str) {
    match r {
        Recurrence::Once => ("eenmalig", "once"),
        Recurrence::Occasional => ("af en toe", "occasional"),
        Recurrence::Monthly => ("maandelijks", "monthly"),
        Recurrence::Weekly => ("wekelijks", "weekly"),
        Recurrence::SeveralPerWeek => ("meermaals per week", "several times a week"),
        Recurrence::Daily => ("dagelijks", "daily"),
    }
}

fn kind_name(k: RequestKind) -> (&'static str, &'static str) {
    match k {
        RequestKind::Emotional => ("emotionele steun", "emotional support"),
        RequestKind::Companionship => ("gezelschap", "companionship"),
        RequestKind::Practical => ("praktische hulp", "practical help"),
    }
}

/// "woord 'x' wijst op … / word 'x' points to …" or the field equivalent.
fn points_to(source: &Source, nl: &str, en: &str) -> String {
    match source {
        Source::Words { text, multi: false } => {
            format!("woord '{text}' wijst op {nl} / word '{text}' points to {en}")
        }
        Source::Words { text, multi: true } => {
            format!("woorden '{text}' wijzen op {nl} / words '{text}' point to {en}")
        }
        Source::Recurrence(r) => {
            let (rn, re) = recurrence_name(*r);
            format!("veld herhaling = {rn} wijst op {nl} / field recurrence = {re} points to {en}")
        }
        Source::Duration(m) => {
            format!("veld duur = {m} min wijst op {nl} / field duration = {m} min points to {en}")
        }
        Source::Kind(k) => {
            let (kn, ke) = kind_name(*k);
            format!("veld soort = {kn} wijst op {nl} / field kind = {ke} points to {en}")
        }
    }
}

fn label(source: &Source) -> String {
    match source {
        Source::Words { text, .. } => format!("'{text}'"),
        Source::Recurrence(r) => format!("herhaling/recurrence = {}", recurrence_name(*r).1),
        Source::Duration(m) => format!("duur/duration = {m} min"),
        Source::Kind(k) => format!("soort/kind = {}", k.code()),
    }
}

fn by_weight(evidence: &[Evidence], pred: impl Fn(&Evidence) -> bool) -> Vec<&Evidence> {
    let mut v: Vec<&Evidence> = evidence.iter().filter(|e| pred(e)).collect();
    v.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    v
}

/// Reasons for an out-of-scope category: its cues, strongest first.
fn out_of_scope(cat: ScopeCategory, evidence: &[Evidence], scores: &Scores) -> Vec<String> {
    let (nl, en) = category_name(cat);
    let wanted = |s: Signal| match cat {
        ScopeCategory::PersonalCare => s == Signal::Care,
        ScopeCategory::Heavy => s == Signal::Heavy,
        ScopeCategory::Structural => s == Signal::Chore || (s == Signal::Recur && scores.chore > 0.0),
        ScopeCategory::SmallHelp => false,
    };
    by_weight(evidence, |e| e.active() && wanted(e.signal))
        .into_iter()
        .map(|e| match e.signal {
            Signal::Recur => makes_structural(&e.source),
            _ => points_to(&e.source, nl, en),
        })
        .collect()
}

/// "herhaling 'elke week' maakt de taak structureel / recurrence … makes the task structural".
fn makes_structural(source: &Source) -> String {
    let (nl, en) = match source {
        Source::Recurrence(r) => {
            let (rn, re) = recurrence_name(*r);
            (
                format!("veld herhaling = {rn}"),
                format!("field recurrence = {re}"),
            )
        }
        other => {
            let what = label(other);
            (format!("herhaling {what}"), format!("recurrence {what}"))
        }
    };
    format!("{nl} maakt de taak structureel / {en} makes the task structural")
}

/// Reasons for small help: signs of small help, negated or too weak cues, the default.
fn in_scope(evidence: &[Evidence], scores: &Scores) -> Vec<String> {
    let mut out = Vec::new();
    for e in by_weight(evidence, |e| e.active()) {
        let what = label(&e.source);
        match e.signal {
            Signal::Small(kind) => {
                let (nl, en) = small_name(kind);
                out.push(points_to(&e.source, nl, en));
            }
            Signal::OneOff => out.push(format!(
                "{what} wijst op eenmalige hulp / {what} points to one-off help"
            )),
            Signal::Chore => out.push(format!(
                "{what} zonder vaste herhaling blijft klein helpen / \
                 {what} without regular recurrence stays small help"
            )),
            Signal::Recur if scores.chore <= 0.0 => out.push(format!(
                "{what}: herhaling maakt gezelschap of kleine hulp niet structureel / \
                 {what}: recurrence does not make companionship or small help structural"
            )),
            Signal::Care | Signal::Heavy => out.push(format!(
                "{what} alleen volstaat niet om door te verwijzen / \
                 {what} alone is not enough to refer"
            )),
            _ => {}
        }
    }
    for e in evidence
        .iter()
        .filter(|e| !e.active() && is_out_of_scope(e.signal))
    {
        let by = e.negated_by.as_deref().unwrap_or_default();
        let what = label(&e.source);
        out.push(format!(
            "{what} is ontkend door '{by}' / {what} is negated by '{by}'"
        ));
    }
    let any_signal = evidence.iter().any(|e| e.active() && is_out_of_scope(e.signal));
    if !any_signal {
        out.push(
            "geen signalen van zorg, zware of structurele hulp / \
             no signs of care, heavy or structural help"
                .to_string(),
        );
    }
    out
}

fn is_out_of_scope(s: Signal) -> bool {
    matches!(s, Signal::Care | Signal::Heavy | Signal::Chore)
}

/// All reasons for a verdict; other categories that also reached the threshold follow.
pub(crate) fn reasons(cat: ScopeCategory, evidence: &[Evidence], scores: &Scores) -> Vec<String> {
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

/// The reason a coordinator's override adds.
pub(crate) fn override_reason(cat: ScopeCategory, reason: &str) -> String {
    let (nl, en) = category_name(cat);
    let reason = reason.trim();
    if reason.is_empty() {
        format!("coördinator koos {nl} / coordinator chose {en}")
    } else {
        format!("coördinator koos {nl}: {reason} / coordinator chose {en}: {reason}")
    }
}
