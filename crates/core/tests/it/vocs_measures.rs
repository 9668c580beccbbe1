//! The VOCs measures of issue 18 (docs/methodology.md §3.13–§3.15): `vocs_treatment`,
//! `vocs_ldar`, `vocs_oil_vapour`. Every expected figure is worked out by hand in the comment
//! beside it, from the formulas of the methodology; bad inputs are refused under the field's label.

use crate::common::{self, assert_close};
use jianpai_core::{load, ErrorKind, Key, Lang, Status};
use serde_json::{json, Value};

/// The errors of a one-project file with `measure`.
fn errors(measure: Value) -> Vec<jianpai_core::Error> {
    let text = common::file(json!({}), json!({}), vec![common::project(measure, None)]);
    load(&text).expect_err("the file should be refused")
}

/// Asserts an error on `measure.<path>` whose message names `label_en` and `label_zh`.
#[track_caller]
fn refused(
    measure: Value,
    path: &str,
    label_zh: &str,
    label_en: &str,
    kind: fn(&ErrorKind) -> bool,
) {
    let errs = errors(measure);
    let field = format!("measure.{path}");
    let e = errs
        .iter()
        .find(|e| e.field.as_deref() == Some(field.as_str()))
        .unwrap_or_else(|| panic!("no error on {field}: {errs:?}"));
    assert!(kind(&e.kind), "{field}: {:?}", e.kind);
    assert!(
        e.message(Lang::En).contains(label_en),
        "{}",
        e.message(Lang::En)
    );
    assert!(
        e.message(Lang::Zh).contains(label_zh),
        "{}",
        e.message(Lang::Zh)
    );
}

// ---- vocs_treatment: R = G × (c₂ × r₂ × η₂ − c₁ × r₁ × η₁) / 10⁴ ------------------------------

