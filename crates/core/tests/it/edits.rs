//! The typed reads and edits of a register (`Register::set_field_text`, `set_target`,
//! `set_override`, project edits by key), the one text reader (`form::project_from_texts`, with
//! its whole-number rule) and the file fields a project's result depends on
//! (`register::RESULT_INPUTS`).

use jianpai_core::error::ErrorKind;
use jianpai_core::form::{number_value, project_from_texts, ProjectTexts, TextProblem};
use jianpai_core::numtext::NumberProblem;
use jianpai_core::register::{EntryResult, Register, RESULT_INPUTS};
use jianpai_core::{Category, Crediting, ElectricityBasis, Key, SAMPLE_FILE};
use serde_json::{json, Value};

fn sample() -> Register {
    Register::from_bytes(SAMPLE_FILE.as_bytes()).unwrap()
}

fn head(r: &Register) -> Value {
    Value::Object(r.head().clone())
}

#[test]
fn the_files_own_fields_are_set_from_typed_text_and_only_they_change() {
    let mut r = Register::read(&json!({ "format": "jianpai/1",
        "targets": { "cod_t": 10, "x_note": "kept" }, "settings": { "crediting": "full_year" } }))
    .unwrap();
    r.set_field_text("title", "  县 2026 ").unwrap();
    r.set_field_text("year", "２０２７").unwrap();
    r.set_field_text("targets.so2_t", "1,500").unwrap();
    r.set_field_text("targets.cod_t", "2.6万").unwrap();
    r.set_field_text("settings.electricity_basis", "等价值（火电供电煤耗）")
        .unwrap();
    assert_eq!(
        head(&r),
        json!({ "format": "jianpai/1", "title": "  县 2026 ", "year": 2027,
            "targets": { "cod_t": 26000.0, "so2_t": 1500, "x_note": "kept" },
            "settings": { "crediting": "full_year", "electricity_basis": "equal_value" } })
    );
    assert_eq!(r.field_text("targets.so2_t"), "1500");
    assert_eq!(r.field_text("title"), "  县 2026 ");
    assert_eq!(r.field_text("targets.nox_t"), "");
    assert_eq!(r.target(Key::So2), Some(1500.0));
    assert_eq!(
        r.settings().electricity_basis,
        Some(ElectricityBasis::EqualValue)
    );
    assert_eq!(r.settings().crediting(), Crediting::FullYear);

    // What does not read changes nothing and says why.
    let before = r.clone();
    assert_eq!(
        r.set_field_text("targets.cod_t", "12吨"),
        Err(TextProblem::Number(NumberProblem::NotANumber))
    );
    assert_eq!(
        r.set_field_text("year", "2026.5"),
        Err(TextProblem::Number(NumberProblem::NotWhole {
            value: 2026.5
        }))
    );
    assert!(matches!(
        r.set_field_text("settings.crediting", "sometimes"),
        Err(TextProblem::UnknownChoice { .. })
    ));
    assert_eq!(r, before);

    // Blank removes the field, and an object it empties.
    r.set_field_text("settings.crediting", "").unwrap();
    r.set_field_text("settings.electricity_basis", "").unwrap();
    r.set_field_text("targets.cod_t", " ").unwrap();
    r.set_field_text("title", "").unwrap();
    assert_eq!(
        head(&r),
        json!({ "format": "jianpai/1", "year": 2027,
            "targets": { "so2_t": 1500, "x_note": "kept" } })
    );
    r.set_target(Key::So2, None);
    r.set_target(Key::Nox, Some(40.0));
    assert_eq!(
        head(&r)["targets"],
        json!({ "nox_t": 40, "x_note": "kept" })
    );
}

#[test]
fn an_override_is_checked_by_the_engine_and_refused_whole() {
    let mut r = sample();
    let before = r.clone();
    let kinds = |e: Result<(), Vec<jianpai_core::Error>>| -> Vec<ErrorKind> {
        e.unwrap_err().into_iter().map(|e| e.kind).collect()
    };
    assert_eq!(
        kinds(r.set_override("so2.sulfur_conversion", 0.85, "   ")),
        [ErrorKind::OverrideWithoutNote {
            id: "so2.sulfur_conversion".into()
        }]
    );
    assert_eq!(
        kinds(r.set_override("so2.sulfur_conversion", -1.0, "实测")),
        [ErrorKind::Negative { value: -1.0 }]
    );
    assert_eq!(
        kinds(r.set_override("so2.sulfur_conversion", f64::NAN, "实测")),
        [ErrorKind::NotFinite]
    );
    assert_eq!(
        kinds(r.set_override("no.such_factor", 1.0, "实测")),
        [ErrorKind::UnknownFactor {
            id: "no.such_factor".into()
        }]
    );
    let err = r
        .set_override("so2.sulfur_conversion", 0.85, "")
        .unwrap_err();
    assert_eq!(
        err[0].field.as_deref(),
        Some("overrides.so2.sulfur_conversion")
    );
    assert_eq!(r, before, "nothing changed");

    r.set_override("so2.sulfur_conversion", 0.85, " 实测 ")
        .unwrap();
    r.set_override("tce.raw_coal", 1.0, "n").unwrap();
    let ov = &head(&r)["overrides"];
    assert_eq!(
        ov["so2.sulfur_conversion"],
        json!({ "value": 0.85, "note": "实测" })
    );
    assert_eq!(ov["tce.raw_coal"], json!({ "value": 1, "note": "n" }));
    assert_eq!(
        ov["co2.per_tce"],
        before.head()["overrides"]["co2.per_tce"],
        "the others are kept"
    );
    let report = r.compute().report.unwrap();
    assert!(report
        .overrides
        .iter()
        .any(|o| o.factor.id == "so2.sulfur_conversion" && o.factor.value == 0.85));
    for id in ["so2.sulfur_conversion", "tce.raw_coal", "co2.per_tce"] {
        r.remove_override(id);
    }
    assert_eq!(head(&r).get("overrides"), None, "an emptied list goes");
}

