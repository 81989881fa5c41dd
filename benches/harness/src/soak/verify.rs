//! What the database must hold after a run: every acknowledged write, in at least the
//! acknowledged state, each state change with its audit rows and (for the changes
//! people hear of) its notification event and outbox rows; SQLite's own integrity check;
//! and candidates that agree with a fresh computation from the rows.

use crate::soak::mix::Ack;
use nabij_engine::{CandidateQuery, OrgIndex};
use nabij_store::testing::{self, soak};
use nabij_store::{organisation, request, DbConnection, OrgId, RequestId, Store, StoreError};
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// Ids of the organisation's neighbours (not erased).
pub(crate) fn neighbour_ids(store: &Store, org: OrgId) -> anyhow::Result<Vec<i64>> {
    Ok(store.read(|c| soak::neighbour_ids(c, org))?)
}

/// `PRAGMA integrity_check` on SQLite (`ok` when sound); `None` on PostgreSQL.
pub(crate) fn integrity_check(store: &Store) -> anyhow::Result<Option<String>> {
    let mut conn = store.conn()?;
    match &mut *conn {
        c @ DbConnection::Sqlite(_) => Ok(Some(testing::integrity_check(c)?.join("; "))),
        DbConnection::Postgresql(_) => Ok(None),
    }
}

/// The outcome of [`check_acks`].
#[derive(Debug, Default)]
pub(crate) struct AckReport {
    pub(crate) acks: usize,
    pub(crate) neighbours: usize,
    pub(crate) requests: usize,
    pub(crate) proposals: usize,
    pub(crate) accepts: usize,
    pub(crate) closes: usize,
    /// Acknowledged but absent, or in an earlier state than acknowledged.
    pub(crate) lost: Vec<String>,
    /// A state change without its audit rows.
    pub(crate) missing_audit: Vec<String>,
    /// A change people hear of without its notification event or outbox rows.
    pub(crate) missing_outbox: Vec<String>,
}

impl AckReport {
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let first = |v: &Vec<String>| v.iter().take(10).cloned().collect::<Vec<_>>();
        json!({
            "acknowledged_writes": self.acks,
            "neighbours": self.neighbours,
            "requests": self.requests,
            "proposals": self.proposals,
            "accepts": self.accepts,
            "closes": self.closes,
            "lost_writes": self.lost.len(),
            "missing_audit": self.missing_audit.len(),
            "missing_outbox": self.missing_outbox.len(),
            "examples": first(&self.lost).into_iter()
                .chain(first(&self.missing_audit))
                .chain(first(&self.missing_outbox))
                .collect::<Vec<_>>(),
        })
    }
}

/// Everything the checks read, loaded once.
struct Rows {
    neighbours: HashSet<i64>,
    requests: HashSet<i64>,
    matches: HashMap<i64, String>,
    accepted: HashSet<(i64, i64)>,
    /// (action, match or request id) → rows; (action, subject, match id) for answers.
    audit: HashMap<(String, i64), usize>,
    audit_by: HashSet<(String, i64, i64)>,
    neighbour_created: HashSet<i64>,
    events: HashSet<(String, i64)>,
    /// (event kind, subject id) → outbox rows.
    outbox: HashMap<(String, i64), usize>,
}

/// `match=12 request=34 …` or `request=34 …`: the value of `key`.
fn field(detail: &str, key: &str) -> Option<i64> {
    detail
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('=')?.parse().ok())
}

const ACTIONS: [&str; 6] = [
    "neighbour_created",
    "request_created",
    "match_proposed",
    "match_accepted",
    "match_activated",
    "match_closed",
];

fn load(c: &mut DbConnection, org: OrgId) -> Result<Rows, StoreError> {
    let loaded = soak::soak_rows(c, org, &ACTIONS)?;
    let mut rows = Rows {
        neighbours: loaded.neighbours.into_iter().collect(),
        requests: loaded.requests.into_iter().collect(),
        matches: loaded
            .matches
            .into_iter()
            .map(|m| (m.id, m.status.as_str().to_string()))
            .collect(),
        accepted: loaded
            .acceptances
            .into_iter()
            .map(|a| (a.match_id, a.neighbour_id))
            .collect(),
        audit: HashMap::new(),
        audit_by: HashSet::new(),
        neighbour_created: HashSet::new(),
        events: loaded
            .events
            .into_iter()
            .map(|e| (e.kind, e.subject_id))
            .collect(),
        outbox: HashMap::new(),
    };
    let (audit, messages) = (loaded.audit, loaded.outbox_message_ids);
    for soak::AuditLine {
        action,
        subject_neighbour_id: subject,
        detail,
    } in audit
    {
        if action == "neighbour_created" {
            rows.neighbour_created.extend(subject);
            continue;
        }
        let key = if action == "request_created" {
            "request"
        } else {
            "match"
        };
        let Some(id) = field(&detail, key) else { continue };
        if action == "match_accepted" {
            if let Some(s) = subject {
                rows.audit_by.insert((action.clone(), s, id));
            }
        }
        *rows.audit.entry((action, id)).or_default() += 1;
    }
    for m in messages {
        // nabij.<kind>.<org>.<subject>.<to>.<random>
        let parts: Vec<&str> = m.split('.').collect();
        if let [_, kind, _, subject, _, _] = parts.as_slice() {
            if let Ok(id) = subject.parse::<i64>() {
                *rows.outbox.entry((kind.to_string(), id)).or_default() += 1;
            }
        }
    }
    Ok(rows)
}

