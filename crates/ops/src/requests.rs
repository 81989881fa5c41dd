//! Help requests: file one (the scope guard gives its verdict) and overrule that verdict.

use crate::access;
use crate::caller::Caller;
use crate::error::OpsResult;
use nabij_engine::scope::{apply_override, ScopeCategory};
use nabij_store::request::{self, NewRequest, Request};
use nabij_store::{DbConnection, RequestId};

/// Files a request for a neighbour the caller may see: the request with its scope
/// verdict, and the audit row. A neighbour the caller may not see (missing, another
/// organisation's, outside a limited coordinator's neighbourhoods) is
/// `UnknownReference("neighbour_id")`: the form names it, not a URL.
pub fn file(tx: &mut DbConnection, caller: &Caller, form: &NewRequest) -> OpsResult<Request> {
    access::neighbour(tx, caller, form.neighbour_id).map_err(|e| e.referring("neighbour_id"))?;
    let r = request::create(tx, caller.org, form)?;
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