#[test]
fn entries_read_their_category_and_start_month_as_written() {
    let r = Register::read(&json!({ "format": "jianpai/1", "projects": [
        { "id": "a", "category": "structural", "start_month": 6,
          "measure": { "type": "capacity_phaseout", "enterprises": 1 } },
        { "id": "b", "category": "none of these", "start_month": "six",
          "measure": { "type": "capacity_phaseout", "enterprises": 1 } },
        { "id": "c", "measure": { "type": "capacity_phaseout", "enterprises": 1 } }
    ] }))
    .unwrap();
    let e = &r.projects;
    assert_eq!(e[0].category(), Some(Category::Structural));
    assert_eq!(e[0].start_month(), Some(6));
    assert_eq!((e[1].category(), e[1].start_month()), (None, None));
    assert_eq!((e[2].category(), e[2].start_month()), (None, None));
    assert_eq!(e[0].type_tag(), "capacity_phaseout");
    assert_eq!(e[0].field_text("measure.enterprises"), "1");
    assert_eq!(e[1].field_text("start_month"), "six");
}

#[test]
fn projects_are_edited_by_key_and_keys_survive_other_changes() {
    let mut r = sample();
    let first = r.projects[0].key();
    let second = r.projects[1].key();
    let copy = r.duplicate(first).unwrap();
    assert_eq!(r.position(copy), Some(1));
    assert_eq!(
        r.position(second),
        Some(2),
        "the next project moved, its key did not"
    );
    r.remove(first);
    assert_eq!(r.position(copy), Some(0));
    assert_eq!(r.get(first), None);

    let other = r.projects[1].clone();
    r.set_project_text(second, "name", "改名").unwrap();
    r.set_project_text(second, "start_month", "9").unwrap();
    assert_eq!(r.get(second).unwrap().text("name"), "改名");
    assert_eq!(r.get(second).unwrap().start_month(), Some(9));
    assert!(
        std::sync::Arc::ptr_eq(&r.projects[0], &r.get(copy).unwrap().clone()),
        "other projects are kept as they are"
    );
    let _ = other;
    let tag = r.get(second).unwrap().type_tag().to_owned();
    let field = jianpai_core::schema::fields(&tag)
        .iter()
        .find(|f| f.kind == jianpai_core::schema::FieldKind::Number)
        .unwrap()
        .path;
    let path = format!("measure.{field}");
    let before = r.clone();
    assert!(matches!(
        r.set_project_text(second, &path, "x"),
        Err(TextProblem::Number(_))
    ));
    assert_eq!(r, before, "what does not read changes nothing");
    r.set_project_text(second, &path, "1.0").unwrap();
    assert_eq!(r.get(second).unwrap().value()["measure"][field], json!(1.0));
    r.set_project_text(second, &path, "").unwrap();
    assert_eq!(r.get(second).unwrap().value()["measure"].get(field), None);
    r.set_project_type(second, "capacity_phaseout", &[("enterprises", "3")]);
    assert_eq!(
        r.get(second).unwrap().value()["measure"],
        json!({ "type": "capacity_phaseout", "enterprises": 3 })
    );
}

