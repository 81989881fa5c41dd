//! The soak's summary: one JSON document (for the record) and a table (for people).

use crate::soak::{Part, PartName};
use serde_json::{json, Value};
use std::fmt::Write as _;

pub(crate) fn part_name(p: PartName) -> &'static str {
    match p {
        PartName::LoadSqlite => "load_sqlite",
        PartName::LoadPostgres => "load_postgresql",
        PartName::Crash => "crash_consistency",
        PartName::PgOutage => "postgresql_outage",
        PartName::SmtpOutage => "smtp_outage",
    }
}

pub(crate) fn json(parts: &[Part], before: Value, after: Value, seconds: f64) -> Value {
    let mut out = json!({
        "passed": parts.iter().all(Part::ok),
        "seconds": seconds.round(),
        "machine_before": before,
        "machine_after": after,
    });
    for p in parts {
        out[p.name] = json!({
            "passed": p.ok(),
            "seconds": p.seconds.round(),
            "loadavg_before": p.loadavg.0,
            "loadavg_after": p.loadavg.1,
            "checks": p.checks.iter().map(|c| json!({
                "check": c.what, "ok": c.ok, "detail": c.detail,
            })).collect::<Vec<_>>(),
            "figures": p.figures,
        });
    }
    out
}

pub(crate) fn table(parts: &[Part]) -> String {
    let mut t = String::new();
    for p in parts {
        let verdict = if p.ok() { "PASS" } else { "FAIL" };
        let _ = writeln!(
            t,
            "\n== {} ({:.0} s, load average {} → {}): {verdict}",
            p.name, p.seconds, p.loadavg.0, p.loadavg.1
        );
        for l in &p.lines {
            let _ = writeln!(t, "   {l}");
        }
        for c in &p.checks {
            let mark = if c.ok { "ok  " } else { "FAIL" };
            let _ = writeln!(t, "   [{mark}] {}: {}", c.what, c.detail);
        }
    }
    t
}

/// The per-route lines of a load table.
pub(crate) fn route_lines(
    routes: &std::collections::BTreeMap<crate::soak::mix::Route, Value>,
) -> Vec<String> {
    let mut lines = vec![format!(
        "{:<36} {:>8} {:>8} {:>7} {:>5} {:>8} {:>8} {:>8}",
        "route", "req/s", "2xx", "4xx", "5xx", "p50 ms", "p99 ms", "max ms"
    )];
    for v in routes.values() {
        lines.push(format!(
            "{:<36} {:>8.1} {:>8} {:>7} {:>5} {:>8.2} {:>8.2} {:>8.1}",
            v["route"].as_str().unwrap_or(""),
            v["per_s"].as_f64().unwrap_or(0.0),
            v["2xx"].as_u64().unwrap_or(0),
            v["4xx"].as_u64().unwrap_or(0),
            v["5xx"].as_u64().unwrap_or(0) + v["no_answer"].as_u64().unwrap_or(0),
            v["p50_ms"].as_f64().unwrap_or(f64::NAN),
            v["p99_ms"].as_f64().unwrap_or(f64::NAN),
            v["max_ms"].as_f64().unwrap_or(f64::NAN),
        ));
    }
    lines
}
