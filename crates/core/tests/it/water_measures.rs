//! The water measures of issue 18 (docs/methodology.md §3.16–§3.18): `reclaimed_water`,
//! `rural_sewage`, `leachate`. Every expected figure is worked out by hand in the comment beside
//! it, from the formulas of the methodology; bad inputs are refused under the field's label.

use crate::common::{self, assert_close};
use jianpai_core::overlap::OverlapRule;
use jianpai_core::{load, ErrorKind, Key, Lang, Status};
use serde_json::{json, Value};

/// The errors of a one-project file with `measure`.
fn errors(measure: Value) -> Vec<jianpai_core::Error> {
    let text = common::file(json!({}), json!({}), vec![common::project(measure, None)]);
    load(&text).expect_err("the file should be refused")
}

/// Asserts an error on `measure.<path>` whose message names `label_en` and `label_zh`; returns it.
#[track_caller]
fn refused(
    measure: Value,
    path: &str,
    label_zh: &str,
    label_en: &str,
    kind: fn(&ErrorKind) -> bool,
) -> jianpai_core::Error {
    let errs = errors(measure);
    let field = format!("measure.{path}");
    let e = errs
        .iter()
        .find(|e| e.field.as_deref() == Some(field.as_str()))
        .unwrap_or_else(|| panic!("no error on {field}: {errs:?}"))
        .clone();
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
    e
}

fn out_of_range(k: &ErrorKind) -> bool {
    matches!(k, ErrorKind::OutOfRange { .. })
}

/// The codes of a result's warnings on `field`.
fn warned(r: &jianpai_core::ProjectResult, field: &str) -> Vec<&'static str> {
    r.warnings
        .iter()
        .filter(|w| w.field.as_deref() == Some(field))
        .map(|w| w.code())
        .collect()
}

// ---- reclaimed_water: R = Q × D × C × 10⁻⁶, W = Q × D ------------------------------------------

#[test]
fn reclaimed_water_reduces_the_effluent_no_longer_discharged_and_saves_its_water() {
    // Q = 5,000 m³/d, D = 365 (default), COD 50 mg/L, NH₃-N 5 mg/L:
    // COD 5,000 × 365 × 50 × 10⁻⁶ = 1,825,000 × 50 × 10⁻⁶ = 91.25 t;
    // NH₃-N 1,825,000 × 5 × 10⁻⁶ = 9.125 t; water 5,000 × 365 = 1,825,000 t.
    let r = common::one(json!({ "type": "reclaimed_water", "reuse_m3_per_day": 5000,
        "cod_mg_l": 50, "nh3n_mg_l": 5 }));
    assert_close(r.full_year[Key::Cod], 91.25, "COD");
    assert_close(r.full_year[Key::Nh3n], 9.125, "NH3-N");
    assert_close(r.full_year[Key::Water], 1_825_000.0, "water saved");
    assert_close(r.credited[Key::Water], 1_825_000.0, "whole year credited");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let step = r.trail.iter().find(|t| t.output == Key::Cod).unwrap();
    assert_eq!(step.symbols, "R = Q × D × C × 10⁻⁶");
    assert!(
        step.formula_zh.contains("本工具构建"),
        "{}",
        step.formula_zh
    );
    assert!(
        step.formula_en.contains("this tool's construction"),
        "{}",
        step.formula_en
    );
    assert_eq!(step.substituted, "5000 × 365 × 50 × 10⁻⁶ = 91.25");
    let water = r.trail.iter().find(|t| t.output == Key::Water).unwrap();
    assert_eq!(water.substituted, "5000 × 365 = 1825000");
}

