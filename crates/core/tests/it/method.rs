//! VOCs as a report key and the accounting methods (`settings.method`, docs/methodology.md §2.2
//! and "The bulletin paragraph"): a file of 2026 with a VOCs project and a VOCs target, totalled and
//! worded in the 2021 form in both languages and both orders, with the SO₂ clause; the same file
//! under the 2011 method in the 2011 form; the default method by year; `vocs_t` through the
//! people's CSV and the workbook. Every expected figure is worked out by hand below.

use crate::common;
use jianpai_core::register::Register;
use jianpai_core::table::workbook::{csv_from_sheets, xlsx};
use jianpai_core::table::xlsx::read_stored;
use jianpai_core::table::{import_csv, people_csv};
use jianpai_core::BulletinOrder;
use jianpai_core::{export, load, Key, Lang, Method};
use serde_json::{json, Value};

/// A 2026 register (default crediting, 13 − m months):
/// - `v1` measured VOCs 120 → 24 t/a: full year 120 − 24 = 96 t; start month 7, 13 − 7 = 6 months:
///   credited 96 × 6 / 12 = 48 t.
/// - `w1` measured, whole year: COD 300 − 100.5 = 199.5 t, NH₃-N 30 − 12 = 18 t, NOₓ 50 − 10 = 40 t.
/// - `c1` capacity phase-out (structural), whole year: SO₂ 40 t, VOCs 8.25 t, 1,500 tce, 3
///   enterprises, 12 items of equipment; CO₂ 1,500 tce × 2.5 tCO₂/tce (the file's override) =
///   3,750 t.
///
/// Totals: COD 199.5, NH₃-N 18, SO₂ 40, NOₓ 40, VOCs 48 + 8.25 = 56.25 (bulletin: 56.3, half
/// up), 1,500 tce, CO₂ 3,750; 3 projects in the totals. Targets: VOCs 50 t (56.25 / 50 = 112.5 %),
/// COD 250 t.
fn register_2026(settings: Value) -> Value {
    json!({
        "format": "jianpai/1", "title": "2026年减排", "region": "示例县", "year": 2026,
        "settings": settings,
        "targets": { "cod_t": 250, "vocs_t": 50 },
        "overrides": { "co2.per_tce": { "value": 2.5, "note": "测试用" } },
        "projects": [
            { "id": "v1", "name": "涂装线VOCs治理", "start_month": 7,
              "measure": { "type": "measured", "before": { "vocs_t": 120 }, "after": { "vocs_t": 24 } } },
            { "id": "w1", "name": "园区污水深度处理",
              "measure": { "type": "measured",
                           "before": { "cod_t": 300, "nh3n_t": 30, "nox_t": 50 },
                           "after": { "cod_t": 100.5, "nh3n_t": 12, "nox_t": 10 } } },
            { "id": "c1", "name": "关停化工企业",
              "measure": { "type": "capacity_phaseout", "enterprises": 3, "equipment": 12,
                           "last_year": { "so2_t": 40, "vocs_t": 8.25, "tce": 1500 } } }
        ]
    })
}

fn report(v: &Value) -> jianpai_core::Report {
    common::report(&v.to_string())
}

#[test]
fn a_2026_file_totals_vocs_and_its_target() {
    let r = report(&register_2026(json!({})));
    common::assert_close(r.projects[0].full_year[Key::Vocs], 96.0, "v1 full year");
    common::assert_close(r.projects[0].credited[Key::Vocs], 48.0, "v1 credited");
    common::assert_close(r.totals[Key::Vocs], 56.25, "VOCs total");
    common::assert_close(r.full_year_totals[Key::Vocs], 104.25, "VOCs full year");
    common::assert_close(r.totals[Key::Cod], 199.5, "COD");
    common::assert_close(r.totals[Key::Co2], 3750.0, "CO₂");
    let p = r
        .progress
        .iter()
        .find(|p| p.key == Key::Vocs)
        .expect("VOCs target");
    assert_eq!(p.target, 50.0);
    common::assert_close(p.percent.unwrap(), 112.5, "VOCs progress");
    assert_eq!(r.method.id, Method::KeyProjects2021);
    assert!(!r.method.given);
    assert_eq!(
        r.method.headline,
        &[Key::Cod, Key::Nh3n, Key::Nox, Key::Vocs]
    );
    // The JSON report: `vocs_t` in every amounts object, the method with its headline.
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["totals"]["vocs_t"], json!(56.25));
    assert_eq!(
        v["method"],
        json!({ "id": "2021", "given": false, "headline": ["cod_t", "nh3n_t", "nox_t", "vocs_t"] })
    );
    // The text report names the method and the 2021 heading, with its VOCs line.
    let zh = export::text(&r, Lang::Zh);
    assert!(
        zh.contains("核算方法：十四五 重点工程减排量（2021）（按年度默认）"),
        "{zh}"
    );
    assert!(zh.contains("== 重点工程减排量合计（计入当年）=="), "{zh}");
    assert!(zh.contains("挥发性有机物：56.2吨（全年 104.2吨）"), "{zh}");
    assert!(zh.contains("挥发性有机物: 56.2 / 50.0 吨 (112.5%)"), "{zh}");
    let en = export::text(&r, Lang::En);
    assert!(
        en.contains("== Key-project reductions (credited) =="),
        "{en}"
    );
    assert!(en.contains("VOCs: 56.2 t (full year 104.2 t)"), "{en}");
    // The CLI's CSV: the VOCs columns after NOₓ.
    let csv = export::csv(&r, Lang::En);
    assert!(
        csv.contains("credited_nox_t,credited_vocs_t,credited_tce"),
        "{csv}"
    );
}

