//! Fixtures: fresh databases on both backends, an organisation with residents and a
//! coordinator, workers pointed at the loopback sink.

use nabij_engine::scope::{ScopeCategory, ScopeVerdict};
use nabij_engine::{RequestKind, Window};
use nabij_notify::{MailSettings, SmtpSettings, TransportSettings, Worker, WorkerConfig};
use nabij_store::neighbour::{Consent, ConsentChannel, NewNeighbour};
use nabij_store::organisation::OrgSettings;
use nabij_store::outbox::NewMessage;
use nabij_store::request::NewRequest;
use nabij_store::user::{NewUser, Role};
use nabij_store::{clock, BackendKind, DbConnection, NeighbourId, OrgId, RequestId, Store};
use std::time::{Duration, Instant};

/// A fresh migrated database and a pool on it (`nabij_store::testing`).
pub type Ctx = nabij_store::testing::TestStore;

pub use nabij_store::testing::test_store as ctx;

/// Runs `test` on a fresh database of `backend` with a pool of `pool` connections.
pub fn run(backend: BackendKind, pool: u32, test: fn(Ctx)) {
    if let Some(ctx) = nabij_store::testing::test_store(backend, pool) {
        test(ctx)
    }
}

/// Runs a test body on SQLite and on PostgreSQL (skipped only with NABIJ_SKIP_PG=1); see
/// `nabij_store::on_both_backends!`.
#[macro_export]
macro_rules! on_both_backends {
    ($($t:tt)*) => { nabij_store::on_both_backends!(sync $crate::common::run; $($t)*); };
}

const HASH: &str = nabij_store::testing::UNUSABLE_PASSWORD_HASH;

pub fn org(store: &Store, slug: &str, language: &str) -> OrgId {
    let settings = OrgSettings {
        language: language.to_string(),
        ..OrgSettings::default()
    };
    nabij_store::testing::org_with(store, slug, &format!("Buurtwerk {slug}"), settings)
}

pub fn account(c: &mut DbConnection, org: OrgId, email: &str, role: Role) {
    nabij_store::user::create(
        c,
        org,
        &NewUser {
            email: email.to_string(),
            password_hash: HASH.to_string(),
            role,
            neighbourhood_ids: None,
        },
    )
    .unwrap();
}

pub fn neighbour(
    c: &mut DbConnection,
    org: OrgId,
    name: &str,
    email: Option<&str>,
    language: &str,
    i: u32,
) -> NeighbourId {
    let form = NewNeighbour {
        neighbourhood_id: None,
        display_name: name.to_string(),
        email: email.map(str::to_string),
        phone: Some("011 22 33 44".to_string()),
        lat: 51.2167 + f64::from(i) * 0.001,
        lon: 5.4167,
        travel_radius_m: 2_000.0,
        interests: vec!["walking".to_string()],
        talents: vec!["walking".to_string()],
        languages: vec!["nl".to_string(), "fr".to_string(), "en".to_string()],
        availability: vec!["tue-afternoon".to_string()],
        availability_unknown: false,
        capacity: 3,
        paused: false,
        consent: Consent {
            channel: ConsentChannel::HomeVisit,
            recorded_at: clock::now(),
            recorded_by: "user:1".to_string(),
        },
        preferred_language: language.to_string(),
    };
    nabij_store::neighbour::create(c, org, &form).unwrap().id
}

/// A help request whose text must never reach a message.
pub const SECRET_TEXT: &str = "Hulp na mijn heupoperatie, Kerkstraat 12";

pub fn request(c: &mut DbConnection, org: OrgId, requester: NeighbourId) -> RequestId {
    let form = NewRequest {
        neighbour_id: requester,
        kind: RequestKind::Companionship,
        tags: vec!["walking".to_string()],
        text: SECRET_TEXT.to_string(),
        window: Window::Flexible,
        recurrence: None,
        duration_minutes: Some(60),
        location: None,
        radius_m: None,
        scope: ScopeVerdict {
            in_scope: true,
            category: ScopeCategory::SmallHelp,
            reasons: vec![],
            overridden: false,
            needs_review: false,
        },
    };
    nabij_store::request::create(c, org, &form).unwrap().id
}

/// Retries quickly, for tests.
pub fn fast_config() -> WorkerConfig {
    WorkerConfig {
        batch_size: 20,
        lease: Duration::from_secs(30),
        max_attempts: 50,
        backoff_base: Duration::from_millis(20),
        backoff_max: Duration::from_millis(200),
        poll_interval: Duration::from_millis(20),
        follow_up_every: None,
        max_per_pass: 1000,
        senders: 4,
    }
}

pub fn smtp_settings(port: u16) -> MailSettings {
    MailSettings {
        from: "Buurtwerk <buren@nabij.test>".to_string(),
        message_id_domain: None,
        transport: TransportSettings::Smtp(SmtpSettings {
            timeout_secs: 5,
            ..SmtpSettings::plain("127.0.0.1", port)
        }),
    }
}

pub fn worker(store: &Store, port: u16, config: WorkerConfig) -> Worker {
    Worker::from_settings(store.clone(), &smtp_settings(port), config).unwrap()
}

/// Enqueues `n` plain messages (`<tag>-<i>@example.org`), returns their message ids.
pub fn enqueue_many(store: &Store, org: OrgId, tag: &str, n: usize) -> Vec<String> {
    store
        .write(|c| {
            let mut ids = Vec::new();
            for i in 0..n {
                let msg = NewMessage {
                    message_id: format!("test.{tag}.{i}.{:08x}", rand::random::<u32>()),
                    recipient: format!("{tag}-{i}@example.org"),
                    language: ["nl", "fr", "en"][i % 3].to_string(),
                    template: "match_accepted.neighbour".to_string(),
                    payload: serde_json::json!({
                        "organisation": "Buurtwerk",
                        "name": format!("Buur {i}"),
                        "people": ["Anna"],
                        "contact": "coord@nabij.test",
                    }),
                };
                ids.push(nabij_store::outbox::enqueue(c, org, &msg)?.message_id);
            }
            Ok(ids)
        })
        .unwrap()
}

/// Polls `f` until it holds or `timeout` passes; returns whether it held.
pub fn wait_until(timeout: Duration, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + timeout;
    while Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    f()
}

/// Counts of outbox rows of `org` by status.
pub fn statuses(store: &Store, org: OrgId) -> std::collections::BTreeMap<String, usize> {
    let rows = store
        .read(|c| nabij_store::outbox::list(c, org, None, None, 1000))
        .unwrap();
    let mut m = std::collections::BTreeMap::new();
    for r in rows {
        *m.entry(r.status.as_str().to_string()).or_insert(0) += 1;
    }
    m
}
