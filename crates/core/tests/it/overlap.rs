//! Double counting across a file (docs/methodology.md §3.12): pairs that warn with both ids, and
//! near misses that must stay silent.

use crate::common;

use common::{file, report};
use jianpai_core::overlap::OverlapRule;
use jianpai_core::register::Register;
use jianpai_core::{Key, Lang};
use serde_json::{json, Value};

fn boiler() -> Value {
    json!({ "type": "boiler_phaseout", "boilers": 2, "coal_t": 800, "sulfur_pct": 1.0, "replaced_by": "none" })
}
fn switch() -> Value {
    json!({ "type": "fuel_switch", "coal_t": 500, "sulfur_pct": 0.8,
            "coal_boiler_efficiency_pct": 70, "gas_boiler_efficiency_pct": 90 })
}
fn closure() -> Value {
    json!({ "type": "capacity_phaseout", "enterprises": 1,
            "last_year": { "cod_t": 4.0, "so2_t": 2.0 } })
}
fn desulf() -> Value {
    json!({ "type": "desulfurization", "coal_t": 1000, "sulfur_pct": 0.8,
            "efficiency_before_pct": 80, "efficiency_after_pct": 95 })
}
fn wastewater() -> Value {
    json!({ "type": "wastewater", "source": "industrial", "flow_m3_per_day": 500,
            "cod_before_mg_l": 200, "cod_after_mg_l": 80 })
}

/// A project at an enterprise and township (either may be absent).
fn at(id: &str, enterprise: Option<&str>, township: Option<&str>, measure: Value) -> Value {
    let mut p = json!({ "id": id, "name": id, "measure": measure });
    if let Some(e) = enterprise {
        p["enterprise"] = json!(e);
    }
    if let Some(t) = township {
        p["township"] = json!(t);
    }
    p
}

/// (rule, [id, id]) of every overlap the file reports.
fn overlaps(projects: Vec<Value>) -> Vec<(OverlapRule, [String; 2])> {
    report(&file(json!({}), json!({}), projects))
        .overlaps
        .into_iter()
        .map(|o| (o.rule, o.projects))
        .collect()
}

fn ids(a: &str, b: &str) -> [String; 2] {
    [a.to_owned(), b.to_owned()]
}

#[test]
fn a_boiler_phaseout_and_a_fuel_switch_on_the_same_coal_warn_with_both_ids() {
    let got = overlaps(vec![
        at("p3", Some("白沙纺织"), Some("白沙镇"), boiler()),
        at("x", Some("别家"), Some("白沙镇"), wastewater()),
        at("p7", Some("白沙纺织"), Some("白沙镇"), switch()),
    ]);
    assert_eq!(got, vec![(OverlapRule::SameCoal, ids("p3", "p7"))]);
    // Two of either count too.
    let got = overlaps(vec![
        at("a", Some("厂"), Some("镇"), switch()),
        at("b", Some("厂"), Some("镇"), switch()),
    ]);
    assert_eq!(got, vec![(OverlapRule::SameCoal, ids("a", "b"))]);
}

#[test]
fn the_message_names_both_projects_in_both_languages() {
    let r = report(&file(
        json!({}),
        json!({}),
        vec![
            at("p3", Some("白沙纺织"), Some("白沙镇"), boiler()),
            at("p7", Some("白沙纺织"), Some("白沙镇"), switch()),
        ],
    ));
    let o = &r.overlaps[0];
    for m in [&o.message_zh, &o.message_en] {
        assert!(m.contains("p3") && m.contains("p7"), "{m}");
    }
    assert!(o.message_zh.starts_with("可能重复计算"), "{}", o.message_zh);
    assert!(o.message_en.contains("double counting"), "{}", o.message_en);
}

#[test]
fn names_match_after_trimming_and_full_width_folding() {
    // "ＡＢＣ化工 " with full-width letters and an ideographic space, and a padded township.
    let got = overlaps(vec![
        at("a", Some("\u{3000}ＡＢＣ化工 "), Some(" 临江镇"), boiler()),
        at("b", Some("ABC化工"), Some("临江镇\u{3000}"), boiler()),
    ]);
    assert_eq!(got, vec![(OverlapRule::SameCoal, ids("a", "b"))]);
}

#[test]
fn a_closure_and_a_treatment_of_the_same_year_warn_closure_first() {
    for treatment in [desulf(), wastewater()] {
        let got = overlaps(vec![
            at("t1", Some("印染厂"), Some("临江镇"), treatment),
            at("c1", Some("印染厂"), Some("临江镇"), closure()),
        ]);
        assert_eq!(
            got,
            vec![(OverlapRule::ClosureAndTreatment, ids("c1", "t1"))]
        );
    }
}

