//! The register as a spreadsheet for people: export in either language then import gives the same
//! register; problems are named by row and column; quoted cells survive; templates import.

use jianpai_core::register::Register;
use jianpai_core::table::{import_csv, import_csv_beside, people_csv, template, Problem};
use jianpai_core::{Key, Lang, MeasureType, SAMPLE_FILE};
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
    assert!(cols.contains(&"设计处理规模 (m3/d) [flow_m3_per_day]"));
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
    assert_eq!(p01[col("设计处理规模 (m3/d) [flow_m3_per_day]")], "10000");
    // By hand: 10000 m³/d × 0.8 × 365 d × (250 − 50) mg/L / 10⁶ = 584 t a year, 6 of 12 months
    // credited (from July) = 292 t; NH₃-N 10000 × 0.8 × 365 × 25 / 10⁶ = 73 t → 36.5 t, shown
    // as the page shows it with two decimals.
    assert_eq!(p01[col("计入 COD (吨) [result.cod_t]")], "292");
    assert_eq!(p01[col("计入 NH3-N (吨) [result.nh3n_t]")], "36.50");
    assert_eq!(
        p01[col("计入 SO2 (吨) [result.so2_t]")],
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

/// The sample as a user's file may hold it beyond the columns: p04's own coefficient override (a
/// measured sulfur conversion), fields the format does not declare (on the file, a project and a
/// measure), names with spaces around them, a value of the wrong kind, an id a spreadsheet would
/// shorten and one starting with `#`.
pub fn sample_beyond_the_columns() -> Value {
    let mut v: Value = serde_json::from_str(SAMPLE_FILE).unwrap();
    v["zz_file"] = json!({"a": [1, "x"], "empty": {}});
    let p = v["projects"].as_array_mut().unwrap();
    p[3]["overrides"] = json!({"so2.sulfur_conversion": {"value": 0.85, "note": "电厂锅炉实测"}});
    p[0]["zz_proj"] = json!({"k": 1});
    p[0]["measure"]["zz_meas"] = json!("甲");
    p[1]["name"] = json!("  城西污水处理厂 ");
    p[1]["township"] = json!("\u{3000}城西街道");
    p[2]["enterprise"] = json!(12);
    p[4]["id"] = json!("0012");
    p[5]["id"] = json!("330102199001011234");
    p[6]["id"] = json!("#7");
    v
}

fn so2(reg: &Register) -> f64 {
    reg.compute().report.expect("computes").totals[Key::So2]
}

#[test]
fn export_then_import_loses_nothing_overrides_undeclared_fields_and_spaces_included() {
    let file = sample_beyond_the_columns();
    let reg = Register::read(&file).unwrap();
    // The probe's figures: the sample with p04's override credits 636.59 t SO₂ (626.93 t
    // without it, as the import used to give).
    assert_eq!(format!("{:.2}", so2(&reg)), "636.59");
    for lang in [Lang::Zh, Lang::En] {
        let csv = people_csv(&reg, lang);
        let (back, problems) = import_csv(&csv).expect("reads");
        assert!(problems.is_empty(), "{lang:?}: {problems:?}");
        assert_eq!(back.to_value(), file, "{lang:?}: the same file");
        assert_eq!(format!("{:.2}", so2(&back)), "636.59", "{lang:?}");
        // The names keep their spaces in their own cells (not only in the JSON column).
        assert!(csv.contains(",  城西污水处理厂 ,"), "{lang:?}");
        assert!(csv.contains("'0012,") && csv.contains("'330102199001011234,"));
    }
    // Without anything beyond the columns the table has no JSON column.
    assert!(!people_csv(&sample(), Lang::Zh).contains("[json]"));
}

#[test]
fn cells_past_the_header_are_named_with_their_row_and_column() {
    let csv = "id,name,type\r\na,一厂,wastewater,,\r\nb,二厂,wastewater,多余1,多余2,=1+1,,\r\n";
    let (reg, problems) = import_csv(csv).expect("reads");
    assert_eq!(reg.projects.len(), 2);
    assert_eq!(
        problems.len(),
        1,
        "empty padding is no problem: {problems:?}"
    );
    assert_eq!(problems[0].row, 3);
    assert_eq!(
        problems[0].problem,
        Problem::ExtraCells {
            first: 4,
            cells: vec!["多余1".into(), "多余2".into(), "=1+1".into()]
        }
    );
    assert_eq!(
        problems[0].message(Lang::Zh),
        "第 3 行：第 D 列起的 3 个单元格没有列名（多余1 / 多余2 / =1+1），未导入"
    );
    assert_eq!(
        problems[0].message(Lang::En),
        "row 3: 3 cells from column D have no column name (多余1 / 多余2 / =1+1); not imported"
    );
}

#[test]
fn a_json_cell_that_is_not_an_object_is_named() {
    let csv = "id,type,json\r\na,wastewater,[1]\r\n";
    let (_, problems) = import_csv(csv).expect("reads");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].message(Lang::En),
        "row 2, column json: not a JSON object {…}; this cell is not imported"
    );
}

