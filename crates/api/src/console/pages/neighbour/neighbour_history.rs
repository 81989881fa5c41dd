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
use nabij_store::matching::{self, MatchStatus};
use nabij_store::neighbour::{self, Neighbour};
use nabij_store::request::{self, Request};
use nabij_store::{exchange, DbConnection, NeighbourId, StoreError};
use std::collections::HashMap;
use std::fmt::Write as _;

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
        let status = m.row.status()?;
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

fn person_html(l: Lang, p: &Person) -> String {
    match &p.visible {
        Some((id, name)) => format!("<a href=\"/neighbours/{id}\">{}</a>", esc(name)),
        None => esc(l.t("een buur", "un voisin", "a neighbour")),
    }
}

fn people_html(l: Lang, people: &[Person]) -> String {
    if people.is_empty() {
        return esc(l.t("een buur", "un voisin", "a neighbour"));
    }
    people
        .iter()
        .map(|p| person_html(l, p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A date as people in each language write it.
pub(super) fn date_text(l: Lang, at: NaiveDateTime) -> String {
    let d = at.date();
    let shown = match l {
        Lang::Nl => d.format("%d-%m-%Y").to_string(),
        Lang::Fr => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    };
    format!("<time datetime=\"{}\">{shown}</time>", d.format("%Y-%m-%d"))
}

/// Puts each `{name}` of `template` by its value, in one pass over the template: a
/// value is never scanned again, so a name typed as `{what}` (or `%s`) stays that text
/// instead of pulling in another value. A placeholder without a value stays as it is.
pub(super) fn fill_once(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn sentence(l: Lang, e: &Event) -> String {
    let fill =
        |template: &str, who: &str, what: &str| fill_once(&esc(template), &[("who", who), ("what", what)]);
    match &e.what {
        What::Match {
            companion,
            status,
            others,
            request,
            request_visible,
            met,
        } => {
            let who = people_html(l, others);
            let what = if *request_visible {
                request_link(request)
            } else {
                esc(&kind_text(l, &request.kind))
            };
            let template = match (companion, status) {
                (true, MatchStatus::Proposed) => l.t(
                    "Voorstel om {who} te helpen met: {what}",
                    "Proposition d’aider {who} : {what}",
                    "Proposal to help {who} with: {what}",
                ),
                (true, MatchStatus::Active) => l.t(
                    "Helpt {who} met: {what}",
                    "Aide {who} : {what}",
                    "Helps {who} with: {what}",
                ),
                (true, _) => l.t(
                    "Hielp {who} met: {what}",
                    "A aidé {who} : {what}",
                    "Helped {who} with: {what}",
                ),
                (false, MatchStatus::Proposed) => l.t(
                    "Voorstel: {who} zou helpen met: {what}",
                    "Proposition : {who} aiderait pour : {what}",
                    "Proposal: {who} would help with: {what}",
                ),
                (false, MatchStatus::Active) => l.t(
                    "Krijgt hulp van {who} bij: {what}",
                    "Reçoit l’aide de {who} : {what}",
                    "Is being helped by {who} with: {what}",
                ),
                (false, _) => l.t(
                    "Werd geholpen door {who} bij: {what}",
                    "A été aidé·e par {who} : {what}",
                    "Was helped by {who} with: {what}",
                ),
            };
            let mut s = fill(template, &who, &what);
            if *status == MatchStatus::Closed && *met == Some(true) {
                let _ = write!(
                    s,
                    " ({})",
                    esc(l.t("ze hebben elkaar ontmoet", "ils se sont rencontrés", "they met"))
                );
            }
            s
        }
        What::Exchange { gave, kind, other } => {
            let who = person_html(l, other);
            let template = match (gave, kind) {
                (true, ExchangeKind::Help) => l.t("Hielp {who}", "A aidé {who}", "Helped {who}"),
                (false, ExchangeKind::Help) => l.t(
                    "Kreeg hulp van {who}",
                    "A reçu l’aide de {who}",
                    "Was helped by {who}",
                ),
                (true, ExchangeKind::Thanks) => l.t("Bedankte {who}", "A remercié {who}", "Thanked {who}"),
                (false, ExchangeKind::Thanks) => l.t(
                    "Werd bedankt door {who}",
                    "A été remercié·e par {who}",
                    "Was thanked by {who}",
                ),
            };
            fill(template, &who, "")
        }
    }
}

/// The history section of a neighbour's page.
pub(super) fn section(l: Lang, events: &[Event]) -> String {
    let h = l.t(
        "Wat de persoon samen met anderen deed",
        "Ce que la personne a fait avec d’autres",
        "What the person did together with others",
    );
    let mut out = format!(
        "<section aria-labelledby=\"history\"><h2 id=\"history\">{}</h2>",
        esc(h)
    );
    if events.is_empty() {
        let _ = write!(
            out,
            "<p class=\"empty\">{}</p>",
            esc(l.t(
                "Nog geen koppelingen of bedankjes.",
                "Pas encore de mises en contact ni de remerciements.",
                "No matches or thanks yet."
            ))
        );
    } else {
        out.push_str("<ol class=\"history\">");
        for e in events {
            let _ = write!(out, "<li>{}: {}</li>", date_text(l, e.at), sentence(l, e));
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>");
    out
}

#[cfg(test)]
mod tests {
    use super::fill_once;

    #[test]
    fn values_are_never_expanded_again() {
        let v = [("who", "{what}"), ("what", "boodschappen")];
        assert_eq!(
            fill_once("{who} helpt met {what}", &v),
            "{what} helpt met boodschappen"
        );
        let v = [("who", "%s {who}"), ("what", "{{what}}")];
        assert_eq!(fill_once("{who}: {what}", &v), "%s {who}: {{what}}");
        assert_eq!(fill_once("{x} {who", &[("who", "An")]), "{x} {who");
        assert_eq!(fill_once("é {who}é", &[("who", "An")]), "é Ané");
    }
}
