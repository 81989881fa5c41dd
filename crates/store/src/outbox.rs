//! The transactional outbox for notifications: a message is enqueued in the same
//! transaction as the change it tells about, and a worker delivers it later.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{OrgId, OutboxId};
use crate::json_text;
use crate::schema::outbox;
use crate::text_enum::text_enum;
use crate::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

text_enum! {
    /// Where a message of the outbox stands.
    pub enum OutboxStatus in "outbox.status" {
        /// Waiting for its next attempt.
        Pending = "pending",
        /// Claimed by a worker.
        Sending = "sending",
        Sent = "sent",
        /// Given up after its attempts; a coordinator may retry it.
        Dead = "dead",
    }
}

/// A row of `outbox`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = outbox)]
pub struct OutboxMessage {
    pub id: OutboxId,
    pub organisation_id: OrgId,
    /// Unique; also the e-mail `Message-ID`, so a redelivery can be recognised.
    pub message_id: String,
    pub recipient: String,
    pub language: String,
    pub template: String,
    /// JSON object with the template's values.
    pub payload: String,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

/// A message to enqueue.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub message_id: String,
    pub recipient: String,
    pub language: String,
    pub template: String,
    pub payload: serde_json::Value,
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct MessageInsert<'a> {
    organisation_id: OrgId,
    message_id: &'a str,
    recipient: &'a str,
    language: &'a str,
    template: &'a str,
    payload: String,
    status: OutboxStatus,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

fn check(msg: &NewMessage) -> Result<()> {
    if msg.message_id.is_empty()
        || msg.message_id.len() > 255
        || msg.recipient.is_empty()
        || msg.recipient.len() > 254
    {
        return Err(StoreError::invalid(
            "message_id and recipient must be 1 to 255 characters",
        ));
    }
    Ok(())
}

/// Enqueues a message; `Conflict("duplicate")` if the message id exists.
pub fn enqueue(conn: &mut DbConnection, org: OrgId, msg: &NewMessage) -> Result<OutboxMessage> {
    check(msg)?;
    let now = clock::now();
    let row = MessageInsert {
        organisation_id: org,
        message_id: &msg.message_id,
        recipient: &msg.recipient,
        language: &msg.language,
        template: &msg.template,
        payload: json_text::encode(&msg.payload)?,
        status: OutboxStatus::Pending,
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
    };
    Ok(diesel::insert_into(outbox::table)
        .values(&row)
        .returning(outbox::all_columns)
        .get_result(conn)?)
}

/// Enqueues messages in one statement (one multi-row INSERT); `Conflict("duplicate")`
/// if a message id exists. Returns how many were written.
pub fn enqueue_all(conn: &mut DbConnection, org: OrgId, msgs: &[NewMessage]) -> Result<usize> {
    if msgs.is_empty() {
        return Ok(0);
    }
    let now = clock::now();
    let rows = msgs
        .iter()
        .map(|msg| {
            check(msg)?;
            Ok(MessageInsert {
                organisation_id: org,
                message_id: &msg.message_id,
                recipient: &msg.recipient,
                language: &msg.language,
                template: &msg.template,
                payload: json_text::encode(&msg.payload)?,
                status: OutboxStatus::Pending,
                attempts: 0,
                next_attempt_at: now,
                created_at: now,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(crate::per_backend!(conn, |c| diesel::insert_into(outbox::table)
        .values(&rows)
        .execute(c))?)
}

/// Claims up to `limit` due messages (any organisation) for `lease`: pending ones whose
/// time has come and sending ones whose lease ran out. Two workers never hold the same
/// message: on PostgreSQL one transaction locks the due rows no other worker is claiming
/// (`FOR UPDATE SKIP LOCKED`) and claims them in one update, so workers on several
/// instances neither wait for each other nor race; on SQLite (one writer at a time) each
/// claim is a conditional update.
pub fn claim_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
    lease: Duration,
) -> Result<Vec<OutboxMessage>> {
    let limit = limit.clamp(1, 1000);
    let due = outbox::status
        .eq(OutboxStatus::Pending)
        .and(outbox::next_attempt_at.le(now))
        .or(outbox::status
            .eq(OutboxStatus::Sending)
            .and(outbox::locked_until.lt(Some(now))));
    let claim = (
        outbox::status.eq(OutboxStatus::Sending),
        outbox::locked_until.eq(Some(now + lease)),
        outbox::attempts.eq(outbox::attempts + 1),
    );
    if let DbConnection::Postgresql(c) = conn {
        let mut claimed = c.transaction::<_, diesel::result::Error, _>(|c| {
            let locked: Vec<OutboxId> = outbox::table
                .filter(due)
                .order(outbox::next_attempt_at)
                .limit(limit)
                .select(outbox::id)
                .for_update()
                .skip_locked()
                .load(c)?;
            if locked.is_empty() {
                return Ok(Vec::new());
            }
            diesel::update(outbox::table.filter(outbox::id.eq_any(&locked)))
                .set(claim)
                .returning(OutboxMessage::as_returning())
                .get_results::<OutboxMessage>(c)
        })?;
        claimed.sort_by_key(|m| (m.next_attempt_at, m.id));
        return Ok(claimed);
    }
    let candidates: Vec<OutboxId> = outbox::table
        .filter(due)
        .order(outbox::next_attempt_at)
        .limit(limit)
        .select(outbox::id)
        .load(conn)?;
    let mut out = Vec::new();
    for id in candidates {
        let n = diesel::update(outbox::table.filter(outbox::id.eq(id)).filter(due))
            .set(claim)
            .execute(conn)?;
        if n == 1 {
            out.push(
                outbox::table
                    .find(id)
                    .select(OutboxMessage::as_select())
                    .first(conn)?,
            );
        }
    }
    Ok(out)
}

pub fn mark_sent(conn: &mut DbConnection, id: OutboxId, now: NaiveDateTime) -> Result<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(OutboxStatus::Sent),
            outbox::sent_at.eq(Some(now)),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt: retry at `retry_at`, or give up (`dead`) when `None`.
pub fn mark_failed(
    conn: &mut DbConnection,
    id: OutboxId,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> Result<()> {
    let error: String = error.chars().take(500).collect();
    let (status, next) = match retry_at {
        Some(t) => (OutboxStatus::Pending, Some(t)),
        None => (OutboxStatus::Dead, None),
    };
    let q = diesel::update(outbox::table.find(id));
    match next {
        Some(t) => q
            .set((
                outbox::status.eq(status),
                outbox::next_attempt_at.eq(t),
                outbox::last_error.eq(Some(error)),
                outbox::locked_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
        None => q
            .set((
                outbox::status.eq(status),
                outbox::last_error.eq(Some(error)),
                outbox::locked_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
    };
    Ok(())
}

/// Finishes a claimed message as sent, but only if the claim still holds: the row is
/// `sending` with the attempt count this claim set. Returns `false` when the lease ran
/// out and another worker claimed the message meanwhile (its outcome then stands).
pub fn complete_sent(conn: &mut DbConnection, claimed: &OutboxMessage, now: NaiveDateTime) -> Result<bool> {
    let n = diesel::update(
        outbox::table
            .filter(outbox::id.eq(claimed.id))
            .filter(outbox::status.eq(OutboxStatus::Sending))
            .filter(outbox::attempts.eq(claimed.attempts)),
    )
    .set((
        outbox::status.eq(OutboxStatus::Sent),
        outbox::sent_at.eq(Some(now)),
        outbox::locked_until.eq(None::<NaiveDateTime>),
        outbox::last_error.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// As [`mark_failed`], only if the claim still holds (see [`complete_sent`]).
pub fn complete_failed(
    conn: &mut DbConnection,
    claimed: &OutboxMessage,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> Result<bool> {
    let error: String = error.chars().take(500).collect();
    let q = diesel::update(
        outbox::table
            .filter(outbox::id.eq(claimed.id))
            .filter(outbox::status.eq(OutboxStatus::Sending))
            .filter(outbox::attempts.eq(claimed.attempts)),
    );
    let n = match retry_at {
        Some(t) => q
            .set((
                outbox::status.eq(OutboxStatus::Pending),
                outbox::next_attempt_at.eq(t),
                outbox::last_error.eq(Some(error)),
                outbox::locked_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
        None => q
            .set((
                outbox::status.eq(OutboxStatus::Dead),
                outbox::last_error.eq(Some(error)),
                outbox::locked_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?,
    };
    Ok(n == 1)
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: OutboxId) -> Result<OutboxMessage> {
    Ok(outbox::table
        .filter(outbox::organisation_id.eq(org))
        .filter(outbox::id.eq(id))
        .select(OutboxMessage::as_select())
        .first(conn)?)
}

/// One organisation's messages, oldest first, optionally of one status (`pending`,
/// `sending`, `sent`, `dead`), after an id (keyset paging); `limit` clamped to 1..=1000.
pub fn list(
    conn: &mut DbConnection,
    org: OrgId,
    status: Option<&str>,
    after: Option<OutboxId>,
    limit: i64,
) -> Result<Vec<OutboxMessage>> {
    let mut q = outbox::table.filter(outbox::organisation_id.eq(org)).into_boxed();
    if let Some(s) = status {
        let s = OutboxStatus::parse(s)
            .ok_or_else(|| StoreError::invalid("status must be pending, sending, sent or dead"))?;
        q = q.filter(outbox::status.eq(s));
    }
    if let Some(a) = after {
        q = q.filter(outbox::id.gt(a));
    }
    Ok(q.order(outbox::id)
        .limit(limit.clamp(1, 1000))
        .select(OutboxMessage::as_select())
        .load(conn)?)
}

/// The messages that gave up (`GET /v1/outbox?status=dead`).
pub fn list_dead(
    conn: &mut DbConnection,
    org: OrgId,
    after: Option<OutboxId>,
    limit: i64,
) -> Result<Vec<OutboxMessage>> {
    list(conn, org, Some(OutboxStatus::Dead.as_str()), after, limit)
}

/// Puts a dead message back in the queue, due now, with its attempts reset (its
/// `message_id`, hence its e-mail `Message-ID`, stays). `Conflict("not_dead")` if the
/// message is not dead, `NotFound` if it is not this organisation's.
pub fn requeue(conn: &mut DbConnection, org: OrgId, id: OutboxId) -> Result<OutboxMessage> {
    let n = diesel::update(
        outbox::table
            .filter(outbox::organisation_id.eq(org))
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(OutboxStatus::Dead)),
    )
    .set((
        outbox::status.eq(OutboxStatus::Pending),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(clock::now()),
        outbox::locked_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    let row = get(conn, org, id)?;
    if n == 0 {
        return Err(StoreError::conflict("not_dead"));
    }
    Ok(row)
}

/// Gives a claimed message back untried (e.g. its worker is stopping, or the server
/// is unreachable and the rest of a batch waits): pending again, due at `at`, and the
/// attempt its claim counted is undone. Only if the claim still holds.
pub fn release(conn: &mut DbConnection, claimed: &OutboxMessage, at: NaiveDateTime) -> Result<bool> {
    let n = diesel::update(
        outbox::table
            .filter(outbox::id.eq(claimed.id))
            .filter(outbox::status.eq(OutboxStatus::Sending))
            .filter(outbox::attempts.eq(claimed.attempts)),
    )
    .set((
        outbox::status.eq(OutboxStatus::Pending),
        outbox::attempts.eq((claimed.attempts - 1).max(0)),
        outbox::next_attempt_at.eq(at),
        outbox::locked_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
