//! nabij-notify: e-mail notifications through a transactional outbox.
//!
//! When a match is proposed, accepted, declined or closed, when a follow-up is due and
//! when a request is referred, the residents concerned and their coordinator hear of it:
//!
//! 1. **Enqueue** ([`outbox::enqueue_event`]) inside the transaction of the change:
//!    one outbox row per e-mail recipient (recipient, language, template, a small
//!    JSON payload; nothing rendered yet), and a phone-list row for each resident
//!    without an e-mail address ([`calls::calls_due`]). Each event is told once.
//! 2. **Deliver** ([`worker::Worker`]): claim due rows with a lease, render them
//!    ([`templates`], Dutch, French or English, text and HTML) and send them with
//!    [`mailer::Mailer`] (SMTP or `.eml` files), at least once, with a stable
//!    `Message-ID`, exponential backoff with jitter, and `dead` after
//!    `max_attempts`.
//!
//! Follow-ups ([`follow_up::enqueue_due`]) are enqueued by the worker itself,
//! `follow_up_days` (per organisation) after a match became active.

pub mod calls;
pub mod error;
pub mod event;
pub mod follow_up;
pub mod mailer;
pub mod outbox;
pub mod templates;
pub mod worker;

pub use error::{NotifyError, Result};
pub use event::{Event, EventKind, Language};
pub use mailer::{MailSettings, Mailer, Security, SmtpSettings, TransportSettings};
pub use worker::{DeliveryStats, Shutdown, Worker, WorkerConfig};
