//! The register as an Excel workbook: the sheets' cells (header in row 1, names and results
//! first, numbers as numbers, ids as text, the summary's figures) and the round trip through the
//! container and back to the same register.

use jianpai_core::register::Register;
use jianpai_core::table::import_csv;
use jianpai_core::table::workbook::{csv_from_sheets, workbook, xlsx};
use jianpai_core::table::xlsx::{read_stored, Cell};
use jianpai_core::{Lang, SAMPLE_FILE};
use serde_json::{json, Value};

fn by_hand() -> Register {
    // 1000 × 1 × 365 × (33.333 − 0) / 10⁶ = 12.166545 t COD → 12.17; id written with zeros.
    Register::read(&json!({"format": "jianpai/1", "year": 2025,
        "targets": {"cod_t": 100},
        "projects": [
        {"id": "0012", "name": "=城西", "measure": {"type": "wastewater", "flow_m3_per_day": 1000,
         "load_rate": 1, "days": 365, "cod_before_mg_l": 33.333, "cod_after_mg_l": 0}}]}))
    .unwrap()
}

fn head(c: &Cell) -> &str {
    match c {
        Cell::Head(s) => s,
        other => panic!("not a header: {other:?}"),
    }
}

#[test]
fn the_register_sheet_has_its_header_in_row_1_names_and_results_first_numbers_as_numbers() {
    let sheets = workbook(&by_hand(), Lang::Zh);
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["登记表", "汇总", "文件信息"]);
    let reg = &sheets[0].rows;
    let header: Vec<&str> = reg[0].iter().map(head).collect();
    assert_eq!(header[0], "编号 [id]");
    assert_eq!(header[1], "项目名称 [name]");
    assert_eq!(header[2], "计入 COD (吨) [result.cod_t]", "{header:?}");
    // Only COD is credited: no blank SO2 column in the workbook.
    assert!(
        !header.iter().any(|h| h.ends_with("[result.so2_t]")),
        "{header:?}"
    );
    let col = |end: &str| header.iter().position(|h| h.ends_with(end)).unwrap();
    assert_eq!(reg[1][0], Cell::Text("0012".into()), "an id stays text");
    assert_eq!(
        reg[1][1],
        Cell::Text("=城西".into()),
        "text, not a formula, no apostrophe"
    );
    assert_eq!(reg[1][2], Cell::Number("12.17".into()));
    assert_eq!(
        reg[1][col("[cod_before_mg_l]")],
        Cell::Number("33.333".into())
    );
    assert!(matches!(&reg[1][col("[type]")], Cell::Text(_)));
}

#[test]
fn the_summary_sheet_has_totals_targets_progress_and_the_bulletin() {
    let sheets = workbook(&by_hand(), Lang::En);
    let rows = &sheets[1].rows;
    assert_eq!(sheets[1].name, "Summary");
    let cod = rows
        .iter()
        .find(|r| r.first() == Some(&Cell::Text("COD".into())))
        .expect("a COD row");
    // 12.166545 t of a 100 t target: 12.2 %.
    assert_eq!(
        cod[1..],
        [
            Cell::Number("12.17".into()),
            Cell::Text("t".into()),
            Cell::Number("100".into()),
            Cell::Number("12.2".into())
        ]
    );
    let bulletin = rows
        .iter()
        .find(|r| r.first() == Some(&Cell::Head("Bulletin paragraph".into())))
        .expect("the bulletin row");
    assert!(
        matches!(&bulletin[1], Cell::Text(t) if t.contains("12.2")),
        "{bulletin:?}"
    );
}

#[test]
fn the_file_sheet_holds_the_file_block() {
    let sheets = workbook(&by_hand(), Lang::En);
    let rows = &sheets[2].rows;
    let row = |path: &str| {
        rows.iter()
            .find(|r| head(&r[0]).ends_with(&format!("[{path}]")))
            .unwrap_or_else(|| panic!("no [{path}] row in {rows:?}"))
    };
    assert_eq!(row("format")[1], Cell::Text("jianpai/1".into()));
    assert_eq!(row("year")[1], Cell::Number("2025".into()));
    assert_eq!(row("targets.cod_t")[1], Cell::Number("100".into()));
}

/// The table tests' register beyond the columns, with a name holding a line break and an
/// Excel-like escape, and one a spreadsheet would run as a formula.
fn sample_beyond_the_columns() -> Value {
    let mut v = crate::table::sample_beyond_the_columns();
    let p = v["projects"].as_array_mut().unwrap();
    p[1]["name"] = json!("  城西污水处理厂 \r\n二期 _x000D_");
    p[2]["name"] = json!("-5");
    v
}

#[test]
fn a_workbook_written_then_read_gives_the_same_file() {
    for file in [
        serde_json::from_str::<Value>(SAMPLE_FILE).unwrap(),
        sample_beyond_the_columns(),
        by_hand().to_value(),
    ] {
        let reg = Register::read(&file).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let sheets = read_stored(&xlsx(&reg, lang)).expect("reads");
            assert_eq!(sheets.len(), 3);
            let (csv, before) = csv_from_sheets(&sheets).expect("a register sheet");
            assert!(before > 3, "the file block comes first: {before}");
            let (back, problems) = import_csv(&csv).expect("imports");
            assert!(problems.is_empty(), "{lang:?}: {problems:?}");
            assert_eq!(back.to_value(), file, "{lang:?}");
        }
    }
}

