//! `vocs_substitution` 含VOCs原辅材料源头替代 (docs/methodology.md §3.19):
//! R = Σ (U_b × w_b − U_a × w_a) / 100 × (1 − c/100 × r × η/100). Every expected figure is worked
//! out by hand in the comment beside it from that formula; bad inputs are refused at their numbered
//! path (`measure.materials.1.content_after_pct`) under the entry and the field's label.

use crate::common::{self, assert_close};
use jianpai_core::overlap::OverlapRule;
use jianpai_core::register::Register;
use jianpai_core::table::{import_csv, people_csv};
use jianpai_core::{load, ErrorKind, Key, Lang};
use serde_json::{json, Value};

fn errors(measure: Value) -> Vec<jianpai_core::Error> {
    let text = common::file(json!({}), json!({}), vec![common::project(measure, None)]);
    load(&text).expect_err("the file should be refused")
}

/// Asserts an error at `measure.<path>` whose messages contain `zh` and `en`.
#[track_caller]
fn refused(measure: Value, path: &str, zh: &str, en: &str, kind: fn(&ErrorKind) -> bool) {
    let errs = errors(measure);
    let field = format!("measure.{path}");
    let e = errs
        .iter()
        .find(|e| e.field.as_deref() == Some(field.as_str()))
        .unwrap_or_else(|| panic!("no error at {field}: {errs:?}"));
    assert!(kind(&e.kind), "{field}: {:?}", e.kind);
    let (m_zh, m_en) = (e.message(Lang::Zh), e.message(Lang::En));
    assert!(m_zh.contains(zh), "{m_zh}");
    assert!(m_en.contains(en), "{m_en}");
}

fn coating() -> Value {
    json!({ "kind": "coating", "usage_before_t": 100, "content_before_pct": 50,
            "usage_after_t": 100, "content_after_pct": 10 })
}
fn ink() -> Value {
    json!({ "kind": "ink", "usage_before_t": 40, "content_before_pct": 60,
            "usage_after_t": 45, "content_after_pct": 20 })
}
fn substitution(materials: Value) -> Value {
    json!({ "type": "vocs_substitution", "materials": materials })
}

#[test]
fn two_materials_under_an_existing_treatment() {
    // coating: 100 × 50 − 100 × 10 = 4000; ink: 40 × 60 − 45 × 20 = 2400 − 900 = 1500;
    // Σ = 5500 → 55 t of VOCs no longer used; the workshop's treatment captured 50 % × run rate
    // 0.8 × removal 90 % = 36 % of it, so 64 % was emitted: R = 55 × (1 − 0.36) = 35.2 t.
    let mut m = substitution(json!([coating(), ink()]));
    m["capture_pct"] = json!(50);
    m["run_rate"] = json!(0.8);
    m["removal_pct"] = json!(90);
    let r = common::one(m);
    assert_close(r.full_year[Key::Vocs], 35.2, "VOCs");
    assert_close(r.credited[Key::Vocs], 35.2, "whole year credited");
    // Ink after 20 % is within the low-VOC limit (30 %); coatings have no library limit.
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let step = r.trail.iter().find(|t| t.output == Key::Vocs).unwrap();
    let fields: Vec<&str> = step.inputs.iter().map(|i| i.field.as_ref()).collect();
    assert!(
        fields.contains(&"measure.materials.1.usage_after_t"),
        "{fields:?}"
    );
    assert!(fields.contains(&"measure.capture_pct"), "{fields:?}");
    assert!(
        step.substituted
            .contains("100 × 50 − 100 × 10 + 40 × 60 − 45 × 20"),
        "{}",
        step.substituted
    );
}

#[test]
fn the_treatment_defaults_to_none() {
    // capture 0 (default), run rate 1, removal 0: nothing was treated, the factor is 1.
    // adhesive: 10 × 80 − 10 × 5 = 800 − 50 = 750 → R = 7.5 t.
    let r = common::one(substitution(
        json!([{ "kind": "adhesive", "usage_before_t": 10,
        "content_before_pct": 80, "usage_after_t": 10, "content_after_pct": 5 }]),
    ));
    assert_close(r.full_year[Key::Vocs], 7.5, "VOCs");
    assert!(
        r.warnings.is_empty(),
        "5 % is within the adhesive limit 10 %"
    );
    // A removal without capture removes nothing: 1 − 0 × 1 × 0.9 = 1, still 7.5 t.
    let mut m = substitution(json!([{ "kind": "adhesive", "usage_before_t": 10,
        "content_before_pct": 80, "usage_after_t": 10, "content_after_pct": 5 }]));
    m["removal_pct"] = json!(90);
    assert_close(common::one(m).full_year[Key::Vocs], 7.5, "no capture");
}

