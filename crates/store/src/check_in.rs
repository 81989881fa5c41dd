//! Check-ins: every `check_in_weeks` (an organisation setting) each side of an active
//! pair is asked, separately, whether it still goes well — by e-mail with a one-click
//! answer link, or on the coordinator's phone list — and asked once more after no
//! answer; after two unanswered tries the check-in needs the coordinator. A coordinator
//! can record an answer given by phone at any time.
//!
//! One row per asking of one member (`asked` → `answered`, or `asked` → `unanswered`
//! after two tries → `answered` when the coordinator records what they heard). The
//! answer links live in `check_in_links`: only the SHA-256 of each random token is kept,
//! with its expiry; answering deletes every link of the check-in (single use).
//!
//! The timing rules (when a member is due, when to try again, when to give up) are the
//! operation's (`nabij_ops::checkins`); these are the rows and their conditional
//! updates.

use crate::error::{Result, StoreError};
use crate::ids::{CheckInId, MatchId, NeighbourId, OrgId, SignalId};
use crate::matching::{MatchStatus, Side};
use crate::schema::{check_in_links, check_ins, matches};
use crate::text_enum::text_enum;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

/// Longest note with an answer, in characters.
pub const MAX_NOTE: usize = 1000;

text_enum! {
    /// How a member was asked.
    pub enum CheckInChannel in "check_ins.channel" {
        /// An e-mail with a one-click answer link.
        Email = "email",
        /// An entry on the coordinator's phone list (no e-mail address).
        Call = "call",
        /// Not asked: a coordinator recorded an answer given by phone.
        Phone = "phone",
    }
}

text_enum! {
    /// Where a check-in stands.
    pub enum CheckInStatus in "check_ins.status" {
        /// Asked, waiting for the answer.
        Asked = "asked",
        /// Two tries without an answer: needs the coordinator.
        Unanswered = "unanswered",
        Answered = "answered",
    }
}

text_enum! {
    /// What a member answered.
    pub enum CheckInAnswer in "check_ins.answer" {
        /// It goes well: go on (asked again after the next interval).
        GoOn = "go_on",
        /// Pause for now (the pair stays, nobody is asked until it goes on).
        Pause = "pause",
        /// It ended well: the match is closed as met, with thanks noted.
        EndWell = "end_well",
        /// Please let the coordinator help (mediate).
        Mediate = "mediate",
        /// This needs more than a neighbour: becomes a signal for the coordinator.
        MoreThanNeighbour = "more_than_neighbour",
    }
}

text_enum! {
    /// Through what an answer came in.
    pub enum AnsweredVia in "check_ins.answered_via" {
        /// The person, through the answer link.
        Link = "link",
        /// The coordinator, who heard it by phone.
        Phone = "phone",
    }
}

impl CheckInAnswer {
    /// Answers that ask for the coordinator.
    pub fn needs_coordinator(self) -> bool {
        matches!(self, CheckInAnswer::Mediate | CheckInAnswer::MoreThanNeighbour)
    }
}

/// A row of `check_ins`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = check_ins)]
pub struct CheckIn {
    pub id: CheckInId,
    pub organisation_id: OrgId,
    pub match_id: MatchId,
    pub neighbour_id: NeighbourId,
    pub side: Side,
    pub channel: CheckInChannel,
    pub status: CheckInStatus,
    pub tries: i32,
    pub asked_at: NaiveDateTime,
    pub last_try_at: NaiveDateTime,
    pub answer: Option<CheckInAnswer>,
    pub answered_at: Option<NaiveDateTime>,
    pub answered_via: Option<AnsweredVia>,
    /// `link` (the person) or the coordinator's audit subject (`user:<id>`).
    pub answered_by: Option<String>,
    pub note: Option<String>,
    /// The signal a "more than a neighbour" answer became.
    pub signal_id: Option<SignalId>,
}

impl CheckIn {
    /// Whether this check-in asks for the coordinator: no answer after two tries, or an
    /// answer asking to mediate or saying it needs more than a neighbour.
    pub fn needs_coordinator(&self) -> bool {
        self.status == CheckInStatus::Unanswered || self.answer.is_some_and(CheckInAnswer::needs_coordinator)
    }