#[test]
fn the_2021_paragraph_cod_first_in_both_languages() {
    let r = report(&register_2026(json!({})));
    assert_eq!(
        r.bulletin.zh,
        "2026年，全县实施主要污染物重点减排工程3项，形成化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量\
         分别为199.5吨、18.0吨、40.0吨、56.3吨；淘汰落后产能企业3家、设备12台，节约标准煤1500.0吨，\
         减少二氧化碳排放约3750.0吨（估算）。"
    );
    assert_eq!(
        r.bulletin.en,
        "In 2026 the county implemented 3 key emission-reduction projects, with key-project reductions \
         of 199.5 t of COD, 18.0 t of NH₃-N, 40.0 t of NOₓ and 56.3 t of VOCs. It also closed 3 \
         enterprises with outdated production capacity, scrapped 12 items of outdated equipment, \
         saved 1,500.0 t of standard coal equivalent and cut CO₂ emissions by an estimated 3,750.0 t."
    );
    // No offsets are accounted: the words on offsets are not written.
    assert!(!r.bulletin.zh.contains("已扣减"));
    assert!(r.bulletin.note.zh.contains("含产业结构升级"));
    // The explicit default order is the same paragraph.
    let same = report(&register_2026(json!({ "bulletin_order": "cod_first" })));
    assert_eq!(same.bulletin, r.bulletin);
}

#[test]
fn the_2021_paragraph_nox_first_in_both_languages() {
    let r = report(&register_2026(json!({ "bulletin_order": "nox_first" })));
    assert_eq!(
        r.bulletin.zh,
        "2026年，全县实施主要污染物重点减排工程3项，形成氮氧化物、挥发性有机物、化学需氧量、氨氮重点工程减排量\
         分别为40.0吨、56.3吨、199.5吨、18.0吨；淘汰落后产能企业3家、设备12台，节约标准煤1500.0吨，\
         减少二氧化碳排放约3750.0吨（估算）。"
    );
    assert_eq!(
        r.bulletin.en,
        "In 2026 the county implemented 3 key emission-reduction projects, with key-project reductions \
         of 40.0 t of NOₓ, 56.3 t of VOCs, 199.5 t of COD and 18.0 t of NH₃-N. It also closed 3 \
         enterprises with outdated production capacity, scrapped 12 items of outdated equipment, \
         saved 1,500.0 t of standard coal equivalent and cut CO₂ emissions by an estimated 3,750.0 t."
    );
}

