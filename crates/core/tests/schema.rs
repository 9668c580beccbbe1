//! The form schema (`jianpai_core::schema`) against the decoders, both ways: every schema path is
//! a field the engine reads, every field the engine reads is in the schema, choices, `required`,
//! pairs and defaults are what decoding, validation and computing really do. Also `load_project`.

use jianpai_core::measures::boiler_phaseout::ReplacedBy;
use jianpai_core::measures::energy_saving::Saved;
use jianpai_core::measures::flue_gas::Claim;
use jianpai_core::measures::livestock::Action;
use jianpai_core::measures::wastewater::{Grade, WaterSource};
use jianpai_core::measures::{self, Measure};
use jianpai_core::report::compute_project;
use jianpai_core::schema::{self, FieldKind, FieldSpec};
use jianpai_core::{load_project, Choice, Error, Factors, Lang, Project, ProjectResult, Settings};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

// ---- helpers --------------------------------------------------------------------------------

/// A plausible number for a field, chosen so that a measure with every field filled validates
/// (before ≥ after for amounts and concentrations, after ≥ before for efficiencies and removal).
fn number(f: &FieldSpec) -> f64 {
    let p = f.path;
    match f.unit {
        "0–1" => 0.9,
        "d" => 330.0,
        "h" => 5000.0,
        "%" if p.contains("sulfur") => 1.0,
        "%" if p.starts_with("gas_boiler") => 90.0,
        "%" if p.starts_with("coal_boiler") => 70.0,
        "%" if p.contains("before") => 20.0,
        "%" => 90.0,
        _ if p.contains("before") => 100.0,
        _ if p.contains("after") => 40.0,
        _ => 1000.0,
    }
}

fn sample(f: &FieldSpec) -> Value {
    match f.kind {
        FieldKind::Number => json!(number(f)),
        FieldKind::Count => json!(1000),
        FieldKind::Choice(options) => json!(options[0].value),
        FieldKind::Bool => json!(true),
    }
}

/// Sets a dotted path inside a JSON object, creating nested objects.
fn set(obj: &mut Map<String, Value>, path: &str, v: Value) {
    match path.split_once('.') {
        None => {
            obj.insert(path.to_owned(), v);
        }
        Some((head, rest)) => {
            let inner = obj
                .entry(head.to_owned())
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("nested object");
            set(inner, rest, v);
        }
    }
}

/// Removes a dotted path (leaves the nested object, possibly empty).
fn remove(obj: &mut Map<String, Value>, path: &str) {
    match path.split_once('.') {
        None => {
            obj.remove(path);
        }
        Some((head, rest)) => {
            if let Some(inner) = obj.get_mut(head).and_then(Value::as_object_mut) {
                remove(inner, rest);
            }
        }
    }
}

/// A measure of `type_name` with every schema field filled.
fn full_measure(type_name: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("type".into(), json!(type_name));
    for f in schema::fields(type_name) {
        set(&mut m, f.path, sample(f));
    }
    m
}

fn project_json(measure: Map<String, Value>) -> Value {
    json!({ "id": "p", "name": "test", "measure": measure })
}

fn load(measure: Map<String, Value>) -> Result<Project, Vec<Error>> {
    load_project(&project_json(measure))
}

fn compute(p: &Project) -> ProjectResult {
    compute_project(p, &Factors::defaults(), &Settings::default())
        .unwrap_or_else(|e| panic!("{}: compute failed: {e:?}", p.measure.type_name()))
}

/// Every leaf of a JSON object as a dotted path.
fn flatten(prefix: &str, v: &Value, out: &mut BTreeSet<String>) {
    match v.as_object() {
        Some(o) => {
            for (k, v) in o {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&p, v, out);
            }
        }
        None => {
            out.insert(prefix.to_owned());
        }
    }
}

/// The dotted paths of a measure as the engine writes it, without the `type` tag.
fn written_paths(m: &Measure) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    flatten("", &serde_json::to_value(m).expect("serialises"), &mut out);
    out.remove("type");
    out
}

fn schema_paths(type_name: &str) -> BTreeSet<String> {
    schema::fields(type_name)
        .iter()
        .map(|f| f.path.to_owned())
        .collect()
}

fn names_field(errors: &[Error], field: &str) -> bool {
    errors.iter().any(|e| e.field.as_deref() == Some(field))
}

