//! `POST /v1/referrals`: a waiting request (open or referral needed) is referred to a
//! service of the directory (toeleiding) and becomes `referred`; the resident and their
//! coordinator hear of it (enqueued in the same transaction).

use crate::auth::{Authorised, Caller, RequestsWrite};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::idempotency::{self, Post};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use nabij_store::referral::{NewReferral, Referral, ReferralReason};
use nabij_store::{clock, RequestId, ServiceId};
use serde::{Deserialize, Serialize};

/// `POST /v1/referrals`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralIn {
    pub request_id: i64,
    /// The service referred to; may be absent when none fits (e.g. `no_match`).
    #[serde(default)]
    pub service_id: Option<i64>,
    /// `out_of_scope`, `no_match` or `coordinator_choice`.
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct ReferralOut {
    pub id: i64,
    pub request_id: i64,
    pub service_id: Option<i64>,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

impl ReferralOut {
    fn from_row(r: &Referral) -> Self {
        ReferralOut {
            id: r.id.get(),
            request_id: r.request_id.get(),
            service_id: r.service_id.map(ServiceId::get),
            reason: r.reason.clone(),
            created_at: clock::utc(r.created_at),
            created_by: r.created_by.clone(),
        }
    }
}

/// Checks a referral as `POST /v1/referrals` does (400 naming the fields); the caller
/// is recorded as its author.
pub(crate) fn referral(body: &ReferralIn, caller: &Caller) -> ApiResult<NewReferral> {
    let mut errors = Vec::new();
    if body.request_id <= 0 {
        errors.push(FieldError::new("request_id", "must be a positive id"));
    }
    if body.service_id.is_some_and(|s| s <= 0) {
        errors.push(FieldError::new("service_id", "must be a positive id"));
    }
    let reason = ReferralReason::parse(&body.reason);
    if reason.is_none() {
        errors.push(FieldError::new(
            "reason",
            "must be out_of_scope, no_match or coordinator_choice",
        ));
    }
    let Some(reason) = reason.filter(|_| errors.is_empty()) else {
        return Err(ApiError::invalid_fields(errors));
    };
    Ok(NewReferral {
        request_id: RequestId(body.request_id),
        service_id: body.service_id.map(ServiceId),
        reason,
        created_by: caller.actor().to_string(),
    })
}

/// `POST /v1/referrals` → 201; the request becomes `referred`.
pub async fn create(
    state: web::Data<AppState>,
    caller: Authorised<RequestsWrite>,
    post: Post<ReferralIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let Post { body, idempotency } = post;
    let form = referral(&body, &caller)?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            let r = nabij_ops::referrals::refer(&st.ops, c, &caller, &form)?;
            Ok((ReferralOut::from_row(&r), ()))
        })
    })
    .await?;
    Ok(written.response())
}

/// Registers the route of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/v1/referrals").route(web::post().to(create)));
}
