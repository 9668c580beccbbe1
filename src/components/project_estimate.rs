//! The single-project estimate: choose a measure type, fill its form (fields, units and defaults
//! from `jianpai_core::schema`), see inline validation and the live result with its trail.

use crate::components::number_field::{CheckField, ChoiceField, NumberField};
use crate::components::print_estimate::PrintEstimate;
use crate::components::result_panel::ResultPanel;
use crate::components::share_panel::ShareButton;
use crate::engine::FormError;
use crate::i18n::{msg, t, use_lang, Lang, Msg, Text};
use crate::platform;
use crate::state::{
    element_id, type_index, Estimate, EstimateStoreFields, FieldInputStoreFields,
    IdentityStoreFields, TypeFormStoreFields,
};
use jianpai_core::report::ProjectResult;
use jianpai_core::schema::{FieldKind, FieldSpec};
use jianpai_core::trail::num;
use jianpai_core::Choice;
use jianpai_core::Labelled;
use jianpai_core::MeasureType;
use jianpai_core::{Category, Crediting, ElectricityBasis};
use leptos::prelude::*;
use reactive_stores::Field;

/// The localised message of a form error.
fn message(e: &FormError, l: Lang) -> String {
    match e {
        FormError::Number { problem, .. } => problem.message(l),
        FormError::UnitHint { hint, .. } => hint.message(l),
        FormError::Engine(err) => err.kind.describe(l),
    }
}

/// A setting held as `Option<T>` (None = the default), as a select's value ("" = None) and the
/// setter of the value the user picks.
fn setting<T>(field: Field<Option<T>>) -> (Signal<String>, Callback<String>)
where
    T: Choice + Send + Sync,
{
    (
        Signal::derive(move || field.get().map_or("", Choice::name).to_owned()),
        Callback::new(move |v: String| field.set(T::parse(&v))),
    )
}

