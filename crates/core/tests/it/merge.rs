//! Merging applicants' files: each kind of duplicate is found, each choice does what it says,
//! the current file's own fields are kept and ids stay unique. Worked numbers are by hand.

use jianpai_core::merge::{apply_merge, plan_merge, result_in, Choice, Match, Of, Reason};
use jianpai_core::register::Register;
use jianpai_core::Key;
use serde_json::{json, Value};
use std::collections::HashSet;

/// A closed plant: credited its last-year COD all year (no start month).
fn closure(id: &str, name: &str, township: &str, cod: f64) -> Value {
    json!({ "id": id, "name": name, "township": township,
            "measure": { "type": "capacity_phaseout", "enterprises": 1, "last_year": { "cod_t": cod } } })
}

/// Monitored before/after COD: credited before − after.
fn measured(id: &str, name: &str, township: &str, before: f64, after: f64) -> Value {
    json!({ "id": id, "name": name, "township": township,
            "measure": { "type": "measured", "before": { "cod_t": before }, "after": { "cod_t": after } } })
}

fn register(head: Value, projects: Vec<Value>) -> Register {
    let mut file = head;
    file["format"] = json!("jianpai/1");
    file["projects"] = Value::Array(projects);
    Register::read(&file).expect("a register")
}

fn current() -> Register {
    register(
        json!({ "title": "县登记表", "year": 2026 }),
        vec![
            closure("a", "东厂关停", "城东", 10.0),
            closure("b", "锅炉淘汰", "青山", 4.0),
            measured("c", "印染厂监测", "临江", 30.0, 20.0),
        ],
    )
}

fn file(name: &str, projects: Vec<Value>) -> (String, Register) {
    (
        name.into(),
        register(json!({ "title": name, "year": 2025 }), projects),
    )
}

fn ids(r: &Register) -> Vec<&str> {
    r.projects.iter().map(|e| e.id().unwrap_or("")).collect()
}

fn cod_total(r: &Register) -> f64 {
    r.compute().report.expect("totals").totals[Key::Cod]
}

fn dup(of: Of, reason: Reason) -> Match {
    Match::Duplicate { of, reason }
}

#[test]
fn each_kind_of_duplicate_is_found() {
    let x = file(
        "x.json",
        vec![
            closure("a", "改了名字", "城东", 7.0),        // same id as a
            closure("x1", "锅炉淘汰", " 青山 ", 2.0),     // same name, township, type as b
            measured("x2", "锅炉淘汰", "青山", 5.0, 1.0), // same name and township, other type
            closure("x3", "", "", 1.0),                   // no name: never like another
        ],
    );
    let y = file(
        "y.json",
        vec![
            measured("x2", "另一个", "白沙", 9.0, 8.0), // same id as x2 (new in x)
            closure("y1", "锅炉淘汰", "青山", 3.0),     // like b and x1: listed against b
            closure("x1", "别的", "别处", 1.0),         // same id as x1, itself a duplicate of b
            closure("y2", "", "", 1.0),                 // no name, like x3: still new
        ],
    );
    let plan = plan_merge(&current(), &[x, y]);
    let found: Vec<Match> = plan.items.iter().map(|i| i.found).collect();
    assert_eq!(
        found,
        vec![
            dup(Of::Current(0), Reason::SameId),
            dup(Of::Current(1), Reason::SameNameTownshipType),
            Match::New,
            Match::New,
            dup(Of::Incoming(2), Reason::SameId),
            dup(Of::Current(1), Reason::SameNameTownshipType),
            dup(Of::Current(1), Reason::SameId),
            Match::New,
        ]
    );
    assert_eq!(plan.files, vec!["x.json", "y.json"]);
    assert_eq!((plan.count(0), plan.count(1)), (4, 4));
    assert_eq!(plan.items[4].file, 1);
    assert!(plan.has_duplicates());
}