// ---- the schema on its own ------------------------------------------------------------------

#[test]
fn every_type_has_fields_with_labels_and_unique_paths() {
    for t in measures::TYPES {
        let fields = schema::fields(t);
        assert!(!fields.is_empty(), "{t}: no fields");
        assert_eq!(schema_paths(t).len(), fields.len(), "{t}: duplicate paths");
        for f in fields {
            assert!(
                !f.label_zh.is_empty() && !f.label_en.is_empty(),
                "{t}.{}",
                f.path
            );
            assert!(
                !f.label_zh.is_ascii(),
                "{t}.{}: the Chinese label is not Chinese",
                f.path
            );
            assert_eq!(f.label(Lang::Zh), f.label_zh);
            assert_eq!(f.label(Lang::En), f.label_en);
            assert_eq!(schema::field(t, f.path), Some(f));
            if let Some(other) = f.paired_with {
                let o = schema::field(t, other)
                    .unwrap_or_else(|| panic!("{t}.{}: pair {other} missing", f.path));
                assert_eq!(
                    o.paired_with,
                    Some(f.path),
                    "{t}.{}: pair not mutual",
                    f.path
                );
            }
            if f.default.is_some() {
                assert!(
                    matches!(f.kind, FieldKind::Number | FieldKind::Count) && !f.required,
                    "{t}.{}: a numeric default on a required or non-numeric field",
                    f.path
                );
            }
        }
    }
    assert!(schema::fields("nope").is_empty());
    assert_eq!(schema::field("wastewater", "nope"), None);
}

// ---- (a) every schema path is a field the engine reads --------------------------------------

#[test]
fn a_fully_filled_measure_of_every_type_loads_computes_and_has_no_unknown_field() {
    for t in measures::TYPES {
        let p = load(full_measure(t)).unwrap_or_else(|e| panic!("{t}: {e:?}"));
        assert_eq!(p.measure.type_name(), t);
        assert!(
            p.measure.unknown_fields().is_empty(),
            "{t}: not read: {:?}",
            p.measure.unknown_fields()
        );
        let r = compute(&p);
        let unknown: Vec<_> = r
            .warnings
            .iter()
            .filter(|w| w.code() == "unknown_field")
            .collect();
        assert!(unknown.is_empty(), "{t}: {unknown:?}");
    }
}

/// The check above relies on unread nested fields being reported too.
#[test]
fn an_unread_nested_field_is_reported() {
    for (t, path) in [
        ("capacity_phaseout", "last_year.cod"),
        ("energy_saving", "saved.electricty_kwh"),
        ("measured", "before.so2"),
        ("measured", "after.so2"),
        ("wastewater", "flow"),
    ] {
        let mut m = full_measure(t);
        set(&mut m, path, json!(1));
        let p = load(m).unwrap_or_else(|e| panic!("{t}: {e:?}"));
        assert_eq!(p.measure.unknown_fields(), vec![path.to_owned()], "{t}");
        let r = compute(&p);
        assert!(
            r.warnings.iter().any(|w| w.code() == "unknown_field"
                && w.field.as_deref() == Some(&format!("measure.{path}"))),
            "{t}.{path}: {:?}",
            r.warnings
        );
    }
}

// ---- (b) every field the engine reads is in the schema --------------------------------------

#[test]
fn a_decoded_fully_filled_measure_writes_exactly_the_schema_paths() {
    for t in measures::TYPES {
        let p = load(full_measure(t)).unwrap_or_else(|e| panic!("{t}: {e:?}"));
        assert_eq!(written_paths(&p.measure), schema_paths(t), "{t}");
    }
}

