//! Referrals: a request handed to a professional service.

use crate::caller::Caller;
use crate::error::OpsResult;
use crate::notifications::enqueue;
use crate::{access, Ops};
use nabij_notify::Event;
use nabij_store::referral::{self, NewReferral, Referral};
use nabij_store::DbConnection;

/// Refers a request the caller may see: writes the referral (the request becomes
/// `referred`), its audit row and the `RequestReferred` notification. A request the
/// caller may not see is `UnknownReference("request_id")` (the form names it), as is a
/// service not on the directory.
pub fn refer(ops: &Ops, tx: &mut DbConnection, caller: &Caller, form: &NewReferral) -> OpsResult<Referral> {
    let req = access::request(tx, caller, form.request_id).map_err(|e| e.referring("request_id"))?;
    let r = referral::create(tx, caller.org, form)?;
    let detail = format!("request={} referral={} reason={}", req.id, r.id, r.reason);
    access::record(tx, caller, "request_referred", Some(req.neighbour_id), detail)?;
    enqueue(tx, ops, caller.org, Event::RequestReferred(r.id))?;
    Ok(r)
}
