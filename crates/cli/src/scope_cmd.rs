//! `nabij scope`: the scope guard on the command line.
//!
//! Contract (scripts depend on it):
//! - `nabij scope "<text>" [--kind emotional|companionship|practical] [--json] [--lang nl|fr|en]`
//! - `nabij scope --jsonl [--lang nl|fr|en]` reads JSON lines `{"text": "...", "kind": "..."}`
//!   (kind optional) from stdin and writes one JSON line per input line, in order, with at
//!   least `{"in_scope", "category", "reasons"}`; a bad line gets an error object and the
//!   run goes on.
//! - `reasons` is a list of strings in `--lang` (Dutch by default); JSON output also has
//!   `reasons_i18n`, the same reasons as `{"nl", "fr", "en"}` objects, and `needs_review`.
//! - `nabij scope --eval FILE [--json] [--misses]` measures the guard against a labelled
//!   JSON-lines file (see [`crate::scope_eval`]).

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use nabij_engine::scope::{classify, Recurrence, ScopeInput, ScopeVerdict};
use nabij_engine::RequestKind;
use nabij_i18n::{render_phrase, render_reason, Locale};
use serde::Deserialize;
use serde_json::json;
use std::io::{BufRead, Write};
use std::process::ExitCode;

#[derive(Args)]
pub struct ScopeArgs {
    /// The request text (Dutch, French or English).
    text: Option<String>,
    /// The kind of request, when known.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Print the verdict as one JSON object.
    #[arg(long)]
    json: bool,
    /// Read JSON lines from stdin and write one verdict per line.
    #[arg(long, conflicts_with_all = ["text", "kind", "json"])]
    jsonl: bool,
    /// Measure the guard against a labelled JSON-lines file (`text`, `expected`, `lang`).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["text", "kind", "jsonl"])]
    eval: Option<std::path::PathBuf>,
    /// With --eval: list the requests the guard got wrong.
    #[arg(long, requires = "eval")]
    misses: bool,
    /// The language of the reasons.
    #[arg(long, value_enum, default_value = "nl")]
    lang: LangArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Nl,
    Fr,
    En,
}

impl LangArg {
    fn code(self) -> &'static str {
        match self {
            LangArg::Nl => "nl",
            LangArg::Fr => "fr",
            LangArg::En => "en",
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Emotional,
    Companionship,
    Practical,
}

impl From<KindArg> for RequestKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Emotional => RequestKind::Emotional,
            KindArg::Companionship => RequestKind::Companionship,
            KindArg::Practical => RequestKind::Practical,
        }
    }
}

/// One input line of `--jsonl`. Other fields (an `expected` label, an id) are ignored,
/// so labelled files can be fed in as they are.
#[derive(Deserialize)]
struct Line {
    text: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    recurrence: Option<Recurrence>,
    #[serde(default)]
    duration_minutes: Option<u32>,
}

/// Longest text accepted, in bytes (a request is a few sentences).
const MAX_TEXT: usize = 10_000;

