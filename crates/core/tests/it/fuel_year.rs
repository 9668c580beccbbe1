//! Coefficients by fuel and year (issue 10 item 1, docs/methodology.md §4.1, §4.2, §6, §3.7): a
//! worked example per path, each expected value written out by hand from the library's printed
//! coefficients, never copied from the program's output.

use crate::common;
use common::{assert_close, file, one, project, report};
use jianpai_core::{load, ErrorKind, Key, ProjectResult};
use serde_json::{json, Value};

/// One project in a file of the given year (`None`: no year) and settings.
fn in_year(year: Option<i64>, settings: Value, overrides: Value, measure: Value) -> ProjectResult {
    let mut f: Value =
        serde_json::from_str(&file(settings, overrides, vec![project(measure, None)])).unwrap();
    match year {
        Some(y) => f["year"] = json!(y),
        None => {
            f.as_object_mut().unwrap().remove("year");
        }
    }
    report(&f.to_string()).projects.remove(0)
}

/// The trail entry of `key` at the full-year stage.
fn step(r: &ProjectResult, key: Key) -> &jianpai_core::trail::TrailEntry {
    r.trail
        .iter()
        .find(|t| t.output == key && t.stage == jianpai_core::trail::Stage::FullYear)
        .unwrap_or_else(|| panic!("no {key:?} step"))
}

fn switch(extra: Value) -> Value {
    let mut m = json!({ "type": "fuel_switch", "coal_t": 5000, "sulfur_pct": 0.8,
        "coal_boiler_efficiency_pct": 70, "gas_boiler_efficiency_pct": 90 });
    for (k, v) in extra.as_object().unwrap() {
        m[k] = v.clone();
    }
    m
}

// Example 7 of docs/methodology.md §8: 5,000 t coal, η 70 % → 90 %.
const COAL_TCE: f64 = 5000.0 * 0.7143; // 3,571.5 tce
const GAS_TCE: f64 = COAL_TCE * 70.0 / 90.0; // 2,777.83 tce

/// SO₂ of example 7 for gas of `kgce` per m³: coal 2 × 0.8 × 5000 × 0.8 % = 64 t, minus the gas's
/// 1.0 kg per 10⁴ m³.
fn so2_for(kgce: f64) -> f64 {
    let m3 = GAS_TCE * 1000.0 / kgce;
    64.0 - m3 / 1e4 * 1.0 / 1000.0
}

#[test]
fn fuel_switch_gas_kinds() {
    // Gas-field gas, the default, given or not: 1.2143 kgce/m³ → 2,287,600 m³.
    let default = one(switch(json!({})));
    let gasfield = one(switch(json!({ "gas_kind": "gasfield" })));
    assert_close(default.full_year[Key::So2], so2_for(1.2143), "default");
    assert_eq!(default.full_year, gasfield.full_year);
    // Oil-field gas: 1.3300 kgce/m³ → 2,088,600 m³, so a little less gas SO₂.
    let oil = one(switch(json!({ "gas_kind": "oilfield" })));
    assert_close(oil.full_year[Key::So2], so2_for(1.33), "oilfield SO2");
    // The standard coal saved does not depend on the gas's heating value.
    assert_close(oil.full_year[Key::Tce], COAL_TCE - GAS_TCE, "tce"); // 793.67
    let f = &step(&oil, Key::Tce).factors;
    assert!(f
        .iter()
        .any(|f| f.id == "tce.natural_gas_oilfield" && f.value == 1.33));
    assert!(
        f.iter().any(|f| f
            .picked
            .as_ref()
            .is_some_and(|p| p.zh.contains("油田天然气"))),
        "the trail names the kind chosen"
    );
    // Nothing chosen: no note, the trail as before the choice existed.
    assert!(step(&default, Key::Tce)
        .factors
        .iter()
        .all(|f| f.picked.is_none()));
}

