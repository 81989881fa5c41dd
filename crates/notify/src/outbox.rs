//! Enqueueing: an event becomes outbox rows (one per e-mail recipient) and phone-list
//! rows, written with the caller's connection, so inside the caller's transaction:
//! the change and its messages commit together or not at all. Nothing is rendered
//! here; a row holds recipient, language, template and a small JSON [`Payload`].
//!
//! Round trips: the organisation, the event's row (told once), the people concerned (one
//! query), the coordinators (one query), then all outbox rows in one multi-row INSERT
//! and the phone-list rows in another. A match the caller already loaded is passed in
//! ([`enqueue_event_with`]) rather than read again.

use crate::error::Result;
use crate::event::{first_name, Audience, Event, EventKind, Language, Payload, Reach, Template};
use nabij_engine::availability::Window;
use nabij_store::calls::NewCall;
use nabij_store::matching::MatchDetail;
use nabij_store::outbox::NewMessage;
use nabij_store::user::Role;
use nabij_store::{
    calls, matching, neighbour, neighbourhood, notification, organisation, referral, request, user,
    DbConnection, MatchId, NeighbourId, NeighbourhoodId, OrgId, RequestId, StoreError, UserId,
};
use std::borrow::Cow;

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

/// Records that `event` is being told; `false` if it was told before (its row exists).
fn first_telling(conn: &mut DbConnection, org: OrgId, event: &Event) -> Result<bool> {
    Ok(notification::first_telling(
        conn,
        org,
        event.kind().as_str(),
        event.subject_id(),
    )?)
}

/// Whether an event was already told.
pub fn was_told(conn: &mut DbConnection, org: OrgId, event: &Event) -> Result<bool> {
    Ok(notification::was_told(
        conn,
        org,
        event.kind().as_str(),
        event.subject_id(),
    )?)
}

/// A resident concerned by an event.
struct Person {
    id: NeighbourId,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    language: Language,
    /// The name of the neighbourhood they live in, if any.
    area: Option<String>,
}

/// A resident who hears of an event; `None` once erased (they hear of nothing any more).
fn person(n: &neighbour::Neighbour) -> Option<Person> {
    // Every registered neighbour gave consent (its record is required); an erased one
    // withdrew it.
    if n.is_erased() || n.consent().is_err() {
        return None;
    }
    Some(Person {
        id: n.id,
        name: n.display_name.clone(),
        email: n.email.clone().filter(|e| !e.trim().is_empty()),
        phone: n.phone.clone().filter(|p| !p.trim().is_empty()),
        language: Language::parse_or_default(&n.preferred_language),
        area: None,
    })
}

/// What a proposal may tell about the others before everybody said yes (issue 14):
/// besides their neighbourhoods, what the match is about, when, and the coordinator's
/// shared note. Never a name, a contact or an address.
#[derive(Default)]
struct Described {
    /// Tag codes of the request that a companion likes or likes to help with.
    shared: Vec<String>,
    slots: Vec<String>,
    date: Option<String>,
    note: Option<String>,
}

/// The [`Described`] facts of a proposal: the request's tags a companion has among their
/// interests or talents, the request's time, the match's shared note.
fn described(
    conn: &mut DbConnection,
    org: OrgId,
    d: &MatchDetail,
    rows: &[neighbour::Neighbour],
) -> Result<Described> {
    let req = request::get(conn, org, d.row.request_id)?;
    let mut liked: Vec<String> = Vec::new();
    for n in rows.iter().filter(|n| d.companions().any(|c| c == n.id)) {
        liked.extend(n.interests()?);
        liked.extend(n.talents()?);
    }
    let shared = req.tags()?.into_iter().filter(|t| liked.contains(t)).collect();
    let (slots, date) = match req.window()? {
        Window::Flexible => (Vec::new(), None),
        Window::Once { date, parts } => (
            parts.iter().map(|p| p.code().to_string()).collect(),
            Some(date.to_string()),
        ),
        Window::Weekly { slots } => (slots.codes(), None),
    };
    Ok(Described {
        shared,
        slots,
        date,
        note: d.row.shared_note.clone(),
    })
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
    /// Whether everybody in the match said yes, so that residents may hear each other's
    /// names and contact (accepted, closed); `false` for a proposal and a declined one.
    named: bool,
    /// What a resident hears of the others of a proposal instead of names.
    described: Option<Described>,
}

/// Writes the outbox and phone-list rows of one event. Call it inside the transaction
/// of the change that causes the event, after that change: it reads the match or
/// referral as that transaction sees it. An event is told once: a second call for the
/// same event writes nothing (`already_told`). Residents without an e-mail address go on
/// the coordinator's phone list ([`calls::calls_due`]); erased residents hear nothing.
pub fn enqueue_event(conn: &mut DbConnection, org: OrgId, event: &Event) -> Result<Enqueued> {
    enqueue_event_with(conn, org, event, None)
}

