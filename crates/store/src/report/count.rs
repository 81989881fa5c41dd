//! The counting queries of the report: each loads the few columns it needs for the
//! months asked and adds its records to the [`Report`].

use super::{Area, CandidateCheck, Metric, Month, Report, ReportQuery};
use crate::error::{Result, StoreError};
use crate::ids::{NeighbourId, NeighbourhoodId, OrgId};
use crate::request::Request;
use crate::schema::{help_requests, matches, neighbours, notification_calls, referrals};
use crate::{json_text, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

/// Counts the report of `org` (see the module documentation). The areas must already be
/// the ones the caller may see.
pub fn load(conn: &mut DbConnection, org: OrgId, q: &ReportQuery) -> Result<Report> {
    let mut report = Report::new(q);
    let (Some(first), Some(last)) = (report.months.first(), report.months.last()) else {
        return Ok(report);
    };
    if report.areas.is_empty() {
        return Ok(report);
    }
    let span = Span {
        start: first.start(),
        end: last.next().start(),
    };
    count_requests(conn, org, span, &mut report)?;
    count_matches(conn, org, span, &mut report)?;
    count_referrals(conn, org, span, &mut report)?;
    count_registrations(conn, org, span, &mut report)?;
    count_calls(conn, org, span, &mut report)?;
    Ok(report)
}

/// `start <= t < end`.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: NaiveDateTime,
    end: NaiveDateTime,
}

impl Span {
    fn holds(self, t: NaiveDateTime) -> bool {
        self.start <= t && t < self.end
    }
}

