//! No position by inference (issue 12): whatever requests a caller files — any place, any
//! radius, as often as it likes — it cannot place a resident closer than about 100 m.
//!
//! Two attacks, as a coordinator (or a partner with `requests:write` + `matches:read`)
//! would run them:
//!
//! 1. **Trilateration**: file requests at six chosen places around the resident's
//!    neighbourhood, read the resident's shown distance and `proximity` component in each
//!    candidate list, turn them into distances (the intersection of what the rounded
//!    distance and the rounded component allow) and solve for the position (least squares).
//! 2. **Radius bisection**: from three chosen places, bisect the request radius until the
//!    resident just appears (to 0.5 m), then trilaterate those three distances.
//!
//! The attacker knows the public rules (projection, `proximity_half_m`, roundings) and a
//! point within 300 m of the home (the neighbourhood). Each attack runs against 200
//! residents through the store and the engine — the same functions the candidate route
//! calls (request rows filed through the store, the organisation's index built as the
//! route builds it, the route's public rounding) — and against a few residents through
//! the real HTTP API, on SQLite and PostgreSQL.
//!
//! Criterion: the attacker's estimate is at least 100 m from the home for every resident
//! (the minimum error over the 200 attempts is ≥ 100 m), and the median error is
//! printed with it (`cargo test -p nabij-api --test api position -- --nocapture`).

use crate::helpers::TestApp;
use nabij_api::auth::Role;
use nabij_engine::position::{shown_components, shown_distance_m, snap_place};
use nabij_engine::scope::{ScopeCategory, ScopeVerdict};
use nabij_engine::{CandidateQuery, HelpRequest, OrgIndex, Point, RequestKind, WeeklySlots, Weights, Window};
use nabij_store::neighbour::{self, Consent, ConsentChannel, NewNeighbour};
use nabij_store::request::{self, NewRequest};
use nabij_store::{NeighbourId, OrgId, Store};
use serde_json::json;
use std::collections::HashMap;

crate::on_both_backends!(
    trilateration_fails_for_200_residents,
    bisection_fails_for_200_residents,
    trilateration_over_http_fails,
    bisection_over_http_fails,
    the_published_position_is_fixed_until_the_home_moves,
);

/// Residents attacked through the store and the engine.
const RESIDENTS: usize = 200;
/// Residents attacked through HTTP (each costs about 80 requests).
const HTTP_RESIDENTS: usize = 8;
/// No estimate may come closer than this.
const FLOOR_M: f64 = 100.0;
/// The attacker's prior: the home lies within this of a known point.
const PRIOR_M: f64 = 300.0;
/// Probe places lie on a circle of this radius around the known point.
const RING_M: f64 = 800.0;

/// A small deterministic generator (splitmix64), so the population is the same each run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One resident under attack: their id, the true home (projected) and the point the
/// attacker knows (within [`PRIOR_M`] of it).
#[derive(Debug, Clone, Copy)]
struct Target {
    id: i64,
    home: Point,
    known: Point,
}

fn at(p: Point, east: f64, north: f64) -> Point {
    Point {
        x: p.x + east,
        y: p.y + north,
    }
}

/// 200 residents 3 km apart on a grid around Pelt, each within [`PRIOR_M`] of their grid
/// point, plus the attacker's own requester far away. Written through the store.
fn population(store: &Store, org: OrgId, seed: u64) -> (i64, Vec<Target>) {
    let origin = Point::from_wgs84(51.0, 4.6).unwrap();
    let mut rng = Rng(seed);
    let new = |name: String, p: Point| {
        let ll = p.to_wgs84();
        NewNeighbour {
            neighbourhood_id: None,
            display_name: name,
            email: None,
            phone: None,
            lat: ll.lat,
            lon: ll.lon,
            travel_radius_m: 5000.0,
            interests: vec!["walking".into()],
            talents: vec!["walking".into()],
            languages: vec!["nl".into()],
            availability: vec!["tue-afternoon".into()],
            availability_unknown: false,
            capacity: 1,
            paused: false,
            consent: Consent {
                channel: ConsentChannel::SelfRegistered,
                recorded_at: chrono::Utc::now().naive_utc(),
                recorded_by: "test".into(),
            },
            preferred_language: "nl".into(),
        }
    };
    store
        .write(|c| {
            let attacker =
                neighbour::create(c, org, &new("Mallory".into(), at(origin, -20_000.0, -20_000.0)))?;
            let mut targets = Vec::with_capacity(RESIDENTS);
            for i in 0..RESIDENTS {
                let known = at(origin, (i % 15) as f64 * 3000.0, (i / 15) as f64 * 3000.0);
                let (r, a) = (PRIOR_M * rng.next().sqrt(), std::f64::consts::TAU * rng.next());
                let home = at(known, r * a.cos(), r * a.sin());
                let row = neighbour::create(c, org, &new(format!("Buur {i}"), home))?;
                // The home as stored (after the WGS84 round trip).
                let home = Point::from_wgs84(row.lat.unwrap(), row.lon.unwrap()).unwrap();
                targets.push(Target {
                    id: row.id.get(),
                    home,
                    known,
                });
            }
            Ok((attacker.id.get(), targets))
        })
        .unwrap()
}

