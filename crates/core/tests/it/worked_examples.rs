//! docs/methodology.md §8 worked examples, table-driven. Every expected value is the formula written
//! out by hand here, never a number copied from the program's output.

use crate::common;
use common::{assert_close, file, one, project, report};
use jianpai_core::{Choice, Key};
use serde_json::{json, Value};

/// (name, measure, report key, expected full-year value).
fn cases() -> Vec<(&'static str, Value, &'static str, f64)> {
    let wwtp = |load: f64| {
        json!({ "type": "wastewater", "source": "municipal", "flow_m3_per_day": 10000, "load_rate": load,
                "days": 365, "cod_before_mg_l": 250, "cod_after_mg_l": 50,
                "nh3n_before_mg_l": 30, "nh3n_after_mg_l": 5 })
    };
    let upgrade = json!({ "type": "wastewater", "flow_m3_per_day": 10000, "upgrade": true,
        "cod_before_mg_l": 60, "cod_after_mg_l": 50, "nh3n_before_mg_l": 8, "nh3n_after_mg_l": 5 });
    let fgd = json!({ "type": "desulfurization", "coal_t": 1000, "sulfur_pct": 1, "efficiency_after_pct": 90 });
    let pigs = |before: f64| json!({ "type": "livestock", "action": "closure", "pigs": 1000, "removal_before_pct": before });
    let ultra = json!({ "type": "flue_gas", "flue_gas_nm3_per_h": 1_000_000, "hours": 5000,
        "so2_before_mg_m3": 100, "so2_after_mg_m3": 35, "nox_before_mg_m3": 100, "nox_after_mg_m3": 50 });
    vec![
        // 1. WWTP: 10,000 m³/d, COD 250 → 50 mg/L, 365 d.
        (
            "wwtp COD full load",
            wwtp(1.0),
            "cod_t",
            10_000.0 * 1.0 * 365.0 * (250.0 - 50.0) * 1e-6,
        ), // 730
        (
            "wwtp COD 80 % load",
            wwtp(0.8),
            "cod_t",
            10_000.0 * 0.8 * 365.0 * (250.0 - 50.0) * 1e-6,
        ), // 584
        (
            "wwtp NH3-N",
            wwtp(1.0),
            "nh3n_t",
            10_000.0 * 365.0 * (30.0 - 5.0) * 1e-6,
        ), // 91.25
        (
            "upgrade 1B→1A COD",
            upgrade.clone(),
            "cod_t",
            10_000.0 * 365.0 * (60.0 - 50.0) * 1e-6,
        ), // 36.5
        (
            "upgrade 1B→1A NH3-N",
            upgrade,
            "nh3n_t",
            10_000.0 * 365.0 * (8.0 - 5.0) * 1e-6,
        ), // 10.95
        // 2. FGD: 1,000 t coal, S 1 %, k 0.8, η 90 %.
        ("FGD k=0.8", fgd, "so2_t", 2.0 * 0.8 * 1000.0 * 0.01 * 0.90), // 14.4
        // 4. 1,000 pigs cleared, set (a): 26.6 kg COD and 2.15 kg NH3-N per pig.
        ("pigs COD", pigs(0.0), "cod_t", 1000.0 * 26.6 / 1000.0),
        ("pigs NH3-N", pigs(0.0), "nh3n_t", 1000.0 * 2.15 / 1000.0),
        (
            "pigs COD, 60 % prior removal",
            pigs(60.0),
            "cod_t",
            1000.0 * 26.6 / 1000.0 * (1.0 - 0.6),
        ), // 10.64
        (
            "pigs NH3-N, 60 % prior removal",
            pigs(60.0),
            "nh3n_t",
            1000.0 * 2.15 / 1000.0 * (1.0 - 0.6),
        ), // 0.86
        // 5. 1 GWh saved, 当量值 0.1229 kgce/kWh.
        (
            "1 GWh equivalent",
            json!({ "type": "energy_saving", "saved": { "electricity_kwh": 1e6 } }),
            "tce",
            1e6 * 0.1229 / 1000.0,
        ),
        // 6. 1,000 t raw coal × 0.7143.
        (
            "1000 t raw coal",
            json!({ "type": "energy_saving", "saved": { "coal_t": 1000 } }),
            "tce",
            1000.0 * 0.7143,
        ),
        // 8. Ultra-low: 10⁶ Nm³/h × 5,000 h.
        (
            "ultra-low SO2",
            ultra.clone(),
            "so2_t",
            1e6 * 5000.0 * (100.0 - 35.0) * 1e-9,
        ), // 325
        (
            "ultra-low NOx",
            ultra,
            "nox_t",
            1e6 * 5000.0 * (100.0 - 50.0) * 1e-9,
        ), // 250
        // 9. Water: 230,000 t × 0.0857 kgce/t.
        (
            "water tce",
            json!({ "type": "energy_saving", "saved": { "water_t": 230000 } }),
            "tce",
            230_000.0 * 0.0857 / 1000.0,
        ),
        (
            "water t",
            json!({ "type": "energy_saving", "saved": { "water_t": 230000 } }),
            "water_t",
            230_000.0,
        ),
        // Not in §8, same hand arithmetic: SNCR 60 % on 1,000 t coal at 2.94 kg/t.
        (
            "denitrification",
            json!({ "type": "denitrification", "coal_t": 1000, "efficiency_after_pct": 60 }),
            "nox_t",
            1000.0 * 2.94 * 0.60 / 1000.0,
        ),
        (
            "boiler phase-out SO2",
            json!({ "type": "boiler_phaseout", "boilers": 3, "coal_t": 100, "sulfur_pct": 1 }),
            "so2_t",
            2.0 * 0.8 * 100.0 * 0.01,
        ),
        (
            "boiler phase-out NOx",
            json!({ "type": "boiler_phaseout", "boilers": 3, "coal_t": 100, "sulfur_pct": 1 }),
            "nox_t",
            100.0 * 2.94 / 1000.0,
        ),
        (
            "boiler phase-out tce",
            json!({ "type": "boiler_phaseout", "boilers": 3, "coal_t": 100, "sulfur_pct": 1 }),
            "tce",
            100.0 * 0.7143,
        ),
        (
            "boiler phase-out count",
            json!({ "type": "boiler_phaseout", "boilers": 3, "coal_t": 100, "sulfur_pct": 1 }),
            "boilers",
            3.0,
        ),
        (
            "dairy cows = 10 pigs",
            json!({ "type": "livestock", "action": "closure", "dairy_cows": 100 }),
            "cod_t",
            100.0 * 10.0 * 26.6 / 1000.0,
        ),
        (
            "layers 30 = 1 pig",
            json!({ "type": "livestock", "action": "treatment", "layers": 30000, "removal_after_pct": 50 }),
            "cod_t",
            30000.0 / 30.0 * 26.6 / 1000.0 * 0.5,
        ),
        (
            "measured",
            json!({ "type": "measured", "before": { "cod_t": 60 }, "after": { "cod_t": 42.5 } }),
            "cod_t",
            60.0 - 42.5,
        ),
        (
            "capacity phase-out",
            json!({ "type": "capacity_phaseout", "enterprises": 5, "last_year": { "so2_t": 12.5 } }),
            "so2_t",
            12.5,
        ),
    ]
}

