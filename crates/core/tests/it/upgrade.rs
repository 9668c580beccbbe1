//! A pinned factor library: a file computes with the library it records; the diff to another
//! library (coefficients added, removed, changed; every total old → new, by hand); keep vs upgrade.

use jianpai_core::factors::{FactorLibrary, Override};
use jianpai_core::register::Register;
use jianpai_core::report::compute_with_library;
use jianpai_core::upgrade::{self, Change, LibraryDiff};
use jianpai_core::{compute, load, ErrorKind, Key, Lang, Status};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Two hand-made libraries from the current one: raw coal's value changed, coal CO₂'s status changed,
/// heat removed, a factor no library has added.
fn libraries() -> (FactorLibrary, FactorLibrary) {
    let mut old = FactorLibrary::builtin().clone();
    old.version = "test-old".into();
    let mut new = old.clone();
    new.version = "test-new".into();
    for f in &mut new.factors {
        if f.id == "tce.raw_coal" {
            f.value = 0.75;
        }
        if f.id == "co2.coal_per_tce" {
            f.status = Status::Official;
            assert_ne!(f.status, old.get("co2.coal_per_tce").unwrap().status);
        }
    }
    new.factors.retain(|f| f.id != "tce.heat");
    let mut added = new.get("tce.diesel").unwrap().clone();
    added.id = "tce.added_for_test".into();
    new.factors.push(added);
    (old, new)
}

