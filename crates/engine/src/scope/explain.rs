//! Human-readable reasons in Dutch, French and English, each naming the word or field
//! that decided and the category it points to. Quoted words stay as the resident wrote
//! them (after normalising), in all three languages.

use super::lexicon::{Signal, SmallKind};
use super::reason::ScopeReason;
use super::rules::{Evidence, Scores, Source, THRESHOLD};
use super::{Recurrence, ScopeCategory};
use crate::request::RequestKind;

/// The language a text is being written in.
#[derive(Clone, Copy)]
enum L {
    Nl,
    Fr,
    En,
}

/// A name in the three languages: `[nl, fr, en]`.
type Names = [&'static str; 3];

fn pick(l: L, names: Names) -> &'static str {
    match l {
        L::Nl => names[0],
        L::Fr => names[1],
        L::En => names[2],
    }
}

/// Writes one reason by writing it once per language.
fn each(write: impl Fn(L) -> String) -> ScopeReason {
    ScopeReason::new(write(L::Nl), write(L::Fr), write(L::En))
}

/// Category names, as the object of "points to" (French with its article).
fn category_name(cat: ScopeCategory) -> Names {
    match cat {
        ScopeCategory::SmallHelp => ["klein helpen", "une petite aide", "small help"],
        ScopeCategory::Structural => ["structurele hulp", "une aide structurelle", "structural help"],
        ScopeCategory::Heavy => ["een zware taak", "une tâche lourde", "a heavy task"],
        ScopeCategory::PersonalCare => ["persoonlijke verzorging", "des soins personnels", "personal care"],
    }
}

fn small_name(kind: SmallKind) -> Names {
    match kind {
        SmallKind::Company => ["gezelschap", "de la compagnie", "companionship"],
        SmallKind::Emotional => ["emotionele steun", "un soutien émotionnel", "emotional support"],
        SmallKind::Tech => [
            "hulp met computer of telefoon",
            "une aide avec un ordinateur ou un téléphone",
            "help with a computer or phone",
        ],
        SmallKind::Errand => [
            "een boodschap of rit",
            "une course ou un trajet",
            "an errand or a ride",
        ],
        SmallKind::Repair => ["een kleine klus", "un petit bricolage", "a small repair"],
        SmallKind::Other => ["klein helpen", "une petite aide", "small help"],
    }
}

fn recurrence_name(r: Recurrence) -> Names {
    match r {
        Recurrence::Once => ["eenmalig", "une fois", "once"],
        Recurrence::Occasional => ["af en toe", "de temps en temps", "occasional"],
        Recurrence::Monthly => ["maandelijks", "chaque mois", "monthly"],
        Recurrence::Weekly => ["wekelijks", "chaque semaine", "weekly"],
        Recurrence::SeveralPerWeek => [
            "meermaals per week",
            "plusieurs fois par semaine",
            "several times a week",
        ],
        Recurrence::Daily => ["dagelijks", "chaque jour", "daily"],
    }
}

fn kind_name(k: RequestKind) -> Names {
    match k {
        RequestKind::Emotional => ["emotionele steun", "soutien émotionnel", "emotional support"],
        RequestKind::Companionship => ["gezelschap", "compagnie", "companionship"],
        RequestKind::Practical => ["praktische hulp", "aide pratique", "practical help"],
    }
}

/// The field a source names, as the subject of a sentence: "veld herhaling = wekelijks",
/// "le champ fréquence = chaque semaine", "field recurrence = weekly".
fn field(l: L, source: &Source) -> String {
    let (nl, fr, en, value) = match source {
        Source::Recurrence(r) => (
            "herhaling",
            "fréquence",
            "recurrence",
            pick(l, recurrence_name(*r)).to_string(),
        ),
        Source::Duration(m) => ("duur", "durée", "duration", format!("{m} min")),
        Source::Kind(k) => ("soort", "type", "kind", pick(l, kind_name(*k)).to_string()),
        Source::Words { text, .. } => return format!("'{text}'"),
    };
    match l {
        L::Nl => format!("veld {nl} = {value}"),
        L::Fr => format!("le champ {fr} = {value}"),
        L::En => format!("field {en} = {value}"),
    }
}

