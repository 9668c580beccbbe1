//! Browser tests of the app's components in headless Chromium (wasm-bindgen-test): mount, read
//! the DOM, act as a user would (type, choose, click), read again. Expected values are computed
//! here from docs/methodology.md §3.1: R = Q × r × D × (C₁ − C₂) × 10⁻⁶; credited = R × months / 12.
use crate::common::{
    element, find, mount, mount_keeping_storage, storage, text, text_now, type_into, until,
    value_now, SAMPLE_WASTEWATER,
};
use jianpai_core::schema::{self, FieldKind};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

fn wastewater(q: f64, r: f64, d: f64, c1: f64, c2: f64) -> f64 {
    q * r * d * (c1 - c2) * 1e-6
}

fn choose(root: &HtmlElement, selector: &str, value: &str) {
    let select: HtmlSelectElement = element(root, selector);
    select.set_value(value);
    select
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
}

/// Decimals the interface shows (two; ".00" is left off). A shown number is the true value rounded
/// to that, so it may differ from the value by up to half a unit in the last place.
const SHOWN_DECIMALS: i32 = 2;

/// Whether `shown` is written as the interface writes quantities: an optional minus, the integer
/// part grouped by commas in threes, then either nothing or exactly `SHOWN_DECIMALS` decimals.
fn well_formed(shown: &str) -> bool {
    let s = shown.strip_prefix('-').unwrap_or(shown);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let groups: Vec<&str> = int.split(',').collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let int_ok = groups.iter().all(|g| digits(g))
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3);
    let frac_ok = !s.contains('.') || (digits(frac) && frac.len() == SHOWN_DECIMALS as usize);
    int_ok && frac_ok
}

/// Asserts that `selector` shows `expected` as the interface displays it: well formed, and equal to
/// `expected` rounded to the shown decimals (half a unit of the last shown digit, plus float noise).
fn assert_shows(root: &HtmlElement, selector: &str, expected: f64) {
    let shown = text(root, selector);
    assert!(
        well_formed(&shown),
        "{selector} shows {shown:?}, not a number as displayed"
    );
    let value: f64 = shown.replace(',', "").parse().unwrap();
    let half_unit = 0.5 * 10f64.powi(-SHOWN_DECIMALS);
    assert!(
        (value - expected).abs() <= half_unit + 1e-9 * expected.abs().max(1.0),
        "{selector} shows {shown}, expected {expected} to {SHOWN_DECIMALS} decimals"
    );
}

/// Whether `selector` shows `expected` as [`assert_shows`] wants it (false while it is not there):
/// what a test waits for before asserting it.
fn shows(root: &HtmlElement, selector: &str, expected: f64) -> bool {
    let shown = text_now(root, selector);
    let half_unit = 0.5 * 10f64.powi(-SHOWN_DECIMALS);
    well_formed(&shown)
        && shown
            .replace(',', "")
            .parse::<f64>()
            .is_ok_and(|v| (v - expected).abs() <= half_unit + 1e-9 * expected.abs().max(1.0))
}

/// Whether the form shows every field of `measure_type` (what a test waits for after choosing it).
fn form_shows(root: &HtmlElement, measure_type: &str) -> bool {
    schema::fields(measure_type)
        .iter()
        .all(|spec| find(root, &format!("#f-{}", spec.path.replace('.', "__"))).is_some())
}

/// Empties every number field of the form for `measure_type` (selects, like the gas kind, are
/// left as they are).
fn blank_numbers(root: &HtmlElement, measure_type: &str) {
    for spec in schema::fields(measure_type) {
        if matches!(spec.kind, FieldKind::Number) {
            type_into(root, &format!("#f-{}", spec.path.replace('.', "__")), "");
        }
    }
}
fn type_sample_wastewater(root: &HtmlElement) {
    for (path, text) in SAMPLE_WASTEWATER {
        type_into(root, &format!("#f-{path}"), text);
    }
    choose(root, "#f-start_month", "7");
}

#[wasm_bindgen_test]
async fn starts_blank_with_the_sample_as_placeholders_and_computes_it_typed() {
    let root = mount().await;
    // Blank (issue 19 B3): the sample's values are placeholders; a field with a default shows it.
    for (path, sample) in SAMPLE_WASTEWATER {
        let input: HtmlInputElement = element(&root, &format!("#f-{path}"));
        assert_eq!(input.value(), "", "{path} starts blank");
        let placeholder = match path {
            "load_rate" => "1",
            "days" => "365",
            _ => sample,
        };
        assert_eq!(input.placeholder(), placeholder, "{path}'s placeholder");
    }
    assert!(find(&root, "#full-cod_t").is_none(), "nothing computed yet");
    type_sample_wastewater(&root);
    let cod = wastewater(10_000.0, 0.8, 365.0, 250.0, 50.0);
    until(|| shows(&root, "#full-cod_t", cod) && text_now(&root, "#months") == "6").await;
    assert_shows(&root, "#full-cod_t", cod);
    assert_shows(
        &root,
        "#full-nh3n_t",
        wastewater(10_000.0, 0.8, 365.0, 30.0, 5.0),
    );
    // Sample starts in July: 13 − 7 months under the default start_month rule.
    assert_eq!(text(&root, "#months"), "6");
    assert_shows(&root, "#credited-cod_t", cod * 6.0 / 12.0);
    // The trail names the formula and the values substituted.
    assert!(text(&root, ".trail").contains("10000 × 0.8 × 365 × (250 − 50)"));
}

