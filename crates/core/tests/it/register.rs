//! A register keeps every project as given, totals the ones that read, and saves what it read.

use jianpai_core::register::Register;
use jianpai_core::{compute, load, Key, SAMPLE_FILE};
use serde_json::{json, Value};

fn sample_value() -> Value {
    serde_json::from_str(SAMPLE_FILE).unwrap()
}

#[test]
fn the_sample_totals_as_the_file_does_and_saves_unchanged() {
    let reg = Register::read(&sample_value()).expect("reads");
    let rr = reg.compute();
    assert!(rr.not_counted.is_empty());
    let want = compute(&load(SAMPLE_FILE).unwrap()).unwrap();
    let got = rr.report.expect("report");
    assert_eq!(got.totals, want.totals);
    assert_eq!(got.bulletin, want.bulletin);
    assert_eq!(got.by_township, want.by_township);
    assert_eq!(reg.to_value(), sample_value(), "saving changes nothing");
}

#[test]
fn a_bad_project_is_kept_marked_and_left_out_of_the_totals() {
    let file = json!({
        "format": "jianpai/1", "year": 2026, "zz_unknown": [1, 2],
        "projects": [
            { "id": "a", "measure": { "type": "wastewater", "flow_m3_per_day": 1000,
              "cod_before_mg_l": 250, "cod_after_mg_l": 50 }, "note": "kept" },
            { "id": "b", "measure": { "type": "wastewater", "flow_m3_per_day": -5,
              "cod_before_mg_l": 250, "cod_after_mg_l": 50 } },
            { "id": "a", "measure": { "type": "capacity_phaseout", "enterprises": 2 } }
        ]
    });
    let reg = Register::read(&file).expect("a file with bad projects still opens");
    assert_eq!(reg.projects.len(), 3);
    let rr = reg.compute();
    let left_out: Vec<usize> = rr.not_counted.iter().map(|n| n.index).collect();
    assert_eq!(
        left_out,
        vec![1, 2],
        "the negative flow and the repeated id"
    );
    let b = &rr.not_counted[0].errors[0];
    assert_eq!(b.project.as_deref(), Some("b"));
    assert_eq!(b.field.as_deref(), Some("measure.flow_m3_per_day"));
    // Only project a counts: 1000 × 1 × 365 × 200 × 10⁻⁶ = 73 t.
    let r = rr.report.unwrap();
    assert!(
        (r.totals[Key::Cod] - 73.0).abs() < 1e-9,
        "{}",
        r.totals[Key::Cod]
    );
    assert_eq!(r.totals[Key::Enterprises], 0.0);
    assert_eq!(
        reg.to_value(),
        file,
        "nothing is dropped or changed on save"
    );
}

#[test]
fn files_that_are_not_registers_are_refused() {
    assert!(Register::read(&json!([1])).is_err());
    assert!(Register::read(&json!({ "format": "other/2" })).is_err());
    assert!(Register::read(&json!({ "format": "jianpai/1", "projects": 3 })).is_err());
    assert!(Register::from_bytes(b"{\"format\": \"jianpai/1\"").is_err());
    let empty = Register::from_bytes(b"\xef\xbb\xbf{\"format\": \"jianpai/1\"}").unwrap();
    assert!(empty.projects.is_empty());
}

#[test]
fn a_cached_result_is_reused_and_free_ids_are_free() {
    let reg = Register::read(&sample_value()).unwrap();
    let first = reg.compute();
    let calls = std::cell::Cell::new(0);
    let again = reg.compute_with(&|e| {
        calls.set(calls.get() + 1);
        let i = reg
            .projects
            .iter()
            .position(|x| std::sync::Arc::ptr_eq(x, e))?;
        Some(first.results[i].clone())
    });
    assert_eq!(calls.get(), reg.projects.len());
    assert_eq!(again.report, first.report);
    assert_eq!(reg.free_id("zz"), "zz");
    let used = reg.projects[0].id().unwrap().to_owned();
    assert_eq!(reg.free_id(&used), format!("{used}-2"));
}