/// The word or field a source names, short: "'poetsen'", "herhaling = wekelijks".
fn label(l: L, source: &Source) -> String {
    match source {
        Source::Words { text, .. } => format!("'{text}'"),
        Source::Recurrence(r) => {
            let what = pick(l, ["herhaling", "fréquence", "recurrence"]);
            format!("{what} = {}", pick(l, recurrence_name(*r)))
        }
        Source::Duration(m) => format!("{} = {m} min", pick(l, ["duur", "durée", "duration"])),
        Source::Kind(k) => format!(
            "{} = {}",
            pick(l, ["soort", "type", "kind"]),
            pick(l, kind_name(*k))
        ),
    }
}

/// "woord 'x' wijst op …", "le mot 'x' indique …", "word 'x' points to …", or the field
/// equivalent.
fn points_to(source: &Source, names: Names) -> ScopeReason {
    each(|l| {
        let to = pick(l, names);
        match (source, l) {
            (Source::Words { text, multi: false }, L::Nl) => format!("woord '{text}' wijst op {to}"),
            (Source::Words { text, multi: false }, L::Fr) => format!("le mot '{text}' indique {to}"),
            (Source::Words { text, multi: false }, L::En) => format!("word '{text}' points to {to}"),
            (Source::Words { text, multi: true }, L::Nl) => format!("woorden '{text}' wijzen op {to}"),
            (Source::Words { text, multi: true }, L::Fr) => format!("les mots '{text}' indiquent {to}"),
            (Source::Words { text, multi: true }, L::En) => format!("words '{text}' point to {to}"),
            (_, L::Nl) => format!("{} wijst op {to}", field(l, source)),
            (_, L::Fr) => format!("{} indique {to}", field(l, source)),
            (_, L::En) => format!("{} points to {to}", field(l, source)),
        }
    })
}

fn by_weight(evidence: &[Evidence], pred: impl Fn(&Evidence) -> bool) -> Vec<&Evidence> {
    let mut v: Vec<&Evidence> = evidence.iter().filter(|e| pred(e)).collect();
    v.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    v
}

/// Reasons for an out-of-scope category: its cues, strongest first.
fn out_of_scope(cat: ScopeCategory, evidence: &[Evidence], scores: &Scores) -> Vec<ScopeReason> {
    let names = category_name(cat);
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
            _ => points_to(&e.source, names),
        })
        .collect()
}

/// "herhaling 'elke week' maakt de taak structureel" (or the recurrence field).
fn makes_structural(source: &Source) -> ScopeReason {
    each(|l| {
        let what = match source {
            Source::Recurrence(_) => field(l, source),
            other => {
                let prefix = pick(l, ["herhaling", "la répétition", "recurrence"]);
                format!("{prefix} {}", label(l, other))
            }
        };
        match l {
            L::Nl => format!("{what} maakt de taak structureel"),
            L::Fr => format!("{what} rend la tâche structurelle"),
            L::En => format!("{what} makes the task structural"),
        }
    })
}

