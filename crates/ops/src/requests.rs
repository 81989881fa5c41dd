//! Help requests: file one (the scope guard gives its verdict), overrule that verdict,
//! cancel, edit, and re-open one that was flagged (see [`crate::lifecycle`] for expiry).

use crate::access;
use crate::caller::{scopes, Caller, Role};
use crate::error::{OpsError, OpsResult};
use crate::notifications::enqueue_with;
use crate::Ops;
use chrono::NaiveDateTime;
use nabij_engine::scope::{apply_override, classify, ScopeCategory, ScopeInput};
use nabij_notify::Event;
use nabij_store::matching::{self, MatchDetail};
use nabij_store::request::{self, CancelReason, NewRequest, Request, RequestEdit};
use nabij_store::{DbConnection, RequestId};

/// Files a request for a neighbour the caller may see: the request with its scope
/// verdict, and the audit row. A neighbour the caller may not see (missing, another
/// organisation's, outside a limited coordinator's neighbourhoods) is
/// `UnknownReference("neighbour_id")`: the form names it, not a URL.
pub fn file(tx: &mut DbConnection, caller: &Caller, form: &NewRequest) -> OpsResult<Request> {
    access::neighbour(tx, caller, form.neighbour_id).map_err(|e| e.referring("neighbour_id"))?;
    let mut r = request::create(tx, caller.org, form)?;
    request::set_filed_by(tx, caller.org, r.id, caller.actor())?;
    r.filed_by = Some(caller.actor().to_string());
    let detail = format!(
        "request={} in_scope={} category={}",
        r.id, r.scope_in_scope, r.scope_category
    );
    access::record(tx, caller, "request_created", Some(r.neighbour_id), detail)?;
    Ok(r)
}

/// Overrules the scope guard on a request the caller may see: the coordinator's
/// category wins, with the audit row.
pub fn override_scope(
    tx: &mut DbConnection,
    caller: &Caller,
    id: RequestId,
    category: ScopeCategory,
    reason: &str,
) -> OpsResult<Request> {
    let r = access::request(tx, caller, id)?;
    let verdict = apply_override(r.scope()?, category, reason);
    let r = request::set_scope(tx, caller.org, id, &verdict)?;
    let detail = format!("request={} category={}", r.id, r.scope_category);
    access::record(
        tx,
        caller,
        "request_scope_overridden",
        Some(r.neighbour_id),
        detail,
    )?;
    Ok(r)
}

/// Whether `caller` may change a request filed by `filed_by`: staff (within what they
/// see), a partner app only for the requests it filed itself
/// ([`OpsError::Forbidden`] otherwise: it may read others, so 404 would hide nothing).
fn may_change(caller: &Caller, r: &Request) -> OpsResult<()> {
    caller.require_scope(scopes::REQUESTS_WRITE)?;
    if caller.role == Role::Partner && r.filed_by.as_deref() != Some(caller.subject.as_str()) {
        return Err(OpsError::Forbidden(
            "a partner app may change only the requests it filed",
        ));
    }
    Ok(())
}

/// Why and by whom a request is cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancellation {
    pub reason: CancelReason,
    /// Optional (required for `other`), at most 500 characters.
    pub note: Option<String>,
}