#[wasm_bindgen_test]
async fn typing_recomputes_live() {
    let root = mount().await;
    type_sample_wastewater(&root);
    // 23,456 × 0.8 × 333 × 200 × 1e-6 = 1,249.73568 t: shown rounded, "1,249.74".
    type_into(&root, "#f-flow_m3_per_day", "23456");
    type_into(&root, "#f-days", "333");
    let cod = wastewater(23_456.0, 0.8, 333.0, 250.0, 50.0);
    until(|| shows(&root, "#full-cod_t", cod)).await;
    assert_shows(&root, "#full-cod_t", cod);
    assert_eq!(text(&root, "#months"), "6");
    choose(&root, "#f-start_month", "0");
    until(|| text_now(&root, "#months") == "12").await;
    assert_eq!(text(&root, "#months"), "12");
    assert_shows(&root, "#credited-cod_t", cod);
}

#[wasm_bindgen_test]
async fn errors_appear_next_to_their_field() {
    let root = mount().await;
    type_sample_wastewater(&root);
    type_into(&root, "#f-load_rate", "x");
    until(|| text_now(&root, "#f-load_rate-error") == "请输入数字").await;
    assert_eq!(text(&root, "#f-load_rate-error"), "请输入数字");
    type_into(&root, "#f-load_rate", "0.8");
    type_into(&root, "#f-nh3n_after_mg_l", "-1");
    until(|| text_now(&root, "#f-nh3n_after_mg_l-error").contains("不能为负数")).await;
    assert!(text(&root, "#f-load_rate-error").is_empty());
    assert!(text(&root, "#f-nh3n_after_mg_l-error").contains("不能为负数"));
    assert!(root.query_selector("#form-errors").unwrap().is_some());
    type_into(&root, "#f-nh3n_after_mg_l", "5");
    until(|| find(&root, "#form-errors").is_none()).await;
    assert!(text(&root, "#f-nh3n_after_mg_l-error").is_empty());
    assert!(root.query_selector("#form-errors").unwrap().is_none());
}

/// Numbers typed the way Chinese office software shows them read as the plain number; the text
/// stays as typed; a rate typed as a percentage gets a hint saying what to type.
#[wasm_bindgen_test]
async fn numbers_are_read_as_people_type_them() {
    let root = mount().await;
    type_sample_wastewater(&root);
    // 25,000 × 0.8 × 365 × 200 × 1e-6 = 1,460 t; 10,000 m³/d gives 584 t (the sample's flow,
    // so 2.5万 goes first and each value differs from the one before).
    type_into(&root, "#f-flow_m3_per_day", "2.5万");
    until(|| shows(&root, "#full-cod_t", 1460.0)).await;
    assert_shows(&root, "#full-cod_t", 1460.0);
    type_into(&root, "#f-flow_m3_per_day", "１０，０００");
    until(|| shows(&root, "#full-cod_t", 584.0)).await;
    let full_width = text(&root, "#full-cod_t");
    assert_shows(&root, "#full-cod_t", 584.0);
    let input: HtmlInputElement = element(&root, "#f-flow_m3_per_day");
    assert_eq!(input.value(), "１０，０００", "the typed text is kept");
    assert!(text(&root, "#f-flow_m3_per_day-error").is_empty());
    type_into(&root, "#f-flow_m3_per_day", "10000");
    until(|| text_now(&root, "#full-cod_t") == full_width).await;
    assert_eq!(text(&root, "#full-cod_t"), full_width);

    type_into(&root, "#f-load_rate", "85");
    until(|| !text_now(&root, "#f-load_rate-error").is_empty()).await;
    assert_eq!(
        text(&root, "#f-load_rate-error"),
        "85 看起来是百分数；此栏为比率 0–1.5，如 0.85"
    );
    let toggle: HtmlElement = element(&root, "#lang-toggle");
    toggle.click();
    until(|| text_now(&root, "#f-load_rate-error").starts_with("85 looks")).await;
    assert_eq!(
        text(&root, "#f-load_rate-error"),
        "85 looks like a percentage; this field is a rate 0–1.5, e.g. 0.85"
    );
    toggle.click();
    until(|| text_now(&root, "#lang-toggle") == "English").await;
}

#[wasm_bindgen_test]
async fn language_switch_changes_the_interface() {
    let root = mount().await;
    let button: HtmlElement = element(&root, "#lang-toggle");
    assert_eq!(button.text_content().unwrap(), "English");
    let chinese_title = text(&root, "#estimate-title");
    button.click();
    until(|| text_now(&root, "#estimate-title").contains("Project estimate")).await;
    assert!(text(&root, "#estimate-title").contains("Project estimate"));
    assert_eq!(button.text_content().unwrap(), "中文");
    button.click();
    until(|| text_now(&root, "#estimate-title") == chinese_title).await;
    // The second click switches back: the Chinese title as it was before.
    assert_eq!(text(&root, "#estimate-title"), chinese_title);
    assert_eq!(button.text_content().unwrap(), "English");
}