#[test]
fn worked_examples() {
    for (name, measure, key, want) in cases() {
        let key = Key::parse(key).expect("a report key");
        let r = one(measure);
        assert_close(r.full_year.get(key), want, name);
        // With no start month the whole year is credited.
        assert_close(r.credited.get(key), want, name);
        // Every non-zero result has a trail entry with that value.
        if want != 0.0 && !key.is_count() {
            let t = r
                .trail
                .iter()
                .find(|t| t.output == key)
                .unwrap_or_else(|| panic!("{name}: no trail for {key:?}"));
            assert_close(t.value, want, name);
        }
    }
}

#[test]
fn fgd_with_k_085_by_override() {
    let text = file(
        json!({}),
        json!({ "so2.sulfur_conversion": { "value": 0.85, "note": "power-plant boiler" } }),
        vec![project(
            json!({ "type": "desulfurization", "coal_t": 1000, "sulfur_pct": 1, "efficiency_after_pct": 90 }),
            None,
        )],
    );
    let r = report(&text);
    assert_close(
        r.projects[0].full_year[Key::So2],
        2.0 * 0.85 * 1000.0 * 0.01 * 0.90,
        "k = 0.85",
    ); // 15.3
    let f = &r.projects[0].trail[0].factors[0];
    assert_eq!(
        (f.id.as_str(), f.value, f.default_value),
        ("so2.sulfur_conversion", 0.85, Some(0.8))
    );
    assert_eq!(r.overrides.len(), 1, "the override is listed in the report");
}