    /// When this member was last in touch about the pair (asked or answered).
    pub fn last_contact(&self) -> NaiveDateTime {
        match self.answered_at {
            Some(a) if a > self.last_try_at => a,
            _ => self.last_try_at,
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = check_ins)]
struct CheckInInsert<'a> {
    organisation_id: OrgId,
    match_id: MatchId,
    neighbour_id: NeighbourId,
    side: Side,
    channel: CheckInChannel,
    status: CheckInStatus,
    tries: i32,
    asked_at: NaiveDateTime,
    last_try_at: NaiveDateTime,
    answer: Option<CheckInAnswer>,
    answered_at: Option<NaiveDateTime>,
    answered_via: Option<AnsweredVia>,
    answered_by: Option<&'a str>,
    note: Option<&'a str>,
}

/// One member of a pair to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub match_id: MatchId,
    pub neighbour_id: NeighbourId,
    pub side: Side,
}

/// An answer to record.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRecord {
    pub answer: CheckInAnswer,
    pub via: AnsweredVia,
    /// `link` or the coordinator's audit subject.
    pub by: String,
    pub note: Option<String>,
    pub at: NaiveDateTime,
}

fn check_note(note: Option<&str>) -> Result<()> {
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE || n.chars().any(|c| c.is_control() && c != '\n')) {
        return Err(StoreError::invalid(format!(
            "note must be at most {MAX_NOTE} printable characters"
        )));
    }
    Ok(())
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: CheckInId) -> Result<CheckIn> {
    Ok(check_ins::table
        .filter(check_ins::organisation_id.eq(org))
        .filter(check_ins::id.eq(id))
        .select(CheckIn::as_select())
        .first(conn)?)
}

/// The check-ins of a match, oldest first.
pub fn for_match(conn: &mut DbConnection, org: OrgId, m: MatchId) -> Result<Vec<CheckIn>> {
    Ok(check_ins::table
        .filter(check_ins::organisation_id.eq(org))
        .filter(check_ins::match_id.eq(m))
        .order(check_ins::id)
        .select(CheckIn::as_select())
        .load(conn)?)
}

/// The check-ins of the organisation's active matches, oldest first (few: each active
/// match holds a companion's room).
fn of_active_matches(conn: &mut DbConnection, org: OrgId) -> Result<Vec<CheckIn>> {
    Ok(check_ins::table
        .inner_join(
            matches::table.on(matches::id
                .eq(check_ins::match_id)
                .and(matches::organisation_id.eq(check_ins::organisation_id))),
        )
        .filter(check_ins::organisation_id.eq(org))
        .filter(matches::status.eq(MatchStatus::Active.as_str()))
        .order(check_ins::id)
        .select(CheckIn::as_select())
        .load(conn)?)
}

/// The latest check-in of each member of each active match, by (match, neighbour).
pub fn latest_of_active(
    conn: &mut DbConnection,
    org: OrgId,
) -> Result<HashMap<(MatchId, NeighbourId), CheckIn>> {
    let mut out = HashMap::new();
    for c in of_active_matches(conn, org)? {
        out.insert((c.match_id, c.neighbour_id), c);
    }
    Ok(out)
}

/// The check-ins that need the coordinator now: per member of an active match, the
/// latest one, when it went unanswered or asked to mediate or for more than a neighbour.
/// Oldest first.
pub fn needing_coordinator(conn: &mut DbConnection, org: OrgId) -> Result<Vec<CheckIn>> {
    let mut out: Vec<CheckIn> = latest_of_active(conn, org)?
        .into_values()
        .filter(CheckIn::needs_coordinator)
        .collect();
    out.sort_by_key(|c| c.id);
    Ok(out)
}

/// Asks a member: a new `asked` row with its first try at `now`. A member with a
/// check-in still waiting is `Conflict("check_in_open")` (at most one per member).
pub fn ask(
    conn: &mut DbConnection,
    org: OrgId,
    member: Member,
    channel: CheckInChannel,
    now: NaiveDateTime,
) -> Result<CheckIn> {
    if open_for(conn, org, member.match_id, member.neighbour_id)?.is_some() {
        return Err(StoreError::conflict("check_in_open"));
    }
    Ok(diesel::insert_into(check_ins::table)
        .values(&CheckInInsert {
            organisation_id: org,
            match_id: member.match_id,
            neighbour_id: member.neighbour_id,
            side: member.side,
            channel,
            status: CheckInStatus::Asked,
            tries: 1,
            asked_at: now,
            last_try_at: now,
            answer: None,
            answered_at: None,
            answered_via: None,
            answered_by: None,
            note: None,
        })
        .returning(check_ins::all_columns)
        .get_result(conn)?)
}

