//! The engine on 10,000 projects in headless Chromium (release wasm): a full compute, the numbers
//! only (no trail text: issue 8's 5 ms budget), load + compute, and a register compute. Prints
//! one `BENCH name median_ms` line per timing for scripts/bench.sh; the only assertions are that
//! the work was done (10,000 results).
#![cfg(target_arch = "wasm32")]

use jianpai_bench_engine::{big_file, median, now_ms};
use jianpai_core::register::Register;
use jianpai_core::report::compute_numbers;
use jianpai_core::{compute, load};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const N: usize = 10_000;
const RUNS: usize = 10;

/// Runs `f` RUNS times (after one warm-up) and prints the median in milliseconds.
fn time(name: &str, mut f: impl FnMut()) {
    f();
    let ms: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = now_ms();
            f();
            now_ms() - t
        })
        .collect();
    console_log!("BENCH {name} {:.3}", median(ms));
}

#[wasm_bindgen_test]
fn engine_on_10k_projects() {
    let file = big_file(N);
    let text = file.to_json();
    let report = compute(&file).expect("computes");
    assert_eq!(report.projects.len(), N);
    time("compute", || {
        std::hint::black_box(compute(&file).expect("computes"));
    });
    assert_eq!(compute_numbers(&file).expect("computes").projects.len(), N);
    time("compute-numbers", || {
        std::hint::black_box(compute_numbers(&file).expect("computes"));
    });
    time("load+compute", || {
        std::hint::black_box(compute(&load(&text).expect("loads")).expect("computes"));
    });
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let register = Register::read(&value).expect("register");
    assert_eq!(register.compute().results.len(), N);
    time("register-compute", || {
        std::hint::black_box(register.compute());
    });
}
