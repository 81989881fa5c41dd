//! Seeded synthetic populations and requests, shared by tests, benchmarks, demo data and
//! the simulator.
//!
//! People cluster around the real centres of towns and villages (normal spread per
//! settlement) with a share spread evenly over the countryside; interests and talents are
//! drawn from the tag vocabulary with realistic popularity; weekly availability, languages,
//! capacity and travel radii (300 m to 10 km, most of them small) vary per person. The same
//! seed always gives the same population. All names are synthetic.

use crate::availability::{DayPart, WeeklySlots, Window};
use crate::error::EngineError;
use crate::language::{Language, LanguageSet};
use crate::neighbour::{NeighbourId, NeighbourProfile};
use crate::projection::{LatLon, Point};
use crate::reciprocity::Balance;
use crate::request::{HelpRequest, RequestKind};
use crate::tags::{TagId, TagSet, Vocabulary};
use rand::distributions::{Distribution, WeightedIndex};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;

const MUNICIPALITIES_TOML: &str = include_str!("../../../fixtures/municipalities.toml");

/// A town or village centre.
#[derive(Debug, Clone, Deserialize)]
pub struct Settlement {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub weight: f64,
    pub sigma_m: f64,
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub struct BoundingBox {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lon: f64,
    pub max_lon: f64,
}

/// A region to populate: a municipality of the pilots, or Flanders for benchmarks.
#[derive(Debug, Clone, Deserialize)]
pub struct Profile {
    pub slug: String,
    pub name: String,
    pub rural_share: f64,
    pub bbox: BoundingBox,
    pub settlements: Vec<Settlement>,
}

#[derive(Deserialize)]
struct ProfilesFile {
    profile: Vec<Profile>,
}

/// The built-in profiles: `pelt`, `hamont-achel`, `deerlijk`, `moorslede`, `flanders`.
pub fn profiles() -> Result<Vec<Profile>, EngineError> {
    toml::from_str::<ProfilesFile>(MUNICIPALITIES_TOML)
        .map(|f| f.profile)
        .map_err(|e| EngineError::BadVocabulary(e.to_string()))
}

/// One profile by slug.
pub fn profile(slug: &str) -> Result<Profile, EngineError> {
    profiles()?
        .into_iter()
        .find(|p| p.slug == slug)
        .ok_or_else(|| EngineError::BadVocabulary(format!("unknown profile `{slug}`")))
}

/// A generated resident: what the store would hold, and the engine's view of them.
#[derive(Debug, Clone)]
pub struct SyntheticNeighbour {
    pub display_name: String,
    pub settlement: String,
    pub position: LatLon,
    pub preferred_language: Language,
    pub profile: NeighbourProfile,
}

const FIRST_NAMES: [&str; 48] = [
    "An",
    "Bart",
    "Chris",
    "Daan",
    "Els",
    "Fien",
    "Gert",
    "Hilde",
    "Ine",
    "Jef",
    "Karel",
    "Lien",
    "Mieke",
    "Noor",
    "Omer",
    "Paula",
    "Rik",
    "Sofie",
    "Tine",
    "Urbain",
    "Vera",
    "Wim",
    "Yara",
    "Zeno",
    "Amina",
    "Bilal",
    "Célestine",
    "Dirk",
    "Emre",
    "Fatma",
    "Gilberte",
    "Hamza",
    "Irène",
    "Jozef",
    "Kaat",
    "Leon",
    "Marthe",
    "Nadia",
    "Oskar",
    "Pieter",
    "Rosa",
    "Stan",
    "Tuur",
    "Vic",
    "Warre",
    "Yusuf",
    "Zoë",
    "Maria",
];
const SURNAME_PARTS: [&str; 24] = [
    "Van den",
    "De",
    "Ver",
    "Van",
    "Peeters",
    "Janssens",
    "Maes",
    "Claes",
    "Wouters",
    "Goossens",
    "Mertens",
    "Willems",
    "Hermans",
    "Aerts",
    "Lambrechts",
    "Dubois",
    "Smet",
    "Jacobs",
    "Vos",
    "Coppens",
    "Leemans",
    "Cools",
    "Stevens",
    "Pauwels",
];

/// Relative popularity of tags as interests (by code; others get weight 1).
fn interest_weight(code: &str) -> f64 {
    match code {
        "walking" | "coffee_visit" => 6.0,
        "games" | "cycling" | "gardening_once" | "listening_ear" | "market_visit" => 3.0,
        "shopping" | "cooking_together" | "music" | "reading_aloud" | "photos_and_memories" => 2.0,
        _ => 1.0,
    }
}

/// Relative popularity of tags as talents.
fn talent_weight(code: &str) -> f64 {
    match code {
        "shopping" | "walking" | "coffee_visit" | "listening_ear" => 5.0,
        "small_repairs" | "phone_help" | "short_ride" | "gardening_once" => 3.0,
        "computer_help" | "paperwork" | "dog_walking" | "post_and_parcels" => 2.0,
        _ => 1.0,
    }
}

fn draw_tags(rng: &mut ChaCha8Rng, dist: &WeightedIndex<f64>, n: usize) -> TagSet {
    let mut set = TagSet::EMPTY;
    for _ in 0..n * 3 {
        if set.len() as usize >= n {
            break;
        }
        set = set.with(TagId(dist.sample(rng) as u8));
    }
    set
}

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller; rand_distr is not needed for one normal variate.
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

fn draw_availability(rng: &mut ChaCha8Rng) -> WeeklySlots {
    let mut slots = WeeklySlots::NONE;
    let pattern = rng.gen_range(0..10);
    for day in 0..7 {
        for part in DayPart::ALL {
            let p = match (pattern, day, part) {
                // Daytime on weekdays (retired, part-time): most of the week.
                (0..=3, 0..=4, DayPart::Morning | DayPart::Afternoon) => 0.7,
                (0..=3, _, _) => 0.2,
                // Working: evenings and weekends.
                (4..=7, 5..=6, _) => 0.6,
                (4..=7, _, DayPart::Evening) => 0.5,
                (4..=7, _, _) => 0.05,
                // Irregular.
                _ => 0.3,
            };
            if rng.gen_bool(p) {
                slots = slots.union(WeeklySlots::slot(day, part));
            }
        }
    }
    if slots.is_empty() {
        slots = WeeklySlots::slot(rng.gen_range(0..7), DayPart::Afternoon);
    }
    slots
}

fn draw_languages(rng: &mut ChaCha8Rng) -> (LanguageSet, Language) {
    let mut langs = vec![];
    let first = match rng.gen_range(0..100) {
        0..=87 => Language::Nl,
        88..=91 => Language::Fr,
        92..=93 => Language::Ar,
        94..=95 => Language::Tr,
        96 => Language::Pl,
        97 => Language::Uk,
        98 => Language::Ro,
        _ => Language::En,
    };
    langs.push(first);
    if first != Language::Nl && rng.gen_bool(0.6) {
        langs.push(Language::Nl);
    }
    if rng.gen_bool(0.25) {
        langs.push(Language::En);
    }
    if rng.gen_bool(0.15) {
        langs.push(Language::Fr);
    }
    (LanguageSet::of(&langs), first)
}

/// Travel radius: log-normal around 1.5 km, clamped to 300 m – 10 km.
fn draw_radius(rng: &mut ChaCha8Rng) -> f64 {
    (1500.0 * (0.8 * normal(rng)).exp())
        .clamp(300.0, 10_000.0)
        .round()
}

/// Generates `n` neighbours for a profile. Ids run from `first_id` upwards.
pub fn population(
    profile: &Profile,
    n: usize,
    seed: u64,
    first_id: u64,
) -> Result<Vec<SyntheticNeighbour>, EngineError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let vocab = Vocabulary::builtin();
    let bad = |e: rand::distributions::WeightedError| EngineError::BadVocabulary(e.to_string());
    let interests = WeightedIndex::new(vocab.tags().iter().map(|t| interest_weight(&t.code))).map_err(bad)?;
    let talents = WeightedIndex::new(vocab.tags().iter().map(|t| talent_weight(&t.code))).map_err(bad)?;
    let places = WeightedIndex::new(profile.settlements.iter().map(|s| s.weight)).map_err(bad)?;
    let centres: Vec<Point> = profile
        .settlements
        .iter()
        .map(|s| Point::from_wgs84(s.lat, s.lon))
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (position, settlement) = if rng.gen_bool(profile.rural_share.clamp(0.0, 1.0)) {
            let b = profile.bbox;
            let lat = rng.gen_range(b.min_lat..b.max_lat);
            let lon = rng.gen_range(b.min_lon..b.max_lon);
            (LatLon::new(lat, lon)?, "buitengebied".to_string())
        } else {
            let k = places.sample(&mut rng);
            let s = &profile.settlements[k];
            let c = centres[k];
            let p = Point {
                x: c.x + normal(&mut rng) * s.sigma_m,
                y: c.y + normal(&mut rng) * s.sigma_m,
            };
            let ll = p.to_wgs84();
            (LatLon::new(ll.lat, ll.lon)?, s.name.clone())
        };
        let (languages, preferred_language) = draw_languages(&mut rng);
        let capacity = match rng.gen_range(0..10) {
            0..=5 => 1,
            6..=8 => 2,
            _ => 3,
        };
        let given = if rng.gen_bool(0.3) {
            rng.gen_range(0.0..8.0)
        } else {
            0.0
        };
        let received = if rng.gen_bool(0.3) {
            rng.gen_range(0.0..6.0)
        } else {
            0.0
        };
        let n_interests = rng.gen_range(2..=6);
        let n_talents = rng.gen_range(1..=4);
        let profile = NeighbourProfile {
            id: NeighbourId(first_id + i as u64),
            location: position.project(),
            travel_radius_m: draw_radius(&mut rng),
            interests: draw_tags(&mut rng, &interests, n_interests),
            talents: draw_tags(&mut rng, &talents, n_talents),
            languages,
            availability: draw_availability(&mut rng),
            capacity,
            active_matches: if rng.gen_bool(0.15) {
                rng.gen_range(0..=capacity)
            } else {
                0
            },
            paused: rng.gen_bool(0.08),
            balance: Balance { given, received },
        };
        let first = FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())];
        let last = SURNAME_PARTS[rng.gen_range(0..SURNAME_PARTS.len())];
        out.push(SyntheticNeighbour {
            display_name: format!("{first} {}.", last.chars().next().unwrap_or('X')),
            settlement,
            position,
            preferred_language,
            profile,
        });
    }
    Ok(out)
}

