//! Browser tests of the app's components in headless Chromium (wasm-bindgen-test): mount, read
//! the DOM, act as a user would (type, choose, click), read again. Expected values are computed
//! here from docs/methodology.md §3.1: R = Q × r × D × (C₁ − C₂) × 10⁻⁶; credited = R × months / 12.
#![cfg(target_arch = "wasm32")]

use jianpai_web::app::App;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn wastewater(q: f64, r: f64, d: f64, c1: f64, c2: f64) -> f64 {
    q * r * d * (c1 - c2) * 1e-6
}

/// Mounts the app in a fresh container, with nothing saved from earlier tests.
fn mount() -> HtmlElement {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .remove_item(jianpai_web::persist::ESTIMATE_KEY)
        .unwrap();
    storage.remove_item("jianpai.lang").unwrap();
    mount_keeping_storage()
}

/// Mounts the app as a reload would: with what this browser has saved.
fn mount_keeping_storage() -> HtmlElement {
    let doc = document();
    let div: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&div).unwrap();
    leptos::mount::mount_to(div.clone(), App).forget();
    div
}

/// The element matching `selector` inside `root`, as the DOM type the test needs.
fn element<T: JsCast>(root: &HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .unchecked_into()
}

fn text(root: &HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .text_content()
        .unwrap_or_default()
}

fn number(root: &HtmlElement, selector: &str) -> f64 {
    text(root, selector)
        .replace(',', "")
        .parse()
        .unwrap_or(f64::NAN)
}

fn type_into(root: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = element(root, selector);
    input.set_value(value);
    input.dispatch_event(&Event::new("input").unwrap()).unwrap();
}

fn choose(root: &HtmlElement, selector: &str, value: &str) {
    let select: HtmlSelectElement = element(root, selector);
    select.set_value(value);
    select
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.005
}

#[wasm_bindgen_test]
async fn shows_the_sample_estimate() {
    let root = mount();
    tick().await;
    let cod = wastewater(10_000.0, 0.8, 365.0, 250.0, 50.0);
    assert!(
        close(number(&root, "#full-cod_t"), cod),
        "{}",
        text(&root, "#full-cod_t")
    );
    assert!(close(
        number(&root, "#full-nh3n_t"),
        wastewater(10_000.0, 0.8, 365.0, 30.0, 5.0)
    ));
    // Sample starts in July: 13 − 7 months under the default start_month rule.
    assert_eq!(text(&root, "#months"), "6");
    assert!(close(number(&root, "#credited-cod_t"), cod * 6.0 / 12.0));
    // The trail names the formula and the values substituted.
    assert!(text(&root, ".trail").contains("10000 × 0.8 × 365 × (250 − 50)"));
}

#[wasm_bindgen_test]
async fn typing_recomputes_live() {
    let root = mount();
    tick().await;
    type_into(&root, "#f-flow_m3_per_day", "25000");
    type_into(&root, "#f-days", "300");
    choose(&root, "#f-start_month", "0");
    tick().await;
    let cod = wastewater(25_000.0, 0.8, 300.0, 250.0, 50.0);
    assert!(
        close(number(&root, "#full-cod_t"), cod),
        "{}",
        text(&root, "#full-cod_t")
    );
    assert_eq!(text(&root, "#months"), "12");
    assert!(close(number(&root, "#credited-cod_t"), cod));
}