#[wasm_bindgen_test]
async fn shows_the_sample_register_with_its_totals_and_bulletin() {
    let root = mount().await;
    // The project list is the register table: one row per project of the sample.
    let rows = root
        .query_selector_all("#register-table tbody tr[data-id]")
        .unwrap()
        .length();
    let sample_projects = jianpai_core::SAMPLE_FILE.matches("\"measure\"").count() as u32;
    assert_eq!(rows, sample_projects);
    // The COD column, found by its header ("COD (吨)").
    let headers = root.query_selector_all("#register-table thead th").unwrap();
    let cod_column = (0..headers.length())
        .find(|&i| {
            let h = headers.item(i).unwrap().text_content().unwrap_or_default();
            h.starts_with("COD")
        })
        .expect("the register has a COD column")
        + 1;
    let cod_cell = |row: &str| format!("{row} td:nth-child({cod_column})");
    // p01 is the docs/file-format.md §2 example plant from July: 10,000 × 0.8 × 365 × 200 × 1e-6 × 6/12.
    let credited = wastewater(10_000.0, 0.8, 365.0, 250.0, 50.0) * 6.0 / 12.0;
    assert_shows(&root, &cod_cell("tr[data-id='p01']"), credited);
    // The credited COD total is the sum of the rows as shown, give or take each row's rounding.
    let cells = root
        .query_selector_all(&cod_cell("#register-table tbody tr[data-id]"))
        .unwrap();
    assert_eq!(cells.length(), rows, "one COD cell per project");
    let sum: f64 = (0..cells.length())
        .map(|i| {
            let shown = cells.item(i).unwrap().text_content().unwrap_or_default();
            // A zero is left blank so that the figures that matter stand out.
            if shown.is_empty() {
                return 0.0;
            }
            assert!(well_formed(&shown), "COD cell {i} shows {shown:?}");
            shown.replace(',', "").parse::<f64>().unwrap()
        })
        .sum();
    let half_unit = 0.5 * 10f64.powi(-SHOWN_DECIMALS);
    // The register's totals row and the summary's total are the same engine total, shown alike.
    let total_text = text(&root, "#total-cod_t");
    assert_eq!(text(&root, "#register-total-cod_t"), total_text);
    assert!(well_formed(&total_text), "total shows {total_text:?}");
    let total: f64 = total_text.replace(',', "").parse().unwrap();
    assert!(sum > 0.0, "the sample has COD reductions");
    assert!(
        (total - sum).abs() <= half_unit * f64::from(rows + 1),
        "total {total_text} but the rows add up to {sum}"
    );
    // The bulletin gives the same total to one decimal: the sample is a file of 2026, so of the
    // 2021 method, COD first ("形成化学需氧量、…重点工程减排量分别为892.9吨、…").
    let bulletin = text(&root, "#bulletin");
    assert!(bulletin.starts_with("2026年，全县"), "{bulletin}");
    let cod_in_bulletin: f64 = bulletin
        .split_once("形成化学需氧量")
        .and_then(|(_, rest)| rest.split_once("分别为"))
        .and_then(|(_, rest)| rest.split_once('吨'))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("no \"形成化学需氧量…分别为…吨\" in {bulletin}"));
    assert!(
        (cod_in_bulletin - total).abs() <= 0.05 + half_unit,
        "bulletin says COD {cod_in_bulletin} t, the total is {total_text}"
    );
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

/// The ids of the inputs and selects of the estimate form, as shown.
fn form_controls(root: &HtmlElement) -> BTreeSet<String> {
    let list = root
        .query_selector_all(".project-estimate__form input, .project-estimate__form select")
        .unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<Element>().id())
        .collect()
}

/// The values of the options of the select `selector`, in order.
fn option_values(root: &HtmlElement, selector: &str) -> Vec<String> {
    let list = root
        .query_selector_all(&format!("{selector} option"))
        .unwrap();
    (0..list.length())
        .map(|i| {
            let option: Element = list.item(i).unwrap().unchecked_into();
            option.get_attribute("value").unwrap_or_default()
        })
        .collect()
}