/// [`enqueue_event`] with the match the caller already loaded in this transaction (as
/// it is after the change); it is read again only when it is not the event's match.
pub fn enqueue_event_with(
    conn: &mut DbConnection,
    org: OrgId,
    event: &Event,
    loaded: Option<&MatchDetail>,
) -> Result<Enqueued> {
    if !first_telling(conn, org, event)? {
        return Ok(Enqueued {
            already_told: true,
            ..Enqueued::default()
        });
    }
    let telling = gather(conn, org, event, loaded)?;
    write(conn, org, &telling)
}

/// What a resident without an e-mail address is to be told by phone for an entry of the
/// phone list about a match (`reason` `match_proposed`, …): the text of the e-mail they
/// would have got, rendered now in their language, with exactly what that stage allows
/// (no other person's name or contact before everybody said yes). `None` for entries
/// not about a match, or when the match or the person is gone.
pub fn phone_message(
    conn: &mut DbConnection,
    org: OrgId,
    neighbour_id: NeighbourId,
    reason: &str,
    match_id: Option<MatchId>,
) -> Result<Option<crate::templates::Rendered>> {
    let (Some(kind), Some(m)) = (EventKind::parse(reason), match_id) else {
        return Ok(None);
    };
    let event = match kind {
        EventKind::MatchProposed => Event::MatchProposed(m),
        EventKind::MatchAccepted => Event::MatchAccepted(m),
        EventKind::MatchDeclined => Event::MatchDeclined(m),
        EventKind::MatchClosed => Event::MatchClosed(m),
        // A check-in's phone entry carries its own questions (the call list shows them);
        // these entries are not about what a match's stage allows to tell.
        EventKind::FollowUpDue
        | EventKind::RequestReferred
        | EventKind::CheckInAsked
        | EventKind::CheckInReminder => return Ok(None),
    };
    let t = match gather(conn, org, &event, None) {
        Ok(t) => t,
        Err(crate::NotifyError::Store(StoreError::NotFound)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(p) = t.people.iter().find(|p| p.id == neighbour_id) else {
        return Ok(None);
    };
    let contact = t.coordinators.first().map(|(_, e)| e.clone());
    let payload = resident_payload(&t, p, contact);
    let template = Template {
        kind,
        audience: Audience::Neighbour,
    };
    let payload = serde_json::to_value(&payload).map_err(|_| StoreError::invalid("payload"))?;
    crate::templates::render(&template.name(), p.language, &payload).map(Some)
}

/// Everything the messages of an event need, read in the caller's transaction.
fn gather(
    conn: &mut DbConnection,
    org: OrgId,
    event: &Event,
    loaded: Option<&MatchDetail>,
) -> Result<Telling> {
    let org_row = organisation::get(conn, org)?;
    let settings = org_row.settings()?;
    let (request_id, match_id, members, requester, reason, detail) = match *event {
        Event::MatchProposed(m)
        | Event::MatchAccepted(m)
        | Event::MatchDeclined(m)
        | Event::MatchClosed(m)
        | Event::FollowUpDue(m) => {
            let d = match loaded {
                Some(d) if d.row.id == m => Cow::Borrowed(d),
                _ => Cow::Owned(matching::detail(conn, org, m)?),
            };
            let ids: Vec<NeighbourId> = d.members.iter().map(|x| x.neighbour_id).collect();
            (d.row.request_id, Some(m), ids, d.requester(), None, Some(d))
        }
        Event::CheckInAsked(_) | Event::CheckInReminder(_) => {
            return Err(StoreError::invalid("a check-in is told with enqueue_check_in").into());
        }
        Event::RequestReferred(r) => {
            let row = referral::get(conn, org, r)?;
            let req = request::get(conn, org, row.request_id)?;
            let who = req.neighbour_id;
            (row.request_id, None, vec![who], Some(who), Some(row.reason), None)
        }
    };
    let requester = match requester {
        Some(r) => r,
        None => request::get(conn, org, request_id)?.neighbour_id,
    };
    let mut ids = members.clone();
    ids.push(requester);
    ids.sort_unstable();
    ids.dedup();
    let rows = neighbour::get_many_any(conn, org, &ids)?;
    let area = rows
        .iter()
        .find(|n| n.id == requester)
        .ok_or(StoreError::NotFound)?
        .neighbourhood_id;
    let mut people: Vec<Person> = members
        .iter()
        .filter_map(|id| rows.iter().find(|n| n.id == *id))
        .filter_map(person)
        .collect();
    let described = match (event, &detail) {
        (Event::MatchProposed(_), Some(d)) => {
            // The others are described by their neighbourhood's name.
            let hoods = neighbourhood::list(conn, org)?;
            for p in &mut people {
                let hood = rows
                    .iter()
                    .find(|n| n.id == p.id)
                    .and_then(|n| n.neighbourhood_id);
                p.area = hood
                    .and_then(|h| hoods.iter().find(|x| x.id == h))
                    .map(|x| x.name.clone());
            }
            Some(described(conn, org, d, &rows)?)
        }
        _ => None,
    };
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
        named: matches!(event, Event::MatchAccepted(_) | Event::MatchClosed(_)),
        described,
    };
    Ok(telling)
}

/// What a resident's message says: their own name, the coordinator to contact, and of
/// the others only what this stage allows (see [`Payload`]): names and how to reach them
/// once everybody said yes; before, their number, neighbourhoods, what the match is
/// about, when, and the coordinator's shared note.
fn resident_payload(t: &Telling, p: &Person, contact: Option<String>) -> Payload {
    let others: Vec<&Person> = t.people.iter().filter(|o| o.id != p.id).collect();
    let mut payload = Payload {
        organisation: t.organisation.clone(),
        name: Some(p.name.clone()),
        contact,
        ..Payload::default()
    };
    if t.named {
        payload.people = others.iter().map(|o| first_name(&o.name)).collect();
        if t.event.kind() == EventKind::MatchAccepted {
            payload.reach = others
                .iter()
                .map(|o| Reach {
                    name: first_name(&o.name),
                    email: o.email.clone(),
                    phone: o.phone.clone(),
                })
                .collect();
        }
    }
    if let Some(d) = &t.described {
        payload.others = u32::try_from(others.len()).unwrap_or(u32::MAX);
        let mut areas: Vec<String> = others.iter().filter_map(|o| o.area.clone()).collect();
        areas.sort();
        areas.dedup();
        payload.areas = areas;
        payload.shared = d.shared.clone();
        payload.slots = d.slots.clone();
        payload.date = d.date.clone();
        payload.note = d.note.clone();
    }
    payload
}

/// Writes the one message of a check-in's try (`CheckInAsked` or `CheckInReminder`
/// about `check_in`): an e-mail to the member asked, in their language, with the answer
/// page's `link`; or, without an e-mail address (or without a link), an entry on the
/// coordinator's phone list (reason `check_in_asked` / `check_in_reminder`, with the
/// match). Told once per event like every event; an erased member hears nothing.
pub fn enqueue_check_in(
    conn: &mut DbConnection,
    org: OrgId,
    event: &Event,
    check_in: &nabij_store::check_in::CheckIn,
    link: Option<&str>,
) -> Result<Enqueued> {
    if !event.kind().is_check_in() || event.subject_id() != check_in.id.get() {
        return Err(StoreError::invalid("not this check-in's event").into());
    }
    if !first_telling(conn, org, event)? {
        return Ok(Enqueued {
            already_told: true,
            ..Enqueued::default()
        });
    }
    let org_row = organisation::get(conn, org)?;
    let d = matching::detail(conn, org, check_in.match_id)?;
    let requester = d.requester().unwrap_or(check_in.neighbour_id);
    let rows = neighbour::get_many_any(conn, org, &[requester, check_in.neighbour_id])?;
    let area = rows
        .iter()
        .find(|n| n.id == requester)
        .and_then(|n| n.neighbourhood_id);
    let Some(p) = rows
        .iter()
        .find(|n| n.id == check_in.neighbour_id)
        .and_then(person)
    else {
        return Ok(Enqueued::default());
    };
    let mut out = Enqueued::default();
    let kind = event.kind();
    match (&p.email, link) {
        (Some(email), Some(link)) => {
            let contact = coordinators(conn, org, area)?.first().map(|(_, e)| e.clone());
            let payload = Payload {
                organisation: org_row.name,
                name: Some(p.name.clone()),
                contact,
                side: Some(check_in.side.as_str().to_string()),
                link: Some(link.to_string()),
                ..Payload::default()
            };
            let template = Template {
                kind,
                audience: Audience::Neighbour,
            };
            let msg = NewMessage {
                message_id: message_id(org, event, &format!("n{}", p.id)),
                recipient: email.clone(),
                language: p.language.as_str().to_string(),
                template: template.name(),
                payload: serde_json::to_value(&payload).map_err(|_| StoreError::invalid("payload"))?,
            };
            nabij_store::outbox::enqueue_all(conn, org, &[msg])?;
            out.emails = 1;
        }
        _ => {
            calls::add_all(
                conn,
                org,
                &[NewCall {
                    neighbour_id: p.id,
                    reason: kind.as_str(),
                    match_id: Some(check_in.match_id),
                    request_id: Some(d.row.request_id),
                }],
            )?;
            out.calls = 1;
        }
    }
    Ok(out)
}

fn write(conn: &mut DbConnection, org: OrgId, t: &Telling) -> Result<Enqueued> {
    let mut out = Enqueued::default();
    let mut messages: Vec<NewMessage> = Vec::new();
    let mut phone: Vec<NewCall<'_>> = Vec::new();
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
                phone.push(NewCall {
                    neighbour_id: p.id,
                    reason: kind.as_str(),
                    match_id: t.match_id,
                    request_id: t.request_id,
                });
                out.calls += 1;
                continue;
            };
            let payload = resident_payload(t, p, contact.clone());
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
            messages.push(msg);
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
        messages.push(msg);
        out.emails += 1;
    }
    nabij_store::outbox::enqueue_all(conn, org, &messages)?;
    calls::add_all(conn, org, &phone)?;
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