/// What a caller sees of the target in one candidate list.
#[derive(Debug, Clone, Copy)]
struct Seen {
    distance_m: f64,
    proximity: f64,
}

/// Files (or reuses) a request of the attacker at `place` with `radius_m` and reads the
/// target's entry in its candidate list.
trait Oracle {
    async fn look(&mut self, place: Point, radius_m: f64, target: i64) -> Option<Seen>;
}

/// Through the real HTTP API, as a coordinator.
struct Http<'a> {
    app: &'a TestApp,
    token: String,
    attacker: i64,
}

impl Oracle for Http<'_> {
    async fn look(&mut self, place: Point, radius_m: f64, target: i64) -> Option<Seen> {
        let ll = place.to_wgs84();
        let body = json!({
            "neighbour_id": self.attacker,
            "kind": "companionship",
            "tags": ["walking"],
            "text": "Samen wandelen",
            "window": {"type": "weekly", "slots": ["tue-afternoon"]},
            "location": {"lat": ll.lat, "lon": ll.lon},
            "radius_m": radius_m,
        });
        let rid = self.app.post_ok("/v1/requests", &self.token, &body, 201).await["id"]
            .as_i64()
            .unwrap();
        let list = self
            .app
            .get_ok(&format!("/v1/requests/{rid}/candidates?limit=100"), &self.token)
            .await;
        list["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["neighbour_id"].as_i64() == Some(target))
            .map(|c| Seen {
                distance_m: c["distance_m"].as_f64().unwrap(),
                proximity: c["components"]["proximity"].as_f64().unwrap(),
            })
    }
}

/// Through the store and the engine: one request row per place (the radius is passed to
/// the engine as filed, so changing it in the engine's request equals filing anew), the
/// index built as the route builds it, and the route's public rounding.
struct Direct<'a> {
    store: &'a Store,
    org: OrgId,
    attacker: i64,
    index: OrgIndex,
    filed: HashMap<(u64, u64), HelpRequest>,
}

impl<'a> Direct<'a> {
    fn new(store: &'a Store, org: OrgId, attacker: i64) -> Self {
        let index = store.read(|c| nabij_api::index::build(c, org)).unwrap();
        Direct {
            store,
            org,
            attacker,
            index,
            filed: HashMap::new(),
        }
    }

    fn file(&self, place: Point) -> HelpRequest {
        let ll = place.to_wgs84();
        let form = NewRequest {
            neighbour_id: NeighbourId(self.attacker),
            kind: RequestKind::Companionship,
            tags: vec!["walking".into()],
            text: "Samen wandelen".into(),
            window: Window::Weekly {
                slots: WeeklySlots::parse_code("tue-afternoon").unwrap(),
            },
            recurrence: None,
            duration_minutes: None,
            location: Some((ll.lat, ll.lon)),
            radius_m: Some(3000.0),
            scope: ScopeVerdict {
                in_scope: true,
                category: ScopeCategory::SmallHelp,
                reasons: Vec::new(),
                overridden: false,
                needs_review: false,
            },
        };
        self.store
            .write(|c| {
                let r = request::create(c, self.org, &form)?;
                request::to_help_request(c, self.org, &r)
            })
            .unwrap()
    }
}

impl Oracle for Direct<'_> {
    async fn look(&mut self, place: Point, radius_m: f64, target: i64) -> Option<Seen> {
        let key = (place.x.to_bits(), place.y.to_bits());
        if !self.filed.contains_key(&key) {
            let req = self.file(place);
            self.filed.insert(key, req);
        }
        let mut req = self.filed[&key].clone();
        req.radius_m = radius_m as f32;
        let found = self.index.top_candidates(&CandidateQuery {
            request: &req,
            limit: 100,
            weights: &Weights::default(),
        });
        found
            .iter()
            .find(|c| c.neighbour_id.0 == target as u64)
            .map(|c| Seen {
                distance_m: f64::from(shown_distance_m(c.distance_m)),
                proximity: shown_components(&c.components).proximity,
            })
    }
}

