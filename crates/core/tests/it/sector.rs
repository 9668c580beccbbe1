//! Issue 18 items 8–9: `flue_gas.sector` (the ultra-low check of steel sinter machines and cement
//! kilns at their reference O₂, docs/methodology.md §3.4) and the 十四五 categories of the 2021
//! method (`key_category`, `by_key_category`, §2.7). Every expected figure is worked out by hand in
//! the comment beside it; the mapping of types is written out here, not read from the engine.

use crate::common::{self, assert_close};
use jianpai_core::choice::Choice;
use jianpai_core::export;
use jianpai_core::{load, ErrorKind, Key, KeyCategory, Lang, Measure, MeasureType, Status};
use serde_json::{json, Value};

fn flue(extra: Value) -> Value {
    let mut m = json!({ "type": "flue_gas", "flue_gas_nm3_per_h": 1_000_000, "hours": 7200,
        "nox_before_mg_m3": 300, "nox_after_mg_m3": 40 });
    for (k, v) in extra.as_object().unwrap() {
        m[k] = v.clone();
    }
    m
}

fn warnings(r: &jianpai_core::ProjectResult, code: &str) -> Vec<String> {
    r.warnings
        .iter()
        .filter(|w| w.code() == code)
        .map(|w| w.message(Lang::En))
        .collect()
}

fn factor_ids(r: &jianpai_core::ProjectResult) -> Vec<String> {
    r.trail
        .iter()
        .flat_map(|t| t.factors.iter().map(|f| f.factor.id.clone()))
        .collect()
}

// ---- flue_gas.sector -------------------------------------------------------------------------

#[test]
fn steel_sinter_after_value_is_checked_at_16_percent_o2() {
    // R = 1,000,000 × 7,200 × (300 − 40) × 10⁻⁹ = 1,872 t (the sector changes no reduction).
    // Measured at 18 % O₂: 40 × (21 − 16) / (21 − 18) = 66.67 mg/Nm³ > 50: warned.
    let r = common::one(flue(
        json!({ "sector": "steel_sinter", "o2_measured_pct": 18 }),
    ));
    assert_close(r.full_year[Key::Nox], 1872.0, "sinter NOx");
    let above: Vec<_> = r
        .warnings
        .iter()
        .filter(|w| w.code() == "above_claimed_limit")
        .collect();
    assert_eq!(above.len(), 1, "{:?}", r.warnings);
    assert_eq!(above[0].field.as_deref(), Some("measure.nox_after_mg_m3"));
    match &above[0].kind {
        jianpai_core::trail::WarningKind::AboveClaimedLimit { value, limit } => {
            assert_close(*value, 40.0 * 5.0 / 3.0, "converted");
            assert_close(*limit, 50.0, "sinter NOx limit");
        }
        k => panic!("{k:?}"),
    }
    // The note cites the sector's entry and shows the conversion, in both languages.
    let notes = warnings(&r, "note");
    assert!(
        notes.iter().any(|n| n.contains("steel sinter machine head")
            && n.contains("Huandaqi [2019] No. 35")
            && n.contains("40 × (21 − 16) / (21 − 18) = 66.6666667")),
        "{notes:?}"
    );
    let zh: Vec<String> = r.warnings.iter().map(|w| w.message(Lang::Zh)).collect();
    assert!(
        zh.iter().any(|n| n.contains("环大气〔2019〕35号")),
        "{zh:?}"
    );
    // The trail's NOx step cites the limit (secondary) and the reference O₂ (official).
    let nox = r.trail.iter().find(|t| t.output == Key::Nox).unwrap();
    let cited: Vec<(&str, Status)> = nox
        .factors
        .iter()
        .map(|f| (f.factor.id.as_str(), f.factor.status))
        .collect();
    assert_eq!(
        cited,
        [
            ("limit.ultra_low.steel_sinter.nox_mg_m3", Status::Secondary),
            ("flue_gas.o2_ref.steel_sinter_pct", Status::Official),
        ]
    );
}

#[test]
fn steel_sinter_at_its_reference_o2_is_not_warned() {
    // 40 × (21 − 16) / (21 − 16) = 40 ≤ 50; blank O₂ means already at 16 %: 40 ≤ 50.
    for extra in [
        json!({ "sector": "steel_sinter", "o2_measured_pct": 16 }),
        json!({ "sector": "steel_sinter" }),
    ] {
        let r = common::one(flue(extra));
        assert!(
            warnings(&r, "above_claimed_limit").is_empty(),
            "{:?}",
            r.warnings
        );
        assert!(warnings(&r, "note").is_empty(), "{:?}", r.warnings);
        assert_close(r.full_year[Key::Nox], 1872.0, "sinter NOx");
    }
}

