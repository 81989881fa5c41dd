//! Prints the rows of a labelled scope set the guard does not handle as labelled, with the
//! verdict's reasons, and the summary figures: a tuning aid (`nabij scope --eval` is the
//! user-facing report).
//!
//! `cargo run -p nabij-engine --example scope_misses -- fixtures/scope/real/tune.jsonl`

use nabij_engine::scope::eval::{percent, EvalReport};
use nabij_engine::scope::{classify, ScopeCategory, ScopeInput};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: scope_misses FILE.jsonl");
        std::process::exit(2);
    };
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut report = EvalReport::default();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        let text = row["text"].as_str().unwrap_or_default();
        let expected: ScopeCategory =
            serde_json::from_value(row["expected"].clone()).unwrap_or(ScopeCategory::SmallHelp);
        let lang = row["lang"].as_str().unwrap_or("?");
        let v = classify(&ScopeInput {
            text,
            kind: serde_json::from_value(row["kind"].clone()).ok(),
            recurrence: serde_json::from_value(row["recurrence"].clone()).ok(),
            duration_minutes: row["duration_minutes"]
                .as_u64()
                .and_then(|d| u32::try_from(d).ok()),
        });
        report.add(lang, expected, &v);
        let ok = if expected == ScopeCategory::SmallHelp {
            v.in_scope && !v.needs_review
        } else {
            !v.in_scope || v.needs_review
        };
        if !ok || v.category != expected {
            println!(
                "{} {} -> {}{}: {}",
                row["id"].as_str().unwrap_or("?"),
                expected.code(),
                v.category.code(),
                if v.needs_review { " (review)" } else { "" },
                text
            );
            for r in &v.reasons {
                println!("      {}", serde_json::to_string(r).unwrap_or_default());
            }
        }
    }
    for (lang, t) in report
        .by_lang
        .iter()
        .chain([(&"all".to_owned(), &report.overall)])
    {
        println!(
            "{lang}: exact {:.1} %, caught {}/{} ({:.1} %), clean {}/{} ({:.1} %)",
            percent(t.exact, t.total),
            t.out_caught(),
            t.out_total(),
            percent(t.out_caught(), t.out_total()),
            t.small_clean(),
            t.small_total(),
            percent(t.small_clean(), t.small_total())
        );
    }
}
