//! `nabij simulate --seeds N --json`: every policy, every measure, with an interval.

use std::process::Command;

#[test]
fn seeds_json_has_every_policy_and_measure_with_an_interval() {
    let out = Command::new(env!("CARGO_BIN_EXE_nabij"))
        .args([
            "simulate",
            "--profile",
            "deerlijk",
            "--months",
            "2",
            "--seeds",
            "3",
            "--residents",
            "150",
            "--json",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run nabij: {e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let measures = [
        "match_rate",
        "median_days_to_match",
        "median_distance_m",
        "frequent_askers_gave_share",
        "top10_helpers_share",
        "gini_active",
        "gini_registered",
        "ever_helped_share",
        "helper_retention",
        "ties_continued_share",
    ];
    for p in [
        "engine",
        "regulars",
        "greedy_nearest",
        "random_within_radius",
        "first_come",
    ] {
        for m in measures {
            let i = &v["policies"][p][m];
            let (mean, lo, hi) = (i["mean"].as_f64(), i["lo"].as_f64(), i["hi"].as_f64());
            assert!(
                matches!((mean, lo, hi), (Some(a), Some(l), Some(h)) if l <= a && a <= h),
                "{p}.{m}: {i}"
            );
        }
    }
    assert_eq!(v["seeds"], 3);
}

#[test]
fn bad_input_is_refused_without_a_panic() {
    for args in [
        vec!["simulate", "--profile", "atlantis", "--seeds", "2"],
        vec!["simulate", "--seeds", "0"],
        vec!["simulate", "--set", "help_back=7", "--seeds", "2"],
        vec!["simulate", "--set", "nonsense"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_nabij"))
            .args(&args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run nabij: {e}"));
        assert!(!out.status.success(), "{args:?}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "{args:?}"
        );
    }
}