/// `estimate` is the app store's estimate form: edited here, its result derived here.
#[component]
pub fn ProjectEstimate(
    #[prop(into)] estimate: Field<Estimate>,
    /// The result to show instead of the form's own (a register project's, computed with the
    /// file's settings and overrides).
    #[prop(optional, into)]
    result: Option<Signal<Result<ProjectResult, Vec<FormError>>>>,
    /// Whether the form edits a register project (else it is the standalone estimate).
    #[prop(optional, into)]
    editing: Signal<bool>,
    /// Adds the estimate to the register.
    #[prop(optional, into)]
    on_add: Option<Callback<()>>,
    /// Ends editing a register project.
    #[prop(optional, into)]
    on_done: Option<Callback<()>>,
    /// Copies the register project being edited into the standalone estimate.
    #[prop(optional, into)]
    on_open_as_estimate: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    let before_reset = RwSignal::new(None::<Estimate>);
    // The date printed on the estimate: today's, taken again at each print.
    let date = RwSignal::new(platform::today());
    let result = match result {
        Some(r) => r,
        None => Memo::new(move |_| estimate.with(Estimate::result)).into(),
    };
    let save = move |_| {
        estimate.with_untracked(|e| {
            if let (Ok(file), Some(c)) = (e.project_file(), e.current()) {
                let _ = platform::download(
                    &format!("jianpai-{}.json", c.type_name),
                    "application/json",
                    &file.to_json(),
                );
            }
        })
    };
    let error_for = move |path: &'static str| {
        Signal::derive(move || {
            let l = lang.get();
            result.with(|r| {
                r.as_ref()
                    .err()?
                    .iter()
                    .find(|e| e.path() == Some(path))
                    .map(|e| message(e, l))
            })
        })
    };
    let field_view = move |spec: &'static FieldSpec, text: Field<String>| {
        let id = element_id(spec);
        let label = Signal::derive(move || spec.label(lang.get()));
        let error = error_for(spec.path);
        match spec.kind {
            FieldKind::Number | FieldKind::Count => {
                let placeholder = spec.default.map(num);
                let default_hint = spec.default.map(|d| {
                    Signal::derive(move || msg(lang.get(), Msg::DefaultIs { value: &num(d) }))
                });
                view! {
                    <NumberField id label unit=spec.unit_text() text error placeholder
                        required=spec.required default_hint />
                }
                .into_any()
            }
            FieldKind::Choice(choices) => {
                let options = Signal::derive(move || {
                    let l = lang.get();
                    // "Not given": the engine's default applies, named when there is one.
                    let blank = (!spec.required).then(|| {
                        let default = spec.default_choice.and_then(|d| spec.choice_label(d, l));
                        ("", default.map_or("—".to_owned(), |d| format!("— ({d})")))
                    });
                    blank
                        .into_iter()
                        .chain(choices.iter().map(|o| (o.value, o.label(l).to_owned())))
                        .collect::<Vec<_>>()
                });
                view! {
                    <ChoiceField id label options value=Signal::derive(move || text.get())
                        on_choose=move |v| text.set(v) error />
                }
                .into_any()
            }
            FieldKind::Bool => view! { <CheckField id label text error /> }.into_any(),
        }
    };
    let types = estimate.types();
    // The selected type's form, as a store handle.
    let current = move || types.at_key(MeasureType::NAMES[estimate.selected().get()]);
    // Keyed by type, so that switching type builds that type's inputs afresh rather than patching
    // another type's inputs in place.
    let current_type = move || {
        MeasureType::NAMES
            .get(estimate.selected().get())
            .copied()
            .into_iter()
            .collect::<Vec<_>>()
    };
    let (crediting, on_crediting) = setting(estimate.crediting().into());
    let (basis, on_basis) = setting(estimate.electricity_basis().into());
    let month_error = error_for("start_month");
    let months = move || {
        let l = lang.get();
        (0u8..=12)
            .map(|m| {
                let label = if m == 0 {
                    t(l, Text::WholeYear).to_owned()
                } else {
                    m.to_string()
                };
                let is_selected = move || current().start_month().get() == m;
                view! { <option value=m.to_string() selected=is_selected>{label}</option> }
            })
            .collect::<Vec<_>>()
    };
    let on_month = move |ev| {
        current()
            .start_month()
            .set(event_target_value(&ev).parse().unwrap_or(0))
    };
    let type_options = move || {
        let l = lang.get();
        MeasureType::NAMES
            .iter()
            .enumerate()
            .map(|(i, ty)| {
                view! { <option value=*ty selected=move || estimate.selected().get() == i>{MeasureType::parse(ty).map_or("", |t| t.text(l))}</option> }
            })
            .collect::<Vec<_>>()
    };
    // Errors that belong to no visible field (e.g. about the measure as a whole).
    let other_errors = move || {
        let l = lang.get();
        let shown: Vec<&'static str> = estimate.with(|e| {
            e.current()
                .map(|c| c.fields.iter().map(|f| f.spec.path).collect())
                .unwrap_or_default()
        });
        result.with(|r| {
            r.as_ref()
                .err()
                .map(|errs| {
                    errs.iter()
                        .filter(|e| {
                            e.path().is_none_or(|p| {
                                p != "start_month" && p != "category" && !shown.contains(&p)
                            })
                        })
                        .map(|e| view! { <li>{message(e, l)}</li> })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="project-estimate" aria-labelledby="estimate-title">
            <h2 id="estimate-title">{move || {
                let l = lang.get();
                t(l, if editing.get() { Text::EditingTitle } else { Text::EstimateTitle })
            }}</h2>
            <p class="project-estimate__intro">{move || t(lang.get(), Text::EstimateIntro)}</p>
            <form class="project-estimate__form" on:submit=|ev| ev.prevent_default()>
                <fieldset class="project-estimate__identity">
                    <TextInput id="f-id" label=Text::ProjectId text=estimate.identity().id() />
                    <TextInput id="f-name" label=Text::Name text=estimate.identity().name() />
                    <TextInput id="f-enterprise" label=Text::Enterprise text=estimate.identity().enterprise() />
                    <TextInput id="f-township" label=Text::Township text=estimate.identity().township() />
                    <Show when=move || !editing.get()>
                        <TextInput id="f-region" label=Text::Region text=estimate.identity().region() />
                        <TextInput id="f-year" label=Text::Year text=estimate.identity().year() />
                    </Show>
                </fieldset>
                <div class="number-field select-field">
                    <label for="f-type">{move || t(lang.get(), Text::MeasureType)}</label>
                    <select id="f-type" on:change=move |ev| {
                        if let Some(i) = type_index(&event_target_value(&ev)) {
                            estimate.selected().set(i);
                        }
                    }>
                        {type_options}
                    </select>
                </div>
                <For each=current_type key=|name| *name let:name>
                    {untrack(|| {
                        types.at_key(name).fields().into_iter()
                            .map(|input| field_view(input.read().spec, input.text().into()))
                            .collect::<Vec<_>>()
                    })}
                    {
                        let (category, on_category) = setting(types.at_key(name).category().into());
                        view! {
                    <ChoiceField id="f-category".to_owned()
                        label=Signal::derive(move || t(lang.get(), Text::Category))
                        options=Signal::derive(move || {
                            let l = lang.get();
                            let mut o = vec![("", t(l, Text::UsualForType).to_owned())];
                            o.extend(Category::VALUES.iter().map(|c| (c.name(), c.text(l).to_owned())));
                            o
                        })
                        value=category on_choose=on_category error=error_for("category") />
                        }
                    }
                </For>
                <div class="number-field select-field" class:number-field--invalid=move || month_error.get().is_some()>
                    <label for="f-start_month">{move || t(lang.get(), Text::StartMonth)}</label>
                    <select id="f-start_month" on:change=on_month>{months}</select>
                    <p id="f-start_month-error" class="number-field__error" role="alert">{move || month_error.get()}</p>
                </div>
                <Show when=move || !editing.get()>
                <ChoiceField id="f-crediting".to_owned()
                    label=Signal::derive(move || t(lang.get(), Text::CreditingRule))
                    options=Signal::derive(move || {
                        let l = lang.get();
                        default_first::<Crediting>(l)
                    })
                    value=crediting on_choose=on_crediting error=Signal::derive(|| None::<String>) />
                <ChoiceField id="f-electricity_basis".to_owned()
                    label=Signal::derive(move || t(lang.get(), Text::ElectricityBasis))
                    options=Signal::derive(move || {
                        let l = lang.get();
                        default_first::<ElectricityBasis>(l)
                    })
                    value=basis on_choose=on_basis error=Signal::derive(|| None::<String>) />
                </Show>
                <div class="project-estimate__actions">
                    {on_done.map(|done| view! {
                        <button id="done-editing" class="button" type="button" on:click=move |_| done.run(())>
                            {move || t(lang.get(), Text::DoneEditing)}
                        </button>
                    })}
                    {on_open_as_estimate.map(|open| view! {
                        <button id="open-as-estimate" class="button button--outline" type="button"
                            on:click=move |_| open.run(())>
                            {move || t(lang.get(), Text::OpenAsEstimate)}
                        </button>
                    })}
                    {on_add.map(|add| view! {
                        <button id="add-to-register" class="button" type="button"
                            disabled=move || result.with(|r| r.is_err()) on:click=move |_| add.run(())>
                            {move || t(lang.get(), Text::AddToRegister)}
                        </button>
                    })}
                    <button id="save-estimate" class="button button--outline" type="button"
                        disabled=move || result.with(|r| r.is_err()) on:click=save>
                        {move || t(lang.get(), Text::SaveProjectFile)}
                    </button>
                    <button id="print-estimate-button" class="button button--outline" type="button"
                        on:click=move |_| {
                            date.set(platform::today());
                            platform::print("estimate", || ());
                        }>
                        {move || t(lang.get(), Text::PrintEstimate)}
                    </button>
                    // The standalone estimate as a link (a register project has its own, below the table).
                    {on_add.is_some().then(|| view! {
                        <ShareButton id="share-estimate"
                            disabled=Signal::derive(move || result.with(|r| r.is_err()))
                            file=Callback::new(move |()| estimate.with_untracked(|e| {
                                e.project_file().ok().and_then(|f| serde_json::to_string(&f).ok())
                            })) />
                    })}
                    <button id="reset-estimate" class="button button--outline" type="button"
                        on:click=move |_| {
                            before_reset.set(estimate.with_untracked(|e| Some(e.clone())));
                            estimate.update(Estimate::reset_current);
                        }>
                        {move || t(lang.get(), Text::ResetToSample)}
                    </button>
                    // Restoring the sample values is undoable, like every destructive action.
                    <Show when=move || before_reset.with(Option::is_some)>
                        <button id="undo-reset" class="button button--outline" type="button"
                            on:click=move |_| {
                                if let Some(e) = before_reset.get_untracked() {
                                    estimate.set(e);
                                }
                                before_reset.set(None);
                            }>
                            {move || t(lang.get(), Text::UndoReset)}
                        </button>
                    </Show>
                </div>
            </form>
            <ResultPanel result=Signal::derive(move || result.get().ok()) />
            <Show when=move || result.with(|r| r.is_err())>
                <div id="form-errors" class="project-estimate__errors" role="status">
                    <p>{move || t(lang.get(), Text::FixErrors)}</p>
                    <ul>{other_errors}</ul>
                </div>
            </Show>
        </section>
        <PrintEstimate estimate result date />
    }
}

/// The options of a file setting, named by the engine's labels; the default is the blank value
/// (the file then leaves the setting out).
fn default_first<T: Choice + Labelled + Default>(l: Lang) -> Vec<(&'static str, String)> {
    T::VALUES
        .iter()
        .map(|v| {
            let value = if *v == T::default() { "" } else { v.name() };
            (value, v.text(l).to_owned())
        })
        .collect()
}

/// A one-line text field of the project's identity (kept exactly as typed).
#[component]
fn TextInput(id: &'static str, label: Text, #[prop(into)] text: Field<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="number-field text-field">
            <label for=id><span class="number-field__label">{move || t(lang.get(), label)}</span></label>
            <input id=id type="text" autocomplete="off" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev)) />
        </div>
    }
}