#[test]
fn texts_make_a_project_with_one_whole_number_rule_and_the_problems_by_path() {
    let texts = ProjectTexts {
        type_tag: "wastewater",
        project: vec![
            ("id", "w1"),
            ("name", "污水厂"),
            ("township", ""),
            ("category", "工程减排"),
            ("start_month", "6"),
        ],
        measure: vec![
            ("flow_m3_per_day", "2.5万"),
            ("load_rate", "0.8"),
            ("days", "365"),
            ("cod_before_mg_l", "250.0"),
            ("cod_after_mg_l", "abc"),
            ("nh3n_before_mg_l", ""),
        ],
    };
    let (draft, problems) = project_from_texts(&texts);
    let v = draft.clone().into_value();
    assert_eq!(v["id"], json!("w1"));
    assert_eq!(v.get("township"), None, "blank is left out");
    assert_eq!(
        v["category"],
        json!("engineering"),
        "a category by its name"
    );
    assert_eq!(v["start_month"], json!(6));
    let m = &v["measure"];
    assert_eq!(m["type"], json!("wastewater"));
    assert_eq!(
        m["days"],
        json!(365),
        "whole, written without a point: an integer"
    );
    assert_eq!(
        m["cod_before_mg_l"],
        json!(250.0),
        "written with a point: stays a decimal"
    );
    assert_eq!(m["flow_m3_per_day"], json!(25000.0));
    assert_eq!(m["load_rate"], json!(0.8));
    assert_eq!(m["cod_after_mg_l"], json!("abc"), "kept as typed");
    assert_eq!(m.get("nh3n_before_mg_l"), None);
    assert_eq!(
        problems,
        [(
            "cod_after_mg_l".to_owned(),
            TextProblem::Number(NumberProblem::NotANumber)
        )]
    );
    assert!(
        draft.read().is_err(),
        "the engine marks the text it cannot use"
    );

    let (_, problems) = project_from_texts(&ProjectTexts {
        type_tag: "livestock",
        project: vec![("id", "x"), ("category", "maybe"), ("start_month", "六月")],
        measure: vec![("pigs", "10.5")],
    });
    let paths: Vec<&str> = problems.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["category", "start_month", "pigs"]);
    assert_eq!(number_value(3.0, "3"), json!(3));
}

/// Every project's result, computed afresh.
fn results(r: &Register) -> Vec<EntryResult> {
    r.compute().results
}

#[test]
fn a_result_depends_on_the_listed_file_fields_and_on_no_other() {
    let base = {
        let mut r = sample();
        r.set_field_text("settings.electricity_basis", "equal_value")
            .unwrap();
        r
    };
    let before = results(&base);
    let changed = |f: &dyn Fn(&mut Register)| {
        let mut r = base.clone();
        f(&mut r);
        results(&r) != before
    };
    // Each listed field, changed, changes some project's result.
    let older = jianpai_core::FactorLibrary::released()
        .iter()
        .find(|l| l.version != jianpai_core::FactorLibrary::builtin().version)
        .map(|l| l.version.clone())
        .expect("an older released library");
    for field in RESULT_INPUTS {
        let yes = match field {
            "settings" => {
                changed(&|r| r.set_field_text("settings.crediting", "full_year").unwrap())
            }
            "overrides" => changed(&|r| r.set_override("co2.per_tce", 2.0, "n").unwrap()),
            "year" => changed(&|r| r.set_field_text("year", "2018").unwrap()),
            "factor_library" => {
                changed(&|r| r.set_field("factor_library", Some(json!(older.clone()))))
            }
            other => panic!("no change written for {other}"),
        };
        assert!(yes, "changing {field} changes no result");
    }
    // The file's other fields change none.
    for (path, text) in [
        ("title", "别的标题"),
        ("region", "别的县"),
        ("targets.cod_t", "1"),
        ("targets.tce", ""),
        ("x_note", "备注"),
    ] {
        assert!(
            !RESULT_INPUTS.contains(&path.split('.').next().unwrap()),
            "{path} is listed"
        );
        assert!(
            !changed(&|r| r.set_field_text(path, text).unwrap()),
            "changing {path} changes a result"
        );
    }
    let mut r = base.clone();
    let inputs = r.result_inputs();
    r.set_field_text("title", "x").unwrap();
    assert_eq!(r.result_inputs(), inputs);
    r.set_field_text("year", "2019").unwrap();
    assert_ne!(r.result_inputs(), inputs);
}

#[test]
fn a_project_alone_carries_what_its_result_depends_on() {
    let mut r = sample();
    r.set_field_text("settings.crediting", "full_year").unwrap();
    let version = jianpai_core::FactorLibrary::builtin().version.clone();
    r.set_field("factor_library", Some(json!(version)));
    let second = r.projects[1].clone();
    let alone = r.project_alone(second.key()).unwrap();
    let kept: Vec<&str> = alone.head().keys().map(String::as_str).collect();
    // The sample's own fields (and the library it records), less its title and targets.
    assert_eq!(
        kept,
        [
            "factor_library",
            "format",
            "overrides",
            "region",
            "settings",
            "year"
        ]
    );
    assert_eq!(alone.projects.len(), 1);
    assert_eq!(alone.projects[0].value(), second.value());
    assert_eq!(
        alone.compute().results[0],
        r.compute().results[1],
        "it computes alone as it does in its register"
    );
    r.remove(second.key());
    assert_eq!(r.project_alone(second.key()), None);
}
