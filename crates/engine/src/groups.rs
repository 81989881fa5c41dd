//! Small groups for people with the same question (docs/design.md §1 and §3.7; the
//! coordinators' tool "Buurtgezellen samenbrengen"): three neighbours who each want a walking companion can walk together.
//!
//! Companionship requests that share a tag, have a weekly slot in common and live within
//! each other's travel radius are suggested as groups of 3 to 6. A suggestion is only a
//! suggestion: nobody is put in a group without accepting.

use crate::availability::WeeklySlots;
use crate::language::LanguageSet;
use crate::message::Message;
use crate::neighbour::NeighbourId;
use crate::projection::index_distance_m;
use crate::reasons::{rounded_distance_m, Reason, ReasonCode};
use crate::tags::{TagId, TagSet, Vocabulary};
use rstar::primitives::GeomWithData;
use rstar::RTree;
use serde::Serialize;

pub const MIN_GROUP: usize = 3;
pub const MAX_GROUP: usize = 6;

/// An open companionship request as the group finder sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRequest {
    pub request_id: u64,
    pub requester: NeighbourId,
    pub location: [f32; 2],
    pub radius_m: f32,
    pub tags: TagSet,
    pub slots: WeeklySlots,
    pub languages: LanguageSet,
}

/// A suggested group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSuggestion {
    pub tag: String,
    pub request_ids: Vec<u64>,
    /// Weekly slots every member is free in.
    pub common_slots: Vec<String>,
    /// Largest distance between two members, rounded to 50 m.
    pub span_m: u32,
    pub reasons: Vec<Reason>,
}

fn compatible(a: &GroupRequest, b: &GroupRequest) -> bool {
    let d = index_distance_m(a.location, b.location);
    a.requester != b.requester
        && d <= f64::from(a.radius_m.min(b.radius_m))
        && !a.slots.intersect(b.slots).is_empty()
        && a.languages.shares_any(b.languages)
}

/// Finds group suggestions; each request is in at most one suggestion. Deterministic:
/// tags in vocabulary order, seeds in request-id order, members nearest first.
pub fn suggest_groups(requests: &[GroupRequest]) -> Vec<GroupSuggestion> {
    let vocab = Vocabulary::builtin();
    let mut sorted: Vec<&GroupRequest> = requests.iter().collect();
    sorted.sort_by_key(|r| r.request_id);
    let mut used = std::collections::HashSet::new();
    let mut out = Vec::new();
    for t in 0..vocab.len().min(64) {
        let tag = TagId(t as u8);
        let bucket: Vec<&GroupRequest> = sorted.iter().copied().filter(|r| r.tags.contains(tag)).collect();
        if bucket.len() < MIN_GROUP {
            continue;
        }
        let tree = RTree::bulk_load(
            bucket
                .iter()
                .enumerate()
                .map(|(i, r)| GeomWithData::new(r.location, i))
                .collect(),
        );
        for seed in &bucket {
            if used.contains(&seed.request_id) {
                continue;
            }
            let r2 = seed.radius_m * seed.radius_m + 1.0;
            let mut near: Vec<(f64, &GroupRequest)> = tree
                .locate_within_distance(seed.location, r2)
                .map(|g| bucket[g.data])
                .filter(|o| o.request_id != seed.request_id && !used.contains(&o.request_id))
                .filter(|o| compatible(seed, o))
                .map(|o| (index_distance_m(seed.location, o.location), o))
                .collect();
            near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.request_id.cmp(&b.1.request_id)));
            let mut members = vec![*seed];
            let mut common = seed.slots;
            for (_, o) in near {
                if members.len() == MAX_GROUP {
                    break;
                }
                let slots = common.intersect(o.slots);
                if !slots.is_empty() && members.iter().all(|m| compatible(m, o)) {
                    members.push(o);
                    common = slots;
                }
            }
            if members.len() >= MIN_GROUP {
                for m in &members {
                    used.insert(m.request_id);
                }
                out.push(describe(vocab, tag, &members, common));
            }
        }
    }
    out
}