#[test]
fn fuel_switch_measured_heating_value_kj_and_kcal() {
    // 36,000 kJ/m³ ÷ 29,307.6 kJ/kgce = 1.228350 kgce/m³.
    let kj = one(switch(
        json!({ "gas_kind": "measured", "gas_lhv_kj_per_m3": 36000 }),
    ));
    assert_close(kj.full_year[Key::So2], so2_for(36000.0 / 29307.6), "kJ");
    let t = step(&kj, Key::Tce);
    assert!(t
        .inputs
        .iter()
        .any(|i| i.field == "measure.gas_lhv_kj_per_m3" && i.value == 36000.0));
    // 8,600 kcal/m³ × 4.1868 kJ/kcal = 36,006.48 kJ/m³ ÷ 29,307.6 = 1.228571 kgce/m³ (= 8,600 ÷ 7,000).
    let kcal = one(switch(
        json!({ "gas_kind": "measured", "gas_lhv_kcal_per_m3": 8600 }),
    ));
    assert_close(kcal.full_year[Key::So2], so2_for(8600.0 / 7000.0), "kcal");
}

#[test]
fn measured_gas_needs_a_heating_value_within_limits() {
    let bad = |extra: Value| {
        let text = file(json!({}), json!({}), vec![project(switch(extra), None)]);
        load(&text).expect_err("an error")
    };
    let e = bad(json!({ "gas_kind": "measured" }));
    assert!(
        e.iter()
            .any(|e| e.field.as_deref() == Some("measure.gas_lhv_kj_per_m3")
                && e.kind == ErrorKind::Missing),
        "{e:?}"
    );
    // 36 is MJ typed where kJ is asked for: outside 20,000–50,000.
    let e = bad(json!({ "gas_kind": "measured", "gas_lhv_kj_per_m3": 36 }));
    assert!(
        e.iter()
            .any(|e| matches!(e.kind, ErrorKind::OutOfRange { .. })),
        "{e:?}"
    );
    let e = bad(json!({ "gas_kind": "coal_gas" }));
    assert!(
        e.iter()
            .any(|e| matches!(e.kind, ErrorKind::UnknownChoice { .. })),
        "{e:?}"
    );
}

#[test]
fn energy_saving_gas_kinds() {
    let gas = |extra: Value| {
        let mut m = json!({ "type": "energy_saving", "saved": { "natural_gas_m3": 1_000_000 } });
        for (k, v) in extra.as_object().unwrap() {
            m[k] = v.clone();
        }
        one(m).full_year[Key::Tce]
    };
    assert_close(
        gas(json!({})),
        1e6 * 1.2143 / 1000.0,
        "gasfield 1,214.3 tce",
    );
    assert_close(
        gas(json!({ "gas_kind": "oilfield" })),
        1e6 * 1.33 / 1000.0,
        "1,330 tce",
    );
    // 38,931 kJ/m³ ÷ 29,307.6 = 1.328358 kgce/m³ → 1,328.36 tce.
    let kj = gas(json!({ "gas_kind": "measured", "gas_lhv_kj_per_m3": 38931 }));
    assert_close(kj, 1e6 * 38931.0 / 29307.6 / 1000.0, "kJ");
    // 9,310 kcal/m³ ÷ 7,000 kcal/kgce = 1.33 kgce/m³ → 1,330 tce.
    let kcal = gas(json!({ "gas_kind": "measured", "gas_lhv_kcal_per_m3": 9310 }));
    assert_close(kcal, 1e6 * 9310.0 / 7000.0 / 1000.0, "kcal");
}

fn kwh_equal_value(year: Option<i64>, overrides: Value) -> ProjectResult {
    in_year(
        year,
        json!({ "electricity_basis": "equal_value" }),
        overrides,
        json!({ "type": "energy_saving", "saved": { "electricity_kwh": 1_000_000 } }),
    )
}

