//! Labelled inputs (number, choice, yes/no) with their unit and the message of any error about
//! them, shown next to the field.

use crate::components::live;
use leptos::prelude::*;

/// Where a field's error message goes: `<id>-error`, referenced by `aria-describedby`.
fn error_id(id: &str) -> String {
    format!("{id}-error")
}

#[component]
fn FieldError(id: String, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! { <p id=error_id(&id) class="number-field__error" role="alert">{move || error.get()}</p> }
}

/// A number typed as text (kept exactly as typed): `text` is shown, `on_text` receives what is
/// typed; `error` is the localised message, if any.
#[component]
pub fn NumberField(
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    unit: String,
    #[prop(into)] text: Signal<String>,
    #[prop(into)] on_text: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional_no_strip)] placeholder: Option<String>,
    /// Marks the field as required (a visible mark, and `aria-required` for screen readers).
    #[prop(optional)]
    required: bool,
    /// What the engine uses when the field is left blank, shown under the field.
    #[prop(optional_no_strip)]
    default_hint: Option<Signal<String>>,
    /// Said before the label: the entry of a list the field belongs to ("原辅材料 2：").
    #[prop(optional_no_strip)]
    prefix: Option<Signal<String>>,
) -> impl IntoView {
    view! {
        <div class="number-field" class:number-field--invalid=move || error.get().is_some()>
            <label for=id.clone()>
                <span class="number-field__label">
                    {move || prefix.map(|p| p.get())}
                    {move || label.get()}
                    {required.then(|| view! { <span class="number-field__required" aria-hidden="true">" *"</span> })}
                </span>
                <span class="number-field__unit">{unit}</span>
            </label>
            <input id=id.clone() type="text" inputmode="decimal" autocomplete="off"
                aria-required=required.to_string()
                placeholder=placeholder
                prop:value=move || text.get()
                on:input=move |ev| on_text.run(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id(&id) />
            {default_hint.map(|h| view! { <p class="number-field__default">{move || h.get()}</p> })}
            <FieldError id=id error=error />
        </div>
    }
}

/// A choice among fixed values; `options` are (value, label) with "" for "not given". `value` is
/// the value chosen, `on_choose` receives the one the user picks (so the caller keeps it typed).
#[component]
pub fn ChoiceField(
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] options: Signal<Vec<(&'static str, String)>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_choose: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Said before the label: the entry of a list the field belongs to ("原辅材料 2：").
    #[prop(optional_no_strip)]
    prefix: Option<Signal<String>>,
) -> impl IntoView {
    let opts = move || {
        options
            .get()
            .into_iter()
            .map(|(v, label)| {
                view! { <option value=v selected=move || value.with(|c| c == v)>{label}</option> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="number-field select-field" class:number-field--invalid=move || error.get().is_some()>
            <label for=id.clone()><span class="number-field__label">{move || prefix.map(|p| p.get())}{move || label.get()}</span></label>
            <select id=id.clone() on:change=move |ev| on_choose.run(event_target_value(&ev))
                aria-describedby=error_id(&id)>{live(opts)}</select>
            <FieldError id=id error=error />
        </div>
    }
}

/// A yes/no field, stored as the text "true" or "".
#[component]
pub fn CheckField(
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] text: Signal<String>,
    #[prop(into)] on_text: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="number-field check-field">
            <label for=id.clone()>
                <input id=id.clone() type="checkbox" prop:checked=move || text.get() == "true"
                    on:change=move |ev| on_text.run(if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                <span class="number-field__label">{move || label.get()}</span>
            </label>
            <FieldError id=id error=error />
        </div>
    }
}
