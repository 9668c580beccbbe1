//! The one-project estimate as a printed document (hidden on screen, shown by style/print.css):
//! the engine's document (`jianpai_core::doc::estimate`) of the form read as a one-project file,
//! the same HTML that `jianpai report --format html` writes for the saved file (for a register
//! project, of the register's one-project file: its settings and overrides kept).

use crate::form::Estimate;
use crate::i18n::{t, use_lang, Text};
use jianpai_core::doc::{self, html};
use jianpai_core::register::Register;
use leptos::prelude::*;

/// `estimate` is the form being printed, `file` the one-project file printed instead when there
/// is one (a register project's), `date` the date printed on it.
#[component]
pub fn PrintEstimate(
    #[prop(into)] estimate: Signal<Estimate>,
    #[prop(into)] file: Signal<Option<Register>>,
    #[prop(into)] date: Signal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let body = Memo::new(move |_| {
        let l = lang.get();
        let register = match file.get() {
            Some(register) => Ok(register),
            None => estimate.with(Estimate::register),
        };
        match register {
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
