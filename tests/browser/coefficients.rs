//! Browser tests of the coefficient library (wasm-bindgen-test in headless Chromium): the table
//! against `FactorLibrary::builtin()`, an override refused without a justification, an override
//! with one changing the SO₂ total as the engine computes it for the file with that override,
//! the overrides in force with the projects they touch, reset and undo.
use crate::common::{find, mount, number, text, text_now, type_into, until};
use jianpai_core::register::Register;
use jianpai_core::{FactorLibrary, Key, Status, SAMPLE_FILE};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

const SULFUR: &str = "so2.sulfur_conversion";

fn element(root: &HtmlElement, selector: &str) -> HtmlElement {
    find(root, selector).unwrap_or_else(|| panic!("{selector} not found"))
}

/// The button of a factor's row by its visible name (覆盖 / 恢复默认).
fn row_button(root: &HtmlElement, id: &str, name: &str) -> HtmlElement {
    let buttons = root
        .query_selector_all(&format!(
            "#coefficients-table tr[data-factor='{id}'] button"
        ))
        .unwrap();
    (0..buttons.length())
        .map(|i| buttons.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("row {id} has no button {name}"))
}

fn so2_total(root: &HtmlElement) -> f64 {
    number(&text(root, "#total-so2_t"))
}

/// The SO₂ total shown now (NaN while there is none): for conditions.
fn so2_total_now(root: &HtmlElement) -> f64 {
    number(&text_now(root, "#total-so2_t"))
}

/// How many factor rows the library table shows.
fn factor_rows(root: &HtmlElement) -> u32 {
    root.query_selector_all("#coefficients-table tbody tr[data-factor]")
        .unwrap()
        .length()
}

/// The sample file, optionally with `overrides.<SULFUR>` set, as the engine reads it.
fn sample_with(sulfur: Option<f64>) -> Register {
    let mut value: Value = serde_json::from_str(SAMPLE_FILE).unwrap();
    if let Some(x) = sulfur {
        value["overrides"][SULFUR] = json!({ "value": x, "note": "test" });
    }
    Register::read(&value).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 + 1e-9 * b.abs()
}

#[wasm_bindgen_test]
async fn the_table_lists_every_library_factor_with_its_value_and_status() {
    let root = mount().await;
    let lib = FactorLibrary::builtin();
    let rows = root
        .query_selector_all("#coefficients-table tbody tr[data-factor]")
        .unwrap();
    assert_eq!(
        rows.length() as usize,
        lib.factors.len(),
        "one row per factor"
    );
    assert!(text(&root, "#coefficients-table caption").contains(&lib.version));
    for f in &lib.factors {
        let row = format!("#coefficients-table tr[data-factor='{}']", f.id);
        let shown = number(&text(&root, &format!("{row} .coefficients__value")));
        // Shown to nine significant digits (1/30 reads 0.0333333333).
        assert!(
            (shown - f.value).abs() <= 1e-8 * f.value.abs(),
            "{}: the table shows {shown}, the library {}",
            f.id,
            f.value
        );
        let status = text(&root, &format!("{row} .coefficients__status"));
        let (word, marked) = match f.status {
            Status::Official => ("官方文本", false),
            Status::Secondary => ("二手来源", false),
            Status::Unverified => ("未核实", true),
        };
        assert!(status.contains(word), "{}: status {status}", f.id);
        assert_eq!(status.contains('⚠'), marked, "{}: status {status}", f.id);
        assert!(text(&root, &row).contains(&f.name_zh), "{}: name", f.id);
    }
    // The filter keeps the matching rows only.
    type_into(&root, "#coefficients-filter", "sulfur_conv");
    until(|| factor_rows(&root) == 1).await;
    let rows = root
        .query_selector_all("#coefficients-table tbody tr[data-factor]")
        .unwrap();
    assert_eq!(rows.length(), 1);
    assert!(find(&root, &format!("tr[data-factor='{SULFUR}']")).is_some());
}

#[wasm_bindgen_test]
async fn an_override_without_a_justification_is_refused_and_changes_nothing() {
    let root = mount().await;
    let before = so2_total(&root);
    let base = sample_with(None).compute().report.unwrap().totals[Key::So2];
    assert!(close(before, base), "shown {before}, engine {base}");
    row_button(&root, SULFUR, "覆盖").click();
    until(|| find(&root, "#override-value").is_some()).await;
    type_into(&root, "#override-value", "0.85");
    type_into(&root, "#override-note", "   ");
    element(&root, "#override-save").click();
    until(|| !text_now(&root, "#override-note-error").trim().is_empty()).await;
    assert_eq!(
        text(&root, "#override-note-error").trim(),
        "请填写覆盖理由：没有理由的覆盖不会保存。"
    );
    assert_eq!(so2_total(&root), before, "nothing changed");
    assert!(find(
        &root,
        "#coefficients-in-force li[data-factor='so2.sulfur_conversion']"
    )
    .is_none());
    assert!(
        element(&root, "#undo").has_attribute("disabled"),
        "nothing was stored, so nothing to undo"
    );
    // A value that is not a number is refused next to the value, with a justification given.
    type_into(&root, "#override-value", "0.8x");
    type_into(&root, "#override-note", "实测");
    element(&root, "#override-save").click();
    until(|| !text_now(&root, "#override-value-error").trim().is_empty()).await;
    assert!(!text(&root, "#override-value-error").trim().is_empty());
    assert_eq!(so2_total(&root), before, "nothing changed");
}

