//! `nabij-bench addresses`: the address register of a large city (issue 16). Imports
//! `--points` synthetic address points (streets of 1–120 numbers, some with boxes, over
//! 20 postcodes, Dutch and French names for a tenth of the streets) into a fresh SQLite
//! database in one transaction, then times lookups the way the register form makes them:
//! exact addresses (written with abbreviations and other case), near misses (a letter
//! off, answered with suggestions) and free-text searches. Prints the import time and
//! the median and p99 per lookup in milliseconds.

use crate::stats::{r3, Summary};
use clap::Args;
use nabij_store::address::{self, AddressPoint, AddressQuery, Lookup};
use nabij_store::organisation::{self, NewOrganisation};
use nabij_store::Store;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;
use std::time::Instant;

#[derive(Args)]
pub struct AddressArgs {
    /// Address points to import.
    #[arg(long, default_value_t = 500_000)]
    points: usize,
    /// Lookups of each kind.
    #[arg(long, default_value_t = 2_000)]
    lookups: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

const STEMS: &[&str] = &[
    "Beuken", "Eiken", "Linde", "Kastanje", "Molen", "Kerk", "School", "Veld", "Heide", "Bos", "Beek",
    "Dorps", "Kapel", "Hoeve", "Zand", "Weide", "Vijver", "Berk", "Populier", "Wilgen",
];
const KINDS: &[&str] = &["straat", "laan", "weg", "steenweg", "plein", "dreef", "hof"];

fn street(i: usize) -> (String, String) {
    let stem = STEMS[i % STEMS.len()];
    let kind = KINDS[(i / STEMS.len()) % KINDS.len()];
    let n = i / (STEMS.len() * KINDS.len());
    let nl = format!("{stem}{kind} {}", roman(n));
    let fr = if i.is_multiple_of(10) {
        format!("Rue des {stem} {}", roman(n))
    } else {
        String::new()
    };
    (nl.trim().to_string(), fr.trim().to_string())
}

/// Street names made unique by a suffix written in letters ("Beukenstraat Bis-Ac").
fn roman(mut n: usize) -> String {
    if n == 0 {
        return String::new();
    }
    let mut s = String::from("Bis-");
    while n > 0 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

pub fn run(args: &AddressArgs) -> anyhow::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let mut points = Vec::with_capacity(args.points);
    let mut streets: Vec<(String, String, String, u32)> = Vec::new();
    let mut s = 0;
    while points.len() < args.points {
        let (nl, fr) = street(s);
        let postcode = format!("{}", 3900 + (s % 20));
        let numbers = rng.gen_range(1..=120u32);
        for k in 1..=numbers {
            let boxes = if k.is_multiple_of(17) { 4 } else { 0 };
            for b in 0..=boxes {
                points.push(AddressPoint {
                    postcode: postcode.clone(),
                    municipality: "Grootstad".into(),
                    street_nl: nl.clone(),
                    street_fr: fr.clone(),
                    street_de: String::new(),
                    house_number: k.to_string(),
                    box_number: if b == 0 { String::new() } else { b.to_string() },
                    lat: 51.0 + rng.gen_range(0.0..0.2),
                    lon: 4.3 + rng.gen_range(0.0..0.3),
                });
            }
        }
        streets.push((nl, fr, postcode, numbers));
        s += 1;
    }
    points.truncate(args.points);
    let dir = tempfile::tempdir()?;
    let store = Store::open(&dir.path().join("bench.sqlite3").display().to_string())?;
    store.migrate()?;
    let org = store.write(|c| {
        organisation::create(
            c,
            &NewOrganisation {
                slug: "grootstad".into(),
                name: "Grootstad".into(),
                settings: Default::default(),
            },
        )
    })?;
    let started = Instant::now();
    let n = store.write(|c| address::replace_all(c, org.id, &points))?;
    let import_s = started.elapsed().as_secs_f64();

    let mut exact = Vec::new();
    let mut miss = Vec::new();
    let mut search = Vec::new();
    let (mut found, mut suggested) = (0usize, 0usize);
    for _ in 0..args.lookups {
        let (nl, fr, postcode, numbers) = &streets[rng.gen_range(0..streets.len().saturating_sub(1).max(1))];
        let number = rng.gen_range(1..=*numbers).to_string();
        let written = if !fr.is_empty() && rng.gen_bool(0.5) {
            fr.to_uppercase()
        } else {
            nl.replace("straat", "str.").replace("steenweg", "stwg")
        };
        let q = AddressQuery {
            street: written,
            house_number: number.clone(),
            box_number: None,
            postcode: postcode.clone(),
        };
        let t = Instant::now();
        let r = store.read(|c| address::lookup(c, org.id, &q))?;
        exact.push(t.elapsed().as_secs_f64() * 1000.0);
        found += usize::from(matches!(r, Lookup::Found { .. }));

        let mut typo: Vec<char> = nl.chars().collect();
        let at = rng.gen_range(1..typo.len().min(6));
        typo.remove(at);
        let q = AddressQuery {
            street: typo.into_iter().collect(),
            ..q
        };
        let t = Instant::now();
        let r = store.read(|c| address::lookup(c, org.id, &q))?;
        miss.push(t.elapsed().as_secs_f64() * 1000.0);
        suggested +=
            usize::from(matches!(r, Lookup::NotFound { ref suggestions } if !suggestions.is_empty()));

        let text = format!("{} {number}", &nl[..nl.len().min(8)]);
        let t = Instant::now();
        store.read(|c| address::search(c, org.id, &text, 10))?;
        search.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (e, m, s) = (Summary::new(exact), Summary::new(miss), Summary::new(search));
    println!(
        "{}",
        json!({
            "backend": "sqlite",
            "points": n,
            "streets": streets.len(),
            "import_s": r3(import_s),
            "lookups": args.lookups,
            "exact_found_share": r3(found as f64 / args.lookups as f64),
            "exact_ms": {"median": r3(e.median()), "p99": r3(e.percentile(99.0))},
            "near_miss_with_suggestions_share": r3(suggested as f64 / args.lookups as f64),
            "near_miss_ms": {"median": r3(m.median()), "p99": r3(m.percentile(99.0))},
            "search_ms": {"median": r3(s.median()), "p99": r3(s.percentile(99.0))},
        })
    );
    Ok(())
}
