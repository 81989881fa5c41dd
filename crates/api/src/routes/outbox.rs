//! `/v1/outbox`: what the notification outbox holds, for coordinators and admins, and
//! re-queueing a message that gave up (`dead`).
//!
//! Privacy: a message is shown by its recipient address, language and template (e.g.
//! `match_proposed.neighbour`) with its delivery state; never its payload (names, the
//! people in a match), nor its rendered text. A coordinator limited to neighbourhoods
//! sees only messages to residents of those neighbourhoods and to themselves
//! ([`OutboxVisibility`]); anything else answers like a missing id.

use crate::access;
use crate::auth::Staff;
use crate::blocking::run;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::Id;
use crate::idempotency::{self, OptionalPost, Post};
use crate::notifications::OutboxVisibility;
use crate::paging;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use nabij_notify::outbox::{recipient_of, Recipient};
use nabij_store::outbox::{self, OutboxMessage, OutboxStatus};
use nabij_store::{clock, OutboxId, StoreError};
use serde::{Deserialize, Serialize};

const CURSOR_KIND: &str = "outbox";
/// Most rows looked at for one page of a limited coordinator (who may see few of them);
/// a page may then hold fewer items than asked, with a `next_cursor` to go on.
const MAX_SCAN: usize = 2000;
const STATUSES: [&str; 4] = ["pending", "sending", "sent", "dead"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub cursor: Option<String>,
}

/// `POST /v1/outbox/{id}/requeue`: no body needed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequeueIn {}

/// One message as staff see it.
#[derive(Debug, Serialize)]
pub struct OutboxOut {
    pub id: i64,
    /// `pending`, `sending`, `sent` or `dead`.
    pub status: OutboxStatus,
    pub recipient: String,
    /// `nl`, `fr` or `en`.
    pub language: String,
    /// `<event>.<neighbour|coordinator>`, e.g. `match_proposed.neighbour`.
    pub template: String,
    pub attempts: i32,
    /// When the next attempt is due; only while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed (the mail server's answer).
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl OutboxOut {
    fn from_row(m: &OutboxMessage) -> Self {
        OutboxOut {
            id: m.id.get(),
            status: m.status,
            recipient: m.recipient.clone(),
            language: m.language.clone(),
            template: m.template.clone(),
            attempts: m.attempts,
            next_attempt_at: (m.status == OutboxStatus::Pending).then(|| clock::utc(m.next_attempt_at)),
            last_error: m.last_error.clone(),
            created_at: clock::utc(m.created_at),
            sent_at: m.sent_at.map(clock::utc),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct OutboxPage {
    pub items: Vec<OutboxOut>,
    pub next_cursor: Option<String>,
}

/// `GET /v1/outbox?status=dead|pending|sending|sent&limit=&cursor=`: messages in id
/// order (oldest first).
pub async fn list(
    state: web::Data<AppState>,
    caller: Staff,
    query: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let q = query.into_inner();
    if q.status.as_deref().is_some_and(|s| !STATUSES.contains(&s)) {
        return Err(ApiError::invalid_fields(vec![FieldError::new(
            "status",
            "must be pending, sending, sent or dead",
        )]));
    }
    let limit = paging::limit(q.limit)? as usize;
    let after = q
        .cursor
        .as_deref()
        .map(|c| paging::decode(CURSOR_KIND, c))
        .transpose()?
        .map(OutboxId);
    let st = state.clone();
    let page = run(move || {
        st.store.read_as(|c| {
            let mut seen = OutboxVisibility::new(&caller);
            let chunk = if seen.sees_all() { limit + 1 } else { 200 };
            let (mut items, mut scanned, mut cursor, mut exhausted) = (Vec::new(), 0, after, false);
            while items.len() <= limit && scanned < MAX_SCAN {
                let rows = outbox::list(c, caller.org, q.status.as_deref(), cursor, chunk as i64)?;
                exhausted = rows.len() < chunk;
                seen.prefetch(c, caller.org, rows.iter().map(|m| m.message_id.as_str()))?;
                for m in rows {
                    scanned += 1;
                    cursor = Some(m.id);
                    if seen.sees(&m.message_id) {
                        items.push(m);
                        if items.len() > limit {
                            break;
                        }
                    }
                }
                if exhausted {
                    break;
                }
            }
            let more = items.len() > limit;
            items.truncate(limit);
            let next = if more {
                items.last().map(|m| m.id)
            } else if !exhausted {
                // The scan stopped early: go on after the last row looked at.
                cursor
            } else {
                None
            };
            Ok::<_, ApiError>(OutboxPage {
                items: items.iter().map(OutboxOut::from_row).collect(),
                next_cursor: next.map(|id| paging::encode(CURSOR_KIND, id.get())),
            })
        })
    })
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// `POST /v1/outbox/{id}/requeue` → 200 with the message, pending and due now, its
/// attempts reset (same `Message-ID`). 409 `not_dead` unless it is dead. Audited.
pub async fn requeue(
    state: web::Data<AppState>,
    caller: Staff,
    Id(id): Id<OutboxId>,
    post: OptionalPost<RequeueIn>,
) -> ApiResult<HttpResponse> {
    let caller = caller.0;
    let OptionalPost(Post { idempotency, .. }) = post;
    let st = state.clone();
    let written = run(move || {
        idempotency::write(&st.store, &caller, &idempotency, StatusCode::OK, |c| {
            let before = outbox::get(c, caller.org, id)?;
            let mut seen = OutboxVisibility::new(&caller);
            seen.prefetch(c, caller.org, std::iter::once(before.message_id.as_str()))?;
            if !seen.sees(&before.message_id) {
                return Err(StoreError::NotFound.into());
            }
            let row = outbox::requeue(c, caller.org, id)?;
            let subject = match recipient_of(&row.message_id) {
                Some(Recipient::Neighbour(n)) => Some(n),
                _ => None,
            };
            let detail = format!(
                "outbox={} template={} attempts={}",
                row.id, row.template, before.attempts
            );
            access::record(c, &caller, "outbox_requeued", subject, detail)?;
            Ok((OutboxOut::from_row(&row), ()))
        })
    })
    .await?;
    Ok(written.response())
}

/// Registers the routes of this family.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/v1/outbox").route(web::get().to(list)))
        .service(web::resource("/v1/outbox/{id}/requeue").route(web::post().to(requeue)));
}