pub fn run(args: &ScopeArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.eval {
        let ev = crate::scope_eval::evaluate(path)?;
        if args.json {
            println!("{}", crate::scope_eval::render_json(&ev, args.misses));
        } else {
            print!("{}", crate::scope_eval::render_text(&ev, args.misses));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.jsonl {
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        run_jsonl(stdin.lock(), stdout.lock(), args.lang.code())?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(text) = args.text.as_deref() else {
        bail!("give a request text, or --jsonl to read JSON lines from stdin");
    };
    if text.len() > MAX_TEXT {
        bail!("the text is longer than {MAX_TEXT} bytes");
    }
    let verdict = classify(&ScopeInput {
        text,
        kind: args.kind.map(Into::into),
        ..ScopeInput::default()
    });
    if args.json {
        println!(
            "{}",
            serde_json::to_string(&verdict_json(&verdict, args.lang.code()))?
        );
    } else {
        let label = if verdict.in_scope {
            "in scope"
        } else {
            "out of scope: refer"
        };
        let review = if verdict.needs_review {
            ", needs review"
        } else {
            ""
        };
        println!("{} ({label}{review})", category_code(&verdict));
        for r in &verdict.reasons {
            println!(
                "  - {}",
                render_reason(Locale::parse_or_default(args.lang.code()), r)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn category_code(v: &ScopeVerdict) -> String {
    serde_json::to_value(v.category)
        .ok()
        .and_then(|c| c.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A verdict as JSON: `reasons` as strings in `lang`, `reasons_i18n` in all three.
fn verdict_json(v: &ScopeVerdict, lang: &str) -> serde_json::Value {
    let locale = Locale::parse_or_default(lang);
    let texts: Vec<String> = v.reasons.iter().map(|r| render_reason(locale, r)).collect();
    let i18n: Vec<_> = v.reasons.iter().map(render_phrase).collect();
    json!({
        "in_scope": v.in_scope,
        "category": category_code(v),
        "reasons": texts,
        "reasons_i18n": i18n,
        "overridden": v.overridden,
        "needs_review": v.needs_review,
    })
}

fn error_json(line: usize, code: &str, message: String) -> serde_json::Value {
    json!({ "line": line, "error": { "code": code, "message": message } })
}

/// Classifies one input line; errors become an error object for that line.
fn classify_line(n: usize, raw: &str, lang: &str) -> serde_json::Value {
    let line: Line = match serde_json::from_str(raw) {
        Ok(l) => l,
        Err(e) => {
            return error_json(
                n,
                "malformed_line",
                format!("not a JSON object with a `text`: {e}"),
            )
        }
    };
    if line.text.len() > MAX_TEXT {
        return error_json(
            n,
            "text_too_long",
            format!("text is longer than {MAX_TEXT} bytes"),
        );
    }
    let kind = match line.kind.as_deref() {
        None | Some("") => None,
        Some(k) => match RequestKind::parse(k) {
            Some(kind) => Some(kind),
            None => {
                return error_json(
                    n,
                    "unknown_kind",
                    format!("unknown kind `{k}`; use emotional, companionship or practical"),
                )
            }
        },
    };
    let verdict = classify(&ScopeInput {
        text: &line.text,
        kind,
        recurrence: line.recurrence,
        duration_minutes: line.duration_minutes,
    });
    verdict_json(&verdict, lang)
}

/// Reads JSON lines and writes one verdict (or error) line per input line, in order.
/// Input that is not valid UTF-8 gets an error line too. Reasons are in `lang`.
pub fn run_jsonl(mut input: impl BufRead, mut out: impl Write, lang: &str) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    let mut n = 0usize;
    loop {
        buf.clear();
        let read = input.read_until(b'\n', &mut buf).context("reading stdin")?;
        if read == 0 {
            break;
        }
        n += 1;
        let value = match std::str::from_utf8(&buf) {
            Ok(s) if s.trim().is_empty() => error_json(n, "empty_line", "the line is empty".into()),
            Ok(s) => classify_line(n, s.trim_end_matches(['\n', '\r']), lang),
            Err(_) => error_json(n, "invalid_utf8", "the line is not valid UTF-8".into()),
        };
        serde_json::to_writer(&mut out, &value)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_answers_every_line_in_order_and_survives_bad_lines() {
        let input = concat!(
            "{\"text\": \"samen wandelen\", \"kind\": \"companionship\", \"expected\": \"small_help\"}\n",
            "not json\n",
            "{\"text\": \"x\", \"kind\": \"weird\"}\n",
            "\n",
            "{\"text\": \"elke week poetsen\"}\n"
        );
        let mut bytes = input.as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff\xfe\n");
        let mut out = Vec::new();
        assert!(run_jsonl(&bytes[..], &mut out, "fr").is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_default())
            .collect();
        assert_eq!(lines.len(), 6);
        assert!(lines[0]["in_scope"].is_boolean() && lines[0]["category"].is_string());
        assert_eq!(lines[1]["error"]["code"], "malformed_line");
        assert_eq!(lines[2]["error"]["code"], "unknown_kind");
        assert_eq!(lines[3]["error"]["code"], "empty_line");
        assert!(lines[4]["reasons"].is_array());
        assert_eq!(
            lines[4]["reasons"][0], lines[4]["reasons_i18n"][0]["fr"],
            "{}",
            lines[4]
        );
        assert!(lines[4]["reasons"][0]
            .as_str()
            .is_some_and(|r| r.contains("indique")));
        assert_eq!(lines[5]["error"]["code"], "invalid_utf8");
    }
}