#[test]
fn texts_a_spreadsheet_changed_are_warned_with_row_and_column() {
    // LibreOffice's re-save of an export made before the guard: 18-digit ids in exponent form,
    // `3/4` as a date, `4-Mar`. Each is kept as read and named.
    let csv = "id,name,enterprise,type\r\n\
               3.30102199001011E+017,一厂,9.13301001234568E+017,wastewater\r\n\
               b,03/04/26,,wastewater\r\nc,4-Mar,,wastewater\r\nd,普通 3/4 号,,wastewater\r\n\
               e,2020-2025,,wastewater\r\nf,3/4,,wastewater\r\ng,3月4日,,wastewater\r\n";
    let (reg, problems) = import_csv(csv).expect("reads");
    assert_eq!(reg.projects.len(), 7);
    let got: Vec<(usize, Option<&str>, String)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.message(Lang::En)))
        .collect();
    // Not a date a spreadsheet wrote: a span of years, or 3/4 as typed.
    assert_eq!(got.len(), 5, "{got:?}");
    assert_eq!((got[0].0, got[0].1), (2, Some("id")));
    assert!(got[0].2.contains("exponent form"), "{got:?}");
    assert_eq!((got[1].0, got[1].1), (2, Some("enterprise")));
    assert_eq!((got[2].0, got[2].1), (3, Some("name")));
    assert!(got[2].2.contains("looks like a date"), "{got:?}");
    assert_eq!((got[3].0, got[3].1), (4, Some("name")));
    assert_eq!((got[4].0, got[4].1), (8, Some("name")));
    assert!(problems[0].message(Lang::Zh).contains("科学计数法"));
}

/// `text` saved as GBK by Python's codec (as Excel or WPS on Chinese Windows save a "CSV (逗号分
/// 隔)": no BOM; `replace` writes `?` for a character GBK lacks, as they do) and read back.
fn through_gbk(text: &str, errors: &str) -> Result<String, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let script = format!(
        "import sys; t = sys.stdin.buffer.read().decode('utf-8-sig'); \
         b = t.encode('gbk', errors='{errors}'); sys.stdout.buffer.write(b.decode('gbk').encode('utf-8'))"
    );
    let mut child = Command::new("python3")
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    match out.status.success() {
        true => Ok(String::from_utf8(out.stdout).unwrap()),
        false => Err(String::from_utf8_lossy(&out.stderr).into_owned()),
    }
}

#[test]
fn the_export_saved_as_gbk_imports_as_the_same_register() {
    let file = sample_beyond_the_columns();
    let reg = Register::read(&file).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let csv = people_csv(&reg, lang);
        // Every character the table writes has a GBK code: strict encoding succeeds.
        let gbk = through_gbk(&csv, "strict").unwrap_or_else(|e| panic!("{lang:?}: {e}"));
        let (back, problems) = import_csv(&gbk).expect("reads");
        assert!(problems.is_empty(), "{lang:?}: {problems:?}");
        assert_eq!(back.to_value(), file, "{lang:?}");
    }
    let zh = people_csv(&reg, Lang::Zh);
    assert!(
        zh.contains("自稳定运行（关停）当月起算：13 - 起始月"),
        "ASCII hyphen"
    );
    assert!(zh.contains("计入 SO2 (吨) [result.so2_t]"));
    assert!(zh.contains("计入 NOx (吨) [result.nox_t]"));
}

#[test]
fn every_template_is_within_gbk_and_imports_from_it() {
    for t in MeasureType::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let csv = template(*t, lang);
            let gbk = through_gbk(&csv, "strict").unwrap_or_else(|e| panic!("{t:?} {lang:?}: {e}"));
            let (reg, problems) = import_csv(&gbk).expect("reads");
            assert!(problems.is_empty(), "{t:?}: {problems:?}");
            assert!(reg.projects[0].read.is_ok(), "{t:?}");
        }
    }
}

#[test]
fn an_earlier_export_mangled_by_gbk_still_reads_its_crediting_rule() {
    // What exports before this version wrote (U+2212 in the rule's name, m³ and SO₂ in headers),
    // saved as GBK by a spreadsheet: "13 ? 起始月", "(m?/d)", "SO?".
    let reg = sample();
    for (lang, safe, screen) in [
        (Lang::Zh, "13 - 起始月", "13 − 起始月"),
        (Lang::En, "13 - month", "13 − month"),
    ] {
        let old = people_csv(&reg, lang)
            .replace(safe, screen)
            .replace("m3/d", "m³/d")
            .replace("SO2", "SO₂");
        assert!(
            through_gbk(&old, "strict").is_err(),
            "the old text is not GBK"
        );
        let mangled = through_gbk(&old, "replace").unwrap();
        assert!(mangled.contains("13 ? "), "{lang:?}");
        let (back, problems) = import_csv(&mangled).expect("reads");
        assert!(problems.is_empty(), "{lang:?}: {problems:?}");
        assert_eq!(back.to_value(), reg.to_value(), "{lang:?}");
    }
}

#[test]
fn an_id_that_lost_its_leading_zeros_is_warned_against_the_register_it_came_from() {
    let current = Register::read(&json!({"format": "jianpai/1", "projects": [
        {"id": "0012", "measure": {"type": "livestock", "action": "closure", "pigs": 10}},
        {"id": "7", "measure": {"type": "livestock", "action": "closure", "pigs": 10}}]}))
    .unwrap();
    let csv = "id,type\r\n12,livestock\r\n7,livestock\r\n0012,livestock\r\n13,livestock\r\n";
    let (_, problems) = import_csv_beside(csv, &current).expect("reads");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].row, problems[0].column.as_deref()),
        (2, Some("id"))
    );
    assert_eq!(
        problems[0].message(Lang::Zh),
        "第 2 行，id 列：“12”可能是“0012”被电子表格去掉了前导零，请核对"
    );
    let (_, alone) = import_csv(csv).expect("reads");
    assert!(
        alone.is_empty(),
        "without a register, 12 is just 12: {alone:?}"
    );
}
