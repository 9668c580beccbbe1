//! `compute_numbers` (the CLI's CSV, text and check path) gives the report `compute` gives, with
//! every trail left empty and nothing else different.

use jianpai_core::report::compute_numbers;
use jianpai_core::{compute, load};
use serde_json::{json, Value};

#[test]
fn numbers_only_is_the_full_report_without_trails() {
    let text = include_str!("../../data/sample.json");
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

/// The numbers-only report equals the full one with its trails removed: every number, warning,
/// total, group, overlap and bulletin. Both results are compared whole, errors included.
fn assert_same_numbers(text: &str, what: &str) -> bool {
    let Ok(file) = load(text) else {
        return false;
    };
    match (compute(&file), compute_numbers(&file)) {
        (Ok(mut full), Ok(numbers)) => {
            assert!(
                numbers.projects.iter().all(|p| p.trail.is_empty()),
                "{what}: no trail is built"
            );
            for p in &mut full.projects {
                p.trail.clear();
            }
            assert_eq!(
                serde_json::to_value(&numbers).unwrap(),
                serde_json::to_value(&full).unwrap(),
                "{what}"
            );
            assert_eq!(numbers, full, "{what}");
            true
        }
        (full, numbers) => {
            assert_eq!(
                format!("{:?}", full.err()),
                format!("{:?}", numbers.err()),
                "{what}: the same errors"
            );
            false
        }
    }
}

#[test]
fn numbers_only_equals_the_full_report_for_every_test_file() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut computed = 0;
    for dir in [
        "crates/core/data",
        "crates/core/tests/data",
        "crates/cli/tests/data",
        "samples",
    ] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                computed += usize::from(assert_same_numbers(&text, &path.display().to_string()));
            }
        }
    }
    // The sample, bulletin_2017, overlap and the wastewater sample at least.
    assert!(computed >= 4, "only {computed} files computed");
}

/// Extra projects beside the sample's sixteen, reaching the branches the sample does not: flue
/// gas estimated from coal, measured and oil-field gas, every energy carrier, the Beijing livestock
/// set, a phase-out replaced by gas, a project's own NOₓ factor and overrides, unknown fields.
/// `current` adds those the older library cannot compute (its missing factors would be NaN).
fn extra_projects(current: bool) -> Vec<Value> {
    let ov = |id: &str, v: f64| json!({ id: { "value": v, "note": "test" } });
    let mut out = vec![
        json!({ "id": "x1", "name": "flue gas from coal", "township": "甲镇", "measure": {
            "type": "flue_gas", "coal_t": 20000, "so2_before_mg_m3": 200, "so2_after_mg_m3": 40,
            "nox_before_mg_m3": 300, "nox_after_mg_m3": 60, "typo_field": 1 } }),
        json!({ "id": "x2", "name": "coal to gas, kcal", "township": "乙镇", "start_month": 5,
            "overrides": ov("tce.raw_coal", 0.7),
            "measure": { "type": "fuel_switch", "coal_t": 3000, "sulfur_pct": 1.1,
            "coal_boiler_efficiency_pct": 65, "gas_boiler_efficiency_pct": 92,
            "gas_kind": "measured", "gas_lhv_kcal_per_m3": 8500, "gas_lhv_kj_per_m3": 35000 } }),
        json!({ "id": "x3", "name": "energy saving, many carriers", "township": "甲镇",
            "overrides": ov("co2.per_tce", 2.6),
            "measure": { "type": "energy_saving", "gas_kind": "measured", "gas_lhv_kj_per_m3": 36000,
            "saved": { "coal_t": 100, "washed_coal_t": 50, "coke_t": 20, "crude_oil_t": 10,
            "fuel_oil_t": 10, "gasoline_t": 5, "diesel_t": 5, "lpg_t": 2, "natural_gas_m3": 50000,
            "electricity_kwh": 1000000, "steam_t": 300, "heat_gj": 400, "water_t": 1000,
            "electricty_kwh": 3 } } }),
        json!({ "id": "x4", "name": "boilers replaced by gas", "township": "乙镇", "measure": {
            "type": "boiler_phaseout", "boilers": 3, "coal_t": 900, "sulfur_pct": 0.5,
            "nox_kg_per_t": 3.1, "replaced_by": "gas" } }),
        json!({ "id": "x5", "name": "own NOx factor", "measure": { "type": "denitrification",
            "coal_t": 1000, "nox_kg_per_t": 4.2, "efficiency_before_pct": 10,
            "efficiency_after_pct": 99.8, "operating_rate": 0.9 } }),
        json!({ "id": "x6", "name": "all species", "township": "丙乡", "measure": {
            "type": "livestock", "action": "treatment", "pigs": 300, "dairy_cows": 40,
            "beef_cattle": 60, "layers": 9000, "broilers": 20000, "removal_before_pct": 20,
            "removal_after_pct": 70 } }),
        json!({ "id": "x7", "name": "electricity at equal value, overridden", "overrides":
            ov("tce.electricity_equal_value", 0.3),
            "measure": { "type": "energy_saving", "saved": { "electricity_kwh": 200000 } } }),
    ];
    if current {
        out.extend([
            json!({ "id": "x8", "name": "Beijing set, oil-field gas, kerosene", "township": "丙乡",
                "overrides": ov("co2.coal_per_tce", 2.7),
                "measure": { "type": "energy_saving", "gas_kind": "oilfield",
                "saved": { "natural_gas_m3": 1000, "kerosene_t": 3, "coal_t": 10 } } }),
            json!({ "id": "x9", "name": "Beijing set", "measure": { "type": "livestock",
                "action": "treatment", "coefficient_set": "beijing_measured", "pigs": 2000,
                "removal_after_pct": 60 } }),
            json!({ "id": "x10", "name": "a year row overridden", "overrides":
                ov("tce.electricity_equal_value.2020", 0.29),
                "measure": { "type": "fuel_switch", "coal_t": 100, "sulfur_pct": 1,
                "coal_boiler_efficiency_pct": 70, "gas_boiler_efficiency_pct": 90,
                "gas_kind": "oilfield" } }),
        ]);
    }
    out
}