/// The check-in of a member still waiting for an answer (asked, or unanswered after
/// two tries), if any: the latest.
pub fn open_for(conn: &mut DbConnection, org: OrgId, m: MatchId, n: NeighbourId) -> Result<Option<CheckIn>> {
    Ok(check_ins::table
        .filter(check_ins::organisation_id.eq(org))
        .filter(check_ins::match_id.eq(m))
        .filter(check_ins::neighbour_id.eq(n))
        .filter(check_ins::status.ne(CheckInStatus::Answered.as_str()))
        .order(check_ins::id.desc())
        .select(CheckIn::as_select())
        .first(conn)
        .optional()?)
}

/// Waiting check-ins of active, unpaused matches with `tries` tries, the last at or
/// before `before`, oldest first (a paused pair is not reminded either).
pub fn waiting_since(
    conn: &mut DbConnection,
    org: OrgId,
    tries: i32,
    before: NaiveDateTime,
) -> Result<Vec<CheckIn>> {
    Ok(check_ins::table
        .inner_join(
            matches::table.on(matches::id
                .eq(check_ins::match_id)
                .and(matches::organisation_id.eq(check_ins::organisation_id))),
        )
        .filter(check_ins::organisation_id.eq(org))
        .filter(matches::status.eq(MatchStatus::Active.as_str()))
        .filter(matches::paused_at.is_null())
        .filter(check_ins::status.eq(CheckInStatus::Asked.as_str()))
        .filter(check_ins::tries.eq(tries))
        .filter(check_ins::last_try_at.le(before))
        .order(check_ins::id)
        .select(CheckIn::as_select())
        .load(conn)?)
}

/// Records the second try at `now` (only from one try, still waiting).
pub fn second_try(conn: &mut DbConnection, org: OrgId, id: CheckInId, now: NaiveDateTime) -> Result<CheckIn> {
    let n = diesel::update(
        check_ins::table
            .filter(check_ins::organisation_id.eq(org))
            .filter(check_ins::id.eq(id))
            .filter(check_ins::status.eq(CheckInStatus::Asked.as_str()))
            .filter(check_ins::tries.eq(1)),
    )
    .set((check_ins::tries.eq(2), check_ins::last_try_at.eq(now)))
    .execute(conn)?;
    if n == 0 {
        get(conn, org, id)?;
        return Err(StoreError::conflict("check_in_not_waiting"));
    }
    get(conn, org, id)
}

/// Marks a check-in unanswered after its tries (only while still asked).
pub fn give_up(conn: &mut DbConnection, org: OrgId, id: CheckInId) -> Result<CheckIn> {
    let n = diesel::update(
        check_ins::table
            .filter(check_ins::organisation_id.eq(org))
            .filter(check_ins::id.eq(id))
            .filter(check_ins::status.eq(CheckInStatus::Asked.as_str())),
    )
    .set(check_ins::status.eq(CheckInStatus::Unanswered.as_str()))
    .execute(conn)?;
    if n == 0 {
        get(conn, org, id)?;
        return Err(StoreError::conflict("check_in_not_waiting"));
    }
    get(conn, org, id)
}

/// Records the answer of a check-in still waiting (asked or unanswered) and deletes its
/// links. An answered one is `Conflict("check_in_answered")`: an answer is written once.
pub fn answer(conn: &mut DbConnection, org: OrgId, id: CheckInId, rec: &AnswerRecord) -> Result<CheckIn> {
    let note = rec.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    check_note(note)?;
    let n = diesel::update(
        check_ins::table
            .filter(check_ins::organisation_id.eq(org))
            .filter(check_ins::id.eq(id))
            .filter(check_ins::status.ne(CheckInStatus::Answered.as_str())),
    )
    .set((
        check_ins::status.eq(CheckInStatus::Answered.as_str()),
        check_ins::answer.eq(Some(rec.answer.as_str())),
        check_ins::answered_at.eq(Some(rec.at)),
        check_ins::answered_via.eq(Some(rec.via.as_str())),
        check_ins::answered_by.eq(Some(rec.by.as_str())),
        check_ins::note.eq(note),
    ))
    .execute(conn)?;
    if n == 0 {
        get(conn, org, id)?;
        return Err(StoreError::conflict("check_in_answered"));
    }
    diesel::delete(
        check_in_links::table
            .filter(check_in_links::organisation_id.eq(org))
            .filter(check_in_links::check_in_id.eq(id)),
    )
    .execute(conn)?;
    get(conn, org, id)
}

