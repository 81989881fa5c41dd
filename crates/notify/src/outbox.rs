//! Enqueueing: an event becomes outbox rows (one per e-mail recipient) and phone-list
//! rows, written with the caller's connection, so inside the caller's transaction:
//! the change and its messages commit together or not at all. Nothing is rendered
//! here; a row holds recipient, language, template and a small JSON [`Payload`].

use crate::calls;
use crate::error::Result;
use crate::event::{Audience, Event, EventKind, Language, Payload, Template};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use nabij_store::outbox::NewMessage;
use nabij_store::schema::notification_events;
use nabij_store::user::Role;
use nabij_store::{
    clock, matching, neighbour, organisation, referral, request, user, DbConnection, MatchId, NeighbourId,
    NeighbourhoodId, OrgId, RequestId, StoreError, UserId,
};

/// What [`enqueue_event`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Enqueued {
    /// Outbox rows (e-mails) written.
    pub emails: usize,
    /// Residents put on the coordinator's phone list (no e-mail address).
    pub calls: usize,
    /// The event had been told before: nothing was written.
    pub already_told: bool,
}

#[derive(Insertable)]
#[diesel(table_name = notification_events)]
struct EventRow {
    organisation_id: OrgId,
    kind: &'static str,
    subject_id: i64,
    created_at: NaiveDateTime,
}

/// Records that `event` is being told; `false` if it was told before (its row exists).
fn first_telling(conn: &mut DbConnection, org: OrgId, event: &Event) -> Result<bool> {
    let row = EventRow {
        organisation_id: org,
        kind: event.kind().as_str(),
        subject_id: event.subject_id(),
        created_at: clock::now(),
    };
    let n = nabij_store::per_backend!(conn, |c| diesel::insert_into(notification_events::table)
        .values(&row)
        .on_conflict_do_nothing()
        .execute(c))
    .map_err(StoreError::from)?;
    Ok(n == 1)
}

/// Whether an event was already told.
pub fn was_told(conn: &mut DbConnection, org: OrgId, event: &Event) -> Result<bool> {
    let n: i64 = notification_events::table
        .filter(notification_events::organisation_id.eq(org))
        .filter(notification_events::kind.eq(event.kind().as_str()))
        .filter(notification_events::subject_id.eq(event.subject_id()))
        .count()
        .get_result(conn)
        .map_err(StoreError::from)?;
    Ok(n > 0)
}

/// A resident concerned by an event.
struct Person {
    id: NeighbourId,
    name: String,
    email: Option<String>,
    language: Language,
}

/// Loads a resident; `None` once erased (they hear of nothing any more).
fn person(conn: &mut DbConnection, org: OrgId, id: NeighbourId) -> Result<Option<Person>> {
    let n = neighbour::get_any(conn, org, id)?;
    // Every registered neighbour gave consent (its record is required); an erased one
    // withdrew it.
    if n.is_erased() || n.consent().is_err() {
        return Ok(None);
    }
    Ok(Some(Person {
        id: n.id,
        name: n.display_name,
        email: n.email.filter(|e| !e.trim().is_empty()),
        language: Language::parse_or_default(&n.preferred_language),
    }))
}

/// The coordinators responsible for a neighbourhood (accounts not limited to some
/// neighbourhoods count for all); without any, the organisation's admins. E-mail
/// addresses with the account id, lowest id first.
fn coordinators(
    conn: &mut DbConnection,
    org: OrgId,
    area: Option<NeighbourhoodId>,
) -> Result<Vec<(i64, String)>> {
    let users = user::list(conn, org)?;
    let mut covering = Vec::new();
    let mut admins = Vec::new();
    for u in users {
        match u.role()? {
            Role::Coordinator => {
                let ok = match u.neighbourhoods()? {
                    None => true,
                    Some(list) => area.is_some_and(|a| list.contains(&a)),
                };
                if ok {
                    covering.push((u.id.get(), u.email));
                }
            }
            Role::Admin => admins.push((u.id.get(), u.email)),
        }
    }
    Ok(if covering.is_empty() { admins } else { covering })
}

/// A fresh outbox message id: readable, unique, and a valid `Message-ID` left part.
fn message_id(org: OrgId, event: &Event, to: &str) -> String {
    format!(
        "nabij.{}.{org}.{}.{to}.{:016x}",
        event.kind().as_str(),
        event.subject_id(),
        rand::random::<u64>()
    )
}

/// Whom an outbox message is for, as recorded in its `message_id` (e.g. to show a
/// coordinator limited to some neighbourhoods only the messages of their residents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// A resident.
    Neighbour(NeighbourId),
    /// A coordinator's or admin's account.
    Staff(UserId),
}

/// Reads the recipient out of a `message_id` made by [`enqueue_event`]
/// (`nabij.<kind>.<org>.<subject>.<n|u><id>.<random>`); `None` for any other form.
pub fn recipient_of(message_id: &str) -> Option<Recipient> {
    let parts: Vec<&str> = message_id.split('.').collect();
    let [prefix, _kind, _org, _subject, to, _random] = parts.as_slice() else {
        return None;
    };
    if *prefix != "nabij" {
        return None;
    }
    match to.split_at_checked(1)? {
        ("n", id) => NeighbourId::parse(id).map(Recipient::Neighbour),
        ("u", id) => UserId::parse(id).map(Recipient::Staff),
        _ => None,
    }
}

