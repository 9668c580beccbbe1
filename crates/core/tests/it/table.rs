//! The register as a spreadsheet for people: export in either language then import gives the same
//! register; problems are named by row and column; quoted cells survive; templates import.

use jianpai_core::register::Register;
use jianpai_core::table::{import_csv, people_csv, template, Problem};
use jianpai_core::{Lang, MeasureType, SAMPLE_FILE};
use serde_json::{json, Value};

fn sample() -> Register {
    Register::read(&serde_json::from_str::<Value>(SAMPLE_FILE).unwrap()).unwrap()
}

/// The rows of a CSV without the BOM (no quoted line breaks in these).
fn lines(csv: &str) -> Vec<&str> {
    csv.trim_start_matches('\u{feff}').split("\r\n").collect()
}

#[test]
fn the_sample_exported_in_either_language_imports_as_the_same_register() {
    for lang in [Lang::Zh, Lang::En] {
        let csv = people_csv(&sample(), lang);
        let (back, problems) = import_csv(&csv).expect("reads");
        assert!(problems.is_empty(), "{lang:?}: {problems:?}");
        assert_eq!(back.to_value(), sample().to_value(), "{lang:?}");
    }
}

#[test]
fn the_export_is_in_the_language_with_rounded_results_and_blanks() {
    let csv = people_csv(&sample(), Lang::Zh);
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    let rows = lines(&csv);
    assert!(rows.contains(&"地区 [region],示例县"), "file block: region");
    assert!(rows.contains(&"年度 [year],2026"));
    assert!(rows
        .iter()
        .any(|r| r.starts_with("目标 COD (吨) [targets.cod_t],1000")));
    let header = rows
        .iter()
        .find(|r| r.starts_with("编号 [id],"))
        .expect("header row");
    let cols: Vec<&str> = header.split(',').collect();
    assert!(cols.contains(&"设计处理规模 (m³/d) [flow_m3_per_day]"));
    assert!(cols.contains(&"措施类型 [type]"));
    let col = |name: &str| cols.iter().position(|c| *c == name).unwrap();
    let p01: Vec<&str> = rows
        .iter()
        .find(|r| r.starts_with("p01,"))
        .unwrap()
        .split(',')
        .collect();
    assert_eq!(p01[col("措施类型 [type]")], "污水处理", "type in Chinese");
    assert_eq!(p01[col("类别 [category]")], "工程减排");
    assert_eq!(p01[col("设计处理规模 (m³/d) [flow_m3_per_day]")], "10000");
    // By hand: 10000 m³/d × 0.8 × 365 d × (250 − 50) mg/L / 10⁶ = 584 t a year, 6 of 12 months
    // credited (from July) = 292 t; NH₃-N 10000 × 0.8 × 365 × 25 / 10⁶ = 73 t → 36.5 t, shown
    // as the page shows it with two decimals.
    assert_eq!(p01[col("计入 COD (吨) [result.cod_t]")], "292");
    assert_eq!(p01[col("计入 NH₃-N (吨) [result.nh3n_t]")], "36.50");
    assert_eq!(
        p01[col("计入 SO₂ (吨) [result.so2_t]")],
        "",
        "not applicable: blank"
    );
    // A field not given is blank, not 0 (p01 has no `upgrade`).
    let upgrade = cols.iter().position(|c| c.ends_with("[upgrade]")).unwrap();
    assert_eq!(p01[upgrade], "");
    assert_eq!(p01[col("起始月份 [start_month]")], "7");
}

#[test]
fn results_are_rounded_to_two_decimals() {
    // By hand: 1000 × 1 × 365 × (33.333 − 0) / 10⁶ = 12.166545 t → 12.17.
    let reg = Register::read(&json!({"format": "jianpai/1", "projects": [
        {"id": "a", "measure": {"type": "wastewater", "flow_m3_per_day": 1000, "load_rate": 1,
         "days": 365, "cod_before_mg_l": 33.333, "cod_after_mg_l": 0}}]}))
    .unwrap();
    let csv = people_csv(&reg, Lang::En);
    let rows = lines(&csv);
    let header: Vec<&str> = rows
        .iter()
        .find(|r| r.starts_with("ID [id],"))
        .unwrap()
        .split(',')
        .collect();
    let a: Vec<&str> = rows
        .iter()
        .find(|r| r.starts_with("a,"))
        .unwrap()
        .split(',')
        .collect();
    let c = header
        .iter()
        .position(|h| h.ends_with("[result.cod_t]"))
        .unwrap();
    assert_eq!(a[c], "12.17");
    let f = header
        .iter()
        .position(|h| h.ends_with("[cod_before_mg_l]"))
        .unwrap();
    assert_eq!(a[f], "33.333", "inputs exactly as saved");
}

