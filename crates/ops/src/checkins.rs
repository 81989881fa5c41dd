//! Check-ins of ongoing pairs: the timed asking ([`run_due`]), the answer from the
//! one-click link ([`answer_link`]) or recorded by a coordinator who heard it by phone
//! ([`record`]), and what each answer does.
//!
//! **When.** Every `check_in_weeks` (organisation setting, default 6) after a member's
//! last contact about the pair — the match's activation, or their latest check-in (asked
//! or answered) — each member of an active, unpaused match is asked, separately: the
//! neighbour who asked "is it still going well?", a companion "is it still light enough,
//! do you want to go on?". By e-mail with an answer link when they have an address, else
//! on the coordinator's phone list. No answer after [`SECOND_TRY_DAYS`]: asked once more
//! (a new link); no answer [`GIVE_UP_DAYS`] after that: the check-in is `unanswered` and
//! needs the coordinator (Today). A member with a check-in still waiting, or unanswered,
//! is not asked again until it is answered.
//!
//! **Answers.** `go_on`: nothing changes (a paused pair goes on), the next check-in comes
//! an interval later. `pause`: the match stays active, the companions keep their room,
//! `paused_at` is set and nobody is asked until someone answers `go_on`. `end_well`: the
//! match is closed as met (`ops::matches::close`, with its notification and index
//! update) and the member's thanks to the others are recorded as exchanges. `mediate`:
//! needs the coordinator. `more_than_neighbour`: needs the coordinator and becomes a
//! signal about the neighbour who asked (source `companion` when a companion answered
//! through the link, else `coordinator`).
//!
//! **The link.** A random 256-bit token, of which only the SHA-256 is stored, valid for
//! [`LINK_DAYS`] and while the check-in waits; answering deletes every link of the
//! check-in. Why not an HMAC over check-in, side and expiry: the timed run happens in
//! `nabij serve`'s scheduler (and could run from the CLI) without the API's key set, a
//! key rotation would silently void every outstanding link, and a stored link can be
//! deleted the moment it is used, so "single use" is a row, not a list of spent
//! signatures.
//!
//! Every asking, try, give-up and answer writes an audit row (subject: the member) in
//! the same transaction; the e-mail or phone-list entry is enqueued there too.

use crate::caller::{Caller, Role};
use crate::error::{OpsError, OpsResult};
use crate::index::IndexUpdate;
use crate::{access, Ops};
use chrono::{Duration, NaiveDateTime};
use nabij_engine::reciprocity::ExchangeKind;
use nabij_notify::Event;
use nabij_store::check_in::{
    self, AnswerRecord, AnsweredVia, CheckIn, CheckInAnswer, CheckInChannel, Member,
};
use nabij_store::matching::{self, FollowUp, MatchDetail, MatchStatus, Side};
use nabij_store::signal::{LifeDomain, NewSignal, SignalSource, Subject};
use nabij_store::{
    clock, exchange, neighbour, organisation, DbConnection, MatchId, NeighbourId, OrgId, StoreError,
};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Days after the first try without an answer until the second.
pub const SECOND_TRY_DAYS: i64 = 7;
/// Days after the second try without an answer until the check-in needs the coordinator.
pub const GIVE_UP_DAYS: i64 = 7;
/// Days an answer link stays valid (it also dies when the check-in is answered).
pub const LINK_DAYS: i64 = 14;

/// The audit subject of the timed run.
pub const RUN_SUBJECT: &str = "system:check-ins";
/// `answered_by` of an answer given through the link (and the audit subject).
pub const LINK_SUBJECT: &str = "link";

/// What one [`run_due`] did (the summary of its scheduler job).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct DueSummary {
    /// Members asked (first try).
    pub asked: usize,
    /// Of those and the reminders: e-mails written.
    pub emails: usize,
    /// Of those and the reminders: phone-list entries written.
    pub calls: usize,
    /// Second tries.
    pub reminded: usize,
    /// Check-ins that went unanswered after two tries (now the coordinator's).
    pub unanswered: usize,
}