/// Reasons for small help: signs of small help, negated or too weak cues, the default.
fn in_scope(evidence: &[Evidence], scores: &Scores) -> Vec<ScopeReason> {
    let mut out = Vec::new();
    for e in by_weight(evidence, |e| e.active()) {
        let s = &e.source;
        match e.signal {
            Signal::Small(kind) => out.push(points_to(s, small_name(kind))),
            Signal::OneOff => out.push(each(|l| match l {
                L::Nl => format!("{} wijst op eenmalige hulp", label(l, s)),
                L::Fr => format!("{} indique une aide ponctuelle", label(l, s)),
                L::En => format!("{} points to one-off help", label(l, s)),
            })),
            Signal::Chore => out.push(each(|l| match l {
                L::Nl => format!("{} zonder vaste herhaling blijft klein helpen", label(l, s)),
                L::Fr => format!("{} sans répétition régulière reste une petite aide", label(l, s)),
                L::En => format!("{} without regular recurrence stays small help", label(l, s)),
            })),
            Signal::Recur if scores.chore <= 0.0 => out.push(each(|l| match l {
                L::Nl => format!(
                    "{}: herhaling maakt gezelschap of kleine hulp niet structureel",
                    label(l, s)
                ),
                L::Fr => format!(
                    "{} : la répétition ne rend pas structurelle une compagnie ou une petite aide",
                    label(l, s)
                ),
                L::En => format!(
                    "{}: recurrence does not make companionship or small help structural",
                    label(l, s)
                ),
            })),
            Signal::Care | Signal::Heavy => out.push(each(|l| match l {
                L::Nl => format!("{} alleen volstaat niet om door te verwijzen", label(l, s)),
                L::Fr => format!("{} seul ne suffit pas pour orienter vers un service", label(l, s)),
                L::En => format!("{} alone is not enough to refer", label(l, s)),
            })),
            _ => {}
        }
    }
    for e in evidence
        .iter()
        .filter(|e| !e.active() && is_out_of_scope(e.signal))
    {
        let by = e.negated_by.as_deref().unwrap_or_default();
        out.push(each(|l| match l {
            L::Nl => format!("{} is ontkend door '{by}'", label(l, &e.source)),
            L::Fr => format!("{} est écarté par la négation '{by}'", label(l, &e.source)),
            L::En => format!("{} is negated by '{by}'", label(l, &e.source)),
        }));
    }
    let any_signal = evidence.iter().any(|e| e.active() && is_out_of_scope(e.signal));
    if !any_signal {
        out.push(ScopeReason::new(
            "geen signalen van zorg, zware of structurele hulp",
            "aucun signe de soins, de tâche lourde ou d’aide structurelle",
            "no signs of care, heavy or structural help",
        ));
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
    let names = category_name(doubt);
    each(|l| {
        let to = pick(l, names);
        match (decided == ScopeCategory::SmallHelp, l) {
            (true, L::Nl) => format!("zwakke signalen van {to}: laat een aanspreekpersoon dit nakijken"),
            (true, L::Fr) => format!("signes faibles ({to}) : à vérifier par un coordinateur"),
            (true, L::En) => format!("weak signs of {to}: a coordinator should check"),
            (false, L::Nl) => {
                format!("{to} weegt maar net zwaarder dan de signalen van klein helpen: laat een aanspreekpersoon dit nakijken")
            }
            (false, L::Fr) => format!(
                "à peine plus de signes ({to}) que d'une petite aide : à vérifier par un coordinateur"
            ),
            (false, L::En) => {
                format!("{to} only just outweighs the signs of small help: a coordinator should check")
            }
        }
    })
}

/// What the learned model read: the words that weighed most towards `cat`.
pub(crate) fn model_reason(cat: ScopeCategory, words: &[String]) -> ScopeReason {
    let names = category_name(cat);
    let quoted = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ");
    each(|l| {
        let to = pick(l, names);
        match (quoted.is_empty(), l) {
            (false, L::Nl) => format!("het geleerde model (echte hulpvragen) leest {quoted} als {to}"),
            (false, L::Fr) => format!("le modèle appris (vraies demandes) lit {quoted} comme {to}"),
            (false, L::En) => format!("the learned model (real requests) reads {quoted} as {to}"),
            (true, L::Nl) => format!("het geleerde model (echte hulpvragen) leest de tekst als {to}"),
            (true, L::Fr) => format!("le modèle appris (vraies demandes) lit le texte comme {to}"),
            (true, L::En) => format!("the learned model (real requests) reads the text as {to}"),
        }
    })
}

/// Why a verdict the learned model decided or flagged asks for a review.
pub(crate) fn model_review_reason(doubt: ScopeCategory) -> ScopeReason {
    let names = category_name(doubt);
    each(|l| {
        let to = pick(l, names);
        match l {
            L::Nl => format!("de regels zien geen duidelijk teken, het model denkt aan {to}: laat een aanspreekpersoon dit nakijken"),
            L::Fr => format!("pas de signe net pour les règles, le modèle pense à {to} : à vérifier par un coordinateur"),
            L::En => format!("no clear sign for the rules, the model suggests {to}: a coordinator should check"),
        }
    })
}

/// The reason a coordinator's override adds; the coordinator's own words (`reason`)
/// appear unchanged in all three languages.
pub(crate) fn override_reason(cat: ScopeCategory, reason: &str) -> ScopeReason {
    let names = category_name(cat);
    let reason = reason.trim();
    each(|l| {
        let chose = match l {
            L::Nl => format!("aanspreekpersoon koos {}", pick(l, names)),
            L::Fr => format!("le coordinateur a choisi {}", pick(l, names)),
            L::En => format!("coordinator chose {}", pick(l, names)),
        };
        match (reason.is_empty(), l) {
            (true, _) => chose,
            (false, L::Fr) => format!("{chose} : {reason}"),
            (false, _) => format!("{chose}: {reason}"),
        }
    })
}