#[test]
fn reclaimed_water_with_one_pollutant_and_its_own_days_from_july() {
    // Q = 2,000 m³/d, D = 300, NH₃-N 8 mg/L only: 2,000 × 300 × 8 × 10⁻⁶ = 4.8 t; water
    // 600,000 t. From July (13 − 7 = 6 months): 2.4 t and 300,000 t credited.
    let m = json!({ "type": "reclaimed_water", "reuse_m3_per_day": 2000, "days": 300,
        "nh3n_mg_l": 8 });
    let r = common::report(&common::file(
        json!({}),
        json!({}),
        vec![common::project(m, Some(7))],
    ));
    let p = &r.projects[0];
    assert_close(p.full_year[Key::Nh3n], 4.8, "NH3-N");
    assert_close(p.full_year[Key::Cod], 0.0, "no COD given");
    assert!(p.trail.iter().all(|t| t.output != Key::Cod), "no COD step");
    assert_close(p.credited[Key::Nh3n], 2.4, "credited NH3-N");
    assert_close(p.credited[Key::Water], 300_000.0, "credited water");
}

#[test]
fn reclaimed_water_bad_inputs_are_refused_under_their_labels() {
    let e = refused(
        json!({ "type": "reclaimed_water", "reuse_m3_per_day": 1000 }),
        "cod_mg_l",
        "回用水 COD 浓度",
        "COD of the reused effluent",
        |k| matches!(k, ErrorKind::NeitherGiven { .. }),
    );
    // The message names the other field too, in each language.
    assert!(
        e.message(Lang::Zh).contains("回用水氨氮浓度"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(
        e.message(Lang::En).contains("NH₃-N of the reused effluent"),
        "{}",
        e.message(Lang::En)
    );
    refused(
        json!({ "type": "reclaimed_water", "cod_mg_l": 40 }),
        "reuse_m3_per_day",
        "再生水回用量",
        "Reclaimed water reused",
        |k| *k == ErrorKind::Missing,
    );
    refused(
        json!({ "type": "reclaimed_water", "reuse_m3_per_day": 1000, "days": 400, "cod_mg_l": 40 }),
        "days",
        "年运行天数",
        "Operating days per year",
        out_of_range,
    );
    refused(
        json!({ "type": "reclaimed_water", "reuse_m3_per_day": 1000, "nh3n_mg_l": 600 }),
        "nh3n_mg_l",
        "回用水氨氮浓度",
        "NH₃-N of the reused effluent",
        out_of_range,
    );
    refused(
        json!({ "type": "reclaimed_water", "reuse_m3_per_day": 2.0e7, "cod_mg_l": 40 }),
        "reuse_m3_per_day",
        "再生水回用量",
        "Reclaimed water reused",
        |k| matches!(k, ErrorKind::AboveCeiling { .. }),
    );
    refused(
        json!({ "type": "reclaimed_water", "reuse_m3_per_day": "很多", "cod_mg_l": 40 }),
        "reuse_m3_per_day",
        "再生水回用量",
        "Reclaimed water reused",
        |k| *k == ErrorKind::NotANumber,
    );
}

#[test]
fn reclaimed_water_at_an_influent_concentration_is_warned() {
    // COD 250 mg/L is an influent's, not a treated effluent's (usual up to 150): accepted, warned.
    // 1,000 × 365 × 250 × 10⁻⁶ = 91.25 t.
    let r = common::one(json!({ "type": "reclaimed_water", "reuse_m3_per_day": 1000,
        "cod_mg_l": 250 }));
    assert_close(r.full_year[Key::Cod], 91.25, "COD");
    assert_eq!(warned(&r, "measure.cod_mg_l"), vec!["implausible"]);
}

// ---- rural_sewage: R = Q × r × D × (C₁ − C₂) × 10⁻⁶, Q = flow or P × w ÷ 1000 -----------------

#[test]
fn rural_sewage_by_its_capacity() {
    // Q = 300 m³/d, r = 0.9, D = 365 (default): 300 × 0.9 × 365 = 98,550 m³;
    // COD 250 → 60: 98,550 × 190 × 10⁻⁶ = 18.7245 t; NH₃-N 30 → 8: 98,550 × 22 × 10⁻⁶ = 2.1681 t.
    let r = common::one(
        json!({ "type": "rural_sewage", "flow_m3_per_day": 300, "load_rate": 0.9,
        "cod_before_mg_l": 250, "cod_after_mg_l": 60, "nh3n_before_mg_l": 30, "nh3n_after_mg_l": 8 }),
    );
    assert_close(r.full_year[Key::Cod], 18.7245, "COD");
    assert_close(r.full_year[Key::Nh3n], 2.1681, "NH3-N");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let step = r.trail.iter().find(|t| t.output == Key::Cod).unwrap();
    assert_eq!(
        step.substituted,
        "300 × 0.9 × 365 × (250 − 60) × 10⁻⁶ = 18.7245"
    );
    assert!(
        step.formula_zh.contains("本工具构建"),
        "{}",
        step.formula_zh
    );
}

#[test]
fn rural_sewage_by_population_takes_the_library_water_use() {
    // 2,000 people × 60 L/(人·d) (library default) ÷ 1000 = 120 m³/d; r = 1, D = 365 (defaults);
    // COD 300 → 50: 120 × 1 × 365 × 250 × 10⁻⁶ = 43,800 × 250 × 10⁻⁶ = 10.95 t.
    let r = common::one(json!({ "type": "rural_sewage", "population": 2000,
        "cod_before_mg_l": 300, "cod_after_mg_l": 50 }));
    assert_close(r.full_year[Key::Cod], 10.95, "COD");
    let step = r.trail.iter().find(|t| t.output == Key::Cod).unwrap();
    assert_eq!(step.symbols, "R = P × w ÷ 1000 × r × D × (C₁ − C₂) × 10⁻⁶");
    assert_eq!(
        step.substituted,
        "2000 × 60 ÷ 1000 × 1 × 365 × (300 − 50) × 10⁻⁶ = 10.95"
    );
    let f = &step.factors[0];
    assert_eq!(f.factor.id, "water.rural_l_per_person_day");
    assert_eq!(f.factor.value, 60.0);
    assert_eq!(f.factor.status, Status::Unverified);
    assert!(
        f.factor.source.contains("GB/T 51347-2019"),
        "{}",
        f.factor.source
    );
    assert!(step.inputs.iter().any(|i| i.field == "measure.population"));
}

#[test]
fn rural_sewage_by_population_with_its_own_water_use() {
    // 2,000 × 100 L ÷ 1000 = 200 m³/d, r = 0.75, D = 300: 200 × 0.75 × 300 = 45,000 m³;
    // NH₃-N 40 → 5: 45,000 × 35 × 10⁻⁶ = 1.575 t.
    let r = common::one(json!({ "type": "rural_sewage", "population": 2000,
        "water_l_per_person_day": 100, "load_rate": 0.75, "days": 300,
        "nh3n_before_mg_l": 40, "nh3n_after_mg_l": 5 }));
    assert_close(r.full_year[Key::Nh3n], 1.575, "NH3-N");
    let step = r.trail.iter().find(|t| t.output == Key::Nh3n).unwrap();
    assert!(step.factors.is_empty(), "its own water use, no coefficient");
    assert!(step
        .inputs
        .iter()
        .any(|i| i.field == "measure.water_l_per_person_day"));
    // The default can be overridden like any coefficient: 2,000 × 80 ÷ 1000 = 160 m³/d,
    // × 365 × (300 − 50) × 10⁻⁶ = 58,400 × 250 × 10⁻⁶ = 14.6 t.
    let mut p = common::project(
        json!({ "type": "rural_sewage", "population": 2000, "cod_before_mg_l": 300, "cod_after_mg_l": 50 }),
        None,
    );
    p["overrides"] =
        json!({ "water.rural_l_per_person_day": { "value": 80, "note": "本县入户调查" } });
    let r = common::report(&common::file(json!({}), json!({}), vec![p]));
    assert_close(r.projects[0].full_year[Key::Cod], 14.6, "overridden");
}

#[test]
fn rural_sewage_needs_exactly_one_of_capacity_and_population() {
    let pair = json!({ "cod_before_mg_l": 300, "cod_after_mg_l": 50 });
    let with = |extra: Value| {
        let mut m = json!({ "type": "rural_sewage" });
        for (k, v) in pair
            .as_object()
            .unwrap()
            .iter()
            .chain(extra.as_object().unwrap())
        {
            m[k] = v.clone();
        }
        m
    };
    let e = refused(
        with(json!({})),
        "flow_m3_per_day",
        "处理规模",
        "Treatment capacity",
        |k| matches!(k, ErrorKind::NeitherGiven { .. }),
    );
    assert!(
        e.message(Lang::Zh).contains("服务人口"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(
        e.message(Lang::En).contains("Population served"),
        "{}",
        e.message(Lang::En)
    );
    let e = refused(
        with(json!({ "flow_m3_per_day": 100, "population": 800 })),
        "population",
        "服务人口",
        "Population served",
        |k| matches!(k, ErrorKind::BothGiven { .. }),
    );
    assert!(
        e.message(Lang::En).contains("not both"),
        "{}",
        e.message(Lang::En)
    );
    assert!(
        e.message(Lang::Zh).contains("只能填写一项"),
        "{}",
        e.message(Lang::Zh)
    );
}

#[test]
fn rural_sewage_bad_inputs_are_refused_under_their_labels() {
    refused(
        json!({ "type": "rural_sewage", "flow_m3_per_day": 100 }),
        "cod_before_mg_l",
        "COD 治理前浓度",
        "COD before treatment",
        |k| *k == ErrorKind::NothingToCompute,
    );
    refused(
        json!({ "type": "rural_sewage", "flow_m3_per_day": 100, "cod_before_mg_l": 50, "cod_after_mg_l": 80 }),
        "cod_after_mg_l",
        "COD 治理后浓度",
        "COD after treatment",
        |k| matches!(k, ErrorKind::AfterAboveBefore { .. }),
    );
    refused(
        json!({ "type": "rural_sewage", "flow_m3_per_day": 100, "nh3n_before_mg_l": 30 }),
        "nh3n_after_mg_l",
        "氨氮治理后浓度",
        "NH₃-N after treatment",
        |k| *k == ErrorKind::Missing,
    );
    refused(
        json!({ "type": "rural_sewage", "population": 12.5, "cod_before_mg_l": 300, "cod_after_mg_l": 50 }),
        "population",
        "服务人口",
        "Population served",
        |k| *k == ErrorKind::NotAnInteger,
    );
    refused(
        json!({ "type": "rural_sewage", "population": 500, "water_l_per_person_day": 2000,
            "cod_before_mg_l": 300, "cod_after_mg_l": 50 }),
        "water_l_per_person_day",
        "人均日用水量",
        "Water use per person per day",
        out_of_range,
    );
    refused(
        json!({ "type": "rural_sewage", "flow_m3_per_day": 100, "load_rate": 2,
            "cod_before_mg_l": 300, "cod_after_mg_l": 50 }),
        "load_rate",
        "负荷率",
        "Load rate",
        out_of_range,
    );
}

#[test]
fn rural_sewage_warns_a_low_load_and_an_unusual_water_use() {
    // 100 people × 200 L ÷ 1000 = 20 m³/d, r = 0.5, × 365 × (300 − 50) × 10⁻⁶ = 0.9125 t.
    let r = common::one(json!({ "type": "rural_sewage", "population": 100,
        "water_l_per_person_day": 200, "load_rate": 0.5, "cod_before_mg_l": 300, "cod_after_mg_l": 50 }));
    assert_close(r.full_year[Key::Cod], 0.9125, "COD");
    assert_eq!(warned(&r, "measure.load_rate"), vec!["low_load"]);
    assert_eq!(
        warned(&r, "measure.water_l_per_person_day"),
        vec!["implausible"]
    );
}

#[test]
fn a_population_under_a_library_without_the_water_use_is_refused_at_that_field() {
    // The default is an entry of library 2026.12-1 only; the project's own value computes under any.
    let with_library = |m: Value| {
        let mut file: Value = serde_json::from_str(&common::file(
            json!({}),
            json!({}),
            vec![common::project(m, None)],
        ))
        .unwrap();
        file["factor_library"] = json!("2026.11-3");
        file.to_string()
    };
    let m = json!({ "type": "rural_sewage", "population": 2000, "cod_before_mg_l": 300, "cod_after_mg_l": 50 });
    let errs = load(&with_library(m.clone())).expect_err("no such coefficient in 2026.11-3");
    let e = errs
        .iter()
        .find(|e| e.field.as_deref() == Some("measure.water_l_per_person_day"))
        .unwrap_or_else(|| panic!("{errs:?}"));
    assert_eq!(
        e.kind,
        ErrorKind::UnknownFactor {
            id: "water.rural_l_per_person_day".into()
        }
    );
    assert!(
        e.message(Lang::Zh).contains("人均日用水量"),
        "{}",
        e.message(Lang::Zh)
    );
    let mut own = m;
    own["water_l_per_person_day"] = json!(60);
    // 2,000 × 60 ÷ 1000 × 365 × 250 × 10⁻⁶ = 10.95 t, as with the default.
    let r = common::report(&with_library(own));
    assert_close(
        r.projects[0].full_year[Key::Cod],
        10.95,
        "own value, old library",
    );
}

// ---- leachate: the concentration method, GB 16889-2008 -----------------------------------------

fn leachate(cod_after: f64, nh3n_after: f64, discharge: Option<&str>) -> Value {
    let mut m = json!({ "type": "leachate", "flow_m3_per_day": 200, "load_rate": 0.85,
        "cod_before_mg_l": 6000, "cod_after_mg_l": cod_after,
        "nh3n_before_mg_l": 1500, "nh3n_after_mg_l": nh3n_after });
    if let Some(d) = discharge {
        m["discharge"] = json!(d);
    }
    m
}

#[test]
fn leachate_by_concentrations() {
    // Q = 200 m³/d, r = 0.85, D = 365: 200 × 0.85 × 365 = 62,050 m³;
    // COD 6,000 → 80: 62,050 × 5,920 × 10⁻⁶ = 367.336 t;
    // NH₃-N 1,500 → 15: 62,050 × 1,485 × 10⁻⁶ = 92.14425 t. Within Table 2 (100 / 25): no warning.
    let r = common::one(leachate(80.0, 15.0, None));
    assert_close(r.full_year[Key::Cod], 367.336, "COD");
    assert_close(r.full_year[Key::Nh3n], 92.14425, "NH3-N");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let step = r.trail.iter().find(|t| t.output == Key::Cod).unwrap();
    assert_eq!(
        step.substituted,
        "200 × 0.85 × 365 × (6000 − 80) × 10⁻⁶ = 367.336"
    );
    assert!(
        step.formula_zh.contains("渗滤液处理量"),
        "{}",
        step.formula_zh
    );
}

#[test]
fn leachate_effluent_above_gb_16889_is_warned_citing_the_table() {
    // Table 2: COD 120 > 100 warned, NH₃-N 20 ≤ 25 not.
    let r = common::one(leachate(120.0, 20.0, None));
    assert_eq!(warned(&r, "measure.cod_after_mg_l"), vec!["above_limit"]);
    assert!(warned(&r, "measure.nh3n_after_mg_l").is_empty());
    let w = r
        .warnings
        .iter()
        .find(|w| w.code() == "above_limit")
        .unwrap();
    assert!(
        w.message(Lang::Zh).contains("GB 16889-2008 表2"),
        "{}",
        w.message(Lang::Zh)
    );
    assert!(
        w.message(Lang::Zh).contains("100"),
        "{}",
        w.message(Lang::Zh)
    );
    assert!(
        w.message(Lang::En).contains("Table 2"),
        "{}",
        w.message(Lang::En)
    );
    // The same effluent under Table 3's special limits (60 / 8): COD 80 > 60 and NH₃-N 15 > 8.
    let r = common::one(leachate(80.0, 15.0, Some("table3")));
    assert_eq!(warned(&r, "measure.cod_after_mg_l"), vec!["above_limit"]);
    assert_eq!(warned(&r, "measure.nh3n_after_mg_l"), vec!["above_limit"]);
    let w = r
        .warnings
        .iter()
        .find(|w| w.code() == "above_limit")
        .unwrap();
    assert!(
        w.message(Lang::En).contains("Table 3"),
        "{}",
        w.message(Lang::En)
    );
    assert!(
        w.message(Lang::En).contains("60"),
        "{}",
        w.message(Lang::En)
    );
    // Sent on to a municipal plant: no Table 2/3 check. 62,050 × (6,000 − 400) × 10⁻⁶ = 347.48 t.
    let r = common::one(leachate(400.0, 100.0, Some("sewer")));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_close(r.full_year[Key::Cod], 347.48, "COD");
}

#[test]
fn leachate_takes_leachate_strengths_that_wastewater_refuses() {
    // COD 150,000 mg/L: above wastewater's 5,000 ceiling, accepted for leachate with a warning
    // (usual up to 100,000). Q 10, r 1, D 365: 3,650 × (150,000 − 100) × 10⁻⁶ = 547.135 t.
    let r = common::one(json!({ "type": "leachate", "flow_m3_per_day": 10,
        "cod_before_mg_l": 150000, "cod_after_mg_l": 100 }));
    assert_close(r.full_year[Key::Cod], 547.135, "COD");
    assert_eq!(warned(&r, "measure.cod_before_mg_l"), vec!["implausible"]);
    refused(
        json!({ "type": "wastewater", "flow_m3_per_day": 10, "cod_before_mg_l": 150000, "cod_after_mg_l": 100 }),
        "cod_before_mg_l",
        "COD 治理前浓度",
        "COD before treatment",
        out_of_range,
    );
}

#[test]
fn leachate_bad_inputs_are_refused_under_their_labels() {
    refused(
        json!({ "type": "leachate", "flow_m3_per_day": 10, "cod_before_mg_l": 250000, "cod_after_mg_l": 100 }),
        "cod_before_mg_l",
        "COD 治理前浓度",
        "COD before treatment",
        out_of_range,
    );
    refused(
        json!({ "type": "leachate", "flow_m3_per_day": 10, "nh3n_before_mg_l": 25000, "nh3n_after_mg_l": 10 }),
        "nh3n_before_mg_l",
        "氨氮治理前浓度",
        "NH₃-N before treatment",
        out_of_range,
    );
    refused(
        json!({ "type": "leachate", "cod_before_mg_l": 5000, "cod_after_mg_l": 100 }),
        "flow_m3_per_day",
        "渗滤液处理规模",
        "Leachate treatment capacity",
        |k| *k == ErrorKind::Missing,
    );
    refused(
        json!({ "type": "leachate", "flow_m3_per_day": 10, "cod_before_mg_l": 5000, "cod_after_mg_l": 100,
            "discharge": "river" }),
        "discharge",
        "排放去向与执行标准",
        "Discharge and standard",
        |k| matches!(k, ErrorKind::UnknownChoice { .. }),
    );
    refused(
        json!({ "type": "leachate", "flow_m3_per_day": 10 }),
        "cod_before_mg_l",
        "COD 治理前浓度",
        "COD before treatment",
        |k| *k == ErrorKind::NothingToCompute,
    );
}

// ---- double counting ---------------------------------------------------------------------------

fn at(id: &str, measure: Value) -> Value {
    json!({ "id": id, "name": id, "enterprise": "城东污水处理厂", "township": "城东街道", "measure": measure })
}

#[test]
fn reclaimed_water_and_the_plant_it_comes_from_warn_as_reused_effluent() {
    let reuse = json!({ "type": "reclaimed_water", "reuse_m3_per_day": 3000, "cod_mg_l": 40 });
    let plant = json!({ "type": "wastewater", "flow_m3_per_day": 10000,
        "cod_before_mg_l": 250, "cod_after_mg_l": 40 });
    let r = common::report(&common::file(
        json!({}),
        json!({}),
        vec![at("w1", plant), at("r1", reuse.clone())],
    ));
    assert_eq!(r.overlaps.len(), 1, "{:?}", r.overlaps);
    let o = &r.overlaps[0];
    assert_eq!(o.rule, OverlapRule::ReusedEffluent);
    assert_eq!(o.projects, ["w1".to_owned(), "r1".to_owned()]);
    assert!(
        o.message_zh.contains("r1 回用的再生水来自"),
        "{}",
        o.message_zh
    );
    assert!(
        o.message_en.contains("the effluent of w1"),
        "{}",
        o.message_en
    );
    // Advisory: both are counted. 10,000 × 365 × 210 × 10⁻⁶ = 766.5 t plus
    // 3,000 × 365 × 40 × 10⁻⁶ = 43.8 t: 810.3 t.
    assert_close(r.totals[Key::Cod], 810.3, "totals unchanged");
    // A leachate station's or a rural plant's effluent reused: the same rule.
    let rural = json!({ "type": "rural_sewage", "flow_m3_per_day": 200, "cod_before_mg_l": 250, "cod_after_mg_l": 60 });
    let r = common::report(&common::file(
        json!({}),
        json!({}),
        vec![at("r1", reuse.clone()), at("v1", rural)],
    ));
    assert_eq!(r.overlaps[0].rule, OverlapRule::ReusedEffluent);
    // Not with a treatment of something else (desulfurisation).
    let fgd = json!({ "type": "desulfurization", "coal_t": 1000, "sulfur_pct": 0.8,
        "efficiency_before_pct": 80, "efficiency_after_pct": 95 });
    let r = common::report(&common::file(
        json!({}),
        json!({}),
        vec![at("r1", reuse), at("d1", fgd)],
    ));
    assert!(r.overlaps.is_empty(), "{:?}", r.overlaps);
}

#[test]
fn the_sample_has_the_three_water_projects() {
    // p20: 1,500 × 365 × 40 × 10⁻⁶ = 21.9 t COD; × 3 mg/L: 1.6425 t NH₃-N; 547,500 t water.
    // p21: 8,500 × 60 ÷ 1000 = 510 m³/d × 0.8 × 365 = 148,920 m³; COD 260 → 60:
    //      148,920 × 200 × 10⁻⁶ = 29.784 t; NH₃-N 35 → 8: 148,920 × 27 × 10⁻⁶ = 4.02084 t;
    //      from April (13 − 4 = 9 months): 22.338 t and 3.01563 t credited.
    // p22: 50 × 0.9 × 365 = 16,425 m³; COD 3,000 → 90: 16,425 × 2,910 × 10⁻⁶ = 47.79675 t;
    //      NH₃-N 800 → 20: 16,425 × 780 × 10⁻⁶ = 12.8115 t.
    let r = common::report(jianpai_core::SAMPLE_FILE);
    let p = |id: &str| r.projects.iter().find(|p| &*p.id == id).unwrap();
    assert_close(p("p20").full_year[Key::Cod], 21.9, "p20 COD");
    assert_close(p("p20").full_year[Key::Nh3n], 1.6425, "p20 NH3-N");
    assert_close(p("p20").full_year[Key::Water], 547_500.0, "p20 water");
    assert_close(p("p21").full_year[Key::Cod], 29.784, "p21 COD");
    assert_close(p("p21").credited[Key::Cod], 22.338, "p21 COD credited");
    assert_close(p("p21").credited[Key::Nh3n], 3.01563, "p21 NH3-N credited");
    assert_close(p("p22").full_year[Key::Cod], 47.79675, "p22 COD");
    assert_close(p("p22").full_year[Key::Nh3n], 12.8115, "p22 NH3-N");
    for id in ["p20", "p21", "p22"] {
        assert!(p(id).warnings.is_empty(), "{id}: {:?}", p(id).warnings);
    }
}
