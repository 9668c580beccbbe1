//! The summary of the open register — the built-in sample, or a project file the user opens —
//! from its one computed report: totals against targets, possible double counting, the charts,
//! the overrides in force, the tables by group and the bulletin paragraph (the parts shared with
//! the printed report are drawn by `views::report`). A file whose own fields do not read shows
//! its messages instead.

use crate::components::charts::Charts;
use crate::i18n::{msg, t, use_lang, Msg, Text};
use crate::views::report::{
    group_tables, overlaps_list, overrides_table, totals_table, Medium, ScopeColumn, TargetOnly,
};
use crate::workspace::Shared;
use jianpai_core::report::Report;
use jianpai_core::Key;
use leptos::prelude::*;

/// `report` is the open register's computed report; `name` the file it came from.
#[component]
pub fn PortfolioSummary(
    #[prop(into)] report: Signal<Shared>,
    #[prop(into)] name: Signal<Option<String>>,
    /// Prints the county report.
    #[prop(optional, into)]
    on_print: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    // The key the charts show, kept here so that a recompute does not reset the choice.
    let chart_key = RwSignal::new(Key::Cod);
    let title = move || {
        let l = lang.get();
        name.with(|name| match name {
            None => t(l, Text::SampleTitle).to_owned(),
            Some(name) => msg(l, Msg::OpenedFile { name }),
        })
    };
    let body = move || {
        let l = lang.get();
        report.with(|r| match &r.0.report {
            Ok(r) => summary(r, l, chart_key).into_any(),
            Err(errs) => view! {
                <div class="portfolio-summary__error" role="alert">
                    <p>{t(l, Text::LoadFailed)}</p>
                    <ul>{errs.iter().map(|e| view! { <li>{e.message(l)}</li> }).collect::<Vec<_>>()}</ul>
                </div>
            }
            .into_any(),
        })
    };
    view! {
        <section class="portfolio-summary" aria-labelledby="portfolio-title">
            <h2 id="portfolio-title">{title}</h2>
            <p class="portfolio-summary__intro">{move || t(lang.get(), Text::SampleIntro)}</p>
            <div class="portfolio-summary__actions">
                {on_print.map(|print| view! {
                    <button id="print-report-button" class="button button--outline" type="button"
                        disabled=move || report.with(|r| r.0.report.is_err()) on:click=move |_| print.run(())>
                        {move || t(lang.get(), Text::PrintReport)}
                    </button>
                })}
            </div>
            {body}
        </section>
    }
}

fn summary(r: &Report, l: jianpai_core::Lang, chart_key: RwSignal<Key>) -> impl IntoView {
    let bulletin = l.pick(&r.bulletin.zh, &r.bulletin.en).to_owned();
    view! {
        <h3>{format!("{} · {} · {}", r.region, r.title, r.year.map(|y| y.to_string()).unwrap_or_default())}</h3>
        <p id="summary-library">{msg(l, Msg::Labelled { label: t(l, Text::LibraryVersion), value: &r.factor_library })}</p>
        <div class="table-scroll" tabindex="0">
            {totals_table(r, l, Medium::Screen, TargetOnly::Hide)}
        </div>
        {overlaps_list("overlaps", r, l)}
        <Charts report=r.clone() lang=l key=chart_key/>
        {overrides_table(&r.overrides, ScopeColumn::Shown, l, Some("overrides-in-force"), "portfolio-summary__overrides")
            .map(|table| view! { <div class="table-scroll" tabindex="0">{table}</div> })}
        {group_tables("", r, l)}
        <h3>{t(l, Text::Bulletin)}</h3>
        <blockquote id="bulletin" class="portfolio-summary__bulletin">{bulletin}</blockquote>
    }
}
