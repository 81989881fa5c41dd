//! Erasure of a neighbour (GDPR): personal data goes for good, anonymised counts stay.
//!
//! The neighbour row remains as a tombstone (so exchanges, matches and audit rows that
//! point at the id stay consistent) with name, contact, location, lists and consent
//! recorder cleared and `erased_at` set. Their requests lose text and place and are
//! cancelled; their proposals are declined and their active matches closed (companions
//! get their capacity back, other people's requests are open again); follow-up notes
//! of their matches and undelivered messages to them are removed; signals about them
//! are erased (`signal::erase_for_neighbour`). Audit rows stay: they carry no personal
//! data.

use crate::clock;
use crate::error::Result;
use crate::ids::{MatchId, NeighbourId, OrgId};
use crate::matching::MatchStatus;
use crate::request::RequestStatus;
use crate::schema::{help_requests, match_members, matches, neighbours, outbox};
use crate::DbConnection;
use diesel::prelude::*;

/// Placeholder left in `display_name`.
pub const ERASED_NAME: &str = "(erased)";

/// What an erasure changed, as counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ErasureSummary {
    pub requests_cancelled: usize,
    pub matches_ended: usize,
    pub messages_removed: usize,
    /// Signals about them, erased with them.
    pub signals_erased: usize,
}

/// Erases one neighbour. Run it inside a write transaction.
pub fn erase(conn: &mut DbConnection, org: OrgId, id: NeighbourId) -> Result<ErasureSummary> {
    let n = crate::neighbour::get(conn, org, id)?;
    let now = clock::now();
    let month = clock::month(now);
    let mut summary = ErasureSummary::default();
    // Whose place in the candidate index changes: theirs, and companions given capacity back.
    let mut changed = vec![id];

    // Matches they are part of: proposals end as declined, active ones as closed.
    let theirs: Vec<MatchId> = match_members::table
        .filter(match_members::organisation_id.eq(org))
        .filter(match_members::neighbour_id.eq(id))
        .select(match_members::match_id)
        .load(conn)?;
    for m in &theirs {
        let detail = crate::matching::detail(conn, org, *m)?;
        let ended = match detail.row.status {
            MatchStatus::Proposed => Some(MatchStatus::Declined),
            MatchStatus::Active => {
                crate::matching::release(conn, org, &detail.members)?;
                changed.extend(
                    detail
                        .members
                        .iter()
                        .filter(|m| m.is_companion())
                        .map(|m| m.neighbour_id),
                );
                Some(MatchStatus::Closed)
            }
            _ => None,
        };
        if let Some(to) = ended {
            summary.matches_ended += 1;
            diesel::update(
                matches::table
                    .filter(matches::organisation_id.eq(org))
                    .filter(matches::id.eq(*m)),
            )
            .set((matches::status.eq(to.as_str()), matches::closed_at.eq(Some(now))))
            .execute(conn)?;
            // Someone else's request waits again.
            let req = detail.row.request_id;
            let other: i64 = matches::table
                .filter(matches::organisation_id.eq(org))
                .filter(matches::request_id.eq(req))
                .filter(
                    matches::status.eq_any([MatchStatus::Proposed.as_str(), MatchStatus::Active.as_str()]),
                )
                .count()
                .get_result(conn)?;
            if other == 0 {
                diesel::update(
                    help_requests::table
                        .filter(help_requests::organisation_id.eq(org))
                        .filter(help_requests::id.eq(req))
                        .filter(help_requests::neighbour_id.ne(id))
                        .filter(
                            help_requests::status
                                .eq_any([RequestStatus::Proposed.as_str(), RequestStatus::Matched.as_str()]),
                        ),
                )
                .set((
                    help_requests::status.eq(RequestStatus::Open.as_str()),
                    help_requests::updated_at.eq(now),
                ))
                .execute(conn)?;
            }
        }
        diesel::update(
            matches::table
                .filter(matches::organisation_id.eq(org))
                .filter(matches::id.eq(*m)),
        )
        .set((
            matches::follow_up_note.eq(None::<String>),
            matches::shared_note.eq(None::<String>),
        ))
        .execute(conn)?;
        crate::check_in::erase_for_match(conn, org, *m)?;
    }

    // Their own requests: no text, no place; waiting ones are cancelled.
    let waiting = [
        RequestStatus::Open.as_str(),
        RequestStatus::Proposed.as_str(),
        RequestStatus::Matched.as_str(),
        RequestStatus::ReferralNeeded.as_str(),
    ];
    summary.requests_cancelled = diesel::update(
        help_requests::table
            .filter(help_requests::organisation_id.eq(org))
            .filter(help_requests::neighbour_id.eq(id))
            .filter(help_requests::status.eq_any(waiting)),
    )
    .set(help_requests::status.eq(RequestStatus::Cancelled.as_str()))
    .execute(conn)?;
    let requests = diesel::update(
        help_requests::table
            .filter(help_requests::organisation_id.eq(org))
            .filter(help_requests::neighbour_id.eq(id)),
    )
    .set((
        help_requests::text.eq(""),
        help_requests::lat.eq(None::<f64>),
        help_requests::lon.eq(None::<f64>),
        help_requests::scope_reasons.eq("[]"),
        help_requests::updated_at.eq(now),
    ))
    .execute(conn)?;

    // Messages to them that were not sent yet, and any that name their address.
    let addresses: Vec<String> = [n.email.clone(), n.phone.clone()].into_iter().flatten().collect();
    if !addresses.is_empty() {
        summary.messages_removed = diesel::delete(
            outbox::table
                .filter(outbox::organisation_id.eq(org))
                .filter(outbox::recipient.eq_any(addresses)),
        )
        .execute(conn)?;
    }

    // Signals about them (who noticed what, in their own words).
    summary.signals_erased = crate::signal::erase_for_neighbour(conn, org, id)?;

    // The tombstone.
    diesel::update(
        neighbours::table
            .filter(neighbours::organisation_id.eq(org))
            .filter(neighbours::id.eq(id)),
    )
    .set((
        neighbours::neighbourhood_id.eq(None::<crate::ids::NeighbourhoodId>),
        neighbours::display_name.eq(ERASED_NAME),
        neighbours::email.eq(None::<String>),
        neighbours::phone.eq(None::<String>),
        neighbours::lat.eq(None::<f64>),
        neighbours::lon.eq(None::<f64>),
        neighbours::offset_east_m.eq(None::<f64>),
        neighbours::offset_north_m.eq(None::<f64>),
        neighbours::interests.eq("[]"),
        neighbours::talents.eq("[]"),
        neighbours::languages.eq("[]"),
        neighbours::availability.eq("[]"),
        neighbours::capacity.eq(0),
        neighbours::active_matches.eq(0),
        neighbours::paused.eq(true),
        neighbours::consent_recorded_by.eq(""),
        neighbours::updated_at.eq(now),
        neighbours::erased_at.eq(Some(now)),
    ))
    .execute(conn)?;

    changed.sort_unstable();
    changed.dedup();
    crate::index_log::record(conn, org, &changed)?;
    crate::counts::increment(conn, org, &month, "neighbours_erased", 1)?;
    crate::counts::increment(
        conn,
        org,
        &month,
        "requests_of_erased",
        i64::try_from(requests).unwrap_or(i64::MAX),
    )?;
    crate::counts::increment(
        conn,
        org,
        &month,
        "matches_of_erased",
        i64::try_from(theirs.len()).unwrap_or(i64::MAX),
    )?;
    Ok(summary)
}