#[test]
fn keep_mine_adds_only_the_new_projects_in_file_order_and_keeps_the_head() {
    let cur = current();
    let plan = plan_merge(
        &cur,
        &[
            file(
                "x.json",
                vec![
                    closure("a", "别的", "城东", 99.0),
                    closure("n1", "新厂", "城东", 1.5),
                ],
            ),
            file("y.json", vec![closure("n2", "新厂二", "青山", 2.5)]),
        ],
    );
    // No choice given is "keep mine".
    let merged = apply_merge(&cur, &plan, &[]);
    assert_eq!(ids(&merged), ["a", "b", "c", "n1", "n2"]);
    assert_eq!(
        merged.head(),
        cur.head(),
        "the current file's title and year stay"
    );
    for i in 0..3 {
        assert_eq!(merged.projects[i].value(), cur.projects[i].value());
    }
    // 10 + 4 + (30 − 20) + 1.5 + 2.5 = 28 t.
    assert!(
        (cod_total(&merged) - 28.0).abs() < 1e-9,
        "{}",
        cod_total(&merged)
    );
    let explicit = apply_merge(
        &cur,
        &plan,
        &[Choice::KeepMine, Choice::KeepMine, Choice::KeepMine],
    );
    assert_eq!(explicit, merged);
}

#[test]
fn take_theirs_replaces_in_place_under_the_registers_id() {
    let cur = current();
    let plan = plan_merge(
        &cur,
        &[file(
            "x.json",
            vec![
                closure("a", "东厂关停（复核）", "城东", 6.0),
                closure("x9", "锅炉淘汰", "青山", 1.0),
            ],
        )],
    );
    let merged = apply_merge(&cur, &plan, &[Choice::TakeTheirs, Choice::TakeTheirs]);
    assert_eq!(
        ids(&merged),
        ["a", "b", "c"],
        "same positions, no project added"
    );
    assert_eq!(merged.projects[0].text("name"), "东厂关停（复核）");
    assert_eq!(
        merged.projects[0].value()["measure"]["last_year"]["cod_t"],
        json!(6.0)
    );
    // Matched by name: their project, the register's id.
    assert_eq!(
        *merged.projects[1].value(),
        closure("b", "锅炉淘汰", "青山", 1.0)
    );
    // 6 + 1 + 10 = 17 t.
    assert!(
        (cod_total(&merged) - 17.0).abs() < 1e-9,
        "{}",
        cod_total(&merged)
    );
    assert_eq!(merged.head(), cur.head());
}

#[test]
fn keep_both_gives_an_id_no_project_in_sight_uses() {
    let cur = current();
    let plan = plan_merge(
        &cur,
        &[
            file("x.json", vec![closure("a", "东厂关停", "城东", 6.0)]),
            // A later file already uses "a-2": the kept duplicate must not take it.
            file(
                "y.json",
                vec![
                    closure("a-2", "西厂", "城西", 2.0),
                    closure("yb", "锅炉淘汰", "青山", 1.0),
                ],
            ),
        ],
    );
    assert_eq!(plan.items[1].found, Match::New);
    let merged = apply_merge(
        &cur,
        &plan,
        &[Choice::KeepBoth, Choice::KeepMine, Choice::KeepBoth],
    );
    // x's "a" → "a-3" (a and a-2 taken); y's "a-2" new as it is; "yb" (same name as b) is free.
    assert_eq!(ids(&merged), ["a", "b", "c", "a-3", "a-2", "yb"]);
    assert_eq!(
        merged.projects[0].value(),
        cur.projects[0].value(),
        "mine unchanged"
    );
    assert_eq!(merged.projects[3].text("name"), "东厂关停");
    // 10 + 4 + 10 + 6 + 2 + 1 = 33 t: a kept duplicate counts, it is not a repeated id.
    let rr = merged.compute();
    assert!(rr.not_counted.is_empty(), "{:?}", rr.not_counted);
    assert!(
        (cod_total(&merged) - 33.0).abs() < 1e-9,
        "{}",
        cod_total(&merged)
    );
}