/// What "实施减排项目N个" counts, as the bulletin's note says (docs/methodology.md, "The bulletin
/// paragraph"): the engineering and management projects in the totals, a project credited no
/// month included; not structural ones, not one with an error, not a repeated id. Under the 2021
/// method "实施主要污染物重点减排工程N项" counts the structural ones too.
#[test]
fn the_bulletin_counts_the_engineering_and_management_projects_in_the_totals() {
    let wastewater = |flow: f64| {
        json!({ "type": "wastewater", "flow_m3_per_day": flow,
                "cod_before_mg_l": 250, "cod_after_mg_l": 50 })
    };
    let file = json!({
        "format": "jianpai/1", "year": 2026,
        "settings": { "crediting": "second_month", "method": "2011" },
        "projects": [
            { "id": "e1", "measure": wastewater(1000.0) },
            // Stable from December: 12 − 12 = 0 months this year, still implemented.
            { "id": "e2", "start_month": 12, "measure": wastewater(1000.0) },
            { "id": "m1", "category": "management",
              "measure": { "type": "measured", "before": { "cod_t": 5 }, "after": { "cod_t": 4 } } },
            { "id": "s1", "measure": { "type": "capacity_phaseout", "enterprises": 2,
              "last_year": { "cod_t": 1 } } },
            { "id": "bad", "measure": wastewater(-5.0) },
            { "id": "e1", "measure": wastewater(1000.0) }
        ]
    });
    let rr = Register::read(&file).expect("reads").compute();
    let left_out: Vec<usize> = rr.not_counted.iter().map(|n| n.index).collect();
    assert_eq!(left_out, [4, 5], "the negative flow and the repeated id");
    let r = rr.report.expect("report");
    // e1, e2 and m1: three; s1 is structural.
    assert!(
        r.bulletin.zh.contains("实施减排项目3个"),
        "{}",
        r.bulletin.zh
    );
    assert!(
        r.bulletin
            .en
            .contains("implemented 3 emission-reduction projects"),
        "{}",
        r.bulletin.en
    );
    // COD: e1 73 t (1000 × 365 × 200 × 10⁻⁶), e2 nothing this year, m1 1 t, s1 1 t = 75 t.
    assert!(
        r.bulletin.zh.ends_with("削减COD 75.0吨。"),
        "{}",
        r.bulletin.zh
    );
    assert!(r.bulletin.note.zh.contains("本年计入月数为0的项目计入"));
    // The 2021 method (the year's default): e1, e2, m1 and s1 are four 重点减排工程.
    let mut file = file;
    file["settings"].as_object_mut().unwrap().remove("method");
    let r = Register::read(&file).unwrap().compute().report.unwrap();
    assert_eq!(
        r.bulletin.zh,
        "2026年，全县实施主要污染物重点减排工程4项，形成化学需氧量重点工程减排量75.0吨；淘汰落后产能企业2家。"
    );
    assert!(r.bulletin.note.zh.contains("本年计入月数为0的项目计入"));
}

/// A filtered register's subtotal (`RegisterReport::subtotal`): of every row it is the totals to
/// the last bit, in any order; of one township's rows its group's credited amounts; of none zero.
#[test]
fn a_subtotal_of_all_rows_is_the_total_and_of_a_township_its_group() {
    let reg =
        jianpai_core::register::Register::from_bytes(jianpai_core::SAMPLE_FILE.as_bytes()).unwrap();
    let r = reg.compute();
    let report = r.report.as_ref().unwrap();
    let n = reg.projects.len();
    assert_eq!(r.subtotal((0..n).rev()), report.totals);
    let at: Vec<usize> = (0..n)
        .filter(|i| reg.projects[*i].text("township") == "临江镇")
        .collect();
    assert!(at.len() >= 2 && at.len() < n);
    let group = report
        .by_township
        .iter()
        .find(|g| g.key == "临江镇")
        .unwrap();
    assert_eq!(r.subtotal(at), group.credited);
    assert_eq!(r.subtotal([]), jianpai_core::Amounts::default());
}