#[test]
fn two_projects_of_one_type_at_one_place_warn() {
    let got = overlaps(vec![
        at("w1", Some("造纸厂"), Some("青山镇"), wastewater()),
        at("w2", Some("造纸厂"), Some("青山镇"), wastewater()),
    ]);
    assert_eq!(got, vec![(OverlapRule::SameType, ids("w1", "w2"))]);
}

#[test]
fn near_misses_do_not_warn() {
    let cases: Vec<(&str, Vec<Value>)> = vec![
        (
            "different township",
            vec![
                at("a", Some("厂"), Some("白沙镇"), boiler()),
                at("b", Some("厂"), Some("青山镇"), switch()),
            ],
        ),
        (
            "different enterprise",
            vec![
                at("a", Some("甲厂"), Some("镇"), boiler()),
                at("b", Some("乙厂"), Some("镇"), switch()),
            ],
        ),
        (
            "blank enterprise",
            vec![
                at("a", Some("  "), Some("镇"), boiler()),
                at("b", Some(""), Some("镇"), switch()),
                at("c", None, Some("镇"), boiler()),
                // The ideographic space is blank too.
                at("d", Some("\u{3000}"), Some("镇"), switch()),
                at("e", Some(" \u{3000} "), Some("镇"), boiler()),
            ],
        ),
        (
            "unrelated types",
            vec![
                at("a", Some("厂"), Some("镇"), desulf()),
                at("b", Some("厂"), Some("镇"), wastewater()),
                at("c", Some("厂"), Some("镇"), boiler()),
            ],
        ),
        (
            "closure elsewhere",
            vec![
                at("a", Some("厂"), Some("镇"), closure()),
                at("b", Some("厂"), Some("乡"), desulf()),
            ],
        ),
    ];
    for (what, projects) in cases {
        assert_eq!(overlaps(projects), vec![], "{what}");
    }
}

#[test]
fn warnings_are_advisory_the_totals_are_unchanged() {
    let pair = vec![
        at("a", Some("厂"), Some("镇"), boiler()),
        at("b", Some("厂"), Some("镇"), boiler()),
    ];
    let apart = vec![
        at("a", Some("厂"), Some("镇"), boiler()),
        at("b", Some("别厂"), Some("镇"), boiler()),
    ];
    let (with, without) = (
        report(&file(json!({}), json!({}), pair)),
        report(&file(json!({}), json!({}), apart)),
    );
    assert_eq!(with.overlaps.len(), 1);
    assert_eq!(with.totals, without.totals);
    // Both boilers counted: 2 × 800 t coal × 1 % S × 0.8 × 2 = 25.6 t SO₂ full year.
    assert!(
        (with.totals[Key::So2] - 25.6).abs() < 1e-6,
        "{:?}",
        with.totals
    );
}

#[test]
fn the_report_key_is_absent_without_overlaps_and_listed_with_them() {
    let apart = report(&file(
        json!({}),
        json!({}),
        vec![at("a", None, None, boiler())],
    ));
    let v = serde_json::to_value(&apart).unwrap();
    assert!(v.get("overlaps").is_none(), "no key when nothing overlaps");
    let pair = report(&file(
        json!({}),
        json!({}),
        vec![
            at("a", Some("厂"), None, boiler()),
            at("b", Some("厂"), None, switch()),
        ],
    ));
    let v = serde_json::to_value(&pair).unwrap();
    assert_eq!(v["overlaps"][0]["rule"], "same_coal");
    assert_eq!(v["overlaps"][0]["projects"], json!(["a", "b"]));
    assert!(v["overlaps"][0]["message_en"]
        .as_str()
        .unwrap()
        .contains("a and b"));
}

#[test]
fn a_register_reports_overlaps_of_its_counted_projects() {
    let value: Value = serde_json::from_str(&file(
        json!({}),
        json!({}),
        vec![
            at("a", Some("厂"), Some("镇"), boiler()),
            at("b", Some("厂"), Some("镇"), switch()),
        ],
    ))
    .unwrap();
    let rr = Register::read(&value).unwrap().compute();
    let got: Vec<_> = rr
        .report
        .unwrap()
        .overlaps
        .into_iter()
        .map(|o| o.projects)
        .collect();
    assert_eq!(got, vec![ids("a", "b")]);
}

