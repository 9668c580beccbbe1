//! Offsets deducted (docs/methodology.md §2.4) and the carry-over of a project that started last
//! year (翘尾, §2.3), worked by hand. The project throughout is the WWTP of §8 example 1 at 80 %
//! load: COD 10,000 × 0.8 × 365 × (250 − 50) × 10⁻⁶ = 584 t/a, NH₃-N 10,000 × 0.8 × 365 ×
//! (30 − 5) × 10⁻⁶ = 73 t/a (full year). Expected values are that arithmetic, never copied from the
//! program's output.

use crate::common;
use common::{assert_close, report};
use jianpai_core::{compute, load, Key, Lang};
use serde_json::{json, Value};

const COD: f64 = 10_000.0 * 0.8 * 365.0 * (250.0 - 50.0) * 1e-6; // 584
const NH3N: f64 = 10_000.0 * 0.8 * 365.0 * (30.0 - 5.0) * 1e-6; // 73

fn wwtp() -> Value {
    json!({ "type": "wastewater", "source": "municipal", "flow_m3_per_day": 10000, "load_rate": 0.8,
            "days": 365, "cod_before_mg_l": 250, "cod_after_mg_l": 50,
            "nh3n_before_mg_l": 30, "nh3n_after_mg_l": 5 })
}

/// A 2026 file under `crediting` with the given projects.
fn file(crediting: &str, projects: Vec<Value>) -> String {
    json!({ "format": "jianpai/1", "year": 2026, "settings": { "crediting": crediting },
            "projects": projects })
    .to_string()
}

fn project(id: &str, extra: Value) -> Value {
    let mut p = json!({ "id": id, "measure": wwtp() });
    for (k, v) in extra.as_object().unwrap() {
        p[k] = v.clone();
    }
    p
}

fn json_of(text: &str) -> Value {
    serde_json::to_value(report(text)).unwrap()
}

// ---- offsets ---------------------------------------------------------------------------------

#[test]
fn the_net_is_credited_minus_offset_and_the_totals_are_net() {
    // Project a: start month 7 under start_month: 13 − 7 = 6 months; COD 584 × 6 ÷ 12 = 292,
    // NH₃-N 73 × 6 ÷ 12 = 36.5; offset COD 100 → net 192; NH₃-N no offset → net 36.5.
    // Project b: whole year, no offset: 584 and 73.
    let text = file(
        "start_month",
        vec![
            project("a", json!({ "start_month": 7, "offset": { "cod_t": 100 } })),
            project("b", json!({})),
        ],
    );
    let r = report(&text);
    let a = &r.projects[0];
    assert_close(a.credited[Key::Cod], COD * 6.0 / 12.0, "a credited COD");
    assert_close(a.net()[Key::Cod], COD * 6.0 / 12.0 - 100.0, "a net COD"); // 192
    assert_close(a.net()[Key::Nh3n], NH3N * 6.0 / 12.0, "a net NH3-N"); // 36.5
    assert_close(r.totals[Key::Cod], 192.0 + 584.0, "totals COD net"); // 776
    assert_close(r.totals[Key::Nh3n], 36.5 + 73.0, "totals NH3-N"); // 109.5
    assert_close(
        r.full_year_totals[Key::Cod],
        2.0 * COD,
        "full year unchanged",
    );
    let offsets = r.offsets.expect("offsets listed");
    assert_close(offsets[Key::Cod], 100.0, "offsets COD");
    assert_close(offsets[Key::Nh3n], 0.0, "offsets NH3-N");
    // The groups add the net too, so they sum to the totals.
    let sum: f64 = r.by_category.iter().map(|g| g.credited[Key::Cod]).sum();
    assert_close(sum, 776.0, "groups sum to the totals");
    // The net step ends the COD trail: 292 − 100 = 192.
    let last = a
        .trail
        .iter()
        .rfind(|t| t.output == Key::Cod)
        .expect("COD trail");
    assert_eq!(last.symbols, "N = max(0, R_y − O)");
    assert_eq!(last.substituted, "292 − 100 = 192");
    // JSON: the project with an offset has `offset` and `net`; the other has neither.
    let v = json_of(&text);
    assert_eq!(v["offsets"]["cod_t"], json!(100.0));
    assert_eq!(v["projects"][0]["offset"]["cod_t"], json!(100.0));
    assert_eq!(v["projects"][0]["net"]["cod_t"], json!(192.0));
    assert!(v["projects"][1].get("offset").is_none());
    assert!(v["projects"][1].get("net").is_none());
}

