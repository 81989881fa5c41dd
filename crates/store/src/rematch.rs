//! Batch re-matching of one organisation (docs/design.md §3.6–3.7): every open request against
//! every available neighbour, proposals through the normal match flow, group suggestions
//! for people with the same question, and referral flags for requests nobody can take.
//!
//! **Crash safety and idempotency.** The run reads one consistent snapshot, computes
//! everything in memory, and then writes each outcome in its own short write transaction
//! that re-checks the state it relies on: a proposal only for a request that is *still*
//! open (the conditional `open → proposed` update is the first statement, so on
//! PostgreSQL it also takes the row lock) and a companion who still has room counting
//! the proposals they have not answered yet; a group only when none of its requests is
//! in a suggested or accepted group already; a referral flag only for a request that is
//! still open. A run killed at any moment leaves whole proposals, groups and flags
//! behind, and the next run simply does the rest. Proposals go through
//! [`matching::propose`]: they wait for everybody's answer and never become active here.
//!
//! **What a proposal means beyond its rows** (its audit rows, notification event and
//! outbox rows) is not the store's business: the caller supplies it as a
//! [`ProposalHook`] ([`run_with`], [`run_job_hooked`]), called on the connection of the
//! proposal's own transaction, so the proposal and all it entails commit together. The
//! operations layer (`nabij-ops`) supplies the hook that makes a batch proposal exactly
//! like one made through the API. [`run`] and [`run_job`] use [`NoHook`] (store-level
//! tests and tools only).
//!
//! **One run per organisation.** The `jobs` table holds the running job (a partial unique
//! index keeps it to one per organisation and kind, also when two instances start at the
//! same moment); a job whose heartbeat is older than [`stale_after`] counts as dead (a
//! killed process cannot clear its row). On PostgreSQL the run additionally holds a
//! session-level advisory lock (`pg_try_advisory_lock`) on one pooled connection for its
//! whole duration: the lock dies with the process's connection, so a run that is alive
//! but slow to beat is never taken over by another instance, and a crashed one never
//! blocks. The pool is per process and a session lock belongs to one connection, so the
//! run keeps that connection checked out (it needs a pool of at least two) and unlocks
//! it before handing it back. SQLite has no such lock; there the embedded default runs in
//! one process and the job row with its heartbeat is the lock.

mod groups;
mod lock;

pub use groups::{decide_group, group, groups, GroupRow, GroupStatus};

use crate::error::{Result, StoreError};
use crate::ids::{JobId, NeighbourId, OrgId, RequestId};
use crate::job::{self, JobStatus};
use crate::request::{Request, RequestFilter, RequestStatus};
use crate::schema::{jobs, match_members, matches};
use crate::{audit, clock, matching, neighbour, organisation, request, DbConnection, Store};
use chrono::Utc;
use diesel::prelude::*;
use groups::write_group;
use lock::RunLock;
use nabij_engine::assign::AuctionConfig;
use nabij_engine::batch::{candidate_graph, propose};
use nabij_engine::groups::{suggest_groups, GroupRequest, GroupSuggestion};
use nabij_engine::{HelpRequest, NeighbourProfile, OrgIndex, RequestKind, Weights};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

/// The `jobs.kind` of a re-matching run.
pub const JOB_KIND: &str = "rematch";
/// Environment variable: seconds without a heartbeat after which a running job counts as
/// dead (default [`DEFAULT_STALE_SECS`]).
pub const STALE_ENV: &str = "NABIJ_JOB_STALE_SECS";
pub const DEFAULT_STALE_SECS: i64 = 300;
/// A running job beats at least this often (and at every phase change).
const HEARTBEAT_EVERY: Duration = Duration::from_secs(1);
/// High half of the advisory lock key ("rema"); the low half is the organisation id.
const RUN_LOCK_BASE: i64 = 0x7265_6d61 << 32;

