//! The synthetic world: who lives where, when they join, pause and leave, and which
//! requests arrive when. Generated once per seed and replayed for every policy.

use nabij_engine::availability::{DayPart, WeeklySlots, Window};
use nabij_engine::synth::{self, SyntheticNeighbour};
use nabij_engine::tags::{TagId, TagSet, Vocabulary};
use nabij_engine::{EngineError, RequestKind};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

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
    /// Requests per resident per day while taking part, for the share of residents who
    /// ask often (frail, isolated, newcomers) and for everyone else.
    pub frequent_asker_share: f64,
    pub frequent_rate: f64,
    pub occasional_rate: f64,
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
            frequent_asker_share: 0.25,
            frequent_rate: 1.0 / 30.0,
            occasional_rate: 1.0 / 1000.0,
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
            let request_rate = if rng.gen_bool(params.frequent_asker_share) {
                params.frequent_rate
            } else {
                params.occasional_rate
            };
            Resident {
                person,
                join_day,
                leave_day,
                pause,
                request_rate,
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
    }
}
