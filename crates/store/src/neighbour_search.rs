//! Finding neighbours for a coordinator's list: by part of the name, neighbourhood,
//! interest or talent, and paused or not, a page at a time with the total count.
//! Erased neighbours are never found.

use crate::error::Result;
use crate::ids::{NeighbourhoodId, OrgId};
use crate::neighbour::Neighbour;
use crate::schema::neighbours;
use crate::{DbConnection, MultiBackend};
use diesel::prelude::*;

diesel::define_sql_function! {
    /// SQL `lower()` (ASCII letters on SQLite, all letters on PostgreSQL).
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// What to look for; every filter given must hold.
#[derive(Debug, Clone, Default)]
pub struct NeighbourSearch {
    /// Only these neighbourhoods (a limited coordinator); `None`: all.
    pub limited_to: Option<Vec<NeighbourhoodId>>,
    /// Part of the display name, any case.
    pub name: Option<String>,
    /// Lives in this neighbourhood.
    pub neighbourhood: Option<NeighbourhoodId>,
    /// Has this tag code among their interests or talents.
    pub tag: Option<String>,
    /// Paused (`true`) or taking part (`false`).
    pub paused: Option<bool>,
    /// Rows to skip (page × page size).
    pub offset: i64,
    /// Page size, clamped to 1..=200.
    pub limit: i64,
}

/// One page of the result, in name order, and how many match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    pub rows: Vec<Neighbour>,
    pub total: i64,
}

/// `%…%` with the LIKE wildcards of `s` escaped (escape character `\`).
fn contains_pattern(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('%');
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

fn filtered<'a>(org: OrgId, s: &NeighbourSearch) -> neighbours::BoxedQuery<'a, MultiBackend> {
    let mut q = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::erased_at.is_null())
        .into_boxed();
    if let Some(hoods) = &s.limited_to {
        q = q.filter(neighbours::neighbourhood_id.eq_any(hoods.clone()));
    }
    if let Some(name) = s.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        q = q.filter(
            lower(neighbours::display_name)
                .like(contains_pattern(&name.to_lowercase()))
                .escape('\\'),
        );
    }
    if let Some(h) = s.neighbourhood {
        q = q.filter(neighbours::neighbourhood_id.eq(h));
    }
    if let Some(tag) = &s.tag {
        // Lists are stored as canonical JSON arrays of codes: `["walking","games"]`.
        let quoted = contains_pattern(&format!("\"{tag}\""));
        q = q.filter(
            neighbours::interests
                .like(quoted.clone())
                .escape('\\')
                .or(neighbours::talents.like(quoted).escape('\\')),
        );
    }
    if let Some(p) = s.paused {
        q = q.filter(neighbours::paused.eq(p));
    }
    q
}

/// Searches the organisation's neighbours.
pub fn search(conn: &mut DbConnection, org: OrgId, s: &NeighbourSearch) -> Result<SearchPage> {
    let total: i64 = filtered(org, s).count().get_result(conn)?;
    let rows = filtered(org, s)
        .order((neighbours::display_name, neighbours::id))
        .offset(s.offset.max(0))
        .limit(s.limit.clamp(1, 200))
        .select(Neighbour::as_select())
        .load(conn)?;
    Ok(SearchPage { rows, total })
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(contains_pattern("an"), "%an%");
        assert_eq!(contains_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
