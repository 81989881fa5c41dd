//! Exchanges: a recorded act of help or thanks between two neighbours. They feed the
//! reciprocity balances (never shown to anyone as a debt), so recording one changes the
//! candidate index: the caller applies the returned update after the commit.

use crate::caller::Caller;
use crate::error::OpsResult;
use crate::index::IndexUpdate;
use crate::{access, Ops};
use nabij_store::exchange::{self, Exchange, NewExchange};
use nabij_store::DbConnection;

/// Records an exchange between two neighbours the caller may see (and, when given, a
/// match the caller may see): the row, an audit row for each of the two people, and the
/// index update for both. An id of the form the caller may not see is
/// `UnknownReference` naming `from_id`, `to_id` or `match_id`.
pub fn record(
    _ops: &Ops,
    tx: &mut DbConnection,
    caller: &Caller,
    form: &NewExchange,
) -> OpsResult<(Exchange, IndexUpdate)> {
    access::neighbour(tx, caller, form.from_id).map_err(|e| e.referring("from_id"))?;
    access::neighbour(tx, caller, form.to_id).map_err(|e| e.referring("to_id"))?;
    if let Some(m) = form.match_id {
        access::match_detail(tx, caller, m).map_err(|e| e.referring("match_id"))?;
    }
    let x = exchange::create(tx, caller.org, form)?;
    let detail = format!("exchange={} kind={}", x.id, x.kind);
    for who in [x.from_id, x.to_id] {
        access::record(tx, caller, "exchange_recorded", Some(who), detail.clone())?;
    }
    let update = IndexUpdate::after(tx, caller.org, &[x.from_id, x.to_id])?;
    Ok((x, update))
}
