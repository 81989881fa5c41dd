//! Group suggestions (docs/design.md §3.7): stored by the re-matching job, decided by a
//! coordinator. A suggestion puts nobody in a group; each member still answers.

use crate::error::{Result, StoreError};
use crate::ids::{GroupId, OrgId, RequestId};
use crate::request::{self, RequestStatus};
use crate::schema::group_suggestions;
use crate::text_enum::text_enum;
use crate::{clock, json_text, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use nabij_engine::groups::GroupSuggestion;

text_enum! {
    /// Where a group suggestion stands.
    pub enum GroupStatus in "group_suggestions.status" {
        Suggested = "suggested",
        Accepted = "accepted",
        Split = "split",
    }
}

/// A row of `group_suggestions`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = group_suggestions)]
pub struct GroupRow {
    pub id: GroupId,
    pub organisation_id: OrgId,
    /// The shared tag code, e.g. `walking`.
    pub tag: String,
    /// JSON list of request ids.
    pub request_ids: String,
    /// JSON list of reasons (`nabij_engine::reasons::Reason`): `{"code", "id", "args"}`
    /// objects, or `{"code", "nl", "fr", "en"}` in rows written before the catalogues
    /// (read as their stored texts).
    pub reasons: String,
    pub status: GroupStatus,
    pub created_at: NaiveDateTime,
}

impl GroupRow {
    pub fn request_ids(&self) -> Result<Vec<RequestId>> {
        json_text::decode(&self.request_ids, "group_suggestions.request_ids")
    }
    pub fn reasons(&self) -> Result<Vec<nabij_engine::reasons::Reason>> {
        json_text::decode(&self.reasons, "group_suggestions.reasons")
    }
}

#[derive(Insertable)]
#[diesel(table_name = group_suggestions)]
struct GroupInsert {
    organisation_id: OrgId,
    tag: String,
    request_ids: String,
    reasons: String,
    status: &'static str,
    created_at: NaiveDateTime,
}

/// Group suggestions of an organisation in id order, optionally of one status.
pub fn groups(conn: &mut DbConnection, org: OrgId, status: Option<GroupStatus>) -> Result<Vec<GroupRow>> {
    let mut q = group_suggestions::table
        .filter(group_suggestions::organisation_id.eq(org))
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(group_suggestions::status.eq(s.as_str()));
    }
    Ok(q.order(group_suggestions::id)
        .select(GroupRow::as_select())
        .load(conn)?)
}

/// One group suggestion; `NotFound` for another organisation's id.
pub fn group(conn: &mut DbConnection, org: OrgId, id: GroupId) -> Result<GroupRow> {
    Ok(group_suggestions::table
        .filter(group_suggestions::organisation_id.eq(org))
        .filter(group_suggestions::id.eq(id))
        .select(GroupRow::as_select())
        .first(conn)?)
}

/// A coordinator accepts or splits a suggestion that is still `suggested`;
/// `Conflict("group_status")` otherwise. Accepting records the decision only: each
/// member still answers for themselves.
pub fn decide_group(conn: &mut DbConnection, org: OrgId, id: GroupId, to: GroupStatus) -> Result<()> {
    if to == GroupStatus::Suggested {
        return Err(StoreError::invalid("a group can only be accepted or split"));
    }
    let n = diesel::update(
        group_suggestions::table
            .filter(group_suggestions::organisation_id.eq(org))
            .filter(group_suggestions::id.eq(id))
            .filter(group_suggestions::status.eq(GroupStatus::Suggested.as_str())),
    )
    .set(group_suggestions::status.eq(to.as_str()))
    .execute(conn)?;
    if n == 0 {
        group_suggestions::table
            .filter(group_suggestions::organisation_id.eq(org))
            .filter(group_suggestions::id.eq(id))
            .select(group_suggestions::id)
            .first::<i64>(conn)?;
        return Err(StoreError::conflict("group_status"));
    }
    Ok(())
}

/// Stores one suggestion unless one of its requests is no longer open or is in a
/// suggested or accepted group already; `Ok(false)` then.
pub(super) fn write_group(conn: &mut DbConnection, org: OrgId, g: &GroupSuggestion) -> Result<bool> {
    let ids: Vec<RequestId> = super::sorted_ids(&g.request_ids)
        .into_iter()
        .map(RequestId)
        .collect();
    for id in &ids {
        if request::get(conn, org, *id)?.status != RequestStatus::Open {
            return Ok(false);
        }
    }
    let live = [GroupStatus::Suggested, GroupStatus::Accepted];
    for s in live {
        for row in groups(conn, org, Some(s))? {
            if row.request_ids()?.iter().any(|r| ids.contains(r)) {
                return Ok(false);
            }
        }
    }
    diesel::insert_into(group_suggestions::table)
        .values(&GroupInsert {
            organisation_id: org,
            tag: g.tag.clone(),
            request_ids: json_text::encode(&ids)?,
            reasons: json_text::encode(&g.reasons)?,
            status: GroupStatus::Suggested.as_str(),
            created_at: clock::now(),
        })
        .execute(conn)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nabij_engine::message::{Message, Phrase};
    use nabij_engine::reasons::{Reason, ReasonCode};

    fn row(reasons: &str) -> GroupRow {
        GroupRow {
            id: GroupId(1),
            organisation_id: OrgId(1),
            tag: "walking".into(),
            request_ids: "[1,2,3]".into(),
            reasons: reasons.into(),
            status: GroupStatus::Suggested,
            created_at: NaiveDateTime::default(),
        }
    }

    #[test]
    fn reasons_read_as_messages_and_older_rows_as_their_texts() {
        let new = vec![Reason::new(
            ReasonCode::Proximity,
            Message::new("reason-group-span").arg("m", 400u32),
        )];
        let text = json_text::encode(&new).unwrap_or_default();
        assert_eq!(
            text,
            r#"[{"code":"proximity","id":"reason-group-span","args":{"m":400}}]"#
        );
        assert_eq!(row(&text).reasons().ok(), Some(new));
        let old = r#"[{"code":"availability","nl":"allemaal vrij op dinsdagnamiddag","fr":"tous libres le mardi après-midi","en":"all free on Tuesday afternoon"}]"#;
        assert_eq!(
            row(old).reasons().ok(),
            Some(vec![Reason {
                code: ReasonCode::Availability,
                phrase: Phrase::texts(
                    "allemaal vrij op dinsdagnamiddag",
                    "tous libres le mardi après-midi",
                    "all free on Tuesday afternoon"
                ),
            }])
        );
        assert!(row(r#"[{"code":"proximity"}]"#).reasons().is_err());
    }
}