#[test]
fn a_file_without_offsets_has_no_offset_keys() {
    let v = json_of(&file("start_month", vec![project("a", json!({}))]));
    assert!(v.get("offsets").is_none());
    assert!(v["projects"][0].get("offset").is_none());
    assert!(v["projects"][0].get("net").is_none());
}

#[test]
fn an_offset_above_the_full_year_is_an_error_naming_the_field() {
    // 600 > 584 (the full-year COD).
    let text = file(
        "start_month",
        vec![project("a", json!({ "offset": { "cod_t": 600 } }))],
    );
    let errs = compute(&load(&text).unwrap()).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].field.as_deref(), Some("offset.cod_t"));
    assert_eq!(errs[0].project.as_deref(), Some("a"));
    let zh = errs[0].message(Lang::Zh);
    assert!(zh.contains("COD用于区域削减的减排量"), "{zh}");
    assert!(zh.contains("584"), "{zh}");
    assert!(errs[0].message(Lang::En).contains("COD used as offset"));
}

#[test]
fn an_offset_above_the_credited_amount_nets_to_zero_with_a_warning() {
    // Start month 7: credited COD 292; offset 300 is within the full year (584) but 8 above it.
    let text = file(
        "start_month",
        vec![project(
            "a",
            json!({ "start_month": 7, "offset": { "cod_t": 300 } }),
        )],
    );
    let r = report(&text);
    let a = &r.projects[0];
    assert_eq!(a.net()[Key::Cod], 0.0);
    assert_close(r.totals[Key::Cod], 0.0, "totals COD");
    let w = a
        .warnings
        .iter()
        .find(|w| w.code() == "offset_above_credited")
        .expect("warning");
    assert_eq!(w.field.as_deref(), Some("offset.cod_t"));
    let zh = w.message(Lang::Zh);
    assert!(zh.contains("超出 8"), "{zh}"); // 300 − 292
    assert!(w.message(Lang::En).contains("by 8"));
}

#[test]
fn a_negative_or_non_numeric_offset_is_an_input_error() {
    for (value, code) in [(json!(-1), "negative"), (json!("ten"), "not_a_number")] {
        let text = file(
            "start_month",
            vec![project("a", json!({ "offset": { "nh3n_t": value } }))],
        );
        let errs = load(&text).unwrap_err();
        assert_eq!(errs[0].field.as_deref(), Some("offset.nh3n_t"), "{errs:?}");
        let kind = serde_json::to_value(&errs[0].kind).unwrap();
        assert_eq!(kind["code"], json!(code));
        assert!(errs[0].message(Lang::En).contains("NH₃-N used as offset"));
    }
}

#[test]
fn offsets_and_start_year_survive_a_round_trip() {
    let text = file(
        "start_month",
        vec![project(
            "a",
            json!({ "start_year": 2025, "offset": { "cod_t": 1.5, "kept": "x" } }),
        )],
    );
    let f = load(&text).unwrap();
    let again: Value = serde_json::from_str(&f.to_json()).unwrap();
    let p = &again["projects"][0];
    assert_eq!(p["start_year"], json!(2025));
    assert_eq!(p["offset"], json!({ "cod_t": 1.5, "kept": "x" }));
}

// ---- carry-over --------------------------------------------------------------------------------

/// This year's credited COD of a project that started in 2025, month `m`, under `rule`.
fn carried(rule: &str, extra: Value) -> jianpai_core::ProjectResult {
    let mut r = report(&file(rule, vec![project("a", extra)]));
    r.projects.remove(0)
}

#[test]
fn last_years_project_carries_the_months_last_year_did_not_credit() {
    // (rule, category, start month, months credited last year, months this year = 12 − last).
    let cases = [
        ("start_month", None, Some(7), 13 - 7, 12 - (13 - 7)), // 6 → 6
        ("start_month", None, Some(1), 13 - 1, 0),             // 12 → 0
        ("start_month", None, Some(12), 13 - 12, 11),          // 1 → 11
        ("second_month", Some("engineering"), Some(7), 12 - 7, 7), // 5 → 7
        ("second_month", Some("engineering"), Some(12), 12 - 12, 12), // 0 → 12
        ("second_month", Some("structural"), Some(7), 13 - 7, 6), // 6 → 6
        ("full_year", None, Some(7), 12, 0),
        ("start_month", None, None, 12, 0), // the whole of last year
    ];
    for (rule, category, month, last, this) in cases {
        let mut extra = json!({ "start_year": 2025 });
        if let Some(c) = category {
            extra["category"] = json!(c);
        }
        if let Some(m) = month {
            extra["start_month"] = json!(m);
        }
        let p = carried(rule, extra);
        let what = format!("{rule} {category:?} {month:?}");
        assert_eq!(p.months, this, "{what}");
        assert_close(
            p.credited[Key::Cod],
            COD * f64::from(this) / 12.0,
            &format!("{what} COD"),
        );
        // The trail's credited step shows last year's months and this year's.
        let step = p
            .trail
            .iter()
            .find(|t| t.output == Key::Cod && t.symbols == "R_y = R × (12 − m₀) ÷ 12")
            .unwrap_or_else(|| panic!("{what}: no carry-over step"));
        let input = |s: &str| step.inputs.iter().find(|i| i.symbol == s).unwrap().value;
        assert_eq!(input("m₀"), f64::from(last), "{what}");
        assert_eq!(input("m"), f64::from(this), "{what}");
        assert!(step.formula_zh.contains("翘尾"));
    }
}