/// Generates `n` requests from random members of a population.
pub fn requests(people: &[SyntheticNeighbour], n: usize, seed: u64) -> Vec<HelpRequest> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_5eed);
    let vocab = Vocabulary::builtin();
    let mut out = Vec::with_capacity(n);
    if people.is_empty() {
        return out;
    }
    for _ in 0..n {
        let who = &people[rng.gen_range(0..people.len())].profile;
        let kind = match rng.gen_range(0..10) {
            0..=2 => RequestKind::Emotional,
            3..=6 => RequestKind::Companionship,
            _ => RequestKind::Practical,
        };
        let pool: Vec<TagId> = vocab.for_kind(kind).iter().collect();
        let mut tags = TagSet::EMPTY;
        for _ in 0..rng.gen_range(1..=2) {
            if let Some(t) = pool.get(rng.gen_range(0..pool.len().max(1))) {
                tags = tags.with(*t);
            }
        }
        let window = match rng.gen_range(0..3) {
            0 => Window::Flexible,
            1 => Window::Weekly {
                slots: draw_availability(&mut rng),
            },
            _ => {
                let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                    .unwrap_or_default()
                    .checked_add_days(chrono::Days::new(rng.gen_range(0..60)))
                    .unwrap_or_default();
                Window::Once {
                    date,
                    parts: vec![DayPart::ALL[rng.gen_range(0..3)]],
                }
            }
        };
        out.push(
            HelpRequest {
                requester: who.id,
                kind,
                location: who.location.to_index(),
                radius_m: who.travel_radius_m as f32,
                tags,
                requester_interests: who.interests,
                languages: who.languages,
                window,
                declined_with: Vec::new(),
                met_before: Vec::new(),
            }
            .normalise(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_load_and_generation_is_deterministic() {
        let ps = profiles().unwrap_or_default();
        let slugs: Vec<_> = ps.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["pelt", "hamont-achel", "deerlijk", "moorslede", "flanders"]
        );
        let Ok(pelt) = profile("pelt") else { panic!("pelt") };
        let a = population(&pelt, 300, 7, 1).unwrap_or_default();
        let b = population(&pelt, 300, 7, 1).unwrap_or_default();
        assert_eq!(a.len(), 300);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.profile, y.profile);
            assert_eq!(x.display_name, y.display_name);
        }
        let c = population(&pelt, 300, 8, 1).unwrap_or_default();
        assert!(a.iter().zip(&c).any(|(x, y)| x.profile != y.profile));
    }

    #[test]
    fn people_are_valid_clustered_and_radii_in_range() {
        let Ok(deerlijk) = profile("deerlijk") else {
            panic!("deerlijk")
        };
        let people = population(&deerlijk, 2000, 1, 1).unwrap_or_default();
        let rural = people.iter().filter(|p| p.settlement == "buitengebied").count();
        assert!(rural > 150 && rural < 450, "rural {rural}");
        for p in &people {
            assert!(p.profile.validate().is_ok());
            assert!((300.0..=10_000.0).contains(&p.profile.travel_radius_m));
            assert!(!p.profile.languages.is_empty());
            assert!(!p.profile.availability.is_empty());
            assert!(!p.profile.interests.is_empty() && !p.profile.talents.is_empty());
        }
        let Ok(centre) = Point::from_wgs84(50.854, 3.354) else {
            panic!()
        };
        let near = people
            .iter()
            .filter(|p| p.profile.location.distance_m(centre) < 1500.0)
            .count();
        assert!(near > 800, "only {near} of 2000 within 1.5 km of the centre");
    }
}
