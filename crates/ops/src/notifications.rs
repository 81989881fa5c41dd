//! Notifications on the write path, and what staff may see of them.
//!
//! Each change people hear of (match proposed, accepted so it became active, declined,
//! closed; request referred) enqueues its event with [`enqueue`] on the connection of its
//! own write transaction, after the change: the change and its outbox rows (and
//! phone-list rows) commit together or not at all. Delivery is `nabij-notify`'s worker.

use crate::caller::Caller;
use crate::error::OpsResult;
use crate::Ops;
use nabij_notify::outbox::{recipient_of, Recipient};
use nabij_notify::Event;
use nabij_store::matching::MatchDetail;
use nabij_store::{neighbour, DbConnection, NeighbourId, NeighbourhoodId, OrgId, UserId};
use std::collections::HashMap;

/// Enqueues `event` in the caller's transaction, unless notifications are switched off
/// ([`Ops::notifications`]). A store error stays a store error (see
/// `impl From<NotifyError> for OpsError`).
pub fn enqueue(conn: &mut DbConnection, ops: &Ops, org: OrgId, event: Event) -> OpsResult<()> {
    enqueue_with(conn, ops, org, event, None)
}

/// [`enqueue`] with the match the operation holds after its change (not read again).
pub fn enqueue_with(
    conn: &mut DbConnection,
    ops: &Ops,
    org: OrgId,
    event: Event,
    loaded: Option<&MatchDetail>,
) -> OpsResult<()> {
    if ops.notifications {
        nabij_notify::outbox::enqueue_event_with(conn, org, &event, loaded)?;
    }
    Ok(())
}

/// The staff account behind a caller (`user:<id>`), if any.
fn own_account(caller: &Caller) -> Option<UserId> {
    caller.subject.strip_prefix("user:").and_then(UserId::parse)
}

/// Which outbox messages a caller may see. Unlimited staff see all of their
/// organisation's; a coordinator limited to neighbourhoods sees only messages to residents
/// of those neighbourhoods and to themselves.
pub struct OutboxVisibility {
    limited: Option<(Vec<NeighbourhoodId>, Option<UserId>)>,
    /// Neighbourhood of each resident looked up so far (`None`: none, or erased).
    hoods: HashMap<NeighbourId, Option<NeighbourhoodId>>,
}

impl OutboxVisibility {
    pub fn new(caller: &Caller) -> Self {
        OutboxVisibility {
            limited: caller
                .neighbourhoods
                .clone()
                .map(|hoods| (hoods, own_account(caller))),
            hoods: HashMap::new(),
        }
    }

    /// Whether everything is visible (no lookups needed).
    pub fn sees_all(&self) -> bool {
        self.limited.is_none()
    }

    /// Looks up, in one query, the neighbourhoods of the residents these messages go to.
    pub fn prefetch<'a>(
        &mut self,
        conn: &mut DbConnection,
        org: OrgId,
        message_ids: impl Iterator<Item = &'a str>,
    ) -> OpsResult<()> {
        if self.sees_all() {
            return Ok(());
        }
        let mut ids: Vec<NeighbourId> = message_ids
            .filter_map(|m| match recipient_of(m) {
                Some(Recipient::Neighbour(n)) if !self.hoods.contains_key(&n) => Some(n),
                _ => None,
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for &id in &ids {
            self.hoods.insert(id, None);
        }
        for (id, _, hood) in neighbour::names(conn, org, &ids)? {
            self.hoods.insert(id, hood);
        }
        Ok(())
    }

    /// Whether the message with this `message_id` is visible ([`Self::prefetch`] first).
    pub fn sees(&self, message_id: &str) -> bool {
        let Some((allowed, me)) = &self.limited else {
            return true;
        };
        match recipient_of(message_id) {
            Some(Recipient::Neighbour(n)) => self
                .hoods
                .get(&n)
                .copied()
                .flatten()
                .is_some_and(|h| allowed.contains(&h)),
            Some(Recipient::Staff(u)) => *me == Some(u),
            None => false,
        }
    }
}