/// The caller of the timed run: the organisation's system.
fn run_caller(conn: &mut DbConnection, org: OrgId) -> OpsResult<Caller> {
    let row = organisation::get(conn, org)?;
    Ok(Caller {
        subject: RUN_SUBJECT.to_string(),
        org,
        org_slug: row.slug,
        role: Role::Admin,
        neighbourhoods: None,
        scopes: Vec::new(),
    })
}

/// The caller of an answer through the link: the person, through a capability that
/// opens exactly one check-in (audited as `link`).
fn link_caller(conn: &mut DbConnection, org: OrgId) -> OpsResult<Caller> {
    Ok(Caller {
        subject: LINK_SUBJECT.to_string(),
        ..run_caller(conn, org)?
    })
}

fn hash(token: &str) -> String {
    let d = Sha256::digest(token.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new answer link of a check-in: stores the token's hash, returns the URL.
fn new_link(ops: &Ops, conn: &mut DbConnection, c: &CheckIn, now: NaiveDateTime) -> OpsResult<String> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    check_in::add_link(
        conn,
        c.organisation_id,
        c.id,
        &hash(&token),
        now,
        now + Duration::days(LINK_DAYS),
    )?;
    Ok(format!(
        "{}/check-in/{token}",
        ops.public_url.trim_end_matches('/')
    ))
}

/// Tells one try: an e-mail with a fresh link, or a phone-list entry.
fn tell(
    ops: &Ops,
    conn: &mut DbConnection,
    c: &CheckIn,
    event: Event,
    now: NaiveDateTime,
) -> OpsResult<(usize, usize)> {
    if !ops.notifications {
        return Ok((0, 0));
    }
    let link = match c.channel {
        CheckInChannel::Email => Some(new_link(ops, conn, c, now)?),
        _ => None,
    };
    let done = nabij_notify::outbox::enqueue_check_in(conn, c.organisation_id, &event, c, link.as_deref())?;
    Ok((done.emails, done.calls))
}

fn audit(conn: &mut DbConnection, caller: &Caller, action: &str, c: &CheckIn) -> OpsResult<()> {
    let detail = format!(
        "check_in={} match={} side={} channel={} tries={}",
        c.id,
        c.match_id,
        c.side.as_str(),
        c.channel.as_str(),
        c.tries
    );
    access::record(conn, caller, action, Some(c.neighbour_id), detail)?;
    Ok(())
}

/// The active, unpaused matches of an organisation, in id order.
fn active_matches(conn: &mut DbConnection, org: OrgId) -> OpsResult<Vec<MatchDetail>> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = matching::list(
            conn,
            org,
            &matching::MatchFilter {
                statuses: Some(vec![MatchStatus::Active]),
                after,
                limit: 1000,
                ..Default::default()
            },
        )?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        for m in page {
            if m.paused_at.is_none() {
                let members = matching::members(conn, org, m.id)?;
                out.push(MatchDetail { row: m, members });
            }
        }
    }
    Ok(out)
}

