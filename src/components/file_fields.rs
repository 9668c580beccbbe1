//! The open file's own fields: title, region, year, crediting rule, electricity basis, the
//! accounting method (each described) and the targets. Each field shows the register's value (so undo, redo, open and new update it), and
//! every edit is one undoable change of the file made through the engine
//! (`Register::set_field_text`); typing in one field undoes as one step. Numbers are read as
//! people type them (`2.6万`, `１０００`, `1,000`); text that is not a number is kept in the input
//! (`form::Typed`) with a message and changes nothing. The engine's errors about these fields (a
//! negative target) are shown next to the field that caused them, while every report goes on
//! from the field's last good value (`app`).

use crate::components::live;
use crate::form::Typed;
use crate::i18n::{msg, tr, use_lang, Lang, Msg, Text};
use crate::workspace::Workspace;
use jianpai_core::field::FieldSpec;
use jianpai_core::file::{plan_target_fields, TARGETS};
use jianpai_core::form::read_number;
use jianpai_core::review::ReviewStatus;
use jianpai_core::{
    BulletinOrder, Choice, Crediting, ElectricityBasis, Error, GridCo2, Key, Labelled, Method,
};
use leptos::prelude::*;
use reactive_stores::Field;

/// The year, a whole number.
const YEAR: FieldSpec = FieldSpec::count("year", "年度", "Year");

/// Writes what was typed into the field at `path` (read by the engine by the field's kind), as
/// one undo step per field; returns the text of the value left stored.
fn write(workspace: Field<Workspace>, path: &'static str, text: &str) -> String {
    let mut left = String::new();
    workspace.update(|w| {
        w.apply(Some(format!("head:{path}")), |d| {
            let _ = d.register.set_field_text(path, text);
            left = d.register.field_text(path);
        })
    });
    left
}

/// The register's value of one field as an input shows it, changing only when that field changes.
fn current(workspace: Field<Workspace>, path: &'static str) -> Memo<String> {
    Memo::new(move |_| workspace.with(|w| w.doc.register.field_text(path)))
}

/// The engine's messages about the field at `path` (the file's own fields do not read).
fn engine_error(errors: Signal<Vec<Error>>, path: &str, l: Lang) -> Option<String> {
    errors.with(|errs| {
        let found: Vec<String> = errs
            .iter()
            .filter(|e| e.project.is_none() && e.field.as_deref() == Some(path))
            // With the field's label ("COD 削减目标：不能为负数（-5）").
            .map(|e| e.message(l))
            .collect();
        (!found.is_empty()).then(|| found.join(l.pick("；", "; ")))
    })
}

/// The error line under a field: `<id>-error`, referenced by the input.
fn error_line(id: &str, error: Signal<Option<String>>) -> impl IntoView {
    view! { <p id=format!("{id}-error") class="number-field__error" role="alert">{move || error.get()}</p> }
}

#[component]
fn TextInput(
    id: &'static str,
    path: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    workspace: Field<Workspace>,
    errors: Signal<Vec<Error>>,
) -> impl IntoView {
    let lang = use_lang();
    let value = current(workspace, path);
    let error = Signal::derive(move || engine_error(errors, path, lang.get()));
    view! {
        <div class="number-field file-fields__text" class:number-field--invalid=move || error.with(Option::is_some)>
            <label for=id><span class="number-field__label">{move || label.get()}</span></label>
            <input id=id type="text" autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| {
                    write(workspace, path, &event_target_value(&ev));
                }
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=format!("{id}-error") />
            {error_line(id, error)}
        </div>
    }
}

