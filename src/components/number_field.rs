//! A labelled number input with its unit and the message of any error about it.

use leptos::prelude::*;

/// `error` is the localised message for this field, if any; the input is marked invalid then.
#[component]
pub fn NumberField(
    /// File-format field name; also the element id (`f-<key>`).
    key: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    unit: &'static str,
    text: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{key}");
    let err_id = format!("f-{key}-error");
    let described = err_id.clone();
    view! {
        <div class="number-field" class:number-field--invalid=move || error.get().is_some()>
            <label for=id.clone()>
                <span class="number-field__label">{move || label.get()}</span>
                <span class="number-field__unit">{unit}</span>
            </label>
            <input id=id type="text" inputmode="decimal" autocomplete="off" name=key
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described />
            <p id=err_id class="number-field__error" role="alert">{move || error.get()}</p>
        </div>
    }
}
