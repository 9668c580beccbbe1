//! Review status per project (docs/file-format.md "review", docs/methodology.md §2.5): which
//! statuses the totals count (`settings.counted_statuses`, default every status but `returned`
//! and `rejected`; a project without `review` is `submitted`), the report's `review` key, bad
//! statuses and dates, and the register's typed edits. The projects are `measured` ones with
//! COD before − after written out, so every expected total is a sum done by hand.

use jianpai_core::doc::county::{review_sentence, status_counts};
use jianpai_core::register::Register;
use jianpai_core::review::ReviewStatus;
use jianpai_core::{compute, load, Key, Lang};
use serde_json::{json, Value};

/// A project of `cod` t COD (before cod + 1, after 1: a whole year of it is credited).
fn project(id: &str, cod: f64, review: Option<Value>) -> Value {
    let mut p = json!({ "id": id, "measure": { "type": "measured",
        "before": { "cod_t": cod + 1.0 }, "after": { "cod_t": 1.0 } } });
    if let Some(r) = review {
        p["review"] = r;
    }
    p
}

/// Five projects, one per status: 1, 2, 4, 8 and 16 t COD (each subset has its own sum), and a
/// sixth of 32 t without a review.
fn five(settings: Value) -> String {
    json!({ "format": "jianpai/1", "year": 2026, "settings": settings, "projects": [
        project("s", 1.0, Some(json!({ "status": "submitted" }))),
        project("c", 2.0, Some(json!({ "status": "checked" }))),
        project("a", 4.0, Some(json!({ "status": "accepted", "note": "验收合格",
            "evidence": [{ "name": "验收报告", "number": "YS-2026-01", "date": "2026-03-31" }] }))),
        project("r", 8.0, Some(json!({ "status": "returned", "note": "缺监测数据" }))),
        project("x", 16.0, Some(json!({ "status": "rejected" }))),
        project("n", 32.0, None),
    ]})
    .to_string()
}

fn report(text: &str) -> jianpai_core::Report {
    let f = load(text).unwrap_or_else(|e| panic!("load failed: {e:?}"));
    compute(&f).unwrap_or_else(|e| panic!("compute failed: {e:?}"))
}

#[test]
fn by_default_returned_and_rejected_are_out_of_the_totals() {
    // Counted: submitted 1 + checked 2 + accepted 4 + no review 32 = 39 t; returned 8 and
    // rejected 16 stay in the report with their results, out of the totals.
    let r = report(&five(json!({})));
    assert_eq!(r.totals[Key::Cod], 39.0);
    assert_eq!(r.full_year_totals[Key::Cod], 39.0);
    assert_eq!(r.projects.len(), 6);
    let returned = r.projects.iter().find(|p| &*p.id == "r").unwrap();
    assert_eq!(returned.credited[Key::Cod], 8.0);
    assert!(!returned.counted);
    assert_eq!(returned.review_status, Some(ReviewStatus::Returned));
    let n = r.projects.iter().find(|p| &*p.id == "n").unwrap();
    assert!(n.counted);
    assert_eq!(n.review_status, None);
    // Groups and the bulletin count only what is counted: 4 projects, 39 t.
    let grouped: usize = r.by_category.iter().map(|g| g.projects).sum();
    assert_eq!(grouped, 4);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(
        v["review"]["counted"],
        json!(["submitted", "checked", "accepted"])
    );
    assert_eq!(
        v["review"]["by_status"],
        json!({ "submitted": 2, "checked": 1, "accepted": 1, "returned": 1, "rejected": 1 })
    );
    // Only a project left out says so; the others have no `counted` key.
    assert_eq!(v["projects"][3]["counted"], json!(false));
    assert!(v["projects"][0].get("counted").is_none());
    assert!(v["projects"][5].get("review_status").is_none());
}

#[test]
fn each_status_alone_counts_its_own_project() {
    // Counting one status: that status's project (and, for submitted, the one without review).
    for (status, want) in [
        ("submitted", 1.0 + 32.0),
        ("checked", 2.0),
        ("accepted", 4.0),
        ("returned", 8.0),
        ("rejected", 16.0),
    ] {
        let r = report(&five(json!({ "counted_statuses": [status] })));
        assert_eq!(r.totals[Key::Cod], want, "{status}");
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["review"]["counted"], json!([status]));
    }
}

#[test]
fn only_accepted_and_checked_or_nothing() {
    // accepted 4 + checked 2 = 6 t; the list is said in review order whatever the file's order.
    let r = report(&five(
        json!({ "counted_statuses": ["accepted", "checked"] }),
    ));
    assert_eq!(r.totals[Key::Cod], 6.0);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["review"]["counted"], json!(["checked", "accepted"]));
    // An empty list counts nothing: 0 t, every project still reported.
    let r = report(&five(json!({ "counted_statuses": [] })));
    assert_eq!(r.totals[Key::Cod], 0.0);
    assert_eq!(r.projects.len(), 6);
    // Every status: 1 + 2 + 4 + 8 + 16 + 32 = 63 t.
    let all = json!(["submitted", "checked", "accepted", "returned", "rejected"]);
    let r = report(&five(json!({ "counted_statuses": all })));
    assert_eq!(r.totals[Key::Cod], 63.0);
}