/// Cancels an open or proposed request the caller may see and change (409
/// `request_not_cancellable` in any other state): the request with its reason, every
/// proposal still waiting withdrawn (ended as declined by `withdrawn`; its members are
/// told with the neutral "the proposal will not go ahead" message, which names nobody),
/// an audit row for the request and one per member of each withdrawn proposal.
///
/// Nothing changes in the candidate index: a proposal holds no capacity (only an active
/// match does), and what it held — a place in the companion's count of unanswered
/// proposals, which the candidate search and the re-match read from the rows — is freed
/// by the withdrawal itself.
pub fn cancel(
    ops: &Ops,
    tx: &mut DbConnection,
    caller: &Caller,
    id: RequestId,
    c: &Cancellation,
) -> OpsResult<(Request, Vec<MatchDetail>)> {
    let before = access::request(tx, caller, id)?;
    may_change(caller, &before)?;
    let r = request::cancel(tx, caller.org, id, c.reason, c.note.as_deref())?;
    let withdrawn = matching::withdraw_proposals(tx, caller.org, id)?;
    let detail = format!(
        "request={} reason={} withdrawn={}",
        r.id,
        c.reason.as_str(),
        withdrawn.len()
    );
    access::record(tx, caller, "request_cancelled", Some(r.neighbour_id), detail)?;
    for d in &withdrawn {
        let detail = format!(
            "match={} request={} ended_by=withdrawn",
            d.row.id, d.row.request_id
        );
        for m in &d.members {
            access::record(
                tx,
                caller,
                "match_withdrawn",
                Some(m.neighbour_id),
                detail.clone(),
            )?;
        }
        enqueue_with(tx, ops, caller.org, Event::MatchDeclined(d.row.id), Some(d))?;
    }
    Ok((r, withdrawn))
}

/// Changes text, tags and/or window of a request the caller may see and change, under
/// the rules of filing (409 `request_not_editable` unless open without a waiting
/// proposal, or waiting for a referral).
///
/// **The scope guard runs again when the text changes** (the only input of the guard
/// an edit can change) and its verdict replaces the stored one; the status follows it
/// as at filing: out of scope → `referral_needed`, small help → open. **A coordinator's
/// override does not survive a change of the text**: it judged the old wording, and a
/// new text may say something else entirely ("a walk" edited into "weekly washing").
/// The coordinator overrides again if needed; the audit row says `override_dropped`.
/// An edit of tags or window only keeps the verdict, overridden or not.
pub fn edit(
    tx: &mut DbConnection,
    caller: &Caller,
    id: RequestId,
    change: &RequestEdit,
) -> OpsResult<Request> {
    let before = access::request(tx, caller, id)?;
    may_change(caller, &before)?;
    if change.is_empty() {
        return Err(OpsError::Invalid {
            field: "body",
            message: "name at least one of text, tags and window",
        });
    }
    let text_changed = change.text.as_ref().is_some_and(|t| *t != before.text);
    let verdict = if text_changed {
        let text = change.text.as_deref().unwrap_or_default();
        Some(classify(&ScopeInput {
            text,
            kind: before.kind().ok(),
            recurrence: before.recurrence(),
            duration_minutes: before.duration_minutes.and_then(|d| u32::try_from(d).ok()),
        }))
    } else {
        None
    };
    let r = request::edit(tx, caller.org, id, change, verdict.as_ref())?;
    let mut fields = Vec::new();
    if change.text.is_some() {
        fields.push("text");
    }
    if change.tags.is_some() {
        fields.push("tags");
    }
    if change.window.is_some() {
        fields.push("window");
    }
    let detail = format!(
        "request={} fields={} in_scope={} category={} override_dropped={}",
        r.id,
        fields.join(","),
        r.scope_in_scope,
        r.scope_category,
        text_changed && before.scope_overridden
    );
    access::record(tx, caller, "request_edited", Some(r.neighbour_id), detail)?;
    Ok(r)
}

/// The coordinator re-opens a flagged request (staff only): the flag is cleared and the
/// expiry clock starts again now (409 `request_not_flagged` when it is not flagged).
/// The other way out of a flag is a referral (`referrals::refer`).
pub fn reopen(
    tx: &mut DbConnection,
    caller: &Caller,
    id: RequestId,
    now: NaiveDateTime,
) -> OpsResult<Request> {
    if !caller.role.is_staff() {
        return Err(OpsError::Forbidden("only staff re-open a flagged request"));
    }
    access::request(tx, caller, id)?;
    let r = request::reopen(tx, caller.org, id, now)?;
    access::record(
        tx,
        caller,
        "request_reopened",
        Some(r.neighbour_id),
        format!("request={}", r.id),
    )?;
    Ok(r)
}