/// Requests by kind, unmet ones by status, the waiting ones to look up, and the
/// requests asking for something nobody nearby offers.
fn count_requests(conn: &mut DbConnection, org: OrgId, span: Span, report: &mut Report) -> Result<()> {
    let rows: Vec<(Request, Option<NeighbourhoodId>)> = help_requests::table
        .inner_join(neighbours::table)
        .filter(help_requests::organisation_id.eq(org))
        .filter(help_requests::created_at.ge(span.start))
        .filter(help_requests::created_at.lt(span.end))
        .order(help_requests::id)
        .select((Request::as_select(), neighbours::neighbourhood_id))
        .load(conn)?;
    let wanted: HashSet<Area> = report.areas.iter().copied().collect();
    let mut offered = Offered::default();
    for (r, hood) in rows {
        let area = Area::of(hood);
        if !wanted.contains(&area) {
            continue;
        }
        let month = Month::of(r.created_at);
        if let Some(m) = Metric::requests_of_kind(&r.kind) {
            report.add(area, month, m, 1);
        }
        let unmet = Metric::unmet(r.status);
        if let Some(m) = unmet {
            report.add(area, month, m, 1);
        }
        if !r.scope_in_scope {
            continue;
        }
        if unmet.is_some() {
            match crate::request::to_help_request(conn, org, &r) {
                Ok(request) => report.checks.push(CandidateCheck { area, month, request }),
                // The one who asked was erased meanwhile: nothing to look up.
                Err(StoreError::NotFound | StoreError::Corrupt(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let Some(hood) = hood else { continue };
        let tags = json_text::codes(&r.tags, "help_requests.tags").unwrap_or_default();
        let together = r.kind == "companionship";
        let mut missing = false;
        for tag in tags {
            if !offered.by_someone_else(conn, org, hood, &tag, together, r.neighbour_id)? {
                missing = true;
                report.tags_not_offered.entry(area).or_default().insert(tag);
            }
        }
        if missing {
            report.add(area, month, Metric::TagNotOffered, 1);
        }
    }
    Ok(())
}

/// Who offers a tag in a neighbourhood (at most two residents, enough to tell whether
/// someone other than the one who asks does), looked up once per tag.
#[derive(Default)]
struct Offered(HashMap<(NeighbourhoodId, String, bool), Vec<NeighbourId>>);

impl Offered {
    fn by_someone_else(
        &mut self,
        conn: &mut DbConnection,
        org: OrgId,
        hood: NeighbourhoodId,
        tag: &str,
        interests_too: bool,
        asker: NeighbourId,
    ) -> Result<bool> {
        let key = (hood, tag.to_string(), interests_too);
        if !self.0.contains_key(&key) {
            // Lists are stored as JSON text: `["walking","shopping"]`.
            let pattern = format!("%\"{}\"%", escape_like(tag));
            let base = neighbours::table
                .filter(neighbours::organisation_id.eq(org))
                .filter(neighbours::neighbourhood_id.eq(hood))
                .filter(neighbours::erased_at.is_null())
                .filter(neighbours::paused.eq(false))
                .filter(neighbours::capacity.gt(0))
                .into_boxed();
            let q = if interests_too {
                base.filter(
                    neighbours::talents
                        .like(pattern.clone())
                        .escape('\\')
                        .or(neighbours::interests.like(pattern).escape('\\')),
                )
            } else {
                base.filter(neighbours::talents.like(pattern).escape('\\'))
            };
            let ids: Vec<NeighbourId> = q.select(neighbours::id).limit(2).load(conn)?;
            self.0.insert(key.clone(), ids);
        }
        Ok(self
            .0
            .get(&key)
            .is_some_and(|ids| ids.iter().any(|id| *id != asker)))
    }
}

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

type MatchRow = (
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    String,
    Option<bool>,
    Option<NeighbourhoodId>,
);

/// Matches started in a month, and closed in a month with help going both ways.
fn count_matches(conn: &mut DbConnection, org: OrgId, span: Span, report: &mut Report) -> Result<()> {
    let rows: Vec<MatchRow> = matches::table
        .inner_join(help_requests::table.inner_join(neighbours::table))
        .filter(matches::organisation_id.eq(org))
        .filter(
            matches::activated_at
                .ge(span.start)
                .and(matches::activated_at.lt(span.end))
                .or(matches::closed_at
                    .ge(span.start)
                    .and(matches::closed_at.lt(span.end))),
        )
        .select((
            matches::activated_at,
            matches::closed_at,
            matches::status,
            matches::follow_up_mutual,
            neighbours::neighbourhood_id,
        ))
        .load(conn)?;
    for (activated, closed, status, mutual, hood) in rows {
        let area = Area::of(hood);
        if let Some(t) = activated.filter(|t| span.holds(*t)) {
            report.add(area, Month::of(t), Metric::MatchesStarted, 1);
        }
        if status == "closed" && mutual == Some(true) {
            if let Some(t) = closed.filter(|t| span.holds(*t)) {
                report.add(area, Month::of(t), Metric::MatchesClosedMutual, 1);
            }
        }
    }
    Ok(())
}

/// Referrals by reason (out of scope split by the request's scope category).
fn count_referrals(conn: &mut DbConnection, org: OrgId, span: Span, report: &mut Report) -> Result<()> {
    let rows: Vec<(NaiveDateTime, String, String, Option<NeighbourhoodId>)> = referrals::table
        .inner_join(help_requests::table.inner_join(neighbours::table))
        .filter(referrals::organisation_id.eq(org))
        .filter(referrals::created_at.ge(span.start))
        .filter(referrals::created_at.lt(span.end))
        .select((
            referrals::created_at,
            referrals::reason,
            help_requests::scope_category,
            neighbours::neighbourhood_id,
        ))
        .load(conn)?;
    for (at, reason, category, hood) in rows {
        if let Some(m) = Metric::referral(&reason, &category) {
            report.add(Area::of(hood), Month::of(at), m, 1);
        }
    }
    Ok(())
}

/// Residents registered in a month, by how their consent was given.
fn count_registrations(conn: &mut DbConnection, org: OrgId, span: Span, report: &mut Report) -> Result<()> {
    let rows: Vec<(Option<NeighbourhoodId>, String, NaiveDateTime)> = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::created_at.ge(span.start))
        .filter(neighbours::created_at.lt(span.end))
        .select((
            neighbours::neighbourhood_id,
            neighbours::consent_channel,
            neighbours::created_at,
        ))
        .load(conn)?;
    for (hood, channel, at) in rows {
        if let Some(m) = Metric::registered(&channel) {
            report.add(Area::of(hood), Month::of(at), m, 1);
        }
    }
    Ok(())
}

/// Calls to residents without e-mail, marked done in a month.
fn count_calls(conn: &mut DbConnection, org: OrgId, span: Span, report: &mut Report) -> Result<()> {
    let calls: Vec<(NeighbourId, Option<NaiveDateTime>)> = notification_calls::table
        .filter(notification_calls::organisation_id.eq(org))
        .filter(notification_calls::done_at.ge(span.start))
        .filter(notification_calls::done_at.lt(span.end))
        .select((notification_calls::neighbour_id, notification_calls::done_at))
        .load(conn)?;
    if calls.is_empty() {
        return Ok(());
    }
    let mut ids: Vec<NeighbourId> = calls.iter().map(|c| c.0).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut hoods: HashMap<NeighbourId, Option<NeighbourhoodId>> = HashMap::new();
    for chunk in ids.chunks(5000) {
        let found: Vec<(NeighbourId, Option<NeighbourhoodId>)> = neighbours::table
            .filter(neighbours::organisation_id.eq(org))
            .filter(neighbours::id.eq_any(chunk.to_vec()))
            .select((neighbours::id, neighbours::neighbourhood_id))
            .load(conn)?;
        hoods.extend(found);
    }
    for (who, done) in calls {
        if let Some(t) = done {
            let area = Area::of(hoods.get(&who).copied().flatten());
            report.add(area, Month::of(t), Metric::CallsMade, 1);
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(escape_like("coffee_visit"), "coffee\\_visit");
        assert_eq!(escape_like("100%"), "100\\%");
    }
}