/// How a run behaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RematchOptions {
    /// Compute and count everything, write nothing.
    pub dry_run: bool,
    /// Candidates per request (1..=100).
    pub k: usize,
    /// A request open longer than this (since filing or its last re-open) without any
    /// candidate is flagged for the coordinator (reason `no_candidates`); `None`: the
    /// organisation's `request_flag_days`.
    pub referral_after_days: Option<u32>,
    /// The job row to beat while running.
    pub job_id: Option<JobId>,
}

impl Default for RematchOptions {
    fn default() -> Self {
        Self {
            dry_run: false,
            k: 20,
            referral_after_days: None,
            job_id: None,
        }
    }
}

/// The steps of a run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Load,
    Score,
    Groups,
    Propose,
    Referrals,
    Done,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Load => "load",
            Phase::Score => "score",
            Phase::Groups => "groups",
            Phase::Propose => "propose",
            Phase::Referrals => "referrals",
            Phase::Done => "done",
        }
    }

    /// Where the phase starts and ends on the 0..=1 scale of the job's progress.
    fn span(self) -> (f64, f64) {
        match self {
            Phase::Load => (0.0, 0.3),
            Phase::Score => (0.3, 0.5),
            Phase::Groups => (0.5, 0.55),
            Phase::Propose => (0.55, 0.95),
            Phase::Referrals => (0.95, 1.0),
            Phase::Done => (1.0, 1.0),
        }
    }
}

/// Where a run stands: `done` of `total` items of a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub phase: Phase,
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// The whole run's progress, 0..=1.
    pub fn fraction(&self) -> f64 {
        let (a, b) = self.phase.span();
        let part = if self.total == 0 {
            1.0
        } else {
            (self.done as f64 / self.total as f64).min(1.0)
        };
        a + (b - a) * part
    }
}

/// What a run did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RematchSummary {
    /// Open requests (without a pending proposal) at the start of the run.
    pub requests_considered: usize,
    /// Proposals written (each waits for everybody's answer).
    pub proposals_made: usize,
    /// New group suggestions.
    pub groups_suggested: usize,
    /// Considered requests that are still open: no proposal and no referral flag.
    pub still_unmatched: usize,
    /// Requests flagged for the coordinator (open too long without any candidate; reason
    /// `no_candidates`): they wait to be referred or re-opened.
    pub referrals_suggested: usize,
    pub duration_ms: u64,
    pub dry_run: bool,
}

/// Seconds without a heartbeat after which a running job counts as dead
/// (`NABIJ_JOB_STALE_SECS`, default 300).
pub fn stale_after() -> chrono::Duration {
    let secs = std::env::var(STALE_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|s| (0..=86_400).contains(s))
        .unwrap_or(DEFAULT_STALE_SECS);
    chrono::Duration::seconds(secs)
}

/// Starts a re-matching job; `Conflict("job_running")` while another one runs (see
/// [`running_job`] for its id).
pub fn start_job(store: &Store, org: OrgId) -> Result<JobId, StoreError> {
    // On PostgreSQL a live run holds the advisory lock even when its heartbeat lags.
    drop(RunLock::acquire(store, org)?);
    let job = store
        .write(|c| {
            organisation::get(c, org)?;
            job::start(c, org, JOB_KIND, stale_after())
        })
        .map_err(|e| match e {
            StoreError::Conflict(code) if code == "duplicate" => StoreError::conflict("job_running"),
            other => other,
        })?;
    Ok(job.id)
}

/// [`start_job`] inside a write transaction the caller holds on `conn`, so that the job
/// row commits together with what the caller writes beside it (an API's idempotency key
/// and audit row). On PostgreSQL the run lock is probed on another pooled connection.
/// Run the job with [`run_job`] only after that transaction has committed.
pub fn start_job_in(store: &Store, conn: &mut DbConnection, org: OrgId) -> Result<job::Job> {
    drop(RunLock::acquire(store, org)?);
    organisation::get(conn, org)?;
    job::start(conn, org, JOB_KIND, stale_after()).map_err(|e| match e {
        StoreError::Conflict(code) if code == "duplicate" => StoreError::conflict("job_running"),
        other => other,
    })
}

