//! The five-year view (`plan`, docs/methodology.md §2.5): years' totals added by hand. The project
//! throughout is the WWTP of §8 example 1 at 80 % load: COD 10,000 × 0.8 × 365 × (250 − 50) ×
//! 10⁻⁶ = 584 t/a, NH₃-N 10,000 × 0.8 × 365 × (30 − 5) × 10⁻⁶ = 73 t/a (full year); from July
//! under start_month: 13 − 7 = 6 months, COD 292, NH₃-N 36.5.

use crate::common::assert_close;
use jianpai_core::doc;
use jianpai_core::plan::{plan, Gap, Period, PlanError, PlanYear};
use jianpai_core::{compute, load, Key, Lang};
use serde_json::{json, Value};

fn wwtp(id: &str, start_month: Option<u32>) -> Value {
    let mut p = json!({ "id": id, "measure": { "type": "wastewater", "source": "municipal",
        "flow_m3_per_day": 10000, "load_rate": 0.8, "days": 365, "cod_before_mg_l": 250,
        "cod_after_mg_l": 50, "nh3n_before_mg_l": 30, "nh3n_after_mg_l": 5 } });
    if let Some(m) = start_month {
        p["start_month"] = json!(m);
    }
    p
}

fn year_file(year: i64, projects: Vec<Value>, plan_targets: Value) -> String {
    let mut f = json!({ "format": "jianpai/1", "region": "示例县", "year": year,
        "settings": { "crediting": "start_month" }, "projects": projects });
    if !plan_targets.is_null() {
        f["plan_targets"] = plan_targets;
    }
    f.to_string()
}

fn plan_year(text: &str) -> PlanYear {
    let file = load(text).unwrap_or_else(|e| panic!("load failed: {e:?}"));
    let report = compute(&file).expect("computes");
    PlanYear::new(&report, &file.plan_targets)
}

#[test]
fn two_years_add_up_and_the_gaps_are_worded() {
    // 2024: one WWTP, whole year: COD 584, NH₃-N 73.
    // 2025: one WWTP from July: COD 292, NH₃-N 36.5; five-year targets COD 1,000, NH₃-N 100.
    // Cumulative: COD 584 + 292 = 876, short 1,000 − 876 = 124; NH₃-N 73 + 36.5 = 109.5 ≥ 100: met.
    let y2024 = plan_year(&year_file(2024, vec![wwtp("a", None)], Value::Null));
    let y2025 = plan_year(&year_file(
        2025,
        vec![wwtp("b", Some(7))],
        json!({ "cod_t": 1000, "nh3n_t": 100 }),
    ));
    // Given out of order: the view sorts them.
    let views = plan(&[y2025, y2024]).expect("plan");
    assert_eq!(views.len(), 1);
    let v = &views[0];
    assert_eq!(v.period, Period(14));
    assert_eq!((v.period.first(), v.period.last()), (2021, 2025));
    assert_eq!(
        v.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        [Some(2024), Some(2025)]
    );
    assert_close(v.cumulative[Key::Cod], 876.0, "cumulative COD");
    assert_close(v.cumulative[Key::Nh3n], 109.5, "cumulative NH3-N");
    assert_eq!(v.missing, [2021, 2022, 2023]);
    assert_eq!(v.targets_year, Some(2025));
    assert_eq!(v.gaps.len(), 2);
    assert_close(v.gaps[0].short, 124.0, "COD short");
    assert!(!v.gaps[0].met);
    assert!(v.gaps[1].met);
    assert_eq!(v.gaps[1].short, 0.0);
    assert_eq!(v.gaps[0].sentence(Lang::Zh), "COD 距目标尚差 124.0 吨");
    assert_eq!(
        v.gaps[0].sentence(Lang::En),
        "COD: 124.0 t short of the target"
    );
    assert_eq!(v.gaps[1].sentence(Lang::Zh), "NH₃-N 已完成");
    assert_eq!(v.gaps[1].sentence(Lang::En), "NH₃-N: target met");

    // The document: the table's COD row is 2021–2023 blank, 584, 292, 876, 1,000, 124.
    let d = doc::plan::document(&views, Lang::Zh);
    let text = doc::text::document(&d);
    assert!(text.contains("十四五（2021–2025）"), "{text}");
    assert!(text.contains("COD 距目标尚差 124.0 吨"), "{text}");
    assert!(text.contains("2021、2022、2023 年无登记表"), "{text}");
    assert!(text.contains("五年目标取自 2025 年登记表"), "{text}");
    let t = doc::plan::table(v, Lang::En);
    let cod = t
        .rows
        .iter()
        .find(|r| r.data.contains(&("key", "cod_t".into())))
        .expect("a COD row");
    use jianpai_core::doc::Cell;
    assert_eq!(cod.cells[2..5], [Cell::Blank, Cell::Blank, Cell::Blank]);
    assert_eq!(
        cod.cells[5..],
        [
            Cell::Num(584.0),
            Cell::Num(292.0),
            Cell::Num(876.0),
            Cell::Num(1000.0),
            Cell::Num(124.0)
        ]
    );
    // Every report key has its row, VOCs included.
    assert_eq!(t.rows.len(), Key::ALL.len());
    assert!(t
        .rows
        .iter()
        .any(|r| r.data.contains(&("key", "vocs_t".into()))));
    // The CSV: per year a row, then cumulative, target and short, codes as headers.
    let csv = doc::csv::table(&doc::plan::csv_table(&views));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("period,row,cod_t"), "{csv}");
    assert_eq!(lines.len(), 1 + 2 + 3, "{csv}");
    assert!(
        lines[3].starts_with("十四五,cumulative,876,109.5,"),
        "{csv}"
    );
    assert!(lines[5].starts_with("十四五,short,124,0,"), "{csv}");
}