#[test]
fn electricity_equal_value_by_year() {
    // (file year, expected row, kgce/kWh): the previous year's row, else the latest earlier one.
    for (year, row, kgce) in [
        (2006, "2005", 0.370), // previous year 2005 has a row
        (2011, "2010", 0.333),
        (2018, "2017", 0.309),
        (2021, "2020", 0.3055),
        (2019, "2017", 0.309),  // 2018 has no row: 2017
        (2026, "2020", 0.3055), // 2025 has no row: 2020
    ] {
        let r = kwh_equal_value(Some(year), json!({}));
        // 1,000,000 kWh × kgce ÷ 1,000 = tce (370, 333, 309, 305.5).
        assert_close(
            r.full_year[Key::Tce],
            1e6 * kgce / 1000.0,
            &year.to_string(),
        );
        let f = &step(&r, Key::Tce).factors[0];
        assert_eq!(f.id, format!("tce.electricity_equal_value.{row}"));
        let why = &f.picked.as_ref().expect("the trail says why").en;
        assert!(
            why.contains(&year.to_string()) && why.contains(row),
            "{why}"
        );
        let skipped = (year - 1).to_string();
        assert_eq!(why.contains("no row"), row != skipped, "{why}");
    }
}

#[test]
fn electricity_equal_value_without_a_row_or_a_year() {
    // No year: the contract id, 0.309 → 309 tce.
    for year in [None, Some(2005)] {
        let r = kwh_equal_value(year, json!({}));
        assert_close(r.full_year[Key::Tce], 309.0, "fallback");
        let f = &step(&r, Key::Tce).factors[0];
        assert_eq!(f.id, "tce.electricity_equal_value");
        assert!(f.picked.is_some());
    }
    // An override of the contract id replaces the row: 0.3 → 300 tce.
    let ov = json!({ "tce.electricity_equal_value": { "value": 0.3, "note": "省定" } });
    let r = kwh_equal_value(Some(2021), ov);
    assert_close(r.full_year[Key::Tce], 300.0, "override");
    assert_eq!(
        step(&r, Key::Tce).factors[0].id,
        "tce.electricity_equal_value"
    );
}

#[test]
fn co2_of_a_fuel_switch_is_coal_avoided_minus_gas_burnt() {
    let r = one(switch(json!({})));
    // 3,571.5 tce × 2.66 = 9,500.19 t; gas 2,777.83 tce ÷ 1.2143 × 1,000 = 2,287,596 m³ of
    // gas-field gas (the default kind) × 1.9741 kg (15.3 tC/TJ × 0.99 × 44/12 × 35.544 MJ/m³).
    let gas_m3 = GAS_TCE * 1000.0 / 1.2143;
    let want = COAL_TCE * 2.66 - gas_m3 * 1.9741 / 1000.0; // ≈ 4,984.2 t
    assert_close(r.full_year[Key::Co2], want, "CO2");
    let ids: Vec<&str> = step(&r, Key::Co2)
        .factors
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["co2.coal_per_tce", "co2.natural_gas_gasfield_kg_per_m3"]
    );
}

#[test]
fn co2_of_energy_saving_per_fuel_line() {
    let r = one(json!({ "type": "energy_saving", "saved": {
        "coal_t": 100, "diesel_t": 10, "natural_gas_m3": 10000, "electricity_kwh": 100000,
        "steam_t": 100, "kerosene_t": 10 } }));
    let want = 100.0 * 0.7143 * 2.66 // coal per tce: 190.00
        + 10.0 * 3.0959 // diesel per tonne (Chinese default): 30.959
        + 10000.0 * 1.9741 / 1000.0 // gas-field gas per m³: 19.741
        + 100.0 * 0.5306 // 100 MWh × grid factor (2026 file: the 2023 national row): 53.06
        + 100.0 * 0.1286 * 2.66 // steam, fuel unknown: per-tce 34.21
        + 10.0 * 3.0179; // kerosene per tonne (Chinese default): 30.179
    assert_close(r.full_year[Key::Co2], want, "CO2 per fuel");
    let co2 = step(&r, Key::Co2);
    assert!(
        co2.formula_en.contains("fuel unknown"),
        "{}",
        co2.formula_en
    );
    assert!(co2.factors.iter().any(|f| f.id == "co2.per_tce"));
    assert!(co2
        .factors
        .iter()
        .any(|f| f.id == "co2.grid_electricity.national.2023"));
}

