//! Everything held on one neighbour (GDPR access), including who looked at it.

use crate::audit::AuditEntry;
use crate::error::Result;
use crate::exchange::Exchange;
use crate::ids::{NeighbourId, OrgId};
use crate::matching::MatchDetail;
use crate::neighbour::Neighbour;
use crate::referral::Referral;
use crate::request::{Request, RequestFilter};
use crate::DbConnection;

/// The export of one neighbour.
#[derive(Debug, Clone, PartialEq)]
pub struct NeighbourExport {
    pub neighbour: Neighbour,
    pub requests: Vec<Request>,
    pub referrals: Vec<Referral>,
    pub matches: Vec<MatchDetail>,
    pub exchanges: Vec<Exchange>,
    /// Neighbours they declined or were declined by.
    pub declined_with: Vec<NeighbourId>,
    /// Every read and change recorded about them: who, what, when.
    pub audit: Vec<AuditEntry>,
    /// Signals about them (what someone noticed, and what came of it).
    pub signals: Vec<crate::signal::Signal>,
}

/// Collects the export; erased neighbours are `NotFound`.
pub fn neighbour(conn: &mut DbConnection, org: OrgId, id: NeighbourId) -> Result<NeighbourExport> {
    let neighbour = crate::neighbour::get(conn, org, id)?;
    let requests = crate::request::list(
        conn,
        org,
        &RequestFilter {
            neighbour_id: Some(id),
            limit: 10_000,
            ..Default::default()
        },
    )?;
    let mut referrals = Vec::new();
    for r in &requests {
        referrals.extend(crate::referral::for_request(conn, org, r.id)?);
    }
    Ok(NeighbourExport {
        requests,
        referrals,
        matches: crate::matching::for_neighbour(conn, org, id)?,
        exchanges: crate::exchange::list_for(conn, org, id)?,
        declined_with: crate::declined::partners(conn, org, id)?,
        audit: crate::audit::for_subject(conn, org, id)?,
        signals: crate::signal::for_neighbour(conn, org, id)?,
        neighbour,
    })
}
