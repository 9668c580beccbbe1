//! Browser tests of the portfolio's SVG charts in headless Chromium (wasm-bindgen-test): every
//! bar against the engine's number for the sample, bar lengths proportional to their numbers, the
//! table alternative against the same numbers, and the labels in the chosen language. Expected
//! values are computed here from the sample file through `jianpai_core::register::Register`.
use crate::common::{mount, text_now, until};
use jianpai_core::register::Register;
use jianpai_core::report::{Group, Report};
use jianpai_core::{Choice, Key, Labelled, Lang, MeasureType, SAMPLE_FILE};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlElement, HtmlSelectElement};

/// The sample's register report, computed by the engine (not read from the page).
fn sample_report() -> Report {
    let value: serde_json::Value = serde_json::from_str(SAMPLE_FILE).unwrap();
    Register::read(&value).unwrap().compute().report.unwrap()
}

fn all(root: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn number(e: &Element, attribute: &str) -> f64 {
    e.get_attribute(attribute)
        .unwrap_or_else(|| panic!("no {attribute}"))
        .parse()
        .unwrap_or(f64::NAN)
}

/// A chart's bars: data-key → (data-value, drawn width).
fn bars(root: &HtmlElement, chart: &str) -> BTreeMap<String, (f64, f64)> {
    all(root, &format!("#{chart} rect[data-value]"))
        .iter()
        .map(|r| {
            let key = r.get_attribute("data-key").unwrap();
            (key, (number(r, "data-value"), number(r, "width")))
        })
        .collect()
}

/// A chart's bars: data-key → data-value (what a test waits for after choosing a key).
fn bar_values(root: &HtmlElement, chart: &str) -> BTreeMap<String, f64> {
    bars(root, chart)
        .into_iter()
        .map(|(k, (v, _))| (k, v))
        .collect()
}

/// A number as a table shows it ("1,234.5" or "93.4%") → 1234.5; NaN when it is not one.
fn shown(text: &str) -> f64 {
    text.replace([',', '%'], "")
        .trim()
        .parse()
        .unwrap_or(f64::NAN)
}

/// A table's rows: data-key → the numbers of its cells (not its row header), as shown.
fn table(root: &HtmlElement, id: &str) -> BTreeMap<String, Vec<f64>> {
    all(root, &format!("#{id} tbody tr"))
        .iter()
        .map(|tr| {
            let cells = all(tr.unchecked_ref(), "td.num")
                .iter()
                .map(|td| shown(&td.text_content().unwrap_or_default()))
                .collect();
            (tr.get_attribute("data-key").unwrap(), cells)
        })
        .collect()
}

/// `shown` is `value` rounded to `decimals` places.
fn close(shown: f64, value: f64, decimals: i32) -> bool {
    (shown - value).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-9 * value.abs()
}

/// The expected bars of a grouping for `key`: group key → credited amount, for the groups with
/// some of it (a chart leaves out the groups with none).
fn expected(groups: &[Group], key: Key) -> BTreeMap<String, f64> {
    groups
        .iter()
        .filter(|g| g.credited[key] != 0.0)
        .map(|g| (g.key.clone(), g.credited[key]))
        .collect()
}

fn assert_proportional(chart: &str, got: &BTreeMap<String, (f64, f64)>) {
    let positive: Vec<&(f64, f64)> = got.values().filter(|(v, _)| *v > 0.0).collect();
    assert!(positive.len() >= 2, "{chart}: at least two bars to compare");
    let (v0, w0) = positive[0];
    assert!(*w0 > 0.0, "{chart}: a positive value has a visible bar");
    for (v, w) in &positive[1..] {
        assert!(
            (w / w0 - v / v0).abs() < 1e-9,
            "{chart}: width ratio {} but value ratio {}",
            w / w0,
            v / v0
        );
    }
}

#[wasm_bindgen_test]
async fn progress_bars_are_the_engines_percentages_of_the_targets() {
    let root = mount().await;
    let report = sample_report();
    let expected: BTreeMap<String, f64> = report
        .progress
        .iter()
        .filter(|p| p.target > 0.0)
        .map(|p| (p.key.code().to_owned(), p.achieved / p.target * 100.0))
        .collect();
    assert!(expected.contains_key("cod_t") && expected.contains_key("tce"));
    let got = bars(&root, "chart-progress");
    let got_values: BTreeMap<String, f64> = got.iter().map(|(k, (v, _))| (k.clone(), *v)).collect();
    assert_eq!(
        got_values, expected,
        "one bar per target, its exact percentage"
    );
    assert_proportional("chart-progress", &got);
    // The 100 % mark sits where a bar of 100 would end.
    let mark = all(&root, "#chart-progress line.chart__target");
    assert_eq!(mark.len(), 1, "one target line");
    let (v, w) = got["cod_t"];
    let x =
        number(&mark[0], "x1") - number(&all(&root, "#chart-progress rect[data-value]")[0], "x");
    assert!(
        (x / w - 100.0 / v).abs() < 1e-9,
        "the target line is at 100 %"
    );
    // Each bar is labelled with the key's name and its percentage.
    let bar = root
        .query_selector("#chart-progress rect[data-key='tce']")
        .unwrap()
        .unwrap();
    let row = bar.parent_element().unwrap();
    let label = row.query_selector(".chart__label").unwrap().unwrap();
    assert_eq!(label.text_content().unwrap(), Key::Tce.text(Lang::Zh));
    let value = row.query_selector(".chart__value").unwrap().unwrap();
    let pct = expected["tce"];
    let text = value.text_content().unwrap();
    let first = text.split(' ').next().unwrap();
    assert!(close(shown(first), pct, 1), "{text} starts with {pct:.1}%");
}

#[wasm_bindgen_test]
async fn township_and_type_bars_are_the_engines_credited_amounts_of_the_chosen_key() {
    let root = mount().await;
    let report = sample_report();
    for key in [Key::Cod, Key::Nox] {
        if key != Key::Cod {
            let select: HtmlSelectElement = root
                .query_selector("#chart-key")
                .unwrap()
                .unwrap()
                .unchecked_into();
            select.set_value(key.code());
            select
                .dispatch_event(&Event::new("change").unwrap())
                .unwrap();
            until(|| bar_values(&root, "chart-by-township") == expected(&report.by_township, key))
                .await;
        }
        for (chart, groups) in [
            ("chart-by-township", &report.by_township),
            ("chart-by-type", &report.by_type),
        ] {
            let got = bars(&root, chart);
            let values: BTreeMap<String, f64> =
                got.iter().map(|(k, (v, _))| (k.clone(), *v)).collect();
            assert_eq!(values, expected(groups, key), "{chart} for {key:?}");
            assert_proportional(chart, &got);
        }
    }
}

#[wasm_bindgen_test]
async fn the_tables_have_the_charts_numbers() {
    let root = mount().await;
    let report = sample_report();
    let progress = table(&root, "chart-progress-table");
    let with_target: Vec<_> = report.progress.iter().filter(|p| p.target > 0.0).collect();
    assert_eq!(progress.len(), with_target.len());
    for p in with_target {
        let row = &progress[p.key.code()];
        assert!(
            close(row[0], p.achieved, 2),
            "{:?} credited {}",
            p.key,
            row[0]
        );
        assert!(close(row[1], p.target, 2), "{:?} target {}", p.key, row[1]);
        let pct = p.achieved / p.target * 100.0;
        assert!(
            close(row[2], pct, 1),
            "{:?} shows {}%, {pct}%",
            p.key,
            row[2]
        );
    }
    for (id, groups) in [
        ("chart-by-township-table", &report.by_township),
        ("chart-by-type-table", &report.by_type),
    ] {
        let rows = table(&root, id);
        let want = expected(groups, Key::Cod);
        assert_eq!(rows.len(), want.len(), "{id}: one row per group");
        for (k, v) in want {
            assert!(close(rows[&k][0], v, 2), "{id} {k}: {} vs {v}", rows[&k][0]);
        }
    }
}

#[wasm_bindgen_test]
async fn switching_language_changes_the_charts_words() {
    let root = mount().await;
    let report = sample_report();
    let label = |key: &str| {
        let bar = root
            .query_selector(&format!("#chart-progress rect[data-key='{key}']"))
            .unwrap()
            .unwrap();
        let row = bar.parent_element().unwrap();
        row.query_selector(".chart__label")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    let type_labels = || {
        all(&root, "#chart-by-type .chart__label")
            .iter()
            .map(|e| e.text_content().unwrap())
            .collect::<Vec<_>>()
    };
    let title = || {
        root.query_selector("#chart-progress title")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    let type_names = |l: Lang| {
        let mut names: Vec<String> = report
            .by_type
            .iter()
            .filter(|g| g.credited[Key::Cod] != 0.0)
            .map(|g| MeasureType::parse(&g.key).unwrap().text(l).to_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(label("tce"), "节约标煤");
    assert_eq!(title(), "目标完成进度（本年度核算量 / 目标）");
    let mut zh = type_labels();
    zh.sort();
    assert_eq!(zh, type_names(Lang::Zh));
    let toggle: HtmlElement = root
        .query_selector("#lang-toggle")
        .unwrap()
        .unwrap()
        .unchecked_into();
    toggle.click();
    until(|| text_now(&root, "#lang-toggle") == "中文").await;
    assert_eq!(label("tce"), "Standard coal saved");
    assert_eq!(title(), "Progress against the targets (credited / target)");
    let mut en = type_labels();
    en.sort();
    assert_eq!(en, type_names(Lang::En));
    assert_ne!(en, zh);
    let key_label = root
        .query_selector("label[for='chart-key']")
        .unwrap()
        .unwrap();
    assert_eq!(key_label.text_content().unwrap(), "Item charted");
    toggle.click();
    until(|| text_now(&root, "#lang-toggle") == "English").await;
}

#[wasm_bindgen_test]
async fn a_target_passed_shows_past_the_mark_and_the_chosen_key_survives_a_recompute() {
    let root = mount().await;
    let report = sample_report();
    let select: HtmlSelectElement = root
        .query_selector("#chart-key")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value(Key::Nox.code());
    select
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
    until(|| bar_values(&root, "chart-by-township") == expected(&report.by_township, Key::Nox))
        .await;
    // Half the credited COD as the target: 200 % of it is achieved.
    let half = report.totals[Key::Cod] / 2.0;
    let input: web_sys::HtmlInputElement = root
        .query_selector("#target-cod_t")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(&half.to_string());
    input.dispatch_event(&Event::new("input").unwrap()).unwrap();
    until(|| {
        bars(&root, "chart-progress")
            .get("cod_t")
            .is_some_and(|(v, _)| (v - 200.0).abs() < 1e-9)
    })
    .await;
    let got = bars(&root, "chart-progress");
    let (value, width) = got["cod_t"];
    assert!((value - 200.0).abs() < 1e-9, "COD at {value} %, not 200 %");
    let bar = root
        .query_selector("#chart-progress rect[data-key='cod_t']")
        .unwrap()
        .unwrap();
    let over = bar
        .parent_element()
        .unwrap()
        .query_selector("rect.chart__over")
        .unwrap()
        .expect("the part past 100 % is drawn");
    let mark = root
        .query_selector("#chart-progress line.chart__target")
        .unwrap()
        .unwrap();
    let x = number(&bar, "x");
    assert!(
        (number(&over, "x") - number(&mark, "x1")).abs() < 1e-9,
        "it starts at the mark"
    );
    assert!(
        (number(&over, "x") + number(&over, "width") - (x + width)).abs() < 1e-9,
        "and ends with the bar"
    );
    assert!(
        (number(&mark, "x1") - x - width / 2.0).abs() < 1e-9,
        "the mark is half-way along a 200 % bar"
    );
    // Only the bars past their targets have the hatched part: COD here, and the sample's NH₃-N
    // and water saved, past theirs since its water projects p20-p22 (125.5 of 120 t, 744,166.7
    // of 200,000 t); SO₂, NOₓ and energy are within theirs.
    let past = got.values().filter(|(v, _)| *v > 100.0).count();
    assert_eq!(all(&root, "#chart-progress rect.chart__over").len(), past);
    assert!(
        past < got.len(),
        "a bar within its target has no hatched part"
    );
    // The grouped charts still show the key chosen before the recompute.
    assert_eq!(select.value(), Key::Nox.code());
    let township: BTreeMap<String, f64> = bars(&root, "chart-by-township")
        .into_iter()
        .map(|(k, (v, _))| (k, v))
        .collect();
    assert_eq!(township, expected(&report.by_township, Key::Nox));
}