#[test]
fn co2_per_tce_only_where_the_fuel_is_unknown() {
    // A capacity phase-out's last-year energy has no fuel: 1,000 tce × 2.66.
    let r = one(json!({ "type": "capacity_phaseout", "last_year": { "tce": 1000 } }));
    assert_close(r.full_year[Key::Co2], 1000.0 * 2.66, "per tce");
    assert!(step(&r, Key::Co2)
        .formula_en
        .contains("fuel unknown: per-tce estimate"));
    // A boiler phase-out burnt coal: 1,000 t × 0.7143 × 2.66 (coal per tce).
    let b =
        one(json!({ "type": "boiler_phaseout", "boilers": 2, "coal_t": 1000, "sulfur_pct": 1 }));
    assert_close(b.full_year[Key::Co2], 1000.0 * 0.7143 * 2.66, "coal");
    assert_eq!(step(&b, Key::Co2).factors[1].id, "co2.coal_per_tce");
}

#[test]
fn an_override_of_co2_per_tce_still_applies_to_coal() {
    // The sample's 2.493 (0.68 tC/tce × 44/12) is a coal figure: 1,000 t × 0.7143 × 2.493.
    let ov = json!({ "co2.per_tce": { "value": 2.493, "note": "县统计口径" } });
    let m = json!({ "type": "boiler_phaseout", "boilers": 2, "coal_t": 1000, "sulfur_pct": 1 });
    let r = in_year(Some(2026), json!({}), ov, m);
    assert_close(r.full_year[Key::Co2], 1000.0 * 0.7143 * 2.493, "override");
    let f = &step(&r, Key::Co2).factors[1];
    assert_eq!(f.default_value, Some(2.66));
}

#[test]
fn livestock_coefficient_sets() {
    let pigs = |set: Option<&str>| {
        let mut m = json!({ "type": "livestock", "action": "closure", "pigs": 1000 });
        if let Some(s) = set {
            m["coefficient_set"] = json!(s);
        }
        one(m)
    };
    // (a), default or chosen: 1,000 × 26.6 kg = 26.6 t COD, 1,000 × 2.15 kg = 2.15 t NH₃-N.
    for r in [pigs(None), pigs(Some("eia_literature"))] {
        assert_close(r.full_year[Key::Cod], 26.6, "a COD");
        assert_close(r.full_year[Key::Nh3n], 2.15, "a NH3-N");
        let f = &step(&r, Key::Cod).factors;
        assert!(f
            .iter()
            .any(|f| f.picked.as_ref().is_some_and(|p| p.en.contains("(a)"))));
    }
    // (b): 479.6 g/d × 180 d = 86.328 kg per pig → 86.328 t COD; no NH₃-N coefficient.
    let b = pigs(Some("beijing_measured"));
    assert_close(b.full_year[Key::Cod], 1000.0 * 479.6 * 180.0 / 1e6, "b COD");
    assert_eq!(b.full_year[Key::Nh3n], 0.0);
    assert!(b
        .warnings
        .iter()
        .any(|w| w.field.as_deref() == Some("measure.coefficient_set")));
    let f = &step(&b, Key::Cod).factors;
    assert!(f
        .iter()
        .any(|f| f.id == "livestock.pig.cod_kg.beijing_measured"));
}

#[test]
fn energy_saving_annex_a_fuels() {
    // (field, amount, kgce per unit as printed in GB/T 2589 Annex A, tce).
    for (field, q, want) in [
        ("washed_coal_t", 10.0, 10.0 * 0.9),
        ("coke_t", 10.0, 10.0 * 0.9714),
        ("fuel_oil_t", 10.0, 10.0 * 1.4286),
        ("gasoline_t", 10.0, 10.0 * 1.4714),
        ("kerosene_t", 10.0, 10.0 * 1.4714),
        ("lpg_t", 10.0, 10.0 * 1.7143),
        ("heat_gj", 100.0, 100.0 * 0.03412),
    ] {
        let r = one(json!({ "type": "energy_saving", "saved": { field: q } }));
        assert_close(r.full_year[Key::Tce], want, field);
    }
}