#[test]
fn a_content_after_above_its_kinds_low_voc_limit_is_a_warning_at_that_entry() {
    // Ink after 35 % > 30 % (GB 38507-2020, the highest low-VOC ink limit); the project still
    // computes: coating 4000 + ink 40 × 60 − 45 × 35 = 2400 − 1575 = 825 → 48.25 t.
    let mut second = ink();
    second["content_after_pct"] = json!(35);
    let r = common::one(substitution(json!([coating(), second])));
    assert_close(r.full_year[Key::Vocs], 48.25, "VOCs");
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    let w = &r.warnings[0];
    assert_eq!(w.code(), "above_low_voc_limit");
    assert_eq!(
        w.field.as_deref(),
        Some("measure.materials.1.content_after_pct")
    );
    let zh = w.message(Lang::Zh);
    assert!(zh.starts_with("原辅材料 2：实施后 VOCs 含量："), "{zh}");
    assert!(zh.contains("GB 38507-2020") && zh.contains("30%"), "{zh}");
    assert!(
        w.message(Lang::En)
            .starts_with("Material 2: VOCs content after: 35%"),
        "{}",
        w.message(Lang::En)
    );
    // At the limit itself: no warning. An adhesive at 12 % > 10 %: warned; a coating or a
    // cleaner at 60 %: no limit in the library, no warning.
    let at_limit = json!({ "kind": "ink", "usage_before_t": 1, "content_before_pct": 70,
        "usage_after_t": 1, "content_after_pct": 30 });
    assert!(common::one(substitution(json!([at_limit])))
        .warnings
        .is_empty());
    let glue = json!({ "kind": "adhesive", "usage_before_t": 1, "content_before_pct": 70,
        "usage_after_t": 1, "content_after_pct": 12 });
    let r = common::one(substitution(json!([glue])));
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(
        r.warnings[0].field.as_deref(),
        Some("measure.materials.0.content_after_pct")
    );
    assert!(r.warnings[0].message(Lang::Zh).contains("GB 33372-2020"));
    for kind in ["coating", "cleaner", "other"] {
        let m = json!({ "kind": kind, "usage_before_t": 1, "content_before_pct": 70,
            "usage_after_t": 1, "content_after_pct": 60 });
        assert!(
            common::one(substitution(json!([m]))).warnings.is_empty(),
            "{kind}"
        );
    }
}

#[test]
fn the_low_voc_limit_can_be_overridden() {
    // The ink limit overridden to 15 % (a water-based gravure ink on absorbent substrate):
    // 20 % after is then above it.
    let mut p = common::project(substitution(json!([ink()])), None);
    p["overrides"] =
        json!({ "vocs.low_limit.ink_pct": { "value": 15, "note": "吸收性承印物凹印" } });
    let r = common::report(&common::file(json!({}), json!({}), vec![p]));
    let w = &r.projects[0].warnings;
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].message(Lang::En).contains("15%"),
        "{}",
        w[0].message(Lang::En)
    );
}

#[test]
fn more_vocs_after_is_accepted_and_warned() {
    // 10 × 20 − 15 × 20 = 200 − 300 = −100 → R = −1 t: emissions increase.
    let r = common::one(substitution(
        json!([{ "kind": "other", "usage_before_t": 10,
        "content_before_pct": 20, "usage_after_t": 15, "content_after_pct": 20 }]),
    ));
    assert_close(r.full_year[Key::Vocs], -1.0, "VOCs");
    assert!(
        r.warnings.iter().any(|w| w.code() == "negative_reduction"),
        "{:?}",
        r.warnings
    );
}

