//! Bad input gives typed errors naming the project and the field (docs/methodology.md §7,
//! docs/file-format.md §6); soft limits give warnings; nothing panics.

use crate::common;
use common::{file, one, project};
use jianpai_core::Key;
use jianpai_core::{load, ErrorKind, Lang};
use serde_json::json;

fn errors_of(measure: serde_json::Value) -> Vec<jianpai_core::Error> {
    let text = file(json!({}), json!({}), vec![project(measure, None)]);
    match load(&text) {
        Ok(f) => jianpai_core::compute(&f).err().unwrap_or_default(),
        Err(e) => e,
    }
}

/// (case, measure, field expected in the error, kind check)
#[test]
fn measure_errors() {
    type Kind = fn(&ErrorKind) -> bool;
    let cases: Vec<(&str, serde_json::Value, &str, Kind)> = vec![
        (
            "unknown type",
            json!({ "type": "teleport" }),
            "measure.type",
            |k| matches!(k, ErrorKind::UnknownMeasureType { .. }),
        ),
        (
            "missing coal",
            json!({ "type": "desulfurization", "sulfur_pct": 1, "efficiency_after_pct": 90 }),
            "measure.coal_t",
            |k| *k == ErrorKind::Missing,
        ),
        (
            "text for number",
            json!({ "type": "desulfurization", "coal_t": "lots", "sulfur_pct": 1, "efficiency_after_pct": 90 }),
            "measure.coal_t",
            |k| *k == ErrorKind::NotANumber,
        ),
        (
            "negative flow",
            json!({ "type": "wastewater", "flow_m3_per_day": -5, "cod_before_mg_l": 200, "cod_after_mg_l": 50 }),
            "measure.flow_m3_per_day",
            |k| matches!(k, ErrorKind::Negative { .. }),
        ),
        (
            "percent 120",
            json!({ "type": "desulfurization", "coal_t": 1, "sulfur_pct": 1, "efficiency_after_pct": 120 }),
            "measure.efficiency_after_pct",
            |k| matches!(k, ErrorKind::Percent { .. }),
        ),
        (
            "percent -1",
            json!({ "type": "livestock", "action": "treatment", "pigs": 600, "removal_after_pct": -1 }),
            "measure.removal_after_pct",
            |k| matches!(k, ErrorKind::Percent { .. }),
        ),
        (
            "sulfur 12 %",
            json!({ "type": "boiler_phaseout", "boilers": 1, "coal_t": 1, "sulfur_pct": 12 }),
            "measure.sulfur_pct",
            |k| matches!(k, ErrorKind::OutOfRange { .. }),
        ),
        (
            "COD after above before",
            json!({ "type": "wastewater", "flow_m3_per_day": 5, "cod_before_mg_l": 50, "cod_after_mg_l": 60 }),
            "measure.cod_after_mg_l",
            |k| matches!(k, ErrorKind::AfterAboveBefore { .. }),
        ),
        (
            "flue gas after above before",
            json!({ "type": "flue_gas", "flue_gas_nm3_per_h": 1, "hours": 1, "nox_before_mg_m3": 50, "nox_after_mg_m3": 80 }),
            "measure.nox_after_mg_m3",
            |k| matches!(k, ErrorKind::AfterAboveBefore { .. }),
        ),
        (
            "efficiency lowered",
            json!({ "type": "denitrification", "coal_t": 1, "efficiency_before_pct": 60, "efficiency_after_pct": 40 }),
            "measure.efficiency_after_pct",
            |k| matches!(k, ErrorKind::AfterBelowBefore { .. }),
        ),
        (
            "removal lowered",
            json!({ "type": "livestock", "action": "treatment", "pigs": 600, "removal_before_pct": 60, "removal_after_pct": 40 }),
            "measure.removal_after_pct",
            |k| matches!(k, ErrorKind::AfterBelowBefore { .. }),
        ),
        (
            "half a pig",
            json!({ "type": "livestock", "action": "closure", "pigs": 10.5 }),
            "measure.pigs",
            |k| *k == ErrorKind::NotAnInteger,
        ),
        (
            "negative pigs",
            json!({ "type": "livestock", "action": "closure", "pigs": -3 }),
            "measure.pigs",
            |k| matches!(k, ErrorKind::Negative { .. }),
        ),
        (
            "boilers as text",
            json!({ "type": "boiler_phaseout", "boilers": "many", "coal_t": 1, "sulfur_pct": 1 }),
            "measure.boilers",
            |k| *k == ErrorKind::NotANumber,
        ),
        (
            "livestock without action",
            json!({ "type": "livestock", "pigs": 600 }),
            "measure.action",
            |k| *k == ErrorKind::Missing,
        ),
        (
            "treatment without removal after",
            json!({ "type": "livestock", "action": "treatment", "pigs": 600 }),
            "measure.removal_after_pct",
            |k| *k == ErrorKind::Missing,
        ),
        (
            "gas efficiency zero",
            json!({ "type": "fuel_switch", "coal_t": 1, "sulfur_pct": 1, "coal_boiler_efficiency_pct": 70, "gas_boiler_efficiency_pct": 0 }),
            "measure.gas_boiler_efficiency_pct",
            |k| matches!(k, ErrorKind::NotPositive { .. }),
        ),
        (
            "hours 9000",
            json!({ "type": "flue_gas", "flue_gas_nm3_per_h": 1, "hours": 9000, "so2_before_mg_m3": 50, "so2_after_mg_m3": 30 }),
            "measure.hours",
            |k| matches!(k, ErrorKind::OutOfRange { .. }),
        ),
        (
            "flue gas without hours",
            json!({ "type": "flue_gas", "flue_gas_nm3_per_h": 1, "so2_before_mg_m3": 50, "so2_after_mg_m3": 30 }),
            "measure.hours",
            |k| *k == ErrorKind::Missing,
        ),
        (
            "measured half pair",
            json!({ "type": "measured", "before": { "cod_t": 5 }, "after": {} }),
            "measure.after.cod_t",
            |k| *k == ErrorKind::Missing,
        ),
        (
            "measured negative",
            json!({ "type": "measured", "before": { "cod_t": 5 }, "after": { "cod_t": -1 } }),
            "measure.after.cod_t",
            |k| matches!(k, ErrorKind::Negative { .. }),
        ),
        (
            "energy saving negative",
            json!({ "type": "energy_saving", "saved": { "diesel_t": -2 } }),
            "measure.saved.diesel_t",
            |k| matches!(k, ErrorKind::Negative { .. }),
        ),
        (
            "energy saving empty",
            json!({ "type": "energy_saving", "saved": {} }),
            "measure.saved",
            |k| *k == ErrorKind::NothingToCompute,
        ),
        (
            "capacity empty",
            json!({ "type": "capacity_phaseout" }),
            "measure.last_year",
            |k| *k == ErrorKind::NothingToCompute,
        ),
        (
            "bad choice",
            json!({ "type": "boiler_phaseout", "boilers": 1, "coal_t": 1, "sulfur_pct": 1, "replaced_by": "magic" }),
            "measure.replaced_by",
            |k| matches!(k, ErrorKind::UnknownChoice { .. }),
        ),
    ];
    for (name, measure, field, kind) in cases {
        let errs = errors_of(measure);
        assert!(
            errs.iter().any(|e| e.project.as_deref() == Some("p")
                && e.field.as_deref() == Some(field)
                && kind(&e.kind)),
            "{name}: expected an error on {field}, got {errs:?}"
        );
        for e in &errs {
            for lang in [Lang::Zh, Lang::En] {
                let m = e.message(lang);
                // A declared input is named by its label, never by its path.
                let named = match e.label {
                    Some(l) => m.contains(l.get(lang)) && !m.contains("measure."),
                    None => m.contains(e.field.as_deref().unwrap_or_default()),
                };
                assert!(
                    m.contains(" p") && named,
                    "{name}: message lacks project/field: {m}"
                );
            }
        }
    }
}

