//! Criterion benches of the engine: index build, top-10 candidate query, re-scoring.
//! Run with `make bench` (or `cargo bench -p nabij-engine --bench engine`).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use nabij_engine::candidates::CandidateQuery;
use nabij_engine::synth;
use nabij_engine::{OrgIndex, Weights};

const N: usize = 100_000;

fn population() -> Vec<synth::SyntheticNeighbour> {
    let profile = synth::profile("flanders").unwrap_or_else(|e| panic!("{e}"));
    synth::population(&profile, N, 42, 1).unwrap_or_else(|e| panic!("{e}"))
}

fn benches(c: &mut Criterion) {
    let people = population();
    let profiles: Vec<_> = people.iter().map(|p| p.profile.clone()).collect();
    let requests = synth::requests(&people, 512, 42);
    let weights = Weights::default();

    c.bench_function("index_bulk_load_100k", |b| {
        b.iter_batched(|| profiles.clone(), OrgIndex::bulk_load, BatchSize::LargeInput)
    });

    let index = OrgIndex::bulk_load(profiles.clone()).unwrap_or_else(|e| panic!("{e}"));
    let mut i = 0;
    c.bench_function("top10_query_100k", |b| {
        b.iter(|| {
            i = (i + 1) % requests.len();
            index.top_candidates(&CandidateQuery {
                request: &requests[i],
                limit: 10,
                weights: &weights,
            })
        })
    });

    let lists: Vec<_> = requests
        .iter()
        .map(|r| {
            let ids: Vec<_> = index
                .top_candidates(&CandidateQuery {
                    request: r,
                    limit: 50,
                    weights: &weights,
                })
                .into_iter()
                .map(|c| c.neighbour_id)
                .collect();
            (r, ids)
        })
        .collect();
    let other = Weights {
        proximity: 0.5,
        fit: 0.2,
        ..Weights::default()
    };
    let mut j = 0;
    c.bench_function("rescore_50_candidates", |b| {
        b.iter(|| {
            j = (j + 1) % lists.len();
            index.rescore(lists[j].0, &lists[j].1, &other)
        })
    });

    let mut k = 0;
    let mut index = index;
    c.bench_function("upsert_100k", |b| {
        b.iter(|| {
            k = (k + 7919) % profiles.len();
            index.upsert(&profiles[k])
        })
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