#[wasm_bindgen_test]
async fn errors_appear_next_to_their_field() {
    let root = mount();
    tick().await;
    type_into(&root, "#f-load_rate", "x");
    tick().await;
    assert_eq!(text(&root, "#f-load_rate-error"), "请输入数字");
    type_into(&root, "#f-load_rate", "0.8");
    type_into(&root, "#f-nh3n_after_mg_l", "-1");
    tick().await;
    assert!(text(&root, "#f-load_rate-error").is_empty());
    assert!(text(&root, "#f-nh3n_after_mg_l-error").contains("不能为负数"));
    assert!(root.query_selector("#form-errors").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn language_switch_changes_the_interface() {
    let root = mount();
    tick().await;
    let button: HtmlElement = element(&root, "#lang-toggle");
    assert_eq!(button.text_content().unwrap(), "English");
    button.click();
    tick().await;
    assert!(text(&root, "#estimate-title").contains("Project estimate"));
    assert_eq!(button.text_content().unwrap(), "中文");
    button.click();
    tick().await;
}

#[wasm_bindgen_test]
async fn shows_the_sample_portfolio_with_its_bulletin() {
    let root = mount();
    tick().await;
    let rows = root
        .query_selector_all(".portfolio-summary__projects tbody tr")
        .unwrap()
        .length();
    let sample_projects = jianpai_core::SAMPLE_FILE.matches("\"measure\"").count() as u32;
    assert_eq!(rows, sample_projects);
    // p01 is the docs/file-format.md §2 example plant from July: 10,000 × 0.8 × 365 × 200 × 1e-6 × 6/12.
    let p01 = text(&root, "tr[data-id='p01']");
    let credited = wastewater(10_000.0, 0.8, 365.0, 250.0, 50.0) * 6.0 / 12.0;
    assert!(p01.contains(&format!("{credited}")), "{p01}");
    let bulletin = text(&root, "#bulletin");
    assert!(bulletin.starts_with("2026年全县"), "{bulletin}");
    assert!(bulletin.contains("削减COD"), "{bulletin}");
    assert!(!text(&root, "#total-cod_t").is_empty());
    // One row per township of the sample file, and per category used in it.
    let sample: serde_json::Value = serde_json::from_str(jianpai_core::SAMPLE_FILE).unwrap();
    let projects = sample["projects"].as_array().unwrap();
    let townships: std::collections::BTreeSet<_> = projects
        .iter()
        .map(|p| p["township"].as_str().unwrap_or(""))
        .collect();
    let rows = |sel: &str| root.query_selector_all(sel).unwrap().length() as usize;
    assert_eq!(rows("#by-township tbody tr"), townships.len());
    let types: std::collections::BTreeSet<_> = projects
        .iter()
        .map(|p| p["measure"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(rows("#by-type tbody tr"), types.len());
    assert_eq!(rows("#by-category tbody tr"), 3);
}

#[wasm_bindgen_test]
async fn every_measure_type_has_a_form_and_switching_keeps_inputs() {
    let root = mount();
    tick().await;
    // Desulfurisation, docs/methodology.md §3.2 / §8 example 2: 2 × k × B × S × (η_after × f_op − η_before).
    choose(&root, "#f-type", "desulfurization");
    tick().await;
    type_into(&root, "#f-coal_t", "1000");
    type_into(&root, "#f-sulfur_pct", "1");
    type_into(&root, "#f-efficiency_before_pct", "0");
    type_into(&root, "#f-efficiency_after_pct", "90");
    type_into(&root, "#f-operating_rate", "1");
    tick().await;
    let so2 = 2.0 * 0.8 * 1000.0 * 0.01 * (0.90 * 1.0 - 0.0);
    assert!(
        close(number(&root, "#full-so2_t"), so2),
        "{}",
        text(&root, "#full-so2_t")
    );
    // Nested fields: a capacity phase-out's last-year emissions are credited as they are.
    choose(&root, "#f-type", "capacity_phaseout");
    tick().await;
    type_into(&root, "#f-last_year__cod_t", "12.5");
    tick().await;
    assert!(
        close(number(&root, "#full-cod_t"), 12.5),
        "{}",
        text(&root, "#full-cod_t")
    );
    // Back to desulfurisation: what was typed is still there.
    choose(&root, "#f-type", "desulfurization");
    tick().await;
    assert!(
        close(number(&root, "#full-so2_t"), so2),
        "{}",
        text(&root, "#full-so2_t")
    );
    tick().await;
    let coal: HtmlInputElement = element(&root, "#f-coal_t");
    assert_eq!(coal.value(), "1000");
    for ty in <jianpai_core::MeasureType as jianpai_core::Choice>::NAMES {
        choose(&root, "#f-type", ty);
        tick().await;
        let inputs = root
            .query_selector_all(".project-estimate__form input, .project-estimate__form select")
            .unwrap()
            .length();
        assert!(inputs >= 3, "{ty} has a form ({inputs} inputs)");
    }
}

#[wasm_bindgen_test]
async fn typed_values_survive_a_reload_and_reset_restores_the_sample() {
    let first = mount();
    tick().await;
    choose(&first, "#f-type", "denitrification");
    tick().await;
    type_into(&first, "#f-coal_t", "777");
    choose(&first, "#f-start_month", "5");
    tick().await;
    let again = mount_keeping_storage();
    tick().await;
    let coal: HtmlInputElement = element(&again, "#f-coal_t");
    assert_eq!(coal.value(), "777");
    let month: HtmlSelectElement = element(&again, "#f-start_month");
    assert_eq!(month.value(), "5");
    let reset: HtmlElement = element(&again, "#reset-estimate");
    reset.click();
    tick().await;
    tick().await;
    let coal: HtmlInputElement = element(&again, "#f-coal_t");
    // The sample's denitrification project (p05) burns 30,000 t of coal.
    assert_eq!(coal.value(), "30000");
}

#[wasm_bindgen_test]
async fn crediting_rule_category_and_electricity_basis_apply() {
    let root = mount();
    tick().await;
    // docs/methodology.md §8 example 3: 11,000 t coal, S 1 %, FGD 75 % from June.
    choose(&root, "#f-type", "desulfurization");
    tick().await;
    type_into(&root, "#f-coal_t", "11000");
    type_into(&root, "#f-sulfur_pct", "1");
    type_into(&root, "#f-efficiency_before_pct", "0");
    type_into(&root, "#f-efficiency_after_pct", "75");
    type_into(&root, "#f-operating_rate", "1");
    choose(&root, "#f-start_month", "6");
    tick().await;
    let full = 2.0 * 0.8 * 11_000.0 * 0.01 * 0.75;
    assert!(close(number(&root, "#full-so2_t"), full));
    // Default rule: credited from the month itself, 13 − 6 = 7 months.
    assert!(close(number(&root, "#credited-so2_t"), full * 7.0 / 12.0));
    // 十三五 rule: engineering measures from the second month, 12 − 6 = 6 months.
    choose(&root, "#f-crediting", "second_month");
    tick().await;
    assert_eq!(text(&root, "#months"), "6");
    assert!(close(number(&root, "#credited-so2_t"), full * 6.0 / 12.0));
    // The same measure declared structural keeps 13 − 6 under that rule.
    choose(&root, "#f-category", "structural");
    tick().await;
    assert_eq!(text(&root, "#months"), "7");
    // Electricity: 1 GWh is 122.9 tce by calorific equivalent, 309 tce at 309 gce/kWh.
    choose(&root, "#f-type", "energy_saving");
    tick().await;
    for id in ["#f-saved__water_t", "#f-saved__coal_t"] {
        if root.query_selector(id).unwrap().is_some() {
            type_into(&root, id, "");
        }
    }
    type_into(&root, "#f-saved__electricity_kwh", "1000000");
    tick().await;
    assert!(
        close(number(&root, "#full-tce"), 1_000_000.0 * 0.1229 / 1000.0),
        "{}",
        text(&root, "#full-tce")
    );
    choose(&root, "#f-electricity_basis", "equal_value");
    tick().await;
    assert!(
        close(number(&root, "#full-tce"), 1_000_000.0 * 0.309 / 1000.0),
        "{}",
        text(&root, "#full-tce")
    );
}
