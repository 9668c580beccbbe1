//! Labelled inputs (number, choice, yes/no) with their unit and the message of any error about
//! them, shown next to the field.

use leptos::prelude::*;

/// Where a field's error message goes: `<id>-error`, referenced by `aria-describedby`.
fn error_id(id: &str) -> String {
    format!("{id}-error")
}

#[component]
fn FieldError(id: String, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! { <p id=error_id(&id) class="number-field__error" role="alert">{move || error.get()}</p> }
}

/// A number typed as text (kept exactly as typed); `error` is the localised message, if any.
#[component]
pub fn NumberField(
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    unit: &'static str,
    text: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional_no_strip)] placeholder: Option<String>,
) -> impl IntoView {
    view! {
        <div class="number-field" class:number-field--invalid=move || error.get().is_some()>
            <label for=id.clone()>
                <span class="number-field__label">{move || label.get()}</span>
                <span class="number-field__unit">{unit}</span>
            </label>
            <input id=id.clone() type="text" inputmode="decimal" autocomplete="off"
                placeholder=placeholder
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id(&id) />
            <FieldError id=id error=error />
        </div>
    }
}

/// A choice among fixed values; `options` are (value, label) with "" for "not given".
#[component]
pub fn ChoiceField(
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] options: Signal<Vec<(&'static str, String)>>,
    text: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let opts = move || {
        options
            .get()
            .into_iter()
            .map(|(value, label)| {
                view! { <option value=value selected=move || text.get() == value>{label}</option> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="number-field select-field" class:number-field--invalid=move || error.get().is_some()>
            <label for=id.clone()><span class="number-field__label">{move || label.get()}</span></label>
            <select id=id.clone() on:change=move |ev| text.set(event_target_value(&ev))
                aria-describedby=error_id(&id)>{opts}</select>
            <FieldError id=id error=error />
        </div>
    }
}

/// A yes/no field, stored as the text "true" or "".
#[component]
pub fn CheckField(
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    text: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="number-field check-field">
            <label for=id.clone()>
                <input id=id.clone() type="checkbox" prop:checked=move || text.get() == "true"
                    on:change=move |ev| text.set(if event_target_checked(&ev) { "true".into() } else { String::new() }) />
                <span class="number-field__label">{move || label.get()}</span>
            </label>
            <FieldError id=id error=error />
        </div>
    }
}