/// Every measure built in code with every field given (struct literals without `..`, so a new
/// field fails to compile here until it is added): each field written is in the schema.
#[test]
fn every_model_field_is_in_the_schema() {
    use jianpai_core::measures::*;
    let emissions = || Emissions {
        cod_t: Some(1.0),
        nh3n_t: Some(1.0),
        so2_t: Some(1.0),
        nox_t: Some(1.0),
        tce: Some(1.0),
        water_t: Some(1.0),
        extra: Map::new(),
    };
    let all = vec![
        Measure::Wastewater(Wastewater {
            source: Some(WaterSource::Municipal),
            flow_m3_per_day: 1.0,
            load_rate: Some(1.0),
            days: Some(1.0),
            cod_before_mg_l: Some(1.0),
            cod_after_mg_l: Some(1.0),
            nh3n_before_mg_l: Some(1.0),
            nh3n_after_mg_l: Some(1.0),
            grade: Some(Grade::OneA),
            upgrade: Some(true),
            extra: Map::new(),
        }),
        Measure::Desulfurization(Desulfurization {
            coal_t: 1.0,
            sulfur_pct: 1.0,
            efficiency_before_pct: Some(1.0),
            efficiency_after_pct: 1.0,
            operating_rate: Some(1.0),
            extra: Map::new(),
        }),
        Measure::Denitrification(Denitrification {
            coal_t: 1.0,
            nox_kg_per_t: Some(1.0),
            efficiency_before_pct: Some(1.0),
            efficiency_after_pct: 1.0,
            operating_rate: Some(1.0),
            extra: Map::new(),
        }),
        Measure::FlueGas(FlueGas {
            flue_gas_nm3_per_h: Some(1.0),
            hours: Some(1.0),
            coal_t: Some(1.0),
            so2_before_mg_m3: Some(1.0),
            so2_after_mg_m3: Some(1.0),
            nox_before_mg_m3: Some(1.0),
            nox_after_mg_m3: Some(1.0),
            claim: Some(Claim::UltraLow),
            extra: Map::new(),
        }),
        Measure::FuelSwitch(FuelSwitch {
            coal_t: 1.0,
            sulfur_pct: 1.0,
            fgd_efficiency_pct: Some(1.0),
            coal_nox_kg_per_t: Some(1.0),
            coal_boiler_efficiency_pct: 1.0,
            gas_boiler_efficiency_pct: 1.0,
            extra: Map::new(),
        }),
        Measure::BoilerPhaseout(BoilerPhaseout {
            boilers: 1,
            coal_t: 1.0,
            sulfur_pct: 1.0,
            fgd_efficiency_pct: Some(1.0),
            nox_kg_per_t: Some(1.0),
            replaced_by: Some(ReplacedBy::Gas),
            extra: Map::new(),
        }),
        Measure::Livestock(Livestock {
            action: Action::Treatment,
            pigs: Some(1),
            dairy_cows: Some(1),
            beef_cattle: Some(1),
            layers: Some(1),
            broilers: Some(1),
            removal_before_pct: Some(1.0),
            removal_after_pct: Some(1.0),
            extra: Map::new(),
        }),
        Measure::CapacityPhaseout(CapacityPhaseout {
            enterprises: Some(1),
            equipment: Some(1),
            last_year: Some(emissions()),
            extra: Map::new(),
        }),
        Measure::EnergySaving(EnergySaving {
            saved: Saved {
                coal_t: Some(1.0),
                washed_coal_t: Some(1.0),
                coke_t: Some(1.0),
                crude_oil_t: Some(1.0),
                fuel_oil_t: Some(1.0),
                gasoline_t: Some(1.0),
                diesel_t: Some(1.0),
                lpg_t: Some(1.0),
                natural_gas_m3: Some(1.0),
                electricity_kwh: Some(1.0),
                steam_t: Some(1.0),
                heat_gj: Some(1.0),
                water_t: Some(1.0),
                extra: Map::new(),
            },
            extra: Map::new(),
        }),
        Measure::Measured(Measured {
            before: emissions(),
            after: emissions(),
            extra: Map::new(),
        }),
    ];
    let types: Vec<_> = all.iter().map(Measure::type_name).collect();
    assert_eq!(types, measures::TYPES, "one literal per type");
    for m in &all {
        let t = m.type_name();
        let missing: Vec<_> = written_paths(m)
            .difference(&schema_paths(t))
            .cloned()
            .collect();
        assert!(missing.is_empty(), "{t}: not in the schema: {missing:?}");
    }
}

// ---- (c) choices ----------------------------------------------------------------------------