/// Coal saved (uses raw coal and CO₂) and water saved (uses neither changed value).
fn file_json(extra: Value) -> Value {
    let mut v = json!({
        "format": "jianpai/1", "year": 2026,
        "projects": [
            { "id": "coal", "name": "节煤", "measure": { "type": "energy_saving", "saved": { "coal_t": 1000 } } },
            { "id": "water", "measure": { "type": "energy_saving", "saved": { "water_t": 10000 } } }
        ]
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

fn value(lib: &FactorLibrary, id: &str) -> f64 {
    lib.get(id).unwrap().value
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn the_diff() -> (LibraryDiff, FactorLibrary, FactorLibrary) {
    let (old, new) = libraries();
    let file = load(&file_json(json!({})).to_string()).unwrap();
    let d = upgrade::diff_file_with(&file, &old, &new).expect("diff");
    (d, old, new)
}

#[test]
fn the_diff_lists_added_removed_and_changed_coefficients_and_who_uses_them() {
    let (d, _, _) = the_diff();
    assert_eq!((d.from.as_str(), d.to.as_str()), ("test-old", "test-new"));
    let find = |id: &str| d.factors.iter().find(|c| c.id == id).unwrap();
    let coal = find("tce.raw_coal");
    assert_eq!(coal.change, Change::Changed);
    assert_eq!(coal.fields, vec!["value"]);
    assert_eq!(
        (
            coal.old.as_ref().unwrap().value,
            coal.new.as_ref().unwrap().value
        ),
        (0.7143, 0.75)
    );
    assert_eq!(coal.used_by, vec!["coal"]);
    // Coal's CO₂ is per fuel; water's (fuel unknown) per tce.
    let co2 = find("co2.coal_per_tce");
    assert_eq!(
        (co2.change, co2.fields.clone()),
        (Change::Changed, vec!["status"])
    );
    assert_eq!(co2.used_by, vec!["coal"]);
    assert_eq!(find("tce.heat").change, Change::Removed);
    assert!(find("tce.heat").used_by.is_empty());
    assert_eq!(find("tce.added_for_test").change, Change::Added);
    assert_eq!(d.factors.len(), 4, "nothing else differs");
}

#[test]
fn the_effect_on_every_total_is_the_hand_computed_one() {
    let (d, old, new) = the_diff();
    // By hand: tce = coal × raw-coal factor + water × water factor; CO₂ = coal's tce × CO₂ of
    // coal per tce + water's tce × CO₂ per tce (fuel unknown).
    let water_tce = 10000.0 * value(&old, "tce.water");
    let (co2_coal, co2_tce) = (value(&old, "co2.coal_per_tce"), value(&old, "co2.per_tce"));
    let co2 = |raw: f64| 1000.0 * raw * co2_coal + water_tce * co2_tce;
    let tce_old = 1000.0 * value(&old, "tce.raw_coal") + water_tce;
    let tce_new = 1000.0 * value(&new, "tce.raw_coal") + water_tce;
    assert_eq!(d.totals.len(), Key::ALL.len(), "every key of the totals");
    let t = |k: Key| d.totals.iter().find(|c| c.key == k).unwrap();
    assert!(close(t(Key::Tce).old, tce_old), "{}", t(Key::Tce).old);
    assert!(close(t(Key::Tce).new, tce_new));
    assert!(close(t(Key::Tce).delta, 1000.0 * (0.75 - 0.7143)));
    assert!(close(t(Key::Co2).old, co2(value(&old, "tce.raw_coal"))));
    assert!(close(t(Key::Co2).new, co2(value(&new, "tce.raw_coal"))));
    assert_eq!(t(Key::So2).delta, 0.0);
    // Only the coal project changes, in tce and CO₂.
    assert_eq!(d.projects.len(), 1);
    assert_eq!(d.projects[0].id, "coal");
    let keys: Vec<Key> = d.projects[0].amounts.iter().map(|a| a.key).collect();
    assert_eq!(keys, vec![Key::Tce, Key::Co2]);
}

#[test]
fn keep_gives_exactly_the_old_totals_and_upgrade_the_new_ones() {
    let (d, old, new) = the_diff();
    assert!(d.keep_exact);
    let keys: Vec<&String> = d.keep.keys().collect();
    assert_eq!(
        keys,
        vec!["tce.raw_coal"],
        "only a used coefficient whose value changed"
    );
    let kept = &d.keep["tce.raw_coal"];
    assert_eq!(kept.value, 0.7143);
    assert!(kept.note.contains("系数库 test-old 的值（升级时保留）"));
    let file = load(&file_json(json!({})).to_string()).unwrap();
    let before = compute_with_library(&file, &old).unwrap();
    // Keep: the overrides recorded in the file, computed with the new library.
    let mut f = file.clone().into_inner();
    f.overrides.extend(d.keep.clone());
    let f = f.validate().unwrap();
    let kept = compute_with_library(&f, &new).unwrap();
    assert_eq!(kept.totals, before.totals, "keep = the old totals, exactly");
    // Upgrade: the new library as it is; the totals are the diff's new ones.
    let upgraded = compute_with_library(&file, &new).unwrap();
    for c in &d.totals {
        assert_eq!(upgraded.totals[c.key], c.new);
        assert_eq!(before.totals[c.key], c.old);
    }
    assert_ne!(upgraded.totals[Key::Tce], before.totals[Key::Tce]);
}

#[test]
fn keep_does_not_replace_a_users_override() {
    let (old, new) = libraries();
    let file = file_json(json!({
        "overrides": { "tce.raw_coal": { "value": 0.7, "note": "本县实测热值" } }
    }));
    let file = load(&file.to_string()).unwrap();
    let d = upgrade::diff_file_with(&file, &old, &new).unwrap();
    assert!(d.keep.is_empty(), "{:?}", d.keep);
    // The user's override is in force with both libraries: nothing changes.
    assert!(d.totals.iter().all(|c| c.delta == 0.0));
    assert!(d.keep_exact);
}

#[test]
fn a_file_recording_2026_11_2_computes_with_the_archived_library() {
    let archived: FactorLibrary =
        serde_json::from_str(include_str!("../../data/libraries/2026.11-2.json")).unwrap();
    let file = load(&file_json(json!({ "factor_library": "2026.11-2" })).to_string()).unwrap();
    let r = compute(&file).unwrap();
    assert_eq!(r.factor_library, "2026.11-2");
    let tce = 1000.0 * value(&archived, "tce.raw_coal") + 10000.0 * value(&archived, "tce.water");
    assert!(close(r.totals[Key::Tce], tce));
    assert!(close(
        r.totals[Key::Co2],
        tce * value(&archived, "co2.per_tce")
    ));
    // The register computes with it as well.
    let reg = Register::read(&file_json(json!({ "factor_library": "2026.11-2" }))).unwrap();
    let rr = reg.compute().report.unwrap();
    assert_eq!(rr.factor_library, "2026.11-2");
    assert_eq!(rr.totals, r.totals);
}

#[test]
fn upgrading_2026_11_3_shows_the_grid_factor_old_to_new_and_keep_holds_it() {
    // A 2021 file of 2026.11-3, 1 GWh saved: 1,000 MWh × 0.5703 = 570.3 t with the old library;
    // with 2026.12-1 the 2021 national row, × 0.5568 = 556.8 t; keeping holds 0.5703 → 570.3 t.
    let text = json!({ "format": "jianpai/1", "year": 2021, "factor_library": "2026.11-3",
        "projects": [{ "id": "e", "measure": { "type": "energy_saving",
            "saved": { "electricity_kwh": 1_000_000 } } }] });
    let file = load(&text.to_string()).unwrap();
    let d = upgrade::diff_file(&file, FactorLibrary::builtin()).unwrap();
    assert_eq!(d.from, "2026.11-3");
    let grid = d
        .factors
        .iter()
        .find(|c| c.id == "co2.grid_electricity")
        .expect("the grid factor is listed");
    assert_eq!(grid.change, Change::Changed);
    assert_eq!(grid.old.as_ref().unwrap().value, 0.5703);
    assert_eq!(grid.new.as_ref().unwrap().value, 0.5306);
    assert_eq!(grid.used_by, ["e"]);
    let row = d
        .factors
        .iter()
        .find(|c| c.id == "co2.grid_electricity.national.2021")
        .expect("the row is listed as added");
    assert_eq!(row.change, Change::Added);
    assert_eq!(row.used_by, ["e"]);
    let co2 = d.totals.iter().find(|t| t.key == Key::Co2).unwrap();
    assert!(close(co2.old, 570.3) && close(co2.new, 556.8), "{co2:?}");
    assert_eq!(d.keep["co2.grid_electricity"].value, 0.5703);
    assert!(d.keep_exact);
    // The upgraded register computes what the diff said.
    let reg = Register::read(&text).unwrap();
    let up = upgrade::upgrade_register(&reg).compute().report.unwrap();
    assert!(close(up.totals[Key::Co2], 556.8));
    let kept = upgrade::keep_register(&reg, &d).compute().report.unwrap();
    assert!(close(kept.totals[Key::Co2], 570.3));
}

#[test]
fn an_unknown_library_is_a_clear_error_naming_the_known_ones() {
    let text = file_json(json!({ "factor_library": "2099.01-1" })).to_string();
    let errs = load(&text).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field.as_deref(), Some("factor_library"));
    assert!(matches!(errs[0].kind, ErrorKind::UnknownLibrary { .. }));
    let zh = errs[0].message(Lang::Zh);
    assert!(zh.contains("2099.01-1") && zh.contains("2026.11-2"), "{zh}");
    let en = errs[0].message(Lang::En);
    assert!(en.contains("2099.01-1") && en.contains("2026.11-2"), "{en}");
    // A register opens (nothing is lost) but does not total, with the same message.
    let reg = Register::read(&file_json(json!({ "factor_library": "2099.01-1" }))).unwrap();
    let rr = reg.compute();
    assert!(rr.report.is_err());
    assert!(upgrade::register_diff(&reg).is_none());
}

#[test]
fn a_new_register_records_the_current_library_and_absent_means_current() {
    let reg = Register::default();
    assert_eq!(
        reg.head()["factor_library"],
        json!(FactorLibrary::builtin().version)
    );
    let file = load(&file_json(json!({})).to_string()).unwrap();
    assert_eq!(
        compute(&file).unwrap().factor_library,
        FactorLibrary::builtin().version
    );
    assert!(
        upgrade::register_diff(&reg).is_none(),
        "current: no choice to make"
    );
}

#[test]
fn keep_and_upgrade_on_a_register_record_the_current_library() {
    let reg = Register::read(&file_json(json!({
        "factor_library": "test-old",
        "overrides": { "co2.per_tce": { "value": 2.5, "note": "mine" } }
    })))
    .unwrap();
    let mut keep = BTreeMap::new();
    for (id, v) in [("tce.raw_coal", 0.7143), ("co2.per_tce", 2.66)] {
        keep.insert(
            id.to_owned(),
            Override {
                value: v,
                note: "kept".into(),
            },
        );
    }
    let (d, _, _) = the_diff();
    let d = LibraryDiff { keep, ..d };
    let current = json!(FactorLibrary::builtin().version);
    let up = upgrade::upgrade_register(&reg);
    assert_eq!(up.head()["factor_library"], current);
    assert_eq!(
        up.head()["overrides"],
        reg.head()["overrides"],
        "upgrade adds no override"
    );
    let k = upgrade::keep_register(&reg, &d);
    assert_eq!(k.head()["factor_library"], current);
    assert_eq!(
        k.head()["overrides"]["co2.per_tce"],
        json!({ "value": 2.5, "note": "mine" })
    );
    assert_eq!(
        k.head()["overrides"]["tce.raw_coal"],
        json!({ "value": 0.7143, "note": "kept" })
    );
    assert_eq!(k.projects, reg.projects, "the projects are untouched");
}