#[test]
fn a_file_without_reviews_has_no_review_key() {
    let text =
        json!({ "format": "jianpai/1", "year": 2026, "projects": [project("n", 5.0, None)] })
            .to_string();
    let v = serde_json::to_value(report(&text)).unwrap();
    assert!(v.get("review").is_none());
    assert!(v["projects"][0].get("counted").is_none());
    assert!(v["projects"][0].get("review_status").is_none());
    // The setting alone brings the key: one project without review, counted as submitted.
    let text = json!({ "format": "jianpai/1", "year": 2026,
        "settings": { "counted_statuses": ["accepted"] }, "projects": [project("n", 5.0, None)] })
    .to_string();
    let r = report(&text);
    assert_eq!(r.totals[Key::Cod], 0.0);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["review"]["by_status"]["submitted"], json!(1));
}

#[test]
fn the_sentence_and_the_counts() {
    let r = report(&five(json!({})));
    assert_eq!(
        status_counts(&r, Lang::Zh).unwrap(),
        "核定 1 · 初审通过 1 · 申报 2 · 退回 1 · 不予认定 1"
    );
    assert_eq!(
        review_sentence(&r, Lang::Zh).unwrap(),
        "汇总计入审核状态为 申报、初审通过、核定 的项目。各状态项目数：核定 1 · 初审通过 1 · 申报 2 · 退回 1 · 不予认定 1。"
    );
    assert!(review_sentence(&r, Lang::En)
        .unwrap()
        .starts_with("The totals count the projects whose review status is: Submitted, First check passed, Accepted."));
}

fn errors_of(text: &str) -> Vec<(Option<String>, Option<String>, String, String)> {
    load(text)
        .expect_err("the file has errors")
        .into_iter()
        .map(|e| {
            (
                e.project.clone(),
                e.field.clone(),
                e.message(Lang::Zh),
                e.message(Lang::En),
            )
        })
        .collect()
}

#[test]
fn an_unknown_status_is_an_error_at_review_status() {
    let text = json!({ "format": "jianpai/1", "projects": [
        project("p", 1.0, Some(json!({ "status": "approved" })))] })
    .to_string();
    let errs = errors_of(&text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0.as_deref(), Some("p"));
    assert_eq!(errs[0].1.as_deref(), Some("review.status"));
    assert!(errs[0].2.contains("无效的取值 “approved”"), "{}", errs[0].2);
    assert!(
        errs[0].3.contains("invalid value \"approved\""),
        "{}",
        errs[0].3
    );
}

#[test]
fn a_bad_date_or_list_is_an_error_at_its_field() {
    let text = json!({ "format": "jianpai/1", "projects": [
        project("p", 1.0, Some(json!({ "evidence": [
            { "name": "验收报告", "date": "2026-02-30" }, { "name": "监测", "date": "2026/3/1" },
            "关停文件"] })))] })
    .to_string();
    let errs = errors_of(&text);
    let fields: Vec<_> = errs
        .iter()
        .map(|e| e.1.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        fields,
        [
            "review.evidence.0.date",
            "review.evidence.1.date",
            "review.evidence.2"
        ]
    );
    assert!(
        errs[0].2.contains("年-月-日") && errs[0].2.contains("2026-02-30"),
        "{}",
        errs[0].2
    );
    assert!(errs[1].3.contains("YYYY-MM-DD"), "{}", errs[1].3);
    let text =
        json!({ "format": "jianpai/1", "settings": { "counted_statuses": ["accepted", "ok"] },
        "projects": [] })
        .to_string();
    let errs = errors_of(&text);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].1.as_deref(), Some("settings.counted_statuses.1"));
    let text = json!({ "format": "jianpai/1", "settings": { "counted_statuses": "accepted" },
        "projects": [] })
    .to_string();
    assert_eq!(
        errors_of(&text)[0].1.as_deref(),
        Some("settings.counted_statuses")
    );
}

#[test]
fn unknown_fields_of_a_review_are_kept() {
    let text = json!({ "format": "jianpai/1", "projects": [project("p", 1.0, Some(json!({
        "status": "checked", "reviewer": "张三",
        "evidence": [{ "name": "验收报告", "pages": 12 }] })))] })
    .to_string();
    let f = load(&text).unwrap();
    let back: Value = serde_json::from_str(&f.to_json()).unwrap();
    let want: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["projects"][0]["review"], want["projects"][0]["review"]);
}

