//! One project's result: full-year and credited amounts, then the trail behind each number and
//! the warnings.

use crate::components::live;
use crate::i18n::{msg, quantity, tr, use_lang, Msg, Text};
use jianpai_core::report::ProjectResult;
use jianpai_core::trail::num;
use jianpai_core::{Choice, Key, Labelled, Lang, Status};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ResultPanel(
    /// Shared with where it was computed (no result is copied to be shown).
    #[prop(into)]
    result: Signal<Option<Arc<ProjectResult>>>,
    /// Prefix of the element ids, so that two panels can be on one page ("" for the form's).
    #[prop(optional, into)]
    id_prefix: Oco<'static, str>,
) -> impl IntoView {
    let lang = use_lang();
    let months_id = format!("{id_prefix}months");
    let rows = move || {
        let l = lang.get();
        result.with(|r| {
            let Some(r) = r else { return Vec::new() };
            Key::ALL
                .into_iter()
                .filter(|k| r.full_year[*k] != 0.0)
                .map(|k| {
                    let code = k.code();
                    view! {
                        <tr data-key=code>
                            <th scope="row">{k.text(l)}</th>
                            <td id=format!("{id_prefix}full-{code}") class="num">{quantity(r.full_year[k])}</td>
                            <td id=format!("{id_prefix}credited-{code}") class="num">{quantity(r.credited[k])}</td>
                            <td class="unit">{k.unit().get(l)}</td>
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
                                // Why this entry among several (a year's row, a kind, a set).
                                let picked = f.picked.as_ref().map(|p| {
                                    view! { <span class="factor__picked">" ("{p.get(l).to_owned()}")"</span> }
                                });
                                let overridden = f.override_note.as_ref().map(|note| {
                                    format!(" {}", msg(l, Msg::Overridden { default: &f.default_value.map(num).unwrap_or_default(), note }))
                                });
                                view! {
                                    <li class="factor">
                                        {f.name(l).to_owned()}" "<code>{f.id.clone()}</code>" = "{num(f.value)}{unit}" "
                                        <span class=format!("factor__status factor__status--{}", f.status.name())>
                                            {status_label(f.status, l)}
                                        </span>
                                        {picked}{overridden}" — "{f.citation(l).to_owned()}
                                    </li>
                                }
                            })
                            .collect::<Vec<_>>();
                        view! {
                            <li class="trail__entry" data-output=e.output.code()>
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
    // The coefficients this project uses with a value other than the library's, with why.
    let overrides = move || {
        let l = lang.get();
        result.with(|r| {
            let mut seen = Vec::new();
            r.iter()
                .flat_map(|r| r.trail.iter().flat_map(|e| e.factors.iter()))
                .filter(|f| f.override_note.is_some())
                .filter(|f| {
                    let new = !seen.contains(&f.id);
                    seen.push(f.id.clone());
                    new
                })
                .map(|f| {
                    let unit = if f.unit == "-" { String::new() } else { format!(" {}", f.unit) };
                    let default = f.default_value.map(num).unwrap_or_default();
                    view! {
                        <li class="result-panel__override" data-factor=f.id.clone()>
                            {f.name(l).to_owned()}" "<code>{f.id.clone()}</code>" = "{format!("{}{unit}", num(f.value))}
                            " "{msg(l, Msg::DefaultInParens { value: &format!("{default}{unit}") })}" — "
                            {f.override_note.clone()}
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let has_overrides = move || {
        result.with(|r| {
            r.iter()
                .flat_map(|r| r.trail.iter().flat_map(|e| e.factors.iter()))
                .any(|f| f.override_note.is_some())
        })
    };
    let has_warnings = move || result.with(|r| r.as_ref().is_some_and(|r| !r.warnings.is_empty()));
    view! {
        <section class="result-panel" aria-live="polite" class:result-panel--stale=move || result.with(|r| r.is_none())>
            <h3>{tr(lang, Text::ResultTitle)}</h3>
            <p class="result-panel__months">
                {tr(lang, Text::Months)}{move || lang.get().pick("：", ": ")}
                <span id=months_id>{move || result.with(|r| r.as_ref().map(|r| r.months.to_string()).unwrap_or_default())}</span>
            </p>
            <div class="table-scroll" tabindex="0">
                <table class="result-panel__table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(lang, Text::Pollutant)}</th>
                            <th scope="col">{tr(lang, Text::FullYear)}</th>
                            <th scope="col">{tr(lang, Text::Credited)}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>{live(rows)}</tbody>
                </table>
            </div>
            <Show when=has_warnings>
                <h4>{tr(lang, Text::Warnings)}</h4>
                <ul class="result-panel__warnings">{live(warnings)}</ul>
            </Show>
            <Show when=has_overrides>
                <h4>{tr(lang, Text::OverridesInForce)}</h4>
                <ul id="result-overrides" class="result-panel__overrides">{live(overrides)}</ul>
            </Show>
            <details class="trail" open>
                <summary>{tr(lang, Text::HowComputed)}</summary>
                <ol class="trail__list">{live(trail)}</ol>
            </details>
        </section>
    }
}

/// The status of a coefficient as shown beside it (docs/methodology.md §0); an unverified
/// default carries a visible mark.
fn status_label(s: Status, l: Lang) -> String {
    match s {
        Status::Unverified => format!("⚠ {}", s.text(l)),
        Status::Official | Status::Secondary => s.text(l).to_owned(),
    }
}