#[test]
fn a_duplicate_between_incoming_files_acts_on_the_earlier_incoming_project() {
    let cur = current();
    let incoming = [
        file("x.json", vec![closure("n", "新厂", "城东", 5.0)]),
        file("y.json", vec![closure("n", "新厂（更正）", "城东", 8.0)]),
    ];
    let plan = plan_merge(&cur, &incoming);
    assert_eq!(plan.items[1].found, dup(Of::Incoming(0), Reason::SameId));
    let mine = apply_merge(&cur, &plan, &[Choice::KeepMine, Choice::KeepMine]);
    assert_eq!(ids(&mine), ["a", "b", "c", "n"]);
    assert_eq!(mine.projects[3].text("name"), "新厂");
    let theirs = apply_merge(&cur, &plan, &[Choice::KeepMine, Choice::TakeTheirs]);
    assert_eq!(ids(&theirs), ["a", "b", "c", "n"]);
    assert_eq!(theirs.projects[3].text("name"), "新厂（更正）");
    // 10 + 4 + 10 + 8 = 32 t.
    assert!((cod_total(&theirs) - 32.0).abs() < 1e-9);
    let both = apply_merge(&cur, &plan, &[Choice::KeepMine, Choice::KeepBoth]);
    assert_eq!(ids(&both), ["a", "b", "c", "n", "n-2"]);
}

#[test]
fn ids_stay_unique_whatever_is_chosen_and_nothing_is_lost() {
    let cur = current();
    let plan = plan_merge(
        &cur,
        &[
            file(
                "x.json",
                vec![
                    closure("a", "甲", "城东", 1.0),
                    closure("a-2", "乙", "城东", 1.0),
                    closure("x1", "锅炉淘汰", "青山", 1.0),
                ],
            ),
            file(
                "y.json",
                vec![
                    closure("a", "丙", "城东", 1.0),
                    closure("x1", "丁", "青山", 1.0),
                ],
            ),
        ],
    );
    let dups: Vec<usize> = (0..plan.items.len())
        .filter(|k| plan.items[*k].found != Match::New)
        .collect();
    assert_eq!(dups, vec![0, 2, 3, 4]);
    let all = [Choice::KeepMine, Choice::TakeTheirs, Choice::KeepBoth];
    // Every combination of the four decisions: 3⁴ = 81 merges.
    for n in 0..81usize {
        let mut choices = vec![Choice::KeepMine; plan.items.len()];
        for (d, k) in dups.iter().enumerate() {
            choices[*k] = all[n / 3usize.pow(d as u32) % 3];
        }
        let merged = apply_merge(&cur, &plan, &choices);
        let list = ids(&merged);
        let set: HashSet<&str> = list.iter().copied().collect();
        assert_eq!(set.len(), list.len(), "{choices:?} gave {list:?}");
        // Each KeepBoth adds one project, the new "a-2" one more; nothing else changes the count.
        let both = choices.iter().filter(|c| **c == Choice::KeepBoth).count();
        assert_eq!(merged.projects.len(), 3 + 1 + both, "{choices:?}");
    }
}

#[test]
fn a_project_that_does_not_read_is_merged_and_marked_not_dropped() {
    let cur = current();
    let mut bad = closure("bad", "坏数据", "城东", 1.0);
    bad["measure"]["enterprises"] = json!(-3);
    let plan = plan_merge(&cur, &[file("x.json", vec![bad.clone()])]);
    assert_eq!(plan.items[0].found, Match::New);
    assert!(result_in(&cur, &plan.items[0].entry).is_err());
    let merged = apply_merge(&cur, &plan, &[]);
    assert_eq!(*merged.projects[3].value(), bad);
    let rr = merged.compute();
    assert_eq!(rr.not_counted.len(), 1);
    assert_eq!(rr.not_counted[0].index, 3);
}

#[test]
fn an_incoming_project_is_shown_as_it_counts_in_the_current_file() {
    // The current file credits from the start month; the applicant's file says full year.
    let cur = register(
        json!({ "settings": { "crediting": "start_month" } }),
        vec![],
    );
    let theirs = register(
        json!({ "settings": { "crediting": "full_year" } }),
        vec![{
            let mut p = measured("m", "监测", "城东", 20.0, 8.0);
            p["start_month"] = json!(7);
            p
        }],
    );
    let plan = plan_merge(&cur, &[("t.json".into(), theirs)]);
    // (20 − 8) × (13 − 7) / 12 = 6 t, not the full year's 12 t.
    let r = result_in(&cur, &plan.items[0].entry).expect("counts");
    assert!(
        (r.credited[Key::Cod] - 6.0).abs() < 1e-9,
        "{}",
        r.credited[Key::Cod]
    );
}
