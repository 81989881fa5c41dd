//! The delivery worker: claims due outbox messages with a lease, sends them, and records
//! the outcome. At least once: a message is marked sent only after the server took it,
//! so a crash in between sends it again, with the same `Message-ID`. Failures are
//! retried with exponential backoff and jitter; after `max_attempts` a message is
//! `dead` (listed and re-queued with `nabij_store::outbox::{list_dead, requeue}`).
//!
//! Several workers (several API instances on one PostgreSQL database) may run at once:
//! a claim is a conditional update, so a message is held by one worker at a time, and
//! outcomes are recorded only while the claim still holds.

use crate::error::{NotifyError, Result};
use crate::follow_up;
use crate::mailer::{MailSettings, Mailer};
use chrono::NaiveDateTime;
use nabij_store::outbox::{self, OutboxMessage};
use nabij_store::{clock, organisation, Store};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Worker settings.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Messages claimed at once (default 50).
    pub batch_size: i64,
    /// How long a claim holds (default 5 min). A worker that dies holding messages
    /// delays them by at most this; it must exceed the time to send one batch.
    pub lease: Duration,
    /// Attempts before a message is `dead` (default 8).
    pub max_attempts: u32,
    /// Delay after the first failure, doubled after each further one (default 30 s).
    pub backoff_base: Duration,
    /// Largest delay between attempts (default 6 h).
    pub backoff_max: Duration,
    /// Pause when nothing is due (default 5 s).
    pub poll_interval: Duration,
    /// How often to look for due follow-ups; `None` never (default 10 min).
    pub follow_up_every: Option<Duration>,
    /// Most messages handled by one [`Worker::run_once`] (default 1000).
    pub max_per_pass: usize,
    /// Messages of a batch sent at the same time, each on its own SMTP connection
    /// (default 4; keep `max_connections` of the SMTP settings at least as high). One
    /// SMTP exchange mostly waits on the network, so this is what throughput scales with.
    pub senders: usize,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            batch_size: 50,
            lease: Duration::from_secs(300),
            max_attempts: 8,
            backoff_base: Duration::from_secs(30),
            backoff_max: Duration::from_secs(6 * 3600),
            poll_interval: Duration::from_secs(5),
            follow_up_every: Some(Duration::from_secs(600)),
            max_per_pass: 1000,
            senders: 4,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeliveryStats {
    /// Messages claimed.
    pub claimed: usize,
    /// Accepted by the server (or written to a file).
    pub sent: usize,
    /// Failed, to be tried again later.
    pub retried: usize,
    /// Failed for good (`dead`).
    pub dead: usize,
    /// Given back untried (server unreachable, lease running out, shutdown).
    pub released: usize,
    /// Outcomes not recorded because the claim had expired and another worker took
    /// the message meanwhile.
    pub lease_lost: usize,
    /// Follow-ups enqueued.
    pub follow_ups: usize,
}

impl std::ops::AddAssign for DeliveryStats {
    fn add_assign(&mut self, o: Self) {
        self.claimed += o.claimed;
        self.sent += o.sent;
        self.retried += o.retried;
        self.dead += o.dead;
        self.released += o.released;
        self.lease_lost += o.lease_lost;
        self.follow_ups += o.follow_ups;
    }
}

/// Asks running workers to stop; wakes them from their pause at once.
#[derive(Debug, Clone, Default)]
pub struct Shutdown(Arc<(Mutex<bool>, Condvar)>);

impl Shutdown {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn trigger(&self) {
        let (flag, cv) = &*self.0;
        *flag.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cv.notify_all();
    }

    pub fn is_triggered(&self) -> bool {
        *self.0 .0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits up to `d`; true when shutdown was asked for.
    pub fn wait(&self, d: Duration) -> bool {
        let (flag, cv) = &*self.0;
        let guard = flag.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = cv
            .wait_timeout_while(guard, d, |stop| !*stop)
            .unwrap_or_else(|e| e.into_inner());
        *guard
    }
}

/// Delivers the outbox of every organisation.
#[derive(Debug)]
pub struct Worker {
    store: Store,
    mailer: Mailer,
    config: WorkerConfig,
    last_follow_up: Mutex<Option<Instant>>,
}

/// The delay before attempt `attempts + 1`: `base · 2^(attempts-1)`, at most `max`, of
/// which a random half is taken off ("equal jitter"), so retries of many messages after
/// an outage spread out.
pub fn backoff(config: &WorkerConfig, attempts: u32) -> Duration {
    let exp = attempts.saturating_sub(1).min(30);
    let full = config
        .backoff_base
        .saturating_mul(1u32 << exp)
        .min(config.backoff_max);
    let half = full / 2;
    half + half.mul_f64(rand::random::<f64>())
}

fn to_chrono(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX)
}