#[test]
fn a_project_of_the_year_is_credited_as_before() {
    // start_year = year: 13 − 7 = 6 months, as without start_year.
    let p = carried(
        "start_month",
        json!({ "start_year": 2026, "start_month": 7 }),
    );
    assert_eq!(p.months, 6);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn an_earlier_project_contributes_nothing_and_says_so() {
    let p = carried(
        "start_month",
        json!({ "start_year": 2023, "start_month": 7 }),
    );
    assert_eq!(p.months, 0);
    assert_eq!(p.credited[Key::Cod], 0.0);
    assert_close(p.full_year[Key::Cod], COD, "full year kept");
    let w = p
        .warnings
        .iter()
        .find(|w| w.code() == "credited_in_earlier_years")
        .expect("warning");
    assert_eq!(w.field.as_deref(), Some("start_year"));
    assert!(w.message(Lang::Zh).contains("已于往年全额计入"));
    assert!(w
        .message(Lang::En)
        .contains("fully credited in earlier years"));
}

#[test]
fn a_start_year_after_the_files_year_is_an_error() {
    let text = file(
        "start_month",
        vec![project("a", json!({ "start_year": 2027 }))],
    );
    let errs = compute(&load(&text).unwrap()).unwrap_err();
    assert_eq!(errs[0].field.as_deref(), Some("start_year"));
    assert!(errs[0].message(Lang::Zh).contains("投运年份"));
}

#[test]
fn a_start_year_without_a_file_year_is_not_used_and_warned() {
    let text = json!({ "format": "jianpai/1", "projects": [
        project("a", json!({ "start_year": 2020, "start_month": 7 })) ] })
    .to_string();
    let r = report(&text);
    assert_eq!(r.projects[0].months, 13 - 7);
    assert!(r.projects[0]
        .warnings
        .iter()
        .any(|w| w.code() == "start_year_without_year"));
}

#[test]
fn a_start_year_that_is_not_a_whole_year_is_an_input_error() {
    for v in [json!(2025.5), json!("2025"), json!(1800)] {
        let text = file(
            "start_month",
            vec![project("a", json!({ "start_year": v }))],
        );
        let errs = load(&text).unwrap_err();
        assert_eq!(
            errs[0].field.as_deref(),
            Some("start_year"),
            "{v}: {errs:?}"
        );
    }
}

#[test]
fn a_carried_over_project_with_an_offset() {
    // Started 2025-07 under start_month: 6 months this year, COD 292; offset 92 → net 200.
    let p = carried(
        "start_month",
        json!({ "start_year": 2025, "start_month": 7, "offset": { "cod_t": 92 } }),
    );
    assert_close(p.net()[Key::Cod], COD * 6.0 / 12.0 - 92.0, "net"); // 200
}

// ---- documents and tables ----------------------------------------------------------------------

fn sample_with_offsets() -> Value {
    let mut v: Value = serde_json::from_str(jianpai_core::SAMPLE_FILE).unwrap();
    let last_year = v["year"].as_i64().unwrap() - 1;
    let p = v["projects"].as_array_mut().unwrap();
    // p01 of the sample is a WWTP; 1 t of its COD is offset, and it started the year before.
    p[0]["offset"] = json!({ "cod_t": 1 });
    p[0]["start_year"] = json!(last_year);
    v
}

#[test]
fn offsets_and_start_year_survive_the_peoples_csv_both_ways() {
    use jianpai_core::register::Register;
    use jianpai_core::table::{import_csv, people_csv};
    let file = sample_with_offsets();
    let reg = Register::read(&file).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let csv = people_csv(&reg, lang);
        assert!(
            csv.contains("[json]"),
            "{lang:?}: offsets go in the JSON column"
        );
        let (back, problems) = import_csv(&csv).expect("reads");
        assert!(problems.is_empty(), "{lang:?}: {problems:?}");
        assert_eq!(back.to_value(), file, "{lang:?}: the same file");
    }
}