#[test]
fn treatment_with_a_capture_type_takes_the_library_default() {
    // G = 100 t; before: capture 30 %, run rate 1 (default), removal 50 %; after: enclosure
    // ≥ 0.5 m/s, library 80 %, run rate 1 (default), removal 90 %.
    // R = 100 × (80 × 1 × 90 − 30 × 1 × 50) / 10⁴ = 100 × (7200 − 1500) / 10⁴ = 57 t.
    let r = common::one(json!({ "type": "vocs_treatment", "generated_t": 100,
        "capture_before_pct": 30, "removal_before_pct": 50,
        "capture_type": "enclosure_fast", "removal_after_pct": 90 }));
    assert_close(r.full_year[Key::Vocs], 57.0, "VOCs");
    assert_close(r.credited[Key::Vocs], 57.0, "whole year credited");
    let step = r.trail.iter().find(|t| t.output == Key::Vocs).unwrap();
    let f = &step.factors[0];
    assert_eq!(f.factor.id, "vocs.capture.enclosure_fast_pct");
    assert_eq!(f.factor.value, 80.0);
    assert_eq!(f.factor.status, Status::Unverified);
    assert!(f.factor.source.contains("表23"), "{}", f.factor.source);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn treatment_with_its_own_capture_efficiency() {
    // Nothing before (defaults 0, 1, 0); after: capture 90 %, run rate 0.95, removal 85 %, G = 200 t.
    // R = 200 × 90 × 0.95 × 85 / 10⁴ = 200 × 7267.5 / 10⁴ = 145.35 t.
    let r = common::one(json!({ "type": "vocs_treatment", "generated_t": 200,
        "capture_after_pct": 90, "run_rate_after": 0.95, "removal_after_pct": 85 }));
    assert_close(r.full_year[Key::Vocs], 145.35, "VOCs");
    // The project's own value wins over a kind also given: 200 × 70 × 1 × 50 / 10⁴ = 70 t
    // (double-sealed would give 200 × 99 × 50 / 10⁴ = 99 t).
    let r = common::one(json!({ "type": "vocs_treatment", "generated_t": 200,
        "capture_after_pct": 70, "capture_type": "double_sealed", "removal_after_pct": 50 }));
    assert_close(r.full_year[Key::Vocs], 70.0, "own capture wins");
}

#[test]
fn a_capture_default_can_be_overridden() {
    // External hood 0.3–0.5 m/s: library 30 % (the table's 20–40 %), overridden to 25 %.
    // R = 40 × 25 × 1 × 80 / 10⁴ = 8 t; at the library's 30 %: 40 × 30 × 80 / 10⁴ = 9.6 t.
    let m = json!({ "type": "vocs_treatment", "generated_t": 40, "capture_type": "hood_slow",
        "removal_after_pct": 80 });
    assert_close(common::one(m.clone()).full_year[Key::Vocs], 9.6, "library");
    let mut p = common::project(m, None);
    p["overrides"] = json!({ "vocs.capture.hood_slow_pct": { "value": 25, "note": "现场测试" } });
    let r = common::report(&common::file(json!({}), json!({}), vec![p]));
    assert_close(r.projects[0].full_year[Key::Vocs], 8.0, "overridden");
}

#[test]
fn a_worse_treatment_is_a_negative_reduction_warned() {
    // Before 90 × 1 × 90, after 80 × 1 × 90: R = 10 × (7200 − 8100) / 10⁴ = −0.9 t.
    let r = common::one(json!({ "type": "vocs_treatment", "generated_t": 10,
        "capture_before_pct": 90, "removal_before_pct": 90,
        "capture_after_pct": 80, "removal_after_pct": 90 }));
    assert_close(r.full_year[Key::Vocs], -0.9, "VOCs");
    assert!(r.warnings.iter().any(|w| w.code() == "negative_reduction"));
}

#[test]
fn treatment_bad_inputs_are_refused_under_their_labels() {
    let missing = |k: &ErrorKind| *k == ErrorKind::Missing;
    refused(
        json!({ "type": "vocs_treatment", "generated_t": 10, "removal_after_pct": 90 }),
        "capture_after_pct",
        "治理后废气收集率",
        "Capture efficiency after",
        missing,
    );
    refused(
        json!({ "type": "vocs_treatment", "generated_t": 10, "capture_after_pct": 90 }),
        "removal_after_pct",
        "治理后去除效率",
        "Removal efficiency after",
        missing,
    );
    refused(
        json!({ "type": "vocs_treatment", "capture_after_pct": 90, "removal_after_pct": 90 }),
        "generated_t",
        "VOCs 年产生量",
        "VOCs generated per year",
        missing,
    );
    refused(
        json!({ "type": "vocs_treatment", "generated_t": 10, "capture_after_pct": 90,
            "run_rate_after": 1.2, "removal_after_pct": 90 }),
        "run_rate_after",
        "治理后治理设施同步运行率",
        "Treatment run rate after",
        |k| matches!(k, ErrorKind::OutOfRange { .. }),
    );
    refused(
        json!({ "type": "vocs_treatment", "generated_t": 10, "capture_type": "fan",
            "removal_after_pct": 90 }),
        "capture_type",
        "治理后集气方式",
        "Collection after",
        |k| matches!(k, ErrorKind::UnknownChoice { .. }),
    );
}

// ---- vocs_ldar: R = before − after ------------------------------------------------------------

#[test]
fn ldar_is_before_minus_after_and_an_increase_is_warned() {
    // 12.5 − 4 = 8.5 t; from July (13 − 7 = 6 months): 8.5 × 6 / 12 = 4.25 t credited.
    let m = json!({ "type": "vocs_ldar", "fugitive_before_t": 12.5, "fugitive_after_t": 4,
        "components": 25000 });
    let r = common::report(&common::file(
        json!({}),
        json!({}),
        vec![common::project(m, Some(7))],
    ));
    assert_close(r.projects[0].full_year[Key::Vocs], 8.5, "full year");
    assert_close(r.projects[0].credited[Key::Vocs], 4.25, "credited");
    // 3 − 5 = −2 t: accepted, warned.
    let r =
        common::one(json!({ "type": "vocs_ldar", "fugitive_before_t": 3, "fugitive_after_t": 5 }));
    assert_close(r.full_year[Key::Vocs], -2.0, "increase");
    assert!(r.warnings.iter().any(|w| w.code() == "negative_reduction"));
}

#[test]
fn ldar_bad_inputs_are_refused_under_their_labels() {
    refused(
        json!({ "type": "vocs_ldar", "fugitive_before_t": 3 }),
        "fugitive_after_t",
        "实施后 VOCs 泄漏排放量",
        "Fugitive VOCs per year after",
        |k| *k == ErrorKind::Missing,
    );
    refused(
        json!({ "type": "vocs_ldar", "fugitive_before_t": -3, "fugitive_after_t": 1 }),
        "fugitive_before_t",
        "实施前 VOCs 泄漏排放量",
        "Fugitive VOCs per year before",
        |k| matches!(k, ErrorKind::Negative { .. }),
    );
    refused(
        json!({ "type": "vocs_ldar", "fugitive_before_t": 3, "fugitive_after_t": 1, "components": 2.5 }),
        "components",
        "检测密封点数",
        "Components monitored",
        |k| *k == ErrorKind::NotAnInteger,
    );
}

// ---- vocs_oil_vapour: R = Q × L × (η₂ − η₁) / 100 / 1000 --------------------------------------

#[test]
fn oil_vapour_recovery() {
    // Q = 50,000 t, L = 2 kg/t, recovery 0 → 90 %: 50,000 × 2 × 90 / 100 / 1000 = 90 t.
    let r = common::one(json!({ "type": "vocs_oil_vapour", "throughput_t": 50000,
        "loss_kg_per_t": 2, "recovery_after_pct": 90 }));
    assert_close(r.full_year[Key::Vocs], 90.0, "from none");
    // 60 → 95 %: 50,000 × 2 × 35 / 100 / 1000 = 35 t.
    let r = common::one(json!({ "type": "vocs_oil_vapour", "throughput_t": 50000,
        "loss_kg_per_t": 2, "recovery_before_pct": 60, "recovery_after_pct": 95 }));
    assert_close(r.full_year[Key::Vocs], 35.0, "better recovery");
}

#[test]
fn oil_vapour_bad_inputs_are_refused_under_their_labels() {
    // No citable default for the loss per tonne: it is required.
    refused(
        json!({ "type": "vocs_oil_vapour", "throughput_t": 50000, "recovery_after_pct": 90 }),
        "loss_kg_per_t",
        "无回收时单位油品 VOCs 损耗量",
        "VOCs lost per tonne without recovery",
        |k| *k == ErrorKind::Missing,
    );
    refused(
        json!({ "type": "vocs_oil_vapour", "throughput_t": 50000, "loss_kg_per_t": 2,
            "recovery_after_pct": 101 }),
        "recovery_after_pct",
        "改造后油气回收效率",
        "Vapour recovery efficiency after",
        |k| matches!(k, ErrorKind::Percent { .. }),
    );
    refused(
        json!({ "type": "vocs_oil_vapour", "throughput_t": 2.0e9, "loss_kg_per_t": 2,
            "recovery_after_pct": 90 }),
        "throughput_t",
        "油品年周转量",
        "Oil throughput per year",
        |k| matches!(k, ErrorKind::AboveCeiling { .. }),
    );
}

#[test]
fn a_capture_type_under_a_library_without_its_default_is_refused_at_the_choice() {
    // The capture defaults are entries of library 2026.12-1; a file pinned to 2026.11-3 has none.
    let m = json!({ "type": "vocs_treatment", "generated_t": 100, "capture_type": "direct",
        "removal_after_pct": 90 });
    let mut file: Value = serde_json::from_str(&common::file(
        json!({}),
        json!({}),
        vec![common::project(m.clone(), None)],
    ))
    .unwrap();
    file["factor_library"] = json!("2026.11-3");
    let errs = load(&file.to_string()).expect_err("no such coefficient in 2026.11-3");
    let e = errs
        .iter()
        .find(|e| e.field.as_deref() == Some("measure.capture_type"))
        .unwrap_or_else(|| panic!("{errs:?}"));
    assert_eq!(
        e.kind,
        ErrorKind::UnknownFactor {
            id: "vocs.capture.direct_pct".into()
        }
    );
    assert!(
        e.message(Lang::En).contains("Collection after"),
        "{}",
        e.message(Lang::En)
    );
    // The project's own capture efficiency needs no library entry: 100 × 95 × 90 / 10⁴ = 85.5 t.
    let mut own = m;
    own["capture_after_pct"] = json!(95);
    file["projects"][0]["measure"] = own;
    let r = common::report(&file.to_string());
    assert_close(
        r.projects[0].full_year[Key::Vocs],
        85.5,
        "own capture, older library",
    );
}
