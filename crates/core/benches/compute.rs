//! Computing a 10,000-project file natively: load (decode + validate) and compute, with trails
//! and numbers only.

use criterion::{criterion_group, criterion_main, Criterion};
use jianpai_core::register::{EntryResult, Register};
use jianpai_core::report::compute_numbers;
use jianpai_core::{compute, load, ProjectFile, Valid, SAMPLE_FILE};
use std::collections::HashMap;
use std::hint::black_box;
use std::sync::Arc;

/// The sample's projects repeated to 10,000, with unique ids and enterprises.
fn big_file() -> Valid<ProjectFile> {
    let sample = load(SAMPLE_FILE).expect("sample loads").into_inner();
    let mut file = ProjectFile {
        projects: Vec::with_capacity(10_000),
        ..sample.clone()
    };
    for i in 0..10_000 {
        let mut p = sample.projects[i % sample.projects.len()].clone();
        p.id = format!("p{i:05}").into();
        // Distinct projects, as a county's are: copies of the sample's one named enterprise would
        // all be double-counting pairs of each other (≈94,000 at 10,000; tests/e2e/harness.mjs's
        // `bigRegister` numbers them the same way).
        if let Some(e) = &mut p.enterprise {
            e.push_str(&format!(" #{}", i + 1));
        }
        file.projects.push(p);
    }
    file.validate().expect("the big file is valid")
}

fn bench(c: &mut Criterion) {
    let file = big_file();
    let text = file.to_json();
    let mut g = c.benchmark_group("10k projects");
    g.sample_size(10);
    g.bench_function("compute", |b| {
        b.iter(|| compute(black_box(&file)).expect("computes"))
    });
    // The numbers without any trail text (CSV, text report, check; issue 8's 5 ms budget).
    g.bench_function("compute numbers", |b| {
        b.iter(|| compute_numbers(black_box(&file)).expect("computes"))
    });
    g.bench_function("load + compute", |b| {
        b.iter(|| compute(&load(black_box(&text)).expect("loads")).expect("computes"))
    });
    // A register after an edit of one project: every other project's result is reused.
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let register = Register::read(&value).expect("register");
    let first = register.compute();
    let by_ptr: HashMap<usize, EntryResult> = register
        .projects
        .iter()
        .zip(&first.results)
        .map(|(e, r)| (Arc::as_ptr(e) as usize, r.clone()))
        .collect();
    g.bench_function("register recompute, all cached", |b| {
        b.iter(|| register.compute_with(&|e| by_ptr.get(&(Arc::as_ptr(e) as usize)).cloned()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
