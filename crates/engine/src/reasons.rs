//! Short human reasons for a candidate, in Dutch, French and English.
//!
//! Reasons speak of what people like to do and how close they live; they never describe
//! anybody as someone who gives or someone who receives, and never show a balance.

use crate::request::{HelpRequest, RequestKind};
use crate::score::Components;
use crate::tags::{TagSet, Vocabulary};
use serde::{Deserialize, Serialize};

/// Which component a reason explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    Proximity,
    Fit,
    SharedInterest,
    Reciprocity,
    Continuity,
    Availability,
    Load,
}

/// One reason, in three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: ReasonCode,
    pub nl: String,
    pub fr: String,
    pub en: String,
}

impl Reason {
    fn new(code: ReasonCode, nl: impl Into<String>, fr: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            code,
            nl: nl.into(),
            fr: fr.into(),
            en: en.into(),
        }
    }

    /// The text in a language (`nl`, `fr`, `en`; Dutch for anything else).
    pub fn text(&self, lang: &str) -> &str {
        match lang {
            "en" => &self.en,
            "fr" => &self.fr,
            _ => &self.nl,
        }
    }
}

/// Distance rounded to 50 m, as shown to people.
pub fn rounded_distance_m(d: f64) -> u32 {
    ((d / 50.0).round() * 50.0).clamp(0.0, f64::from(u32::MAX)) as u32
}

fn distance_reason(d: f64) -> Reason {
    let m = rounded_distance_m(d);
    if m < 50 {
        return Reason::new(
            ReasonCode::Proximity,
            "woont vlakbij",
            "habite tout près",
            "lives right nearby",
        );
    }
    if m < 1000 {
        return Reason::new(
            ReasonCode::Proximity,
            format!("{m} m verderop"),
            format!("à {m} m"),
            format!("{m} m away"),
        );
    }
    let km = f64::from(m) / 1000.0;
    let nl = format!("{km:.1} km verderop").replace('.', ",");
    let fr = format!("à {km:.1} km").replace('.', ",");
    Reason::new(ReasonCode::Proximity, nl, fr, format!("{km:.1} km away"))
}

/// Writes the reasons for one candidate.
pub fn explain(
    vocab: &Vocabulary,
    req: &HelpRequest,
    interests: TagSet,
    talents: TagSet,
    distance_m: f64,
    c: &Components,
    protection: f64,
) -> Vec<Reason> {
    let mut out = vec![distance_reason(distance_m)];
    let by_talent = req.tags.intersect(talents);
    let by_interest = TagSet(req.tags.intersect(interests).0 & !talents.0);
    for id in by_talent.iter().take(2) {
        if let Some(t) = vocab.get(id) {
            out.push(Reason::new(
                ReasonCode::Fit,
                &t.helps_nl,
                &t.helps_fr,
                &t.helps_en,
            ));
        }
    }
    for id in by_interest
        .iter()
        .take(2usize.saturating_sub(by_talent.len() as usize))
    {
        if let Some(t) = vocab.get(id) {
            out.push(Reason::new(
                ReasonCode::Fit,
                &t.likes_nl,
                &t.likes_fr,
                &t.likes_en,
            ));
        }
    }
    if req.kind == RequestKind::Companionship {
        let shared = TagSet(req.requester_interests.intersect(interests).0 & !req.tags.0);
        if let Some(t) = shared.iter().next().and_then(|id| vocab.get(id)) {
            out.push(Reason::new(
                ReasonCode::SharedInterest,
                &t.likes_nl,
                &t.likes_fr,
                &t.likes_en,
            ));
        }
    }
    if c.continuity > 0.0 {
        out.push(Reason::new(
            ReasonCode::Continuity,
            "jullie kennen elkaar al van een eerdere koppeling",
            "vous vous connaissez déjà d'une rencontre précédente",
            "you already know each other from an earlier match",
        ));
    }
    if c.reciprocity >= 0.5 && protection > 0.85 {
        out.push(Reason::new(
            ReasonCode::Reciprocity,
            "kreeg nog weinig kansen om te helpen",
            "a encore eu peu d'occasions d'aider",
            "has had few chances to help yet",
        ));
    }
    if c.availability >= 0.999 {
        out.push(Reason::new(
            ReasonCode::Availability,
            "is vrij op het gevraagde moment",
            "est libre au moment demandé",
            "is free at the requested time",
        ));
    } else if c.availability > 0.0 {
        out.push(Reason::new(
            ReasonCode::Availability,
            "is vrij op een deel van de gevraagde momenten",
            "est libre à une partie des moments demandés",
            "is free at some of the requested times",
        ));
    }
    if protection < 0.5 {
        out.push(Reason::new(
            ReasonCode::Load,
            "hielp de laatste tijd al vaak; we vragen het niet te veel",
            "a souvent aidé ces derniers temps ; on ne le sollicite pas trop",
            "has helped often lately; we take care not to ask too much",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_read_naturally() {
        assert_eq!(distance_reason(412.0).nl, "400 m verderop");
        assert_eq!(distance_reason(412.0).en, "400 m away");
        assert_eq!(distance_reason(1234.0).nl, "1,2 km verderop");
        assert_eq!(distance_reason(10.0).en, "lives right nearby");
        assert_eq!(rounded_distance_m(424.0), 400);
        assert_eq!(rounded_distance_m(425.0), 450);
    }
}