#[wasm_bindgen_test]
async fn an_override_with_a_justification_changes_the_total_and_can_be_reset_and_undone() {
    let root = mount().await;
    let base = sample_with(None).compute().report.unwrap().totals[Key::So2];
    let overridden = sample_with(Some(0.85)).compute();
    let expected = overridden.report.as_ref().unwrap().totals[Key::So2];
    assert!(
        (expected - base).abs() > 1.0,
        "the override matters in the sample"
    );

    row_button(&root, SULFUR, "覆盖").click();
    until(|| find(&root, "#override-value").is_some()).await;
    type_into(&root, "#override-value", "0.85");
    type_into(&root, "#override-note", "本县燃煤含硫转化率实测 0.85");
    element(&root, "#override-save").click();
    until(|| {
        close(so2_total_now(&root), expected)
            && find(
                &root,
                &format!("#coefficients-in-force li[data-factor='{SULFUR}']"),
            )
            .is_some()
    })
    .await;
    let got = so2_total(&root);
    assert!(close(got, expected), "shown {got}, engine {expected}");
    let in_force = text(
        &root,
        &format!("#coefficients-table tr[data-factor='{SULFUR}'] .coefficients__override"),
    );
    assert!(
        in_force.contains("0.85") && in_force.contains("实测"),
        "{in_force}"
    );

    // Listed with every project whose result uses the factor, and only those.
    let item = text(
        &root,
        &format!("#coefficients-in-force li[data-factor='{SULFUR}']"),
    );
    let mut touched = 0;
    for (e, r) in sample_with(None).projects.iter().zip(&overridden.results) {
        let r = r.as_ref().unwrap();
        let uses = r
            .trail
            .iter()
            .any(|t| t.factors.iter().any(|f| f.id == SULFUR));
        let label = format!("{} {}", e.id().unwrap(), e.text("name"));
        assert_eq!(item.contains(&label), uses, "{label} in {item}");
        touched += usize::from(uses);
    }
    assert!(touched > 0);
    // The sample's own override is kept.
    assert!(find(
        &root,
        "#coefficients-in-force li[data-factor='co2.per_tce']"
    )
    .is_some());

    row_button(&root, SULFUR, "恢复默认").click();
    until(|| close(so2_total_now(&root), base)).await;
    assert!(close(so2_total(&root), base), "reset restores the total");
    assert!(find(
        &root,
        &format!("#coefficients-in-force li[data-factor='{SULFUR}']")
    )
    .is_none());
    assert!(find(
        &root,
        "#coefficients-in-force li[data-factor='co2.per_tce']"
    )
    .is_some());

    // 撤销 takes the reset back, then the override itself.
    element(&root, "#undo").click();
    until(|| close(so2_total_now(&root), expected)).await;
    assert!(close(so2_total(&root), expected), "undo of the reset");
    element(&root, "#undo").click();
    until(|| close(so2_total_now(&root), base)).await;
    assert!(close(so2_total(&root), base), "undo of the override");
}

#[wasm_bindgen_test]
async fn an_unverified_default_is_marked_where_a_result_uses_it() {
    let root = mount().await;
    // A project of the sample whose trail cites an unverified coefficient (the engine says which).
    let register = sample_with(None);
    let lib = FactorLibrary::builtin();
    let report = register.compute();
    let (id, factor) = register
        .projects
        .iter()
        .zip(&report.results)
        .find_map(|(e, r)| {
            let r = r.as_ref().ok()?;
            let f = r.trail.iter().flat_map(|t| &t.factors).find(|f| {
                f.override_note.is_none()
                    && lib.get(&f.id).map(|l| l.status) == Some(Status::Unverified)
            })?;
            Some((e.id().unwrap().to_owned(), f.id.clone()))
        })
        .expect("the sample uses an unverified default");
    element(&root, &format!("#register-table tr[data-id='{id}']")).click();
    until(|| find(&root, ".register__selected .trail__factors li.factor").is_some()).await;
    let items = root
        .query_selector_all(".register__selected .trail__factors li.factor")
        .unwrap();
    let cited: Vec<String> = (0..items.length())
        .map(|i| items.item(i).unwrap().text_content().unwrap_or_default())
        .filter(|s| s.contains(&factor))
        .collect();
    assert!(!cited.is_empty(), "{id}'s trail cites {factor}");
    for line in &cited {
        assert!(line.contains("⚠ 未核实"), "{line}");
    }
}