#[test]
fn the_register_counts_by_status_and_its_subtotal_leaves_them_out() {
    let reg = Register::from_bytes(five(json!({})).as_bytes()).unwrap();
    let rr = reg.compute();
    // Totals 39 (above); every project has its result; the subtotal of r (returned) and a
    // (accepted) is 4 t: r adds nothing.
    assert_eq!(rr.report.as_ref().unwrap().totals[Key::Cod], 39.0);
    assert!(rr.results.iter().all(Result::is_ok));
    assert!(rr.not_counted.is_empty());
    assert_eq!(rr.subtotal([2, 3])[Key::Cod], 4.0);
    assert_eq!(rr.subtotal(0..6)[Key::Cod], 39.0);
}

#[test]
fn typed_edits_of_the_review() {
    let mut reg = Register::from_bytes(five(json!({})).as_bytes()).unwrap();
    let n = reg.projects[5].key();
    assert_eq!(reg.projects[5].review_status(), None);
    // n (32 t) returned: 39 − 32 = 7 t.
    reg.set_review_status(n, ReviewStatus::Returned);
    assert_eq!(
        reg.get(n).unwrap().review_status(),
        Some(ReviewStatus::Returned)
    );
    assert_eq!(reg.compute().report.unwrap().totals[Key::Cod], 7.0);
    reg.set_review_note(n, "请补充在线监测数据");
    reg.add_evidence(n);
    reg.add_evidence(n);
    reg.set_evidence_text(n, 0, "name", "验收报告").unwrap();
    reg.set_evidence_text(n, 0, "date", "2026-04-01").unwrap();
    reg.set_evidence_text(n, 1, "name", "关停文件").unwrap();
    assert!(reg.set_evidence_text(n, 1, "date", "2026-13-01").is_err());
    let e = reg.get(n).unwrap();
    assert!(e.read.is_ok());
    assert_eq!(e.review_note(), "请补充在线监测数据");
    assert_eq!(
        e.evidence(),
        vec![
            [
                "验收报告".to_owned(),
                String::new(),
                "2026-04-01".to_owned()
            ],
            ["关停文件".to_owned(), String::new(), String::new()],
        ]
    );
    reg.remove_evidence(n, 0);
    assert_eq!(reg.get(n).unwrap().evidence().len(), 1);
    // The planner counts returned too: s 1 + c 2 + a 4 + r 8 + n 32 (returned now) = 47 t.
    reg.set_counted_statuses(Some(&[
        ReviewStatus::Returned,
        ReviewStatus::Accepted,
        ReviewStatus::Checked,
        ReviewStatus::Submitted,
    ]));
    assert_eq!(reg.compute().report.unwrap().totals[Key::Cod], 47.0);
    let saved: Value = serde_json::from_str(&reg.to_json()).unwrap();
    assert_eq!(
        saved["settings"]["counted_statuses"],
        json!(["submitted", "checked", "accepted", "returned"])
    );
    assert_eq!(
        saved["projects"][5]["review"],
        json!({ "status": "returned", "note": "请补充在线监测数据",
                "evidence": [{ "name": "关停文件" }] })
    );
    // Removing the last document and the note leaves the status alone.
    reg.remove_evidence(n, 0);
    reg.set_review_note(n, "");
    let saved: Value = serde_json::from_str(&reg.to_json()).unwrap();
    assert_eq!(
        saved["projects"][5]["review"],
        json!({ "status": "returned" })
    );
    reg.set_counted_statuses(None);
    let saved: Value = serde_json::from_str(&reg.to_json()).unwrap();
    assert!(saved.get("settings").is_none());
}

#[test]
fn the_peoples_csv_carries_the_review_both_ways() {
    use jianpai_core::table::{import_csv, people_csv};
    let text = five(json!({ "counted_statuses": ["accepted", "returned"] }));
    let reg = Register::from_bytes(text.as_bytes()).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let csv = people_csv(&reg, lang);
        // The status by its name and the note in their own columns.
        let header = csv
            .lines()
            .find(|l| l.contains("[review.status]"))
            .expect("a status column");
        assert!(header.contains("[review.note]"), "{header}");
        let name = lang.pick("退回", "Returned");
        assert!(
            csv.lines()
                .any(|l| l.contains(name) && l.contains("缺监测数据")),
            "{csv}"
        );
        let (back, problems) = import_csv(&csv).expect("reads back");
        assert!(problems.is_empty(), "{problems:?}");
        let want: Value = serde_json::from_str(&reg.to_json()).unwrap();
        let got: Value = serde_json::from_str(&back.to_json()).unwrap();
        assert_eq!(got["projects"], want["projects"], "{lang:?}");
        assert_eq!(got["settings"], want["settings"], "{lang:?}");
    }
}
