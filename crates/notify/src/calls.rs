//! The coordinator's phone list, seen from notifications: residents without an e-mail
//! address go on it when an event concerns them ([`crate::outbox::enqueue_event`]).
//! The rows and their queries are the store's (`nabij_store::calls`).

use crate::error::Result;
use nabij_store::{calls, CallId, DbConnection, OrgId};

pub use nabij_store::calls::CallDue;

/// The calls due in an organisation, oldest first (see `nabij_store::calls::due`).
pub fn calls_due(conn: &mut DbConnection, org: OrgId) -> Result<Vec<CallDue>> {
    Ok(calls::due(conn, org)?)
}

/// Marks a call done. `NotFound` if it is not this organisation's,
/// `Conflict("already_done")` if it was marked before.
pub fn mark_called(conn: &mut DbConnection, org: OrgId, call_id: CallId) -> Result<()> {
    calls::mark_done(conn, org, call_id)?;
    Ok(())
}