/// Runs the check-ins of `org` that are due at `now`, in the caller's write transaction:
/// first the check-ins that went unanswered after two tries (they become the
/// coordinator's), then the second tries, then the members due to be asked (see the
/// module). Idempotent for a given `now`: a second run at the same `now` finds nothing
/// due and writes nothing. Erased members are not asked.
///
/// The scheduler of `nabij serve` calls this once per organisation per tick, inside
/// `ops.write(|tx| run_due(&ops, tx, org, now))`.
pub fn run_due(ops: &Ops, tx: &mut DbConnection, org: OrgId, now: NaiveDateTime) -> OpsResult<DueSummary> {
    let now = clock::stored(now.and_utc());
    let caller = run_caller(tx, org)?;
    let weeks = organisation::settings(tx, org)?.check_in_weeks;
    let mut sum = DueSummary::default();

    for c in check_in::waiting_since(tx, org, 2, now - Duration::days(GIVE_UP_DAYS))? {
        let c = check_in::give_up(tx, org, c.id)?;
        audit(tx, &caller, "check_in_unanswered", &c)?;
        sum.unanswered += 1;
    }
    for c in check_in::waiting_since(tx, org, 1, now - Duration::days(SECOND_TRY_DAYS))? {
        let c = check_in::second_try(tx, org, c.id, now)?;
        let (e, k) = tell(ops, tx, &c, Event::CheckInReminder(c.id), now)?;
        audit(tx, &caller, "check_in_reminded", &c)?;
        sum.reminded += 1;
        sum.emails += e;
        sum.calls += k;
    }

    let cutoff = now - Duration::weeks(i64::from(weeks));
    let latest = check_in::latest_of_active(tx, org)?;
    for d in active_matches(tx, org)? {
        let Some(activated) = d.row.activated_at else {
            continue;
        };
        let ids: Vec<NeighbourId> = d.members.iter().map(|m| m.neighbour_id).collect();
        let people = neighbour::get_many_any(tx, org, &ids)?;
        for m in &d.members {
            let last = match latest.get(&(d.row.id, m.neighbour_id)) {
                // Waiting, or unanswered (the coordinator's now): not asked again.
                Some(c) if c.answer.is_none() => continue,
                Some(c) => c.last_contact().max(activated),
                None => activated,
            };
            if last > cutoff {
                continue;
            }
            let Some(p) = people.iter().find(|p| p.id == m.neighbour_id) else {
                continue;
            };
            if p.is_erased() {
                continue;
            }
            let channel = if p.email.as_deref().is_some_and(|e| !e.trim().is_empty()) {
                CheckInChannel::Email
            } else {
                CheckInChannel::Call
            };
            let member = Member {
                match_id: d.row.id,
                neighbour_id: m.neighbour_id,
                side: m.side,
            };
            let c = check_in::ask(tx, org, member, channel, now)?;
            let (e, k) = tell(ops, tx, &c, Event::CheckInAsked(c.id), now)?;
            audit(tx, &caller, "check_in_asked", &c)?;
            sum.asked += 1;
            sum.emails += e;
            sum.calls += k;
        }
    }
    Ok(sum)
}

/// What an answer did.
#[derive(Debug, Clone)]
pub struct Answered {
    pub check_in: CheckIn,
    /// The match after the answer (paused, going on, or closed).
    pub match_detail: MatchDetail,
    /// The index change to apply after the commit (an `end_well` freed room).
    pub update: Option<IndexUpdate>,
}