#[test]
fn the_summary_the_printout_the_csv_and_the_text_report_say_the_offsets() {
    use jianpai_core::doc::county::offsets_sentence;
    // 100 t COD offset (of 292 credited, start month 7), 2.5 t NH₃-N (of 36.5).
    let text = file(
        "start_month",
        vec![
            project(
                "a",
                json!({ "start_month": 7, "offset": { "cod_t": 100, "nh3n_t": 2.5 } }),
            ),
            project("b", json!({})),
        ],
    );
    let r = report(&text);
    assert_eq!(
        offsets_sentence(&r, Lang::Zh).as_deref(),
        Some("其中用于新改扩建项目区域削减的减排量已扣减 COD 100 吨、NH₃-N 2.50 吨。")
    );
    assert_eq!(
        offsets_sentence(&r, Lang::En).as_deref(),
        Some("The reductions used as offsets for new or expanded projects have been deducted: COD 100 t, NH₃-N 2.50 t.")
    );
    let csv = jianpai_core::export::csv(&r, Lang::En);
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    let head: Vec<&str> = rows[0].split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let a: Vec<&str> = rows[1].split(',').collect();
    let total: Vec<&str> = rows[3].split(',').collect();
    assert_eq!(a[col("offset_cod_t")], "100");
    assert_eq!(a[col("net_cod_t")], "192"); // 292 − 100
    assert_eq!(a[col("credited_cod_t")], "292");
    assert_eq!(total[col("offset_cod_t")], "100");
    assert_eq!(total[col("net_cod_t")], "776"); // 192 + 584
    assert_eq!(total[col("credited_cod_t")], "776"); // the totals are net
    let t = jianpai_core::export::text(&r, Lang::Zh);
    assert!(
        t.contains("其中用于新改扩建项目区域削减的减排量已扣减 COD 100 吨"),
        "{t}"
    );
    // A report without offsets has no such columns or sentence.
    let plain = report(&file("start_month", vec![project("b", json!({}))]));
    assert!(offsets_sentence(&plain, Lang::Zh).is_none());
    assert!(!jianpai_core::export::csv(&plain, Lang::En).contains("offset_"));
}

#[test]
fn the_county_report_lists_the_offsets_in_the_register_and_under_the_totals() {
    use jianpai_core::doc::{county, html};
    use jianpai_core::register::Register;
    let reg = Register::read(&sample_with_offsets()).unwrap();
    let rr = reg.compute();
    let o = county::Options {
        lang: Lang::Zh,
        date: "2026-12-02".into(),
        checklist: false,
    };
    let page = html::document(&county::county(&reg, &rr, &o));
    assert!(page.contains("其中用于新改扩建项目区域削减的减排量已扣减 COD 1 吨"));
    assert!(page.contains("其中用于区域削减（已扣减）"));
}

#[test]
fn the_2021_bulletin_says_offsets_were_deducted_only_when_there_are_some() {
    // Project a as above: credited COD 292, offset 100 → net 192; project b: 584 and 73.
    // Net totals: COD 192 + 584 = 776.0 t, NH₃-N 36.5 + 73 = 109.5 t (0.1 t rounding).
    let with = file(
        "start_month",
        vec![
            project("a", json!({ "start_month": 7, "offset": { "cod_t": 100 } })),
            project("b", json!({})),
        ],
    );
    let zh = report(&with).bulletin.zh;
    assert!(zh.contains("776.0吨、109.5吨"), "{zh}");
    assert!(
        zh.contains("（用于新改扩建项目区域削减的减排量已扣减）"),
        "{zh}"
    );
    let en = report(&with).bulletin.en;
    assert!(en.contains("776.0 t of COD"), "{en}");
    assert!(en.to_lowercase().contains("offset"), "{en}");
    // The same projects without the offset: COD 292 + 584 = 876.0 t, and no clause.
    let without = file(
        "start_month",
        vec![
            project("a", json!({ "start_month": 7 })),
            project("b", json!({})),
        ],
    );
    let zh = report(&without).bulletin.zh;
    assert!(zh.contains("876.0吨、109.5吨"), "{zh}");
    assert!(!zh.contains("已扣减"), "{zh}");
}