#[test]
fn syntax_error_has_line_and_column() {
    let errs = load("{\n  \"format\": \"jianpai/1\",\n  \"projects\": [,]\n}").unwrap_err();
    match &errs[0].kind {
        ErrorKind::Syntax { line, column, .. } => assert_eq!((*line, *column), (3, 16)),
        k => panic!("{k:?}"),
    }
    assert!(errs[0].message(Lang::En).contains("line 3, column 16"));
    assert!(errs[0].message(Lang::Zh).contains("第 3 行第 16 列"));
}

#[test]
fn file_level_errors() {
    let unknown = load(r#"{"format": "jianpai/9", "projects": []}"#).unwrap_err();
    assert!(
        matches!(&unknown[0].kind, ErrorKind::UnsupportedFormat { found } if found == "jianpai/9")
    );
    let missing = load(r#"{"projects": []}"#).unwrap_err();
    assert!(matches!(
        &missing[0].kind,
        ErrorKind::UnsupportedFormat { .. }
    ));
    assert!(matches!(
        load("[1, 2]").unwrap_err()[0].kind,
        ErrorKind::NotAnObject
    ));

    let m = json!({ "type": "measured", "before": { "cod_t": 2 }, "after": { "cod_t": 1 } });
    let cases = [
        (
            json!({ "x": { "value": 1, "note": "n" } }),
            "overrides.x",
            "unknown factor",
        ),
        (
            json!({ "tce.raw_coal": { "value": 0.7 } }),
            "overrides.tce.raw_coal",
            "without note",
        ),
        (
            json!({ "tce.raw_coal": { "value": 0.7, "note": "  " } }),
            "overrides.tce.raw_coal",
            "blank note",
        ),
    ];
    for (ov, field, name) in cases {
        let errs = load(&file(json!({}), ov, vec![project(m.clone(), None)])).unwrap_err();
        assert!(
            errs.iter().any(|e| e.field.as_deref() == Some(field)),
            "{name}: {errs:?}"
        );
    }
    for month in [json!(0), json!(13), json!(2.5), json!(-1)] {
        let errs = load(&file(
            json!({}),
            json!({}),
            vec![json!({ "id": "q", "start_month": month, "measure": m })],
        ))
        .unwrap_err();
        assert!(
            errs.iter().any(|e| e.project.as_deref() == Some("q")
                && e.field.as_deref() == Some("start_month")
                && matches!(e.kind, ErrorKind::Month { .. })),
            "month {month}: {errs:?}"
        );
    }
    let dup = load(&file(
        json!({}),
        json!({}),
        vec![project(m.clone(), None), project(m.clone(), None)],
    ))
    .unwrap_err();
    assert!(matches!(&dup[0].kind, ErrorKind::DuplicateId { .. }));
}

#[test]
fn every_error_is_reported_at_once() {
    let text = file(
        json!({}),
        json!({}),
        vec![
            json!({ "id": "a", "measure": { "type": "wastewater", "flow_m3_per_day": -1, "cod_before_mg_l": 1, "cod_after_mg_l": 2 } }),
            json!({ "id": "b", "start_month": 14, "measure": { "type": "nope" } }),
        ],
    );
    let errs = match load(&text) {
        Ok(f) => jianpai_core::compute(&f).unwrap_err(),
        Err(e) => e,
    };
    let ids: Vec<_> = errs.iter().filter_map(|e| e.project.as_deref()).collect();
    assert!(ids.contains(&"a") && ids.contains(&"b"), "{errs:?}");
}

#[test]
fn non_finite_results_are_errors() {
    // An input as large as 1e308 is above its field's ceiling: the error names the input
    // (issue 21; it used to be reported on `result.tce`).
    let m = json!({ "type": "energy_saving", "saved": { "coal_t": 1e308, "washed_coal_t": 1e308, "coke_t": 1e308 } });
    let errs = errors_of(m);
    assert!(
        errs.iter()
            .any(|e| matches!(e.kind, ErrorKind::AboveCeiling { .. })
                && e.field.as_deref() == Some("measure.saved.coal_t")),
        "{errs:?}"
    );
    // Inputs within their ceilings, a finite override, a product that is not finite:
    // 1e8 t of coal × 1e301 tce/t.
    let text = file(
        json!({}),
        json!({ "tce.raw_coal": { "value": 1e301, "note": "test" } }),
        vec![project(
            json!({ "type": "energy_saving", "saved": { "coal_t": 1e8 } }),
            None,
        )],
    );
    let errs = jianpai_core::compute(&load(&text).unwrap()).unwrap_err();
    assert!(
        errs.iter()
            .any(|e| e.kind == ErrorKind::NotFinite && e.field.as_deref() == Some("result.tce")),
        "{errs:?}"
    );
    // Each project finite, the total not: two projects of 1e8 t × 1e300 tce/t (each 1e308, below
    // f64::MAX ≈ 1.8e308; their sum is not), CO₂ per tce made small so that only tce overflows.
    let big = json!({ "type": "energy_saving", "saved": { "coal_t": 1e8 } });
    let text = file(
        json!({}),
        json!({ "tce.raw_coal": { "value": 1e300, "note": "test" },
                 "co2.coal_per_tce": { "value": 1e-9, "note": "test" } }),
        vec![
            json!({ "id": "a", "measure": big }),
            json!({ "id": "b", "measure": big }),
        ],
    );
    let errs = jianpai_core::compute(&load(&text).unwrap()).unwrap_err();
    assert!(
        errs.iter()
            .any(|e| e.field.as_deref() == Some("totals.tce")),
        "{errs:?}"
    );
}

fn codes(r: &jianpai_core::ProjectResult) -> Vec<(&'static str, Option<String>)> {
    r.warnings
        .iter()
        .map(|w| (w.code(), w.field.clone()))
        .collect()
}

#[test]
fn soft_limits_warn() {
    let has = |r: &jianpai_core::ProjectResult, code: &str, field: &str| {
        r.warnings
            .iter()
            .any(|w| w.code() == code && w.field.as_deref() == Some(field))
    };
    let r = one(
        json!({ "type": "wastewater", "flow_m3_per_day": 100, "load_rate": 0.5, "grade": "1A",
        "cod_before_mg_l": 250, "cod_after_mg_l": 70 }),
    );
    assert!(
        has(&r, "above_limit", "measure.cod_after_mg_l"),
        "{:?}",
        codes(&r)
    );
    assert!(has(&r, "low_load", "measure.load_rate"));
    let r = one(
        json!({ "type": "desulfurization", "coal_t": 10, "sulfur_pct": 5, "efficiency_after_pct": 99.8 }),
    );
    assert!(has(&r, "implausible", "measure.sulfur_pct"));
    assert!(has(
        &r,
        "very_high_efficiency",
        "measure.efficiency_after_pct"
    ));
    let r = one(
        json!({ "type": "desulfurization", "coal_t": 10, "sulfur_pct": 0.05, "efficiency_after_pct": 90 }),
    );
    assert!(has(&r, "implausible", "measure.sulfur_pct"));
    let r = one(
        json!({ "type": "desulfurization", "coal_t": 10, "sulfur_pct": 1, "efficiency_after_pct": 90 }),
    );
    assert!(r.warnings.is_empty(), "{:?}", codes(&r));
    let r =
        one(json!({ "type": "livestock", "action": "closure", "pigs": 499, "broilers": 60000 }));
    assert!(has(&r, "below_scale", "measure.pigs"));
    assert!(!has(&r, "below_scale", "measure.broilers"));
    let r = one(json!({ "type": "livestock", "action": "closure", "pigs": 500 }));
    assert!(r.warnings.is_empty());
    let r = one(
        json!({ "type": "boiler_phaseout", "boilers": 2, "coal_t": 100, "sulfur_pct": 1, "replaced_by": "gas" }),
    );
    assert!(has(&r, "gross_not_net", "measure.replaced_by"));
    assert_eq!(
        r.full_year[Key::Tce],
        0.0,
        "no energy saving unless replaced_by is none"
    );
    let r = one(
        json!({ "type": "flue_gas", "flue_gas_nm3_per_h": 1000, "hours": 100,
        "so2_before_mg_m3": 100, "so2_after_mg_m3": 40, "nox_before_mg_m3": 100, "nox_after_mg_m3": 50 }),
    );
    assert!(has(&r, "above_claimed_limit", "measure.so2_after_mg_m3"));
    assert!(!has(&r, "above_claimed_limit", "measure.nox_after_mg_m3"));
    let r = one(
        json!({ "type": "flue_gas", "claim": "none", "flue_gas_nm3_per_h": 1000, "hours": 100,
        "so2_before_mg_m3": 100, "so2_after_mg_m3": 40 }),
    );
    assert!(r.warnings.is_empty());
    // A measured increase is allowed and warned.
    let r = one(json!({ "type": "measured", "before": { "so2_t": 5 }, "after": { "so2_t": 7 } }));
    assert_eq!(r.full_year[Key::So2], 5.0 - 7.0);
    assert!(r.warnings.iter().any(|w| w.code() == "negative_reduction"));
    // An unknown field is kept and warned.
    let r = one(
        json!({ "type": "measured", "befor": 1, "before": { "so2_t": 5 }, "after": { "so2_t": 4 } }),
    );
    assert!(has(&r, "unknown_field", "measure.befor"));
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let text = file(
        json!({}),
        json!({}),
        vec![json!({ "id": "a", "custom": [1, 2],
        "measure": { "type": "livestock", "action": "closure", "pigs": 600, "farm_code": "X-1",
                     "note": { "k": true } } })],
    );
    let f = load(&text).unwrap();
    let again = load(&f.to_json()).unwrap();
    assert_eq!(f, again);
    let v: serde_json::Value = serde_json::from_str(&again.to_json()).unwrap();
    assert_eq!(v["projects"][0]["measure"]["farm_code"], "X-1");
    assert_eq!(v["projects"][0]["custom"], json!([1, 2]));
}

#[test]
fn unknown_fields_in_targets_survive_a_round_trip() {
    let text =
        r#"{"format": "jianpai/1", "targets": {"cod_t": 800, "pm25_t": 12}, "projects": []}"#;
    let file = jianpai_core::load(text).expect("loads");
    let again = jianpai_core::load(&file.to_json()).expect("reloads");
    assert_eq!(again, file);
    assert!(
        file.to_json().contains("\"pm25_t\": 12"),
        "{}",
        file.to_json()
    );
}

#[test]
fn a_bad_month_does_not_hide_the_projects_other_problems() {
    let text = r#"{"format": "jianpai/1", "projects": [{"id": "a", "start_month": 13,
        "measure": {"type": "wastewater", "flow_m3_per_day": -5,
                    "cod_before_mg_l": 100, "cod_after_mg_l": 200}}]}"#;
    let errors = jianpai_core::load(text).expect_err("invalid");
    let fields: Vec<_> = errors
        .iter()
        .map(|e| e.field.as_deref().unwrap_or(""))
        .collect();
    for want in [
        "start_month",
        "measure.flow_m3_per_day",
        "measure.cod_after_mg_l",
    ] {
        assert!(fields.contains(&want), "{want} missing from {fields:?}");
    }
    assert!(errors.iter().all(|e| e.project.as_deref() == Some("a")));
}