impl Worker {
    pub fn new(store: Store, mailer: Mailer, config: WorkerConfig) -> Self {
        Worker {
            store,
            mailer,
            config,
            last_follow_up: Mutex::new(None),
        }
    }

    /// A worker for these mail settings (see [`MailSettings::embedded`]).
    pub fn from_settings(store: Store, mail: &MailSettings, config: WorkerConfig) -> Result<Self> {
        Ok(Self::new(store, Mailer::new(mail)?, config))
    }

    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    pub fn config(&self) -> &WorkerConfig {
        &self.config
    }

    /// One pass: enqueues due follow-ups (at most every `follow_up_every`), then claims
    /// and delivers due messages batch after batch until none is due, `max_per_pass`
    /// were handled, or the server turned out unreachable.
    pub fn run_once(&self) -> Result<DeliveryStats> {
        self.pass(None).map(|(s, _)| s)
    }

    /// Runs passes until `shutdown` is triggered, pausing `poll_interval` when there is
    /// nothing to do. Errors (database down, …) are logged and retried after a pause.
    /// Returns the totals. Messages claimed but not sent when stopping are given back.
    pub fn run_until(&self, shutdown: &Shutdown) -> DeliveryStats {
        let mut total = DeliveryStats::default();
        while !shutdown.is_triggered() {
            let more = match self.pass(Some(shutdown)) {
                Ok((s, more)) => {
                    total += s;
                    more
                }
                Err(e) => {
                    tracing::warn!(error = %e, cause = ?std::error::Error::source(&e).map(|s| s.to_string()), "outbox pass failed");
                    false
                }
            };
            if !more && shutdown.wait(self.config.poll_interval) {
                break;
            }
        }
        total
    }

    /// Runs [`Worker::run_until`] on a thread of its own (for `nabij serve`).
    pub fn spawn(
        self: Arc<Self>,
        shutdown: Shutdown,
    ) -> std::io::Result<std::thread::JoinHandle<DeliveryStats>> {
        std::thread::Builder::new()
            .name("nabij-outbox".to_string())
            .spawn(move || self.run_until(&shutdown))
    }

    /// Enqueues the follow-ups due in every organisation, if it is time to look.
    fn schedule_follow_ups(&self) -> Result<usize> {
        let Some(every) = self.config.follow_up_every else {
            return Ok(0);
        };
        {
            let mut last = self.last_follow_up.lock().unwrap_or_else(|e| e.into_inner());
            if last.is_some_and(|t| t.elapsed() < every) {
                return Ok(0);
            }
            *last = Some(Instant::now());
        }
        let orgs = self.store.read(organisation::list)?;
        let now = clock::now();
        let mut n = 0;
        for o in orgs {
            n += self
                .store
                .write_as::<_, NotifyError, _>(|c| follow_up::enqueue_due(c, o.id, now))?;
        }
        Ok(n)
    }

    /// One pass; the flag says whether more may be due right away.
    fn pass(&self, shutdown: Option<&Shutdown>) -> Result<(DeliveryStats, bool)> {
        let mut stats = DeliveryStats {
            follow_ups: self.schedule_follow_ups()?,
            ..DeliveryStats::default()
        };
        let lease = to_chrono(self.config.lease);
        loop {
            let batch = {
                let mut conn = self.store.conn()?;
                outbox::claim_due(&mut conn, clock::now(), self.config.batch_size, lease)?
            };
            if batch.is_empty() {
                return Ok((stats, false));
            }
            let full = i64::try_from(batch.len()).unwrap_or(i64::MAX) >= self.config.batch_size;
            stats.claimed += batch.len();
            let stopped = self.deliver(batch, &mut stats, shutdown)?;
            if stopped {
                return Ok((stats, false));
            }
            if !full {
                return Ok((stats, false));
            }
            if stats.claimed >= self.config.max_per_pass {
                return Ok((stats, true));
            }
        }
    }

