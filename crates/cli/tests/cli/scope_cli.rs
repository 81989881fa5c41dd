//! The `nabij scope` command-line contract, through the real binary.

use std::io::Write;
use std::process::{Command, Stdio};

fn nabij() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nabij"))
}

fn verdict(text: &str, kind: Option<&str>) -> serde_json::Value {
    let mut cmd = nabij();
    cmd.args(["scope", text, "--json"]);
    if let Some(k) = kind {
        cmd.args(["--kind", k]);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run nabij: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

#[test]
fn the_edges_named_in_the_issue() {
    let cases = [
        ("elke week samen wandelen", Some("companionship"), "small_help"),
        ("elke week poetsen", None, "structural"),
        (
            "helpen met mijn medicatie-app op de gsm",
            Some("practical"),
            "small_help",
        ),
        ("medicatie klaarzetten", None, "personal_care"),
    ];
    for (text, kind, expected) in cases {
        let v = verdict(text, kind);
        assert_eq!(v["category"], expected, "{text}: {v}");
        assert_eq!(v["in_scope"], expected == "small_help", "{text}: {v}");
        assert!(
            v["reasons"].as_array().is_some_and(|r| !r.is_empty()),
            "{text}: no reasons"
        );
    }
}

#[test]
fn jsonl_keeps_order_and_reports_bad_lines() {
    let mut child = nabij()
        .args(["scope", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run nabij: {e}"));
    let input = "{\"text\": \"help me move house\"}\n{broken\n{\"text\": \"a walk in the park\", \"kind\": \"companionship\"}\n";
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).unwrap_or_default();
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["category"], "heavy");
    assert!(lines[1]["error"].is_object());
    assert_eq!(lines[2]["category"], "small_help");
}

#[test]
fn an_unknown_kind_is_a_usage_error_not_a_crash() {
    let out = nabij()
        .args(["scope", "wandelen", "--kind", "sporty"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sporty"));
}

#[test]
fn reasons_come_in_the_chosen_language() {
    let plain = |lang: Option<&str>| {
        let mut cmd = nabij();
        cmd.args(["scope", "elke week poetsen"]);
        if let Some(l) = lang {
            cmd.args(["--lang", l]);
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let nl = plain(None);
    assert!(
        nl.contains("  - woord 'poetsen' wijst op structurele hulp"),
        "{nl}"
    );
    assert!(!nl.contains("points to") && !nl.contains(" / "), "{nl}");
    let fr = plain(Some("fr"));
    assert!(
        fr.contains("  - le mot 'poetsen' indique une aide structurelle"),
        "{fr}"
    );
    let v = verdict("elke week poetsen", None);
    let i18n = v["reasons_i18n"].as_array().cloned().unwrap_or_default();
    assert_eq!(i18n.len(), v["reasons"].as_array().map_or(0, Vec::len), "{v}");
    for (text, r) in v["reasons"].as_array().into_iter().flatten().zip(&i18n) {
        assert_eq!(text, &r["nl"], "{v}");
        assert!(r["en"].as_str().is_some_and(|t| !t.is_empty()), "{v}");
    }
}

#[test]
fn eval_reports_languages_categories_and_confusion() {
    let set = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/scope/real/tune.jsonl"
    );
    let out = nabij()
        .args(["scope", "--eval", set, "--json"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run nabij: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let rows = std::fs::read_to_string(set).unwrap_or_default().lines().count();
    assert_eq!(v["overall"]["n"], rows, "{v}");
    for lang in ["nl", "fr", "en"] {
        let t = &v["by_lang"][lang];
        let n = t["n"].as_u64().unwrap_or_default();
        let cells: u64 = t["confusion"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|r| r.as_array().into_iter().flatten())
            .filter_map(serde_json::Value::as_u64)
            .sum();
        assert!(n > 0 && cells == n, "{lang}: {t}");
        assert_eq!(
            t["out_of_scope"].as_u64().unwrap_or_default() + t["small_help"].as_u64().unwrap_or_default(),
            n
        );
    }
    assert_eq!(
        v["labels"],
        serde_json::json!(["small_help", "structural", "heavy", "personal_care"])
    );

    let out = nabij()
        .args(["scope", "--eval", set, "--misses"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run nabij: {e}"));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "out of scope caught",
        "[fr] per category",
        "confusion",
        "misses (",
    ] {
        assert!(text.contains(needle), "{needle} not in:\n{text}");
    }

    let out = nabij()
        .args(["scope", "--eval", "/nonexistent/set.jsonl"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run nabij: {e}"));
    assert!(!out.status.success());
}