#[component]
fn NumberInput(
    id: String,
    path: &'static str,
    spec: FieldSpec,
    #[prop(into)] label: Signal<String>,
    unit: String,
    workspace: Field<Workspace>,
    errors: Signal<Vec<Error>>,
    /// The texts typed in the file's fields, over the register's values.
    typed: RwSignal<Typed>,
) -> impl IntoView {
    let lang = use_lang();
    let key = format!("head:{path}");
    // The text as typed while the register's value is what it left (a text that is not a number
    // leaves it as it was), else the value (undo, redo, open, new). Read straight from the
    // signals (not through a memo), so that the input is written in the same turn as the change
    // that caused it, as it is typed.
    let text = {
        let key = key.clone();
        Signal::derive(move || {
            workspace.with(|w| typed.with(|t| t.shown(&key, &w.doc.register.field_text(path))))
        })
    };
    let problem = Memo::new(move |_| {
        text.with(|s| {
            if s.trim().is_empty() {
                None
            } else {
                read_number(s, &spec).err()
            }
        })
    });
    let error = Signal::derive(move || {
        let l = lang.get();
        match problem.get() {
            Some(p) => Some(p.message(l)),
            None => engine_error(errors, path, l),
        }
    });
    let on_input = move |ev| {
        let typed_text = event_target_value(&ev);
        // What the text leaves stored, known before it is written, so that the field shows
        // the text as typed from the moment the register changes.
        let left = workspace.with_untracked(|w| {
            let mut r = w.doc.register.clone();
            let _ = r.set_field_text(path, &typed_text);
            r.field_text(path)
        });
        typed.update(|t| t.set(key.clone(), typed_text.clone(), left));
        write(workspace, path, &typed_text);
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="number-field" class:number-field--invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                <span class="number-field__label">{move || label.get()}</span>
                <span class="number-field__unit">{unit}</span>
            </label>
            <input id=id.clone() type="text" inputmode="decimal" autocomplete="off"
                prop:value=move || text.get() on:input=on_input
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id />
            {error_line(&id, error)}
        </div>
    }
}

/// The values of a choice (file name, name in the language), the engine's default first.
type Options = fn(Lang) -> Vec<(&'static str, &'static str)>;

/// The accounting methods, the newest first (the default depends on the year: [`ChoiceInput`]'s
/// `default_name`).
fn methods(l: Lang) -> Vec<(&'static str, &'static str)> {
    Method::VALUES
        .iter()
        .rev()
        .map(|m| (m.name(), m.text(l)))
        .collect()
}

/// The values of a file-format choice, its default first.
fn options_of<C: Choice + Labelled + Default>(l: Lang) -> Vec<(&'static str, &'static str)> {
    let first = C::default();
    std::iter::once(first)
        .chain(C::VALUES.iter().copied().filter(|c| *c != first))
        .map(|c| (c.name(), c.text(l)))
        .collect()
}

