//! Criterion bench of the scope guard: one `classify` call per iteration, cycling through
//! the 670 real tuning requests of fixtures/scope/real (short lists and long posts alike), so the
//! reported time is the latency of one request. Run with
//! `cargo bench -p nabij-engine --bench scope`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nabij_engine::scope::{classify, ScopeInput};

const TUNE: &str = include_str!("../../../fixtures/scope/real/tune.jsonl");
const HELDOUT: &str = include_str!("../../../fixtures/scope/real/heldout.jsonl");
const TUNE2: &str = include_str!("../../../fixtures/scope/real/tune2.jsonl");
const HELDOUT2: &str = include_str!("../../../fixtures/scope/real/heldout2.jsonl");
const TUNE3: &str = include_str!("../../../fixtures/scope/real/tune3.jsonl");

fn texts() -> Vec<String> {
    TUNE.lines()
        .chain(HELDOUT.lines())
        .chain(TUNE2.lines())
        .chain(HELDOUT2.lines())
        .chain(TUNE3.lines())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect()
}

fn benches(c: &mut Criterion) {
    let texts = texts();
    // The learned model trains on first use; train it before measuring.
    classify(&ScopeInput::default());
    classify(&ScopeInput {
        text: "warm-up",
        ..ScopeInput::default()
    });
    assert!(texts.len() >= 660, "{} texts", texts.len());
    let mut i = 0;
    c.bench_function("scope_classify_real_request", |b| {
        b.iter(|| {
            i = (i + 1) % texts.len();
            classify(black_box(&ScopeInput {
                text: &texts[i],
                ..ScopeInput::default()
            }))
        })
    });
    let long = texts.iter().max_by_key(|t| t.len()).cloned().unwrap_or_default();
    let post = [long.as_str(); 8].join(" ");
    c.bench_function("scope_classify_long_post", |b| {
        b.iter(|| {
            classify(black_box(&ScopeInput {
                text: &post,
                ..ScopeInput::default()
            }))
        })
    });
}

criterion_group!(scope, benches);
criterion_main!(scope);
