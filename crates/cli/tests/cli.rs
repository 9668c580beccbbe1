//! The `jianpai` binary: outputs, exit codes (0 ok, 1 invalid input, 2 usage) and messages.

use std::process::{Command, Output};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/data/sample.json");
const BAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bad.json");
const BROKEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/broken.json");

fn jianpai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jianpai"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn report_json_has_the_contract_keys() {
    let o = jianpai(&["report", SAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    for key in [
        "totals",
        "full_year_totals",
        "projects",
        "bulletin",
        "progress",
        "overrides",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    for key in [
        "cod_t",
        "nh3n_t",
        "so2_t",
        "nox_t",
        "vocs_t",
        "tce",
        "water_t",
        "co2_t",
        "enterprises",
        "equipment",
        "boilers",
    ] {
        assert!(v["totals"][key].is_number(), "totals.{key}");
    }
    let p = &v["projects"][0];
    for key in ["id", "months", "credited", "full_year", "trail", "warnings"] {
        assert!(p.get(key).is_some(), "projects[].{key}");
    }
    assert_eq!(p["id"], "p01");
    assert_eq!(p["months"], 6);
}

#[test]
fn report_csv_and_text() {
    let o = jianpai(&["report", SAMPLE, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let csv = out(&o);
    assert!(csv.starts_with("\u{feff}id,name,type,category,township,months,credited_cod_t"));
    assert_eq!(csv.lines().count(), 24);
    assert!(csv.lines().last().unwrap().starts_with("TOTAL,"));

    let o = jianpai(&["report", SAMPLE, "--format", "text", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0));
    let t = out(&o);
    assert!(t.contains("== 公报段落 =="));
    // The sample is a file of 2026: the 2021 method's paragraph (docs/methodology.md §2.2).
    assert!(t.contains("2026年，全县实施主要污染物重点减排工程22项"));
    assert!(t.contains("co2.per_tce = 2.493"), "overrides listed");
    // Warnings name the field by its label ("替代热源"), not by its path.
    assert!(t.contains("⚠ 替代热源："), "warnings listed");
    assert!(!t.contains("measure."), "no field path in the text report");
}

#[test]
fn check_ok_and_invalid() {
    let o = jianpai(&["check", SAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).contains("ok, 22 projects"));

    let o = jianpai(&["check", BAD]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("project w1, Design capacity: must not be negative (-10)"),
        "{e}"
    );
    assert!(
        e.contains(
            "project s1, Desulfurisation efficiency after: a percentage must be between 0 and 100"
        ),
        "{e}"
    );
    assert!(out(&o).is_empty());

    let o = jianpai(&["check", BAD, "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("项目 w1，设计处理规模：不能为负数"),
        "{}",
        err(&o)
    );

    let o = jianpai(&["report", BROKEN]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("line 4"), "{}", err(&o));
}

#[test]
fn unreadable_file_is_invalid_input() {
    let o = jianpai(&["report", "/nonexistent/file.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("/nonexistent/file.json: cannot read the file"),
        "{}",
        err(&o)
    );
}

#[test]
fn wrong_usage_exits_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["report"],
        &["report", SAMPLE, "--format", "xml"],
        &["report", SAMPLE, "--lang", "fr"],
        &["report", SAMPLE, "--bogus"],
        &["report", SAMPLE, "extra"],
        &["factors", "--format", "csv"],
        &["check", SAMPLE, "--format", "json"],
    ] {
        let o = jianpai(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).contains("usage:"), "{args:?}");
    }
}

#[test]
fn factors_json_and_text() {
    let o = jianpai(&["factors"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    assert!(v["factors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "tce.electricity_equivalent" && f["value"] == 0.1229));

    let o = jianpai(&["factors", "--format", "text"]);
    assert_eq!(o.status.code(), Some(0));
    let t = out(&o);
    assert!(
        t.lines().any(|l| l.starts_with("tce.raw_coal")
            && l.contains("0.7143")
            && l.contains("secondary")),
        "{t}"
    );
    assert!(t
        .lines()
        .any(|l| l.starts_with("co2.per_tce") && l.contains("unverified ⚠")));
}

#[test]
fn factors_cite_each_coefficient_beside_its_source() {
    // The citation of raw coal as written in the library (docs/methodology.md Appendix A).
    let zh =
        "《综合能耗计算通则》（GB/T 2589-2008）附录“各种能源折标准煤参考系数”表，原煤（二手来源）";
    let o = jianpai(&["factors"]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    let raw = v["factors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "tce.raw_coal")
        .unwrap();
    assert_eq!(raw["citation_zh"], zh);
    assert!(raw["source"]
        .as_str()
        .unwrap()
        .contains("statistical-yearbook"));
    // The text table: the citation on the line after the source, in the chosen language; an
    // older library's entry cites as the current entry of the same source.
    for args in [
        &["factors", "--format", "text", "--lang", "zh"][..],
        &[
            "factors",
            "--format",
            "text",
            "--lang",
            "zh",
            "--version",
            "2026.11-2",
        ],
    ] {
        let t = out(&jianpai(args));
        let lines: Vec<&str> = t.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("tce.raw_coal "))
            .expect("raw coal listed");
        assert!(
            lines[at + 1]
                .trim_start()
                .starts_with("来源: GB/T 2589-2008"),
            "{args:?}"
        );
        assert_eq!(lines[at + 2], format!("      引文: {zh}"), "{args:?}");
    }
    let t = out(&jianpai(&["factors", "--format", "text", "--lang", "en"]));
    assert!(
        t.lines().any(|l| l
            == "      citation: This tool's value (0.726 tC/tce × 44/12); no official text found (unverified)"),
        "{t}"
    );
}

/// Writes `bytes` to a file of the test's own under cargo's scratch directory.
fn scratch(name: &str, bytes: &[u8]) -> String {
    let path = format!("{}/{name}", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, bytes).expect("scratch file written");
    path
}

#[test]
fn a_file_with_a_byte_order_mark_reads_as_without() {
    let sample = std::fs::read(SAMPLE).unwrap();
    let path = scratch("bom.json", &[b"\xEF\xBB\xBF", &sample[..]].concat());
    let o = jianpai(&["check", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("ok, 22 projects"), "{}", out(&o));
    let with: serde_json::Value = serde_json::from_str(&out(&jianpai(&["report", &path]))).unwrap();
    let without: serde_json::Value =
        serde_json::from_str(&out(&jianpai(&["report", SAMPLE]))).unwrap();
    assert_eq!(with["totals"], without["totals"]);
}

#[test]
fn a_gbk_file_is_named_not_utf8() {
    // "示例县" in GBK on line 3, as an older editor saves it.
    let path = scratch(
        "gbk.json",
        b"{\n  \"format\": \"jianpai/1\",\n  \"title\": \"\xCA\xBE\xC0\xFD\xCF\xD8\",\n  \"projects\": []\n}\n",
    );
    let o = jianpai(&["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).is_empty());
    let e = err(&o);
    assert!(
        e.starts_with(&format!(
            "{path}: the file is not UTF-8 text (from line 3; probably GBK/GB18030"
        )),
        "{e}"
    );
    assert!(e.contains("Save As → Encoding: UTF-8"), "{e}");
    let o = jianpai(&["report", &path, "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("文件不是 UTF-8 编码（第 3 行起；可能是 GBK/GB18030"),
        "{e}"
    );
    assert!(e.contains("「另存为」→ 编码选「UTF-8」"), "{e}");
}

#[test]
fn a_key_twice_names_the_project_and_field() {
    // The repeated key is on line 4.
    let path = scratch(
        "twice.json",
        br#"{"format": "jianpai/1", "projects": [
  {"id": "p1", "measure": {"type": "wastewater", "flow_m3_per_day": 100, "cod_before_mg_l": 250, "cod_after_mg_l": 50}},
  {"id": "p2", "measure": {"type": "wastewater", "flow_m3_per_day": 100, "cod_before_mg_l": 250,
     "cod_after_mg_l": 50, "cod_before_mg_l": 200}}
]}"#,
    );
    let o = jianpai(&["check", &path]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        err(&o),
        format!("{path}: project p2, field measure.cod_before_mg_l: the key \"cod_before_mg_l\" appears twice in the same object (line 4); remove one of them\n")
    );
    let o = jianpai(&["check", &path, "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("项目 p2，字段 measure.cod_before_mg_l：键 “cod_before_mg_l” 在同一个对象中出现了两次（第 4 行）"),
        "{}",
        err(&o)
    );
}

#[test]
fn syntax_errors_are_in_the_users_language() {
    // broken.json stops after line 3's `[` and its line break: line 4 is empty.
    let o = jianpai(&["check", BROKEN]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        err(&o),
        format!("{BROKEN}: line 4, column 0: the file ends inside a list (a ] is missing)\n")
    );
    let o = jianpai(&["check", BROKEN, "--lang", "zh"]);
    assert_eq!(
        err(&o),
        format!("{BROKEN}: 第 4 行第 0 列：文件在列表结束前中断（缺少 ]）\n")
    );
}

const OVERLAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/overlap.json");

#[test]
fn double_counting_is_reported_by_check_report_json_and_text() {
    // p3 (boiler phase-out) and p7 (fuel switch) at 白沙纺织, 白沙镇: the same coal; p5 elsewhere.
    let o = jianpai(&["check", OVERLAP]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "advisory, not an error: {}",
        err(&o)
    );
    let text = out(&o);
    assert!(text.contains("3 projects, 1 warnings"), "{text}");
    let line = text
        .lines()
        .find(|l| l.contains("double counting"))
        .unwrap_or_else(|| panic!("no overlap line in {text}"));
    assert!(
        line.contains("p3") && line.contains("p7") && !line.contains("p5"),
        "{line}"
    );

    let o = jianpai(&["check", OVERLAP, "--lang", "zh"]);
    assert!(out(&o).contains("可能重复计算：p3 与 p7"), "{}", out(&o));

    let o = jianpai(&["report", OVERLAP]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    let list = v["overlaps"].as_array().expect("overlaps listed");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["projects"], serde_json::json!(["p3", "p7"]));
    assert_eq!(list[0]["rule"], "same_coal");
    assert!(list[0]["message_zh"].as_str().unwrap().contains("p3"));

    let o = jianpai(&["report", OVERLAP, "--format", "text", "--lang", "zh"]);
    let text = out(&o);
    let at = text.find("== 可能重复计算 ==").expect("a section");
    assert!(text[at..].contains("p3 与 p7"), "{text}");

    // The sample has no enterprises: no key, no section.
    let o = jianpai(&["report", SAMPLE]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    assert!(v.get("overlaps").is_none());
}

const ARCHIVED: &str = include_str!("../../core/data/libraries/2026.11-2.json");
const CURRENT: &str = include_str!("../../core/data/factors.json");

/// `id` → value of a library's JSON.
fn values(lib: &str) -> std::collections::BTreeMap<String, f64> {
    let v: serde_json::Value = serde_json::from_str(lib).unwrap();
    v["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_owned(),
                f["value"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// A file made with 2026.11-2: 1000 t of raw coal saved, written under a name of the calling
/// test's own (tests run in parallel: one shared name let a test read another's half-written file).
fn pinned_file(name: &str) -> String {
    let text = r#"{"format": "jianpai/1", "year": 2026, "factor_library": "2026.11-2",
        "projects": [{"id": "c1", "measure": {"type": "energy_saving", "saved": {"coal_t": 1000}}}]}"#;
    scratch(&format!("pinned-{name}.json"), text.as_bytes())
}

#[test]
fn diff_factors_json_against_the_two_libraries_values() {
    let path = pinned_file("diff_factors_json_against_the_two_libraries_values");
    let o = jianpai(&["diff-factors", &path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let d: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    let (old, new) = (values(ARCHIVED), values(CURRENT));
    let current: serde_json::Value = serde_json::from_str(CURRENT).unwrap();
    assert_eq!(d["from"], "2026.11-2");
    assert_eq!(d["to"], current["version"]);
    // Every id whose value differs, is added or removed, is listed (other fields may differ too).
    let mut ids: Vec<&String> = old.keys().chain(new.keys()).collect();
    ids.sort();
    ids.dedup();
    let listed: Vec<&str> = d["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in ids {
        if old.get(id) != new.get(id) {
            assert!(listed.contains(&id.as_str()), "{id} not listed");
        }
    }
    // tce by hand: 1000 t × the raw-coal factor of each library.
    let tce = d["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "tce")
        .unwrap();
    let (o_tce, n_tce) = (1000.0 * old["tce.raw_coal"], 1000.0 * new["tce.raw_coal"]);
    assert!((tce["old"].as_f64().unwrap() - o_tce).abs() < 1e-9, "{tce}");
    assert!((tce["new"].as_f64().unwrap() - n_tce).abs() < 1e-9, "{tce}");
    assert!((tce["delta"].as_f64().unwrap() - (n_tce - o_tce)).abs() < 1e-9);
    assert_eq!(
        d["totals"].as_array().unwrap().len(),
        11,
        "every key of the totals"
    );
}

#[test]
fn diff_factors_text_and_usage() {
    let path = pinned_file("diff_factors_text_and_usage");
    let (old, new) = (values(ARCHIVED), values(CURRENT));
    let o = jianpai(&["diff-factors", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let t = out(&o);
    assert!(t.starts_with("factor library 2026.11-2 → "), "{t}");
    let num = |v: f64| {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    let (o_tce, n_tce) = (1000.0 * old["tce.raw_coal"], 1000.0 * new["tce.raw_coal"]);
    let line = format!("  tce          {} → {}", num(o_tce), num(n_tce));
    assert!(t.contains(&line), "{line:?} not in\n{t}");
    let o = jianpai(&["diff-factors", &path, "--lang", "zh", "--to", "2026.11-2"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).starts_with("系数库 2026.11-2 → 2026.11-2\n系数变化（0 项）"),
        "{}",
        out(&o)
    );

    // An unknown --to is wrong usage; a file recording an unknown library is a problem in the file.
    let o = jianpai(&["diff-factors", &path, "--to", "2099.01-1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("2099.01-1") && err(&o).contains("2026.11-2"),
        "{}",
        err(&o)
    );
    let newer = scratch(
        "newer.json",
        br#"{"format": "jianpai/1", "factor_library": "2099.01-1", "projects": []}"#,
    );
    for cmd in ["diff-factors", "report"] {
        let o = jianpai(&[cmd, &newer]);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        assert!(
            err(&o).contains("factor library \"2099.01-1\""),
            "{}",
            err(&o)
        );
    }
    for args in [
        &["diff-factors"][..],
        &["report", &path, "--to", "2026.11-2"],
        &["factors", "--version"],
    ] {
        assert_eq!(jianpai(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn factors_lists_an_old_library() {
    let o = jianpai(&["factors", "--version", "2026.11-2"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let got: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let want: serde_json::Value = serde_json::from_str(ARCHIVED).unwrap();
    assert_eq!(got, want);
    let o = jianpai(&["factors", "--version", "2099.01-1"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The sample's full-year and credited amounts as `jianpai report` printed them in the release
/// whose library was 2026.11-2 (commit 366b27b, before per-fuel CO₂ and equal-value rows by year):
/// a file that records that library must compute the same numbers in every later build.
const RELEASED: &str = include_str!("data/sample-2026.11-2-release.json");

/// An amounts object without the keys added since that release (`vocs_t`), each checked to be 0:
/// the release's numbers are compared key for key, and an added key changes none of them.
fn released_keys(amounts: &serde_json::Value) -> serde_json::Value {
    let mut m = amounts.as_object().expect("an amounts object").clone();
    assert_eq!(m.remove("vocs_t"), Some(serde_json::json!(0.0)), "vocs_t");
    serde_json::Value::Object(m)
}

#[test]
fn a_file_pinned_to_2026_11_2_computes_as_that_release_did() {
    let released: serde_json::Value = serde_json::from_str(RELEASED).unwrap();
    for basis in ["equivalent", "equal_value"] {
        let mut file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
        file["factor_library"] = "2026.11-2".into();
        without_types_added_since(&mut file);
        file["settings"]["electricity_basis"] = basis.into();
        let path = scratch(&format!("pinned-{basis}.json"), file.to_string().as_bytes());
        let o = jianpai(&["report", &path]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let got: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
        let want = &released[basis];
        assert_eq!(got["factor_library"], "2026.11-2");
        assert_eq!(
            released_keys(&got["totals"]),
            want["totals"],
            "{basis}: totals"
        );
        for p in got["projects"].as_array().unwrap() {
            let id = p["id"].as_str().unwrap();
            for stage in ["full_year", "credited"] {
                assert_eq!(
                    released_keys(&p[stage]),
                    want["projects"][id][stage],
                    "{basis}: {id} {stage}"
                );
            }
        }
    }
}

/// The sample without its projects of the types added since those releases (the VOCs and water
/// measures of issue 18), which the released sample could not have had.
fn without_types_added_since(file: &mut serde_json::Value) {
    let added = [
        "vocs_treatment",
        "vocs_ldar",
        "vocs_oil_vapour",
        "reclaimed_water",
        "rural_sewage",
        "leachate",
    ];
    let projects = file["projects"].as_array_mut().expect("projects");
    projects.retain(|p| !added.iter().any(|t| p["measure"]["type"] == *t));
}

/// The sample's CSV report as the build whose current library was 2026.11-3 printed it (the
/// reviewed snapshot `sample_csv` of commit d013d7f, before the grid factor by year and 口径, gas
/// CO₂ by kind and the Chinese fuel defaults): a file that records 2026.11-3 must print the same.
const RELEASED_2026_11_3: &str = include_str!("data/sample-2026.11-3-release.csv");

#[test]
fn a_file_pinned_to_2026_11_3_computes_as_that_build_did() {
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    file["factor_library"] = "2026.11-3".into();
    without_types_added_since(&mut file);
    let path = scratch("pinned-2026.11-3.json", file.to_string().as_bytes());
    let o = jianpai(&["report", &path, "--format", "csv", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let want: Vec<&str> = RELEASED_2026_11_3.lines().collect();
    assert_eq!(without_vocs_columns(&out(&o)), want);
    // And with a grid series chosen later: the older library has no yearly factors, so the same.
    file["settings"]["grid_co2"] = "fossil".into();
    let path = scratch("pinned-2026.11-3-fossil.json", file.to_string().as_bytes());
    let o = jianpai(&["report", &path, "--format", "csv", "--lang", "zh"]);
    assert_eq!(without_vocs_columns(&out(&o)), want);
}

/// A report CSV without the columns added since that build (`credited_vocs_t`,
/// `full_year_vocs_t`), each checked to hold 0 on every row (the sample has no VOCs).
fn without_vocs_columns(csv: &str) -> Vec<String> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let drop: Vec<usize> = header
        .iter()
        .enumerate()
        .filter(|(_, h)| h.ends_with("_vocs_t"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(drop.len(), 2, "{header:?}");
    let keep = |cells: Vec<&str>, check: bool| -> String {
        cells
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                let dropped = drop.contains(i);
                if dropped && check {
                    assert_eq!(**c, "0", "a VOCs cell");
                }
                !dropped
            })
            .map(|(_, c)| *c)
            .collect::<Vec<_>>()
            .join(",")
    };
    // The sample's names hold no comma, so splitting on commas splits cells.
    std::iter::once(keep(header.clone(), false))
        .chain(lines.map(|l| keep(l.split(',').collect(), true)))
        .collect()
}

#[test]
fn a_flag_takes_its_value_after_an_equals_sign_too() {
    for (spaced, joined) in [
        (
            &["report", SAMPLE, "--format", "csv"][..],
            &["report", SAMPLE, "--format=csv"][..],
        ),
        (
            &["report", SAMPLE, "--format", "text", "--lang", "zh"],
            &["report", SAMPLE, "--format=text", "--lang=zh"],
        ),
        (
            &["factors", "--version", "2026.11-2"],
            &["factors", "--version=2026.11-2"],
        ),
    ] {
        let (a, b) = (jianpai(spaced), jianpai(joined));
        assert_eq!(b.status.code(), Some(0), "{joined:?}: {}", err(&b));
        assert_eq!(out(&a), out(&b), "{joined:?}");
    }
    let o = jianpai(&["report", SAMPLE, "--format=json"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    assert_eq!(v["projects"][0]["id"], "p01");
    let o = jianpai(&["factors", "--version=2026.11-2"]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    assert_eq!(v["version"], "2026.11-2");

    let path = pinned_file("a_flag_takes_its_value_after_an_equals_sign_too");
    let o = jianpai(&["diff-factors", &path, "--to=2026.11-2", "--lang=zh"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).starts_with("系数库 2026.11-2 → 2026.11-2\n"),
        "{}",
        out(&o)
    );
}

#[test]
fn unknown_flags_missing_values_and_repeated_flags() {
    // An unknown option is named as typed, value and all.
    for (args, msg) in [
        (&["report", SAMPLE, "--bogus"][..], "unknown option --bogus"),
        (&["report", SAMPLE, "--bogus=1"], "unknown option --bogus=1"),
        (&["check", SAMPLE, "-x"], "unknown option -x"),
        (&["report", SAMPLE, "--format"], "--format needs a value"),
        (&["factors", "--version"], "--version needs a value"),
        (&["diff-factors", SAMPLE, "--to"], "--to needs a value"),
        (&["report", SAMPLE, "--lang"], "--lang takes zh or en"),
        (&["report", SAMPLE, "--lang=fr"], "--lang takes zh or en"),
        (
            &["report", SAMPLE, "--format="],
            "unknown format  for report (expected json, csv, text, html)",
        ),
    ] {
        let o = jianpai(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(out(&o).is_empty(), "{args:?}");
        assert!(
            err(&o).starts_with(&format!("jianpai: {msg}\nusage:\n  jianpai report FILE")),
            "{args:?}: {}",
            err(&o)
        );
    }
    // Given twice, a flag takes its last value.
    let o = jianpai(&[
        "report",
        SAMPLE,
        "--format",
        "csv",
        "--format=text",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("== Bulletin paragraph =="), "{}", out(&o));
    let o = jianpai(&["check", SAMPLE, "--lang=en", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("：通过，22 个项目"), "{}", out(&o));
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_wrong_usage_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"caf\xE9.json");
    let o = Command::new(env!("CARGO_BIN_EXE_jianpai"))
        .arg("check")
        .arg(bad)
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).starts_with("jianpai: caf\u{FFFD}.json is not UTF-8\nusage:"),
        "{}",
        err(&o)
    );
}

/// Runs the binary and fails the test if it has not finished within `secs` seconds (a read
/// without limit would never finish).
fn jianpai_within(args: &[&str], secs: u64) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jianpai"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().expect("waits").is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("{args:?} still running after {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_device_a_fifo_and_a_file_over_200_mb_are_refused_at_once() {
    let o = jianpai_within(&["check", "/dev/zero"], 10);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("/dev/zero: not a regular file (a device, a pipe or a socket); not read"),
        "{}",
        err(&o)
    );
    let o = jianpai_within(&["report", "/dev/zero", "--lang", "zh"], 10);
    assert!(err(&o).contains("/dev/zero：不是普通文件"), "{}", err(&o));

    let fifo = format!("{}/cli-fifo", env!("CARGO_TARGET_TMPDIR"));
    let _ = std::fs::remove_file(&fifo);
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        // Opening a FIFO for reading would wait for a writer forever.
        let o = jianpai_within(&["check", &fifo], 10);
        assert_eq!(o.status.code(), Some(1));
        assert!(err(&o).contains("not a regular file"), "{}", err(&o));
        std::fs::remove_file(&fifo).ok();
    }

    // 200 MiB + 1 byte, sparse: no disk used.
    let big = format!("{}/cli-big.json", env!("CARGO_TARGET_TMPDIR"));
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(200 * 1024 * 1024 + 1).unwrap();
    let o = jianpai_within(&["check", &big], 10);
    std::fs::remove_file(&big).ok();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("the file is bigger than 200 MB, the most this command reads; not read"),
        "{}",
        err(&o)
    );
}

#[test]
fn control_characters_in_names_reach_the_terminal_escaped() {
    // ESC ]0; … BEL sets a terminal's title, ESC [2J clears it.
    let file = r#"{"format": "jianpai/1", "title": "T\u001b]0;owned\u0007", "projects": [
        {"id": "a\u001b[2J", "name": "厂\u0007", "measure": {"type": "livestock",
         "action": "closure", "pigs": 1000}}]}"#;
    let path = scratch("ansi.json", file.as_bytes());
    for args in [
        vec!["check", path.as_str()],
        vec!["report", path.as_str(), "--format", "text"],
        vec!["report", path.as_str(), "--format", "text", "--lang", "zh"],
    ] {
        let o = jianpai(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
        let t = out(&o);
        assert!(
            !t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{args:?}: a raw control character"
        );
        if args.len() > 2 {
            assert!(t.contains("a\\u{1b}[2J"), "{args:?}: {t}");
            assert!(t.contains("厂\\u{7}"), "{args:?}");
        }
    }
    // A CSV written to a file (not a terminal) is data: kept as it is.
    let o = jianpai(&["report", &path, "--format", "csv"]);
    assert!(out(&o).contains("a\u{1b}[2J"));
    // Messages on stderr are escaped too.
    let bad = scratch(
        "ansi-bad.json",
        br#"{"format": "jianpai/1", "projects": [{"id": "x\u001b[2J", "measure": {"type": "nope"}}]}"#,
    );
    let o = jianpai(&["check", &bad]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("x\\u{1b}[2J"), "{}", err(&o));
    assert!(!err(&o).contains('\u{1b}'));
}

#[test]
fn the_json_report_written_as_computed_is_the_report_byte_for_byte() {
    let overlap = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/overlap.json");
    let empty = scratch(
        "empty-projects.json",
        br#"{"format": "jianpai/1", "projects": []}"#,
    );
    for path in [SAMPLE, overlap, empty.as_str()] {
        let file = jianpai_core::load_bytes(&std::fs::read(path).unwrap()).unwrap();
        let expected =
            serde_json::to_string_pretty(&jianpai_core::compute(&file).unwrap()).unwrap();
        let o = jianpai(&["report", path]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert_eq!(out(&o), expected + "\n", "{path}");
    }
}

#[test]
fn csv_and_json_shown_on_a_terminal_are_escaped_and_json_stays_json() {
    // util-linux `script` (Debian's essential bsdutils) gives the binary a terminal. Its absence
    // fails the test: a skipped check must not count as a pass.
    assert!(
        Command::new("script").arg("--version").output().is_ok(),
        "util-linux `script` is needed to give the CLI a terminal"
    );
    let file = r#"{"format": "jianpai/1", "projects": [{"id": "a\u001b[2J\u009b", "name": "x",
        "measure": {"type": "livestock", "action": "closure", "pigs": 1000}}]}"#;
    let path = scratch("ansi-tty.json", file.as_bytes());
    let on_tty = |args: &str| {
        let cmd = format!("{} {args}", env!("CARGO_BIN_EXE_jianpai"));
        let o = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .output()
            .expect("script runs");
        String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n")
    };
    let csv = on_tty(&format!("report {path} --format csv"));
    assert!(csv.contains("a\\u{1b}[2J\\u{9b},x,"), "{csv}");
    let json = on_tty(&format!("report {path}"));
    assert!(json.contains(r#""id": "a\u001b[2J\u009b""#), "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("still JSON");
    assert_eq!(v["projects"][0]["id"], "a\u{1b}[2J\u{9b}");
    // Not on a terminal, the same CSV keeps the characters: it is data.
    assert!(out(&jianpai(&["report", &path, "--format", "csv"])).contains("a\u{1b}[2J\u{9b},x,"));
}

const ONE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/wastewater.json");

#[test]
fn report_html_is_the_county_report_or_for_one_project_its_estimate() {
    let o = jianpai(&[
        "report",
        SAMPLE,
        "--format",
        "html",
        "--lang",
        "zh",
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let html = out(&o);
    assert!(
        html.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"),
        "{html}"
    );
    // Self-contained: its stylesheet inline, nothing to load, no script.
    assert!(html.contains("<style>") && !html.contains("<link") && !html.contains("<script"));
    for s in [
        "县级减排核算报告",
        "打印日期：2026-12-01",
        "示例县",
        "编制单位",
        "审核人",
        "盖章",
    ] {
        assert!(html.contains(s), "no {s}");
    }
    let o = jianpai(&["report", ONE, "--format=html", "--date", "2026-12-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let html = out(&o);
    let body = &html[html.find("<body>").unwrap_or(0)..];
    assert!(body.contains("Emission-reduction estimate") && body.contains("Applicant (stamp)"));
    assert!(!body.contains("County emission-reduction report"));
    // --checklist: an appendix with each project's inputs, captioned by its id and name.
    let o = jianpai(&[
        "report",
        SAMPLE,
        "--format",
        "html",
        "--lang",
        "zh",
        "--checklist",
    ]);
    let html = out(&o);
    assert!(html.contains("附录：现场核查表（各项目输入数据）"));
    assert!(html.contains("<caption>p01 "), "{html}");
    // A file that does not check is refused, as by the other formats; --date is html's alone.
    assert_eq!(
        jianpai(&["report", BAD, "--format", "html"]).status.code(),
        Some(1)
    );
    assert_eq!(
        jianpai(&["report", SAMPLE, "--date", "2026-12-01"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn export_writes_the_register_as_a_workbook_that_reads_back_as_the_same_file() {
    let dir = std::env::temp_dir().join(format!("jianpai-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let book = dir.join("county.xlsx");
    let o = jianpai(&[
        "export",
        SAMPLE,
        "-o",
        book.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o), "", "nothing on stdout");
    let bytes = std::fs::read(&book).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
    let sheets = jianpai_core::table::xlsx::read_stored(&bytes).unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["登记表", "汇总", "文件信息"]);
    let (csv, _) = jianpai_core::table::workbook::csv_from_sheets(&sheets).unwrap();
    let (back, problems) = jianpai_core::table::import_csv(&csv).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    assert_eq!(back.to_value(), sample);

    let csv = dir.join("county.csv");
    let o = jianpai(&[
        "export",
        SAMPLE,
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(std::fs::read_to_string(&csv)
        .unwrap()
        .contains("ID [id],Name [name]"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_needs_an_output_and_other_commands_take_none() {
    let o = jianpai(&["export", SAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("export needs -o OUT"), "{}", err(&o));
    let o = jianpai(&["report", SAMPLE, "-o", "x.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("report takes no -o"), "{}", err(&o));
    let o = jianpai(&["export", SAMPLE, "--format", "pdf", "-o", "x.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("unknown format pdf for export"),
        "{}",
        err(&o)
    );
    let o = jianpai(&["export", BROKEN, "-o", "/nonexistent-dir/x.xlsx"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
}

/// A 2026 file: the WWTP of methodology §8 example 1 at 80 % load (COD 10,000 × 0.8 × 365 ×
/// (250 − 50) × 10⁻⁶ = 584 t/a), started in July 2025 under `start_month` (13 − 7 = 6 months
/// last year, so 12 − 6 = 6 this year: 584 × 6 ÷ 12 = 292 t), with `offset` COD as given.
fn offsets_file(name: &str, offset_cod: f64) -> String {
    let text = serde_json::json!({
        "format": "jianpai/1", "year": 2026, "settings": { "crediting": "start_month" },
        "projects": [ { "id": "w1", "start_year": 2025, "start_month": 7,
            "offset": { "cod_t": offset_cod },
            "measure": { "type": "wastewater", "source": "municipal", "flow_m3_per_day": 10000,
                "load_rate": 0.8, "days": 365, "cod_before_mg_l": 250, "cod_after_mg_l": 50 } } ]
    });
    scratch(name, text.to_string().as_bytes())
}

#[test]
fn offsets_and_carry_over_in_the_json_csv_and_text_reports_and_check() {
    let file = offsets_file("offsets.json", 92.0);
    let o = jianpai(&["report", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    let p = &v["projects"][0];
    assert_eq!(p["months"], 6);
    assert_eq!(p["credited"]["cod_t"], 292.0);
    assert_eq!(p["offset"]["cod_t"], 92.0);
    assert_eq!(p["net"]["cod_t"], 200.0); // 292 − 92
    assert_eq!(v["totals"]["cod_t"], 200.0);
    assert_eq!(v["offsets"]["cod_t"], 92.0);

    let o = jianpai(&["report", &file, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("offset_cod_t"), "{}", out(&o));

    let o = jianpai(&["report", &file, "--format", "text", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("其中用于新改扩建项目区域削减的减排量已扣减 COD 92 吨"),
        "{}",
        out(&o)
    );

    // 600 t is more than the 584 t the project reduces in a full year.
    let too_much = offsets_file("offsets-too-much.json", 600.0);
    let o = jianpai(&["check", &too_much]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("project w1, COD used as offset: 600 is more than"),
        "{}",
        err(&o)
    );
}

/// The three water measures of issue 18 in one file, through `report` (JSON, CSV, text) and
/// `check`; the figures by hand (docs/methodology.md §8, examples 14–16):
/// - `r1` reclaimed water 5,000 m³/d × 365 d: COD × 50 mg/L × 10⁻⁶ = 91.25 t, water 1,825,000 t;
/// - `v1` rural sewage, 2,000 people × 60 L ÷ 1000 = 120 m³/d × 365 × (300 − 50) × 10⁻⁶ = 10.95 t COD;
/// - `l1` leachate 200 m³/d × 0.85 × 365 = 62,050 m³ × (6,000 − 120) × 10⁻⁶ = 364.854 t COD, NH₃-N
///   62,050 × (1,500 − 15) × 10⁻⁶ = 92.14425 t, its COD after (120) above GB 16889 Table 2 (100).
///
/// COD total 91.25 + 10.95 + 364.854 = 467.054 t; NH₃-N 92.14425 t.
#[test]
fn the_water_measures_in_one_file() {
    let file = serde_json::json!({
        "format": "jianpai/1", "year": 2026,
        "projects": [
            { "id": "r1", "name": "再生水回用", "measure": { "type": "reclaimed_water",
                "reuse_m3_per_day": 5000, "cod_mg_l": 50 } },
            { "id": "v1", "name": "农村生活污水", "measure": { "type": "rural_sewage",
                "population": 2000, "cod_before_mg_l": 300, "cod_after_mg_l": 50 } },
            { "id": "l1", "name": "渗滤液处理", "measure": { "type": "leachate",
                "flow_m3_per_day": 200, "load_rate": 0.85, "cod_before_mg_l": 6000, "cod_after_mg_l": 120,
                "nh3n_before_mg_l": 1500, "nh3n_after_mg_l": 15 } }
        ]
    });
    let path = scratch("water.json", file.to_string().as_bytes());
    let o = jianpai(&["check", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("ok, 3 projects"), "{}", out(&o));

    let o = jianpai(&["report", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let close = |got: &serde_json::Value, want: f64| {
        let got = got.as_f64().expect("a number");
        assert!((got - want).abs() < 1e-9 * want.max(1.0), "{got} ≠ {want}");
    };
    close(&v["totals"]["cod_t"], 467.054);
    close(&v["totals"]["nh3n_t"], 92.14425);
    close(&v["totals"]["water_t"], 1_825_000.0);
    let types: Vec<&str> = v["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["reclaimed_water", "rural_sewage", "leachate"]);
    let warnings = &v["projects"][2]["warnings"];
    assert_eq!(warnings[0]["code"], "above_limit", "{warnings}");
    assert_eq!(warnings[0]["field"], "measure.cod_after_mg_l");
    assert!(warnings[0]["message_zh"]
        .as_str()
        .unwrap()
        .contains("GB 16889-2008 表2"));

    let o = jianpai(&["report", &path, "--format", "csv", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        out(&o).lines().count(),
        1 + 3 + 1,
        "header, three projects, totals"
    );

    // A rural sewage project with both the capacity and the population: refused at the population.
    let mut bad = file.clone();
    bad["projects"][1]["measure"]["flow_m3_per_day"] = 120.into();
    let path = scratch("water-bad.json", bad.to_string().as_bytes());
    let o = jianpai(&["check", &path, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o) + &out(&o);
    assert!(e.contains("Population served"), "{e}");
    assert!(e.contains("not both"), "{e}");
}

/// The sample as a register of `year` with the given five-year targets, written to a temporary
/// file named after `tag`.
fn sample_of_year(tag: &str, year: i64, plan_targets: serde_json::Value) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    v["year"] = year.into();
    if !plan_targets.is_null() {
        v["plan_targets"] = plan_targets;
    }
    let path = std::env::temp_dir().join(format!(
        "jianpai-plan-{tag}-{year}-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, v.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

fn totals_of(path: &str) -> serde_json::Value {
    let o = jianpai(&["report", path]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    v["totals"].clone()
}

#[test]
fn plan_adds_the_years_report_totals_and_says_the_gap() {
    // Two years of the 十四五, 2024 and 2025 (the sample's projects each year); the 2025 register
    // gives the five-year targets. Cumulative = the sum of `report`'s totals of the two files.
    let a = sample_of_year("sum", 2024, serde_json::Value::Null);
    let b = sample_of_year(
        "sum",
        2025,
        serde_json::json!({ "cod_t": 1e6, "nox_t": 1.0 }),
    );
    let (ta, tb) = (totals_of(&a), totals_of(&b));
    let o = jianpai(&["plan", &b, &a, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let p = &v["periods"][0];
    assert_eq!(p["period"], "十四五");
    assert_eq!(
        (p["first"].as_i64(), p["last"].as_i64()),
        (Some(2021), Some(2025))
    );
    assert_eq!(p["missing"], serde_json::json!([2021, 2022, 2023]));
    assert_eq!(p["targets_year"], 2025);
    for key in [
        "cod_t", "nh3n_t", "so2_t", "nox_t", "vocs_t", "tce", "water_t", "co2_t",
    ] {
        let want = ta[key].as_f64().unwrap() + tb[key].as_f64().unwrap();
        let got = p["cumulative"][key].as_f64().unwrap();
        assert!(
            (got - want).abs() <= 1e-9 * want.abs().max(1.0),
            "{key}: {got} vs {want}"
        );
    }
    let cod = ta["cod_t"].as_f64().unwrap() + tb["cod_t"].as_f64().unwrap();
    let gap = &p["gaps"][0];
    assert_eq!(gap["key"], "cod_t");
    assert!((gap["short"].as_f64().unwrap() - (1e6 - cod)).abs() < 1e-6);
    assert_eq!(p["gaps"][1]["met"], true, "NOx 1 t is met by the sample");
    // Text, both languages: the gap in words.
    let o = jianpai(&["plan", &a, &b, "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let short = format!("COD 距目标尚差 {:.1} 吨", 1e6 - cod);
    assert!(out(&o).contains(&short), "{}", out(&o));
    assert!(out(&o).contains("NOₓ 已完成"), "{}", out(&o));
    let o = jianpai(&["plan", &a, &b]);
    assert!(out(&o).contains("NOₓ: target met"), "{}", out(&o));
    // CSV: a row per year, cumulative, target, short.
    let o = jianpai(&["plan", &a, &b, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let csv = out(&o);
    assert_eq!(csv.lines().count(), 1 + 2 + 3, "{csv}");
    assert!(
        csv.lines().nth(1).unwrap().starts_with("十四五,2024,"),
        "{csv}"
    );
    // Two registers of one year: refused, exit 1, said why.
    let o = jianpai(&["plan", &a, &a]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("two registers of 2024"), "{}", err(&o));
    // A bad file is named.
    let o = jianpai(&["plan", &a, BAD]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("bad.json"), "{}", err(&o));
    // No file, a wrong format, and other commands still take one FILE.
    assert_eq!(jianpai(&["plan"]).status.code(), Some(2));
    assert_eq!(
        jianpai(&["plan", &a, "--format", "html"]).status.code(),
        Some(2)
    );
    assert_eq!(jianpai(&["report", &a, &b]).status.code(), Some(2));
    for f in [a, b] {
        let _ = std::fs::remove_file(f);
    }
}

/// Three `measured` projects of COD 10 − 7 = 3 t, 5 − 1 = 4 t and 20 − 10 = 10 t (a whole year
/// each): accepted, returned and without review; `settings` as given.
fn review_file(name: &str, settings: serde_json::Value) -> String {
    let measured = |before: f64, after: f64| serde_json::json!({ "type": "measured", "before": { "cod_t": before }, "after": { "cod_t": after } });
    let text = serde_json::json!({
        "format": "jianpai/1", "year": 2026, "settings": settings,
        "projects": [
            { "id": "a", "review": { "status": "accepted", "note": "验收合格",
                "evidence": [ { "name": "验收报告", "number": "YS-01", "date": "2026-03-31" } ] },
              "measure": measured(10.0, 7.0) },
            { "id": "r", "review": { "status": "returned" }, "measure": measured(5.0, 1.0) },
            { "id": "n", "measure": measured(20.0, 10.0) } ]
    });
    scratch(name, text.to_string().as_bytes())
}

#[test]
fn review_status_decides_what_the_totals_count_in_json_csv_text_and_html() {
    // Default: returned is out: 3 + 10 = 13 t; the returned project keeps its 4 t.
    let file = review_file("review.json", serde_json::json!({}));
    let o = jianpai(&["report", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    assert_eq!(v["totals"]["cod_t"], 13.0);
    assert_eq!(v["projects"][1]["credited"]["cod_t"], 4.0);
    assert_eq!(v["projects"][1]["counted"], false);
    assert_eq!(v["projects"][1]["review_status"], "returned");
    assert_eq!(
        v["review"]["counted"],
        serde_json::json!(["submitted", "checked", "accepted"])
    );
    assert_eq!(v["review"]["by_status"]["submitted"], 1);
    assert_eq!(v["review"]["by_status"]["returned"], 1);

    let o = jianpai(&["report", &file, "--format", "csv"]);
    let csv = out(&o);
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",review_status"), "{header}");
    assert!(csv.lines().nth(2).unwrap().ends_with(",returned"), "{csv}");
    assert!(csv.lines().nth(3).unwrap().ends_with(",submitted"), "{csv}");

    let o = jianpai(&["report", &file, "--format", "text", "--lang", "zh"]);
    let text = out(&o);
    assert!(
        text.contains("汇总计入审核状态为 申报、初审通过、核定 的项目。各状态项目数：核定 1 · 申报 1 · 退回 1。"),
        "{text}"
    );
    assert!(text.contains("审核状态：退回（未计入汇总）"), "{text}");

    let o = jianpai(&[
        "report",
        &file,
        "--format",
        "html",
        "--lang",
        "zh",
        "--checklist",
        "--date",
        "2026-12-02",
    ]);
    let html = out(&o);
    assert!(html.contains("审核状态"), "{html}");
    assert!(html.contains("退回（未计入）"), "{html}");
    assert!(html.contains("YS-01"), "{html}");

    // Only accepted: 3 t.
    let only = review_file(
        "review-accepted.json",
        serde_json::json!({ "counted_statuses": ["accepted"] }),
    );
    let v: serde_json::Value = serde_json::from_str(&out(&jianpai(&["report", &only]))).unwrap();
    assert_eq!(v["totals"]["cod_t"], 3.0);

    // An unknown status is invalid input naming the field, in the language asked.
    let bad = scratch(
        "review-bad.json",
        br#"{"format": "jianpai/1", "projects": [{"id": "p", "review": {"status": "ok"},
            "measure": {"type": "measured", "before": {"cod_t": 2}, "after": {"cod_t": 1}}}]}"#,
    );
    let o = jianpai(&["check", &bad, "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("项目 p，审核状态：无效的取值 “ok”"),
        "{}",
        err(&o)
    );
}
