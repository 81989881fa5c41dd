//! The synthetic world: who lives where, when they join, pause and leave, and which
//! requests arrive when. Generated once per seed and replayed for every policy.

use nabij_engine::availability::{DayPart, WeeklySlots, Window};
use nabij_engine::synth::{self, SyntheticNeighbour};
use nabij_engine::tags::{TagId, TagSet, Vocabulary};
use nabij_engine::{EngineError, RequestKind};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::params::ModelParams;

/// Parameters of the world; the same for every policy (documented in docs/simulation.md).
#[derive(Debug, Clone, Copy)]
pub struct WorldParams {
    pub days: u32,
    pub residents: usize,
    /// Share of residents taking part from day 0; the others join during the year.
    pub present_at_start: f64,
    /// Share of residents who leave at some point during the year.
    pub leave_share: f64,
    /// Share of residents who pause once (14 to 60 days).
    pub pause_share: f64,
    /// The model's parameters (params.rs).
    pub model: ModelParams,
    /// Share of requests that are out of scope (referred at once, in every policy).
    pub out_of_scope_share: f64,
}

impl WorldParams {
    pub fn for_profile(slug: &str, months: u32) -> Self {
        let residents = match slug {
            "pelt" => 1_500,
            "hamont-achel" => 700,
            "deerlijk" => 700,
            "moorslede" => 600,
            _ => 20_000,
        };
        Self {
            days: (f64::from(months) * 30.44).round() as u32,
            residents,
            present_at_start: 0.6,
            leave_share: 0.10,
            pause_share: 0.15,
            model: ModelParams::default(),
            out_of_scope_share: 0.05,
        }
    }
}

/// A resident's presence over the year.
#[derive(Debug, Clone)]
pub struct Resident {
    pub person: SyntheticNeighbour,
    pub join_day: u32,
    pub leave_day: u32,
    pub pause: Option<(u32, u32)>,
    /// Requests per day while present.
    pub request_rate: f64,
    /// One of the people who ask often (less mobile, help that needs no travel).
    pub frequent: bool,
    /// Chance of saying yes to a proposal before distance and fit (heavy-tailed).
    pub willingness: f64,
    /// Acts in 90 days this person is comfortable with.
    pub comfortable_acts: f64,
    /// How far a helper may come from when this person asks (at least 1 km: someone who
    /// rarely travels is still glad of a visit).
    pub ask_radius_m: f64,
}

impl Resident {
    pub fn present(&self, day: u32) -> bool {
        day >= self.join_day && day < self.leave_day && !self.pause.is_some_and(|(a, b)| day >= a && day < b)
    }
}

/// A request in the world's timeline.
#[derive(Debug, Clone)]
pub struct WorldRequest {
    pub id: u64,
    pub day: u32,
    /// Index of the requester in `World::residents`.
    pub requester: usize,
    pub kind: RequestKind,
    pub tags: TagSet,
    pub window: Window,
    pub out_of_scope: bool,
    /// How long a match for it keeps the companion busy, in days.
    pub duration_days: u32,
    /// Whether the help needs the companion to travel (else: phone, listening, at home).
    pub needs_travel: bool,
}

#[derive(Debug, Clone)]
pub struct World {
    pub params: WorldParams,
    pub seed: u64,
    pub residents: Vec<Resident>,
    /// Sorted by day, then id.
    pub requests: Vec<WorldRequest>,
}