/// Issue 21: a result larger than one project of any type reaches is warned on `result.<key>`,
/// named by the reduction's label, and still counted. The case by hand: 10 million m³/d (the
/// flow's ceiling, accepted) × 365 d × (5,000 − 0) mg/L × 10⁻⁶ = 18,250,000 t COD a year, above
/// the 300,000 t of `RESULT_USUAL`. The sample's projects get no such warning.
#[test]
fn an_implausibly_large_result_is_warned() {
    let m = json!({ "type": "wastewater", "flow_m3_per_day": 1e7, "load_rate": 1, "days": 365,
        "cod_before_mg_l": 5000, "cod_after_mg_l": 0 });
    let r = one(m);
    assert!((r.full_year[Key::Cod] - 18_250_000.0).abs() < 1e-6);
    let w = r
        .warnings
        .iter()
        .find(|w| w.field.as_deref() == Some("result.cod_t"))
        .unwrap_or_else(|| panic!("{:?}", r.warnings));
    assert_eq!(w.code(), "implausible");
    assert!(
        w.message(Lang::Zh).contains("COD"),
        "{}",
        w.message(Lang::Zh)
    );
    let sample = jianpai_core::compute(&load(jianpai_core::SAMPLE_FILE).unwrap()).unwrap();
    for p in &sample.projects {
        assert!(
            p.warnings
                .iter()
                .all(|w| !w.field.as_deref().unwrap_or("").starts_with("result.")),
            "{}: {:?}",
            p.id,
            p.warnings
        );
    }
}

