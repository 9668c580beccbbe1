//! The single-project estimate: choose a measure type, fill its form (fields, units and defaults
//! from `jianpai_core::schema`), see inline validation and the live result with its trail.

use crate::components::live;
use crate::components::number_field::{CheckField, ChoiceField, NumberField};
use crate::components::print_estimate::PrintEstimate;
use crate::components::result_panel::ResultPanel;
use crate::components::share_panel::ShareButton;
use crate::form::{
    element_id, element_id_at, sample_item_text, sample_text, type_index, Edit, Estimate,
    FormError, IdentityField,
};
use crate::i18n::{msg, t, tr, use_lang, Lang, Msg, Text};
use crate::platform;
use jianpai_core::field::{item_path, FieldSpec, ListItem};
use jianpai_core::form::{project_number_field, project_number_fields};
use jianpai_core::register::Register;
use jianpai_core::report::ProjectResult;
use jianpai_core::schema::FieldKind;
use jianpai_core::trail::num;
use jianpai_core::Choice;
use jianpai_core::Labelled;
use jianpai_core::MeasureType;
use jianpai_core::{Category, Crediting, ElectricityBasis, KeyCategory};
use leptos::prelude::*;
use std::sync::Arc;

/// The localised message of a form error.
fn message(e: &FormError, l: Lang) -> String {
    match e {
        FormError::Number { problem, .. } => problem.message(l),
        FormError::Text { problem, .. } => problem.describe(l),
        FormError::UnitHint { hint, .. } => hint.message(l),
        FormError::Engine(err) => err.kind.describe(l),
    }
}

/// A setting held as `Option<T>` (None = the default), as a select's value ("" = None) and the
/// edit of the value the user picks.
fn setting<T>(
    value: impl Fn() -> Option<T> + Send + Sync + 'static,
    edit: fn(Option<T>) -> Edit,
    on_change: Callback<Edit>,
) -> (Signal<String>, Callback<String>)
where
    T: Choice + Send + Sync,
{
    // A memo: the form changes at each keystroke, a setting seldom (each of its options'
    // `selected` is read again only then).
    (
        Memo::new(move |_| value().map_or("", Choice::name).to_owned()).into(),
        Callback::new(move |v: String| on_change.run(edit(T::parse(&v)))),
    )
}

