//! What people hear of: events, languages, templates and the small JSON payload an
//! outbox row carries.

use nabij_store::{CheckInId, MatchId, ReferralId};
use serde::{Deserialize, Serialize};

/// Something that happened that the people concerned and their coordinator hear of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    /// A match was proposed (everybody in it hears, and may say no freely).
    MatchProposed(MatchId),
    /// Everybody accepted: the match is active.
    MatchAccepted(MatchId),
    /// The proposal ended declined (neutral: no reason, no penalty).
    MatchDeclined(MatchId),
    /// An active match was closed.
    MatchClosed(MatchId),
    /// The organisation's `follow_up_days` after activation: the coordinator asks how
    /// it goes (coordinator only).
    FollowUpDue(MatchId),
    /// A request was referred to a professional service.
    RequestReferred(ReferralId),
    /// A member of an active pair is asked whether it still goes well (first try; that
    /// member only, see `outbox::enqueue_check_in`).
    CheckInAsked(CheckInId),
    /// The second try of a check-in without an answer.
    CheckInReminder(CheckInId),
}

impl Event {
    pub fn kind(&self) -> EventKind {
        match self {
            Event::MatchProposed(_) => EventKind::MatchProposed,
            Event::MatchAccepted(_) => EventKind::MatchAccepted,
            Event::MatchDeclined(_) => EventKind::MatchDeclined,
            Event::MatchClosed(_) => EventKind::MatchClosed,
            Event::FollowUpDue(_) => EventKind::FollowUpDue,
            Event::RequestReferred(_) => EventKind::RequestReferred,
            Event::CheckInAsked(_) => EventKind::CheckInAsked,
            Event::CheckInReminder(_) => EventKind::CheckInReminder,
        }
    }

    /// The id of the match or referral the event is about.
    pub fn subject_id(&self) -> i64 {
        match self {
            Event::MatchProposed(m)
            | Event::MatchAccepted(m)
            | Event::MatchDeclined(m)
            | Event::MatchClosed(m)
            | Event::FollowUpDue(m) => m.get(),
            Event::RequestReferred(r) => r.get(),
            Event::CheckInAsked(c) | Event::CheckInReminder(c) => c.get(),
        }
    }
}

/// The kind of an [`Event`], as stored (`match_proposed`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    MatchProposed,
    MatchAccepted,
    MatchDeclined,
    MatchClosed,
    FollowUpDue,
    RequestReferred,
    CheckInAsked,
    CheckInReminder,
}

impl EventKind {
    pub const ALL: [EventKind; 8] = [
        EventKind::MatchProposed,
        EventKind::MatchAccepted,
        EventKind::MatchDeclined,
        EventKind::MatchClosed,
        EventKind::FollowUpDue,
        EventKind::RequestReferred,
        EventKind::CheckInAsked,
        EventKind::CheckInReminder,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::MatchProposed => "match_proposed",
            EventKind::MatchAccepted => "match_accepted",
            EventKind::MatchDeclined => "match_declined",
            EventKind::MatchClosed => "match_closed",
            EventKind::FollowUpDue => "follow_up_due",
            EventKind::RequestReferred => "request_referred",
            EventKind::CheckInAsked => "check_in_asked",
            EventKind::CheckInReminder => "check_in_reminder",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A check-in's asking (first or second try).
    pub fn is_check_in(self) -> bool {
        matches!(self, EventKind::CheckInAsked | EventKind::CheckInReminder)
    }
}

/// The language of a message: the resident's preferred language, the organisation's
/// for coordinators; Dutch when unknown. The one locale type of the service.
pub use nabij_i18n::Locale as Language;

/// Who a message is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// A resident taking part (whatever their part in the match).
    Neighbour,
    /// The coordinator (or, without one, the organisation's admins).
    Coordinator,
}

/// A template: an event told to an audience, stored as e.g. `match_proposed.neighbour`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Template {
    pub kind: EventKind,
    pub audience: Audience,
}

impl Template {
    pub fn name(self) -> String {
        let who = match self.audience {
            Audience::Neighbour => "neighbour",
            Audience::Coordinator => "coordinator",
        };
        format!("{}.{who}", self.kind.as_str())
    }

    pub fn parse(s: &str) -> Option<Self> {
        let (kind, who) = s.split_once('.')?;
        let audience = match who {
            "neighbour" => Audience::Neighbour,
            "coordinator" => Audience::Coordinator,
            _ => return None,
        };
        let kind = EventKind::parse(kind)?;
        if kind == EventKind::FollowUpDue && audience == Audience::Neighbour {
            return None;
        }
        // A check-in goes to the member asked only; the coordinator sees the answers
        // that need them on Today.
        if kind.is_check_in() && audience == Audience::Coordinator {
            return None;
        }
        Some(Template { kind, audience })
    }
}

/// The values a template is filled with: names and ids only. Never the request's text,
/// health information or an address.
///
/// Privacy before yes (issue 14): a resident's message about a match that not everybody
/// accepted yet (proposed, declined) carries no other person's name or contact: only
/// [`Payload::others`], [`Payload::areas`], [`Payload::shared`], [`Payload::slots`],
/// [`Payload::date`] and [`Payload::note`]. Names ([`Payload::people`], first names) and
/// [`Payload::reach`] go out once everybody said yes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Payload {
    /// The organisation's name (the sender people know).
    pub organisation: String,
    /// The recipient's display name (residents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Names of the other people in the match: for a coordinator everybody's display
    /// name; for a resident the others' first names, once everybody accepted (empty
    /// before).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// How many other people are in the match (a resident's proposal).
    #[serde(skip_serializing_if = "is_zero")]
    pub others: u32,
    /// The neighbourhoods the others live in, by name (a resident's proposal).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// Tag codes the match is about that the people have in common (its reasons).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared: Vec<String>,
    /// The request's weekly slots (`tue-afternoon`, …), or the parts of its one day.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub slots: Vec<String>,
    /// The request's one day (`2026-12-08`), when it is for one day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// What the coordinator chose to share about the others when proposing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How to reach each of the others, once everybody accepted: their first name and
    /// the e-mail address and phone number they gave.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reach: Vec<Reach>,
    /// Whom to contact: the coordinator's e-mail address (residents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub match_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<i64>,
    /// Days since the match started (follow-up).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Referral reason code (`out_of_scope`, `no_match`, `coordinator_choice`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// How many of the people have no e-mail address and are on the phone list.
    #[serde(skip_serializing_if = "is_zero")]
    pub by_phone: u32,
    /// The recipient's side in the match (`requester`, `companion`): a check-in asks
    /// each side its own question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// The one-click answer page of a check-in (an absolute URL with its token).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// How to reach one of the others in an active match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reach {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The first name of a display name (its first word), as the others hear it once
/// everybody said yes.
pub fn first_name(display_name: &str) -> String {
    display_name
        .split_whitespace()
        .next()
        .unwrap_or(display_name)
        .to_string()
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
