//! Runs the labelled scope fixtures (fixtures/scope/{nl,fr,en}.jsonl) through the scope
//! guard and requires at least 95 % accuracy overall and per language; misclassified
//! examples are printed (`-- --nocapture`). `NABIJ_SCOPE_FIXTURES=<dir>` runs another set
//! with the same layout, e.g. the development set fixtures/scope/dev/.

use nabij_engine::request::RequestKind;
use nabij_engine::scope::{classify, Recurrence, ScopeCategory, ScopeInput};
use serde::Deserialize;
use std::path::PathBuf;

const MIN_ACCURACY: f64 = 0.95;
const MIN_PER_LANGUAGE: usize = 30;
const LANGUAGES: [&str; 3] = ["nl", "fr", "en"];

#[derive(Debug, Deserialize)]
struct Example {
    text: String,
    kind: Option<RequestKind>,
    #[serde(default)]
    recurrence: Option<Recurrence>,
    #[serde(default)]
    duration_minutes: Option<u32>,
    expected: ScopeCategory,
}

/// The fixture directory; `NABIJ_SCOPE_FIXTURES` points elsewhere (e.g. a held-out set).
fn fixture_dir() -> PathBuf {
    match std::env::var_os("NABIJ_SCOPE_FIXTURES").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/scope"),
    }
}

fn load(lang: &str) -> Result<Vec<Example>, String> {
    let path = fixture_dir().join(format!("{lang}.jsonl"));
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{lang}.jsonl:{}: {e}", n + 1)))
        .collect()
}

/// Classifies every example; returns (correct, total).
fn run(lang: &str, examples: &[Example]) -> (usize, usize) {
    let mut correct = 0;
    for ex in examples {
        let input = ScopeInput {
            text: &ex.text,
            kind: ex.kind,
            recurrence: ex.recurrence,
            duration_minutes: ex.duration_minutes,
        };
        let verdict = classify(&input);
        if verdict.category == ex.expected {
            correct += 1;
        } else {
            println!(
                "MISS [{lang}] {:?}: expected {:?}, got {:?}\n    reasons: {:?}",
                ex.text, ex.expected, verdict.category, verdict.reasons
            );
        }
    }
    (correct, examples.len())
}

#[test]
fn scope_fixtures_reach_accuracy() -> Result<(), String> {
    let (mut correct, mut total) = (0, 0);
    let mut failures = Vec::new();
    for lang in LANGUAGES {
        let examples = load(lang)?;
        if examples.len() < MIN_PER_LANGUAGE {
            failures.push(format!("{lang}: only {} examples", examples.len()));
        }
        let (c, t) = run(lang, &examples);
        let acc = c as f64 / t.max(1) as f64;
        println!("[{lang}] {c}/{t} = {:.1} %", acc * 100.0);
        if acc < MIN_ACCURACY {
            failures.push(format!("{lang}: accuracy {:.1} % < 95 %", acc * 100.0));
        }
        correct += c;
        total += t;
    }
    let acc = correct as f64 / total.max(1) as f64;
    println!("[all] {correct}/{total} = {:.1} %", acc * 100.0);
    if acc < MIN_ACCURACY {
        failures.push(format!("overall accuracy {:.1} % < 95 %", acc * 100.0));
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

#[test]
fn scope_fixtures_cover_every_category() -> Result<(), String> {
    for lang in LANGUAGES {
        let examples = load(lang)?;
        for cat in [
            ScopeCategory::SmallHelp,
            ScopeCategory::Structural,
            ScopeCategory::Heavy,
            ScopeCategory::PersonalCare,
        ] {
            let n = examples.iter().filter(|e| e.expected == cat).count();
            if n < 5 {
                return Err(format!("{lang}: only {n} examples of {cat:?}"));
            }
        }
    }
    Ok(())
}

/// The tuning part of the real-world set (fixtures/scope/real/tune.jsonl, issue 17): per
/// language, at least 90 % of out-of-scope requests caught (referred or flagged for
/// review) and 90 % of small help accepted without review. The held-out part is only
/// reported (`nabij scope --eval fixtures/scope/real/heldout.jsonl`), never asserted.
#[test]
fn real_tuning_set_reaches_the_issue_targets() -> Result<(), String> {
    use nabij_engine::scope::eval::{percent, EvalReport};
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/scope/real/tune.jsonl");
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut report = EvalReport::default();
    for (n, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let row: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("tune.jsonl:{}: {e}", n + 1))?;
        let expected: ScopeCategory = serde_json::from_value(row["expected"].clone())
            .map_err(|e| format!("tune.jsonl:{}: {e}", n + 1))?;
        let verdict = classify(&ScopeInput {
            text: row["text"].as_str().unwrap_or_default(),
            ..ScopeInput::default()
        });
        report.add(row["lang"].as_str().unwrap_or("?"), expected, &verdict);
    }
    let mut failures = Vec::new();
    for lang in LANGUAGES {
        let t = report.by_lang.get(lang).ok_or(format!("no {lang} rows"))?;
        let caught = percent(t.out_caught(), t.out_total());
        let clean = percent(t.small_clean(), t.small_total());
        println!("[{lang}] caught {caught:.1} %, small help accepted {clean:.1} %");
        if caught < 90.0 || clean < 90.0 {
            failures.push(format!("{lang}: caught {caught:.1} %, accepted {clean:.1} %"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}