    /// Sends a claimed batch over up to `senders` lanes at once; true when it stopped
    /// early (server unreachable, shutdown).
    fn deliver(
        &self,
        batch: Vec<OutboxMessage>,
        stats: &mut DeliveryStats,
        shutdown: Option<&Shutdown>,
    ) -> Result<bool> {
        let lanes = self.config.senders.clamp(1, batch.len().max(1));
        if lanes == 1 {
            return self.deliver_lane(batch, stats, shutdown);
        }
        let mut parts: Vec<Vec<OutboxMessage>> = (0..lanes).map(|_| Vec::new()).collect();
        for (i, m) in batch.into_iter().enumerate() {
            parts[i % lanes].push(m);
        }
        let results: Vec<(DeliveryStats, Result<bool>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .into_iter()
                .map(|part| {
                    scope.spawn(move || {
                        let mut s = DeliveryStats::default();
                        let r = self.deliver_lane(part, &mut s, shutdown);
                        (s, r)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        let mut stopped = false;
        let mut first_error = None;
        for (s, r) in results {
            *stats += s;
            match r {
                Ok(stop) => stopped |= stop,
                Err(e) => first_error = first_error.or(Some(e)),
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(stopped),
        }
    }

    /// Sends messages one after the other; true when it stopped early.
    fn deliver_lane(
        &self,
        batch: Vec<OutboxMessage>,
        stats: &mut DeliveryStats,
        shutdown: Option<&Shutdown>,
    ) -> Result<bool> {
        // Never start a send that could outlast the claim.
        let margin = to_chrono(self.config.lease / 4);
        let mut rest = batch.into_iter();
        while let Some(msg) = rest.next() {
            let now = clock::now();
            let stopping = shutdown.is_some_and(Shutdown::is_triggered);
            let expiring = msg.locked_until.is_none_or(|until| now + margin >= until);
            if stopping || expiring {
                self.release(std::iter::once(msg).chain(rest), now, stats)?;
                return Ok(stopping);
            }
            match self.mailer.send(&msg) {
                Ok(()) => {
                    let held = self
                        .store
                        .write(|c| outbox::complete_sent(c, &msg, clock::now()))?;
                    if held {
                        stats.sent += 1;
                    } else {
                        stats.lease_lost += 1;
                    }
                }
                Err(e) => {
                    let unreachable = is_unreachable(&e);
                    self.fail(&msg, &e, stats)?;
                    if unreachable {
                        // The others would fail the same way: give them back untried.
                        self.release(rest, clock::now(), stats)?;
                        return Ok(true);
                    }
                }
            }
        }
        Ok(false)
    }

    fn release(
        &self,
        msgs: impl Iterator<Item = OutboxMessage>,
        at: NaiveDateTime,
        stats: &mut DeliveryStats,
    ) -> Result<()> {
        for m in msgs {
            if self.store.write(|c| outbox::release(c, &m, at))? {
                stats.released += 1;
            } else {
                stats.lease_lost += 1;
            }
        }
        Ok(())
    }

    /// Records a failed attempt: retry later with backoff, or `dead`.
    fn fail(&self, msg: &OutboxMessage, e: &NotifyError, stats: &mut DeliveryStats) -> Result<()> {
        let attempts = u32::try_from(msg.attempts).unwrap_or(0);
        let give_up = e.is_permanent() || attempts >= self.config.max_attempts;
        let retry_at = (!give_up).then(|| clock::now() + to_chrono(backoff(&self.config, attempts)));
        let text = error_text(e);
        let held = self
            .store
            .write(|c| outbox::complete_failed(c, msg, &text, retry_at))?;
        if !held {
            stats.lease_lost += 1;
        } else if give_up {
            stats.dead += 1;
            tracing::warn!(outbox_id = %msg.id, attempts, error = %error_kind(e), "message is dead");
        } else {
            stats.retried += 1;
            tracing::debug!(outbox_id = %msg.id, attempts, error = %error_kind(e), "message will be retried");
        }
        Ok(())
    }
}

/// The server (or mail folder) cannot be reached at all, as opposed to refusing this
/// one message: no use trying the rest of the batch now.
fn is_unreachable(e: &NotifyError) -> bool {
    match e {
        NotifyError::Smtp(s) => !s.is_permanent() && !s.is_transient(),
        NotifyError::Io(_) => true,
        _ => false,
    }
}

/// What the log says of a failure: its kind and, from an SMTP server, the reply code.
/// Never the text: servers name the recipient in it (`550 <anna@…>: no such user`), and
/// logs hold no personal data. Staff read the whole text in the outbox (`last_error`).
fn error_kind(e: &NotifyError) -> String {
    match e {
        NotifyError::Smtp(s) => match s.status() {
            Some(code) => format!("smtp {code}"),
            None if s.is_transient() => "smtp transient".to_string(),
            None => "smtp unreachable or refused".to_string(),
        },
        NotifyError::Io(io) => format!("mail directory: {:?}", io.kind()),
        NotifyError::Compose(_) => "cannot compose".to_string(),
        NotifyError::Config(_) => "invalid mail settings".to_string(),
        NotifyError::Store(_) => "database".to_string(),
    }
}

/// The error with its causes, for `last_error` (no secrets: lettre does not echo them).
fn error_text(e: &NotifyError) -> String {
    let mut s = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_never_gets_the_text_of_a_failure() {
        let secret = "anna.peeters@voorbeeld.example";
        for e in [
            NotifyError::Compose(format!("invalid recipient {secret}")),
            NotifyError::Config(format!("bad from address {secret}")),
            NotifyError::Io(std::io::Error::other(format!("cannot write {secret}.eml"))),
        ] {
            let kind = error_kind(&e);
            assert!(!kind.contains("anna"), "{kind}");
            assert!(error_text(&e).contains(secret), "staff still see the whole text");
        }
    }
}