#[test]
fn choice_fields_list_the_engine_values_with_both_names() {
    let expected: [(&str, &str, &[&str]); 5] = [
        ("wastewater", "source", WaterSource::NAMES),
        ("wastewater", "grade", Grade::NAMES),
        ("flue_gas", "claim", Claim::NAMES),
        ("boiler_phaseout", "replaced_by", ReplacedBy::NAMES),
        ("livestock", "action", Action::NAMES),
    ];
    let mut seen = 0;
    for t in measures::TYPES {
        for f in schema::fields(t) {
            let FieldKind::Choice(options) = f.kind else {
                assert!(f.choices().is_empty());
                assert_eq!(f.default_choice, None, "{t}.{}", f.path);
                continue;
            };
            seen += 1;
            let (.., names) = expected
                .iter()
                .find(|(et, ep, _)| *et == t && *ep == f.path)
                .unwrap_or_else(|| panic!("{t}.{}: a choice field the test does not know", f.path));
            let values: Vec<_> = options.iter().map(|o| o.value).collect();
            assert_eq!(&values, names, "{t}.{}", f.path);
            for o in options {
                assert!(
                    !o.label_zh.is_empty() && !o.label_en.is_empty(),
                    "{t}.{}={}",
                    f.path,
                    o.value
                );
                assert_ne!(o.label_zh, o.label_en, "{t}.{}={}", f.path, o.value);
                assert_eq!(
                    schema::choice_label(t, f.path, o.value, Lang::Zh),
                    Some(o.label_zh)
                );
                assert_eq!(
                    schema::choice_label(t, f.path, o.value, Lang::En),
                    Some(o.label_en)
                );
                // The decoder accepts every listed value.
                let mut m = full_measure(t);
                set(&mut m, f.path, json!(o.value));
                let p = load(m).unwrap_or_else(|e| panic!("{t}.{}={}: {e:?}", f.path, o.value));
                compute(&p);
            }
            assert_eq!(schema::choice_label(t, f.path, "nope", Lang::Zh), None);
            if let Some(d) = f.default_choice {
                assert!(values.contains(&d), "{t}.{}: default {d}", f.path);
            }
        }
    }
    assert_eq!(seen, expected.len(), "every choice field is checked");
    // `none` has a different meaning in two fields.
    assert_ne!(
        schema::choice_label("flue_gas", "claim", "none", Lang::En),
        schema::choice_label("boiler_phaseout", "replaced_by", "none", Lang::En)
    );
}

// ---- (d) required, pairs ---------------------------------------------------------------------

#[test]
fn required_and_paired_fields_are_what_validation_enforces() {
    for t in measures::TYPES {
        for f in schema::fields(t) {
            let mut m = full_measure(t);
            remove(&mut m, f.path);
            let got = load(m.clone());
            let field = format!("measure.{}", f.path);
            if f.required || f.paired_with.is_some() {
                let errors = got.expect_err(&format!("{t}: loads without {}", f.path));
                assert!(
                    names_field(&errors, &field),
                    "{t}: {field} not named: {errors:?}"
                );
            } else if let Err(e) = got {
                panic!("{t}: optional {} is required: {e:?}", f.path);
            }
            if let Some(other) = f.paired_with {
                remove(&mut m, other);
                if let Err(e) = load(m) {
                    panic!("{t}: without the pair {} / {other}: {e:?}", f.path);
                }
            }
        }
    }
}

/// The conditional rules the module documentation states.
#[test]
fn conditional_requirements() {
    // flue_gas: flow and hours are required unless coal burned is given.
    for path in ["flue_gas_nm3_per_h", "hours"] {
        let mut m = full_measure("flue_gas");
        remove(&mut m, "coal_t");
        remove(&mut m, path);
        let e = load(m).expect_err(path);
        assert!(names_field(&e, &format!("measure.{path}")), "{e:?}");
    }
    // livestock: removal after is required for a treatment, 100 for a closure.
    let mut m = full_measure("livestock");
    set(&mut m, "action", json!("treatment"));
    remove(&mut m, "removal_after_pct");
    let e = load(m.clone()).expect_err("treatment without removal after");
    assert!(names_field(&e, "measure.removal_after_pct"), "{e:?}");
    set(&mut m, "action", json!("closure"));
    let blank = compute(&load(m.clone()).expect("closure"));
    set(&mut m, "removal_after_pct", json!(100));
    assert_eq!(blank, compute(&load(m).expect("closure at 100")));
    // At least one field: emptying every optional field of these types is an error.
    for t in [
        "wastewater",
        "flue_gas",
        "livestock",
        "capacity_phaseout",
        "energy_saving",
        "measured",
    ] {
        let mut m = full_measure(t);
        for f in schema::fields(t) {
            if !f.required
                && !matches!(f.kind, FieldKind::Choice(_) | FieldKind::Bool)
                && f.default.is_none()
            {
                remove(&mut m, f.path);
            }
        }
        let e = load(m).expect_err(t);
        assert!(
            e.iter()
                .any(|e| e.kind == jianpai_core::ErrorKind::NothingToCompute),
            "{t}: {e:?}"
        );
    }
}