#[test]
fn project_override_beats_file_override() {
    let mut p = project(
        json!({ "type": "desulfurization", "coal_t": 1000, "sulfur_pct": 1, "efficiency_after_pct": 90 }),
        None,
    );
    p["overrides"] =
        json!({ "so2.sulfur_conversion": { "value": 0.9, "note": "measured at this unit" } });
    let text = file(
        json!({}),
        json!({ "so2.sulfur_conversion": { "value": 0.85, "note": "file" } }),
        vec![p],
    );
    let r = report(&text);
    assert_close(
        r.projects[0].full_year[Key::So2],
        2.0 * 0.9 * 1000.0 * 0.01 * 0.90,
        "k = 0.9",
    );
}

/// Example 3: 11,000 t/a coal, S 1 %, FGD η 75 % from June. Full year 2 × 0.8 × 11,000 × 1 % × 75 %
/// = 132 t; the older rule credits June–December (13 − 6 = 7 months) = 77 t, the 十三五 rule
/// from the 2nd month (12 − 6 = 6 months) = 66 t, as in docs/methodology.md §8, example 3.
#[test]
fn partial_year_example_3() {
    let measure = json!({ "type": "desulfurization", "coal_t": 11000, "sulfur_pct": 1, "efficiency_after_pct": 75 });
    let full = 2.0 * 0.8 * 11_000.0 * 0.01 * 0.75;
    for (rule, months, want) in [
        ("start_month", 7u8, full * 7.0 / 12.0), // 77
        ("second_month", 6, full * 6.0 / 12.0),  // 66
        ("full_year", 12, full),
    ] {
        let r = report(&file(
            json!({ "crediting": rule }),
            json!({}),
            vec![project(measure.clone(), Some(6))],
        ));
        let p = &r.projects[0];
        assert_eq!(p.months, months, "{rule}");
        assert_close(p.full_year[Key::So2], full, rule);
        assert_close(p.credited[Key::So2], want, rule);
        assert_close(r.totals[Key::So2], want, rule);
        assert_close(r.full_year_totals[Key::So2], full, rule);
    }
    assert_close(full * 7.0 / 12.0, 77.0, "the methodology's 77 t");
    assert_close(full * 6.0 / 12.0, 66.0, "the methodology's 66 t");
}

#[test]
fn structural_keeps_13_minus_m_and_counts_are_not_prorated() {
    let m = json!({ "type": "boiler_phaseout", "boilers": 4, "coal_t": 1200, "sulfur_pct": 1 });
    let r = report(&file(
        json!({ "crediting": "second_month" }),
        json!({}),
        vec![project(m, Some(10))],
    ));
    let p = &r.projects[0];
    assert_eq!(p.months, 13 - 10);
    assert_close(
        p.credited[Key::So2],
        2.0 * 0.8 * 1200.0 * 0.01 * 3.0 / 12.0,
        "SO2 prorated",
    );
    assert_eq!(p.credited[Key::Boilers], 4.0);
    // The trail ends at the credited amount, the number reported upward: full year × 3 / 12.
    let last = p
        .trail
        .iter()
        .rev()
        .find(|t| t.output == Key::So2)
        .expect("an SO2 trail");
    assert_eq!(last.stage, jianpai_core::trail::Stage::Credited);
    assert_close(
        last.value,
        2.0 * 0.8 * 1200.0 * 0.01 * 3.0 / 12.0,
        "credited step",
    );
    assert!(
        last.substituted.contains("× 3 ÷ 12"),
        "{}",
        last.substituted
    );
}

