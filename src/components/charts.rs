//! The portfolio's charts, drawn here as inline SVG (no chart library): progress of each target,
//! and the credited amounts of one chosen key by township and by measure type. Every chart has a
//! table of the same numbers for screen readers, and each bar carries the exact number it draws
//! (`data-value`) so that tests can check it against the engine.

use crate::i18n::{quantity, t, Lang, Text};
use crate::views::report::{township_name, type_name};
use jianpai_core::bulletin::grouped;
use jianpai_core::report::{Group, Report};
use jianpai_core::{Choice, Key, Labelled};
use leptos::prelude::*;

/// Width of the drawing (SVG user units; the SVG scales to the page): room for the longest bar and
/// a progress text such as "98.3% · 196,666.67 / 200,000 吨" past it.
const WIDTH: f64 = 720.0;
/// Longest bar: room is left on its right for the value's text.
const BAR_MAX: f64 = 440.0;
/// Bars start a little in, so that a zero bar still has its left edge visible.
const LEFT: f64 = 4.0;
/// One row: the name on a line of its own (names can be long), the bar and its value under it.
const ROW: f64 = 40.0;

/// One bar: its key (`data-key`), the name shown, the number it draws and the text beside it.
struct Bar {
    key: String,
    name: String,
    value: f64,
    text: String,
}

/// The charts of `report` in `lang`; `key` is the key the grouped charts show (kept by the
/// caller so that it survives a recompute).
#[component]
pub fn Charts(report: Report, lang: Lang, key: RwSignal<Key>) -> impl IntoView {
    let l = lang;
    let by_township = report.by_township.clone();
    let by_type = report.by_type.clone();
    let totals = report.totals;
    // The keys worth charting: those the register has credited, and the one chosen.
    let options = move || {
        let chosen = key.get();
        Key::ALL
            .into_iter()
            .filter(|k| totals[*k] != 0.0 || *k == chosen)
            .map(|k| view! { <option value=k.code() selected=k == chosen>{k.text(l)}</option> })
            .collect::<Vec<_>>()
    };
    let township_view = move || township_chart("chart-by-township", &by_township, key.get(), l);
    let type_view = move || type_chart("chart-by-type", &by_type, key.get(), l);
    view! {
        <section class="charts" aria-labelledby="charts-title">
            <h3 id="charts-title">{t(l, Text::Charts)}</h3>
            {progress_chart("chart-progress", &report, l)}
            <div class="charts__key">
                <label for="chart-key">{t(l, Text::ChartKey)}</label>
                <select id="chart-key" on:change=move |ev| {
                    if let Some(k) = Key::parse(&event_target_value(&ev)) {
                        key.set(k);
                    }
                }>{options}</select>
            </div>
            {township_view}
            {type_view}
        </section>
    }
}

/// The printed report's charts: progress, then by township and by type for each of `keys` that
/// the report credits (a printout cannot offer the screen's choice of key). Ids start `print-`.
#[component]
pub fn PrintCharts(report: Report, keys: &'static [Key], lang: Lang) -> impl IntoView {
    let (r, l) = (&report, lang);
    let grouped = keys
        .iter()
        .filter(|k| r.totals[**k] != 0.0)
        .map(|&k| {
            view! {
                {township_chart(&format!("print-chart-by-township-{}", k.code()), &r.by_township, k, l)}
                {type_chart(&format!("print-chart-by-type-{}", k.code()), &r.by_type, k, l)}
            }
        })
        .collect::<Vec<_>>();
    view! {
        {progress_chart("print-chart-progress", r, l)}
        {grouped}
    }
}

/// Credited amounts of `key` by township.
fn township_chart(id: &str, groups: &[Group], k: Key, l: Lang) -> AnyView {
    let bars = group_bars(groups, k, l, township_name);
    bar_chart(
        id,
        false,
        &format!("{} · {}", t(l, Text::ChartByTownship), k.text(l)),
        k.text(l),
        t(l, Text::Township),
        bars,
        None,
        l,
    )
}

/// Credited amounts of `key` by measure type.
fn type_chart(id: &str, groups: &[Group], k: Key, l: Lang) -> AnyView {
    let bars = group_bars(groups, k, l, type_name);
    bar_chart(
        id,
        false,
        &format!("{} · {}", t(l, Text::ChartByType), k.text(l)),
        k.text(l),
        t(l, Text::Type),
        bars,
        None,
        l,
    )
}

/// The bars of one grouping for `key`, largest first.
fn group_bars(
    groups: &[Group],
    key: Key,
    l: Lang,
    name: impl Fn(&str, Lang) -> String,
) -> Vec<Bar> {
    let unit = key.unit().get(l);
    // Groups with nothing of this key are left out: a column of empty bars reads as noise (the
    // group tables below the charts still list them).
    let mut bars: Vec<Bar> = groups
        .iter()
        .filter(|g| g.credited[key] != 0.0)
        .map(|g| {
            let value = g.credited[key];
            Bar {
                key: g.key.clone(),
                name: name(&g.key, l),
                value,
                text: format!("{} {unit}", quantity(value)),
            }
        })
        .collect();
    bars.sort_by(|a, b| b.value.total_cmp(&a.value));
    bars
}

/// A percentage in the page's number style, one decimal.
fn percent(p: f64) -> String {
    format!("{}%", grouped(p, 1))
}

