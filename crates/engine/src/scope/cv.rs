//! k-fold cross-validation of the learned model and the blend on the tuning data: every
//! real request in `fixtures/scope/real` except `heldout3.jsonl`. Five folds by page
//! (FNV-1a of the page address % 5), so no page's wording is both learned and tested.
//! The rules are the same in every fold (they were tuned on round 1's `tune.jsonl`, so
//! their share of these figures is optimistic).
//!
//! `cargo test -p nabij-engine --lib scope::cv -- --nocapture` prints the figures of the
//! configuration in use; `-- --ignored cv_grid --nocapture` runs the grid it was chosen from.

use super::blend::{self, Policy, POLICY};
use super::model::{self, Config, Example, Model, Reading, CONFIG};
use super::{rules_part, RulesPart, ScopeCategory, ScopeInput};

const FOLDS: u64 = 5;
const LANGS: [&str; 3] = ["nl", "fr", "en"];

fn fold(group: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in group.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h % FOLDS
}

struct Row {
    ex: Example,
    part: RulesPart,
}

fn rows() -> Vec<Row> {
    model::real_examples()
        .into_iter()
        .map(|ex| {
            let part = rules_part(&ScopeInput {
                text: &ex.text,
                ..ScopeInput::default()
            });
            Row { ex, part }
        })
        .collect()
}

/// The model's reading of every row, each by a model that never saw the row's page.
fn readings(rows: &[Row], cfg: Config) -> Vec<Reading> {
    let written = if cfg.written {
        model::written_examples()
    } else {
        Vec::new()
    };
    let mut out: Vec<Option<Reading>> = vec![None; rows.len()];
    for k in 0..FOLDS {
        let train: Vec<Example> = rows
            .iter()
            .filter(|r| fold(&r.ex.group) != k)
            .map(|r| r.ex.clone())
            .chain(written.iter().cloned())
            .collect();
        let m = Model::train(&train, cfg);
        for (i, r) in rows.iter().enumerate() {
            if fold(&r.ex.group) == k {
                out[i] = Some(m.read(&r.part.tokens));
            }
        }
    }
    out.into_iter().flatten().collect()
}

/// Per language: (out-of-scope caught, out-of-scope total, small accepted, small total,
/// exact, total).
#[derive(Debug, Default, Clone, Copy)]
struct Stat {
    caught: u32,
    out: u32,
    accepted: u32,
    small: u32,
    exact: u32,
    total: u32,
}

impl Stat {
    fn pct(a: u32, b: u32) -> f32 {
        100.0 * a as f32 / b.max(1) as f32
    }
    fn caught(&self) -> f32 {
        Stat::pct(self.caught, self.out)
    }
    fn accepted(&self) -> f32 {
        Stat::pct(self.accepted, self.small)
    }
    fn exact(&self) -> f32 {
        Stat::pct(self.exact, self.total)
    }
}

fn tally(rows: &[Row], readings: &[Reading], policy: &Policy) -> [Stat; 4] {
    let mut s = [Stat::default(); 4];
    for (r, reading) in rows.iter().zip(readings) {
        let b = blend::apply(policy, r.part.category, r.part.review, &r.part.scores, reading);
        let li = LANGS.iter().position(|l| *l == r.ex.lang).unwrap_or(0);
        for slot in [li, 3] {
            let st = &mut s[slot];
            st.total += 1;
            if b.category == r.ex.label {
                st.exact += 1;
            }
            if r.ex.label == ScopeCategory::SmallHelp {
                st.small += 1;
                if b.category == ScopeCategory::SmallHelp && b.review.is_none() {
                    st.accepted += 1;
                }
            } else {
                st.out += 1;
                if b.category != ScopeCategory::SmallHelp || b.review.is_some() {
                    st.caught += 1;
                }
            }
        }
    }
    s
}

/// The worst of caught and accepted over the three languages.
fn worst(s: &[Stat; 4]) -> f32 {
    s[..3]
        .iter()
        .map(|st| st.caught().min(st.accepted()))
        .fold(f32::INFINITY, f32::min)
}