/// Records an answer a coordinator heard by phone without an asking before it: a new,
/// answered row (channel `phone`, no tries).
pub fn record_unasked(
    conn: &mut DbConnection,
    org: OrgId,
    member: Member,
    rec: &AnswerRecord,
) -> Result<CheckIn> {
    let note = rec.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    check_note(note)?;
    Ok(diesel::insert_into(check_ins::table)
        .values(&CheckInInsert {
            organisation_id: org,
            match_id: member.match_id,
            neighbour_id: member.neighbour_id,
            side: member.side,
            channel: CheckInChannel::Phone,
            status: CheckInStatus::Answered,
            tries: 0,
            asked_at: rec.at,
            last_try_at: rec.at,
            answer: Some(rec.answer),
            answered_at: Some(rec.at),
            answered_via: Some(rec.via),
            answered_by: Some(rec.by.as_str()),
            note,
        })
        .returning(check_ins::all_columns)
        .get_result(conn)?)
}

/// Links the signal a check-in's answer became.
pub fn set_signal(conn: &mut DbConnection, org: OrgId, id: CheckInId, signal: SignalId) -> Result<()> {
    diesel::update(
        check_ins::table
            .filter(check_ins::organisation_id.eq(org))
            .filter(check_ins::id.eq(id)),
    )
    .set(check_ins::signal_id.eq(Some(signal)))
    .execute(conn)?;
    Ok(())
}

#[derive(Insertable)]
#[diesel(table_name = check_in_links)]
struct LinkInsert<'a> {
    token_hash: &'a str,
    organisation_id: OrgId,
    check_in_id: CheckInId,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

/// Stores an answer link of a check-in by the hash of its token.
pub fn add_link(
    conn: &mut DbConnection,
    org: OrgId,
    id: CheckInId,
    token_hash: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> Result<()> {
    diesel::insert_into(check_in_links::table)
        .values(&LinkInsert {
            token_hash,
            organisation_id: org,
            check_in_id: id,
            created_at: now,
            expires_at,
        })
        .execute(conn)?;
    Ok(())
}

/// The check-in a link's token hash opens, with the link's expiry; `None` for an unknown
/// (or used: deleted) link. Across organisations: the token is the capability.
pub fn by_link(conn: &mut DbConnection, token_hash: &str) -> Result<Option<(CheckIn, NaiveDateTime)>> {
    let found: Option<(OrgId, CheckInId, NaiveDateTime)> = check_in_links::table
        .filter(check_in_links::token_hash.eq(token_hash))
        .select((
            check_in_links::organisation_id,
            check_in_links::check_in_id,
            check_in_links::expires_at,
        ))
        .first(conn)
        .optional()?;
    match found {
        None => Ok(None),
        Some((org, id, expires)) => Ok(Some((get(conn, org, id)?, expires))),
    }
}

/// Erasure: clears the notes of the check-ins of a match and deletes the links of its
/// check-ins.
pub fn erase_for_match(conn: &mut DbConnection, org: OrgId, m: MatchId) -> Result<()> {
    let ids: Vec<CheckInId> = check_ins::table
        .filter(check_ins::organisation_id.eq(org))
        .filter(check_ins::match_id.eq(m))
        .select(check_ins::id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(());
    }
    diesel::delete(
        check_in_links::table
            .filter(check_in_links::organisation_id.eq(org))
            .filter(check_in_links::check_in_id.eq_any(&ids)),
    )
    .execute(conn)?;
    diesel::update(
        check_ins::table
            .filter(check_ins::organisation_id.eq(org))
            .filter(check_ins::match_id.eq(m)),
    )
    .set(check_ins::note.eq(None::<String>))
    .execute(conn)?;
    Ok(())
}
