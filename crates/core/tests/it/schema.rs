//! Forms and decoders agree: every field a measure module declares (the app renders its forms
//! from these declarations) is read by its decoder, nothing the decoder keeps is undeclared,
//! required fields are required, and every declared hard limit is enforced under the field's label.

use jianpai_core::field::FieldSpec;
use jianpai_core::schema::{FieldKind, Limit};
use jianpai_core::{load_project, Lang, MeasureType};
use serde_json::{json, Map, Value};

/// A value inside the field's hard limit and usual range; for a before/after pair "before"
/// exceeds "after" (concentrations, monitored amounts), for other after/before rates "after"
/// is the higher (efficiencies can only rise).
fn plausible(f: &FieldSpec) -> Value {
    let after = f.path.contains("after");
    match f.kind {
        FieldKind::Choice(options) => json!(options[0].value),
        FieldKind::Bool => json!(false),
        FieldKind::Count => json!(1000),
        FieldKind::List(_) => unreachable!("a list is laid out as its entries' fields"),
        FieldKind::Number => json!(match (f.usual, f.paired_with, f.limit) {
            (_, Some(_), _) if after => 100.0,
            (_, Some(_), _) => 200.0,
            (Some((lo, hi)), ..) => (lo + hi) / 2.0,
            (None, _, Limit::Percent) if after => 90.0,
            (None, _, Limit::Percent) => 10.0,
            (None, _, Limit::Range(lo, hi)) => (lo + hi) / 2.0,
            (None, ..) => 100.0,
        }),
    }
}

/// Every declared field of type `t` at its path inside `measure`: a list field as one entry of
/// its fields (`materials.0.kind`, …).
fn declared(t: MeasureType) -> Vec<(String, &'static FieldSpec)> {
    jianpai_core::schema::laid_out(jianpai_core::schema::fields(t.code()), |_| 1)
        .into_iter()
        .map(|at| (at.path, at.spec))
        .collect()
}

/// Fields of which a measure takes exactly one (docs/file-format.md §4.15): giving both is an
/// error, so a full measure gives one of them.
pub(crate) const ONE_OF: &[(MeasureType, &str, &str)] =
    &[(MeasureType::RuralSewage, "flow_m3_per_day", "population")];

/// A measure of type `t` with every declared field given (of two that exclude each other, the
/// first).
pub(crate) fn full(t: MeasureType) -> Value {
    full_with(t, "")
}

/// As [`full`], with `path` among the fields given (the second of two that exclude each other).
pub(crate) fn full_with(t: MeasureType, path: &str) -> Value {
    let left_out: Vec<&str> = ONE_OF
        .iter()
        .filter(|(ty, ..)| *ty == t)
        .map(|(_, a, b)| if *b == path { *a } else { *b })
        .collect();
    let mut m = Map::new();
    m.insert("type".into(), json!(t.code()));
    for (at, f) in declared(t) {
        if left_out.contains(&at.as_str()) {
            continue;
        }
        jianpai_core::path::set(&mut m, &at, plausible(f));
    }
    Value::Object(m)
}

/// The JSON pointer of a path inside `measure`.
fn pointer(path: &str) -> String {
    format!("/{}", path.replace('.', "/"))
}

fn project(measure: Value) -> Value {
    json!({ "id": "p", "measure": measure })
}

/// Every leaf path of a JSON object (`saved.coal_t`).
fn leaves(v: &Value, prefix: &str, out: &mut Vec<String>) {
    if let Value::Object(o) = v {
        for (k, v) in o {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                Value::Object(_) | Value::Array(_) => leaves(v, &path, out),
                _ => out.push(path),
            }
        }
    }
    if let Value::Array(items) = v {
        for (i, v) in items.iter().enumerate() {
            leaves(v, &format!("{prefix}.{i}"), out);
        }
    }
}

#[test]
fn every_declared_field_is_read_and_nothing_undeclared_is_kept() {
    for &t in MeasureType::ALL {
        let fields = jianpai_core::schema::fields(t.code());
        assert!(!fields.is_empty(), "{t:?} declares no field");
        let mut inputs = vec![full(t)];
        inputs.extend(
            ONE_OF
                .iter()
                .filter(|(ty, ..)| *ty == t)
                .map(|(_, _, second)| full_with(t, second)),
        );
        let declared: Vec<String> = declared(t).into_iter().map(|(p, _)| p).collect();
        let mut read = std::collections::BTreeSet::new();
        for input in inputs {
            let p = load_project(&project(input.clone()))
                .unwrap_or_else(|e| panic!("{t:?} with every field: {e:?}"));
            assert!(
                p.measure.unknown_fields().is_empty(),
                "{t:?}: {:?}",
                p.measure.unknown_fields()
            );
            let written = serde_json::to_value(&p.measure).unwrap();
            let mut paths = Vec::new();
            leaves(&written, "", &mut paths);
            paths.retain(|p| p != "type");
            for path in &paths {
                assert!(declared.contains(path), "{t:?} writes undeclared {path}");
                let pointer = format!("/{}", path.replace('.', "/"));
                assert_eq!(
                    written.pointer(&pointer),
                    input.pointer(&pointer),
                    "{t:?} {path}"
                );
            }
            read.extend(paths);
        }
        assert_eq!(
            read.len(),
            declared.len(),
            "{t:?}: a declared field is not read"
        );
    }
}

#[test]
fn fields_that_exclude_each_other_are_refused_together() {
    for &(t, first, second) in ONE_OF {
        let mut m = full(t);
        m[second] = full_with(t, second)[second].clone();
        let errors = load_project(&project(m)).expect_err("both given");
        assert!(
            errors
                .iter()
                .any(|e| e.field.as_deref() == Some(&format!("measure.{second}"))
                    && matches!(e.kind, jianpai_core::ErrorKind::BothGiven { .. })),
            "{t:?} {first} and {second}: {errors:?}"
        );
    }
}