/// Credited total / target per key with a (non-zero) target; 100 % is marked.
fn progress_chart(id: &str, r: &Report, l: Lang) -> Option<AnyView> {
    let bars: Vec<Bar> = r
        .progress
        .iter()
        .filter_map(|p| {
            let pct = p.percent?;
            let unit = p.key.unit().get(l);
            Some(Bar {
                key: p.key.code().to_owned(),
                name: p.key.text(l).to_owned(),
                value: pct,
                text: format!(
                    "{} · {} / {} {unit}",
                    percent(pct),
                    quantity(p.achieved),
                    quantity(p.target)
                ),
            })
        })
        .collect();
    if bars.is_empty() {
        return None;
    }
    // The table says what the bar stands for: credited, target and the percentage.
    let rows = r
        .progress
        .iter()
        .filter(|p| p.percent.is_some())
        .map(|p| {
            view! {
                <tr data-key=p.key.code()>
                    <th scope="row">{p.key.text(l)}</th>
                    <td class="num">{quantity(p.achieved)}</td>
                    <td class="num">{quantity(p.target)}</td>
                    <td class="unit">{p.key.unit().get(l)}</td>
                    <td class="num">{p.percent.map(percent)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let table = view! {
        <table id=format!("{id}-table")>
            <caption>{t(l, Text::ChartProgress)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(l, Text::Pollutant)}</th>
                    <th scope="col" class="num">{t(l, Text::Credited)}</th>
                    <th scope="col" class="num">{t(l, Text::Target)}</th>
                    <th scope="col"></th>
                    <th scope="col" class="num">{t(l, Text::Progress)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any();
    Some(bar_chart(
        id,
        true,
        t(l, Text::ChartProgress),
        "",
        "",
        bars,
        Some(table),
        l,
    ))
}

/// A horizontal bar chart with its table. `progress` charts are percentages with a 100 % mark
/// (their scale is at least 100 %, and the part past 100 % is hatched); other charts scale to
/// their largest bar. `column`/`row_head` name the table's columns when the table is built here.
#[allow(clippy::too_many_arguments)]
fn bar_chart(
    id: &str,
    progress: bool,
    title: &str,
    column: &str,
    row_head: &str,
    bars: Vec<Bar>,
    table: Option<AnyView>,
    l: Lang,
) -> AnyView {
    // The hatch pattern is the chart's own: a pattern in a hidden part of the page (the screen's
    // chart while the report prints) does not paint.
    let hatch = format!("{id}-hatch");
    let largest = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let scale = if progress {
        largest.max(100.0)
    } else {
        largest
    };
    // Width of a value; zero for a zero scale or a negative value (its text still says it).
    let width = move |v: f64| {
        if scale > 0.0 {
            v.max(0.0) / scale * BAR_MAX
        } else {
            0.0
        }
    };
    let height = ROW * bars.len() as f64 + 8.0;
    let mark = progress.then(|| {
        let x = LEFT + width(100.0);
        view! { <line class="chart__target" x1=x y1=0 x2=x y2=height></line> }
    });
    // A progress value's text starts past the target line, so that the line never crosses it.
    let text_at = if progress { width(100.0) } else { 0.0 };
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let top = ROW * i as f64;
            let w = width(b.value);
            let over = (progress && b.value > 100.0).then(|| {
                let from = LEFT + width(100.0);
                view! {
                    <rect class="chart__over" fill=format!("url(#{hatch})") x=from y=top + 18.0
                        width=LEFT + w - from height=14></rect>
                }
            });
            view! {
                <g class="chart__row">
                    <text class="chart__label" x=LEFT y=top + 14.0>{b.name.clone()}</text>
                    <rect class="chart__bar" data-key=b.key.clone() data-value=b.value.to_string()
                        x=LEFT y=top + 18.0 width=w height=14></rect>
                    {over}
                    <text class="chart__value" x=LEFT + text_at.max(w) + 6.0 y=top + 30.0>{b.text.clone()}</text>
                </g>
            }
        })
        .collect::<Vec<_>>();
    let table = table.unwrap_or_else(|| {
        let rows = bars
            .iter()
            .map(|b| {
                view! {
                    <tr data-key=b.key.clone()>
                        <th scope="row">{b.name.clone()}</th>
                        <td class="num">{quantity(b.value)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <table id=format!("{id}-table")>
                <caption>{title.to_owned()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{row_head.to_owned()}</th>
                        <th scope="col" class="num">{column.to_owned()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    });
    let (title_id, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    let desc = progress.then(|| t(l, Text::ChartTargetMark));
    view! {
        <figure class="chart">
            // The title seen; the SVG's own <title> names it for screen readers.
            <p class="chart__title" aria-hidden="true">{title.to_owned()}</p>
            <svg id=id.to_owned() class="chart__svg" role="img" aria-labelledby=labelled_by
                viewBox=format!("0 0 {WIDTH} {height}")>
                <title id=title_id>{title.to_owned()}</title>
                <desc>{desc}</desc>
                {progress.then(|| view! {
                    <defs>
                        <pattern id=hatch.clone() width="6" height="6" patternUnits="userSpaceOnUse"
                            patternTransform="rotate(45)">
                            <rect class="chart__hatch-bg" width="6" height="6"></rect>
                            <line class="chart__hatch-line" x1="0" y1="0" x2="0" y2="6"></line>
                        </pattern>
                    </defs>
                })}
                {rows}
                {mark}
            </svg>
            <figcaption>
                <details class="chart__table">
                    <summary>{t(l, Text::ChartTable)}</summary>
                    <div class="table-scroll" tabindex="0">{table}</div>
                </details>
            </figcaption>
        </figure>
    }
    .into_any()
}