/// `estimate` is the form shown (the estimate, or the form derived from the register project
/// being edited); every input sends its change to `on_change`, which writes it where the form
/// lives. Its result is derived here unless `result` is given.
#[component]
pub fn ProjectEstimate(
    #[prop(into)] estimate: Signal<Estimate>,
    /// Where the inputs' changes go.
    #[prop(into)]
    on_change: Callback<Edit>,
    /// The result to show instead of the form's own (a register project's, computed with the
    /// file's settings and overrides).
    #[prop(optional, into)]
    result: Option<Signal<Result<Arc<ProjectResult>, Vec<FormError>>>>,
    /// The one-project file printed instead of the form read as one (a register project's, with
    /// the file's settings and overrides).
    #[prop(optional, into)]
    file: Option<Signal<Option<Register>>>,
    /// Whether the form edits a register project (else it is the standalone estimate).
    #[prop(optional, into)]
    editing: Signal<bool>,
    /// Adds the estimate to the register.
    #[prop(optional, into)]
    on_add: Option<Callback<()>>,
    /// Ends editing a register project.
    #[prop(optional, into)]
    on_done: Option<Callback<()>>,
    /// Ends editing a register project, putting it back as it was when editing began.
    #[prop(optional, into)]
    on_cancel: Option<Callback<()>>,
    /// The townships the register already uses, offered while typing one.
    #[prop(optional, into)]
    townships: Signal<Vec<String>>,
    /// Copies the register project being edited into the standalone estimate.
    #[prop(optional, into)]
    on_open_as_estimate: Option<Callback<()>>,
    /// More of the form, drawn before its buttons (the register project's review).
    #[prop(optional)]
    children: Option<Children>,
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
    let error_at = move |path: String| {
        Signal::derive(move || {
            let l = lang.get();
            result.with(|r| {
                r.as_ref()
                    .err()?
                    .iter()
                    .find(|e| e.path() == Some(path.as_str()))
                    .map(|e| message(e, l))
            })
        })
    };
    let error_for = move |path: &'static str| error_at(path.to_owned());
    // One field of entry `index` of the list field `list`: labelled "原辅材料 2：实施前年用量".
    let item_view = move |ti: usize,
                          list: &'static FieldSpec,
                          index: usize,
                          spec: &'static FieldSpec| {
        let (list_path, item) = (list.path, spec.path);
        let text = Memo::new(move |_| {
            estimate.with(|e| {
                e.current()
                    .map(|c| c.item_text(list_path, index, item).to_owned())
                    .unwrap_or_default()
            })
        });
        let on_text = Callback::new(move |text: String| {
            on_change.run(Edit::ItemField {
                list: list_path,
                index,
                item,
                text,
            })
        });
        let path = item_path(list_path, index, item);
        let id = element_id_at(&path);
        let label = Signal::derive(move || spec.label(lang.get()));
        let prefix = Some(Signal::derive(move || {
            let l = lang.get();
            format!(
                "{}{}",
                ListItem::of(list, index).text(l),
                l.pick("：", ": ")
            )
        }));
        let error = error_at(path);
        match spec.kind {
            FieldKind::Choice(choices) => {
                let options = Signal::derive(move || {
                    let l = lang.get();
                    std::iter::once(("", "—".to_owned()))
                        .chain(choices.iter().map(|o| (o.value, o.label(l).to_owned())))
                        .collect::<Vec<_>>()
                });
                view! { <ChoiceField id label options value=text on_choose=on_text error prefix /> }
                    .into_any()
            }
            _ => {
                // The sample's entry shows what is asked for (the form starts blank).
                let placeholder = spec.default.map(num).or_else(|| {
                    Some(sample_item_text(ti, list_path, index, item).to_owned())
                        .filter(|s| !s.is_empty())
                });
                view! {
                    <NumberField id label unit=spec.unit_text() text on_text error placeholder
                        required=spec.required default_hint=None prefix />
                }
                .into_any()
            }
        }
    };
    // A list field: one fieldset per entry (its fields and a button that removes it), then a
    // button that adds an entry.
    let list_view = move |ti: usize, list: &'static FieldSpec| {
        let path = list.path;
        let count = Memo::new(move |_| {
            estimate.with(|e| {
                e.current()
                    .and_then(|c| c.list(path))
                    .map_or(0, |l| l.entries.len())
            })
        });
        let list_error = error_for(path);
        let add_label = move || {
            let l = lang.get();
            let name = match l {
                Lang::Zh => list.label_zh.to_owned(),
                Lang::En => list.label_en.to_lowercase(),
            };
            msg(l, Msg::AddEntry { list: &name })
        };
        view! {
            <div class="list-field" id=element_id(list)>
                <For each=move || 0..count.get() key=|i| *i let:index>
                    <fieldset class="list-field__entry">
                        <legend>{move || ListItem::of(list, index).text(lang.get())}</legend>
                        {list.items().iter().map(|item| item_view(ti, list, index, item)).collect::<Vec<_>>()}
                        <button class="button button--outline list-field__remove" type="button"
                            on:click=move |_| on_change.run(Edit::RemoveItem(path, index))>
                            {tr(lang, Text::RemoveEntry)}
                        </button>
                    </fieldset>
                </For>
                <p id=format!("{}-error", element_id(list)) class="number-field__error" role="alert">
                    {move || list_error.get()}
                </p>
                <button class="button button--outline list-field__add" type="button"
                    on:click=move |_| on_change.run(Edit::AddItem(path))>
                    {live(add_label)}
                </button>
            </div>
        }
        .into_any()
    };
    // `ti`: the index of the field's measure type (the sample's value of the field in that type
    // is its placeholder when it has no default).
    let field_view = move |ti: usize, spec: &'static FieldSpec| {
        let path = spec.path;
        let text = Memo::new(move |_| {
            estimate.with(|e| {
                e.current()
                    .map(|c| c.text(path).to_owned())
                    .unwrap_or_default()
            })
        });
        let on_text = Callback::new(move |v: String| on_change.run(Edit::Field(path, v)));
        let id = element_id(spec);
        let label = Signal::derive(move || spec.label(lang.get()));
        let error = error_for(spec.path);
        match spec.kind {
            FieldKind::Number | FieldKind::Count => {
                // Blank means the default where there is one; else the sample's value shows what
                // is asked for without being a value (the form starts blank).
                let placeholder = spec
                    .default
                    .map(num)
                    .or_else(|| Some(sample_text(ti, path).to_owned()).filter(|s| !s.is_empty()));
                let default_hint = spec.default.map(|d| {
                    Signal::derive(move || msg(lang.get(), Msg::DefaultIs { value: &num(d) }))
                });
                view! {
                    <NumberField id label unit=spec.unit_text() text on_text error placeholder
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
                    <ChoiceField id label options value=text on_choose=on_text error />
                }
                .into_any()
            }
            FieldKind::Bool => view! { <CheckField id label text on_text error /> }.into_any(),
            FieldKind::List(_) => list_view(ti, spec),
        }
    };
    // The project's own numbers (start year, offsets): the same for every type.
    let own_field_view = move |spec: &'static FieldSpec| {
        let path = spec.path;
        let text = Memo::new(move |_| estimate.with(|e| e.project_text(path).to_owned()));
        let on_text = Callback::new(move |v: String| on_change.run(Edit::ProjectField(path, v)));
        let label = Signal::derive(move || spec.label(lang.get()));
        view! {
            <NumberField id=element_id(spec) label unit=spec.unit_text() text on_text
                error=error_for(path) placeholder=None required=false default_hint=None />
        }
    };
    let own_fields = move || {
        project_number_fields()
            .map(own_field_view)
            .collect::<Vec<_>>()
    };
    let selected = Memo::new(move |_| estimate.with(|e| e.selected));
    let start_month =
        Memo::new(move |_| estimate.with(|e| e.current().map_or(0, |c| c.start_month)));
    // Keyed by type, so that switching type builds that type's inputs afresh rather than patching
    // another type's inputs in place.
    let current_type = move || {
        MeasureType::NAMES
            .get(selected.get())
            .copied()
            .into_iter()
            .collect::<Vec<_>>()
    };
    let (crediting, on_crediting) = setting(
        move || estimate.with(|e| e.crediting),
        Edit::Crediting,
        on_change,
    );
    let (basis, on_basis) = setting(
        move || estimate.with(|e| e.electricity_basis),
        Edit::ElectricityBasis,
        on_change,
    );
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
                let is_selected = move || start_month.get() == m;
                view! { <option value=m.to_string() selected=is_selected>{label}</option> }
            })
            .collect::<Vec<_>>()
    };
    let on_month = move |ev| {
        on_change.run(Edit::StartMonth(
            event_target_value(&ev).parse().unwrap_or(0),
        ))
    };
    let type_options = move || {
        let l = lang.get();
        MeasureType::NAMES
            .iter()
            .enumerate()
            .map(|(i, ty)| {
                view! { <option value=*ty selected=move || selected.get() == i>{MeasureType::parse(ty).map_or("", |t| t.text(l))}</option> }
            })
            .collect::<Vec<_>>()
    };
    // Errors that belong to no visible field (e.g. about the measure as a whole).
    let other_errors = move || {
        let l = lang.get();
        let shown: Vec<String> = estimate.with(|e| {
            e.current()
                .map(|c| {
                    c.fields
                        .iter()
                        .map(|f| f.spec.path.to_owned())
                        .chain(c.lists.iter().flat_map(|l| l.texts().map(|(p, _)| p)))
                        .collect()
                })
                .unwrap_or_default()
        });
        result.with(|r| {
            r.as_ref()
                .err()
                .map(|errs| {
                    errs.iter()
                        .filter(|e| {
                            e.path().is_none_or(|p| {
                                p != "start_month"
                                    && p != "category"
                                    && p != "key_category"
                                    && !shown.iter().any(|s| s == p)
                                    && project_number_field(p).is_none()
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
            <p class="project-estimate__intro">{tr(lang, Text::EstimateIntro)}</p>
            <form class="project-estimate__form" on:submit=|ev| ev.prevent_default()>
                <fieldset class="project-estimate__identity">
                    <TextInput id="f-id" label=Text::ProjectId field=IdentityField::Id estimate on_change />
                    <TextInput id="f-name" label=Text::Name field=IdentityField::Name estimate on_change />
                    <TextInput id="f-enterprise" label=Text::Enterprise field=IdentityField::Enterprise estimate on_change />
                    <TextInput id="f-township" label=Text::Township field=IdentityField::Township estimate on_change
                        list="f-township-options" />
                    <datalist id="f-township-options">
                        {move || townships.get().into_iter().map(|t| view! { <option value=t></option> }).collect::<Vec<_>>()}
                    </datalist>
                    <Show when=move || !editing.get()>
                        <TextInput id="f-region" label=Text::Region field=IdentityField::Region estimate on_change />
                        <TextInput id="f-year" label=Text::Year field=IdentityField::Year estimate on_change />
                    </Show>
                </fieldset>
                <div class="number-field select-field">
                    <label for="f-type">{tr(lang, Text::MeasureType)}</label>
                    <select id="f-type" on:change=move |ev| {
                        if let Some(i) = type_index(&event_target_value(&ev)) {
                            on_change.run(Edit::Type(i));
                        }
                    }>
                        {live(type_options)}
                    </select>
                </div>
                <For each=current_type key=|name| *name let:name>
                    {untrack(|| {
                        estimate.with(|e| {
                            let ti = type_index(name).unwrap_or_default();
                            e.types.iter().find(|t| t.type_name == name)
                                .map(|t| t.fields.iter().map(|f| field_view(ti, f.spec)).collect::<Vec<_>>())
                                .unwrap_or_default()
                        })
                    })}
                    {
                        let (category, on_category) = setting(
                            move || estimate.with(|e| e.current().and_then(|c| c.category)),
                            Edit::Category,
                            on_change,
                        );
                        view! {
                    <ChoiceField id="f-category".to_owned()
                        label=Signal::derive(tr(lang, Text::Category))
                        options=Signal::derive(move || {
                            let l = lang.get();
                            let mut o = vec![("", t(l, Text::UsualForType).to_owned())];
                            o.extend(Category::VALUES.iter().map(|c| (c.name(), c.text(l).to_owned())));
                            o
                        })
                        value=category on_choose=on_category error=error_for("category") />
                        }
                    }
                    {
                        let (key_category, on_key_category) = setting(
                            move || estimate.with(|e| e.current().and_then(|c| c.key_category)),
                            Edit::KeyCategory,
                            on_change,
                        );
                        view! {
                    <ChoiceField id="f-key_category".to_owned()
                        label=Signal::derive(tr(lang, Text::KeyCategory))
                        options=Signal::derive(move || {
                            let l = lang.get();
                            let mut o = vec![("", t(l, Text::UsualForType).to_owned())];
                            o.extend(KeyCategory::VALUES.iter().map(|c| (c.name(), c.text(l).to_owned())));
                            o
                        })
                        value=key_category on_choose=on_key_category error=error_for("key_category") />
                        }
                    }
                </For>
                <div class="number-field select-field" class:number-field--invalid=move || month_error.get().is_some()>
                    <label for="f-start_month">{tr(lang, Text::StartMonth)}</label>
                    <select id="f-start_month" on:change=on_month>{live(months)}</select>
                    <p id="f-start_month-error" class="number-field__error" role="alert">{move || month_error.get()}</p>
                </div>
                {live(own_fields)}
                <Show when=move || !editing.get()>
                <ChoiceField id="f-crediting".to_owned()
                    label=Signal::derive(tr(lang, Text::CreditingRule))
                    options=Signal::derive(move || {
                        let l = lang.get();
                        default_first::<Crediting>(l)
                    })
                    value=crediting on_choose=on_crediting error=Signal::derive(|| None::<String>) />
                <ChoiceField id="f-electricity_basis".to_owned()
                    label=Signal::derive(tr(lang, Text::ElectricityBasis))
                    options=Signal::derive(move || {
                        let l = lang.get();
                        default_first::<ElectricityBasis>(l)
                    })
                    value=basis on_choose=on_basis error=Signal::derive(|| None::<String>) />
                </Show>
                {children.map(|c| c())}
                <div class="project-estimate__actions">
                    {on_done.map(|done| view! {
                        <button id="done-editing" class="button" type="button" on:click=move |_| done.run(())>
                            {tr(lang, Text::DoneEditing)}
                        </button>
                    })}
                    {on_cancel.map(|cancel| view! {
                        <button id="cancel-editing" class="button button--outline" type="button"
                            on:click=move |_| cancel.run(())>
                            {tr(lang, Text::CancelEditing)}
                        </button>
                    })}
                    {on_open_as_estimate.map(|open| view! {
                        <button id="open-as-estimate" class="button button--outline" type="button"
                            on:click=move |_| open.run(())>
                            {tr(lang, Text::OpenAsEstimate)}
                        </button>
                    })}
                    {on_add.map(|add| view! {
                        <button id="add-to-register" class="button" type="button"
                            disabled=move || result.with(|r| r.is_err()) on:click=move |_| add.run(())>
                            {tr(lang, Text::AddToRegister)}
                        </button>
                    })}
                    <button id="save-estimate" class="button button--outline" type="button"
                        disabled=move || result.with(|r| r.is_err()) on:click=save>
                        {tr(lang, Text::SaveProjectFile)}
                    </button>
                    <button id="print-estimate-button" class="button button--outline" type="button"
                        on:click=move |_| {
                            date.set(platform::today());
                            platform::print("estimate", || ());
                        }>
                        {tr(lang, Text::PrintEstimate)}
                    </button>
                    // The standalone estimate as a link (a register project has its own, below the table).
                    {on_add.is_some().then(|| view! {
                        <ShareButton id="share-estimate"
                            disabled=Signal::derive(move || result.with(|r| r.is_err()))
                            file=Callback::new(move |()| estimate.with_untracked(|e| {
                                e.project_file().ok().map(|f| f.to_compact_json())
                            })) />
                    })}
                    <button id="reset-estimate" class="button button--outline" type="button"
                        on:click=move |_| {
                            let before = estimate.get_untracked();
                            let mut reset = before.clone();
                            reset.reset_current();
                            before_reset.set(Some(before));
                            on_change.run(Edit::Replace(Box::new(reset)));
                        }>
                        {tr(lang, Text::ResetToSample)}
                    </button>
                    // Restoring the sample values is undoable, like every destructive action.
                    <Show when=move || before_reset.with(Option::is_some)>
                        <button id="undo-reset" class="button button--outline" type="button"
                            on:click=move |_| {
                                if let Some(e) = before_reset.get_untracked() {
                                    on_change.run(Edit::Replace(Box::new(e)));
                                }
                                before_reset.set(None);
                            }>
                            {tr(lang, Text::UndoReset)}
                        </button>
                    </Show>
                </div>
            </form>
            <ResultPanel result=Signal::derive(move || result.with(|r| r.as_ref().ok().cloned())) />
            <Show when=move || result.with(|r| r.is_err())>
                <div id="form-errors" class="project-estimate__errors" role="status">
                    <p>{tr(lang, Text::FixErrors)}</p>
                    <ul>{live(other_errors)}</ul>
                </div>
            </Show>
        </section>
        <PrintEstimate estimate file=file.unwrap_or_else(|| Signal::derive(|| None)) date />
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
fn TextInput(
    id: &'static str,
    label: Text,
    field: IdentityField,
    estimate: Signal<Estimate>,
    on_change: Callback<Edit>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    let text = Memo::new(move |_| estimate.with(|e| e.identity.get(field).to_owned()));
    view! {
        <div class="number-field text-field">
            <label for=id><span class="number-field__label">{tr(lang, label)}</span></label>
            <input id=id type="text" autocomplete="off" list=list prop:value=move || text.get()
                on:input=move |ev| on_change.run(Edit::Identity(field, event_target_value(&ev))) />
        </div>
    }
}