#[test]
fn a_register_sheet_alone_reads_with_its_rows_numbered_as_on_the_sheet() {
    let sheets = read_stored(&xlsx(&by_hand(), Lang::En)).unwrap();
    let only = vec![sheets[0].clone()];
    let (csv, before) = csv_from_sheets(&only).unwrap();
    assert_eq!(before, 0);
    let (back, problems) = import_csv(&csv).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back.projects.len(), 1);
    assert_eq!(back.projects[0].id(), Some("0012"));
    // No sheet with an id column: none.
    assert_eq!(csv_from_sheets(&sheets[1..]), None);
}

#[test]
fn a_ledger_with_its_own_headers_is_mapped_and_imported() {
    use jianpai_core::table::mapping::{guess, header_row, remap};
    use jianpai_core::table::Problem;
    use jianpai_core::Key;
    let ledger = "2025年减排项目台账,,,\r\n\
        序号,项目名称,责任单位,所在乡镇,措施类型,设计处理规模（m³/d）,负荷率,年运行天数（d）,\
        COD治理前浓度（mg/L）,COD治理后浓度（mg/L）,备注\r\n\
        1,城南污水厂,城投公司,城南街道,污水处理,1000,1,365,250,50,新建\r\n";
    // Without a mapping the import finds no header.
    assert!(import_csv(ledger).is_err());
    let (recs, h) = header_row(ledger).expect("a header row");
    assert_eq!(h, 1, "the title row is not the header");
    let mapping: Vec<Option<&str>> = recs[h].iter().map(|c| guess(c)).collect();
    assert_eq!(
        mapping,
        [
            Some("id"),
            Some("name"),
            Some("enterprise"),
            Some("township"),
            Some("type"),
            Some("flow_m3_per_day"),
            Some("load_rate"),
            Some("days"),
            Some("cod_before_mg_l"),
            Some("cod_after_mg_l"),
            None
        ]
    );
    let (reg, problems) = import_csv(&remap(&recs, h, &mapping)).expect("imports");
    assert_eq!(reg.projects.len(), 1);
    let p = reg.projects[0].value();
    assert_eq!(p["id"], json!("1"));
    assert_eq!(p["enterprise"], json!("城投公司"));
    assert_eq!(p["measure"]["type"], json!("wastewater"));
    // The column left unmapped is named, not read.
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].problem, Problem::UnknownColumn);
    assert_eq!(problems[0].column.as_deref(), Some("备注"));
    // By hand: 1,000 m³/d × 1 × 365 d × (250 − 50) mg/L × 1e-6 = 73 t COD.
    let totals = reg.compute().report.expect("computes").totals;
    assert!(
        (totals[Key::Cod] - 73.0).abs() < 1e-9,
        "{}",
        totals[Key::Cod]
    );
}

#[test]
fn a_ledger_workbook_is_laid_out_for_the_mapping() {
    use jianpai_core::table::mapping::{guess, header_row, remap};
    use jianpai_core::table::workbook::ledger_csv;
    use jianpai_core::table::xlsx::{write, Sheet};
    use jianpai_core::Key;
    let text = |s: &str| Cell::Text(s.to_owned());
    let number = |s: &str| Cell::Number(s.to_owned());
    // A planner's own workbook: an empty first sheet, then the ledger under a title row; no
    // `id` column, so it is not the app's workbook.
    let book = write(&[
        Sheet {
            name: "说明".into(),
            rows: vec![vec![text("见台账")]],
            freeze_header: false,
        },
        Sheet {
            name: "台账".into(),
            rows: vec![
                vec![text("2026年减排项目台账")],
                vec![
                    text("项目编号"),
                    text("项目名称"),
                    text("所在乡镇"),
                    text("类型"),
                    text("设计处理规模（m³/d）"),
                    text("COD治理前浓度（mg/L）"),
                    text("COD治理后浓度（mg/L）"),
                ],
                vec![
                    text("L01"),
                    text("城南污水厂"),
                    text("城南街道"),
                    text("污水处理"),
                    number("2000"),
                    number("300"),
                    number("50"),
                ],
            ],
            freeze_header: false,
        },
    ]);
    let sheets = read_stored(&book).expect("reads");
    assert_eq!(csv_from_sheets(&sheets), None, "not the app's workbook");
    let csv = ledger_csv(&sheets).expect("a table");
    let (recs, h) = header_row(&csv).expect("a header row");
    // The first sheet has no row of two cells; the ledger's title row is not its header.
    assert_eq!(h, 1);
    let mapping: Vec<Option<&str>> = recs[h].iter().map(|c| guess(c)).collect();
    assert_eq!(
        mapping,
        [
            Some("id"),
            Some("name"),
            Some("township"),
            Some("type"),
            Some("flow_m3_per_day"),
            Some("cod_before_mg_l"),
            Some("cod_after_mg_l")
        ]
    );
    let (reg, problems) = import_csv(&remap(&recs, h, &mapping)).expect("imports");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(reg.projects[0].id(), Some("L01"));
    // By hand: 2,000 m³/d × 1 (load) × 365 d × (300 − 50) mg/L × 1e-6 = 182.5 t COD.
    let totals = reg.compute().report.expect("computes").totals;
    assert!(
        (totals[Key::Cod] - 182.5).abs() < 1e-9,
        "{}",
        totals[Key::Cod]
    );
    // A workbook with no table at all gives none.
    let empty = read_stored(&write(&[Sheet {
        name: "空".into(),
        rows: vec![vec![text("只有一格")]],
        freeze_header: false,
    }]))
    .expect("reads");
    assert_eq!(ledger_csv(&empty), None);
}