pub fn generate(profile_slug: &str, params: WorldParams, seed: u64) -> Result<World, EngineError> {
    let profile = synth::profile(profile_slug)?;
    let people = synth::population(&profile, params.residents, seed, 1)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0513_u64);
    let days = params.days.max(1);
    let m = params.model;
    let residents: Vec<Resident> = people
        .into_iter()
        .map(|mut person| {
            // The world decides presence; profiles start unpaused and free.
            person.profile.paused = false;
            person.profile.active_matches = 0;
            person.profile.balance = Default::default();
            person.profile.capacity = person.profile.capacity.max(1);
            let join_day = if rng.gen_bool(params.present_at_start) {
                0
            } else {
                rng.gen_range(0..days)
            };
            let leave_day = if rng.gen_bool(params.leave_share) {
                rng.gen_range(join_day..=days).max(join_day + 1)
            } else {
                u32::MAX
            };
            let pause = rng.gen_bool(params.pause_share).then(|| {
                let start = rng.gen_range(0..days);
                (start, start + rng.gen_range(14..=60))
            });
            let frequent = rng.gen_bool(m.frequent_asker_share.clamp(0.0, 1.0));
            let request_rate = if frequent {
                m.frequent_rate
            } else {
                m.occasional_rate
            };
            let dormant = rng.gen_bool(m.dormant_share.clamp(0.0, 1.0));
            let w = (m.willingness_sigma * normal(&mut rng)).exp();
            let willingness = if dormant {
                m.accept_scale * m.dormant_accept
            } else if frequent {
                m.accept_scale * m.frequent_no_travel_accept * m.willing_median
            } else {
                m.accept_scale * (m.willing_median * w).min(1.0)
            };
            // Capacity and reach follow willingness (heavy-tailed: a few who do a lot, drive
            // further); frequent askers and dormant people one at a time.
            let capacity: u8 = if frequent || dormant {
                1
            } else {
                w.round().clamp(1.0, 8.0) as u8
            };
            person.profile.capacity = capacity;
            let ask_radius_m = person.profile.travel_radius_m.max(1_000.0);
            if frequent {
                person.profile.travel_radius_m = person.profile.travel_radius_m.min(m.frequent_radius_m);
            } else if !dormant {
                person.profile.travel_radius_m =
                    (person.profile.travel_radius_m * w.max(1.0).sqrt()).min(10_000.0);
            }
            Resident {
                person,
                join_day,
                leave_day,
                pause,
                request_rate,
                frequent,
                willingness: willingness.clamp(0.0, 1.0),
                comfortable_acts: m.comfortable_acts_per_capacity * f64::from(capacity),
                ask_radius_m,
            }
        })
        .collect();
    let vocab = Vocabulary::builtin();
    let mut requests = Vec::new();
    let mut id = 0u64;
    for day in 0..days {
        for (i, r) in residents.iter().enumerate() {
            if !r.present(day) || !rng.gen_bool(r.request_rate.clamp(0.0, 1.0)) {
                continue;
            }
            id += 1;
            requests.push(request(
                &mut rng,
                vocab,
                id,
                day,
                i,
                &r.person,
                params.out_of_scope_share,
            ));
        }
    }
    Ok(World {
        params,
        seed,
        residents,
        requests,
    })
}

fn request(
    rng: &mut ChaCha8Rng,
    vocab: &Vocabulary,
    id: u64,
    day: u32,
    requester: usize,
    who: &SyntheticNeighbour,
    out_of_scope_share: f64,
) -> WorldRequest {
    let kind = match rng.gen_range(0..10) {
        0..=2 => RequestKind::Emotional,
        3..=6 => RequestKind::Companionship,
        _ => RequestKind::Practical,
    };
    // People often ask for what they like themselves (companionship) — otherwise any tag
    // usual for the kind.
    let pool: Vec<TagId> = vocab.for_kind(kind).iter().collect();
    let own: Vec<TagId> = who
        .profile
        .interests
        .intersect(vocab.for_kind(kind))
        .iter()
        .collect();
    let tag = if kind == RequestKind::Companionship && !own.is_empty() && rng.gen_bool(0.6) {
        own[rng.gen_range(0..own.len())]
    } else {
        pool[rng
            .gen_range(0..pool.len().max(1))
            .min(pool.len().saturating_sub(1))]
    };
    // Emotional help (phone, listening) needs no travel; practical help half the time
    // (skills at home, on the phone); companionship always.
    let needs_travel = match kind {
        RequestKind::Emotional => false,
        RequestKind::Practical => rng.gen_bool(0.5),
        _ => true,
    };
    let weekly = rng.gen_bool(0.35);
    let window = if weekly {
        Window::Weekly {
            slots: who.profile.availability,
        }
    } else if rng.gen_bool(0.5) {
        Window::Flexible
    } else {
        let d = rng.gen_range(0..7);
        Window::Weekly {
            slots: WeeklySlots::slot(d, DayPart::ALL[rng.gen_range(0..3)]),
        }
    };
    WorldRequest {
        id,
        day,
        requester,
        kind,
        tags: TagSet::EMPTY.with(tag),
        window,
        out_of_scope: rng.gen_bool(out_of_scope_share),
        duration_days: if weekly { 56 } else { 7 },
        needs_travel,
    }
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen_range(0.0..1.0);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}
