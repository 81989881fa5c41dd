//! `nabij scope --eval FILE`: the scope guard against a labelled JSON-lines file.
//!
//! Each line: `{"text": "...", "expected": "small_help|structural|heavy|personal_care"}`,
//! optionally with `lang` (rows without one count under `?`), `id`, `kind`, `recurrence`
//! and `duration_minutes`; other fields (a source, a split) are ignored. A line that does
//! not parse stops the run with its line number: a labelled set must be clean.
//!
//! Prints, per language and over all: exact accuracy, out-of-scope requests caught
//! (referred, or flagged for review) and small help accepted without review, accuracy per
//! category, and the confusion matrix (rows: label; columns: verdict). `--json` prints the
//! same as one object; `--misses` lists the rows the guard got wrong.

use anyhow::{bail, Context};
use nabij_engine::scope::eval::{percent, EvalReport, Tally, CATEGORIES};
use nabij_engine::scope::{classify, Recurrence, ScopeCategory, ScopeInput, ScopeVerdict};
use nabij_engine::RequestKind;
use nabij_i18n::{render_reason, Locale};
use serde::Deserialize;
use serde_json::json;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Deserialize)]
struct Row {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    text: String,
    expected: ScopeCategory,
    #[serde(default)]
    kind: Option<RequestKind>,
    #[serde(default)]
    recurrence: Option<Recurrence>,
    #[serde(default)]
    duration_minutes: Option<u32>,
}

/// A row the guard did not handle as its label asks (wrong side of the line, or flagged
/// small help), with the verdict.
pub struct Miss {
    pub id: String,
    pub lang: String,
    pub expected: ScopeCategory,
    pub text: String,
    pub verdict: ScopeVerdict,
}

/// The outcome of one evaluation run.
pub struct Evaluation {
    pub file: String,
    pub report: EvalReport,
    pub misses: Vec<Miss>,
}

/// Classifies every row of a labelled JSON-lines file.
pub fn evaluate(path: &Path) -> anyhow::Result<Evaluation> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut report = EvalReport::default();
    let mut misses = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Row = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a labelled row", path.display(), n + 1))?;
        let verdict = classify(&ScopeInput {
            text: &row.text,
            kind: row.kind,
            recurrence: row.recurrence,
            duration_minutes: row.duration_minutes,
        });
        let lang = row.lang.unwrap_or_else(|| "?".to_owned());
        report.add(&lang, row.expected, &verdict);
        let handled = if row.expected == ScopeCategory::SmallHelp {
            verdict.in_scope && !verdict.needs_review
        } else {
            !verdict.in_scope || verdict.needs_review
        };
        if !handled || verdict.category != row.expected {
            misses.push(Miss {
                id: row.id.unwrap_or_else(|| format!("line {}", n + 1)),
                lang,
                expected: row.expected,
                text: row.text,
                verdict,
            });
        }
    }
    if report.overall.total == 0 {
        bail!("{} has no labelled rows", path.display());
    }
    Ok(Evaluation {
        file: path.display().to_string(),
        report,
        misses,
    })
}

fn ratio(part: u32, whole: u32) -> String {
    format!("{part}/{whole} ({:.1} %)", percent(part, whole))
}

/// The evaluation as text: a summary table, per-category figures and confusion matrices.
pub fn render_text(ev: &Evaluation, with_misses: bool) -> String {
    let mut out = String::new();
    let all = &ev.report.overall;
    let _ = writeln!(out, "scope evaluation of {} ({} requests)\n", ev.file, all.total);
    let _ = writeln!(
        out,
        "{:<6} {:>5}  {:<18} {:<22} {:<22}",
        "lang", "n", "exact", "out of scope caught", "small help accepted"
    );
    let langs = ev.report.by_lang.iter().map(|(l, t)| (l.as_str(), t));
    for (lang, t) in langs.chain(std::iter::once(("all", all))) {
        let _ = writeln!(
            out,
            "{:<6} {:>5}  {:<18} {:<22} {:<22}",
            lang,
            t.total,
            ratio(t.exact, t.total),
            ratio(t.out_caught(), t.out_total()),
            ratio(t.small_clean(), t.small_total()),
        );
    }
    let _ = writeln!(
        out,
        "\n(caught: referred or flagged for review; accepted: in scope and not flagged)"
    );
    let langs = ev.report.by_lang.iter().map(|(l, t)| (l.as_str(), t));
    for (lang, t) in std::iter::once(("all", all)).chain(langs) {
        let _ = writeln!(out, "\n[{lang}] per category");
        let _ = writeln!(
            out,
            "  {:<14} {:>4}  {:<18} {:<20} {:>7}",
            "label", "n", "exact", "caught / accepted", "review"
        );
        for c in CATEGORIES {
            let _ = writeln!(
                out,
                "  {:<14} {:>4}  {:<18} {:<20} {:>7}",
                c.code(),
                t.labelled(c),
                ratio(t.right(c), t.labelled(c)),
                ratio(t.handled(c), t.labelled(c)),
                t.reviewed(c),
            );
        }
        out.push_str(&confusion_text(t));
    }
    if with_misses {
        let _ = writeln!(out, "\nmisses ({}):", ev.misses.len());
        for m in &ev.misses {
            let review = if m.verdict.needs_review { " (review)" } else { "" };
            let _ = writeln!(
                out,
                "  {} [{}] {} -> {}{}: {}",
                m.id,
                m.lang,
                m.expected.code(),
                m.verdict.category.code(),
                review,
                m.text
            );
            if let Some(r) = m.verdict.reasons.first() {
                let _ = writeln!(out, "      {}", render_reason(Locale::En, r));
            }
        }
    }
    out
}