/// Re-matching jobs of an organisation, newest first, with ids below `before` if given.
pub fn recent_jobs(
    conn: &mut DbConnection,
    org: OrgId,
    before: Option<JobId>,
    limit: i64,
) -> Result<Vec<job::Job>> {
    let mut q = jobs::table
        .filter(jobs::organisation_id.eq(org))
        .filter(jobs::kind.eq(JOB_KIND))
        .into_boxed();
    if let Some(b) = before {
        q = q.filter(jobs::id.lt(b));
    }
    Ok(q.order(jobs::id.desc())
        .limit(limit.max(0))
        .select(job::Job::as_select())
        .load(conn)?)
}

/// The running re-matching job of an organisation, if any.
pub fn running_job(store: &Store, org: OrgId) -> Result<Option<job::Job>> {
    store.read(|c| job::running(c, org, JOB_KIND))
}

/// What a proposal of a run entails beyond the store's rows, written on the connection of
/// the proposal's own transaction right after the proposal (see the module
/// documentation). An error rolls the proposal back; `Conflict` and `NotFound` then skip
/// it like a proposal whose state moved on, any other error ends the run.
pub trait ProposalHook {
    fn proposed(&self, conn: &mut DbConnection, org: OrgId, proposal: &matching::MatchDetail) -> Result<()>;
}

/// A hook that adds nothing: the proposal's rows only.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoHook;

impl ProposalHook for NoHook {
    fn proposed(&self, _: &mut DbConnection, _: OrgId, _: &matching::MatchDetail) -> Result<()> {
        Ok(())
    }
}

/// Runs a started job to its end and records the outcome on the job row: `succeeded`
/// with the summary as JSON, or `failed` with `{"error": code}`. Proposals get no
/// [`ProposalHook`]; see [`run_job_hooked`].
pub fn run_job(store: &Store, org: OrgId, job_id: JobId, opts: &RematchOptions) -> Result<RematchSummary> {
    run_job_hooked(store, org, job_id, opts, &NoHook, &mut |_| {})
}

