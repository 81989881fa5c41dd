//! Referrals (toeleiding): a request routed to a professional service.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{OrgId, ReferralId, RequestId, ServiceId};
use crate::request::RequestStatus;
use crate::schema::referrals;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Why a request was referred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferralReason {
    OutOfScope,
    NoMatch,
    CoordinatorChoice,
}

impl ReferralReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ReferralReason::OutOfScope => "out_of_scope",
            ReferralReason::NoMatch => "no_match",
            ReferralReason::CoordinatorChoice => "coordinator_choice",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            ReferralReason::OutOfScope,
            ReferralReason::NoMatch,
            ReferralReason::CoordinatorChoice,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// A row of `referrals`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = referrals)]
pub struct Referral {
    pub id: ReferralId,
    pub organisation_id: OrgId,
    pub request_id: RequestId,
    pub service_id: Option<ServiceId>,
    pub reason: String,
    pub created_at: NaiveDateTime,
    /// A user or client id string.
    pub created_by: String,
}

/// What it takes to refer a request.
#[derive(Debug, Clone)]
pub struct NewReferral {
    pub request_id: RequestId,
    pub service_id: Option<ServiceId>,
    pub reason: ReferralReason,
    pub created_by: String,
}

#[derive(Insertable)]
#[diesel(table_name = referrals)]
struct ReferralInsert<'a> {
    organisation_id: OrgId,
    request_id: RequestId,
    service_id: Option<ServiceId>,
    reason: &'static str,
    created_at: NaiveDateTime,
    created_by: &'a str,
}

/// Refers a waiting request (open or referral needed) and marks it `referred`.
pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewReferral) -> Result<Referral> {
    crate::request::get(conn, org, form.request_id)?;
    if let Some(s) = form.service_id {
        crate::service::get(conn, org, s).map_err(|e| e.referring("service_id"))?;
    }
    let by = form.created_by.trim();
    if by.is_empty() || by.len() > 128 {
        return Err(StoreError::invalid("created_by must be 1 to 128 characters"));
    }
    crate::request::transition(
        conn,
        org,
        form.request_id,
        &[RequestStatus::Open, RequestStatus::ReferralNeeded],
        RequestStatus::Referred,
    )?;
    let row = ReferralInsert {
        organisation_id: org,
        request_id: form.request_id,
        service_id: form.service_id,
        reason: form.reason.as_str(),
        created_at: clock::now(),
        created_by: by,
    };
    Ok(diesel::insert_into(referrals::table)
        .values(&row)
        .returning(referrals::all_columns)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: ReferralId) -> Result<Referral> {
    Ok(referrals::table
        .filter(referrals::organisation_id.eq(org))
        .filter(referrals::id.eq(id))
        .select(Referral::as_select())
        .first(conn)?)
}

pub fn for_request(conn: &mut DbConnection, org: OrgId, request: RequestId) -> Result<Vec<Referral>> {
    Ok(referrals::table
        .filter(referrals::organisation_id.eq(org))
        .filter(referrals::request_id.eq(request))
        .order(referrals::id)
        .select(Referral::as_select())
        .load(conn)?)
}

/// Referrals in id order (keyset pagination; `limit` clamped to 1..=1000).
pub fn list(
    conn: &mut DbConnection,
    org: OrgId,
    after: Option<ReferralId>,
    limit: i64,
) -> Result<Vec<Referral>> {
    let mut q = referrals::table
        .filter(referrals::organisation_id.eq(org))
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(referrals::id.gt(after));
    }
    Ok(q.order(referrals::id)
        .limit(limit.clamp(1, 1000))
        .select(Referral::as_select())
        .load(conn)?)
}
