//! Matches: a request paired with one companion or a small group. Roles exist only
//! here, per match: the neighbour who asked (`requester`) and the `companion`s.
//!
//! proposed → (everybody accepted) → active → closed with follow-up; or declined, which
//! is neutral: no reason, no penalty, the pair is simply not proposed again.
//!
//! Every state change first takes the match row with a conditional update on its status,
//! so concurrent answers to one match are serialised on PostgreSQL (on SQLite, write
//! transactions are serialised by `BEGIN IMMEDIATE`). Capacity is claimed with an atomic
//! conditional increment: a companion can never end up with more active matches than
//! their capacity, whatever arrives concurrently.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{MatchId, NeighbourId, OrgId, RequestId};
use crate::request::RequestStatus;
use crate::schema::{match_members, matches, neighbours};
use crate::text_enum::text_enum;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Most companions in one (group) match.
pub const MAX_COMPANIONS: usize = 8;

/// Longest [`Match::shared_note`], in characters.
pub const MAX_SHARED_NOTE: usize = 280;

/// A shared note as stored: trimmed, at most [`MAX_SHARED_NOTE`] characters, no control
/// or invisible formatting characters (one line); empty is no note.
pub fn shared_note(s: Option<&str>) -> Result<Option<String>> {
    let Some(s) = s else { return Ok(None) };
    let s =
        crate::rules::line(s, MAX_SHARED_NOTE).map_err(|e| StoreError::invalid(e.message("shared_note")))?;
    Ok(Some(s).filter(|s| !s.is_empty()))
}

text_enum! {
    pub enum MatchStatus in "matches.status" {
        Proposed = "proposed",
        Active = "active",
        Declined = "declined",
        Closed = "closed",
    }
}

text_enum! {
    /// A neighbour's part in one match.
    pub enum Side in "match_members.side" {
        Requester = "requester",
        Companion = "companion",
    }
}

text_enum! {
    /// A member's answer to a proposal.
    pub enum Response in "match_members.response" {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
    }
}

text_enum! {
    /// How a `declined` match ended: the status stays `declined` (neutral: no reason, no
    /// penalty) and this says which way. Older rows without it were declined by someone.
    pub enum MatchEnd in "matches.ended_by" {
        /// Someone in it said no.
        Declined = "declined",
        /// Nobody answered within the organisation's `proposal_lapse_days`.
        Lapsed = "lapsed",
        /// Its request was cancelled while the proposal waited.
        Withdrawn = "withdrawn",
    }
}

/// A row of `matches`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = matches)]
pub struct Match {
    pub id: MatchId,
    pub organisation_id: OrgId,
    pub request_id: RequestId,
    pub status: MatchStatus,
    pub created_at: NaiveDateTime,
    pub activated_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub follow_up_met: Option<bool>,
    pub follow_up_mutual: Option<bool>,
    pub follow_up_note: Option<String>,
    /// What the coordinator chose to share about the others when proposing (e.g. "on
    /// Tuesdays she walks her dog along the canal"): until everybody accepted, messages
    /// to the people in the match describe the others only by their neighbourhood, what
    /// they have in common, the request's time and this text (issue 14).
    pub shared_note: Option<String>,
    /// How a `declined` match ended; `None` for other statuses (and older declines).
    pub ended_by: Option<MatchEnd>,
    /// Set while the pair pauses (a check-in's answer): still active, the companions keep
    /// their room, nobody is asked until it goes on.
    pub paused_at: Option<NaiveDateTime>,
}

/// A row of `match_members`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = match_members)]
pub struct MatchMember {
    pub match_id: MatchId,
    pub neighbour_id: NeighbourId,
    pub organisation_id: OrgId,
    pub side: Side,
    pub response: Response,
    pub responded_at: Option<NaiveDateTime>,
}

impl MatchMember {
    pub fn is_companion(&self) -> bool {
        self.side == Side::Companion
    }
}

/// A match with its members.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchDetail {
    pub row: Match,
    pub members: Vec<MatchMember>,
}

impl MatchDetail {
    pub fn companions(&self) -> impl Iterator<Item = NeighbourId> + '_ {
        self.members
            .iter()
            .filter(|m| m.is_companion())
            .map(|m| m.neighbour_id)
    }
    pub fn requester(&self) -> Option<NeighbourId> {
        self.members
            .iter()
            .find(|m| !m.is_companion())
            .map(|m| m.neighbour_id)
    }
}

