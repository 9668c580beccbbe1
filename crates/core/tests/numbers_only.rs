//! `compute_numbers` (the CLI's CSV, text and check path) gives the report `compute` gives, with
//! every trail left empty and nothing else different.

use jianpai_core::report::compute_numbers;
use jianpai_core::{compute, load};

#[test]
fn numbers_only_is_the_full_report_without_trails() {
    let text = include_str!("../data/sample.json");
    let file = load(text).expect("the sample loads");
    let full = compute(&file).expect("the sample computes");
    let numbers = compute_numbers(&file).expect("the sample computes");
    assert!(
        full.projects.iter().all(|p| !p.trail.is_empty()),
        "every project has a trail"
    );
    assert!(
        numbers.projects.iter().all(|p| p.trail.is_empty()),
        "no trail is kept"
    );
    let mut stripped = full.clone();
    for p in &mut stripped.projects {
        p.trail.clear();
    }
    assert_eq!(
        serde_json::to_value(&numbers).unwrap(),
        serde_json::to_value(&stripped).unwrap()
    );
    // The CSV and the text report read no trail: byte for byte the same.
    for lang in [jianpai_core::Lang::Zh, jianpai_core::Lang::En] {
        assert_eq!(
            jianpai_core::export::csv(&numbers, lang),
            jianpai_core::export::csv(&full, lang)
        );
        assert_eq!(
            jianpai_core::export::text(&numbers, lang),
            jianpai_core::export::text(&full, lang)
        );
    }
}