/// Does what an answer means (see the module) and audits it.
fn take_effect(
    ops: &Ops,
    tx: &mut DbConnection,
    caller: &Caller,
    c: CheckIn,
    now: NaiveDateTime,
) -> OpsResult<Answered> {
    let org = caller.org;
    let Some(answer) = c.answer else {
        return Err(StoreError::Corrupt("check_ins.answer".into()).into());
    };
    audit(tx, caller, &format!("check_in_answered_{}", answer.as_str()), &c)?;
    let mut update = None;
    let d = match answer {
        CheckInAnswer::GoOn => {
            let d = matching::detail(tx, org, c.match_id)?;
            if d.row.paused_at.is_some() {
                matching::resume(tx, org, c.match_id)?
            } else {
                d
            }
        }
        CheckInAnswer::Pause => matching::pause(tx, org, c.match_id, now)?,
        CheckInAnswer::EndWell => {
            let before = matching::detail(tx, org, c.match_id)?;
            for other in before.members.iter().filter(|m| m.neighbour_id != c.neighbour_id) {
                exchange::create(
                    tx,
                    org,
                    &exchange::NewExchange {
                        from_id: c.neighbour_id,
                        to_id: other.neighbour_id,
                        kind: ExchangeKind::Thanks,
                        match_id: Some(c.match_id),
                        at: Some(now),
                    },
                )?;
            }
            let follow_up = FollowUp {
                met: true,
                mutual_support: false,
                note: Some(format!(
                    "check-in {}: ended well ({}), thanks noted",
                    c.id,
                    c.side.as_str()
                )),
            };
            let (d, u) = crate::matches::close(ops, tx, caller, c.match_id, &follow_up)?;
            update = Some(u);
            d
        }
        CheckInAnswer::Mediate => matching::detail(tx, org, c.match_id)?,
        CheckInAnswer::MoreThanNeighbour => {
            let d = matching::detail(tx, org, c.match_id)?;
            let about = d.requester().unwrap_or(c.neighbour_id);
            let source = if c.side == Side::Companion && c.answered_via == Some(AnsweredVia::Link) {
                SignalSource::Companion
            } else {
                SignalSource::Coordinator
            };
            let text = match &c.note {
                Some(n) => format!(
                    "Check-in {} (match {}): needs more than a neighbour. {n}",
                    c.id, c.match_id
                ),
                None => format!(
                    "Check-in {} (match {}): needs more than a neighbour.",
                    c.id, c.match_id
                ),
            };
            let s = crate::signals::file(
                tx,
                caller,
                &NewSignal {
                    neighbourhood_id: None,
                    subject: Subject::Neighbour(about),
                    source,
                    referring_partner: None,
                    referring_service_id: None,
                    signed_on: None,
                    life_domains: vec![LifeDomain::SocialContact],
                    text,
                    contact_by: None,
                    filed_by: caller.actor().to_string(),
                },
            )?;
            check_in::set_signal(tx, org, c.id, s.id)?;
            d
        }
    };
    let check_in = check_in::get(tx, org, c.id)?;
    Ok(Answered {
        check_in,
        match_detail: d,
        update,
    })
}

/// Why a link opens nothing. The page says the same friendly thing for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkGone {
    /// No such link, or used (answered).
    Unknown,
    Expired,
    /// The pair has ended meanwhile.
    MatchEnded,
}

/// What the answer page shows: nobody but the reader.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkView {
    pub check_in: CheckIn,
    /// The reader's display name.
    pub name: String,
    /// The reader's message language (`nl`, `fr`, `en`).
    pub language: String,
    /// The organisation's name (who asks).
    pub organisation: String,
}

/// The check-in an answer link opens at `now`, if it still does.
pub fn open_link(
    tx: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> OpsResult<Result<LinkView, LinkGone>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(Err(LinkGone::Unknown));
    }
    let Some((c, expires)) = check_in::by_link(tx, &hash(&token.to_ascii_lowercase()))? else {
        return Ok(Err(LinkGone::Unknown));
    };
    if expires <= now {
        return Ok(Err(LinkGone::Expired));
    }
    if c.answer.is_some() {
        return Ok(Err(LinkGone::Unknown));
    }
    let org = c.organisation_id;
    if matching::get(tx, org, c.match_id)?.status != MatchStatus::Active {
        return Ok(Err(LinkGone::MatchEnded));
    }
    let n = neighbour::get_any(tx, org, c.neighbour_id)?;
    if n.is_erased() {
        return Ok(Err(LinkGone::Unknown));
    }
    let organisation = organisation::get(tx, org)?.name;
    Ok(Ok(LinkView {
        name: n.display_name.clone(),
        language: n.preferred_language.clone(),
        organisation,
        check_in: c,
    }))
}