/// Review F7: a file without `format` is told that it is missing (it was "unsupported file
/// format “”"), and a NUL inside a text is a control character (it was called a line break or
/// tab).
#[test]
fn a_missing_format_and_a_nul_in_a_text_are_named_for_what_they_are() {
    let missing = load(r#"{"projects": []}"#).unwrap_err();
    let (zh, en) = (missing[0].message(Lang::Zh), missing[0].message(Lang::En));
    assert!(zh.contains("缺少文件格式") && !zh.contains("“”"), "{zh}");
    assert!(en.contains("is missing") && !en.contains("\"\""), "{en}");
    // A format that is there but unknown is still named.
    let other = load(r#"{"format": "jianpai/9", "projects": []}"#).unwrap_err();
    assert!(other[0]
        .message(Lang::Zh)
        .contains("不支持的文件格式 “jianpai/9”"));
    let nul =
        load("{\"format\": \"jianpai/1\", \"title\": \"a\u{0}b\", \"projects\": []}").unwrap_err();
    let zh = nul[0].message(Lang::Zh);
    assert!(zh.contains("控制字符"), "{zh}");
    assert!(nul[0].message(Lang::En).contains("control character"));
}

#[test]
fn a_target_above_its_ceiling_is_an_error_naming_it() {
    // A COD target of 10^29 t (ceiling 10^7 t, methodology §7.1); an NOₓ target of 900 t reads.
    let text = serde_json::to_string(&json!({
        "format": "jianpai/1",
        "targets": { "cod_t": 1e29, "nox_t": 900 },
        "projects": []
    }))
    .expect("JSON");
    let errs = load(&text).expect_err("the target is refused");
    assert!(
        errs.iter()
            .any(|e| matches!(e.kind, ErrorKind::AboveCeiling { .. })
                && e.field.as_deref() == Some("targets.cod_t")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .all(|e| e.field.as_deref() != Some("targets.nox_t")),
        "{errs:?}"
    );
    assert!(
        errs[0].message(Lang::Zh).contains("COD 削减目标"),
        "{}",
        errs[0].message(Lang::Zh)
    );
}