#[component]
fn ChoiceInput(
    id: &'static str,
    path: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    options: Options,
    workspace: Field<Workspace>,
    errors: Signal<Vec<Error>>,
    /// The name of the value a blank stands for, when it is not the first option's.
    #[prop(optional)]
    default_name: Option<Signal<String>>,
    /// The id of a text describing the choices, beside the error line.
    #[prop(optional)]
    help: Option<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    let value = current(workspace, path);
    let error = Signal::derive(move || engine_error(errors, path, lang.get()));
    let chosen = move || value.get();
    let opts = move || {
        let l = lang.get();
        let given = options(l);
        // Blank: not in the file, the engine's default (listed first) applies.
        let default_value = match default_name {
            Some(name) => name.get(),
            None => given.first().map_or("", |o| o.1).to_owned(),
        };
        let default = msg(
            l,
            Msg::EngineDefault {
                value: &default_value,
            },
        );
        let mut all: Vec<(String, String)> = vec![(String::new(), default)];
        all.extend(given.iter().map(|(v, n)| (v.to_string(), n.to_string())));
        // A value this version does not know is shown as written (the engine says what is wrong).
        let now = chosen();
        if !all.iter().any(|(v, _)| *v == now) {
            all.push((now.clone(), now));
        }
        all.into_iter()
            .map(|(v, name)| {
                let selected = chosen() == v;
                view! { <option value=v selected=selected>{name}</option> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="number-field select-field" class:number-field--invalid=move || error.with(Option::is_some)>
            <label for=id><span class="number-field__label">{move || label.get()}</span></label>
            <select id=id prop:value=chosen
                aria-describedby=help.map_or(format!("{id}-error"), |h| format!("{h} {id}-error"))
                on:change=move |ev| {
                    write(workspace, path, &event_target_value(&ev));
                }>
                {live(opts)}
            </select>
            {error_line(id, error)}
        </div>
    }
}

/// A yes/no setting as a checkbox: checked writes `true`, unchecked removes the field (its
/// default, no).
#[component]
fn FlagInput(
    id: &'static str,
    path: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    workspace: Field<Workspace>,
    errors: Signal<Vec<Error>>,
) -> impl IntoView {
    let lang = use_lang();
    let value = current(workspace, path);
    let error = Signal::derive(move || engine_error(errors, path, lang.get()));
    view! {
        <div class="number-field checkbox-field" class:number-field--invalid=move || error.with(Option::is_some)>
            <input id=id type="checkbox" prop:checked=move || value.get() == "true"
                aria-describedby=format!("{id}-error")
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    write(workspace, path, if on { "true" } else { "" });
                } />
            <label for=id><span class="number-field__label">{move || label.get()}</span></label>
            {error_line(id, error)}
        </div>
    }
}

/// 计入汇总的审核状态: one checkbox per review status, ticked when the totals count it
/// (`settings.counted_statuses`; the default, every status but 退回 and 不予认定, leaves the
/// setting out of the file). One undoable step per click.
#[component]
fn CountedStatuses(workspace: Field<Workspace>, errors: Signal<Vec<Error>>) -> impl IntoView {
    let lang = use_lang();
    let counted =
        Memo::new(move |_| workspace.with(|w| w.doc.register.settings().counted_statuses()));
    let error = Signal::derive(move || {
        let l = lang.get();
        errors.with(|errs| {
            let found: Vec<String> = errs
                .iter()
                .filter(|e| {
                    e.project.is_none()
                        && e.field
                            .as_deref()
                            .is_some_and(|f| f.starts_with("settings.counted_statuses"))
                })
                .map(|e| e.message(l))
                .collect();
            (!found.is_empty()).then(|| found.join(l.pick("；", "; ")))
        })
    });
    let boxes = move || {
        let l = lang.get();
        ReviewStatus::ALL
            .into_iter()
            .map(|s| {
                let id = format!("file-counted-{}", s.name());
                view! {
                    <div class="number-field checkbox-field">
                        <input id=id.clone() type="checkbox"
                            prop:checked=move || counted.with(|c| c.contains(&s))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let mut list = counted.get_untracked();
                                list.retain(|x| *x != s);
                                if on {
                                    list.push(s);
                                }
                                let default = ReviewStatus::COUNTED_BY_DEFAULT;
                                let is_default = list.len() == default.len()
                                    && default.iter().all(|d| list.contains(d));
                                workspace.update(|w| {
                                    w.apply(None, |d| {
                                        d.register
                                            .set_counted_statuses((!is_default).then_some(&list[..]))
                                    })
                                });
                            } />
                        <label for=id><span class="number-field__label">{s.text(l)}</span></label>
                    </div>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <fieldset id="file-counted-statuses" class="file-fields__counted"
            aria-describedby="file-counted-statuses-help file-counted-statuses-error">
            <legend>{tr(lang, Text::CountedStatuses)}</legend>
            {live(boxes)}
            <p id="file-counted-statuses-help" class="file-fields__help">{tr(lang, Text::CountedStatusesHelp)}</p>
            {error_line("file-counted-statuses", error)}
        </fieldset>
    }
}

/// `workspace` is the open register (its own fields are edited here); `errors` the engine's
/// errors about those fields (the reports meanwhile use each field's last good value).
#[component]
pub fn FileFields(
    #[prop(into)] workspace: Field<Workspace>,
    #[prop(into)] errors: Signal<Vec<Error>>,
) -> impl IntoView {
    let lang = use_lang();
    let text = move |x: Text| Signal::derive(tr(lang, x));
    let typed = RwSignal::new(Typed::default());
    let targets = Key::EMISSIONS
        .into_iter()
        .zip(TARGETS)
        .map(|(k, spec)| {
            let label = Signal::derive(move || spec.label(lang.get()).to_owned());
            view! {
                <NumberInput id=format!("target-{}", k.code()) path=spec.path
                    spec=spec label=label unit=spec.unit.to_owned() workspace=workspace errors=errors typed=typed />
            }
        })
        .collect::<Vec<_>>();
    // The five-year plan's targets (`plan_targets`), read by the five-year view.
    let plan_targets = Key::EMISSIONS
        .into_iter()
        .zip(plan_target_fields())
        .map(|(k, spec)| {
            let label = Signal::derive(move || spec.label(lang.get()).to_owned());
            view! {
                <NumberInput id=format!("plan-target-{}", k.code()) path=spec.path
                    spec=*spec label=label unit=spec.unit.to_owned() workspace=workspace errors=errors typed=typed />
            }
        })
        .collect::<Vec<_>>();
    // The method a blank stands for: the one the engine chose by the year.
    let method_default = Signal::derive(move || {
        let l = lang.get();
        let year = workspace.with(|w| w.doc.register.field_text("year"));
        let year = year.trim().parse::<i64>().ok();
        Method::default_for(year).text(l).to_owned()
    });
    let method_help = move || {
        let l = lang.get();
        Method::VALUES
            .iter()
            .rev()
            .map(|m| {
                let sep = if l == Lang::Zh { "：" } else { ": " };
                view! { <li><strong>{m.text(l)}</strong>{sep}{m.description().get(l)}</li> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="file-fields" aria-labelledby="file-fields-title">
            <h2 id="file-fields-title">{tr(lang, Text::FileFields)}</h2>
            <p class="file-fields__intro">{tr(lang, Text::FileFieldsIntro)}</p>
            <div class="file-fields__grid">
                <TextInput id="file-title" path="title" label=text(Text::FileTitle)
                    workspace=workspace errors=errors />
                <TextInput id="file-region" path="region" label=text(Text::Region)
                    workspace=workspace errors=errors />
                <NumberInput id="file-year".to_owned() path="year" spec=YEAR
                    label=Signal::derive(tr(lang, Text::Year).to_owned()) unit=String::new()
                    workspace=workspace errors=errors typed=typed />
                <ChoiceInput id="file-crediting" path="settings.crediting"
                    label=text(Text::CreditingRule) options={options_of::<Crediting> as Options}
                    workspace=workspace errors=errors />
                <ChoiceInput id="file-electricity_basis" path="settings.electricity_basis"
                    label=text(Text::ElectricityBasis) options={options_of::<ElectricityBasis> as Options}
                    workspace=workspace errors=errors />
                <ChoiceInput id="file-method" path="settings.method"
                    label=text(Text::AccountingMethod) options={methods as Options}
                    workspace=workspace errors=errors default_name=method_default
                    help="file-method-help" />
                <ChoiceInput id="file-grid_co2" path="settings.grid_co2"
                    label=text(Text::GridCo2) options={options_of::<GridCo2> as Options}
                    workspace=workspace errors=errors />
                <ChoiceInput id="file-bulletin_order" path="settings.bulletin_order"
                    label=text(Text::BulletinOrder) options={options_of::<BulletinOrder> as Options}
                    workspace=workspace errors=errors />
                <FlagInput id="file-bulletin_so2" path="settings.bulletin_so2"
                    label=text(Text::BulletinSo2) workspace=workspace errors=errors />
            </div>
            <ul id="file-method-help" class="file-fields__help">{live(method_help)}</ul>
            <CountedStatuses workspace=workspace errors=errors />
            <fieldset class="file-fields__targets">
                <legend>{tr(lang, Text::Target)}</legend>
                {targets}
            </fieldset>
            <fieldset class="file-fields__targets">
                <legend>{tr(lang, Text::PlanTargets)}</legend>
                {plan_targets}
            </fieldset>
        </section>
    }
}