fn show(name: &str, s: &[Stat; 4]) {
    let part = |st: &Stat| {
        format!(
            "caught {}/{} ({:.1} %) accepted {}/{} ({:.1} %) exact {:.1} %",
            st.caught,
            st.out,
            st.caught(),
            st.accepted,
            st.small,
            st.accepted(),
            st.exact()
        )
    };
    println!("{name}");
    for (i, lang) in ["nl", "fr", "en", "all"].iter().enumerate() {
        println!("  {lang:>3}: {}", part(&s[i]));
    }
}

const RULES_ONLY: Policy = Policy {
    flag: f32::INFINITY,
    decide: f32::INFINITY,
    clear: f32::INFINITY,
    veto: f32::INFINITY,
    small_extra: 0.0,
};

#[test]
fn cv_figures_of_the_model_in_use() {
    let rows = rows();
    assert!(rows.len() >= 660, "{} tuning rows", rows.len());
    let readings = readings(&rows, CONFIG);
    show(
        "rules only, 5-fold on the tuning data",
        &tally(&rows, &readings, &RULES_ONLY),
    );
    let loud = Policy {
        small_extra: 0.0,
        ..POLICY
    };
    show(
        "rules + model, also where the rules saw small help",
        &tally(&rows, &readings, &loud),
    );
    let s = tally(&rows, &readings, &POLICY);
    show("rules + model (in use), 5-fold on the tuning data", &s);
    // A floor, not the target: the target is measured on heldout3.jsonl.
    assert!(s[3].caught() >= 85.0 && s[3].accepted() >= 85.0, "{s:?}");
}

