//! CO₂ as a headline output with library 2026.12-1 (issue 17 item 5, docs/methodology.md §6,
//! §6.1): the grid factor by the file's year and 口径 (`settings.grid_co2`), gas CO₂ by the gas's
//! kind, the Chinese fuel defaults, the headline sentence, and files of the older library
//! unchanged. Every expected value is written out by hand from the announced factors and the
//! reference table (docs/methodology.md §6), never copied from the program's output.

use crate::common;
use common::{assert_close, project, report};
use jianpai_core::doc::county;
use jianpai_core::trail::{Stage, TrailEntry};
use jianpai_core::{Key, Lang, ProjectResult, Report};
use serde_json::{json, Value};

/// A file of `year` (`None`: no year) with `settings`, `overrides` and one project, as computed;
/// `library` pins a library version.
fn run(
    year: Option<i64>,
    settings: Value,
    overrides: Value,
    library: Option<&str>,
    measure: Value,
) -> Report {
    let mut f = json!({ "format": "jianpai/1", "settings": settings, "overrides": overrides,
        "projects": [project(measure, None)] });
    if let Some(y) = year {
        f["year"] = json!(y);
    }
    if let Some(v) = library {
        f["factor_library"] = json!(v);
    }
    report(&f.to_string())
}

/// 1 GWh of electricity saved (1,000 MWh): CO₂ = 1,000 × the grid factor in tCO₂/MWh.
fn gwh(year: Option<i64>, grid: Option<&str>) -> ProjectResult {
    let settings = match grid {
        Some(g) => json!({ "grid_co2": g }),
        None => json!({}),
    };
    let m = json!({ "type": "energy_saving", "saved": { "electricity_kwh": 1_000_000 } });
    run(year, settings, json!({}), None, m).projects.remove(0)
}

fn co2_step(r: &ProjectResult) -> &TrailEntry {
    r.trail
        .iter()
        .find(|t| t.output == Key::Co2 && t.stage == Stage::FullYear)
        .expect("a CO₂ step")
}

/// The grid factor's entry in the CO₂ step: its id and the reason (English) it was picked.
fn grid_entry(r: &ProjectResult) -> (String, String) {
    let f = co2_step(r)
        .factors
        .iter()
        .find(|f| f.id.starts_with("co2.grid_electricity"))
        .expect("the grid factor is in the trail");
    let reason = f.picked.as_ref().map(|p| p.en.clone()).unwrap_or_default();
    (f.id.clone(), reason)
}

#[test]
fn grid_co2_by_year_national_average() {
    // 2021: 1,000 MWh × 0.5568 = 556.8 t; 2022: × 0.5366 = 536.6 t; 2023: × 0.5306 = 530.6 t.
    for (year, row, want) in [
        (2021, 2021, 556.8),
        (2022, 2022, 536.6),
        (2023, 2023, 530.6),
        // 2025: no factor of 2024 or 2025 data yet, so the latest earlier row, 2023's: 530.6 t.
        (2025, 2023, 530.6),
    ] {
        let r = gwh(Some(year), None);
        assert_close(r.full_year[Key::Co2], want, &format!("{year}"));
        let (id, reason) = grid_entry(&r);
        assert_eq!(id, format!("co2.grid_electricity.national.{row}"), "{year}");
        assert!(
            reason.contains(&format!("accounting year {year}")),
            "{reason}"
        );
    }
    let (_, reason) = grid_entry(&gwh(Some(2025), None));
    assert!(reason.contains("latest earlier one (2023)"), "{reason}");
    // The entry names the announcement (its citation) and is a secondary source.
    let r = gwh(Some(2023), None);
    let f = co2_step(&r)
        .factors
        .iter()
        .find(|f| f.id == "co2.grid_electricity.national.2023")
        .unwrap();
    assert!(f
        .citation(Lang::Zh)
        .contains("关于发布2023年电力二氧化碳排放因子的公告"));
    assert_eq!(f.status, jianpai_core::Status::Secondary);
    let r = gwh(Some(2021), None);
    let f = co2_step(&r)
        .factors
        .iter()
        .find(|f| f.id.ends_with(".2021"))
        .unwrap();
    assert!(f.citation(Lang::Zh).contains("公告2024年第12号"));
}

