//! `POST /v1/exchanges`: a recorded act of help or thanks between two neighbours. It
//! feeds their reciprocity balances (never shown as a debt), so it changes the
//! candidate index: the cache is brought up to date after the commit
//! (`nabij_ops::exchanges::record`).

use crate::auth::{Authorised, MatchesWrite};
use crate::blocking::run;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::idempotency::{self, Post};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use nabij_store::exchange::{self, Exchange, NewExchange};
use nabij_store::{clock, MatchId, NeighbourId};
use serde::{Deserialize, Serialize};

/// `POST /v1/exchanges`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeIn {
    pub from_id: i64,
    pub to_id: i64,
    /// `help` or `thanks`.
    pub kind: String,
    #[serde(default)]
    pub match_id: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct ExchangeOut {
    pub id: i64,
    pub from_id: i64,
    pub to_id: i64,
    pub kind: String,
    pub match_id: Option<i64>,
    pub at: DateTime<Utc>,
}

impl ExchangeOut {
    fn from_row(x: &Exchange) -> Self {
        ExchangeOut {
            id: x.id.get(),
            from_id: x.from_id.get(),
            to_id: x.to_id.get(),
            kind: x.kind.clone(),
            match_id: x.match_id.map(MatchId::get),
            at: clock::utc(x.at),
        }
    }
}

impl ExchangeIn {
    fn into_new(self) -> ApiResult<NewExchange> {
        let mut errors = Vec::new();
        for (field, id) in [
            ("from_id", Some(self.from_id)),
            ("to_id", Some(self.to_id)),
            ("match_id", self.match_id),
        ] {
            if id.is_some_and(|i| i <= 0) {
                errors.push(FieldError::new(field, "must be a positive id"));
            }
        }
        if self.from_id == self.to_id {
            errors.push(FieldError::new("to_id", "must differ from from_id"));
        }
        let kind = exchange::parse_kind(&self.kind);
        if kind.is_none() {
            errors.push(FieldError::new("kind", "must be help or thanks"));
        }
        match kind {
            Some(kind) if errors.is_empty() => Ok(NewExchange {
                from_id: NeighbourId(self.from_id),
                to_id: NeighbourId(self.to_id),
                kind,
                match_id: self.match_id.map(MatchId),
                at: None,
            }),
            _ => Err(ApiError::invalid_fields(errors)),
        }
    }
}

/// `POST /v1/exchanges` → 201.
pub async fn create(
    state: web::Data<AppState>,
    caller: Authorised<MatchesWrite>,
    post: Post<ExchangeIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.caller;
    let Post { body, idempotency } = post;
    let form = body.into_new()?;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::CREATED, |c| {
            let (x, update) = nabij_ops::exchanges::record(&st.ops, c, &caller, &form)?;
            Ok((ExchangeOut::from_row(&x), update))
        })
    })
    .await?;
    if let Some(update) = &written.after {
        state.ops.apply(update);
    }
    Ok(written.response())
}

/// Registers the route of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/v1/exchanges").route(web::post().to(create)));
}
