//! The county report as a printed document (drawn only while it is being printed, shown by
//! style/print.css): the engine's document (`jianpai_core::doc::county`, the same HTML that
//! `jianpai report --format html` writes), set as the inner HTML of one element.

use crate::i18n::use_lang;
use crate::workspace::{Shared, Workspace};
use jianpai_core::doc::{self, html};
use leptos::prelude::*;
use reactive_stores::Field;

/// `active`: whether the report is being printed (a large register is drawn only then);
/// `checklist`: whether it ends with each project's inputs (核查表).
#[component]
pub fn PrintReport(
    workspace: Field<Workspace>,
    #[prop(into)] report: Signal<Shared>,
    #[prop(into)] date: Signal<String>,
    #[prop(into)] active: Signal<bool>,
    #[prop(into)] checklist: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let body = Memo::new(move |_| {
        if !active.get() {
            return String::new();
        }
        let o = doc::Options {
            lang: lang.get(),
            date: date.get(),
            checklist: checklist.get(),
        };
        // Every project's trail, built now: the document cites the coefficients they used.
        let r = report.get();
        workspace.with(|w| {
            let rr = r.with_trails(&w.doc.register);
            html::document(&doc::county(&w.doc.register, &rr, &o))
        })
    });
    view! { <article id="print-report" class="print-doc print-doc--report" inner_html=body></article> }
}