#[test]
fn cement_kiln_is_checked_at_10_percent_o2() {
    // NOx 45 at 12 %: 45 × (21 − 10) / (21 − 12) = 55 > 50: warned; at 10 %: 45: not.
    // SO₂ 30 at 12 %: 30 × 11 / 9 = 36.67 > 35: warned.
    let m = json!({ "sector": "cement_kiln", "o2_measured_pct": 12, "nox_after_mg_m3": 45,
        "so2_before_mg_m3": 100, "so2_after_mg_m3": 30 });
    let r = common::one(flue(m));
    // SO₂: 1,000,000 × 7,200 × (100 − 30) × 10⁻⁹ = 504 t; NOx: × (300 − 45) = 1,836 t.
    assert_close(r.full_year[Key::So2], 504.0, "kiln SO2");
    assert_close(r.full_year[Key::Nox], 1836.0, "kiln NOx");
    let above: Vec<(Option<&str>, f64)> = r
        .warnings
        .iter()
        .filter_map(|w| match &w.kind {
            jianpai_core::trail::WarningKind::AboveClaimedLimit { value, .. } => {
                Some((w.field.as_deref(), *value))
            }
            _ => None,
        })
        .collect();
    assert_eq!(above.len(), 2, "{above:?}");
    assert_eq!(above[0].0, Some("measure.so2_after_mg_m3"));
    assert_close(above[0].1, 30.0 * 11.0 / 9.0, "SO2 converted");
    assert_eq!(above[1].0, Some("measure.nox_after_mg_m3"));
    assert_close(above[1].1, 55.0, "NOx converted");
    assert!(factor_ids(&r).contains(&"limit.ultra_low.cement_kiln.so2_mg_m3".to_owned()));
    assert!(factor_ids(&r).contains(&"flue_gas.o2_ref.cement_kiln_pct".to_owned()));

    let r = common::one(flue(
        json!({ "sector": "cement_kiln", "o2_measured_pct": 10,
        "nox_after_mg_m3": 45 }),
    ));
    assert!(
        warnings(&r, "above_claimed_limit").is_empty(),
        "{:?}",
        r.warnings
    );
}

#[test]
fn coal_power_converts_at_6_percent_and_without_sector_is_as_before() {
    // 45 at 9 %: 45 × (21 − 6) / (21 − 9) = 56.25 > 50: warned; 40 at 9 %: 40 × 15 / 12 = 50: not.
    let r = common::one(flue(json!({ "o2_measured_pct": 9, "nox_after_mg_m3": 45 })));
    let above = warnings(&r, "above_claimed_limit");
    assert_eq!(above.len(), 1, "{:?}", r.warnings);
    assert!(above[0].contains("56.25"), "{above:?}");
    let r = common::one(flue(json!({ "o2_measured_pct": 9 })));
    assert!(
        warnings(&r, "above_claimed_limit").is_empty(),
        "{:?}",
        r.warnings
    );

    // No sector, no O₂: the check against 50 as before, and no entry cited in the trail.
    let r = common::one(flue(json!({ "nox_after_mg_m3": 55 })));
    assert_eq!(warnings(&r, "above_claimed_limit").len(), 1);
    assert!(warnings(&r, "note").is_empty(), "{:?}", r.warnings);
    assert!(factor_ids(&r).is_empty(), "{:?}", factor_ids(&r));
    // `sector: coal_power` computes the same numbers and warnings; the trail cites the entries.
    let same = common::one(flue(
        json!({ "nox_after_mg_m3": 55, "sector": "coal_power" }),
    ));
    assert_eq!(same.full_year, r.full_year);
    assert_eq!(
        factor_ids(&same),
        [
            "limit.ultra_low.nox_mg_m3",
            "flue_gas.o2_ref.coal_power_pct"
        ]
    );
}

#[test]
fn other_sector_has_no_check_and_ignores_the_o2() {
    let r = common::one(flue(json!({ "sector": "other", "nox_after_mg_m3": 290 })));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // 1,000,000 × 7,200 × (300 − 290) × 10⁻⁹ = 72 t.
    assert_close(r.full_year[Key::Nox], 72.0, "other NOx");
    let r = common::one(flue(json!({ "sector": "other", "o2_measured_pct": 18 })));
    let notes = warnings(&r, "note");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("not used"), "{notes:?}");
    assert_eq!(
        r.warnings[0].field.as_deref(),
        Some("measure.o2_measured_pct")
    );
}