/// Everything about one event that the messages need.
struct Telling {
    event: Event,
    organisation: String,
    coordinator_language: Language,
    people: Vec<Person>,
    coordinators: Vec<(i64, String)>,
    match_id: Option<MatchId>,
    request_id: Option<RequestId>,
    days: Option<u32>,
    reason: Option<String>,
    /// Whether the residents themselves hear of it (not for follow-ups).
    to_people: bool,
}

/// Writes the outbox and phone-list rows of one event. Call it inside the transaction
/// of the change that causes the event, after that change: it reads the match or
/// referral as that transaction sees it. An event is told once: a second call for the
/// same event writes nothing (`already_told`). Residents without an e-mail address go on
/// the coordinator's phone list ([`calls::calls_due`]); erased residents hear nothing.
pub fn enqueue_event(conn: &mut DbConnection, org: OrgId, event: &Event) -> Result<Enqueued> {
    let org_row = organisation::get(conn, org)?;
    let settings = org_row.settings()?;
    let (request_id, match_id, members, reason) = match *event {
        Event::MatchProposed(m)
        | Event::MatchAccepted(m)
        | Event::MatchDeclined(m)
        | Event::MatchClosed(m)
        | Event::FollowUpDue(m) => {
            let d = matching::detail(conn, org, m)?;
            let ids: Vec<NeighbourId> = d.members.iter().map(|x| x.neighbour_id).collect();
            (d.row.request_id, Some(m), ids, None)
        }
        Event::RequestReferred(r) => {
            let row = referral::get(conn, org, r)?;
            let req = request::get(conn, org, row.request_id)?;
            (row.request_id, None, vec![req.neighbour_id], Some(row.reason))
        }
    };
    if !first_telling(conn, org, event)? {
        return Ok(Enqueued {
            already_told: true,
            ..Enqueued::default()
        });
    }
    let req = request::get(conn, org, request_id)?;
    let area = neighbour::get_any(conn, org, req.neighbour_id)?.neighbourhood_id;
    let mut people = Vec::new();
    for id in members {
        if let Some(p) = person(conn, org, id)? {
            people.push(p);
        }
    }
    let telling = Telling {
        event: *event,
        organisation: org_row.name,
        coordinator_language: Language::parse_or_default(&settings.language),
        people,
        coordinators: coordinators(conn, org, area)?,
        match_id,
        request_id: Some(request_id),
        days: (event.kind() == EventKind::FollowUpDue).then_some(settings.follow_up_days),
        reason,
        to_people: event.kind() != EventKind::FollowUpDue,
    };
    write(conn, org, &telling)
}

fn write(conn: &mut DbConnection, org: OrgId, t: &Telling) -> Result<Enqueued> {
    let mut out = Enqueued::default();
    let kind = t.event.kind();
    let contact = t.coordinators.first().map(|(_, e)| e.clone());
    let by_phone = if t.to_people {
        t.people.iter().filter(|p| p.email.is_none()).count()
    } else {
        0
    };
    if t.to_people {
        for p in &t.people {
            let Some(email) = &p.email else {
                calls::add(conn, org, p.id, kind, t.match_id, t.request_id)?;
                out.calls += 1;
                continue;
            };
            let payload = Payload {
                organisation: t.organisation.clone(),
                name: Some(p.name.clone()),
                people: t
                    .people
                    .iter()
                    .filter(|o| o.id != p.id)
                    .map(|o| o.name.clone())
                    .collect(),
                contact: contact.clone(),
                ..Payload::default()
            };
            let template = Template {
                kind,
                audience: Audience::Neighbour,
            };
            let msg = NewMessage {
                message_id: message_id(org, &t.event, &format!("n{}", p.id)),
                recipient: email.clone(),
                language: p.language.as_str().to_string(),
                template: template.name(),
                payload: serde_json::to_value(&payload).map_err(|_| StoreError::invalid("payload"))?,
            };
            nabij_store::outbox::enqueue(conn, org, &msg)?;
            out.emails += 1;
        }
    }
    for (uid, email) in &t.coordinators {
        let payload = Payload {
            organisation: t.organisation.clone(),
            people: t.people.iter().map(|o| o.name.clone()).collect(),
            match_id: t.match_id.map(|m| m.get()),
            request_id: t.request_id.map(|r| r.get()),
            days: t.days,
            reason: t.reason.clone(),
            by_phone: u32::try_from(by_phone).unwrap_or(u32::MAX),
            ..Payload::default()
        };
        let template = Template {
            kind,
            audience: Audience::Coordinator,
        };
        let msg = NewMessage {
            message_id: message_id(org, &t.event, &format!("u{uid}")),
            recipient: email.clone(),
            language: t.coordinator_language.as_str().to_string(),
            template: template.name(),
            payload: serde_json::to_value(&payload).map_err(|_| StoreError::invalid("payload"))?,
        };
        nabij_store::outbox::enqueue(conn, org, &msg)?;
        out.emails += 1;
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_recipient_is_read_back_from_the_message_id() {
        let ev = Event::MatchProposed(MatchId(9));
        let n = message_id(OrgId(3), &ev, "n42");
        assert_eq!(recipient_of(&n), Some(Recipient::Neighbour(NeighbourId(42))));
        let u = message_id(OrgId(3), &ev, "u7");
        assert_eq!(recipient_of(&u), Some(Recipient::Staff(UserId(7))));
        for bad in [
            "",
            "x.match_proposed.3.9.n42.ab",
            "nabij.match_proposed.3.9.n0.ab",
            "nabij.a.b.c.q1.d",
            "nabij.a.b.c.n1",
        ] {
            assert_eq!(recipient_of(bad), None, "{bad}");
        }
    }
}