#[test]
fn every_bad_input_is_refused_at_its_entry_and_label() {
    let no = |m: Value| substitution(m);
    refused(
        json!({ "type": "vocs_substitution" }),
        "materials",
        "原辅材料：缺少必填项",
        "Material: required field is missing",
        |k| matches!(k, ErrorKind::Missing),
    );
    refused(
        no(json!([])),
        "materials",
        "原辅材料",
        "Material",
        |k| matches!(k, ErrorKind::Missing),
    );
    refused(
        no(json!("涂料")),
        "materials",
        "原辅材料",
        "Material",
        |k| matches!(k, ErrorKind::NotAList),
    );
    refused(
        no(json!([coating(), 5])),
        "materials.1",
        "原辅材料 2：应为对象",
        "Material 2: an object",
        |k| matches!(k, ErrorKind::NotAnObject),
    );
    let mut bad = ink();
    bad["content_after_pct"] = json!(120);
    refused(
        no(json!([coating(), bad])),
        "materials.1.content_after_pct",
        "原辅材料 2：实施后 VOCs 含量：百分比应在 0–100 之间（120）",
        "Material 2: VOCs content after: a percentage must be between 0 and 100 (120)",
        |k| matches!(k, ErrorKind::Percent { .. }),
    );
    let mut bad = coating();
    bad["kind"] = json!("paint");
    refused(
        no(json!([bad])),
        "materials.0.kind",
        "原辅材料 1：材料类别",
        "Material 1: Kind of material",
        |k| matches!(k, ErrorKind::UnknownChoice { .. }),
    );
    let mut bad = coating();
    bad["usage_before_t"] = json!(-1);
    refused(
        no(json!([bad])),
        "materials.0.usage_before_t",
        "原辅材料 1：实施前年用量",
        "Material 1: Usage per year before",
        |k| matches!(k, ErrorKind::Negative { .. }),
    );
    let mut bad = coating();
    bad["usage_after_t"] = json!(2.0e6);
    refused(
        no(json!([bad])),
        "materials.0.usage_after_t",
        "原辅材料 1：实施后年用量",
        "Material 1: Usage per year after",
        |k| matches!(k, ErrorKind::AboveCeiling { .. }),
    );
    let mut bad = ink();
    bad.as_object_mut().unwrap().remove("content_before_pct");
    refused(
        no(json!([coating(), bad])),
        "materials.1.content_before_pct",
        "原辅材料 2：实施前 VOCs 含量：缺少必填项",
        "Material 2: VOCs content before",
        |k| matches!(k, ErrorKind::Missing),
    );
    let mut bad = ink();
    bad["usage_before_t"] = json!("四十");
    refused(
        no(json!([bad])),
        "materials.0.usage_before_t",
        "原辅材料 1",
        "Material 1",
        |k| matches!(k, ErrorKind::NotANumber),
    );
    let mut m = no(json!([coating()]));
    m["capture_pct"] = json!(101);
    refused(
        m,
        "capture_pct",
        "现有废气收集率",
        "Capture efficiency of the existing treatment",
        |k| matches!(k, ErrorKind::Percent { .. }),
    );
    let mut m = no(json!([coating()]));
    m["run_rate"] = json!(1.5);
    refused(m, "run_rate", "同步运行率", "Run rate", |k| {
        matches!(k, ErrorKind::OutOfRange { .. })
    });
    let mut m = no(json!([coating()]));
    m["removal_pct"] = json!(-5);
    refused(
        m,
        "removal_pct",
        "去除效率",
        "Removal efficiency",
        |k| matches!(k, ErrorKind::Percent { .. }),
    );
    // The error names no entry for a field outside the list.
    let mut m = no(json!([coating()]));
    m["run_rate"] = json!(2);
    let e = &errors(m)[0];
    assert!(e.item.is_none());
    assert!(
        !e.message(Lang::Zh).contains("原辅材料"),
        "{}",
        e.message(Lang::Zh)
    );
}

#[test]
fn an_unknown_field_of_a_material_is_kept_and_warned_at_its_path() {
    let mut m = coating();
    m["colour"] = json!("white");
    let text = common::file(
        json!({}),
        json!({}),
        vec![common::project(substitution(json!([m])), None)],
    );
    let r = common::report(&text);
    assert!(r.projects[0]
        .warnings
        .iter()
        .any(|w| w.code() == "unknown_field"
            && w.field.as_deref() == Some("measure.materials.0.colour")));
    let file = load(&text).unwrap();
    let again = serde_json::to_value(&*file).unwrap();
    assert_eq!(
        again["projects"][0]["measure"]["materials"][0]["colour"],
        "white"
    );
}