#[test]
fn the_so2_clause_is_written_only_when_asked() {
    let r = report(&register_2026(json!({ "bulletin_so2": true })));
    assert_eq!(
        r.bulletin.zh,
        "2026年，全县实施主要污染物重点减排工程3项，形成化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量\
         分别为199.5吨、18.0吨、40.0吨、56.3吨，二氧化硫减排量40.0吨（省级考核指标）；淘汰落后产能企业3家、\
         设备12台，节约标准煤1500.0吨，减少二氧化碳排放约3750.0吨（估算）。"
    );
    assert_eq!(
        r.bulletin.en,
        "In 2026 the county implemented 3 key emission-reduction projects, with key-project reductions \
         of 199.5 t of COD, 18.0 t of NH₃-N, 40.0 t of NOₓ and 56.3 t of VOCs. SO₂ reductions, a \
         provincial assessment indicator, came to 40.0 t. It also closed 3 enterprises with outdated \
         production capacity, scrapped 12 items of outdated equipment, saved 1,500.0 t of standard \
         coal equivalent and cut CO₂ emissions by an estimated 3,750.0 t."
    );
    let off = report(&register_2026(json!({ "bulletin_so2": false })));
    assert!(!off.bulletin.zh.contains("二氧化硫"));
    assert!(!off.bulletin.en.contains("SO₂"));
    // SO₂ is still computed and shown in the tables under 2021.
    common::assert_close(off.totals[Key::So2], 40.0, "SO₂ total");
    assert!(export::text(&off, Lang::Zh).contains("SO₂：40.0吨"));
}

/// The same file under the 2011 method: the 2011 paragraph (VOCs is not one of its pollutants;
/// "实施减排项目N个" counts the 2 projects that are not structural), the same numbers.
#[test]
fn the_same_file_under_the_2011_method_keeps_the_2011_paragraph() {
    let r = report(&register_2026(json!({ "method": "2011" })));
    assert_eq!(
        r.bulletin.zh,
        "2026年全县淘汰落后产能企业3家、落后设备12台，节约标煤1500.0吨；实施减排项目2个，\
         削减COD 199.5吨、NH₃-N 18.0吨、SO₂ 40.0吨、NOₓ 40.0吨。"
    );
    assert_eq!(r.method.id, Method::Total2011);
    assert!(r.method.given);
    common::assert_close(
        r.totals[Key::Vocs],
        56.25,
        "the numbers do not depend on the method",
    );
    let zh = export::text(&r, Lang::Zh);
    assert!(zh.contains("== 合计（计入当年）=="), "{zh}");
    // VOCs is reduced and targeted here, so the 2011 text lists it.
    assert!(zh.contains("挥发性有机物：56.2吨"), "{zh}");
}

#[test]
fn a_2017_file_keeps_its_method_numbers_and_text() {
    let text = include_str!("../data/bulletin_2017.json");
    let r = common::report(text);
    assert_eq!(r.method.id, Method::Total2011);
    assert!(!r.method.given);
    assert_eq!(r.totals[Key::Vocs], 0.0);
    // No VOCs line in a 2011 file that neither reduces nor targets VOCs.
    for lang in [Lang::Zh, Lang::En] {
        let t = export::text(&r, lang);
        assert!(!t.contains("挥发性有机物") && !t.contains("VOCs"), "{t}");
    }
}

#[test]
fn the_default_method_follows_the_year() {
    for (year, want) in [
        (Some(2017), Method::Total2011),
        (Some(2020), Method::Total2011),
        (Some(2021), Method::KeyProjects2021),
        (Some(2026), Method::KeyProjects2021),
        (None, Method::KeyProjects2021),
    ] {
        let mut v = json!({ "format": "jianpai/1", "projects": [] });
        if let Some(y) = year {
            v["year"] = json!(y);
        }
        assert_eq!(report(&v).method.id, want, "{year:?}");
    }
    // A file of 2017 may choose the 2021 method; it then words the 2021 paragraph.
    let v = json!({ "format": "jianpai/1", "year": 2017, "settings": { "method": "2021" },
        "projects": [ { "id": "a", "measure": { "type": "measured",
            "before": { "cod_t": 10 }, "after": { "cod_t": 2.25 } } } ] });
    // 10 − 2.25 = 7.75 → 7.8 (half up).
    assert_eq!(
        report(&v).bulletin.zh,
        "2017年，全县实施主要污染物重点减排工程1项，形成化学需氧量重点工程减排量7.8吨。"
    );
    assert_eq!(
        report(&v).bulletin.en,
        "In 2017 the county implemented 1 key emission-reduction project, with key-project reductions of 7.8 t of COD."
    );
}

#[test]
fn an_unknown_method_or_order_is_an_error_naming_the_setting() {
    for (settings, field) in [
        (json!({ "method": "2016" }), "settings.method"),
        (json!({ "method": 2021 }), "settings.method"),
        (
            json!({ "bulletin_order": "so2_first" }),
            "settings.bulletin_order",
        ),
        (json!({ "bulletin_so2": "yes" }), "settings.bulletin_so2"),
    ] {
        let v =
            json!({ "format": "jianpai/1", "year": 2026, "settings": settings, "projects": [] });
        let errs = load(&v.to_string()).expect_err("an error");
        assert!(
            errs.iter().any(|e| e.field.as_deref() == Some(field)),
            "{field}: {errs:?}"
        );
    }
}

