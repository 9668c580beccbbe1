//! The coefficients each project read (`ProjectResult::factors_read`, recorded by the numbers
//! path as well as by the full compute) are exactly the entries its trail cites: the sample, every
//! measure type with every field given (and the second of two fields that exclude each other),
//! file and project overrides, year rows, and a register computed without trails. The expected
//! sets are the trails' own `factors[].id` (what `jianpai report` writes), and two are written out
//! by hand from docs/methodology.md.

use super::common::{file, project};
use super::schema::{full, full_with, ONE_OF};
use jianpai_core::doc::county::touched;
use jianpai_core::register::Register;
use jianpai_core::report::{compute_numbers, OverrideUse};
use jianpai_core::{compute, load, FactorLibrary, MeasureType, ProjectResult};
use serde_json::{json, Value};

/// The entries a trail cites, each once, sorted.
fn cited(p: &ProjectResult) -> Vec<String> {
    let mut ids: Vec<String> = p
        .trail
        .iter()
        .flat_map(|e| e.factors.iter().map(|f| f.id.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The entries recorded as read, sorted.
fn read(p: &ProjectResult, library: &FactorLibrary) -> Vec<String> {
    let mut ids: Vec<String> = p.factors_read.ids(library).map(str::to_owned).collect();
    ids.sort();
    ids
}

/// For every project of `text`: the entries read are those its trail cites, and the numbers
/// path records the same. Returns the full report's projects.
#[track_caller]
fn agree(text: &str, what: &str) -> Vec<ProjectResult> {
    let f = load(text).unwrap_or_else(|e| panic!("{what}: {e:?}"));
    let library = f.library();
    let full = compute(&f).unwrap_or_else(|e| panic!("{what}: {e:?}"));
    let numbers = compute_numbers(&f).unwrap_or_else(|e| panic!("{what}: {e:?}"));
    assert_eq!(full.projects.len(), numbers.projects.len());
    for (a, b) in full.projects.iter().zip(&numbers.projects) {
        assert_eq!(read(a, library), cited(a), "{what}: {}", a.id);
        assert!(b.trail.is_empty(), "{what}: no trail in the numbers path");
        assert_eq!(a.factors_read, b.factors_read, "{what}: {}", a.id);
    }
    full.projects
}

#[test]
fn the_sample_reads_what_its_trails_cite() {
    let projects = agree(include_str!("../../data/sample.json"), "sample");
    assert!(projects.iter().any(|p| !p.factors_read.is_empty()));
}

#[test]
fn every_measure_type_reads_what_its_trail_cites() {
    for &t in MeasureType::ALL {
        for settings in [json!({}), json!({ "electricity_basis": "equal_value" })] {
            let text = file(settings.clone(), json!({}), vec![project(full(t), None)]);
            agree(&text, t.code());
        }
        for (_, _, second) in ONE_OF.iter().filter(|(ty, ..)| *ty == t) {
            let text = file(
                json!({}),
                json!({}),
                vec![project(full_with(t, second), None)],
            );
            agree(&text, second);
        }
    }
}

#[test]
fn overrides_and_year_rows_are_read_as_cited() {
    // A file-wide override of the sulfur conversion, a project's own of raw coal, an override of
    // the per-tce CO₂ figure (coal CO₂ follows it), and the equal-value electricity row.
    let overrides = json!({
        "so2.sulfur_conversion": { "value": 0.85, "note": "plant" },
        "co2.per_tce": { "value": 2.6, "note": "county" }
    });
    let mut own = project(
        json!({ "type": "boiler_phaseout", "boilers": 1, "coal_t": 1000, "sulfur_pct": 1 }),
        None,
    );
    own["id"] = json!("own");
    own["overrides"] = json!({ "tce.raw_coal": { "value": 0.7, "note": "measured LHV" } });
    let electricity = json!({ "id": "e", "measure": { "type": "energy_saving",
        "saved": { "electricity_kwh": 1000000 } } });
    let text = file(
        json!({ "electricity_basis": "equal_value" }),
        overrides,
        vec![own, electricity],
    );
    agree(&text, "overrides");
}

#[test]
fn two_projects_read_what_the_methodology_says() {
    // docs/methodology.md §3.2: SO₂ removed = B × S % × k × 2 × η, k the sulfur conversion
    // `so2.sulfur_conversion` (the only coefficient). §4.2 and §6: electricity saved in a 2021
    // file on the equal-value basis takes the previous year's row, 2020's, and its CO₂ the grid
    // factor of the file's year on the default (national average) series, 2021's.
    let text = json!({ "format": "jianpai/1", "year": 2021,
        "settings": { "electricity_basis": "equal_value" }, "projects": [
        { "id": "s", "measure": { "type": "desulfurization", "coal_t": 1000, "sulfur_pct": 1,
          "efficiency_after_pct": 90 } },
        { "id": "e", "measure": { "type": "energy_saving", "saved": { "electricity_kwh": 1000000 } } }
    ] })
    .to_string();
    let f = load(&text).expect("loads");
    let numbers = compute_numbers(&f).expect("computes");
    let lib = f.library();
    assert_eq!(read(&numbers.projects[0], lib), ["so2.sulfur_conversion"]);
    assert_eq!(
        read(&numbers.projects[1], lib),
        [
            "co2.grid_electricity.national.2021",
            "tce.electricity_equal_value.2020"
        ]
    );
    agree(&text, "by hand");
}

/// A register of the sample with a file-wide override of the sulfur conversion and a project
/// override: computed without trails it gives every number and coefficient read the full compute
/// gives, and the projects each override touches are the same.
#[test]
fn a_register_without_trails_touches_the_same_projects() {
    let mut v: Value = serde_json::from_str(include_str!("../../data/sample.json")).unwrap();
    v["overrides"]["so2.sulfur_conversion"] = json!({ "value": 0.85, "note": "plant" });
    let reg = Register::read(&v).expect("reads");
    let full = reg.compute();
    let numbers = reg.compute_numbers();
    assert_eq!(full.results.len(), numbers.results.len());
    for (a, b) in full.results.iter().zip(&numbers.results) {
        match (a, b) {
            (Ok(a), Ok(b)) => {
                assert!(b.trail.is_empty());
                let mut a = (**a).clone();
                a.trail.clear();
                assert_eq!(&a, &**b);
            }
            (a, b) => assert_eq!(a.is_ok(), b.is_ok()),
        }
    }
    assert_eq!(full.report, numbers.report);
    let overrides: Vec<OverrideUse> = full.report.as_ref().unwrap().overrides.clone();
    assert!(
        overrides.len() >= 2,
        "the sample's own override and the one added"
    );
    for o in &overrides {
        let (named, n) = touched(&full, o);
        // The trails' own answer, as `touched` gave it before the numbers path recorded reads.
        let by_trail = full
            .results
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .filter(|p| o.project.as_ref().is_none_or(|id| *p.id == **id))
            .filter(|p| cited(p).contains(&o.factor.id))
            .count();
        assert_eq!(touched(&numbers, o), (named, n), "{}", o.factor.id);
        if o.project.is_some() {
            assert_eq!(n, by_trail, "{}", o.factor.id);
        }
    }
    // Each project's trail built on demand is the full compute's.
    for (i, e) in reg.projects.iter().enumerate() {
        let one = reg.result_with_trail(e.key()).expect("a project");
        match (&one, &full.results[i]) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (a, b) => assert_eq!(a.is_ok(), b.is_ok()),
        }
    }
}