#[test]
fn grid_co2_before_the_first_row_and_without_a_year() {
    // 2019: before the first national row (2021): the 2021 factor, 556.8 t, and the trail says so.
    let r = gwh(Some(2019), None);
    assert_close(r.full_year[Key::Co2], 556.8, "2019");
    let (id, reason) = grid_entry(&r);
    assert_eq!(id, "co2.grid_electricity.national.2021");
    assert!(
        reason.contains("before this basis' first published factor (2021)"),
        "{reason}"
    );
    // No year: the latest row, 2023's 0.5306 → 530.6 t.
    let r = gwh(None, None);
    assert_close(r.full_year[Key::Co2], 530.6, "no year");
    assert_eq!(grid_entry(&r).0, "co2.grid_electricity.national.2023");
}

#[test]
fn grid_co2_by_basis() {
    // 2023, 1,000 MWh × each series' 2023 factor.
    for (basis, want) in [
        ("national", 530.6),             // 0.5306
        ("national_excl_market", 609.6), // 0.6096
        ("fossil", 827.3),               // 0.8273
        ("east", 550.0),                 // 华东 0.5500
        ("southwest", 247.2),            // 西南 0.2472
    ] {
        let r = gwh(Some(2023), Some(basis));
        assert_close(r.full_year[Key::Co2], want, basis);
        assert_eq!(
            grid_entry(&r).0,
            format!("co2.grid_electricity.{basis}.2023")
        );
    }
    // 2022 rows: fossil 0.8325 → 832.5 t; 华北 0.6776 → 677.6 t.
    assert_close(
        gwh(Some(2022), Some("fossil")).full_year[Key::Co2],
        832.5,
        "fossil 2022",
    );
    assert_close(
        gwh(Some(2022), Some("north")).full_year[Key::Co2],
        677.6,
        "north 2022",
    );
    // A regional series starts in 2022: a 2021 file takes the 2022 row (华东 0.5617 → 561.7 t).
    let r = gwh(Some(2021), Some("east"));
    assert_close(r.full_year[Key::Co2], 561.7, "east 2021");
    assert_eq!(grid_entry(&r).0, "co2.grid_electricity.east.2022");
    // The excluding-market series has no 2021 row either (0.5942 was never found): 0.5856 → 585.6 t.
    assert_close(
        gwh(Some(2021), Some("national_excl_market")).full_year[Key::Co2],
        585.6,
        "excl. market 2021",
    );
    // The carbon-market factor 0.5703 only when chosen, under its own name: 570.3 t, unverified.
    let r = gwh(Some(2026), Some("enterprise_reporting"));
    assert_close(r.full_year[Key::Co2], 570.3, "enterprise reporting");
    let (id, _) = grid_entry(&r);
    assert_eq!(id, "co2.grid_electricity.enterprise_reporting.2022");
    let f = co2_step(&r).factors.iter().find(|f| f.id == id).unwrap();
    assert_eq!(f.status, jianpai_core::Status::Unverified);
    assert!(f.name_zh.contains("企业温室气体排放报告"));
}

#[test]
fn an_override_of_the_grid_factor_wins_over_every_basis() {
    // 1,000 MWh × 0.6 (the file's override) = 600 t, whatever the series.
    let ov = json!({ "co2.grid_electricity": { "value": 0.6, "note": "省级因子" } });
    let m = json!({ "type": "energy_saving", "saved": { "electricity_kwh": 1_000_000 } });
    for basis in ["national", "fossil", "south"] {
        let r = run(
            Some(2023),
            json!({ "grid_co2": basis }),
            ov.clone(),
            None,
            m.clone(),
        );
        assert_close(r.projects[0].full_year[Key::Co2], 600.0, basis);
    }
}

#[test]
fn a_file_of_library_2026_11_3_keeps_its_single_grid_factor() {
    // 2026.11-3: 1,000 MWh × 0.5703 = 570.3 t, its own entry, no reason (its trail as before);
    // a series chosen later is said not to apply.
    let m = json!({ "type": "energy_saving", "saved": { "electricity_kwh": 1_000_000 } });
    let r = run(
        Some(2023),
        json!({}),
        json!({}),
        Some("2026.11-3"),
        m.clone(),
    );
    assert_close(r.projects[0].full_year[Key::Co2], 570.3, "old library");
    let f = &co2_step(&r.projects[0]).factors[0];
    assert_eq!(f.id, "co2.grid_electricity");
    assert_eq!(f.picked, None);
    let r = run(
        Some(2023),
        json!({ "grid_co2": "fossil" }),
        json!({}),
        Some("2026.11-3"),
        m,
    );
    assert_close(
        r.projects[0].full_year[Key::Co2],
        570.3,
        "old library, fossil chosen",
    );
    let (_, reason) = grid_entry(&r.projects[0]);
    assert!(reason.contains("no yearly factors"), "{reason}");
}

