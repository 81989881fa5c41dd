//! Group commit for audit rows of reads.
//!
//! A candidate list changes nothing but must leave an audit row before anyone sees it.
//! Writing that row in its own transaction per request serialises every list on SQLite's
//! single writer and costs one fsync each. Instead, reads run in a read transaction, and
//! their audit rows go to this batcher: one thread writes whatever has queued up in one
//! write transaction, then tells every waiting request. A handler answers only after its
//! row is committed; when the commit fails it answers with an error and shows nothing.
//! (Writes keep their audit rows in their own transaction.)

use nabij_store::audit::{self, NewAudit};
use nabij_store::{OrgId, Store, StoreError};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// Most rows committed in one transaction.
const MAX_BATCH: usize = 256;

struct Job {
    org: OrgId,
    entry: NewAudit,
    done: oneshot::Sender<Result<(), StoreError>>,
}

/// Handle to the batching thread (cheap to clone).
#[derive(Clone)]
pub struct AuditBatcher {
    queue: mpsc::Sender<Job>,
}

impl AuditBatcher {
    /// Starts the writer thread for a store.
    pub fn start(store: Store) -> std::io::Result<Self> {
        let (queue, jobs) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("nabij-audit".into())
            .spawn(move || writer(store, jobs))?;
        Ok(Self { queue })
    }

    /// Queues a row and waits until it is committed.
    pub async fn record(&self, org: OrgId, entry: NewAudit) -> Result<(), StoreError> {
        let (done, wait) = oneshot::channel();
        self.queue.send(Job { org, entry, done }).map_err(|_| stopped())?;
        wait.await.map_err(|_| stopped())?
    }
}

fn stopped() -> StoreError {
    StoreError::unavailable("audit writer stopped")
}

/// The same kind of failure for each waiting request (a `StoreError` is not `Clone`).
fn unavailable_again(e: &StoreError) -> StoreError {
    StoreError::unavailable(format!("audit batch not written: {e}"))
}

fn writer(store: Store, jobs: mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(j) => batch.push(j),
                Err(_) => break,
            }
        }
        let result = store.write(|c| {
            for j in &batch {
                audit::record(c, j.org, &j.entry)?;
            }
            Ok(())
        });
        match result {
            Ok(()) => batch.into_iter().for_each(|j| {
                let _ = j.done.send(Ok(()));
            }),
            Err(e) if e.is_unavailable() => {
                // The database is down or busy: every row would fail the same way (and,
                // one by one, each after its own wait). Fail them all now (503).
                tracing::warn!(error = %e, rows = batch.len(), "audit batch failed: database unavailable");
                for j in batch {
                    let _ = j.done.send(Err(unavailable_again(&e)));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, rows = batch.len(), "audit batch failed");
                // One bad row must not fail the others: retry them one by one.
                for j in batch {
                    let r = store.write(|c| audit::record(c, j.org, &j.entry).map(drop));
                    let _ = j.done.send(r);
                }
            }
        }
    }
}
