//! The summary of the open register — the built-in sample, or a project file the user opens —
//! from its one computed report. Its read-only parts (totals against targets, possible double
//! counting, the overrides in force, the tables by group, the bulletin paragraph) are the
//! engine's HTML (`jianpai_core::doc::summary`); the charts with their key, the print, download
//! and copy buttons stay Leptos. Its heading says whose data it is: "示例：…" only while the
//! built-in sample is shown unchanged. A file whose own fields do not read even with their last
//! good values shows its messages instead.

use crate::components::charts::Charts;
use crate::components::live;
use crate::i18n::{msg, t, tr, use_lang, Lang, Msg, Text};
use crate::platform;
use crate::workspace::{Doc, Shared, Workspace};
use jianpai_core::doc::county::overlaps_note;
use jianpai_core::doc::{self, html};
use jianpai_core::overlap::Overlap;
use jianpai_core::Key;
use leptos::prelude::*;
use leptos::task::spawn_local;
use reactive_stores::Field;
use std::sync::Arc;

/// `report` is the open register's computed report; `name` the file it came from; `checklist`
/// whether a printed or saved report ends with each project's inputs (核查表), chosen here.
#[component]
pub fn PortfolioSummary(
    #[prop(into)] report: Signal<Shared>,
    #[prop(into)] name: Signal<Option<String>>,
    workspace: Field<Workspace>,
    checklist: RwSignal<bool>,
    /// Prints the county report.
    #[prop(optional, into)]
    on_print: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    // The key the charts show, kept here so that a recompute does not reset the choice.
    let chart_key = RwSignal::new(Key::Cod);
    // What the copy button last did: None, copied, or refused.
    let copied = RwSignal::new(None::<bool>);
    // The built-in sample, to tell whether it is shown unchanged (compared by value: a sample
    // restored from this browser's storage is another copy).
    let sample = StoredValue::new(Doc::sample().register);
    // Whose data it is: "示例：…" only for the sample as built in; otherwise the file's region
    // and title (or a neutral heading), and the file's name when it came from one.
    let title = move || {
        let l = lang.get();
        workspace.with(|w| {
            let r = &w.doc.register;
            if w.doc.name.is_none() && sample.with_value(|s| s == r) {
                return t(l, Text::SampleTitle).to_owned();
            }
            let heading = [r.field_text("region"), r.title().to_owned()]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            let heading = if heading.is_empty() {
                t(l, Text::CountySummary).to_owned()
            } else {
                heading
            };
            name.with(|name| match name {
                None => heading,
                Some(name) => msg(
                    l,
                    Msg::OpenedFile {
                        heading: &heading,
                        name,
                    },
                ),
            })
        })
    };
    // `doc::summary` in three parts: its possible double counting (the head's last block) is
    // drawn again only when the pairs or the language change, not on every edit (a register of
    // many similar projects lists thousands of pairs: seconds per edit at 10,000 projects).
    let parts = Memo::new(move |_| {
        let l = lang.get();
        report.with(|r| {
            r.0.report.as_ref().ok().map(|r| {
                let (head, tail) = doc::summary_parts(r, l);
                (html::blocks(&head, l), html::blocks(&tail, l))
            })
        })
    });
    let drawn_overlaps = StoredValue::new(None::<(Lang, Vec<Overlap>, Arc<str>)>);
    let overlaps = Memo::new(move |_| {
        let l = lang.get();
        report.with(|r| {
            let Ok(rep) = &r.0.report else {
                return Arc::<str>::from("");
            };
            let same = drawn_overlaps.with_value(|d| {
                d.as_ref()
                    .filter(|(dl, pairs, _)| *dl == l && *pairs == rep.overlaps)
                    .map(|(_, _, h)| h.clone())
            });
            same.unwrap_or_else(|| {
                let h: Arc<str> = overlaps_note("overlaps", rep, l)
                    .map(|b| html::blocks(&[b], l))
                    .unwrap_or_default()
                    .into();
                drawn_overlaps.set_value(Some((l, rep.overlaps.clone(), h.clone())));
                h
            })
        })
    });
    // The three documents stay in the page and each is set again only when its HTML changed
    // (a view rebuilt on every report change set all three again, the long double-counting
    // list included: seconds per edit at 10,000 projects); the charts are drawn again.
    let head = move || parts.with(|p| p.as_ref().map(|p| p.0.clone()).unwrap_or_default());
    let tail = move || parts.with(|p| p.as_ref().map(|p| p.1.clone()).unwrap_or_default());
    let pairs = move || overlaps.get();
    let charts = move || {
        let l = lang.get();
        report.with(|r| {
            r.0.report
                .as_ref()
                .ok()
                .map(|r| view! { <Charts report=r.clone() lang=l key=chart_key/> })
        })
    };
    let load_failed = move || {
        let l = lang.get();
        report.with(|r| {
            r.0.report.as_ref().err().map(|errs| {
                view! {
                    <div class="portfolio-summary__error" role="alert">
                        <p>{t(l, Text::LoadFailed)}</p>
                        <ul>{errs.iter().map(|e| view! { <li>{e.message(l)}</li> }).collect::<Vec<_>>()}</ul>
                    </div>
                }
            })
        })
    };
    let copy = move |_| {
        let text = report.with(|r| {
            r.0.report
                .as_ref()
                .map(|r| lang.get().pick(&r.bulletin.zh, &r.bulletin.en).to_owned())
                .unwrap_or_default()
        });
        spawn_local(async move {
            copied.set(Some(platform::copy_text(&text).await));
        });
    };
    let download = move |_| {
        let o = doc::Options {
            lang: lang.get(),
            date: platform::today(),
            checklist: checklist.get_untracked(),
        };
        // Every project's trail, built now: the document cites the coefficients they used.
        let r = report.get();
        let page = workspace.with(|w| {
            let rr = r.with_trails(&w.doc.register);
            html::standalone(&doc::county(&w.doc.register, &rr, &o))
        });
        let _ = platform::download("jianpai-report.html", "text/html;charset=utf-8", &page);
    };
    let failed = move || report.with(|r| r.0.report.is_err());
    view! {
        <section class="portfolio-summary" aria-labelledby="portfolio-title">
            <h2 id="portfolio-title">{live(title)}</h2>
            <p class="portfolio-summary__intro">{tr(lang, Text::SampleIntro)}</p>
            <div class="portfolio-summary__actions">
                {on_print.map(|print| view! {
                    <button id="print-report-button" class="button button--outline" type="button"
                        disabled=failed on:click=move |_| print.run(())>
                        {tr(lang, Text::PrintReport)}
                    </button>
                })}
                <label class="portfolio-summary__checklist">
                    <input id="report-checklist" type="checkbox" prop:checked=move || checklist.get()
                        on:change=move |ev| checklist.set(event_target_checked(&ev)) />
                    {tr(lang, Text::WithChecklist)}
                </label>
                <button id="download-report-button" class="button button--outline" type="button"
                    disabled=failed on:click=download>
                    {tr(lang, Text::DownloadReport)}
                </button>
            </div>
            {live(load_failed)}
            <div class="portfolio-summary__doc" inner_html=head></div>
            <div class="portfolio-summary__doc" inner_html=pairs></div>
            {live(charts)}
            <div class="portfolio-summary__doc" inner_html=tail></div>
            <div class="portfolio-summary__actions">
                <button id="copy-bulletin" class="button button--outline" type="button"
                    disabled=failed on:click=copy>
                    {tr(lang, Text::CopyBulletin)}
                </button>
                <p class="portfolio-summary__copied" role="status">
                    {move || copied.get().map(|ok| t(lang.get(), if ok { Text::BulletinCopied } else { Text::CopyRefused }))}
                </p>
            </div>
        </section>
    }
}