#[test]
fn bad_sector_and_o2_are_refused_under_their_labels() {
    for (extra, path, zh, en) in [
        (
            json!({ "sector": "steel" }),
            "measure.sector",
            "行业",
            "Sector",
        ),
        (
            json!({ "o2_measured_pct": 21 }),
            "measure.o2_measured_pct",
            "实测含氧量",
            "Measured O₂",
        ),
        (
            json!({ "o2_measured_pct": -1 }),
            "measure.o2_measured_pct",
            "实测含氧量",
            "Measured O₂",
        ),
    ] {
        let text = common::file(
            json!({}),
            json!({}),
            vec![common::project(flue(extra), None)],
        );
        let errs = load(&text).expect_err("refused");
        let e = errs
            .iter()
            .find(|e| e.field.as_deref() == Some(path))
            .unwrap_or_else(|| panic!("{path}: {errs:?}"));
        assert!(e.message(Lang::Zh).contains(zh), "{}", e.message(Lang::Zh));
        assert!(e.message(Lang::En).contains(en), "{}", e.message(Lang::En));
    }
}

#[test]
fn a_sector_under_a_library_without_its_entries_is_refused_at_the_choice() {
    let mut file: Value = serde_json::from_str(&common::file(
        json!({}),
        json!({}),
        vec![common::project(
            flue(json!({ "sector": "steel_sinter" })),
            None,
        )],
    ))
    .unwrap();
    file["factor_library"] = json!("2026.11-3");
    let errs = load(&file.to_string()).expect_err("no sector entries in 2026.11-3");
    let e = errs
        .iter()
        .find(|e| e.field.as_deref() == Some("measure.sector"))
        .unwrap_or_else(|| panic!("{errs:?}"));
    assert_eq!(
        e.kind,
        ErrorKind::UnknownFactor {
            id: "flue_gas.o2_ref.steel_sinter_pct".into()
        }
    );
    // Without a sector the file computes under that library as before.
    file["projects"][0]["measure"] = flue(json!({}));
    let r = common::report(&file.to_string());
    assert_close(r.projects[0].full_year[Key::Nox], 1872.0, "older library");
}

// ---- the 十四五 categories -----------------------------------------------------------------------

/// Each type's category, written out from docs/methodology.md §2.7.
#[test]
fn every_type_has_its_category() {
    let want = |t: MeasureType| match t.code() {
        "wastewater" => "urban_sewage",
        "desulfurization" | "denitrification" | "fuel_switch" | "boiler_phaseout" => "boiler_kiln",
        "flue_gas" => "ultra_low",
        "livestock" => "livestock",
        "capacity_phaseout" => "structure_upgrade",
        "energy_saving" | "measured" => "other",
        "vocs_treatment" | "vocs_ldar" | "vocs_oil_vapour" => "vocs_comprehensive",
        "reclaimed_water" => "reclaimed_water",
        "rural_sewage" => "rural_sewage",
        "leachate" => "leachate",
        "vocs_substitution" => "vocs_substitution",
        other => panic!("no category written for {other}"),
    };
    for t in MeasureType::ALL {
        assert_eq!(t.key_category().name(), want(*t), "{}", t.code());
    }
    assert_eq!(
        KeyCategory::NAMES,
        [
            "structure_upgrade",
            "industrial_treatment",
            "urban_sewage",
            "reclaimed_water",
            "livestock",
            "rural_sewage",
            "leachate",
            "vocs_substitution",
            "vocs_comprehensive",
            "ultra_low",
            "boiler_kiln",
            "mobile_source",
            "other",
        ]
    );
    let _ = Measure::default_key_category;
}

fn register_2021(method: Option<&str>) -> String {
    let p = |id: &str, extra: Value, measure: Value| {
        let mut p = json!({ "id": id, "measure": measure });
        for (k, v) in extra.as_object().unwrap() {
            p[k] = v.clone();
        }
        p
    };
    let ww = |source: &str, cod_after: f64| {
        json!({ "type": "wastewater", "source": source, "flow_m3_per_day": 1000, "days": 365,
            "cod_before_mg_l": 200, "cod_after_mg_l": cod_after })
    };
    let projects = vec![
        // COD 1,000 × 365 × (200 − 100) × 10⁻⁶ = 36.5 t, full year; urban_sewage.
        p("w1", json!({}), ww("municipal", 100.0)),
        // COD 1,000 × 365 × (200 − 150) × 10⁻⁶ = 18.25 t, credited 6 months: 9.125 t; industrial.
        p("w2", json!({ "start_month": 7 }), ww("industrial", 150.0)),
        // NOx 1,000,000 × 7,200 × 260 × 10⁻⁹ = 1,872 t; ultra_low.
        p("f1", json!({}), flue(json!({}))),
        // measured COD 10 − 7 = 3 t, said to be rural sewage by the project.
        p(
            "m1",
            json!({ "key_category": "rural_sewage" }),
            json!({ "type": "measured", "before": { "cod_t": 10 }, "after": { "cod_t": 7 } }),
        ),
        // measured VOCs 5 − 1 = 4 t, category other (the type's).
        p(
            "m2",
            json!({}),
            json!({ "type": "measured", "before": { "vocs_t": 5 }, "after": { "vocs_t": 1 } }),
        ),
    ];
    let settings = match method {
        Some(m) => json!({ "method": m }),
        None => json!({}),
    };
    common::file(settings, json!({}), projects)
}