/// Records the answer given through an answer link at `now` (single use: the link and
/// any other link of the check-in stop working). A link that opens nothing any more
/// records nothing and says why.
pub fn answer_link(
    ops: &Ops,
    tx: &mut DbConnection,
    token: &str,
    answer: CheckInAnswer,
    note: Option<String>,
    now: NaiveDateTime,
) -> OpsResult<Result<Answered, LinkGone>> {
    let now = clock::stored(now.and_utc());
    let view = match open_link(tx, token, now)? {
        Ok(v) => v,
        Err(gone) => return Ok(Err(gone)),
    };
    let org = view.check_in.organisation_id;
    let caller = link_caller(tx, org)?;
    let rec = AnswerRecord {
        answer,
        via: AnsweredVia::Link,
        by: LINK_SUBJECT.to_string(),
        note,
        at: now,
    };
    let c = match check_in::answer(tx, org, view.check_in.id, &rec) {
        Ok(c) => c,
        // Answered meanwhile (another tab): used.
        Err(StoreError::Conflict(_)) => return Ok(Err(LinkGone::Unknown)),
        Err(e) => return Err(e.into()),
    };
    take_effect(ops, tx, &caller, c, now).map(Ok)
}

/// An answer a coordinator heard by phone.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneAnswer {
    /// The member who answered.
    pub neighbour_id: NeighbourId,
    pub answer: CheckInAnswer,
    pub note: Option<String>,
}

/// Records an answer a coordinator heard by phone, for a member of an active match the
/// caller may see: it answers the member's waiting (or unanswered) check-in, or is
/// recorded on its own when none waits. A member not in the match is 400
/// `neighbour_id`; a match no longer active 409 `match_not_active`.
pub fn record(
    ops: &Ops,
    tx: &mut DbConnection,
    caller: &Caller,
    id: MatchId,
    given: &PhoneAnswer,
    now: NaiveDateTime,
) -> OpsResult<Answered> {
    caller.require_scope(crate::caller::scopes::MATCHES_WRITE)?;
    if !caller.role.is_staff() {
        return Err(OpsError::Forbidden(
            "only a coordinator records a check-in answer",
        ));
    }
    let now = clock::stored(now.and_utc());
    let d = access::match_detail(tx, caller, id)?;
    let Some(m) = d.members.iter().find(|m| m.neighbour_id == given.neighbour_id) else {
        return Err(OpsError::Invalid {
            field: "neighbour_id",
            message: "is not part of this match",
        });
    };
    if d.row.status != MatchStatus::Active {
        return Err(StoreError::conflict("match_not_active").into());
    }
    let rec = AnswerRecord {
        answer: given.answer,
        via: AnsweredVia::Phone,
        by: caller.actor().to_string(),
        note: given.note.clone(),
        at: now,
    };
    let c = match check_in::open_for(tx, caller.org, id, m.neighbour_id)? {
        Some(open) => check_in::answer(tx, caller.org, open.id, &rec)?,
        None => check_in::record_unasked(
            tx,
            caller.org,
            Member {
                match_id: id,
                neighbour_id: m.neighbour_id,
                side: m.side,
            },
            &rec,
        )?,
    };
    take_effect(ops, tx, caller, c, now)
}

/// The check-ins of a match the caller may see, oldest first.
pub fn list(tx: &mut DbConnection, caller: &Caller, id: MatchId) -> OpsResult<Vec<CheckIn>> {
    caller.require_scope(crate::caller::scopes::MATCHES_READ)?;
    access::match_detail(tx, caller, id)?;
    Ok(check_in::for_match(tx, caller.org, id)?)
}

/// The check-ins that need the coordinator now (Today), of matches the caller may see:
/// per member of an active match the latest check-in, when it went unanswered after two
/// tries or asked to mediate or for more than a neighbour. Oldest first.
pub fn needing_coordinator(tx: &mut DbConnection, caller: &Caller) -> OpsResult<Vec<(CheckIn, MatchDetail)>> {
    let mut out = Vec::new();
    for c in check_in::needing_coordinator(tx, caller.org)? {
        match access::match_detail(tx, caller, c.match_id) {
            Ok(d) => out.push((c, d)),
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(out)
}
