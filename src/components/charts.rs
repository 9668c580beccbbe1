//! The portfolio's charts on the summary screen: progress of each target, and the credited
//! amounts of one chosen key by township and by measure type. The charts are the engine's
//! (`jianpai_core::doc::county`: inline SVG with direct labels, each bar carrying the exact
//! number it draws in `data-value`, and a table of the same numbers); only the choice of key is
//! Leptos.

use crate::components::live;
use crate::i18n::{t, Lang, Text};
use jianpai_core::doc::county::{progress_chart, township_chart, type_chart};
use jianpai_core::doc::{html, Block};
use jianpai_core::report::Report;
use jianpai_core::{Choice, Key, Labelled};
use leptos::prelude::*;

/// The charts of `report` in `lang`; `key` is the key the grouped charts show (kept by the
/// caller so that it survives a recompute).
#[component]
pub fn Charts(report: Report, lang: Lang, key: RwSignal<Key>) -> impl IntoView {
    let l = lang;
    let totals = report.totals;
    let progress = progress_chart("chart-progress", &report, l)
        .map(|c| html::blocks(&[Block::Chart(c)], l))
        .unwrap_or_default();
    // The keys worth charting: those the register has credited, and the one chosen.
    let options = move || {
        let chosen = key.get();
        Key::ALL
            .into_iter()
            .filter(|k| totals[*k] != 0.0 || *k == chosen)
            .map(|k| view! { <option value=k.code() selected=k == chosen>{k.text(l)}</option> })
            .collect::<Vec<_>>()
    };
    let grouped = Memo::new(move |_| {
        let k = key.get();
        html::blocks(
            &[
                Block::Chart(township_chart("chart-by-township".into(), &report, k, l)),
                Block::Chart(type_chart("chart-by-type".into(), &report, k, l)),
            ],
            l,
        )
    });
    view! {
        <section class="charts" aria-labelledby="charts-title">
            <h3 id="charts-title">{t(l, Text::Charts)}</h3>
            <div inner_html=progress></div>
            <div class="charts__key">
                <label for="chart-key">{t(l, Text::ChartKey)}</label>
                <select id="chart-key" on:change=move |ev| {
                    if let Some(k) = Key::parse(&event_target_value(&ev)) {
                        key.set(k);
                    }
                }>{live(options)}</select>
            </div>
            <div inner_html=grouped></div>
        </section>
    }
}