#[test]
fn saving_keeps_what_the_file_says_about_the_method() {
    for settings in [
        json!({}),
        json!({ "method": "2011" }),
        json!({ "method": "2021", "bulletin_order": "nox_first", "bulletin_so2": true }),
    ] {
        let v = register_2026(settings.clone());
        let back: Value = serde_json::from_str(&load(&v.to_string()).unwrap().to_json()).unwrap();
        assert_eq!(back["settings"], settings);
    }
}

#[test]
fn the_register_sets_and_clears_the_method() {
    let mut reg = Register::read(&register_2026(json!({}))).unwrap();
    reg.set_field_text("settings.method", "2011").unwrap();
    assert_eq!(reg.field_text("settings.method"), "2011");
    assert_eq!(reg.compute().report.unwrap().method.id, Method::Total2011);
    // By its name in either language too; blank removes it (the year's default again).
    reg.set_field_text("settings.method", "十四五 重点工程减排量（2021）")
        .unwrap();
    assert_eq!(reg.field_text("settings.method"), "2021");
    reg.set_field_text("settings.method", "").unwrap();
    assert_eq!(reg.to_value()["settings"].get("method"), None);
    assert!(reg.set_field_text("settings.method", "2016").is_err());
}

#[test]
fn the_register_sets_the_bulletin_settings_as_the_app_does() {
    let mut reg = Register::read(&register_2026(json!({}))).unwrap();
    reg.set_field_text("settings.bulletin_order", "nox_first")
        .unwrap();
    assert_eq!(reg.settings().bulletin_order(), BulletinOrder::NoxFirst);
    // The SO₂ clause as yes/no: stored as a JSON boolean, blank removes it (its default, no).
    for (typed, want) in [("true", true), ("是", true), ("no", false)] {
        reg.set_field_text("settings.bulletin_so2", typed).unwrap();
        assert_eq!(
            reg.to_value()["settings"]["bulletin_so2"],
            json!(want),
            "{typed}"
        );
        assert_eq!(reg.settings().bulletin_so2(), want, "{typed}");
    }
    reg.set_field_text("settings.bulletin_so2", "").unwrap();
    assert_eq!(reg.to_value()["settings"].get("bulletin_so2"), None);
    // Neither yes nor no changes nothing and says why.
    reg.set_field_text("settings.bulletin_so2", "true").unwrap();
    assert!(reg
        .set_field_text("settings.bulletin_so2", "maybe")
        .is_err());
    assert_eq!(reg.to_value()["settings"]["bulletin_so2"], json!(true));
}

/// `vocs_t` written and read again: the people's CSV (its target, the inputs and the result
/// columns) and the workbook.
#[test]
fn vocs_goes_through_the_peoples_csv_and_the_workbook() {
    let file = register_2026(
        json!({ "method": "2021", "bulletin_order": "nox_first", "bulletin_so2": true }),
    );
    let reg = Register::read(&file).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let csv = people_csv(&reg, lang);
        for path in [
            "[targets.vocs_t]",
            "[before.vocs_t]",
            "[after.vocs_t]",
            "[last_year.vocs_t]",
            "[result.vocs_t]",
            "[total.vocs_t]",
        ] {
            assert!(csv.contains(path), "{lang:?} {path}:\n{csv}");
        }
        // v1: before 120, after 24, credited VOCs 48 t (a whole number shows no decimals).
        let v1 = csv
            .lines()
            .find(|l| l.starts_with("v1,"))
            .expect("v1's row");
        assert!(v1.contains(",120,24,") && v1.contains(",48,"), "{v1}");
        let (back, problems) = import_csv(&csv).expect("reads");
        assert!(problems.is_empty(), "{lang:?}: {problems:?}");
        assert_eq!(back.to_value(), file, "{lang:?}");

        let sheets = read_stored(&xlsx(&reg, lang)).expect("reads");
        let (csv, _) = csv_from_sheets(&sheets).expect("a register sheet");
        let (back, problems) = import_csv(&csv).expect("imports");
        assert!(problems.is_empty(), "{lang:?}: {problems:?}");
        assert_eq!(back.to_value(), file, "{lang:?}");
    }
}