#[test]
fn a_check_lists_every_projects_warnings_then_the_pairs() {
    use jianpai_core::report::CheckWarning;
    // Gas replaces p1's boilers: warnings of its own (gross, not net); p1 and p2 burn one coal.
    let mut gas = boiler();
    gas["replaced_by"] = json!("gas");
    let r = report(&file(
        json!({}),
        json!({}),
        vec![
            at("p1", Some("白沙纺织"), Some("白沙镇"), gas),
            at("p2", Some("白沙纺织"), Some("白沙镇"), switch()),
        ],
    ));
    let list = r.check_warnings();
    let own: usize = r.projects.iter().map(|p| p.warnings.len()).sum();
    assert!(own >= 2, "p1 has warnings of its own");
    assert_eq!(
        list.len(),
        own + 1,
        "every project warning and the one pair"
    );
    let (last, first) = (list[list.len() - 1], &list[..list.len() - 1]);
    assert!(first
        .iter()
        .all(|w| matches!(w, CheckWarning::Project { .. })));
    let CheckWarning::Overlap(pair) = last else {
        panic!("the pair comes last: {last:?}");
    };
    assert_eq!(pair.projects, ids("p1", "p2"));
    assert_eq!(last.code(), "double_counting");
    assert_eq!(last.project(), "p1");
    assert_eq!(last.line(Lang::Zh), pair.message_zh);
    assert!(last.line(Lang::Zh).starts_with("可能重复计算：p1 与 p2"));
    for w in first {
        let CheckWarning::Project { project, warning } = w else {
            unreachable!()
        };
        assert_eq!(
            w.line(Lang::En),
            format!("{project} {}", warning.message(Lang::En))
        );
    }
    let v = serde_json::to_value(last).unwrap();
    assert_eq!(v["projects"], json!(["p1", "p2"]));
    assert_eq!(v["rule"], "same_coal");
    assert_eq!(v["field"], Value::Null);
    assert_eq!(v["project"], "p1");
}

/// The sample's measure of type `t` (the types this file has no builder for).
fn sample_measure(t: &str) -> Value {
    let sample: Value = serde_json::from_str(jianpai_core::SAMPLE_FILE).unwrap();
    sample["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["measure"]["type"] == t)
        .unwrap_or_else(|| panic!("the sample has a {t}"))["measure"]
        .clone()
}

#[test]
fn each_rules_messages_are_worded_in_full() {
    // Every rule's two messages written out by hand (docs/methodology.md §3.12's wording), with a
    // township and without one: the messages are built piece by piece (issue 20), so each piece
    // and its order is checked here.
    let cases: Vec<(Value, Value, &str, &str)> = vec![
        (
            boiler(),
            switch(),
            "可能重复计算：a 与 b 在同一企业（厂，镇）淘汰或替代燃煤，同一批煤可能被计算两次",
            "Possible double counting: a and b both take coal out at the same enterprise (厂, 镇); the same coal may be counted twice",
        ),
        (
            desulf(),
            closure(),
            "可能重复计算：b 关停的企业（厂，镇）上一年排放可能已包含 a 当年治理的减排量",
            "Possible double counting: the last-year emissions closed by b (厂, 镇) may already include the reductions of treatment project a of the same year",
        ),
        (
            wastewater(),
            sample_measure("reclaimed_water"),
            "可能重复计算：b 回用的再生水来自同一单位（厂，镇）的 a 的出水；若 a 的治理后浓度或水量已扣除回用部分，同一 COD、氨氮被计算两次",
            "Possible double counting: the water b reuses is the effluent of a at the same place (厂, 镇); if a's concentration after or flow already leaves the reused part out, the same COD and NH₃-N are counted twice",
        ),
        (
            sample_measure("vocs_substitution"),
            sample_measure("vocs_treatment"),
            "可能重复计算：a 与 b 在同一企业（厂，镇）分别为源头替代和末端治理，两者可能基于同一 VOCs 产生量计算：治理项目的 VOCs 产生量应为替代后的产生量",
            "Possible double counting: a and b are a substitution and a treatment at the same enterprise (厂, 镇) and may both be computed on the same VOCs generated: the treatment's VOCs generated should be those after the substitution",
        ),
        (
            wastewater(),
            wastewater(),
            "可能重复计算：a 与 b 是同一企业（厂，镇）的同类项目",
            "Possible double counting: a and b are projects of the same type at the same enterprise (厂, 镇)",
        ),
    ];
    for (first, second, zh, en) in cases {
        for township in [Some("镇"), None] {
            let r = report(&file(
                json!({}),
                json!({}),
                vec![
                    at("a", Some("厂"), township, first.clone()),
                    at("b", Some("厂"), township, second.clone()),
                ],
            ));
            assert_eq!(r.overlaps.len(), 1, "{zh}");
            let o = &r.overlaps[0];
            // Without a township the place is the enterprise alone.
            let (zh, en) = match township {
                Some(_) => (zh.to_owned(), en.to_owned()),
                None => (zh.replace("厂，镇", "厂"), en.replace("厂, 镇", "厂")),
            };
            assert_eq!(o.message_zh, zh);
            assert_eq!(o.message_en, en);
        }
    }
}
