//! Browser test of a register made with an older factor library (the hand-made fixture library
//! `0000.00-test`, compiled in by jianpai-core's `test-libraries` feature, which only the tests
//! turn on): restored from this browser, it computes with its own library and says so; the
//! difference is a table; keep and upgrade each undo in one step. Expected numbers are computed
//! here from the two libraries' values.
use crate::common::{find, number, shown, text, text_now, until};
use jianpai_web::persist::REGISTER_KEY;
use serde_json::{json, Value};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

const OLD: &str = include_str!("../../crates/core/tests/data/library-0000.00-test.json");
const NEW: &str = include_str!("../../crates/core/data/factors.json");

fn factor(lib: &str, id: &str) -> f64 {
    let v: Value = serde_json::from_str(lib).unwrap();
    v["factors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .and_then(|f| f["value"].as_f64())
        .unwrap_or(f64::NAN)
}

/// Mounts the app with a register saved in this browser: 1000 t of raw coal saved, made with
/// the fixture library.
async fn mount() -> HtmlElement {
    let file = json!({
        "format": "jianpai/1", "year": 2026, "factor_library": "0000.00-test",
        "projects": [{ "id": "c1", "name": "节煤", "measure": { "type": "energy_saving", "saved": { "coal_t": 1000 } } }]
    });
    let save = json!({ "meta": { "revision": 1, "tab": "t", "time": 0 }, "name": "old.json", "file": file });
    crate::common::storage().clear().unwrap();
    crate::common::storage()
        .set_item(REGISTER_KEY, &save.to_string())
        .unwrap();
    crate::common::mount_keeping_storage().await
}

fn click(root: &HtmlElement, selector: &str) {
    find(root, selector)
        .unwrap_or_else(|| panic!("{selector} not found"))
        .click();
}

/// Whether the register's tce total shows `want` (two decimals): what a test waits for.
fn total_tce_is(root: &HtmlElement, want: f64) -> bool {
    (number(&text_now(root, "#register-total-tce")) - want).abs() <= 0.005 + 1e-9 * want.abs()
}

/// The interface shows two decimals.
fn shows(root: &HtmlElement, selector: &str, want: f64) {
    let got = shown(root, selector);
    assert!(
        (got - want).abs() <= 0.005 + 1e-9 * want.abs(),
        "{selector}: {got}, want {want}"
    );
}

#[wasm_bindgen_test]
async fn an_older_library_shows_its_difference_and_keep_and_upgrade_undo() {
    let root = mount().await;
    until(|| find(&root, "#library-upgrade").is_some()).await;
    let (old_coal, new_coal) = (factor(OLD, "tce.raw_coal"), factor(NEW, "tce.raw_coal"));
    let (old_co2, new_co2) = (factor(OLD, "co2.per_tce"), factor(NEW, "co2.per_tce"));
    let (tce_old, tce_new) = (1000.0 * old_coal, 1000.0 * new_coal);
    let current = serde_json::from_str::<Value>(NEW).unwrap()["version"]
        .as_str()
        .unwrap()
        .to_owned();

    // Until a choice, the register computes with the file's own library and says which.
    let in_force = text(&root, "#library-in-force");
    assert!(
        in_force.contains("0000.00-test") && in_force.contains(&current),
        "{in_force}"
    );
    shows(&root, "#register-total-tce", tce_old);

    // The coefficients that differ, old → new, in a real table.
    let row = |id: &str| format!("#library-factors tr[data-id='{id}']");
    assert!(text(&root, &row("tce.raw_coal")).contains(&old_coal.to_string()));
    assert!(text(&root, &row("tce.raw_coal")).contains(&new_coal.to_string()));
    assert!(text(&root, &row("tce.heat")).contains("新增"));
    assert!(text(&root, &row("tce.peat")).contains("删除"));
    assert!(
        text(&root, &row("tce.raw_coal")).contains("c1"),
        "used by c1"
    );
    // Every total, old → new.
    shows(
        &root,
        "#library-totals tr[data-key='tce'] td:nth-of-type(1)",
        tce_old,
    );
    shows(
        &root,
        "#library-totals tr[data-key='tce'] td:nth-of-type(2)",
        tce_new,
    );
    shows(
        &root,
        "#library-totals tr[data-key='tce'] td:nth-of-type(3)",
        tce_new - tce_old,
    );
    shows(
        &root,
        "#library-totals tr[data-key='co2_t'] td:nth-of-type(1)",
        tce_old * old_co2,
    );
    shows(
        &root,
        "#library-totals tr[data-key='co2_t'] td:nth-of-type(2)",
        tce_new * new_co2,
    );
    assert!(text(&root, "#library-projects").contains("c1"));

    // Keep: the old totals stay, the choice is gone; undo brings it back in one step.
    assert_eq!(text(&root, "#keep-old-factors").trim(), "保留旧系数");
    click(&root, "#keep-old-factors");
    until(|| find(&root, "#library-upgrade").is_none()).await;
    assert!(find(&root, "#library-upgrade").is_none());
    shows(&root, "#register-total-tce", tce_old);
    assert!(text(&root, "#library-choice").contains("已保留旧系数"));
    click(&root, "#undo");
    until(|| find(&root, "#library-upgrade").is_some()).await;
    assert!(find(&root, "#library-upgrade").is_some());
    assert_eq!(text(&root, "#library-choice").trim(), "");
    shows(&root, "#register-total-tce", tce_old);

    // Upgrade: the new totals; undo again.
    assert_eq!(text(&root, "#upgrade-factors").trim(), "升级系数库");
    click(&root, "#upgrade-factors");
    until(|| find(&root, "#library-upgrade").is_none() && total_tce_is(&root, tce_new)).await;
    assert!(find(&root, "#library-upgrade").is_none());
    shows(&root, "#register-total-tce", tce_new);
    click(&root, "#undo");
    until(|| find(&root, "#library-upgrade").is_some() && total_tce_is(&root, tce_old)).await;
    assert!(find(&root, "#library-upgrade").is_some());
    shows(&root, "#register-total-tce", tce_old);
}
