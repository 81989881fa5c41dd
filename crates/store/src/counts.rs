//! Anonymised counts per organisation, month and metric: what remains of erased
//! records, and aggregates for policy reports.

use crate::error::Result;
use crate::ids::OrgId;
use crate::schema::anonymised_counts;
use crate::DbConnection;
use diesel::prelude::*;
use diesel::upsert::excluded;

/// A row of `anonymised_counts`.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = anonymised_counts)]
pub struct AnonymisedCount {
    pub organisation_id: OrgId,
    /// `YYYY-MM`.
    pub month: String,
    pub metric: String,
    pub count: i64,
}

/// Adds `by` to a count, creating it at zero first.
pub fn increment(conn: &mut DbConnection, org: OrgId, month: &str, metric: &str, by: i64) -> Result<()> {
    if by == 0 {
        return Ok(());
    }
    let row = AnonymisedCount {
        organisation_id: org,
        month: month.to_string(),
        metric: metric.to_string(),
        count: by,
    };
    crate::per_backend!(conn, |c| diesel::insert_into(anonymised_counts::table)
        .values(&row)
        .on_conflict((
            anonymised_counts::organisation_id,
            anonymised_counts::month,
            anonymised_counts::metric
        ))
        .do_update()
        .set(anonymised_counts::count.eq(anonymised_counts::count + excluded(anonymised_counts::count)))
        .execute(c))?;
    Ok(())
}

/// All counts of an organisation, by month then metric.
pub fn list(conn: &mut DbConnection, org: OrgId) -> Result<Vec<AnonymisedCount>> {
    Ok(anonymised_counts::table
        .filter(anonymised_counts::organisation_id.eq(org))
        .order((anonymised_counts::month, anonymised_counts::metric))
        .select(AnonymisedCount::as_select())
        .load(conn)?)
}

/// One count (0 when never counted).
pub fn get(conn: &mut DbConnection, org: OrgId, month: &str, metric: &str) -> Result<i64> {
    Ok(anonymised_counts::table
        .filter(anonymised_counts::organisation_id.eq(org))
        .filter(anonymised_counts::month.eq(month))
        .filter(anonymised_counts::metric.eq(metric))
        .select(anonymised_counts::count)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}