const RANK: [&str; 3] = ["proposed", "active", "closed"];

fn rank(status: &str) -> Option<usize> {
    RANK.iter().position(|s| *s == status)
}

/// Checks every acknowledged write against the database.
pub(crate) fn check_acks(store: &Store, org: OrgId, acks: &[Ack]) -> anyhow::Result<AckReport> {
    let rows = store.read(|c| load(c, org))?;
    let mut r = AckReport {
        acks: acks.len(),
        ..AckReport::default()
    };
    let audited = |r: &mut AckReport, action: &str, id: i64, want: usize| {
        let have = rows.audit.get(&(action.to_string(), id)).copied().unwrap_or(0);
        if have < want {
            r.missing_audit
                .push(format!("{action} {id}: {have} audit rows, expected {want}"));
        }
    };
    let told = |r: &mut AckReport, kind: &str, id: i64| {
        let event = rows.events.contains(&(kind.to_string(), id));
        let messages = rows.outbox.get(&(kind.to_string(), id)).copied().unwrap_or(0);
        if !event || messages == 0 {
            r.missing_outbox
                .push(format!("{kind} {id}: event row {event}, {messages} outbox rows"));
        }
    };
    let at_least = |r: &mut AckReport, id: i64, want: &str| match rows.matches.get(&id) {
        None => r.lost.push(format!("match {id} ({want}) missing")),
        Some(s) if rank(s) < rank(want) => r.lost.push(format!("match {id} is {s}, acknowledged {want}")),
        Some(_) => {}
    };
    for a in acks {
        match a {
            Ack::Neighbour(id) => {
                r.neighbours += 1;
                if !rows.neighbours.contains(id) {
                    r.lost.push(format!("neighbour {id} missing"));
                }
                if !rows.neighbour_created.contains(id) {
                    r.missing_audit
                        .push(format!("neighbour_created {id}: no audit row"));
                }
            }
            Ack::Request(id) => {
                r.requests += 1;
                if !rows.requests.contains(id) {
                    r.lost.push(format!("request {id} missing"));
                }
                audited(&mut r, "request_created", *id, 1);
            }
            Ack::Proposed { id, members } => {
                r.proposals += 1;
                at_least(&mut r, *id, "proposed");
                audited(&mut r, "match_proposed", *id, members.len());
                told(&mut r, "match_proposed", *id);
            }
            Ack::Accepted {
                id,
                by,
                active,
                members,
            } => {
                r.accepts += 1;
                if !rows.accepted.contains(&(*id, *by)) {
                    r.lost.push(format!("match {id}: acceptance by {by} missing"));
                }
                if !rows.audit_by.contains(&("match_accepted".to_string(), *by, *id)) {
                    r.missing_audit
                        .push(format!("match_accepted {id} by {by}: no audit row"));
                }
                if *active {
                    at_least(&mut r, *id, "active");
                    audited(&mut r, "match_activated", *id, *members);
                    told(&mut r, "match_accepted", *id);
                }
            }
            Ack::Closed { id, members } => {
                r.closes += 1;
                at_least(&mut r, *id, "closed");
                audited(&mut r, "match_closed", *id, *members);
                told(&mut r, "match_closed", *id);
            }
        }
    }
    Ok(r)
}

/// Open requests of the organisation (newest first), for the index checks.
pub(crate) fn open_requests(store: &Store, org: OrgId, limit: i64) -> anyhow::Result<Vec<i64>> {
    Ok(store.read(|c| soak::open_request_ids(c, org, limit))?)
}

/// A fresh computation of a request's top candidates from the rows: every profile
/// loaded from the database and scored one by one (the engine's brute force, not the
/// tree the server searches). `(id, score)`, best first.
pub(crate) fn fresh_candidates(
    store: &Store,
    org: OrgId,
    request_id: i64,
    limit: usize,
) -> anyhow::Result<Vec<(i64, f64)>> {
    Ok(store.read(|c| {
        let weights = organisation::get(c, org)?.settings()?.weights;
        let req = request::get(c, org, RequestId(request_id))?;
        let help = request::to_help_request(c, org, &req)?;
        let profiles = nabij_store::neighbour::load_profiles(c, org, chrono::Utc::now())?;
        let index = OrgIndex::bulk_load(profiles).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let found = index.brute_force_top_candidates(&CandidateQuery {
            request: &help,
            limit,
            weights: &weights,
        });
        Ok(found
            .into_iter()
            .filter_map(|x| Some((i64::try_from(x.neighbour_id.0).ok()?, x.score)))
            .collect())
    })?)
}

/// Of these neighbours, those that may not be offered as companions: absent, erased,
/// paused or without room left (read straight from the columns).
pub(crate) fn unavailable(store: &Store, org: OrgId, ids: &[i64]) -> anyhow::Result<Vec<i64>> {
    let rows = store.read(|c| soak::availability(c, org, ids))?;
    let fine: HashSet<i64> = rows
        .into_iter()
        .filter(|a| !a.paused && a.active_matches < a.capacity)
        .map(|a| a.id)
        .collect();
    Ok(ids.iter().copied().filter(|id| !fine.contains(id)).collect())
}