/// Asserts that the form shows exactly the fields `schema::fields(ty)` declares (ids `f-<path>`
/// with `.` written `__`), each as the right kind of control with its Chinese label, plus the
/// controls every type has.
fn assert_form_is(root: &HtmlElement, ty: &str) {
    let specs = schema::fields(ty);
    assert!(!specs.is_empty(), "{ty} has fields in the schema");
    let id = |path: &str| format!("f-{}", path.replace('.', "__"));
    let common = [
        "f-id",
        "f-name",
        "f-enterprise",
        "f-township",
        "f-region",
        "f-year",
        "f-type",
        "f-category",
        "f-key_category",
        "f-start_month",
        "f-crediting",
        "f-electricity_basis",
    ];
    // A list field as the entries the form shows (the sample's), each entry's fields numbered.
    let entries = |list: &jianpai_core::field::FieldSpec| {
        root.query_selector_all(&format!("#{} .list-field__entry", id(list.path)))
            .map_or(0, |l| l.length() as usize)
    };
    let laid = schema::laid_out(specs, entries);
    let expected: BTreeSet<String> = laid
        .iter()
        .map(|s| id(&s.path))
        .chain(common.iter().map(|s| s.to_string()))
        // Every type's start year and offsets, the project's own numbers.
        .chain(jianpai_core::form::project_number_fields().map(|s| id(s.path)))
        .collect();
    assert_eq!(form_controls(root), expected, "the form of {ty}");
    for at in &laid {
        let spec = at.spec;
        let sel = format!("#{}", id(&at.path));
        let el: Element = element::<Element>(root, &sel);
        match spec.kind {
            FieldKind::Number | FieldKind::Count => {
                assert_eq!(
                    el.get_attribute("type").as_deref(),
                    Some("text"),
                    "{ty} {sel}"
                )
            }
            FieldKind::Bool => {
                assert_eq!(
                    el.get_attribute("type").as_deref(),
                    Some("checkbox"),
                    "{ty} {sel}"
                )
            }
            FieldKind::Choice(choices) => {
                assert_eq!(el.tag_name(), "SELECT", "{ty} {sel}");
                let shown = option_values(root, &sel);
                // A blank first option ("not given") only when the field is optional.
                let blank = (!spec.required || at.item.is_some()).then(String::new);
                let wanted: Vec<String> = blank
                    .into_iter()
                    .chain(choices.iter().map(|c| c.value.to_owned()))
                    .collect();
                assert_eq!(shown, wanted, "{ty} {sel} options");
            }
            FieldKind::List(_) => unreachable!("laid out as its entries' fields"),
        }
        let label = text(root, &format!("label[for='{}']", id(&at.path)));
        assert!(label.contains(spec.label_zh), "{ty} {sel} label {label:?}");
        if let Some(item) = &at.item {
            let entry = format!("{}：", item.text(jianpai_core::Lang::Zh));
            assert!(
                label.contains(&entry),
                "{ty} {sel} label {label:?} names its entry"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn every_measure_type_has_its_form_and_switching_keeps_inputs() {
    let root = mount().await;
    // The type list offers the seventeen measure types, in the engine's order.
    let offered = option_values(&root, "#f-type");
    assert_eq!(offered.len(), 17);
    assert_eq!(
        offered,
        <jianpai_core::MeasureType as jianpai_core::Choice>::NAMES
    );
    // Desulfurisation, docs/methodology.md §3.2 / §8 example 2: 2 × k × B × S × (η_after × f_op − η_before).
    choose(&root, "#f-type", "desulfurization");
    until(|| form_shows(&root, "desulfurization")).await;
    assert_form_is(&root, "desulfurization");
    type_into(&root, "#f-coal_t", "1000");
    type_into(&root, "#f-sulfur_pct", "1");
    type_into(&root, "#f-efficiency_before_pct", "0");
    type_into(&root, "#f-efficiency_after_pct", "90");
    type_into(&root, "#f-operating_rate", "1");
    let so2 = 2.0 * 0.8 * 1000.0 * 0.01 * (0.90 * 1.0 - 0.0);
    until(|| shows(&root, "#full-so2_t", so2)).await;
    assert_shows(&root, "#full-so2_t", so2);
    // Nested fields: a capacity phase-out's last-year emissions are credited as they are.
    choose(&root, "#f-type", "capacity_phaseout");
    until(|| form_shows(&root, "capacity_phaseout")).await;
    assert_form_is(&root, "capacity_phaseout");
    type_into(&root, "#f-last_year__cod_t", "12.5");
    until(|| shows(&root, "#full-cod_t", 12.5)).await;
    assert_shows(&root, "#full-cod_t", 12.5);
    // Back to desulfurisation: what was typed is still there.
    choose(&root, "#f-type", "desulfurization");
    until(|| shows(&root, "#full-so2_t", so2)).await;
    assert_shows(&root, "#full-so2_t", so2);
    // The rebuilt input gets its value from an effect, a turn later.
    until(|| value_now(&root, "#f-coal_t") == "1000").await;
    let coal: HtmlInputElement = element(&root, "#f-coal_t");
    assert_eq!(coal.value(), "1000");
    for ty in <jianpai_core::MeasureType as jianpai_core::Choice>::NAMES {
        choose(&root, "#f-type", ty);
        until(|| form_shows(&root, ty)).await;
        assert_form_is(&root, ty);
    }
}

#[wasm_bindgen_test]
async fn typed_values_survive_a_reload_and_reset_restores_the_sample() {
    let first = mount().await;
    choose(&first, "#f-type", "denitrification");
    until(|| form_shows(&first, "denitrification")).await;
    type_into(&first, "#f-coal_t", "777");
    type_into(&first, "#f-efficiency_after_pct", "40");
    choose(&first, "#f-start_month", "5");
    until(|| text_now(&first, "#months") == "8").await;
    assert_eq!(text(&first, "#months"), "8");
    // The form is saved within the autosave's delay (as the register is; a reload saves at once
    // on pagehide, which this test's remount does not fire): wait for that save.
    until(|| {
        storage()
            .get_item("jianpai.estimate")
            .ok()
            .flatten()
            .is_some_and(|s| s.contains("\"777\"") && s.contains("\"start_month\":5"))
    })
    .await;
    let again = mount_keeping_storage().await;
    until(|| value_now(&again, "#f-coal_t") == "777").await;
    let coal: HtmlInputElement = element(&again, "#f-coal_t");
    assert_eq!(coal.value(), "777");
    let month: HtmlSelectElement = element(&again, "#f-start_month");
    assert_eq!(month.value(), "5");
    let reset: HtmlElement = element(&again, "#reset-estimate");
    reset.click();
    until(|| value_now(&again, "#f-coal_t") == "30000" && text_now(&again, "#months") == "9").await;
    // The sample's denitrification project (p05) burns 30,000 t of coal from April: 13 − 4 months.
    let coal: HtmlInputElement = element(&again, "#f-coal_t");
    assert_eq!(coal.value(), "30000");
    let month: HtmlSelectElement = element(&again, "#f-start_month");
    assert_eq!(month.value(), "4");
    assert_eq!(text(&again, "#months"), "9");
}

#[wasm_bindgen_test]
async fn crediting_rule_category_and_electricity_basis_apply() {
    let root = mount().await;
    // docs/methodology.md §8 example 3: 11,000 t coal, S 1 %, FGD 75 % from June.
    choose(&root, "#f-type", "desulfurization");
    until(|| form_shows(&root, "desulfurization")).await;
    type_into(&root, "#f-coal_t", "11000");
    type_into(&root, "#f-sulfur_pct", "1");
    type_into(&root, "#f-efficiency_before_pct", "0");
    type_into(&root, "#f-efficiency_after_pct", "75");
    type_into(&root, "#f-operating_rate", "1");
    choose(&root, "#f-start_month", "6");
    let full = 2.0 * 0.8 * 11_000.0 * 0.01 * 0.75;
    until(|| shows(&root, "#full-so2_t", full) && text_now(&root, "#months") == "7").await;
    assert_shows(&root, "#full-so2_t", full);
    // Default rule: credited from the month itself, 13 − 6 = 7 months.
    assert_eq!(text(&root, "#months"), "7");
    assert_shows(&root, "#credited-so2_t", full * 7.0 / 12.0);
    // 十三五 rule: engineering measures from the second month, 12 − 6 = 6 months.
    choose(&root, "#f-crediting", "second_month");
    until(|| text_now(&root, "#months") == "6").await;
    assert_eq!(text(&root, "#months"), "6");
    assert_shows(&root, "#credited-so2_t", full * 6.0 / 12.0);
    // The same measure declared structural keeps 13 − 6 under that rule.
    choose(&root, "#f-category", "structural");
    until(|| text_now(&root, "#months") == "7").await;
    assert_eq!(text(&root, "#months"), "7");
    assert_shows(&root, "#credited-so2_t", full * 7.0 / 12.0);
    // Electricity: 1 GWh is 122.9 tce by calorific equivalent, 309 tce at 309 gce/kWh. Every other
    // saving of the form is blanked first; each field must be there.
    choose(&root, "#f-type", "energy_saving");
    until(|| form_shows(&root, "energy_saving")).await;
    blank_numbers(&root, "energy_saving");
    type_into(&root, "#f-saved__electricity_kwh", "1000000");
    until(|| shows(&root, "#full-tce", 1_000_000.0 * 0.1229 / 1000.0)).await;
    assert_shows(&root, "#full-tce", 1_000_000.0 * 0.1229 / 1000.0);
    choose(&root, "#f-electricity_basis", "equal_value");
    until(|| shows(&root, "#full-tce", 1_000_000.0 * 0.309 / 1000.0)).await;
    assert_shows(&root, "#full-tce", 1_000_000.0 * 0.309 / 1000.0);
}

/// The sample file as JSON, to read its inputs (targets, overrides) in the tests below.
fn sample_json() -> serde_json::Value {
    serde_json::from_str(jianpai_core::SAMPLE_FILE).unwrap()
}

/// The sample's credited COD total, from the engine's register.
fn sample_cod_total() -> f64 {
    let register = jianpai_core::register::Register::read(&sample_json()).unwrap();
    let report = register.compute().report.unwrap();
    report.totals[jianpai_core::Key::Cod]
}

/// The percentage shown against the COD target ("89.3%").
fn cod_progress(root: &HtmlElement) -> f64 {
    let shown = text(
        root,
        ".portfolio-summary__totals tr[data-key='cod_t'] .portfolio-summary__pct",
    );
    shown
        .strip_suffix('%')
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("progress shows {shown:?}"))
}

/// Whether the COD progress shown is `achieved / target × 100` to its one shown decimal (false while
/// it is not shown).
fn cod_progress_is(root: &HtmlElement, achieved: f64, target: f64) -> bool {
    let shown = text_now(
        root,
        ".portfolio-summary__totals tr[data-key='cod_t'] .portfolio-summary__pct",
    );
    shown
        .strip_suffix('%')
        .and_then(|n| n.parse::<f64>().ok())
        .is_some_and(|pct| (pct - achieved / target * 100.0).abs() <= 0.05 + 1e-9)
}

/// Asserts the COD progress shown is `achieved / target × 100` to its one shown decimal.
fn assert_cod_progress(root: &HtmlElement, achieved: f64, target: f64) {
    let expected = achieved / target * 100.0;
    let shown = cod_progress(root);
    assert!(
        (shown - expected).abs() <= 0.05 + 1e-9,
        "progress shows {shown}%, expected {expected}% (COD {achieved} t of {target} t)"
    );
}

#[wasm_bindgen_test]
async fn typing_a_target_updates_progress_and_undo_restores_it() {
    let root = mount().await;
    let cod = sample_cod_total();
    assert!(cod > 0.0, "the sample credits COD");
    let target = sample_json()["targets"]["cod_t"].as_f64().unwrap();
    let input: HtmlInputElement = element(&root, "#target-cod_t");
    assert_eq!(input.value().parse::<f64>().ok(), Some(target));
    assert_cod_progress(&root, cod, target);
    // Typed key by key, as a person types; 2.6万 is 26,000 t.
    for typed in ["8", "80", "800"] {
        type_into(&root, "#target-cod_t", typed);
        until(|| cod_progress_is(&root, cod, typed.parse().unwrap())).await;
    }
    assert_cod_progress(&root, cod, 800.0);
    type_into(&root, "#target-cod_t", "2.6万");
    until(|| cod_progress_is(&root, cod, 26_000.0)).await;
    assert_cod_progress(&root, cod, 26_000.0);
    // The field is redrawn in its own turn after the summary's: wait for it, then check that it
    // shows the text as typed (not the stored 26000).
    until(|| value_now(&root, "#target-cod_t") != "800").await;
    assert_eq!(input.value(), "2.6万", "the typed text is kept");
    // The whole edit of the field is one undo step: back to the file's target.
    let undo: HtmlElement = element(&root, "#undo");
    assert_eq!(undo.text_content().unwrap(), "撤销");
    undo.click();
    until(|| {
        cod_progress_is(&root, cod, target)
            && value_now(&root, "#target-cod_t").parse::<f64>().ok() == Some(target)
    })
    .await;
    assert_cod_progress(&root, cod, target);
    assert_eq!(input.value().parse::<f64>().ok(), Some(target));
    assert!(
        undo.has_attribute("disabled"),
        "one step undid the whole edit"
    );
    // The year is the file's own too: the bulletin names it.
    type_into(&root, "#file-year", "２０２７");
    until(|| text_now(&root, "#bulletin").starts_with("2027年")).await;
    assert!(text(&root, "#bulletin").starts_with("2027年"));
}

#[wasm_bindgen_test]
async fn a_target_that_is_not_a_number_changes_nothing_and_says_why() {
    let root = mount().await;
    let cod = sample_cod_total();
    let target = sample_json()["targets"]["cod_t"].as_f64().unwrap();
    type_into(&root, "#target-cod_t", "12吨");
    until(|| text_now(&root, "#target-cod_t-error") == "请输入数字").await;
    assert_eq!(text(&root, "#target-cod_t-error"), "请输入数字");
    let input: HtmlInputElement = element(&root, "#target-cod_t");
    assert_eq!(input.value(), "12吨", "the typed text is kept");
    assert_cod_progress(&root, cod, target);
    let undo: HtmlElement = element(&root, "#undo");
    assert!(undo.has_attribute("disabled"), "nothing was changed");
    // A number the engine refuses (a negative target) is written, and its error shown here.
    type_into(&root, "#target-cod_t", "-5");
    until(|| text_now(&root, "#target-cod_t-error").contains("不能为负数")).await;
    assert!(
        text(&root, "#target-cod_t-error").contains("不能为负数"),
        "{}",
        text(&root, "#target-cod_t-error")
    );
    type_into(&root, "#target-cod_t", "");
    until(|| text_now(&root, "#target-cod_t-error").is_empty()).await;
    assert!(text(&root, "#target-cod_t-error").is_empty());
    // A blank target is no target: no progress against COD.
    assert!(root
        .query_selector(".portfolio-summary__totals tr[data-key='cod_t'] .portfolio-summary__pct")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_overrides_in_force_are_listed_with_their_note() {
    let root = mount().await;
    let sample = sample_json();
    let co2 = &sample["overrides"]["co2.per_tce"];
    let note = co2["note"].as_str().unwrap();
    let listed = text(&root, "#overrides-in-force");
    assert!(listed.contains("co2.per_tce"), "{listed}");
    assert!(listed.contains(note), "{listed}");
    assert!(listed.contains("2.493"), "{listed}");
    // A project that saves coal uses it: editing it lists the override in its result panel.
    let saver = sample["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["measure"]["type"] == "energy_saving")
        .and_then(|p| p["id"].as_str())
        .unwrap();
    let edit: HtmlElement = element(&root, &format!("tr[data-id='{saver}'] button"));
    edit.click();
    until(|| {
        let panel = text_now(&root, "#result-overrides");
        panel.contains("co2.per_tce") && panel.contains(note)
    })
    .await;
    let panel = text(&root, "#result-overrides");
    assert!(
        panel.contains("co2.per_tce") && panel.contains(note),
        "{panel}"
    );
}

fn click(root: &HtmlElement, selector: &str) {
    element::<HtmlElement>(root, selector).click();
}

/// The `data-id`s of the register rows drawn, top to bottom.
fn row_ids(root: &HtmlElement) -> Vec<String> {
    let list = root
        .query_selector_all("#register-table tr[data-id]")
        .unwrap();
    (0..list.length())
        .map(|i| {
            let row: Element = list.item(i).unwrap().unchecked_into();
            row.get_attribute("data-id").unwrap_or_default()
        })
        .collect()
}

/// The row button named `name` (编辑 / 复制 / 删除) of the project `id`.
fn row_button(root: &HtmlElement, id: &str, name: &str) -> HtmlElement {
    let list = root
        .query_selector_all(&format!("#register-table tr[data-id='{id}'] button"))
        .unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no {name} button in the row of {id}"))
}

/// A new file, a project added and filled through the form, duplicated, deleted; each change
/// shows in the rows and the totals row, and undo / redo walk them back and forth.
#[wasm_bindgen_test]
async fn register_add_edit_duplicate_delete_and_undo() {
    let root = mount().await;
    click(&root, "#new-file");
    until(|| row_ids(&root).is_empty()).await;
    assert_eq!(row_ids(&root), Vec::<String>::new());
    choose(&root, "#new-project-type", "capacity_phaseout");
    click(&root, "#add-project");
    until(|| row_ids(&root) == ["p1"] && value_now(&root, "#f-type") == "capacity_phaseout").await;
    assert_eq!(row_ids(&root), ["p1"]);
    assert_eq!(text(&root, "#estimate-title"), "编辑登记表中的项目");
    let kind: HtmlSelectElement = element(&root, "#f-type");
    assert_eq!(kind.value(), "capacity_phaseout");
    // A phase-out with nothing filled in is kept, marked and not counted.
    assert!(text(&root, "#not-counted").starts_with("1 个项目未计入合计"));
    // A closed plant's last-year emissions are credited as they are: 12.5 t COD, 3.75 t SO2.
    type_into(&root, "#f-last_year__cod_t", "12.5");
    type_into(&root, "#f-last_year__so2_t", "3.75");
    until(|| find(&root, "#not-counted").is_none() && shows(&root, "#register-total-so2_t", 3.75))
        .await;
    assert!(root.query_selector("#not-counted").unwrap().is_none());
    assert_shows(&root, "#register-total-cod_t", 12.5);
    assert_shows(&root, "#register-total-so2_t", 3.75);
    click(&root, "#done-editing");
    until(|| text_now(&root, "#estimate-title") != "编辑登记表中的项目").await;
    row_button(&root, "p1", "复制").click();
    until(|| row_ids(&root).len() == 2).await;
    assert_eq!(row_ids(&root).len(), 2);
    assert_shows(&root, "#register-total-cod_t", 25.0);
    assert_shows(&root, "#register-total-so2_t", 7.5);
    row_button(&root, "p1", "删除").click();
    until(|| row_ids(&root).len() == 1).await;
    assert_eq!(row_ids(&root).len(), 1);
    assert_shows(&root, "#register-total-cod_t", 12.5);
    // Undo: the delete, the duplicate, then the edit (one step for the whole form edit).
    click(&root, "#undo");
    until(|| row_ids(&root).len() == 2).await;
    assert_eq!(row_ids(&root).len(), 2);
    assert_shows(&root, "#register-total-cod_t", 25.0);
    click(&root, "#undo");
    until(|| row_ids(&root) == ["p1"]).await;
    assert_eq!(row_ids(&root), ["p1"]);
    assert_shows(&root, "#register-total-cod_t", 12.5);
    click(&root, "#redo");
    until(|| row_ids(&root).len() == 2).await;
    assert_eq!(row_ids(&root).len(), 2);
    assert_shows(&root, "#register-total-cod_t", 25.0);
}

/// Filters narrow the rows drawn and the count says so; sorting a column orders the rows by it.
#[wasm_bindgen_test]
async fn register_filters_and_sorts_the_sample() {
    let root = mount().await;
    let sample: serde_json::Value = serde_json::from_str(jianpai_core::SAMPLE_FILE).unwrap();
    let projects = sample["projects"].as_array().unwrap();
    let ids_where = |f: &dyn Fn(&serde_json::Value) -> bool| -> Vec<String> {
        projects
            .iter()
            .filter(|p| f(p))
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(row_ids(&root), ids_where(&|_| true));
    choose(&root, "#filter-township", "青山镇");
    let qingshan = ids_where(&|p| p["township"] == "青山镇");
    until(|| row_ids(&root) == qingshan).await;
    assert_eq!(row_ids(&root), qingshan);
    assert_eq!(
        text(&root, "#register-count"),
        format!("显示 {} / {}", qingshan.len(), projects.len())
    );
    choose(&root, "#filter-township", "");
    choose(&root, "#filter-type", "wastewater");
    until(|| row_ids(&root) == ids_where(&|p| p["measure"]["type"] == "wastewater")).await;
    assert_eq!(
        row_ids(&root),
        ids_where(&|p| p["measure"]["type"] == "wastewater")
    );
    choose(&root, "#filter-type", "");
    type_into(&root, "#filter-text", "P1");
    until(|| row_ids(&root) == ids_where(&|p| p["id"].as_str().unwrap().starts_with("p1"))).await;
    // Case-insensitive search of ids: p1, p10 … p16.
    assert_eq!(
        row_ids(&root),
        ids_where(&|p| p["id"].as_str().unwrap().starts_with("p1"))
    );
    type_into(&root, "#filter-text", "");
    until(|| row_ids(&root) == ids_where(&|_| true)).await;
    // Sorting by name: the rows in the order of their names (as Rust orders strings).
    let headers = root
        .query_selector_all("#register-table thead th button")
        .unwrap();
    let name_button: HtmlElement = headers.item(0).unwrap().unchecked_into();
    assert_eq!(name_button.text_content().unwrap(), "项目名称");
    let mut by_name: Vec<(&str, &str)> = projects
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["id"].as_str().unwrap()))
        .collect();
    by_name.sort();
    let expected: Vec<&str> = by_name.iter().map(|(_, id)| *id).collect();
    let reversed: Vec<&str> = expected.iter().rev().copied().collect();
    name_button.click();
    until(|| row_ids(&root) == expected).await;
    assert_eq!(row_ids(&root), expected);
    name_button.click();
    until(|| row_ids(&root) == reversed).await;
    assert_eq!(row_ids(&root), reversed);
}

/// Issue 10 item 1: the gas kind, the livestock coefficient set and the equal-value row are
/// fields of the form (from the declarations) and the trail says which coefficient was picked.
#[wasm_bindgen_test]
async fn fuel_kind_livestock_set_and_electricity_row_show_in_form_and_trail() {
    let root = mount().await;
    choose(&root, "#f-type", "fuel_switch");
    until(|| form_shows(&root, "fuel_switch")).await;
    assert_eq!(
        option_values(&root, "#f-gas_kind"),
        ["", "gasfield", "oilfield", "measured"]
    );
    element::<HtmlInputElement>(&root, "#f-gas_lhv_kj_per_m3");
    element::<HtmlInputElement>(&root, "#f-gas_lhv_kcal_per_m3");
    type_into(&root, "#f-coal_t", "5000");
    type_into(&root, "#f-sulfur_pct", "0.8");
    type_into(&root, "#f-coal_boiler_efficiency_pct", "70");
    type_into(&root, "#f-gas_boiler_efficiency_pct", "90");
    choose(&root, "#f-gas_kind", "oilfield");
    until(|| text_now(&root, ".trail").contains("tce.natural_gas_oilfield")).await;
    // Example 7 with oil-field gas: 3,571.5 tce × 70/90 ÷ 1.33 kgce/m³ = 2,088,596 m³ of gas,
    // SO₂ 64 t − 208.86 × 10⁴ m³ × 1.0 kg × 10⁻³.
    let gas_m3 = 5000.0 * 0.7143 * 70.0 / 90.0 * 1000.0 / 1.33;
    assert_shows(&root, "#full-so2_t", 64.0 - gas_m3 / 1e4 / 1000.0);
    let trail = text(&root, ".trail");
    assert!(trail.contains("tce.natural_gas_oilfield"), "{trail}");
    assert!(trail.contains("所选天然气种类：油田天然气"), "{trail}");

    choose(&root, "#f-type", "livestock");
    until(|| form_shows(&root, "livestock")).await;
    // The blank form (issue 19 B3) has no action chosen; the action is required.
    choose(&root, "#f-action", "closure");
    assert_eq!(
        option_values(&root, "#f-coefficient_set"),
        ["", "eia_literature", "beijing_measured"]
    );
    type_into(&root, "#f-pigs", "1000");
    until(|| text_now(&root, ".trail").contains("(a) 环评文献参数")).await;
    assert!(text(&root, ".trail").contains("(a) 环评文献参数"));

    // Electricity at equal value in a file of 2021: the 2020 row, 305.5 gce/kWh.
    choose(&root, "#f-type", "energy_saving");
    until(|| form_shows(&root, "energy_saving")).await;
    blank_numbers(&root, "energy_saving");
    type_into(&root, "#f-saved__electricity_kwh", "1000000");
    choose(&root, "#f-electricity_basis", "equal_value");
    type_into(&root, "#f-year", "2021");
    until(|| text_now(&root, ".trail").contains("核算年份 2021")).await;
    assert_shows(&root, "#full-tce", 1_000_000.0 * 0.3055 / 1000.0);
    let trail = text(&root, ".trail");
    assert!(
        trail.contains("tce.electricity_equal_value.2020"),
        "{trail}"
    );
    assert!(trail.contains("核算年份 2021"), "{trail}");
}