#[test]
#[ignore = "grid search; run by hand"]
fn cv_grid() {
    let rows = rows();
    let mut results: Vec<(f32, f32, String)> = Vec::new();
    for chars in [(0, 0), (2, 4), (3, 5)] {
        for pairs in [false, true] {
            for alpha in [0.1, 0.3, 1.0] {
                for written in [false, true] {
                    for binary in [false, true] {
                        for (power, scale) in [(1.0f32, 1.0f32), (0.5, 5.0), (0.0, 20.0)] {
                            let cfg = Config {
                                words: true,
                                pairs,
                                chars,
                                alpha,
                                binary,
                                written,
                                power,
                                per_sentence: false,
                            };
                            let readings = readings(&rows, cfg);
                            for fi in 0..=30 {
                                let flag = scale * (-0.1 + 0.02 * fi as f32);
                                for clear in [f32::INFINITY, 0.5, 0.3, 0.15].map(|c| c * scale) {
                                    for veto in [f32::INFINITY, 0.5 * scale] {
                                        let p = Policy {
                                            flag,
                                            decide: flag,
                                            clear,
                                            veto,
                                            small_extra: f32::INFINITY,
                                        };
                                        let s = tally(&rows, &readings, &p);
                                        let sum = s[3].caught() + s[3].accepted();
                                        results.push((worst(&s), sum, format!("{cfg:?} {p:?} {s:?}")));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    results.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
    for r in results.iter().take(40) {
        println!("worst {:.1} sum {:.1} {}", r.0, r.1, r.2);
    }
}

#[test]
#[ignore = "decide threshold for the configuration in use; run by hand"]
fn cv_decide() {
    let rows = rows();
    let readings = readings(&rows, CONFIG);
    for di in 0..=20 {
        let decide = POLICY.flag + 0.25 * di as f32;
        let p = Policy { decide, ..POLICY };
        let s = tally(&rows, &readings, &p);
        println!("decide {decide:.3}: exact {:.1} %", s[3].exact());
    }
}

#[test]
#[ignore = "margin the model needs where the rules saw small help; run by hand"]
fn cv_small_extra() {
    let rows = rows();
    let readings = readings(&rows, CONFIG);
    for fi in 0..=12 {
        let flag = 3.0 + 0.5 * fi as f32;
        for small_extra in [0.0, 1.0, 2.0, 3.0, 4.0, 6.0, f32::INFINITY] {
            let p = Policy {
                flag,
                decide: flag,
                small_extra,
                ..POLICY
            };
            let s = tally(&rows, &readings, &p);
            println!(
                "flag {flag:.2} extra {small_extra}: worst {:.1} caught {:.1} accepted {:.1} exact {:.1}",
                worst(&s),
                s[3].caught(),
                s[3].accepted(),
                s[3].exact()
            );
        }
    }
}

#[test]
#[ignore = "round 3 policy grid (flag, small_extra, clear); run by hand"]
fn cv_policy_grid() {
    let rows = rows();
    let readings = readings(&rows, CONFIG);
    let mut results: Vec<(f32, f32, String)> = Vec::new();
    for fi in 0..=10 {
        let flag = 5.0 + 0.5 * fi as f32;
        for small_extra in [2.0, 4.0, f32::INFINITY] {
            for clear in [1.0, 2.0, 3.0, 4.0, 5.0, f32::INFINITY] {
                let p = Policy {
                    flag,
                    decide: flag,
                    clear,
                    small_extra,
                    ..POLICY
                };
                let s = tally(&rows, &readings, &p);
                results.push((
                    worst(&s),
                    s[3].caught() + s[3].accepted(),
                    format!(
                        "flag {flag} extra {small_extra} clear {clear}: caught {:.1} accepted {:.1} exact {:.1}",
                        s[3].caught(),
                        s[3].accepted(),
                        s[3].exact()
                    ),
                ));
            }
        }
    }
    results.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
    for r in results.iter().take(25) {
        println!("worst {:.1} sum {:.1} {}", r.0, r.1, r.2);
    }
}

#[test]
#[ignore = "round 3 model grid under the round 3 policy shape; run by hand"]
fn cv_model_grid() {
    let rows = rows();
    let mut results: Vec<(f32, f32, String)> = Vec::new();
    for (pairs, per_sentence) in [(true, false), (true, true), (false, true)] {
        for alpha in [0.3, 1.0] {
            for (power, scale) in [(0.0f32, 20.0f32), (0.5, 5.0)] {
                let cfg = Config {
                    words: true,
                    pairs,
                    chars: (0, 0),
                    alpha,
                    binary: true,
                    written: false,
                    power,
                    per_sentence,
                };
                let readings = readings(&rows, cfg);
                for fi in 0..=24 {
                    let flag = scale * (0.1 + 0.025 * fi as f32);
                    for small_extra in [0.1 * scale, f32::INFINITY] {
                        for clear in [0.15 * scale, f32::INFINITY] {
                            let p = Policy {
                                flag,
                                decide: flag,
                                clear,
                                veto: f32::INFINITY,
                                small_extra,
                            };
                            let s = tally(&rows, &readings, &p);
                            results.push((
                                worst(&s),
                                s[3].caught() + s[3].accepted(),
                                format!(
                                    "pairs {pairs} sentences {per_sentence} alpha {alpha} power {power} flag {flag} extra {small_extra} clear {clear}: caught {:.1} accepted {:.1}",
                                    s[3].caught(),
                                    s[3].accepted()
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }
    results.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
    for r in results.iter().take(25) {
        println!("worst {:.1} sum {:.1} {}", r.0, r.1, r.2);
    }
}

#[test]
#[ignore = "lists the rows the guard in use gets wrong under 5-fold cross-validation; run by hand"]
fn cv_misses() {
    let rows = rows();
    let readings = readings(&rows, CONFIG);
    for (r, reading) in rows.iter().zip(&readings) {
        let b = blend::apply(&POLICY, r.part.category, r.part.review, &r.part.scores, reading);
        let handled = if r.ex.label == ScopeCategory::SmallHelp {
            b.category == ScopeCategory::SmallHelp && b.review.is_none()
        } else {
            b.category != ScopeCategory::SmallHelp || b.review.is_some()
        };
        if !handled {
            println!(
                "CVMISS {} {} -> {} {:?} margin {:.1} | {}",
                r.ex.lang,
                r.ex.label.code(),
                b.category.code(),
                b.role,
                reading.margin(),
                r.ex.text
            );
        }
    }
}