#[test]
fn the_gap_wording_of_the_issue_and_thousands_in_english() {
    let g = Gap {
        key: Key::Nox,
        target: 1000.0,
        achieved: 866.1,
        short: 1000.0 - 866.1, // 133.9
        met: false,
    };
    assert_eq!(g.sentence(Lang::Zh), "NOₓ 距目标尚差 133.9 吨");
    assert_eq!(g.sentence(Lang::En), "NOₓ: 133.9 t short of the target");
    let big = Gap {
        short: 12_000.0,
        ..g
    };
    assert_eq!(
        big.sentence(Lang::En),
        "NOₓ: 12,000.0 t short of the target"
    );
    assert_eq!(big.sentence(Lang::Zh), "NOₓ 距目标尚差 12000.0 吨");
}

#[test]
fn a_target_exactly_reached_is_met_and_years_split_by_plan() {
    // 2025: COD 584 against a target of 584: met. 2026 (十五五): COD 584, no target given.
    let y2025 = plan_year(&year_file(
        2025,
        vec![wwtp("a", None)],
        json!({ "cod_t": 584 }),
    ));
    let y2026 = plan_year(&year_file(2026, vec![wwtp("a", None)], Value::Null));
    let views = plan(&[y2025, y2026]).expect("plan");
    assert_eq!(views.len(), 2);
    assert!(views[0].gaps[0].met);
    assert_eq!(views[0].missing, [2021, 2022, 2023, 2024]);
    assert_eq!(views[1].period.name(Lang::Zh), "十五五");
    assert!(views[1].gaps.is_empty());
    assert!(
        views[1].missing.is_empty(),
        "the later years are not yet due"
    );
    assert_close(views[1].cumulative[Key::Cod], 584.0, "2026 alone");
    let text = doc::text::document(&doc::plan::document(&views, Lang::En));
    assert!(text.contains("COD: target met"), "{text}");
    assert!(
        text.contains("No five-year targets given (plan_targets)."),
        "{text}"
    );
}

#[test]
fn targets_come_from_the_latest_register_that_gives_them() {
    let a = plan_year(&year_file(
        2022,
        vec![wwtp("a", None)],
        json!({ "cod_t": 2000 }),
    ));
    let b = plan_year(&year_file(
        2023,
        vec![wwtp("a", None)],
        json!({ "cod_t": 3000 }),
    ));
    let c = plan_year(&year_file(2024, vec![wwtp("a", None)], Value::Null));
    let v = &plan(&[a, b, c]).expect("plan")[0];
    assert_eq!(v.targets_year, Some(2023));
    // 3 × 584 = 1,752; 3,000 − 1,752 = 1,248.
    assert_close(v.gaps[0].short, 1248.0, "short");
    assert_eq!(v.missing, [2021]);
}