/// Least-squares position from distances to known places (Gauss-Newton from their
/// centroid).
fn trilaterate(obs: &[(Point, f64)]) -> Point {
    let n = obs.len() as f64;
    let mut p = Point {
        x: obs.iter().map(|o| o.0.x).sum::<f64>() / n,
        y: obs.iter().map(|o| o.0.y).sum::<f64>() / n,
    };
    for _ in 0..50 {
        let (mut a11, mut a12, mut a22, mut b1, mut b2) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (q, d) in obs {
            let r = p.distance_m(*q).max(1e-6);
            let (gx, gy) = ((p.x - q.x) / r, (p.y - q.y) / r);
            let res = r - d;
            a11 += gx * gx;
            a12 += gx * gy;
            a22 += gy * gy;
            b1 += gx * res;
            b2 += gy * res;
        }
        let det = a11 * a22 - a12 * a12;
        if det.abs() < 1e-12 {
            break;
        }
        let dx = (a22 * b1 - a12 * b2) / det;
        let dy = (a11 * b2 - a12 * b1) / det;
        p = Point {
            x: p.x - dx,
            y: p.y - dy,
        };
        if dx.hypot(dy) < 1e-4 {
            break;
        }
    }
    p
}

/// Probe places on a circle around the known point, each at the centre of its grid cell
/// (the attacker knows that request places are snapped, so it probes where snapping
/// changes nothing).
fn places(known: Point, count: usize) -> Vec<Point> {
    (0..count)
        .map(|k| {
            let a = std::f64::consts::TAU * k as f64 / count as f64 + 0.3;
            snap_place(at(known, RING_M * a.cos(), RING_M * a.sin()))
        })
        .collect()
}

/// The distance an observation allows: where what the rounded distance (±25 m) and the
/// rounded proximity component (± half its step) both admit, the middle of it.
fn distance_from(seen: Seen) -> f64 {
    let half = Weights::default().proximity_half_m;
    // The component's rounding step, guessed from the value itself (4 decimals or
    // coarser): the attacker takes the tightest step consistent with what it sees.
    let step = [0.0001, 0.01, 0.05, 0.1]
        .into_iter()
        .rev()
        .find(|s| ((seen.proximity / s).round() * s - seen.proximity).abs() < 1e-9)
        .unwrap_or(0.0001);
    let to_d = |p: f64| -half * p.clamp(1e-9, 1.0).log2();
    let (near, far) = (
        to_d(seen.proximity + step / 2.0),
        to_d(seen.proximity - step / 2.0),
    );
    let lo = near.max(seen.distance_m - 25.0);
    let hi = far.min(seen.distance_m + 25.0);
    if lo <= hi {
        (lo + hi) / 2.0
    } else {
        seen.distance_m
    }
}

async fn trilateration<O: Oracle>(oracle: &mut O, t: Target) -> f64 {
    let mut obs = Vec::new();
    for place in places(t.known, 6) {
        if let Some(seen) = oracle.look(place, 3000.0, t.id).await {
            obs.push((place, distance_from(seen)));
        }
    }
    assert!(obs.len() >= 3, "the resident must be a candidate");
    trilaterate(&obs).distance_m(t.home)
}