fn confusion_text(t: &Tally) -> String {
    let mut out = String::from("  confusion (rows: label, columns: verdict)\n");
    let _ = write!(out, "  {:<14}", "");
    for c in CATEGORIES {
        let _ = write!(out, " {:>13}", c.code());
    }
    out.push('\n');
    for (c, row) in CATEGORIES.iter().zip(t.confusion.iter()) {
        let _ = write!(out, "  {:<14}", c.code());
        for n in row {
            let _ = write!(out, " {n:>13}");
        }
        out.push('\n');
    }
    out
}

fn tally_json(t: &Tally) -> serde_json::Value {
    let per_category: serde_json::Map<String, serde_json::Value> = CATEGORIES
        .iter()
        .map(|&c| {
            (
                c.code().to_owned(),
                json!({
                    "n": t.labelled(c),
                    "exact": t.right(c),
                    "handled": t.handled(c),
                    "needs_review": t.reviewed(c),
                }),
            )
        })
        .collect();
    json!({
        "n": t.total,
        "exact": t.exact,
        "exact_percent": percent(t.exact, t.total),
        "out_of_scope": t.out_total(),
        "out_of_scope_caught": t.out_caught(),
        "out_of_scope_caught_percent": percent(t.out_caught(), t.out_total()),
        "small_help": t.small_total(),
        "small_help_accepted": t.small_clean(),
        "small_help_accepted_percent": percent(t.small_clean(), t.small_total()),
        "per_category": per_category,
        "confusion": t.confusion,
    })
}

/// The evaluation as one JSON object; `confusion` rows and columns follow `labels`.
pub fn render_json(ev: &Evaluation, with_misses: bool) -> serde_json::Value {
    let by_lang: serde_json::Map<String, serde_json::Value> = ev
        .report
        .by_lang
        .iter()
        .map(|(l, t)| (l.clone(), tally_json(t)))
        .collect();
    let mut v = json!({
        "file": ev.file,
        "labels": CATEGORIES.iter().map(|c| c.code()).collect::<Vec<_>>(),
        "overall": tally_json(&ev.report.overall),
        "by_lang": by_lang,
    });
    if with_misses {
        v["misses"] = ev
            .misses
            .iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "lang": m.lang,
                    "expected": m.expected.code(),
                    "category": m.verdict.category.code(),
                    "needs_review": m.verdict.needs_review,
                    "text": m.text,
                    "reasons": m.verdict.reasons.iter().map(|r| render_reason(Locale::En, r)).collect::<Vec<_>>(),
                })
            })
            .collect();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluates_a_small_labelled_file() {
        let dir = std::env::temp_dir().join(format!("nabij-scope-eval-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("set.jsonl");
        let rows = concat!(
            "{\"id\": \"a\", \"lang\": \"nl\", \"text\": \"elke week poetsen\", \"expected\": \"structural\"}\n",
            "{\"id\": \"b\", \"lang\": \"nl\", \"text\": \"samen wandelen\", \"expected\": \"small_help\", \"source\": {\"url\": \"x\"}}\n",
            "\n",
            "{\"id\": \"c\", \"lang\": \"en\", \"text\": \"a walk in the park\", \"expected\": \"personal_care\"}\n",
        );
        assert!(std::fs::write(&path, rows).is_ok());
        let ev = evaluate(&path).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(ev.report.overall.total, 3);
        assert_eq!(ev.report.by_lang["nl"].exact, 2);
        assert_eq!(ev.misses.len(), 1);
        assert_eq!(ev.misses[0].id, "c");
        let text = render_text(&ev, true);
        assert!(text.contains("1/1 (100.0 %)"), "{text}");
        assert!(text.contains("confusion"), "{text}");
        assert!(text.contains("c [en] personal_care -> small_help"), "{text}");
        let v = render_json(&ev, true);
        assert_eq!(v["overall"]["n"], 3);
        assert_eq!(v["by_lang"]["en"]["out_of_scope_caught"], 0);
        assert_eq!(v["overall"]["confusion"][3][0], 1);
        assert_eq!(v["labels"][3], "personal_care");
        assert_eq!(v["misses"][0]["id"], "c");

        assert!(std::fs::write(&path, "{\"text\": \"x\", \"expected\": \"huge\"}\n").is_ok());
        let err = evaluate(&path)
            .err()
            .map(|e| format!("{e:#}"))
            .unwrap_or_default();
        assert!(err.contains(":1:"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