#[test]
fn a_substitution_and_a_treatment_at_one_enterprise_may_count_the_same_vocs() {
    let at = |id: &str, township: &str, measure: Value| json!({ "id": id, "name": id, "enterprise": "城东家具", "township": township, "measure": measure });
    let treatment = json!({ "type": "vocs_treatment", "generated_t": 100, "capture_after_pct": 90,
        "removal_after_pct": 90 });
    let r = common::report(&common::file(
        json!({}),
        json!({}),
        vec![
            at("t", "城东街道", treatment.clone()),
            at("s", "城东街道", substitution(json!([coating()]))),
        ],
    ));
    assert_eq!(r.overlaps.len(), 1, "{:?}", r.overlaps);
    let o = &r.overlaps[0];
    assert_eq!(o.rule, OverlapRule::SubstitutionAndTreatment);
    assert_eq!(o.projects, ["t".to_owned(), "s".to_owned()]);
    assert!(
        o.message_zh.contains("同一 VOCs 产生量"),
        "{}",
        o.message_zh
    );
    assert!(
        o.message_en.contains("same VOCs generated"),
        "{}",
        o.message_en
    );
    assert_eq!(
        serde_json::to_value(o.rule).unwrap(),
        "substitution_and_treatment"
    );
    // Another township: a different place, no overlap.
    let r = common::report(&common::file(
        json!({}),
        json!({}),
        vec![
            at("t", "临江镇", treatment),
            at("s", "城东街道", substitution(json!([coating()]))),
        ],
    ));
    assert!(r.overlaps.is_empty(), "{:?}", r.overlaps);
}

fn register(measure: Value) -> Register {
    Register::read(&json!({ "format": "jianpai/1", "projects": [
        { "id": "s", "name": "替代", "measure": measure }
    ] }))
    .unwrap()
}

#[test]
fn a_material_is_added_typed_and_removed_by_typed_edits() {
    let mut r = register(substitution(json!([coating()])));
    let key = r.projects[0].key();
    assert_eq!(r.add_list_entry(key, "measure.materials"), Some(1));
    assert_eq!(r.projects[0].value()["measure"]["materials"][1], json!({}));
    assert_eq!(
        r.add_list_entry(key, "measure.capture_pct"),
        None,
        "not a list"
    );
    r.set_project_text(key, "measure.materials.1.kind", "油墨")
        .unwrap();
    r.set_project_text(key, "measure.materials.1.usage_before_t", "40")
        .unwrap();
    r.set_project_text(key, "measure.materials.1.content_before_pct", "60%")
        .unwrap();
    r.set_project_text(key, "measure.materials.1.usage_after_t", "45")
        .unwrap();
    r.set_project_text(key, "measure.materials.1.content_after_pct", "20")
        .unwrap();
    assert_eq!(r.projects[0].value()["measure"]["materials"][1], ink());
    assert!(r
        .set_project_text(key, "measure.materials.1.kind", "油漆")
        .is_err());
    // The register computes it: 4000 + 1500 = 5500 → 55 t (no treatment).
    let rr = r.compute();
    let result = rr.results[0].as_ref().expect("counted");
    assert_close(result.full_year[Key::Vocs], 55.0, "VOCs");
    // Blank removes one field, the entry keeps its place.
    r.set_project_text(key, "measure.materials.0.kind", "")
        .unwrap();
    assert!(r.projects[0].value()["measure"]["materials"][0]
        .get("kind")
        .is_none());
    r.remove_list_entry(key, "measure.materials", 0);
    assert_eq!(
        r.projects[0].value()["measure"]["materials"],
        json!([ink()])
    );
    r.remove_list_entry(key, "measure.materials", 5);
    assert_eq!(
        r.projects[0].value()["measure"]["materials"],
        json!([ink()])
    );
}

#[test]
fn the_peoples_csv_holds_each_material_in_numbered_columns_and_reads_back_the_same() {
    let mut r = register(substitution(json!([coating(), ink()])));
    let key = r.projects[0].key();
    r.set_project_text(key, "measure.capture_pct", "30")
        .unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let csv = people_csv(&r, lang);
        assert!(csv.contains("[materials.1.content_after_pct]"), "{csv}");
        assert!(
            !csv.contains("[json]"),
            "nothing left for the JSON column: {csv}"
        );
        let (back, problems) = import_csv(&csv).expect("reads");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            back.to_value()["projects"],
            r.to_value()["projects"],
            "{lang:?}"
        );
    }
    let zh = people_csv(&r, Lang::Zh);
    assert!(
        zh.contains("原辅材料 2：实施后 VOCs 含量 (%) [materials.1.content_after_pct]"),
        "{zh}"
    );
    assert!(zh.contains(",油墨,"), "a kind by its name: {zh}");
}