#[test]
fn electricity_basis() {
    let m = json!({ "type": "energy_saving", "saved": { "electricity_kwh": 1e6 } });
    // The test file's year is 2026: equal value takes the row of 2025, which the library lacks,
    // so the latest earlier row, 2020's 305.5 gce/kWh (docs/methodology.md §4.2).
    for (basis, kgce, id) in [
        ("equivalent", 0.1229, "tce.electricity_equivalent"),
        ("equal_value", 0.3055, "tce.electricity_equal_value.2020"),
    ] {
        let r = report(&file(
            json!({ "electricity_basis": basis }),
            json!({}),
            vec![project(m.clone(), None)],
        ));
        assert_close(
            r.projects[0].full_year[Key::Tce],
            1e6 * kgce / 1000.0,
            basis,
        ); // 122.9 / 305.5
        assert_eq!(r.projects[0].trail[0].factors[0].id, id);
    }
}

/// Example 7: 5,000 t/a coal, S 0.8 %, no FGD, NOₓ 2.94 kg/t, η_coal 70 %, η_gas 90 %.
#[test]
fn coal_to_gas_example_7() {
    let r = one(
        json!({ "type": "fuel_switch", "coal_t": 5000, "sulfur_pct": 0.8,
        "coal_boiler_efficiency_pct": 70, "gas_boiler_efficiency_pct": 90 }),
    );
    let coal_tce = 5000.0 * 0.7143; // 3,571.5
    let gas_tce = coal_tce * 0.70 / 0.90; // 2,777.8
    let gas_m3 = gas_tce * 1000.0 / 1.2143; // ≈ 2.29 million m³
    let so2_before = 2.0 * 0.8 * 5000.0 * 0.008; // 64
    let so2_after = gas_m3 / 1e4 * 1.0 / 1000.0; // ≈ 0.23
    let nox_before = 5000.0 * 2.94 / 1000.0; // 14.7
    let nox_after = gas_m3 / 1e4 * 6.3 / 1000.0; // ≈ 1.44
    assert_close(r.full_year[Key::Tce], coal_tce - gas_tce, "tce"); // 793.7
    assert_close(r.full_year[Key::So2], so2_before - so2_after, "SO2");
    assert_close(r.full_year[Key::Nox], nox_before - nox_after, "NOx");
    // The methodology's rounded figures.
    assert!((r.full_year[Key::Tce] - 793.7).abs() < 0.05);
    assert!((so2_before - r.full_year[Key::So2] - 0.23).abs() < 0.005);
    assert!((nox_before - r.full_year[Key::Nox] - 1.44).abs() < 0.005);
    assert!((gas_m3 / 1e6 - 2.29).abs() < 0.005);
}

/// §8.5: electricity saved is grid electricity, so its CO₂ is kWh × the grid factor, not
/// tce × a per-tce (coal) factor.
#[test]
fn co2_of_electricity_is_kwh_times_grid_factor() {
    let r = one(json!({ "type": "energy_saving", "saved": { "electricity_kwh": 1e6 } }));
    // A 2026 file: 1,000,000 kWh = 1,000 MWh × 0.5306 tCO₂/MWh (national average, the latest
    // announced row, 2023 data; methodology §6.1) = 530.6 t.
    assert_close(r.full_year[Key::Co2], 1000.0 * 0.5306, "CO2 530.6 t");
}

#[test]
fn every_trail_entry_names_its_coefficients() {
    let r = report(jianpai_core::SAMPLE_FILE);
    for p in &r.projects {
        for key in Key::ALL.into_iter().filter(|k| !k.is_count()) {
            if p.full_year.get(key) != 0.0 {
                assert!(
                    p.trail.iter().any(|t| t.output == key),
                    "{}: {key:?} has no trail",
                    p.id
                );
            }
        }
        for t in &p.trail {
            assert!(t.substituted.contains(" = "), "{}: {}", p.id, t.substituted);
            assert!(!t.formula_zh.is_empty() && !t.formula_en.is_empty() && !t.symbols.is_empty());
            for f in &t.factors {
                assert!(
                    !f.source.is_empty() && !f.unit.is_empty(),
                    "{}: factor {} lacks source/unit",
                    p.id,
                    f.id
                );
            }
        }
    }
}
