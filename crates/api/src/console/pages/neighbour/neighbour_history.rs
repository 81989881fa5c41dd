//! A neighbour's history of matches and thanks, as a list of events ("helped Anna with
//! a walk", "was thanked by Jan"), newest first. Never a balance, a score or a count of
//! what went one way against the other.
//!
//! Other people are named only when the caller may see them (a coordinator limited to
//! neighbourhoods sees "a neighbour" otherwise), and so is the text of their requests.

use super::*;
use crate::auth::Caller;
use chrono::NaiveDateTime;
use nabij_engine::reciprocity::ExchangeKind;
use nabij_i18n::t;
use nabij_store::matching::{self, MatchStatus};
use nabij_store::neighbour::{self, Neighbour};
use nabij_store::request::{self, Request};
use nabij_store::{exchange, DbConnection, NeighbourId, StoreError};
use std::collections::HashMap;

/// Someone else in an event: a name and a link when the caller may see them.
struct Person {
    visible: Option<(NeighbourId, String)>,
}

enum What {
    /// A match: whether this neighbour was the companion, its status, the others in it,
    /// and the request (its text only when the caller may see the requester).
    Match {
        companion: bool,
        status: MatchStatus,
        others: Vec<Person>,
        request: Box<Request>,
        request_visible: bool,
        met: Option<bool>,
    },
    /// An exchange: whether this neighbour gave it, help or thanks, and with whom.
    Exchange {
        gave: bool,
        kind: ExchangeKind,
        other: Person,
    },
}

pub(super) struct Event {
    at: NaiveDateTime,
    what: What,
}

