//! The one-project estimate as a printed document (hidden on screen, shown by style/print.css):
//! the engine's document (`jianpai_core::doc::estimate`) of the form read as a one-project file,
//! the same HTML that `jianpai report --format html` writes for the saved file.

use crate::form::Estimate;
use crate::i18n::{t, use_lang, Text};
use jianpai_core::doc::{self, html};
use leptos::prelude::*;

/// `estimate` is the form being printed, `date` the date printed on it.
#[component]
pub fn PrintEstimate(
    #[prop(into)] estimate: Signal<Estimate>,
    #[prop(into)] date: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let body = Memo::new(move |_| {
        let l = lang.get();
        match estimate.with(Estimate::register) {
            Ok(register) => {
                let o = doc::Options {
                    lang: l,
                    date: date.get(),
                    checklist: false,
                };
                html::document(&doc::estimate(&register, &register.compute(), &o))
            }
            Err(_) => format!(
                "<p class=\"print-doc__problem\">{}</p>",
                doc::escape(t(l, Text::FixErrors))
            ),
        }
    });
    view! { <article id="print-estimate" class="print-doc print-doc--estimate" inner_html=body></article> }
}