async fn bisection<O: Oracle>(oracle: &mut O, t: Target) -> f64 {
    let mut obs = Vec::new();
    for place in places(t.known, 3) {
        let (mut lo, mut hi) = (50.0, 2500.0);
        assert!(oracle.look(place, hi, t.id).await.is_some(), "in reach at {hi} m");
        while hi - lo > 0.5 {
            let mid = (lo + hi) / 2.0;
            if oracle.look(place, mid, t.id).await.is_some() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        obs.push((place, (lo + hi) / 2.0));
    }
    trilaterate(&obs).distance_m(t.home)
}

/// Prints the figures and checks the criterion.
fn judge(name: &str, backend: &str, mut errors: Vec<f64>) {
    errors.sort_by(f64::total_cmp);
    let median = errors[errors.len() / 2];
    let min = errors[0];
    eprintln!(
        "{name} on {backend}: {} attempts, error median {median:.1} m, minimum {min:.1} m",
        errors.len()
    );
    assert!(
        min >= FLOOR_M,
        "{name}: an estimate came within {min:.1} m of a home (median {median:.1} m)"
    );
}

async fn trilateration_fails_for_200_residents(app: TestApp) {
    let (attacker, targets) = population(&app.store, app.org_a.id, 1);
    let mut oracle = Direct::new(&app.store, app.org_a.id, attacker);
    let mut errors = Vec::new();
    for t in &targets {
        errors.push(trilateration(&mut oracle, *t).await);
    }
    judge("trilateration (store + engine)", app.backend.name(), errors);
}

async fn bisection_fails_for_200_residents(app: TestApp) {
    let (attacker, targets) = population(&app.store, app.org_a.id, 2);
    let mut oracle = Direct::new(&app.store, app.org_a.id, attacker);
    let mut errors = Vec::new();
    for t in &targets {
        errors.push(bisection(&mut oracle, *t).await);
    }
    judge("radius bisection (store + engine)", app.backend.name(), errors);
}

async fn trilateration_over_http_fails(app: TestApp) {
    let (attacker, targets) = population(&app.store, app.org_a.id, 3);
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let mut oracle = Http {
        app: &app,
        token,
        attacker,
    };
    let mut errors = Vec::new();
    for t in targets.iter().take(HTTP_RESIDENTS) {
        errors.push(trilateration(&mut oracle, *t).await);
    }
    judge("trilateration (HTTP)", app.backend.name(), errors);
}

async fn bisection_over_http_fails(app: TestApp) {
    let (attacker, targets) = population(&app.store, app.org_a.id, 4);
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let mut oracle = Http {
        app: &app,
        token,
        attacker,
    };
    let mut errors = Vec::new();
    for t in targets.iter().take(HTTP_RESIDENTS) {
        errors.push(bisection(&mut oracle, *t).await);
    }
    judge("radius bisection (HTTP)", app.backend.name(), errors);
}

/// One offset per home: kept through reads and other changes (nobody can draw again and
/// average), drawn anew when the home moves (a known new place teaches nothing about the
/// old one), in the ring, cleared on erasure, and drawn for rows that lack one.
async fn the_published_position_is_fixed_until_the_home_moves(app: TestApp) {
    use nabij_engine::position::{MAX_OFFSET_M, MIN_OFFSET_M};
    use nabij_store::neighbour::NeighbourUpdate;
    let (_, targets) = population(&app.store, app.org_a.id, 5);
    let org = app.org_a.id;
    let id = NeighbourId(targets[0].id);
    let get = || app.store.read(|c| neighbour::get_any(c, org, id)).unwrap();
    let first = get();
    let p = first.published_position().unwrap();
    let home = Point::from_wgs84(first.lat.unwrap(), first.lon.unwrap()).unwrap();
    assert!((MIN_OFFSET_M..=MAX_OFFSET_M).contains(&p.distance_m(home)));

    let update = |change: NeighbourUpdate| {
        app.store
            .write(|c| neighbour::update(c, org, id, &change))
            .unwrap();
    };
    update(NeighbourUpdate {
        display_name: Some("Buur nul".into()),
        ..Default::default()
    });
    update(NeighbourUpdate {
        location: Some((first.lat.unwrap(), first.lon.unwrap())),
        ..Default::default()
    });
    assert_eq!(get().published_position(), Some(p), "same home, same offset");

    let moved = at(home, 500.0, 0.0).to_wgs84();
    update(NeighbourUpdate {
        location: Some((moved.lat, moved.lon)),
        ..Default::default()
    });
    let now = get();
    let q = now.published_position().unwrap();
    let new_home = Point::from_wgs84(moved.lat, moved.lon).unwrap();
    assert!((MIN_OFFSET_M..=MAX_OFFSET_M).contains(&q.distance_m(new_home)));
    let (old, new) = (
        (first.offset_east_m, first.offset_north_m),
        (now.offset_east_m, now.offset_north_m),
    );
    assert_ne!(old, new, "a new home gets a new offset");

    // Rows from before the published position: filled in by the migration step.
    let other = NeighbourId(targets[1].id);
    app.store
        .write(|c| {
            // As a row from before the migration: no offset.
            nabij_store::testing::execute_sql(
                c,
                &format!(
                    "UPDATE neighbours SET offset_east_m = NULL, offset_north_m = NULL WHERE id = {}",
                    other.get()
                ),
            )
        })
        .unwrap();
    assert_eq!(
        app.store
            .read(|c| neighbour::get(c, org, other))
            .unwrap()
            .published_position(),
        None
    );
    app.store.migrate().unwrap();
    assert!(app
        .store
        .read(|c| neighbour::get(c, org, other))
        .unwrap()
        .published_position()
        .is_some());

    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let resp = app
        .client
        .delete(app.url(&format!("/v1/neighbours/{}", id.get())))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 204);
    let gone = get();
    assert_eq!((gone.offset_east_m, gone.offset_north_m), (None, None), "erased");
}
