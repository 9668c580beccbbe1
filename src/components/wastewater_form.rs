//! The wastewater estimate: a form per design.md §4 `wastewater` with inline validation and the
//! live result from `jianpai-core`.

use crate::app::use_lang;
use crate::components::number_field::NumberField;
use crate::components::result_panel::ResultPanel;
use crate::i18n::{t, Text};
use crate::state::{FormError, WastewaterForm};
use jianpai_core::measures::wastewater::WaterSource;
use leptos::prelude::*;

/// Label and unit of each number field, in `WASTEWATER_FIELDS` order.
const FIELD_TEXT: [(Text, &str); 7] = [
    (Text::Flow, "m³/d"),
    (Text::LoadRate, "0–1.5"),
    (Text::Days, "d"),
    (Text::CodBefore, "mg/L"),
    (Text::CodAfter, "mg/L"),
    (Text::Nh3nBefore, "mg/L"),
    (Text::Nh3nAfter, "mg/L"),
];

#[component]
pub fn WastewaterEstimate() -> impl IntoView {
    let lang = use_lang();
    let form = WastewaterForm::sample();
    let result = Memo::new(move |_| form.result());
    // The localised message for one field, derived from the result.
    let error_for = move |key: &'static str| {
        Signal::derive(move || {
            let l = lang.get();
            let errs = result.with(|r| r.as_ref().err().cloned())?;
            errs.iter()
                .find(|e| e.field() == Some(key))
                .map(|e| match e {
                    FormError::NotANumber { .. } => t(l, Text::EnterNumber).to_owned(),
                    FormError::Engine(err) => err.kind.describe(l),
                })
        })
    };
    let fields = form
        .fields
        .into_iter()
        .zip(FIELD_TEXT)
        .map(|(f, (label, unit))| {
            view! {
                <NumberField key=f.key label=Signal::derive(move || t(lang.get(), label)) unit=unit
                    text=f.text error=error_for(f.key) />
            }
        });
    let on_source = move |ev| {
        let v = event_target_value(&ev);
        form.source.set(if v == "industrial" {
            WaterSource::Industrial
        } else {
            WaterSource::Municipal
        });
    };
    let on_month = move |ev| {
        form.start_month
            .set(event_target_value(&ev).parse().unwrap_or(0))
    };
    let months = (0u8..=12).map(|m| {
        let label = move || if m == 0 { t(lang.get(), Text::WholeYear).to_owned() } else { m.to_string() };
        view! { <option value=m.to_string() selected=move || form.start_month.get() == m>{label}</option> }
    });
    view! {
        <section class="wastewater-estimate" aria-labelledby="estimate-title">
            <h2 id="estimate-title">{move || t(lang.get(), Text::EstimateTitle)}</h2>
            <p class="wastewater-estimate__intro">{move || t(lang.get(), Text::EstimateIntro)}</p>
            <form class="wastewater-estimate__form" on:submit=|ev| ev.prevent_default()>
                <div class="select-field">
                    <label for="f-source">{move || t(lang.get(), Text::Source)}</label>
                    <select id="f-source" on:change=on_source>
                        <option value="municipal">{move || t(lang.get(), Text::Municipal)}</option>
                        <option value="industrial">{move || t(lang.get(), Text::Industrial)}</option>
                    </select>
                </div>
                {fields.collect_view()}
                <div class="select-field">
                    <label for="f-start_month">{move || t(lang.get(), Text::StartMonth)}</label>
                    <select id="f-start_month" on:change=on_month>{months.collect_view()}</select>
                </div>
            </form>
            <ResultPanel result=Signal::derive(move || result.get().ok()) />
            <Show when=move || result.with(|r| r.is_err())>
                <p id="form-errors" class="wastewater-estimate__errors" role="status">
                    {move || t(lang.get(), Text::FixErrors)}
                </p>
            </Show>
        </section>
    }
}