#[test]
fn required_fields_are_required_and_named_by_their_label() {
    for &t in MeasureType::ALL {
        for (path, f) in declared(t).into_iter().filter(|(_, f)| f.required) {
            let mut m = full_with(t, &path);
            jianpai_core::path::remove(m.as_object_mut().unwrap(), &path);
            let errors = load_project(&project(m)).expect_err(&path);
            let e = errors
                .iter()
                .find(|e| e.field.as_deref() == Some(&format!("measure.{path}")))
                .unwrap_or_else(|| panic!("{t:?} {path}: {errors:?}"));
            assert!(
                e.message(Lang::Zh).contains(f.label_zh),
                "{}",
                e.message(Lang::Zh)
            );
            assert!(
                e.message(Lang::En).contains(f.label_en),
                "{}",
                e.message(Lang::En)
            );
        }
    }
}

#[test]
fn every_hard_limit_is_enforced() {
    let mut checked = 0;
    for &t in MeasureType::ALL {
        for (field, f) in declared(t) {
            let bad = match (f.kind, f.limit) {
                (FieldKind::Number, Limit::Percent | Limit::PositivePercent) => 100.5,
                (FieldKind::Number, Limit::Range(_, hi)) => hi * 1.01 + 0.01,
                (FieldKind::Number | FieldKind::Count, _) => -1.0,
                _ => continue,
            };
            let mut m = full_with(t, &field);
            *m.pointer_mut(&pointer(&field)).unwrap() = json!(bad);
            let errors = load_project(&project(m)).expect_err(&field);
            let path = format!("measure.{field}");
            assert!(
                errors.iter().any(|e| e.field.as_deref() == Some(&path)
                    && e.message(Lang::En).contains(f.label_en)),
                "{t:?} {field} = {bad}: {errors:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} limits checked");
}

#[test]
fn choice_options_are_the_values_the_decoder_accepts() {
    for &t in MeasureType::ALL {
        for (path, f) in declared(t) {
            for o in f.choices() {
                let mut m = full(t);
                *m.pointer_mut(&pointer(&path)).unwrap() = json!(o.value);
                assert!(
                    load_project(&project(m)).is_ok(),
                    "{t:?} {path} = {}",
                    o.value
                );
            }
            if !f.choices().is_empty() {
                let mut m = full(t);
                *m.pointer_mut(&pointer(&path)).unwrap() = json!("no-such-value");
                assert!(load_project(&project(m)).is_err(), "{t:?} {path}");
            }
        }
    }
}

/// Every quantity without an upper hard limit: its ceiling, above its usual range.
fn ceilings() -> Vec<(MeasureType, String, &'static FieldSpec, f64, f64)> {
    let mut out = Vec::new();
    for &t in MeasureType::ALL {
        for (path, f) in declared(t) {
            let unbounded = matches!(f.kind, FieldKind::Number | FieldKind::Count)
                && matches!(f.limit, Limit::Quantity | Limit::Positive);
            if !unbounded {
                continue;
            }
            let (Some((_, usual)), Some(ceiling)) = (f.usual, f.ceiling) else {
                panic!(
                    "{t:?} {}: a quantity without a usual range and a ceiling",
                    f.path
                );
            };
            assert!(usual < ceiling, "{t:?} {}", f.path);
            out.push((t, path, f, usual, ceiling));
        }
    }
    out
}

/// Issue 21: a quantity above what any real project reaches is an error naming the field (the
/// review's 1.2e29 m³/d flow among them); between its usual range and its ceiling, a warning.
#[test]
fn every_quantity_has_a_ceiling_and_a_usual_range() {
    let all = ceilings();
    assert!(all.len() >= 50, "{} quantities", all.len());
    let factors = jianpai_core::Factors::defaults();
    let settings = jianpai_core::Settings::default();
    for (t, field, f, usual, ceiling) in all {
        let pointer = pointer(&field);
        let path = format!("measure.{field}");
        // Above the ceiling (a whole number for counts): an error on the field, by its label.
        for bad in [(ceiling * 2.0).round(), 1.2e29] {
            let mut m = full_with(t, &field);
            *m.pointer_mut(&pointer).unwrap() = json!(bad);
            let errors = load_project(&project(m)).expect_err(f.path);
            assert!(
                errors.iter().any(|e| e.field.as_deref() == Some(&path)
                    && matches!(e.kind, jianpai_core::ErrorKind::AboveCeiling { .. })
                    && e.message(Lang::En).contains(f.label_en)
                    && e.message(Lang::Zh).contains(f.label_zh)),
                "{t:?} {} = {bad}: {errors:?}",
                f.path
            );
        }
        // Between the usual range and the ceiling: accepted, with a warning on the field.
        let mut m = full_with(t, &field);
        let high = ((usual + ceiling) / 2.0).round();
        *m.pointer_mut(&pointer).unwrap() = json!(high);
        let p = load_project(&project(m)).unwrap_or_else(|e| panic!("{t:?} {}: {e:?}", f.path));
        let r = jianpai_core::report::compute_project(&p, &factors, &settings)
            .unwrap_or_else(|e| panic!("{t:?} {}: {e:?}", f.path));
        assert!(
            r.warnings.iter().any(|w| w.field.as_deref() == Some(&path)
                && matches!(w.kind, jianpai_core::trail::WarningKind::Implausible { .. })),
            "{t:?} {} = {high}: {:?}",
            f.path,
            r.warnings
        );
    }
}
