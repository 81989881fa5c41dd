//! Re-matching an organisation as a job (DESIGN.md §3.6–3.7): starting one ([`start`])
//! and the run itself ([`run`], [`dry_run`]). `nabij rematch`, `POST /v1/jobs/rematch`
//! and the console's re-match page all go through these.
//!
//! The store drives the run (snapshot, run lock, heartbeat, one short transaction per
//! outcome; see `nabij_store::rematch`). This module hands it a
//! [`ProposalHook`] that writes, in each proposal's own transaction, what the proposal
//! entails: the same audit rows (`match_proposed`, one per member) and the same
//! `MatchProposed` event with its outbox rows (or phone-list rows for people without an
//! e-mail address) as a proposal through `POST /v1/matches`. A run killed mid-way leaves
//! whole proposals only. The hook was chosen over moving the orchestration here because
//! the orchestration is storage mechanics (advisory lock on a pooled connection,
//! re-checks as the first statement of each transaction) that the store's own tests
//! cover; what a proposal *means* is the business rule, and that lives here.
//!
//! **Who.** The run acts as [`Caller::system`]: its audit rows name `job:<id>`, the job
//! row of the run; the `rematch_started` audit row names whoever started it (a staff
//! account through the API or console, `system:rematch` from the command line).
//!
//! **Limited coordinators.** A run re-matches the whole organisation, so only a caller
//! who sees the whole organisation may start one: a coordinator limited to
//! neighbourhoods gets [`OpsError::Forbidden`] (403; the console explains and shows no
//! start button). A run limited to their neighbourhoods was not chosen: the run's
//! lock, snapshot and group suggestions are per organisation, and two coordinators of
//! different neighbourhoods would keep refusing each other's runs (`job_running`)
//! while each of them only needed someone of the whole organisation to press once.
//! Runs started by others stay listed for them (number, status, progress, times: that
//! a run happened), but not their counts ([`sees_run_counts`]): proposals made, groups
//! and referrals of an organisation-wide run are about other neighbourhoods too. No
//! job route names proposals, requests or people.

use crate::caller::Caller;
use crate::error::{OpsError, OpsResult};
use crate::{access, matches, Ops};
use nabij_store::job::Job;
use nabij_store::matching::MatchDetail;
use nabij_store::rematch::{self, Progress, ProposalHook, RematchOptions, RematchSummary};
use nabij_store::{DbConnection, JobId, OrgId, StoreError};

/// The audit action of a start.
pub const STARTED: &str = "rematch_started";

/// Starts a re-matching job in the caller's write transaction: the job row (or
/// `Conflict("job_running")` while another one runs) and its audit row. Run it with
/// [`run`] only after that transaction has committed.
pub fn start(ops: &Ops, tx: &mut DbConnection, caller: &Caller, opts: &RematchOptions) -> OpsResult<Job> {
    if !may_start(caller) {
        return Err(OpsError::Forbidden(
            "a re-matching run covers the whole organisation; coordinators limited to neighbourhoods cannot start one",
        ));
    }
    let j = rematch::start_job_in(&ops.store, tx, caller.org)?;
    let detail = format!("job={} dry_run={} k={}", j.id, opts.dry_run, opts.k);
    access::record(tx, caller, STARTED, None, detail)?;
    Ok(j)
}

/// Whether `caller` may start a run: staff who see the whole organisation.
pub fn may_start(caller: &Caller) -> bool {
    caller.role.is_staff() && caller.neighbourhoods.is_none()
}

/// Whether `caller` may read the counts of a run (its summary): only who sees the
/// whole organisation, as the run covers all of it.
pub fn sees_run_counts(caller: &Caller) -> bool {
    caller.neighbourhoods.is_none()
}

/// Writes what each proposal of a run entails, as the run's system caller.
struct Announce<'a> {
    ops: &'a Ops,
    caller: Caller,
}

impl ProposalHook for Announce<'_> {
    fn proposed(
        &self,
        conn: &mut DbConnection,
        org: OrgId,
        proposal: &MatchDetail,
    ) -> Result<(), StoreError> {
        if org != self.caller.org {
            return Err(StoreError::invalid("a run proposes in its own organisation only"));
        }
        matches::announce_proposal(self.ops, conn, &self.caller, proposal).map_err(|e| match e {
            OpsError::Store(s) => s,
            other => StoreError::Corrupt(other.to_string()),
        })
    }
}

/// Runs a started (and committed) job of `org` to its end, every proposal announced
/// like one through the API; the job row records the outcome.
pub fn run(
    ops: &Ops,
    org: OrgId,
    org_slug: &str,
    job: JobId,
    opts: &RematchOptions,
    progress: &mut dyn FnMut(Progress),
) -> OpsResult<RematchSummary> {
    let hook = Announce {
        ops,
        caller: Caller::system(org, org_slug, Some(job)),
    };
    Ok(rematch::run_job_hooked(
        &ops.store, org, job, opts, &hook, progress,
    )?)
}

/// Computes and counts a run without a job and without writing anything.
pub fn dry_run(
    ops: &Ops,
    org: OrgId,
    opts: &RematchOptions,
    progress: &mut dyn FnMut(Progress),
) -> OpsResult<RematchSummary> {
    let opts = RematchOptions {
        dry_run: true,
        ..opts.clone()
    };
    Ok(rematch::run(&ops.store, org, &opts, progress)?)
}
