//! Short human reasons for a candidate, as messages of the catalogue `reasons.ftl`
//! (rendered in Dutch, French and English by `nabij-i18n`).
//!
//! Reasons speak of what people like to do and how close they live; they never describe
//! anybody as someone who gives or someone who receives, and never show a balance.

use crate::message::{Message, Phrase};
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

/// One reason: what it explains and what it says (a message of `reasons.ftl`, rendered
/// by `nabij-i18n`; or, for a group suggestion stored before the catalogues, its texts).
/// Serialised flat: `{"code": "proximity", "id": "reason-distance-m", "args": {"m": 400}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: ReasonCode,
    #[serde(flatten)]
    pub phrase: Phrase,
}

impl Reason {
    pub fn new(code: ReasonCode, message: Message) -> Self {
        Self {
            code,
            phrase: Phrase::Message(message),
        }
    }

    /// The message id, when this is a message.
    pub fn id(&self) -> Option<&str> {
        self.phrase.id()
    }
}

impl AsRef<Phrase> for Reason {
    fn as_ref(&self) -> &Phrase {
        &self.phrase
    }
}

/// Distance rounded to 50 m, as shown to people.
pub fn rounded_distance_m(d: f64) -> u32 {
    ((d / 50.0).round() * 50.0).clamp(0.0, f64::from(u32::MAX)) as u32
}

/// "woont vlakbij" under 50 m, metres under 1 km, kilometres with one decimal above
/// (the catalogue gets the metres as `m` and shows them as `km`).
fn distance_reason(d: f64) -> Reason {
    let m = rounded_distance_m(d);
    let id = match m {
        0..50 => return Reason::new(ReasonCode::Proximity, Message::new("reason-nearby")),
        50..1000 => "reason-distance-m",
        _ => "reason-distance-km",
    };
    Reason::new(ReasonCode::Proximity, Message::new(id).arg("m", m))
}

/// A tag phrase ("houdt van wandelen", "helpt graag met boodschappen") by tag code.
fn tag_reason(code: ReasonCode, id: &str, tag: &str) -> Reason {
    Reason::new(code, Message::new(id).arg("tag", tag))
}

/// Writes the reasons for one candidate; `availability_unknown`: nobody has asked when
/// they are free (the reason says to ask instead of claiming they are free).
#[allow(clippy::too_many_arguments)] // one flat call from the hot loop, no struct to build
pub fn explain(
    vocab: &Vocabulary,
    req: &HelpRequest,
    interests: TagSet,
    talents: TagSet,
    distance_m: f64,
    c: &Components,
    protection: f64,
    availability_unknown: bool,
) -> Vec<Reason> {
    let mut out = vec![distance_reason(distance_m)];
    let by_talent = req.tags.intersect(talents);
    let by_interest = TagSet(req.tags.intersect(interests).0 & !talents.0);
    for id in by_talent.iter().take(2) {
        if let Some(t) = vocab.get(id) {
            out.push(tag_reason(ReasonCode::Fit, "reason-tag-helps", &t.code));
        }
    }
    for id in by_interest
        .iter()
        .take(2usize.saturating_sub(by_talent.len() as usize))
    {
        if let Some(t) = vocab.get(id) {
            out.push(tag_reason(ReasonCode::Fit, "reason-tag-likes", &t.code));
        }
    }
    if req.kind == RequestKind::Companionship {
        let shared = TagSet(req.requester_interests.intersect(interests).0 & !req.tags.0);
        if let Some(t) = shared.iter().next().and_then(|id| vocab.get(id)) {
            out.push(tag_reason(
                ReasonCode::SharedInterest,
                "reason-tag-likes",
                &t.code,
            ));
        }
    }
    if c.continuity > 0.0 {
        out.push(Reason::new(ReasonCode::Continuity, Message::new("reason-known")));
    }
    if c.reciprocity >= 0.5 && protection > 0.85 {
        out.push(Reason::new(
            ReasonCode::Reciprocity,
            Message::new("reason-few-chances"),
        ));
    }
    if availability_unknown {
        out.push(Reason::new(
            ReasonCode::Availability,
            Message::new("reason-availability-unknown"),
        ));
    } else if c.availability >= 0.999 {
        out.push(Reason::new(ReasonCode::Availability, Message::new("reason-free")));
    } else if c.availability > 0.0 {
        out.push(Reason::new(
            ReasonCode::Availability,
            Message::new("reason-free-partly"),
        ));
    }
    if protection < 0.5 {
        out.push(Reason::new(ReasonCode::Load, Message::new("reason-load")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_pick_their_message() {
        let m = |d: f64| distance_reason(d).phrase.message().cloned();
        assert_eq!(m(412.0), Some(Message::new("reason-distance-m").arg("m", 400u32)));
        assert_eq!(
            m(1234.0),
            Some(Message::new("reason-distance-km").arg("m", 1250u32))
        );
        assert_eq!(m(10.0), Some(Message::new("reason-nearby")));
        assert_eq!(rounded_distance_m(424.0), 400);
        assert_eq!(rounded_distance_m(425.0), 450);
    }
}