/// The events of `n`'s history, newest first. Declined proposals are left out:
/// declining is free and leaves no trace here.
pub(super) fn load(
    conn: &mut DbConnection,
    caller: &Caller,
    n: &Neighbour,
) -> Result<Vec<Event>, StoreError> {
    let org = caller.org;
    let matches = matching::for_neighbour(conn, org, n.id)?;
    let exchanges = exchange::list_for(conn, org, n.id)?;
    let mut ids: Vec<NeighbourId> = matches
        .iter()
        .flat_map(|m| m.members.iter().map(|x| x.neighbour_id))
        .chain(exchanges.iter().flat_map(|x| [x.from_id, x.to_id]))
        .filter(|id| *id != n.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let seen: HashMap<NeighbourId, String> = neighbour::names(conn, org, &ids)?
        .into_iter()
        .filter(|(_, _, hood)| caller.sees_neighbourhood(*hood))
        .map(|(id, name, _)| (id, name))
        .collect();
    let person = |id: NeighbourId| Person {
        visible: seen.get(&id).map(|name| (id, name.clone())),
    };
    let mut events = Vec::new();
    for m in matches {
        let status = m.row.status;
        if status == MatchStatus::Declined {
            continue;
        }
        let companion = m
            .members
            .iter()
            .any(|x| x.neighbour_id == n.id && x.is_companion());
        let requester = m.requester();
        let others: Vec<Person> = if companion {
            requester.into_iter().map(person).collect()
        } else {
            m.companions().filter(|c| *c != n.id).map(person).collect()
        };
        let request = Box::new(request::get(conn, org, m.row.request_id)?);
        let request_visible = requester.is_some_and(|r| r == n.id || seen.contains_key(&r));
        let at = match status {
            MatchStatus::Proposed | MatchStatus::Declined => m.row.created_at,
            MatchStatus::Active => m.row.activated_at.unwrap_or(m.row.created_at),
            MatchStatus::Closed => m.row.closed_at.unwrap_or(m.row.created_at),
        };
        events.push(Event {
            at,
            what: What::Match {
                companion,
                status,
                others,
                request,
                request_visible,
                met: m.row.follow_up_met,
            },
        });
    }
    for x in exchanges {
        let gave = x.from_id == n.id;
        events.push(Event {
            at: x.at,
            what: What::Exchange {
                gave,
                kind: x.kind()?,
                other: person(if gave { x.to_id } else { x.from_id }),
            },
        });
    }
    events.sort_by_key(|e| std::cmp::Reverse(e.at));
    Ok(events)
}

/// A piece of an event's sentence: text, or a link to a person or a request.
pub(super) enum Piece {
    Text(String),
    Link { href: String, text: String },
}

/// One event as `templates/console/neighbour/history.html` shows it.
pub(super) struct EventView {
    /// The date as `<time datetime>` wants it, and as people write it.
    pub iso: String,
    pub date: String,
    pub pieces: Vec<Piece>,
    /// A closed match where they met: said after the sentence.
    pub met: bool,
}

/// Stand-ins for `$who` and `$what` while the catalogue's sentence is formatted
/// (Unicode private-use characters, which no translation holds): the sentence is
/// cut at them and the people and the request put in as pieces of their own, so
/// nothing typed into a name or a request is ever read as a placeholder.
const WHO: &str = "\u{E000}";
const WHAT: &str = "\u{E001}";

fn person(l: Lang, p: &Person) -> Piece {
    match &p.visible {
        Some((id, name)) => Piece::Link {
            href: format!("/neighbours/{id}"),
            text: name.clone(),
        },
        None => Piece::Text(l.text("neighbour-history.someone")),
    }
}

fn people(l: Lang, people: &[Person]) -> Vec<Piece> {
    if people.is_empty() {
        return vec![Piece::Text(l.text("neighbour-history.someone"))];
    }
    let mut out = Vec::new();
    for (i, p) in people.iter().enumerate() {
        if i > 0 {
            out.push(Piece::Text(", ".into()));
        }
        out.push(person(l, p));
    }
    out
}

/// `sentence` cut at the stand-ins, with `who` and `what` put in their place.
fn fill(sentence: &str, who: Vec<Piece>, what: Vec<Piece>) -> Vec<Piece> {
    let (mut who, mut what) = (Some(who), Some(what));
    let mut out = Vec::new();
    let mut rest = sentence;
    loop {
        let next = [(WHO, 0), (WHAT, 1)]
            .into_iter()
            .filter_map(|(mark, which)| rest.find(mark).map(|at| (at, mark, which)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, mark, which)) = next else {
            break;
        };
        if at > 0 {
            out.push(Piece::Text(rest[..at].to_string()));
        }
        let filled = if which == 0 { who.take() } else { what.take() };
        out.extend(filled.unwrap_or_default());
        rest = &rest[at + mark.len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    out
}

fn pieces(l: Lang, e: &Event) -> Vec<Piece> {
    match &e.what {
        What::Match {
            companion,
            status,
            others,
            request,
            request_visible,
            ..
        } => {
            let what = if *request_visible {
                Piece::Link {
                    href: format!("/requests/{}", request.id),
                    text: request_link_text(request),
                }
            } else {
                Piece::Text(kind_text(l, &request.kind))
            };
            let sentence = t(
                l,
                "neighbour-history-match",
                &[
                    ("side", if *companion { "companion" } else { "requester" }.into()),
                    ("status", status.as_str().into()),
                    ("who", WHO.into()),
                    ("what", WHAT.into()),
                ],
            );
            fill(&sentence, people(l, others), vec![what])
        }
        What::Exchange { gave, kind, other } => {
            let sentence = t(
                l,
                "neighbour-history-exchange",
                &[
                    ("direction", if *gave { "gave" } else { "got" }.into()),
                    (
                        "kind",
                        match kind {
                            ExchangeKind::Help => "help",
                            ExchangeKind::Thanks => "thanks",
                        }
                        .into(),
                    ),
                    ("who", WHO.into()),
                ],
            );
            fill(&sentence, vec![person(l, other)], Vec::new())
        }
    }
}

/// The history as the neighbour's page shows it.
pub(super) fn view(l: Lang, events: &[Event]) -> Vec<EventView> {
    events
        .iter()
        .map(|e| {
            let d = e.at.date();
            EventView {
                iso: d.format("%Y-%m-%d").to_string(),
                date: t(
                    l,
                    "neighbour-history-date",
                    &[
                        ("day", d.format("%d").to_string().into()),
                        ("month", d.format("%m").to_string().into()),
                        ("year", d.format("%Y").to_string().into()),
                    ],
                ),
                pieces: pieces(l, e),
                met: matches!(
                    e.what,
                    What::Match {
                        status: MatchStatus::Closed,
                        met: Some(true),
                        ..
                    }
                ),
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn text(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(s) => s.clone(),
                Piece::Link { href, text } => format!("[{text}]({href})"),
            })
            .collect()
    }

    #[test]
    fn placeholders_typed_into_names_stay_as_typed() {
        let who = vec![Piece::Link {
            href: "/neighbours/1".into(),
            text: "{what} %s \u{E001}".into(),
        }];
        let what = vec![Piece::Text("{who}".into())];
        let sentence = format!("Helps {WHO} with: {WHAT}");
        assert_eq!(
            text(&fill(&sentence, who, what)),
            "Helps [{what} %s \u{E001}](/neighbours/1) with: {who}"
        );
    }

    #[test]
    fn every_language_says_who_and_what() {
        for &l in Lang::ALL {
            let s = t(
                l,
                "neighbour-history-match",
                &[
                    ("side", "companion".into()),
                    ("status", "active".into()),
                    ("who", WHO.into()),
                    ("what", WHAT.into()),
                ],
            );
            let pieces = fill(&s, vec![Piece::Text("A".into())], vec![Piece::Text("B".into())]);
            let shown = text(&pieces);
            assert!(
                shown.contains('A') && shown.contains('B') && !shown.contains('\u{E000}'),
                "{l}: {shown}"
            );
        }
    }
}