/// How a match went, asked after it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FollowUp {
    /// Did they meet?
    pub met: bool,
    /// Did it lead to mutual support?
    pub mutual_support: bool,
    /// Free text; must not hold more personal data than needed.
    pub note: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = matches)]
struct MatchInsert {
    organisation_id: OrgId,
    request_id: RequestId,
    status: &'static str,
    created_at: NaiveDateTime,
    shared_note: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = match_members)]
struct MemberInsert {
    match_id: MatchId,
    neighbour_id: NeighbourId,
    organisation_id: OrgId,
    side: &'static str,
    response: &'static str,
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: MatchId) -> Result<Match> {
    Ok(matches::table
        .filter(matches::organisation_id.eq(org))
        .filter(matches::id.eq(id))
        .select(Match::as_select())
        .first(conn)?)
}

pub fn members(conn: &mut DbConnection, org: OrgId, id: MatchId) -> Result<Vec<MatchMember>> {
    Ok(match_members::table
        .filter(match_members::organisation_id.eq(org))
        .filter(match_members::match_id.eq(id))
        .order(match_members::neighbour_id)
        .select(MatchMember::as_select())
        .load(conn)?)
}

pub fn detail(conn: &mut DbConnection, org: OrgId, id: MatchId) -> Result<MatchDetail> {
    let row = get(conn, org, id)?;
    let members = members(conn, org, id)?;
    Ok(MatchDetail { row, members })
}

/// Which matches to list.
#[derive(Debug, Clone, Default)]
pub struct MatchFilter {
    pub statuses: Option<Vec<MatchStatus>>,
    pub request_id: Option<RequestId>,
    pub after: Option<MatchId>,
    /// Clamped to 1..=1000.
    pub limit: i64,
}

pub fn list(conn: &mut DbConnection, org: OrgId, filter: &MatchFilter) -> Result<Vec<Match>> {
    let mut q = matches::table
        .filter(matches::organisation_id.eq(org))
        .into_boxed();
    if let Some(st) = &filter.statuses {
        q = q.filter(matches::status.eq_any(st.iter().map(|s| s.as_str()).collect::<Vec<_>>()));
    }
    if let Some(r) = filter.request_id {
        q = q.filter(matches::request_id.eq(r));
    }
    if let Some(after) = filter.after {
        q = q.filter(matches::id.gt(after));
    }
    Ok(q.order(matches::id)
        .limit(filter.limit.clamp(1, 1000))
        .select(Match::as_select())
        .load(conn)?)
}