/// 10,000 m³ of gas saved with `gas` fields, CO₂ in t.
fn gas_saved(gas: Value, library: Option<&str>) -> ProjectResult {
    let mut m = json!({ "type": "energy_saving", "saved": { "natural_gas_m3": 10000 } });
    for (k, v) in gas.as_object().unwrap() {
        m[k] = v.clone();
    }
    run(Some(2026), json!({}), json!({}), library, m)
        .projects
        .remove(0)
}

#[test]
fn gas_co2_by_kind() {
    // Oil-field gas, the table's own default: 10,000 m³ × 2.1622 kg/m³ = 21.622 t
    // (15.3 tC/TJ × 0.99 × 44/12 = 55.539 tCO₂/TJ; × 38,931 kJ/m³ = 2.1622 kg/m³).
    let r = gas_saved(json!({ "gas_kind": "oilfield" }), None);
    assert_close(r.full_year[Key::Co2], 10000.0 * 2.1622e-3, "oilfield");
    assert!(co2_step(&r)
        .factors
        .iter()
        .any(|f| f.id == "co2.natural_gas_kg_per_m3"));
    // Gas-field gas (the default kind): 55.539 × 35,544 kJ/m³ = 1.9741 kg/m³ → 19.741 t.
    for g in [json!({}), json!({ "gas_kind": "gasfield" })] {
        let r = gas_saved(g, None);
        assert_close(r.full_year[Key::Co2], 10000.0 * 1.9741e-3, "gasfield");
        assert!(co2_step(&r)
            .factors
            .iter()
            .any(|f| f.id == "co2.natural_gas_gasfield_kg_per_m3"));
    }
    // Measured 36,000 kJ/m³: 36,000 × 55.539 × 10⁻⁶ = 1.999404 kg/m³ → 19.99404 t.
    let r = gas_saved(
        json!({ "gas_kind": "measured", "gas_lhv_kj_per_m3": 36000 }),
        None,
    );
    assert_close(r.full_year[Key::Co2], 19.99404, "measured kJ");
    let step = co2_step(&r);
    assert!(step
        .factors
        .iter()
        .any(|f| f.id == "co2.natural_gas_t_per_tj"));
    assert!(
        step.substituted.contains("36000 × 55.539 × 10⁻⁶"),
        "{}",
        step.substituted
    );
    // Measured 8,600 kcal/m³ = 8,600 × 4.1868 = 36,006.48 kJ/m³: × 55.539 × 10⁻⁶ = 1.99976 kg/m³.
    let r = gas_saved(
        json!({ "gas_kind": "measured", "gas_lhv_kcal_per_m3": 8600 }),
        None,
    );
    assert_close(
        r.full_year[Key::Co2],
        10000.0 * 8600.0 * 4.1868 * 55.539e-9,
        "measured kcal",
    );
    // Library 2026.11-3: one factor for every kind, 2.18 kg/m³ → 21.8 t.
    for g in [json!({}), json!({ "gas_kind": "oilfield" })] {
        let r = gas_saved(g, Some("2026.11-3"));
        assert_close(r.full_year[Key::Co2], 21.8, "2026.11-3");
    }
}