#[test]
fn a_register_without_a_year_and_two_of_one_year_are_refused() {
    let no_year = {
        let file = load(r#"{"format":"jianpai/1","title":"无年份","projects":[]}"#).unwrap();
        PlanYear::new(&compute(&file).unwrap(), &file.plan_targets)
    };
    let y = plan_year(&year_file(2025, vec![], Value::Null));
    let e = plan(&[y.clone(), no_year]).unwrap_err();
    assert_eq!(
        e,
        PlanError::NoYear {
            index: 1,
            title: "无年份".into()
        }
    );
    assert_eq!(
        e.message(Lang::Zh),
        "第 2 个登记表（无年份）没有年份（year），无法归入五年规划"
    );
    let e = plan(&[y.clone(), y]).unwrap_err();
    assert_eq!(e, PlanError::SameYear { year: 2025 });
    assert_eq!(
        e.message(Lang::En),
        "two registers of 2025: one register per year"
    );
    assert_eq!(plan(&[]).unwrap_err(), PlanError::Empty);
}

#[test]
fn plan_targets_are_read_checked_and_written_back() {
    let text = year_file(2025, vec![], json!({ "nox_t": 900.5, "x_note": "kept" }));
    let file = load(&text).expect("loads");
    assert_eq!(file.plan_targets.get(Key::Nox), Some(900.5));
    let back: Value = serde_json::from_str(&file.to_json()).unwrap();
    assert_eq!(
        back["plan_targets"],
        json!({ "nox_t": 900.5, "x_note": "kept" })
    );
    // A negative five-year target is refused at its field, with its label.
    let bad = year_file(2025, vec![], json!({ "cod_t": -5 }));
    let errs = load(&bad).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field.as_deref(), Some("plan_targets.cod_t"));
    let msg = errs[0].message(Lang::Zh);
    assert!(msg.contains("COD 五年目标"), "{msg}");
    assert!(msg.contains("不能为负数"), "{msg}");
}

#[test]
fn next_years_register_carries_the_projects_credited_part_of_this_year() {
    use jianpai_core::plan::next_year;
    use jianpai_core::register::Register;
    // 2026 under start_month: a from July (13 − 7 = 6 months), b the whole year, c carried in
    // from 2025 (start_year 2025, from July: 12 − 6 = 6 months this year), d from January
    // (13 − 1 = 12 months), e does not read.
    let mut c = wwtp("c", Some(7));
    c["start_year"] = json!(2025);
    let text =
        json!({ "format": "jianpai/1", "title": "示例县 2026 年减排项目", "region": "示例县",
        "year": 2026, "settings": { "crediting": "start_month" }, "targets": { "cod_t": 500 },
        "plan_targets": { "cod_t": 5000 },
        "projects": [wwtp("a", Some(7)), wwtp("b", None), c, wwtp("d", Some(1)),
            { "id": "e", "start_month": 3, "measure": { "type": "no_such_type" } }] })
        .to_string();
    let this = Register::from_bytes(text.as_bytes()).unwrap();
    let next = next_year(&this).expect("a year");
    assert_eq!(next.carried, ["a"]);
    let head = next.register.head();
    assert_eq!(head["year"], 2027);
    assert_eq!(head["title"], "示例县 2027 年减排项目");
    assert_eq!(head["region"], "示例县");
    assert_eq!(head["targets"], json!({ "cod_t": 500 }));
    assert_eq!(head["plan_targets"], json!({ "cod_t": 5000 }));
    assert_eq!(head["settings"], json!({ "crediting": "start_month" }));
    assert_eq!(next.register.projects.len(), 1);
    assert_eq!(next.register.projects[0].value()["start_year"], 2026);
    assert_eq!(next.register.projects[0].value()["start_month"], 7);
    // 2027 credits a the 12 − 6 = 6 months 2026 did not: COD 584 × 6 ÷ 12 = 292.
    let r = next.register.full_report().expect("computes");
    assert_close(r.totals[Key::Cod], 292.0, "2027 COD");
    // Without a year there is no next year.
    let none = Register::from_bytes(br#"{"format":"jianpai/1","projects":[]}"#).unwrap();
    assert!(matches!(next_year(&none), Err(PlanError::NoYear { .. })));
}