#[test]
fn numbers_only_equals_the_full_report_for_every_measure_year_and_library() {
    let sample: Value = serde_json::from_str(include_str!("../../data/sample.json")).unwrap();
    let per_tce = json!({ "co2.per_tce": { "value": 2.493, "note": "county" } });
    let row = json!({ "tce.electricity_equal_value.2017": { "value": 0.31, "note": "row" } });
    let mut computed = 0;
    for library in [None, Some("2026.11-2")] {
        for year in [None, Some(2004), Some(2011), Some(2021), Some(2031)] {
            for basis in ["equivalent", "equal_value"] {
                for overrides in [json!({}), per_tce.clone(), row.clone()] {
                    if library.is_some() && overrides == row {
                        continue; // the older library has no year rows
                    }
                    let mut file = sample.clone();
                    let projects = file["projects"].as_array_mut().unwrap();
                    if library.is_some() {
                        // A VOCs treatment's capture type and a rural sewage project's water use
                        // by default pick entries of the current library only (an older one
                        // refuses them, tests/it/vocs_measures.rs, water_measures.rs).
                        projects.retain(|p| {
                            p["measure"]["type"] != "vocs_treatment"
                                && p["measure"]["type"] != "rural_sewage"
                        });
                    }
                    projects.extend(extra_projects(library.is_none()));
                    file["settings"]["electricity_basis"] = json!(basis);
                    file["overrides"] = overrides;
                    file["year"] = json!(year);
                    if let Some(v) = library {
                        file["factor_library"] = json!(v);
                    }
                    let what = format!("{library:?} {year:?} {basis} {}", file["overrides"]);
                    assert!(
                        assert_same_numbers(&file.to_string(), &what),
                        "{what}: computes"
                    );
                    computed += 1;
                }
            }
        }
    }
    assert_eq!(computed, 5 * 2 * 3 + 5 * 2 * 2);
}

#[test]
fn each_project_gives_computes_projects_with_their_trails_in_order() {
    let file = load(include_str!("../../data/sample.json")).expect("the sample loads");
    let full = compute(&file).expect("the sample computes");
    let mut one_by_one = Vec::new();
    jianpai_core::report::each_project(&file, |p| {
        one_by_one.push(p);
        true
    })
    .expect("computes");
    assert_eq!(one_by_one, full.projects);
    let mut first_two = 0;
    jianpai_core::report::each_project(&file, |_| {
        first_two += 1;
        first_two < 2
    })
    .expect("computes");
    assert_eq!(first_two, 2, "stops when asked");
}

/// `compute_numbers_without_overlaps` (the CLI's CSV) is `compute_numbers` with `overlaps` left
/// empty and nothing else different, so the CSV is byte for byte the same; on a register where
/// one enterprise's projects repeat (the sample three times over: its projects at one enterprise
/// and township pair up across the copies).
#[test]
fn without_overlaps_only_the_pairs_are_left_out() {
    let mut sample: Value = serde_json::from_str(include_str!("../../data/sample.json")).unwrap();
    let projects = sample["projects"].as_array().unwrap().clone();
    let mut all = Vec::new();
    for copy in 0..3 {
        for p in &projects {
            let mut p = p.clone();
            p["id"] = json!(format!("{}-{copy}", p["id"].as_str().unwrap()));
            all.push(p);
        }
    }
    sample["projects"] = Value::Array(all);
    let file = load(&sample.to_string()).expect("the tripled sample loads");
    let numbers = compute_numbers(&file).unwrap();
    let without = jianpai_core::report::compute_numbers_without_overlaps(&file).unwrap();
    // At least the three copies of a project at an enterprise pair up: 3 pairs each.
    assert!(numbers.overlaps.len() >= 3, "{}", numbers.overlaps.len());
    assert!(without.overlaps.is_empty());
    let mut expected = numbers.clone();
    expected.overlaps.clear();
    assert_eq!(
        serde_json::to_value(&without).unwrap(),
        serde_json::to_value(&expected).unwrap()
    );
    for lang in [jianpai_core::Lang::Zh, jianpai_core::Lang::En] {
        assert_eq!(
            jianpai_core::export::csv(&without, lang),
            jianpai_core::export::csv(&numbers, lang)
        );
    }
}
