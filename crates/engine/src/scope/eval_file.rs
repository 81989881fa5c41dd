//! The figures of `nabij scope --eval FILE` without building the command: an ignored test
//! that reads the labelled JSON-lines file named by `SCOPE_EVAL_FILE` and prints, per
//! language and over all, out-of-scope requests caught, small help accepted without
//! review, exact accuracy, the figures per category and the confusion matrix. It prints no
//! row (held-out files are reported in aggregate only).
//!
//! `SCOPE_EVAL_FILE=fixtures/scope/real/heldout3.jsonl cargo test -p nabij-engine --lib
//! scope::eval_file -- --ignored --nocapture`

use super::eval::{percent, EvalReport, Tally, CATEGORIES};
use super::{classify, ScopeCategory, ScopeInput};

fn line(name: &str, t: &Tally) -> String {
    format!(
        "{name:>4}: caught {}/{} ({:.1} %)  accepted {}/{} ({:.1} %)  exact {}/{} ({:.1} %)",
        t.out_caught(),
        t.out_total(),
        percent(t.out_caught(), t.out_total()),
        t.small_clean(),
        t.small_total(),
        percent(t.small_clean(), t.small_total()),
        t.exact,
        t.total,
        percent(t.exact, t.total)
    )
}

fn categories(t: &Tally) -> String {
    let mut s = String::new();
    for c in CATEGORIES {
        s.push_str(&format!(
            "      {:<13} handled {}/{} ({:.1} %), exact {}, flagged {}\n",
            c.code(),
            t.handled(c),
            t.labelled(c),
            percent(t.handled(c), t.labelled(c)),
            t.right(c),
            t.reviewed(c)
        ));
    }
    s.push_str("      confusion (rows: label; columns: small, structural, heavy, care)\n");
    for (c, row) in CATEGORIES.iter().zip(t.confusion.iter()) {
        s.push_str(&format!("      {:<13} {:?}\n", c.code(), row));
    }
    s
}

#[test]
#[ignore = "measures a labelled file named by SCOPE_EVAL_FILE; run by hand"]
fn eval_file() -> Result<(), String> {
    let Ok(path) = std::env::var("SCOPE_EVAL_FILE") else {
        return Ok(());
    };
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    let raw = std::fs::read_to_string(&path)
        .or_else(|_| std::fs::read_to_string(format!("{root}{path}")))
        .map_err(|e| format!("{path}: {e}"))?;
    let misses = std::env::var("SCOPE_EVAL_MISSES").is_ok() && !path.contains("heldout3");
    let rules_only = std::env::var("SCOPE_EVAL_RULES").is_ok();
    let mut report = EvalReport::default();
    for l in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(l).map_err(|e| format!("{path}: {e}"))?;
        let expected: ScopeCategory =
            serde_json::from_value(v["expected"].clone()).map_err(|e| format!("{path}: {e}"))?;
        let input = ScopeInput {
            text: v["text"].as_str().unwrap_or_default(),
            ..ScopeInput::default()
        };
        let mut verdict = classify(&input);
        if rules_only {
            let part = super::rules_part(&input);
            verdict.category = part.category;
            verdict.in_scope = part.category == ScopeCategory::SmallHelp;
            verdict.needs_review = part.review.is_some();
        }
        report.add(v["lang"].as_str().unwrap_or("?"), expected, &verdict);
        let handled = if expected == ScopeCategory::SmallHelp {
            verdict.in_scope && !verdict.needs_review
        } else {
            !verdict.in_scope || verdict.needs_review
        };
        // Misses are listed for tuning files only, never for a held-out part.
        if misses && (!handled || verdict.category != expected) {
            println!(
                "MISS {} {} -> {}{} | {}",
                v["id"].as_str().unwrap_or("?"),
                expected.code(),
                verdict.category.code(),
                if verdict.needs_review { " (review)" } else { "" },
                v["text"].as_str().unwrap_or_default()
            );
            if std::env::var("SCOPE_EVAL_WHY").is_ok() {
                let part = super::rules_part(&input);
                for e in part.evidence.iter().filter(|e| e.active()) {
                    println!("      {:?} {} {:?}", e.signal, e.weight, e.source);
                }
            }
        }
    }
    println!("{path}");
    for (lang, t) in &report.by_lang {
        println!("{}", line(lang, t));
        print!("{}", categories(t));
    }
    println!("{}", line("all", &report.overall));
    print!("{}", categories(&report.overall));
    Ok(())
}