#[test]
fn fuel_switch_co2_at_the_gas_kinds_heating_value() {
    // Example 7: 5,000 t coal × 0.7143 = 3,571.5 tce × 2.66 = 9,500.19 t; gas for the same heat
    // 3,571.5 × 70 / 90 = 2,777.83 tce.
    let coal_tce = 5000.0 * 0.7143;
    let gas_tce = coal_tce * 70.0 / 90.0;
    let m = |kind: &str| {
        json!({ "type": "fuel_switch", "coal_t": 5000, "sulfur_pct": 0.8, "gas_kind": kind,
            "coal_boiler_efficiency_pct": 70, "gas_boiler_efficiency_pct": 90 })
    };
    // Gas-field: 2,777,833 kgce ÷ 1.2143 = 2,287,600 m³ × 1.9741 kg = 4,515.96 t → 4,984.2 t.
    let r = run(Some(2026), json!({}), json!({}), None, m("gasfield"));
    let want = coal_tce * 2.66 - gas_tce * 1000.0 / 1.2143 * 1.9741e-3;
    assert_close(r.projects[0].full_year[Key::Co2], want, "gasfield");
    // Oil-field: ÷ 1.33 = 2,088,596 m³ × 2.1622 kg = 4,515.96 t (the same heat, the same CO₂
    // within the two tables' rounding) → 4,984.2 t.
    let r = run(Some(2026), json!({}), json!({}), None, m("oilfield"));
    let want = coal_tce * 2.66 - gas_tce * 1000.0 / 1.33 * 2.1622e-3;
    assert_close(r.projects[0].full_year[Key::Co2], want, "oilfield");
}

#[test]
fn chinese_fuel_defaults_replace_the_ipcc_arithmetic() {
    // 100 t coke × 2.8604 = 286.04 t (29.5 tC/TJ × 0.93 × 44/12 × 28.435 GJ/t); 10 t each of
    // crude 3.0202, fuel oil 3.1705, gasoline 2.9251, kerosene 3.0179, diesel 3.0959, LPG 3.1013.
    let m = json!({ "type": "energy_saving", "saved": { "coke_t": 100, "crude_oil_t": 10,
        "fuel_oil_t": 10, "gasoline_t": 10, "kerosene_t": 10, "diesel_t": 10, "lpg_t": 10 } });
    let r = run(Some(2026), json!({}), json!({}), None, m.clone());
    let want = 286.04 + 30.202 + 31.705 + 29.251 + 30.179 + 30.959 + 31.013; // 469.353 t
    assert_close(r.projects[0].full_year[Key::Co2], want, "2026.12-1");
    assert!(co2_step(&r.projects[0])
        .factors
        .iter()
        .any(|f| f.id == "co2.coke_t_per_t"));
    // 2026.11-3: coke on the coal per-tce factor, 100 × 0.9714 × 2.66 = 258.3924 t, oils by the
    // IPCC arithmetic 3.0651, 3.2366, 2.9848, 3.0967, 3.1605, 3.1663.
    let r = run(Some(2026), json!({}), json!({}), Some("2026.11-3"), m);
    let want = 100.0 * 0.9714 * 2.66 + 30.651 + 32.366 + 29.848 + 30.967 + 31.605 + 31.663;
    assert_close(r.projects[0].full_year[Key::Co2], want, "2026.11-3");
}

#[test]
fn co2_is_a_headline_of_the_summary_and_the_printout() {
    // 1,000 MWh in 2023, fossil series: 827.3 t, stated as an estimate with its 口径.
    let m = json!({ "type": "energy_saving", "saved": { "electricity_kwh": 1_000_000 } });
    let r = run(
        Some(2023),
        json!({ "grid_co2": "fossil" }),
        json!({}),
        None,
        m.clone(),
    );
    assert_eq!(r.grid_co2, jianpai_core::GridCo2::Fossil);
    assert_eq!(
        county::co2_headline(&r, Lang::Zh).unwrap(),
        "减少二氧化碳排放约827.3吨（估算；电网排放因子口径：全国化石能源电力，按核算年份取值）"
    );
    assert_eq!(
        county::co2_headline(&r, Lang::En).unwrap(),
        "CO₂ emissions reduced by about 827.3 t (estimate; grid emission factor basis: National fossil-fuel power, by the accounting year)"
    );
    let text = jianpai_core::export::text(&r, Lang::Zh);
    assert!(text.contains("减少二氧化碳排放约827.3吨（估算"), "{text}");
    // An older library: its single grid value is said.
    let r = run(Some(2023), json!({}), json!({}), Some("2026.11-3"), m);
    assert_eq!(
        county::co2_headline(&r, Lang::Zh).unwrap(),
        "减少二氧化碳排放约570.3吨（估算；电网排放因子取系数库 2026.11-3 的单一值）"
    );
    // No CO₂, no sentence.
    let m = json!({ "type": "measured", "before": { "cod_t": 10 }, "after": { "cod_t": 5 } });
    let r = run(Some(2023), json!({}), json!({}), None, m);
    assert_eq!(county::co2_headline(&r, Lang::Zh), None);
}
