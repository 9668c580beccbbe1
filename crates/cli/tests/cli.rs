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
    assert_eq!(csv.lines().count(), 18);
    assert!(csv.lines().last().unwrap().starts_with("TOTAL,"));

    let o = jianpai(&["report", SAMPLE, "--format", "text", "--lang", "zh"]);
    assert_eq!(o.status.code(), Some(0));
    let t = out(&o);
    assert!(t.contains("== 公报段落 =="));
    assert!(t.contains("2026年全县淘汰落后产能企业32家"));
    assert!(t.contains("co2.per_tce = 2.493"), "overrides listed");
    // Warnings name the field by its label ("替代热源"), not by its path.
    assert!(t.contains("⚠ 替代热源："), "warnings listed");
    assert!(!t.contains("measure."), "no field path in the text report");
}

#[test]
fn check_ok_and_invalid() {
    let o = jianpai(&["check", SAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).contains("ok, 16 projects"));

    let o = jianpai(&["check", BAD]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("project w1, Design capacity: must not be negative (-10)"),
        "{e}"
    );
    assert!(
        e.contains("project s1, Desulfurisation efficiency after: a percentage must be between 0 and 100"),
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