#[test]
fn a_bad_number_is_named_by_row_and_column_and_its_text_is_kept() {
    let csv = "id,name,type,flow_m3_per_day,cod_before_mg_l,cod_after_mg_l\r\n\
               a,一厂,wastewater,\"1,000\",250,50\r\n\
               b,二厂,污水处理,12x,250,50\r\n";
    let (reg, problems) = import_csv(csv).expect("reads");
    assert_eq!(reg.projects.len(), 2, "the bad row is kept");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].row, 3);
    assert_eq!(problems[0].column.as_deref(), Some("flow_m3_per_day"));
    assert_eq!(
        problems[0].message(Lang::Zh),
        "第 3 行，flow_m3_per_day 列：请输入数字"
    );
    assert_eq!(
        problems[0].message(Lang::En),
        "row 3, column flow_m3_per_day: Enter a number"
    );
    assert_eq!(
        reg.projects[0].value()["measure"]["flow_m3_per_day"],
        json!(1000)
    );
    assert_eq!(
        reg.projects[1].value()["measure"]["type"],
        json!("wastewater")
    );
    assert_eq!(
        reg.projects[1].value()["measure"]["flow_m3_per_day"],
        json!("12x")
    );
    assert!(reg.projects[1].read.is_err(), "the register marks it too");
}

#[test]
fn unknown_columns_types_choices_and_missing_ids_are_named() {
    let csv = "id,type,colour,action,pigs\nx,livestock,red,shut,10\n,nope,,,\n";
    let (_, problems) = import_csv(csv).expect("reads");
    let got: Vec<(usize, Option<&str>, &Problem)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), &p.problem))
        .collect();
    assert!(
        got.contains(&(1, Some("colour"), &Problem::UnknownColumn)),
        "{got:?}"
    );
    assert!(got.iter().any(|g| g.0 == 2 && g.1 == Some("action")));
    assert!(got.contains(&(3, Some("id"), &Problem::MissingId)));
    assert!(got
        .iter()
        .any(|g| g.0 == 3 && matches!(g.2, Problem::UnknownType { found } if found == "nope")));
    assert!(import_csv("a,b\n1,2\n").is_err(), "no id column: no table");
    assert!(
        import_csv("id,name\n1,\"open\n").is_err(),
        "an unclosed quote"
    );
}

#[test]
fn quoted_cells_with_commas_quotes_newlines_and_formulas_survive() {
    let name = "甲, \"乙\"\r\n丙";
    let reg = Register::read(
        &json!({"format": "jianpai/1", "title": "=SUM(A1)", "projects": [
        {"id": "q", "name": name, "township": "-镇", "measure": {"type": "desulfurization",
         "coal_t": 1000, "sulfur_pct": 1, "efficiency_after_pct": 90}}]}),
    )
    .unwrap();
    let csv = people_csv(&reg, Lang::Zh);
    assert!(csv.contains("'=SUM(A1)"), "a formula is neutralised");
    let (back, problems) = import_csv(&csv).expect("reads");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back.projects[0].value()["name"], json!(name));
    assert_eq!(back.to_value(), reg.to_value());
}

#[test]
fn every_template_imports_its_example_without_problems() {
    for t in MeasureType::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let csv = template(*t, lang);
            let (reg, problems) = import_csv(&csv).expect("reads");
            assert!(problems.is_empty(), "{t:?}: {problems:?}");
            assert_eq!(reg.projects.len(), 1, "{t:?}: one example");
            assert_eq!(reg.projects[0].type_tag(), t.code());
            assert!(
                reg.projects[0].read.is_ok(),
                "{t:?}: {:?}",
                reg.projects[0].read
            );
        }
    }
    // The template's header is the project file's paths.
    let ww = template(MeasureType::EnergySaving, Lang::Zh);
    assert!(lines(&ww)
        .iter()
        .any(|r| r.starts_with("id,name,enterprise,township,category,type,start_month,saved.")));
}