fn describe(
    vocab: &Vocabulary,
    tag: TagId,
    members: &[&GroupRequest],
    common: WeeklySlots,
) -> GroupSuggestion {
    let mut span = 0.0f64;
    for (i, a) in members.iter().enumerate() {
        for b in &members[i + 1..] {
            span = span.max(index_distance_m(a.location, b.location));
        }
    }
    let span_m = rounded_distance_m(span);
    let codes = common.codes();
    let label = vocab.get(tag);
    let mut reasons = vec![
        Reason::new(
            ReasonCode::SharedInterest,
            Message::new("reason-group-same")
                .arg("n", members.len())
                .arg("tag", label.map_or("", |t| t.code.as_str())),
        ),
        Reason::new(
            ReasonCode::Proximity,
            Message::new("reason-group-span").arg("m", span_m),
        ),
    ];
    if let Some(first) = codes.first() {
        let (day, part) = first.split_once('-').unwrap_or((first.as_str(), ""));
        reasons.push(Reason::new(
            ReasonCode::Availability,
            Message::new("reason-group-free")
                .arg("day", day)
                .arg("part", part),
        ));
    }
    GroupSuggestion {
        tag: label.map_or_else(String::new, |t| t.code.clone()),
        request_ids: members.iter().map(|m| m.request_id).collect(),
        common_slots: codes,
        span_m,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::DayPart;
    use crate::projection::Point;
    use proptest::prelude::*;

    fn req(id: u64, dx: f64, tags: TagSet, slots: WeeklySlots) -> GroupRequest {
        let c = Point::from_wgs84(51.22, 5.43).unwrap_or(Point { x: 0.0, y: 0.0 });
        GroupRequest {
            request_id: id,
            requester: NeighbourId(id),
            location: Point { x: c.x + dx, y: c.y }.to_index(),
            radius_m: 1500.0,
            tags,
            slots,
            languages: LanguageSet(1),
        }
    }

    #[test]
    fn three_walkers_close_by_become_a_group_and_a_far_one_does_not() {
        let walking = TagSet::EMPTY.with(TagId(0));
        let tue = WeeklySlots::slot(1, DayPart::Afternoon);
        let rs = vec![
            req(1, 0.0, walking, tue),
            req(2, 300.0, walking, tue),
            req(
                3,
                600.0,
                walking,
                tue.union(WeeklySlots::slot(3, DayPart::Morning)),
            ),
            req(4, 9000.0, walking, tue),
        ];
        let groups = suggest_groups(&rs);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].request_ids, vec![1, 2, 3]);
        assert_eq!(groups[0].common_slots, vec!["tue-afternoon".to_string()]);
        let free = Message::new("reason-group-free")
            .arg("day", "tue")
            .arg("part", "afternoon");
        assert!(
            groups[0]
                .reasons
                .iter()
                .any(|r| r.phrase.message() == Some(&free)),
            "{:?}",
            groups[0].reasons
        );
    }

    proptest! {
        #[test]
        fn groups_are_valid(seed_xs in proptest::collection::vec((0.0f64..5000.0, 0u64..4, 1u32..8), 0..60)) {
            let rs: Vec<GroupRequest> = seed_xs.iter().enumerate().map(|(i, (dx, t, s))| {
                req(i as u64 + 1, *dx, TagSet::EMPTY.with(TagId(*t as u8)), WeeklySlots(*s))
            }).collect();
            let groups = suggest_groups(&rs);
            let mut seen = std::collections::HashSet::new();
            for g in &groups {
                prop_assert!((MIN_GROUP..=MAX_GROUP).contains(&g.request_ids.len()));
                let members: Vec<&GroupRequest> = g.request_ids.iter().filter_map(|id| rs.iter().find(|r| r.request_id == *id)).collect();
                let mut common = WeeklySlots::ALL;
                for (i, a) in members.iter().enumerate() {
                    prop_assert!(seen.insert(a.request_id), "request in two groups");
                    common = common.intersect(a.slots);
                    for b in &members[i + 1..] {
                        prop_assert!(compatible(a, b));
                    }
                }
                prop_assert!(!common.is_empty());
            }
            prop_assert_eq!(suggest_groups(&rs), groups);
        }
    }
}