/// [`run_job`] with a progress callback.
pub fn run_job_with(
    store: &Store,
    org: OrgId,
    job_id: JobId,
    opts: &RematchOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<RematchSummary> {
    run_job_hooked(store, org, job_id, opts, &NoHook, progress)
}

/// [`run_job`] with what each proposal entails ([`ProposalHook`]) and a progress callback.
pub fn run_job_hooked(
    store: &Store,
    org: OrgId,
    job_id: JobId,
    opts: &RematchOptions,
    hook: &dyn ProposalHook,
    progress: &mut dyn FnMut(Progress),
) -> Result<RematchSummary> {
    let opts = RematchOptions {
        job_id: Some(job_id),
        ..opts.clone()
    };
    let result = RunLock::acquire(store, org).and_then(|_lock| run_with(store, org, &opts, hook, progress));
    let (status, summary) = match &result {
        Ok(s) => (
            JobStatus::Succeeded,
            serde_json::to_value(s).unwrap_or(serde_json::Value::Null),
        ),
        Err(e) => (JobStatus::Failed, serde_json::json!({ "error": e.code() })),
    };
    let finished = store.write(|c| job::finish(c, org, job_id, status, Some(&summary)));
    let summary = result?;
    finished?;
    Ok(summary)
}

/// One re-matching run without a [`ProposalHook`] (see the module documentation).
pub fn run(
    store: &Store,
    org: OrgId,
    opts: &RematchOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<RematchSummary> {
    run_with(store, org, opts, &NoHook, progress)
}

/// One re-matching run; `hook` adds to each proposal in its transaction.
pub fn run_with(
    store: &Store,
    org: OrgId,
    opts: &RematchOptions,
    hook: &dyn ProposalHook,
    progress: &mut dyn FnMut(Progress),
) -> Result<RematchSummary> {
    let started = Instant::now();
    let mut rep = Reporter {
        store,
        org,
        job: opts.job_id,
        progress,
        last_beat: Instant::now(),
    };
    rep.report(Phase::Load, 0, 1)?;
    let snap = store.read(|c| load(c, org, &mut rep))?;
    let n = snap.rows.len();
    rep.report(Phase::Load, n, n)?;

    rep.report(Phase::Score, 0, 1)?;
    let index = OrgIndex::bulk_load(snap.profiles.iter().cloned())
        .map_err(|e| StoreError::Corrupt(format!("index: {e}")))?;
    let k = opts.k.clamp(1, nabij_engine::candidates::MAX_LIMIT);
    let graph = candidate_graph(&index, &snap.help, k, &snap.weights);
    let (_, chosen) = propose(&graph, AuctionConfig::default());
    rep.report(Phase::Score, 1, 1)?;

    let mut summary = RematchSummary {
        requests_considered: n,
        dry_run: opts.dry_run,
        ..RematchSummary::default()
    };

    // Groups first: a request in a suggested group is not flagged for referral.
    let suggestions: Vec<GroupSuggestion> = suggest_groups(&group_inputs(&snap))
        .into_iter()
        .filter(|g| !snap.split_sets.contains(&sorted_ids(&g.request_ids)))
        .collect();
    let mut in_new_group: HashSet<RequestId> = HashSet::new();
    rep.report(Phase::Groups, 0, suggestions.len())?;
    for (i, g) in suggestions.iter().enumerate() {
        let written = opts.dry_run || store.write(|c| write_group(c, org, g))?;
        if written {
            summary.groups_suggested += 1;
            in_new_group.extend(
                g.request_ids
                    .iter()
                    .filter_map(|id| i64::try_from(*id).ok())
                    .map(RequestId),
            );
        }
        rep.report(Phase::Groups, i + 1, suggestions.len())?;
    }

    let todo: Vec<(RequestId, NeighbourId)> = snap
        .rows
        .iter()
        .zip(&chosen)
        .filter_map(|(r, c)| c.and_then(|c| NeighbourId::try_from(c).ok()).map(|c| (r.id, c)))
        .collect();
    rep.report(Phase::Propose, 0, todo.len())?;
    for (i, (req, companion)) in todo.iter().enumerate() {
        if opts.dry_run || skip_conflict(store.write(|c| write_proposal(c, org, *req, *companion, hook)))? {
            summary.proposals_made += 1;
        }
        rep.report(Phase::Propose, i + 1, todo.len())?;
    }

    let flag_days = opts.referral_after_days.unwrap_or(snap.flag_days);
    let cutoff = clock::now() - chrono::Duration::days(i64::from(flag_days));
    let stale: Vec<&Request> = snap
        .rows
        .iter()
        .zip(&graph.candidates)
        .filter(|(r, cands)| cands.is_empty() && r.open_since < cutoff)
        .map(|(r, _)| r)
        .filter(|r| !snap.grouped.contains(&r.id) && !in_new_group.contains(&r.id))
        .collect();
    rep.report(Phase::Referrals, 0, stale.len())?;
    for (i, r) in stale.iter().enumerate() {
        let days = (clock::now() - r.open_since).num_days();
        if opts.dry_run || skip_conflict(store.write(|c| flag_referral(c, org, r, days)))? {
            summary.referrals_suggested += 1;
        }
        rep.report(Phase::Referrals, i + 1, stale.len())?;
    }

    summary.still_unmatched = n.saturating_sub(summary.proposals_made + summary.referrals_suggested);
    summary.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    rep.report(Phase::Done, 1, 1)?;
    Ok(summary)
}

/// Everything a run decides on, read in one transaction.
struct Snapshot {
    weights: Weights,
    /// The organisation's `request_flag_days`.
    flag_days: u32,
    /// Profiles whose load counts the proposals they have not answered yet.
    profiles: Vec<NeighbourProfile>,
    /// Open requests in id order, and the engine's view of each (same order).
    rows: Vec<Request>,
    help: Vec<HelpRequest>,
    /// Requesters' weekly availability (for group slots).
    availability: HashMap<nabij_engine::NeighbourId, nabij_engine::WeeklySlots>,
    /// Request ids in a suggested or accepted group.
    grouped: HashSet<RequestId>,
    /// Request id sets of groups a coordinator split (not suggested again).
    split_sets: HashSet<Vec<i64>>,
}

fn load(conn: &mut DbConnection, org: OrgId, rep: &mut Reporter<'_>) -> Result<Snapshot> {
    let settings = organisation::settings(conn, org)?;
    let (weights, flag_days) = (settings.weights, settings.request_flag_days);
    let pending = pending_proposals(conn, org)?;
    let mut profiles = neighbour::load_profiles(conn, org, Utc::now())?;
    for p in &mut profiles {
        let extra = pending.get(&p.id.0).copied().unwrap_or(0);
        let busy = usize::from(p.active_matches) + extra;
        p.active_matches = u8::try_from(busy.min(usize::from(p.capacity))).unwrap_or(p.capacity);
    }
    let availability = profiles.iter().map(|p| (p.id, p.availability)).collect();
    let mut rows: Vec<Request> = Vec::new();
    loop {
        let page = request::list(
            conn,
            org,
            &RequestFilter {
                statuses: Some(vec![RequestStatus::Open]),
                after: rows.last().map(|r| r.id),
                limit: 10_000,
                ..RequestFilter::default()
            },
        )?;
        let more = page.len() == 10_000;
        // A flagged request waits for the coordinator (refer or re-open), not for a run.
        rows.extend(page.into_iter().filter(|r| r.flagged_at.is_none()));
        if !more {
            break;
        }
    }
    let total = rows.len();
    let mut kept = Vec::with_capacity(total);
    let mut help = Vec::with_capacity(total);
    for (i, r) in rows.into_iter().enumerate() {
        // A request whose requester was erased meanwhile cannot be matched: leave it be.
        match request::to_help_request(conn, org, &r) {
            Ok(h) => {
                kept.push(r);
                help.push(h);
            }
            Err(StoreError::NotFound | StoreError::Corrupt(_)) => {}
            Err(e) => return Err(e),
        }
        if i % 64 == 0 {
            rep.tick(Phase::Load, i, total);
        }
    }
    let mut grouped = HashSet::new();
    let mut split_sets = HashSet::new();
    for g in groups(conn, org, None)? {
        let ids = sorted_ids(&g.request_ids()?.iter().map(|r| r.get()).collect::<Vec<_>>());
        if g.status == GroupStatus::Split {
            split_sets.insert(ids);
        } else {
            grouped.extend(ids.into_iter().map(RequestId));
        }
    }
    Ok(Snapshot {
        weights,
        flag_days,
        profiles,
        rows: kept,
        help,
        availability,
        grouped,
        split_sets,
    })
}

/// Per companion, how many proposals still wait for an answer.
fn pending_proposals(conn: &mut DbConnection, org: OrgId) -> Result<HashMap<u64, usize>> {
    let ids: Vec<NeighbourId> = match_members::table
        .inner_join(matches::table)
        .filter(match_members::organisation_id.eq(org))
        .filter(match_members::side.eq(matching::Side::Companion.as_str()))
        .filter(matches::status.eq(matching::MatchStatus::Proposed.as_str()))
        .select(match_members::neighbour_id)
        .load(conn)?;
    let mut out = HashMap::new();
    for id in ids {
        *out.entry(id.get().unsigned_abs()).or_insert(0) += 1;
    }
    Ok(out)
}

/// One proposal in its own transaction: the request must still be open, the companion
/// must still have room counting unanswered proposals. `Conflict`/`NotFound`: skipped.
/// The hook writes what the proposal entails in the same transaction.
fn write_proposal(
    conn: &mut DbConnection,
    org: OrgId,
    req: RequestId,
    companion: NeighbourId,
    hook: &dyn ProposalHook,
) -> Result<()> {
    request::transition(conn, org, req, &[RequestStatus::Open], RequestStatus::Proposed)?;
    let n = neighbour::get(conn, org, companion)?;
    let waiting: i64 = match_members::table
        .inner_join(matches::table)
        .filter(match_members::organisation_id.eq(org))
        .filter(match_members::neighbour_id.eq(companion))
        .filter(match_members::side.eq(matching::Side::Companion.as_str()))
        .filter(matches::status.eq(matching::MatchStatus::Proposed.as_str()))
        .count()
        .get_result(conn)?;
    if i64::from(n.active_matches) + waiting >= i64::from(n.capacity) {
        return Err(StoreError::conflict("capacity_reached"));
    }
    let proposal = matching::propose(conn, org, req, &[companion])?;
    hook.proposed(conn, org, &proposal)
}

/// Flags a request that is still open (and not flagged) for the coordinator to refer
/// or re-open — the same flag as the scheduler's expiry (`nabij_ops::lifecycle`), with
/// reason `no_candidates` — and says why in the audit log.
fn flag_referral(conn: &mut DbConnection, org: OrgId, r: &Request, days_open: i64) -> Result<()> {
    if !request::flag(conn, org, r.id, request::FlagReason::NoCandidates, clock::now())? {
        return Err(StoreError::conflict("request_status"));
    }
    audit::record(
        conn,
        org,
        &audit::NewAudit {
            actor: format!("job:{JOB_KIND}"),
            action: "referral_suggested".to_string(),
            subject_neighbour_id: Some(r.neighbour_id),
            detail: serde_json::json!({
                "request_id": r.id,
                "reason": crate::referral::ReferralReason::NoMatch.as_str(),
                "days_open": days_open,
            })
            .to_string(),
        },
    )?;
    Ok(())
}

/// `Ok(true)` when written, `Ok(false)` when the state moved on (conflict, gone).
fn skip_conflict(r: Result<()>) -> Result<bool> {
    match r {
        Ok(()) => Ok(true),
        Err(StoreError::Conflict(_) | StoreError::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

fn sorted_ids<T: Copy + TryInto<i64>>(ids: &[T]) -> Vec<i64> {
    let mut v: Vec<i64> = ids.iter().filter_map(|i| (*i).try_into().ok()).collect();
    v.sort_unstable();
    v
}

/// Open companionship requests not yet in a suggested or accepted group.
fn group_inputs(snap: &Snapshot) -> Vec<GroupRequest> {
    snap.rows
        .iter()
        .zip(&snap.help)
        .filter(|(r, h)| h.kind == RequestKind::Companionship && !snap.grouped.contains(&r.id))
        .map(|(r, h)| {
            let window = h.window.slots();
            let own = snap.availability.get(&h.requester).copied().unwrap_or(window);
            let both = window.intersect(own);
            GroupRequest {
                request_id: r.id.get().unsigned_abs(),
                requester: h.requester,
                location: h.location,
                radius_m: h.radius_m,
                tags: h.tags,
                slots: if both.is_empty() { window } else { both },
                languages: h.languages,
            }
        })
        .collect()
}

/// Calls the progress callback and beats the job row (at most every second, and at
/// every phase edge).
struct Reporter<'a> {
    store: &'a Store,
    org: OrgId,
    job: Option<JobId>,
    progress: &'a mut dyn FnMut(Progress),
    last_beat: Instant,
}

impl Reporter<'_> {
    /// Callback only (inside a transaction, where a second connection may not be free).
    fn tick(&mut self, phase: Phase, done: usize, total: usize) {
        (self.progress)(Progress { phase, done, total });
    }

    fn report(&mut self, phase: Phase, done: usize, total: usize) -> Result<()> {
        let p = Progress { phase, done, total };
        (self.progress)(p);
        let Some(job_id) = self.job else {
            return Ok(());
        };
        if done == 0 || done >= total || self.last_beat.elapsed() >= HEARTBEAT_EVERY {
            self.last_beat = Instant::now();
            let org = self.org;
            match self.store.write(|c| job::heartbeat(c, org, job_id, p.fraction())) {
                // A busy database must not end the run; the next beat will do.
                Err(e) if !e.is_unavailable() => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}