// ---- defaults ---------------------------------------------------------------------------------

#[test]
fn a_blank_field_computes_as_its_stated_default() {
    let mut checked = 0;
    for t in measures::TYPES {
        for f in schema::fields(t) {
            let (default, other) = match (f.default, f.default_choice) {
                (Some(d), _) => (json!(d), json!(number(f))),
                (None, Some(c)) => {
                    let other = f
                        .choices()
                        .iter()
                        .find(|o| o.value != c)
                        .expect("two values");
                    (json!(c), json!(other.value))
                }
                (None, None) => continue,
            };
            checked += 1;
            assert_ne!(
                default, other,
                "{t}.{}: the sample equals the default",
                f.path
            );
            let mut m = full_measure(t);
            // Flags off (blank), so that every default matters (an upgrade silences the
            // municipal-influent warning that depends on `source`).
            for b in schema::fields(t)
                .iter()
                .filter(|b| b.kind == FieldKind::Bool)
            {
                remove(&mut m, b.path);
            }
            let with = |v: Option<&Value>| {
                let mut m = m.clone();
                match v {
                    Some(v) => set(&mut m, f.path, v.clone()),
                    None => remove(&mut m, f.path),
                }
                compute(&load(m).unwrap_or_else(|e| panic!("{t}.{}: {e:?}", f.path)))
            };
            let blank = with(None);
            assert_eq!(
                blank,
                with(Some(&default)),
                "{t}.{}: blank is not the default",
                f.path
            );
            assert_ne!(
                blank,
                with(Some(&other)),
                "{t}.{}: the field has no effect here",
                f.path
            );
        }
    }
    assert!(checked >= 12, "{checked}");
}

// ---- load_project -----------------------------------------------------------------------------

#[test]
fn load_project_reads_a_project_as_a_file_does() {
    let item = json!({ "id": "a", "name": "城东污水处理厂二期", "township": "罗星街道", "start_month": 7,
        "extra_note": "kept",
        "measure": { "type": "wastewater", "flow_m3_per_day": 10000, "load_rate": 0.8,
                     "cod_before_mg_l": 250, "cod_after_mg_l": 50 } });
    let p = load_project(&item).expect("loads");
    let text = json!({ "format": "jianpai/1", "projects": [item] }).to_string();
    let file = jianpai_core::load(&text).expect("file loads");
    assert_eq!(file.projects, vec![p]);
}

#[test]
fn load_project_reports_errors_as_for_files() {
    // Not an object: named by position.
    let e = load_project(&json!([1])).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].project.as_deref(), Some("#1"));
    // No id: named by position, and the rest is still checked.
    let e = load_project(
        &json!({ "measure": { "type": "desulfurization", "coal_t": -1,
        "sulfur_pct": 1, "efficiency_after_pct": 90 } }),
    )
    .unwrap_err();
    assert!(names_field(&e, "id"), "{e:?}");
    assert!(names_field(&e, "measure.coal_t"), "{e:?}");
    assert!(
        e.iter().all(|e| e.project.as_deref() == Some("#1")),
        "{e:?}"
    );
    // A validation error names the project by its id.
    let e = load_project(&json!({ "id": "x", "measure": { "type": "desulfurization",
        "coal_t": 100, "sulfur_pct": 1, "efficiency_before_pct": 95, "efficiency_after_pct": 90 } }))
    .unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].project.as_deref(), Some("x"));
    assert_eq!(e[0].field.as_deref(), Some("measure.efficiency_after_pct"));
    // A missing, null or unknown measure is an error, never a silently dropped project.
    for measure in [
        None,
        Some(json!(null)),
        Some(json!({ "type": "nope" })),
        Some(json!(3)),
    ] {
        let mut item = json!({ "id": "y" });
        if let Some(m) = measure.clone() {
            item["measure"] = m;
        }
        let e = load_project(&item).unwrap_err();
        assert!(!e.is_empty(), "{measure:?}");
        assert!(e.iter().all(|e| e.project.as_deref() == Some("y")), "{e:?}");
    }
}