/// Companions proposed for a request, or matched with it, in matches still going on
/// (`proposed` or `active`), in one query: the candidate search leaves them out like
/// declined pairs.
pub fn companions_in_play(
    conn: &mut DbConnection,
    org: OrgId,
    request_id: RequestId,
) -> Result<Vec<NeighbourId>> {
    let mut ids: Vec<NeighbourId> = match_members::table
        .inner_join(matches::table)
        .filter(match_members::organisation_id.eq(org))
        .filter(matches::organisation_id.eq(org))
        .filter(matches::request_id.eq(request_id))
        .filter(matches::status.eq_any([MatchStatus::Proposed.as_str(), MatchStatus::Active.as_str()]))
        .filter(match_members::side.eq(Side::Companion.as_str()))
        .select(match_members::neighbour_id)
        .load(conn)?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Active matches activated at or before `cutoff`, in id order (follow-ups).
pub fn active_since_before(
    conn: &mut DbConnection,
    org: OrgId,
    cutoff: NaiveDateTime,
) -> Result<Vec<MatchId>> {
    Ok(matches::table
        .filter(matches::organisation_id.eq(org))
        .filter(matches::status.eq(MatchStatus::Active.as_str()))
        .filter(matches::activated_at.le(Some(cutoff)))
        .order(matches::id)
        .select(matches::id)
        .load(conn)?)
}

/// Every match one neighbour was part of, with members (for the export).
pub fn for_neighbour(conn: &mut DbConnection, org: OrgId, n: NeighbourId) -> Result<Vec<MatchDetail>> {
    let ids: Vec<MatchId> = match_members::table
        .filter(match_members::organisation_id.eq(org))
        .filter(match_members::neighbour_id.eq(n))
        .order(match_members::match_id)
        .select(match_members::match_id)
        .load(conn)?;
    ids.into_iter().map(|id| detail(conn, org, id)).collect()
}

/// Neighbours with whom `n` had a closed match in which they met.
pub fn met_before(conn: &mut DbConnection, org: OrgId, n: NeighbourId) -> Result<Vec<NeighbourId>> {
    let good: Vec<MatchId> = match_members::table
        .inner_join(matches::table)
        .filter(match_members::organisation_id.eq(org))
        .filter(match_members::neighbour_id.eq(n))
        .filter(matches::status.eq(MatchStatus::Closed.as_str()))
        .filter(matches::follow_up_met.eq(true))
        .select(matches::id)
        .load(conn)?;
    if good.is_empty() {
        return Ok(Vec::new());
    }
    let mut out: Vec<NeighbourId> = match_members::table
        .filter(match_members::organisation_id.eq(org))
        .filter(match_members::match_id.eq_any(good))
        .filter(match_members::neighbour_id.ne(n))
        .select(match_members::neighbour_id)
        .load(conn)?;
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Proposes `companions` for a request that is open (or already has other proposals).
/// Companions must exist in the organisation, not be paused, have room for one more,
/// not be the requester, and not have declined with the requester before.
pub fn propose(
    conn: &mut DbConnection,
    org: OrgId,
    request_id: RequestId,
    companions: &[NeighbourId],
) -> Result<MatchDetail> {
    propose_sharing(conn, org, request_id, companions, None)
}

/// [`propose`], with what the coordinator chose to share about the others (checked with
/// [`shared_note`]; `Invalid` naming `shared_note` when it breaks a rule).
pub fn propose_sharing(
    conn: &mut DbConnection,
    org: OrgId,
    request_id: RequestId,
    companions: &[NeighbourId],
    note: Option<&str>,
) -> Result<MatchDetail> {
    let note = shared_note(note)?;
    let mut companions = companions.to_vec();
    companions.sort_unstable();
    companions.dedup();
    if companions.is_empty() || companions.len() > MAX_COMPANIONS {
        return Err(StoreError::invalid(format!(
            "companion_ids must hold 1 to {MAX_COMPANIONS} ids"
        )));
    }
    let req = crate::request::get(conn, org, request_id)?;
    let requester = req.neighbour_id;
    if companions.contains(&requester) {
        return Err(StoreError::invalid("the requester cannot be their own companion"));
    }
    for &c in &companions {
        let n = crate::neighbour::get(conn, org, c)?;
        if n.paused {
            return Err(StoreError::conflict("neighbour_paused"));
        }
        if n.active_matches >= n.capacity {
            return Err(StoreError::conflict("capacity_reached"));
        }
        if crate::declined::exists(conn, org, requester, c)? {
            return Err(StoreError::conflict("declined_before"));
        }
        let pending: i64 = match_members::table
            .inner_join(matches::table)
            .filter(match_members::organisation_id.eq(org))
            .filter(match_members::neighbour_id.eq(c))
            .filter(matches::request_id.eq(request_id))
            .filter(matches::status.eq_any([MatchStatus::Proposed.as_str(), MatchStatus::Active.as_str()]))
            .count()
            .get_result(conn)?;
        if pending > 0 {
            return Err(StoreError::conflict("already_proposed"));
        }
    }
    crate::request::transition(
        conn,
        org,
        request_id,
        &[RequestStatus::Open, RequestStatus::Proposed],
        RequestStatus::Proposed,
    )?;
    let row: Match = diesel::insert_into(matches::table)
        .values(&MatchInsert {
            organisation_id: org,
            request_id,
            status: MatchStatus::Proposed.as_str(),
            created_at: clock::now(),
            shared_note: note,
        })
        .returning(matches::all_columns)
        .get_result(conn)?;
    let mut rows = vec![MemberInsert {
        match_id: row.id,
        neighbour_id: requester,
        organisation_id: org,
        side: Side::Requester.as_str(),
        response: "pending",
    }];
    rows.extend(companions.iter().map(|&c| MemberInsert {
        match_id: row.id,
        neighbour_id: c,
        organisation_id: org,
        side: Side::Companion.as_str(),
        response: "pending",
    }));
    for r in &rows {
        diesel::insert_into(match_members::table)
            .values(r)
            .execute(conn)?;
    }
    detail(conn, org, row.id)
}

/// Takes the match row for this transaction if it is in `status`; a match in another
/// state is `Conflict("match_not_<status>")`, a foreign or missing one `NotFound`.
fn lock(conn: &mut DbConnection, org: OrgId, id: MatchId, status: MatchStatus) -> Result<()> {
    let n = diesel::update(
        matches::table
            .filter(matches::organisation_id.eq(org))
            .filter(matches::id.eq(id))
            .filter(matches::status.eq(status.as_str())),
    )
    .set(matches::status.eq(matches::status))
    .execute(conn)?;
    if n == 0 {
        get(conn, org, id)?;
        return Err(StoreError::Conflict(format!("match_not_{}", status.as_str())));
    }
    Ok(())
}

fn member(members: &[MatchMember], n: NeighbourId) -> Result<&MatchMember> {
    members
        .iter()
        .find(|m| m.neighbour_id == n)
        .ok_or_else(|| StoreError::invalid("neighbour_id is not part of this match"))
}

fn respond(conn: &mut DbConnection, org: OrgId, id: MatchId, n: NeighbourId, response: &str) -> Result<()> {
    diesel::update(
        match_members::table
            .filter(match_members::organisation_id.eq(org))
            .filter(match_members::match_id.eq(id))
            .filter(match_members::neighbour_id.eq(n)),
    )
    .set((
        match_members::response.eq(response),
        match_members::responded_at.eq(Some(clock::now())),
    ))
    .execute(conn)?;
    Ok(())
}

/// Records that `neighbour` accepts. When everybody has accepted, the match becomes
/// active, claiming one unit of capacity of every companion with
/// `UPDATE … SET active_matches = active_matches + 1 WHERE … AND active_matches < capacity`;
/// if any companion has no room left this returns `Conflict("capacity_reached")` and the
/// caller's transaction must roll back (as [`Store::write`](crate::Store::write) does).
pub fn accept(
    conn: &mut DbConnection,
    org: OrgId,
    id: MatchId,
    neighbour: NeighbourId,
) -> Result<MatchDetail> {
    lock(conn, org, id, MatchStatus::Proposed)?;
    let ms = members(conn, org, id)?;
    let me = member(&ms, neighbour)?;
    if me.response == Response::Declined {
        return Err(StoreError::conflict("already_declined"));
    }
    respond(conn, org, id, neighbour, "accepted")?;
    let all = ms
        .iter()
        .all(|m| m.neighbour_id == neighbour || m.response == Response::Accepted);
    if all {
        for c in ms.iter().filter(|m| m.is_companion()) {
            let claimed = diesel::update(
                neighbours::table
                    .filter(neighbours::id.eq(c.neighbour_id))
                    .filter(neighbours::organisation_id.eq(org))
                    .filter(neighbours::active_matches.lt(neighbours::capacity)),
            )
            .set(neighbours::active_matches.eq(neighbours::active_matches + 1))
            .execute(conn)?;
            if claimed != 1 {
                return Err(StoreError::conflict("capacity_reached"));
            }
        }
        let req = get(conn, org, id)?.request_id;
        diesel::update(
            matches::table
                .filter(matches::organisation_id.eq(org))
                .filter(matches::id.eq(id)),
        )
        .set((
            matches::status.eq(MatchStatus::Active.as_str()),
            matches::activated_at.eq(Some(clock::now())),
        ))
        .execute(conn)?;
        crate::request::transition(
            conn,
            org,
            req,
            &[
                RequestStatus::Open,
                RequestStatus::Proposed,
                RequestStatus::Matched,
            ],
            RequestStatus::Matched,
        )?;
        crate::index_log::record(conn, org, &companion_ids(&ms))?;
    }
    detail(conn, org, id)
}

/// Pauses an active pair (a check-in's answer): it stays active and the companions keep
/// their room; nobody is asked until it goes on. Pausing a paused pair changes nothing.
pub fn pause(conn: &mut DbConnection, org: OrgId, id: MatchId, at: NaiveDateTime) -> Result<MatchDetail> {
    lock(conn, org, id, MatchStatus::Active)?;
    diesel::update(
        matches::table
            .filter(matches::organisation_id.eq(org))
            .filter(matches::id.eq(id))
            .filter(matches::paused_at.is_null()),
    )
    .set(matches::paused_at.eq(Some(at)))
    .execute(conn)?;
    detail(conn, org, id)
}

/// Ends a pause: the pair goes on (a check-in's "go on").
pub fn resume(conn: &mut DbConnection, org: OrgId, id: MatchId) -> Result<MatchDetail> {
    lock(conn, org, id, MatchStatus::Active)?;
    diesel::update(
        matches::table
            .filter(matches::organisation_id.eq(org))
            .filter(matches::id.eq(id)),
    )
    .set(matches::paused_at.eq(None::<NaiveDateTime>))
    .execute(conn)?;
    detail(conn, org, id)
}

/// Whether a request still has a match in one of these states.
fn has_match(conn: &mut DbConnection, org: OrgId, req: RequestId, statuses: &[MatchStatus]) -> Result<bool> {
    let n: i64 = matches::table
        .filter(matches::organisation_id.eq(org))
        .filter(matches::request_id.eq(req))
        .filter(matches::status.eq_any(statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Records that `neighbour` declines a proposal. Needs no reason and carries no penalty:
/// the match ends as `declined`, the pair is not proposed again, and the request is open
/// again unless it has other proposals.
pub fn decline(
    conn: &mut DbConnection,
    org: OrgId,
    id: MatchId,
    neighbour: NeighbourId,
) -> Result<MatchDetail> {
    lock(conn, org, id, MatchStatus::Proposed)?;
    let ms = members(conn, org, id)?;
    let me = member(&ms, neighbour)?.clone();
    respond(conn, org, id, neighbour, "declined")?;
    let requester = ms.iter().find(|m| !m.is_companion()).map(|m| m.neighbour_id);
    if let Some(r) = requester {
        if me.is_companion() {
            crate::declined::record(conn, org, r, neighbour)?;
        } else {
            for c in ms.iter().filter(|m| m.is_companion()) {
                crate::declined::record(conn, org, r, c.neighbour_id)?;
            }
        }
    }
    let row = get(conn, org, id)?;
    diesel::update(
        matches::table
            .filter(matches::organisation_id.eq(org))
            .filter(matches::id.eq(id)),
    )
    .set((
        matches::status.eq(MatchStatus::Declined.as_str()),
        matches::closed_at.eq(Some(clock::now())),
        matches::ended_by.eq(Some(MatchEnd::Declined.as_str())),
    ))
    .execute(conn)?;
    if !has_match(
        conn,
        org,
        row.request_id,
        &[MatchStatus::Proposed, MatchStatus::Active],
    )? {
        // Back to open only if it was waiting on proposals (not cancelled meanwhile).
        unless_conflict(crate::request::transition(
            conn,
            org,
            row.request_id,
            &[RequestStatus::Proposed],
            RequestStatus::Open,
        ))?;
    }
    detail(conn, org, id)
}

/// Closes an active match with its follow-up and gives the companions their capacity
/// back. The request is closed once none of its matches is active.
pub fn close(conn: &mut DbConnection, org: OrgId, id: MatchId, follow_up: &FollowUp) -> Result<MatchDetail> {
    if follow_up.note.as_ref().is_some_and(|n| n.chars().count() > 2000) {
        return Err(StoreError::invalid("note must be at most 2000 characters"));
    }
    lock(conn, org, id, MatchStatus::Active)?;
    let ms = members(conn, org, id)?;
    release(conn, org, &ms)?;
    let row = get(conn, org, id)?;
    diesel::update(
        matches::table
            .filter(matches::organisation_id.eq(org))
            .filter(matches::id.eq(id)),
    )
    .set((
        matches::status.eq(MatchStatus::Closed.as_str()),
        matches::closed_at.eq(Some(clock::now())),
        matches::follow_up_met.eq(Some(follow_up.met)),
        matches::follow_up_mutual.eq(Some(follow_up.mutual_support)),
        matches::follow_up_note.eq(follow_up.note.as_deref().map(str::trim)),
    ))
    .execute(conn)?;
    if !has_match(conn, org, row.request_id, &[MatchStatus::Active])? {
        unless_conflict(crate::request::transition(
            conn,
            org,
            row.request_id,
            &[RequestStatus::Matched],
            RequestStatus::Closed,
        ))?;
    }
    crate::index_log::record(conn, org, &companion_ids(&ms))?;
    detail(conn, org, id)
}

/// The companions of a match (whose capacity in use a state change moves).
fn companion_ids(members: &[MatchMember]) -> Vec<NeighbourId> {
    members
        .iter()
        .filter(|m| m.is_companion())
        .map(|m| m.neighbour_id)
        .collect()
}

/// A state change that may legitimately not apply (the row moved on meanwhile).
fn unless_conflict(r: Result<()>) -> Result<()> {
    match r {
        Err(StoreError::Conflict(_)) => Ok(()),
        other => other,
    }
}

/// Gives every companion of an active match one unit of capacity back.
pub(crate) fn release(conn: &mut DbConnection, org: OrgId, members: &[MatchMember]) -> Result<()> {
    for c in members.iter().filter(|m| m.is_companion()) {
        diesel::update(
            neighbours::table
                .filter(neighbours::id.eq(c.neighbour_id))
                .filter(neighbours::organisation_id.eq(org))
                .filter(neighbours::active_matches.gt(0)),
        )
        .set(neighbours::active_matches.eq(neighbours::active_matches - 1))
        .execute(conn)?;
    }
    Ok(())
}

/// Ends every proposal of a request that still waits for answers as `declined` by
/// `withdrawn` (its request was cancelled): no pair is recorded as declined, nobody's
/// capacity was held by a proposal, and the companions no longer count it as waiting.
/// Returns the withdrawn matches as they are now.
pub fn withdraw_proposals(
    conn: &mut DbConnection,
    org: OrgId,
    request_id: RequestId,
) -> Result<Vec<MatchDetail>> {
    let ids: Vec<MatchId> = matches::table
        .filter(matches::organisation_id.eq(org))
        .filter(matches::request_id.eq(request_id))
        .filter(matches::status.eq(MatchStatus::Proposed.as_str()))
        .order(matches::id)
        .select(matches::id)
        .load(conn)?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if end_proposal(conn, org, id, MatchEnd::Withdrawn, clock::now())? {
            out.push(detail(conn, org, id)?);
        }
    }
    Ok(out)
}

/// Ends a waiting proposal as `declined` by `how` (a conditional update: `false` when it
/// no longer waits).
fn end_proposal(
    conn: &mut DbConnection,
    org: OrgId,
    id: MatchId,
    how: MatchEnd,
    now: NaiveDateTime,
) -> Result<bool> {
    let n = diesel::update(
        matches::table
            .filter(matches::organisation_id.eq(org))
            .filter(matches::id.eq(id))
            .filter(matches::status.eq(MatchStatus::Proposed.as_str())),
    )
    .set((
        matches::status.eq(MatchStatus::Declined.as_str()),
        matches::closed_at.eq(Some(now)),
        matches::ended_by.eq(Some(how.as_str())),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Proposals of an organisation still waiting for an answer that were made at or
/// before `cutoff`, in id order.
pub fn proposed_before(conn: &mut DbConnection, org: OrgId, cutoff: NaiveDateTime) -> Result<Vec<MatchId>> {
    Ok(matches::table
        .filter(matches::organisation_id.eq(org))
        .filter(matches::status.eq(MatchStatus::Proposed.as_str()))
        .filter(matches::created_at.le(cutoff))
        .order(matches::id)
        .select(matches::id)
        .load(conn)?)
}

/// A proposal that got no answer in time lapses: it ends as `declined` by `lapsed`; a
/// companion who never answered is not proposed to the same person again (the pair is
/// recorded like a decline, without penalty); the request is open again for re-matching
/// unless another proposal or match of it goes on. `None` when it no longer waits.
pub fn lapse(
    conn: &mut DbConnection,
    org: OrgId,
    id: MatchId,
    now: NaiveDateTime,
) -> Result<Option<MatchDetail>> {
    if !end_proposal(conn, org, id, MatchEnd::Lapsed, now)? {
        return Ok(None);
    }
    let ms = members(conn, org, id)?;
    if let Some(r) = ms.iter().find(|m| !m.is_companion()).map(|m| m.neighbour_id) {
        for c in ms
            .iter()
            .filter(|m| m.is_companion() && m.response == Response::Pending)
        {
            crate::declined::record(conn, org, r, c.neighbour_id)?;
        }
    }
    let row = get(conn, org, id)?;
    if !has_match(
        conn,
        org,
        row.request_id,
        &[MatchStatus::Proposed, MatchStatus::Active],
    )? {
        unless_conflict(crate::request::transition(
            conn,
            org,
            row.request_id,
            &[RequestStatus::Proposed],
            RequestStatus::Open,
        ))?;
    }
    Ok(Some(MatchDetail { row, members: ms }))
}
