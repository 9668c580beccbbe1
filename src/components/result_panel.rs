//! One project's result: full-year and credited amounts, then the trail behind each number and
//! the warnings.

use crate::i18n::{quantity, t, use_lang, Text};
use jianpai_core::export::key_label;
use jianpai_core::report::{Amounts, ProjectResult};
use jianpai_core::trail::num;
use jianpai_core::{Lang, Status};
use leptos::prelude::*;

#[component]
pub fn ResultPanel(#[prop(into)] result: Signal<Option<ProjectResult>>) -> impl IntoView {
    let lang = use_lang();
    let rows = move || {
        let l = lang.get();
        result.with(|r| {
            let Some(r) = r else { return Vec::new() };
            Amounts::QUANTITIES
                .iter()
                .chain(Amounts::COUNTS.iter())
                .filter(|k| r.full_year.get(k) != 0.0)
                .map(|&k| {
                    let (name, unit) = key_label(k, l);
                    view! {
                        <tr data-key=k>
                            <th scope="row">{name}</th>
                            <td id=format!("full-{k}") class="num">{quantity(r.full_year.get(k))}</td>
                            <td id=format!("credited-{k}") class="num">{quantity(r.credited.get(k))}</td>
                            <td class="unit">{unit}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let trail = move || {
        let l = lang.get();
        result.with(|r| {
            r.as_ref().map(|r| {
                r.trail
                    .iter()
                    .map(|e| {
                        let factors = e
                            .factors
                            .iter()
                            .map(|f| {
                                let unit = (f.unit != "-").then(|| format!(" {}", f.unit));
                                let overridden = f.override_note.as_ref().map(|note| {
                                    format!(" [{} {}: {note}]", t(l, Text::OverriddenFrom), f.default_value.map(num).unwrap_or_default())
                                });
                                view! {
                                    <li class="factor">
                                        <code>{f.id.clone()}</code>" = "{num(f.value)}{unit}" "
                                        <span class=format!("factor__status factor__status--{}", status_name(f.status))>
                                            {status_label(f.status, l)}
                                        </span>
                                        {overridden}" — "{f.source.clone()}
                                    </li>
                                }
                            })
                            .collect::<Vec<_>>();
                        view! {
                            <li class="trail__entry" data-output=e.output>
                                <p class="trail__formula">{e.formula(l).to_owned()}</p>
                                <p class="trail__symbols"><code>{e.symbols.clone()}</code></p>
                                <p class="trail__substituted"><code>{e.substituted.clone()}</code></p>
                                <ul class="trail__factors">{factors}</ul>
                            </li>
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let warnings = move || {
        let l = lang.get();
        result.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.warnings
                        .iter()
                        .map(|w| view! { <li class="result-panel__warning">{w.message(l)}</li> })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let has_warnings = move || result.with(|r| r.as_ref().is_some_and(|r| !r.warnings.is_empty()));
    view! {
        <section class="result-panel" aria-live="polite" class:result-panel--stale=move || result.with(|r| r.is_none())>
            <h3>{move || t(lang.get(), Text::ResultTitle)}</h3>
            <p class="result-panel__months">
                {move || t(lang.get(), Text::Months)}": "
                <span id="months">{move || result.with(|r| r.as_ref().map(|r| r.months.to_string()).unwrap_or_default())}</span>
            </p>
            <table class="result-panel__table">
                <thead>
                    <tr>
                        <th scope="col">{move || t(lang.get(), Text::Pollutant)}</th>
                        <th scope="col">{move || t(lang.get(), Text::FullYear)}</th>
                        <th scope="col">{move || t(lang.get(), Text::Credited)}</th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Show when=has_warnings>
                <h4>{move || t(lang.get(), Text::Warnings)}</h4>
                <ul class="result-panel__warnings">{warnings}</ul>
            </Show>
            <details class="trail" open>
                <summary>{move || t(lang.get(), Text::HowComputed)}</summary>
                <ol class="trail__list">{trail}</ol>
            </details>
        </section>
    }
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Official => "official",
        Status::Secondary => "secondary",
        Status::Unverified => "unverified",
    }
}

/// The status of a coefficient as shown beside it (methodology.md §0).
fn status_label(s: Status, l: Lang) -> &'static str {
    match s {
        Status::Official => l.pick("官方文本", "official"),
        Status::Secondary => l.pick("二手来源", "secondary source"),
        Status::Unverified => l.pick("⚠ 未核实", "⚠ unverified"),
    }
}
