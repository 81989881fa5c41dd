//! Fixtures shared by the store tests; every test runs on SQLite and on PostgreSQL.

use nabij_engine::scope::{ScopeCategory, ScopeVerdict};
use nabij_engine::{RequestKind, Window};
use nabij_store::neighbour::{Consent, ConsentChannel, NewNeighbour};
use nabij_store::organisation::OrgSettings;
use nabij_store::request::NewRequest;
use nabij_store::{clock, BackendKind, DbConnection, NeighbourId, OrgId, Store};

/// A fresh migrated database and a pool on it (`nabij_store::testing`).
pub type Ctx = nabij_store::testing::TestStore;

/// Runs `test` on a fresh database of `backend` with a pool of `pool` connections.
pub fn run(backend: BackendKind, pool: u32, test: fn(Ctx)) {
    if let Some(ctx) = nabij_store::testing::test_store(backend, pool) {
        test(ctx)
    }
}

/// Runs each listed `fn name(ctx: Ctx)` on SQLite and on PostgreSQL (with its pool size:
/// `name: 2`); see `nabij_store::on_both_backends!`.
#[macro_export]
macro_rules! on_both_backends {
    ($($t:tt)*) => { nabij_store::on_both_backends!(sync $crate::common::run; $($t)*); };
}

pub fn org(store: &Store, slug: &str) -> OrgId {
    nabij_store::testing::org_with(store, slug, &slug.to_uppercase(), OrgSettings::default())
}

pub fn new_neighbour(name: &str, lat: f64, lon: f64, capacity: u8) -> NewNeighbour {
    NewNeighbour {
        neighbourhood_id: None,
        display_name: name.to_string(),
        email: Some(format!("{}@example.org", name.to_lowercase())),
        phone: Some("+32 11 22 33 44".to_string()),
        lat,
        lon,
        travel_radius_m: 2_000.0,
        interests: vec!["walking".to_string()],
        talents: vec!["shopping".to_string(), "walking".to_string()],
        languages: vec!["nl".to_string()],
        availability: vec!["tue-afternoon".to_string(), "sat-morning".to_string()],
        availability_unknown: false,
        capacity,
        paused: false,
        consent: Consent {
            channel: ConsentChannel::HomeVisit,
            recorded_at: clock::now(),
            recorded_by: "user:1".to_string(),
        },
        preferred_language: "nl".to_string(),
    }
}

/// A neighbour in Pelt, a few hundred metres apart per `i`.
pub fn neighbour(c: &mut DbConnection, org: OrgId, name: &str, i: u32, capacity: u8) -> NeighbourId {
    let form = new_neighbour(name, 51.2167 + f64::from(i) * 0.001, 5.4167, capacity);
    nabij_store::neighbour::create(c, org, &form).unwrap().id
}

pub fn in_scope() -> ScopeVerdict {
    ScopeVerdict {
        in_scope: true,
        category: ScopeCategory::SmallHelp,
        reasons: vec![],
        overridden: false,
        needs_review: false,
    }
}

pub fn new_request(requester: NeighbourId) -> NewRequest {
    NewRequest {
        neighbour_id: requester,
        kind: RequestKind::Companionship,
        tags: vec!["walking".to_string()],
        text: "Samen wandelen op dinsdag".to_string(),
        window: Window::Flexible,
        recurrence: None,
        duration_minutes: Some(60),
        location: None,
        radius_m: None,
        scope: in_scope(),
    }
}

pub fn request(c: &mut DbConnection, org: OrgId, requester: NeighbourId) -> nabij_store::RequestId {
    nabij_store::request::create(c, org, &new_request(requester))
        .unwrap()
        .id
}
