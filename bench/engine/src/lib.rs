//! The engine benchmark's shared part: the 10,000-project file (the sample's projects repeated
//! with unique ids, as in crates/core/benches/compute.rs) and a millisecond clock.
//! Run in the browser by scripts/bench.sh (`tests/engine.rs`, a release wasm-bindgen test).

use jianpai_core::{load, ProjectFile, Valid, SAMPLE_FILE};

/// The sample's projects repeated to `n`, with unique ids; valid like the sample.
pub fn big_file(n: usize) -> Valid<ProjectFile> {
    let sample = load(SAMPLE_FILE).expect("sample loads").into_inner();
    let mut file = ProjectFile {
        projects: Vec::with_capacity(n),
        ..sample.clone()
    };
    for i in 0..n {
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

/// Median of some timings (the upper one of the two middle values).
pub fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

#[cfg(target_arch = "wasm32")]
mod clock {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = performance, js_name = now)]
        fn performance_now() -> f64;
    }

    /// `performance.now()`, in milliseconds.
    pub fn now_ms() -> f64 {
        performance_now()
    }
}

#[cfg(target_arch = "wasm32")]
pub use clock::now_ms;

#[cfg(test)]
mod tests {
    #[test]
    fn the_big_file_has_n_projects_with_unique_ids() {
        let file = super::big_file(40).into_inner();
        assert_eq!(file.projects.len(), 40);
        let mut ids: Vec<&str> = file.projects.iter().map(|p| p.id.as_ref()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 40);
    }

    #[test]
    fn the_median_is_the_middle_value() {
        assert_eq!(super::median(vec![5.0, 1.0, 3.0]), 3.0);
        assert_eq!(super::median(vec![4.0, 1.0, 3.0, 2.0]), 3.0);
    }
}