#[test]
fn a_2021_report_groups_by_category_and_the_subtotals_sum_to_the_totals() {
    let r = common::report(&register_2021(Some("2021")));
    let got: Vec<(&str, usize)> = r
        .by_key_category
        .iter()
        .map(|g| (g.key.as_str(), g.projects))
        .collect();
    // In the categories' order, not by name.
    assert_eq!(
        got,
        [
            ("industrial_treatment", 1),
            ("urban_sewage", 1),
            ("rural_sewage", 1),
            ("ultra_low", 1),
            ("other", 1),
        ]
    );
    let g = |k: &str| r.by_key_category.iter().find(|g| g.key == k).unwrap();
    assert_close(g("urban_sewage").credited[Key::Cod], 36.5, "urban");
    assert_close(
        g("industrial_treatment").credited[Key::Cod],
        9.125,
        "industrial",
    );
    assert_close(g("rural_sewage").credited[Key::Cod], 3.0, "rural");
    assert_close(g("ultra_low").credited[Key::Nox], 1872.0, "ultra-low");
    assert_close(g("other").credited[Key::Vocs], 4.0, "other");
    // 36.5 + 9.125 + 3 = 48.625 t COD.
    assert_close(r.totals[Key::Cod], 48.625, "COD total");
    for key in Key::ALL {
        let sum: f64 = r.by_key_category.iter().map(|g| g.credited[key]).sum();
        assert_close(sum, r.totals[key], key.code());
    }
    let ids: Vec<(&str, Option<&str>)> = r
        .projects
        .iter()
        .map(|p| (&*p.id, p.key_category.map(|c| c.name())))
        .collect();
    assert_eq!(
        ids,
        [
            ("w1", Some("urban_sewage")),
            ("w2", Some("industrial_treatment")),
            ("f1", Some("ultra_low")),
            ("m1", Some("rural_sewage")),
            ("m2", Some("other")),
        ]
    );
    // The report CSV ends in the category column; the text report has the section.
    let csv = export::csv(&r, Lang::Zh);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",key_category"));
    assert!(lines.next().unwrap().ends_with(",urban_sewage"), "{csv}");
    assert!(csv.lines().last().unwrap().ends_with(','), "{csv}");
    let text = export::text(&r, Lang::Zh);
    assert!(text.contains("按十四五类别（计入当年）"), "{text}");
    assert!(text.contains("农村生活污水治理 [1个项目]"), "{text}");
    let text = export::text(&r, Lang::En);
    assert!(
        text.contains("Rural domestic sewage treatment [1 project]"),
        "{text}"
    );
}

#[test]
fn a_2011_report_is_as_before_without_categories() {
    let r = common::report(&register_2021(Some("2011")));
    assert!(r.by_key_category.is_empty());
    assert!(r.projects.iter().all(|p| p.key_category.is_none()));
    let json = serde_json::to_value(&r).unwrap();
    assert!(json.get("by_key_category").is_none());
    assert!(json["projects"][0].get("key_category").is_none());
    let csv = export::csv(&r, Lang::Zh);
    assert!(!csv.contains("key_category"), "{csv}");
    assert!(!export::text(&r, Lang::Zh).contains("十四五类别"));
    // The file still carries the project's field (kept as given).
    let file = load(&register_2021(Some("2011"))).unwrap();
    assert_eq!(
        file.projects[3].key_category,
        Some(KeyCategory::RuralSewage)
    );
}

#[test]
fn a_file_of_2026_without_a_method_is_grouped() {
    let r = common::report(&register_2021(None));
    assert_eq!(r.by_key_category.len(), 5);
}

#[test]
fn an_unknown_key_category_is_refused_at_the_field() {
    let text = common::file(
        json!({}),
        json!({}),
        vec![json!({ "id": "p1", "key_category": "roads",
            "measure": { "type": "measured", "before": { "cod_t": 1 }, "after": { "cod_t": 0 } } })],
    );
    let errs = load(&text).expect_err("refused");
    let e = errs
        .iter()
        .find(|e| e.field.as_deref() == Some("key_category"))
        .unwrap_or_else(|| panic!("{errs:?}"));
    assert!(
        matches!(e.kind, ErrorKind::UnknownChoice { .. }),
        "{:?}",
        e.kind
    );
    let zh = e.message(Lang::Zh);
    let en = e.message(Lang::En);
    assert!(
        zh.contains("十四五类别") && zh.contains("roads") && zh.contains("rural_sewage"),
        "{zh}"
    );
    assert!(
        en.contains("14th Five-Year Plan category") && en.contains("roads"),
        "{en}"
    );
}
