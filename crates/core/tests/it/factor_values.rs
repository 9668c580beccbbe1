//! `Factors::value` (the numbers-only lookup) gives `Factors::of(id).value` for every coefficient
//! the engine asks for: every released library, with and without file and project overrides,
//! for years before, between, on and after the electricity rows, and from the file's table.

use jianpai_core::factors::Override;
use jianpai_core::{Choice, FactorId, FactorLibrary, Factors, GridCo2};
use std::collections::BTreeMap;

fn overrides(pairs: &[(&str, f64)]) -> BTreeMap<String, Override> {
    pairs
        .iter()
        .map(|(id, v)| {
            let o = Override {
                value: *v,
                note: "test".into(),
            };
            (id.to_string(), o)
        })
        .collect()
}

/// The same value, NaN (a factor the library lacks) equal to NaN.
fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

#[test]
fn value_is_the_value_of_the_entry_for_every_factor() {
    let file_sets = [
        overrides(&[]),
        overrides(&[("co2.per_tce", 2.6)]),
        overrides(&[("tce.electricity_equal_value", 0.31), ("tce.raw_coal", 0.7)]),
        overrides(&[("tce.electricity_equal_value.2017", 0.305)]),
        overrides(&[("co2.grid_electricity", 0.6)]),
    ];
    let project_sets = [
        overrides(&[]),
        overrides(&[("co2.per_tce", 2.4)]),
        overrides(&[("co2.per_tce", 2.4), ("co2.coal_per_tce", 2.7)]),
        overrides(&[
            ("tce.electricity_equal_value.2020", 0.29),
            ("tce.diesel", 1.5),
        ]),
        overrides(&[("tce.electricity_equal_value", 0.33)]),
    ];
    let years = [
        None,
        Some(2004),
        Some(2006),
        Some(2011),
        Some(2018),
        Some(2021),
        Some(2040),
    ];
    let mut checked = 0;
    for library in FactorLibrary::released() {
        for file in &file_sets {
            for (year, grid) in years.iter().flat_map(|y| GRIDS.map(|g| (*y, g))) {
                let factors = Factors::new(library, file).in_year(year).on_grid(grid);
                let table = factors.resolve();
                for project in &project_sets {
                    for f in [factors, factors.with_table(&table)] {
                        let f = f.for_project(project);
                        for &id in FactorId::VALUES {
                            let (value, of) = (f.value(id), f.of(id).value);
                            assert!(
                                same(value, of),
                                "{} {year:?} {file:?} {project:?} {id:?}: value {value}, of {of}",
                                library.version
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked >= 2 * 4 * 7 * 5 * 2 * FactorId::VALUES.len());
}

/// Grid CO₂ series: not given, the default given, one with a row for 2021, a regional one (rows
/// from 2022), the carbon-market factor (one row).
const GRIDS: [Option<GridCo2>; 5] = [
    None,
    Some(GridCo2::National),
    Some(GridCo2::Fossil),
    Some(GridCo2::East),
    Some(GridCo2::EnterpriseReporting),
];

#[test]
fn the_rules_are_followed_not_just_the_library_value() {
    // Hand-checked against factors.json: a file of 2021 takes the 2020 row; a per-tce override
    // of CO₂ is the coal figure too; a project's override beats the file's.
    let lib = FactorLibrary::builtin();
    let row_2020 = lib.get("tce.electricity_equal_value.2020").unwrap().value;
    let none = overrides(&[]);
    let f = Factors::new(lib, &none).in_year(Some(2021));
    assert_eq!(f.value(FactorId::ElectricityEqualValue), row_2020);
    let file = overrides(&[("co2.per_tce", 2.6)]);
    let f = Factors::new(lib, &file);
    assert_eq!(f.value(FactorId::Co2Coal), 2.6);
    let project = overrides(&[("co2.per_tce", 2.4)]);
    let table = f.resolve();
    assert_eq!(
        f.with_table(&table)
            .for_project(&project)
            .value(FactorId::Co2Coal),
        2.4
    );
    assert_eq!(f.with_table(&table).value(FactorId::Co2PerTce), 2.6);
}
