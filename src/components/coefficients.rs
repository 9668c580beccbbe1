//! The coefficient library: every factor the engine uses with its value, unit, source, status and
//! edition; a file-wide override of one (value and a required justification, undoable) and its
//! reset; and every override in force with the projects whose results it changes (the engine's
//! HTML, `jianpai_core::doc::county::overrides_in_force`). Unverified
//! defaults carry a visible mark. Numbers shown come from the library and the engine's report.

use crate::components::live;
use crate::i18n::{t, tr, use_lang, Lang, Text};
use crate::views::factors::{status_text, value_with_unit};
use crate::workspace::{Shared, Workspace};
use jianpai_core::doc::county::overrides_in_force;
use jianpai_core::doc::html;
use jianpai_core::error::ErrorKind;
use jianpai_core::factors::Factor;
use jianpai_core::field::FieldSpec;
use jianpai_core::form::read_number;
use jianpai_core::numtext::NumberProblem;
use jianpai_core::report::OverrideUse;
use jianpai_core::trail::num;
use jianpai_core::{Choice, Error, Status};
use leptos::prelude::*;
use reactive_stores::Field;

/// How an override's value is read: a plain number (no `%`: factors are not percentages).
const VALUE: FieldSpec = FieldSpec::number("value", "", "覆盖值", "Value");

/// Why an override was not saved; the message is shown next to the field it is about.
#[derive(Clone, Debug, PartialEq)]
enum Refusal {
    /// The value typed is not a number.
    Value(NumberProblem),
    /// The engine refused the override (`Register::set_override`).
    Engine(Vec<Error>),
}

impl Refusal {
    /// The messages about the value and about the justification.
    fn messages(&self, l: Lang) -> (Option<String>, Option<String>) {
        match self {
            Refusal::Value(p) => (Some(p.message(l)), None),
            Refusal::Engine(errs) => {
                let about = |note: bool| {
                    let m: Vec<String> = errs
                        .iter()
                        .filter(|e| matches!(e.kind, ErrorKind::OverrideWithoutNote { .. }) == note)
                        .map(|e| e.kind.describe(l))
                        .collect();
                    (!m.is_empty()).then(|| m.join("；"))
                };
                (about(false), about(true))
            }
        }
    }
}

/// The file-wide override of `id` in force (value and justification), from the engine's report.
fn file_override<'a>(overrides: &'a [OverrideUse], id: &str) -> Option<&'a OverrideUse> {
    overrides
        .iter()
        .find(|o| o.project.is_none() && o.factor.id == id)
}

/// Whether a factor matches the filter text (id, either name, source note, citation, unit or
/// edition).
fn matches(f: &Factor, filter: &str) -> bool {
    let q = filter.trim().to_lowercase();
    q.is_empty()
        || [
            f.id.as_str(),
            &f.name_zh,
            &f.name_en,
            &f.source,
            f.citation(Lang::Zh),
            f.citation(Lang::En),
            &f.unit,
            &f.edition,
        ]
        .iter()
        .any(|s| s.to_lowercase().contains(&q))
}

#[component]
pub fn Coefficients(
    /// The open register; overrides are written into its own fields (undoably).
    #[prop(into)]
    workspace: Field<Workspace>,
    #[prop(into)] report: Signal<Shared>,
) -> impl IntoView {
    let lang = use_lang();
    // The file's own library (an older one until the user keeps or upgrades, library_upgrade.rs).
    let lib = Memo::new(move |_| workspace.with(|w| w.doc.register.library()));
    // The overrides in force: unchanged by an edit of a project's inputs, so the factor table is
    // not drawn again on every keystroke in a register of ten thousand projects.
    let overrides = Memo::new(move |_| {
        report.with(|r| {
            r.0.report
                .as_ref()
                .map(|rep| rep.overrides.clone())
                .unwrap_or_default()
        })
    });
    let filter = RwSignal::new(String::new());
    // The factor whose override editor is open, what is typed there, and why it was refused.
    let open = RwSignal::new(None::<String>);
    let value_text = RwSignal::new(String::new());
    let note_text = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<Refusal>);

    let start = move |id: String| {
        let current = overrides.with_untracked(|r| {
            file_override(r, &id).map(|o| {
                (
                    num(o.factor.value),
                    o.factor.override_note.clone().unwrap_or_default(),
                )
            })
        });
        let (v, n) = current.unwrap_or_else(|| {
            let d = lib
                .get_untracked()
                .get(&id)
                .map(|f| num(f.value))
                .unwrap_or_default();
            (d, String::new())
        });
        value_text.set(v);
        note_text.set(n);
        refusal.set(None);
        open.set(Some(id));
    };
    let save = move |id: String| {
        let value = match read_number(&value_text.get_untracked(), &VALUE) {
            Ok(x) => x,
            Err(p) => return refusal.set(Some(Refusal::Value(p))),
        };
        let note = note_text.get_untracked();
        let mut outcome = Ok(());
        workspace.update(|w| {
            w.apply(None, |d| {
                outcome = d.register.set_override(&id, value, &note)
            })
        });
        match outcome {
            Ok(()) => {
                refusal.set(None);
                open.set(None);
            }
            Err(errs) => refusal.set(Some(Refusal::Engine(errs))),
        }
    };
    let reset = move |id: String| {
        workspace.update(|w| w.apply(None, |d| d.register.remove_override(&id)));
        if open.get_untracked().as_deref() == Some(id.as_str()) {
            open.set(None);
        }
    };

    let editor = move |id: String, l: Lang| {
        let value_error =
            move || refusal.with(|r| r.as_ref().and_then(|r| r.messages(lang.get()).0));
        let note_error =
            move || refusal.with(|r| r.as_ref().and_then(|r| r.messages(lang.get()).1));
        let save_id = id.clone();
        view! {
            <tr class="coefficients__editor" data-editor=id.clone()>
                <td colspan="9">
                    // Held at the card's left edge while the table scrolls sideways (a phone
                    // reaches 覆盖 / Override in the last column): style/coefficients.css.
                    <div class="coefficients__editor-body">
                    <div class="coefficients__fields">
                        <div class="number-field" class:number-field--invalid=move || value_error().is_some()>
                            <label for="override-value">{t(l, Text::OverrideValue)}</label>
                            <input id="override-value" type="text" inputmode="decimal" autocomplete="off"
                                prop:value=move || value_text.get()
                                on:input=move |ev| value_text.set(event_target_value(&ev))
                                aria-describedby="override-value-error" />
                            <p id="override-value-error" class="number-field__error" role="alert">{value_error}</p>
                        </div>
                        <div class="number-field coefficients__note" class:number-field--invalid=move || note_error().is_some()>
                            <label for="override-note">{t(l, Text::Justification)}</label>
                            <textarea id="override-note" required=true rows="2"
                                prop:value=move || note_text.get()
                                on:input=move |ev| note_text.set(event_target_value(&ev))
                                aria-describedby="override-note-error"></textarea>
                            <p id="override-note-error" class="number-field__error" role="alert">{note_error}</p>
                        </div>
                    </div>
                    <button id="override-save" class="button" type="button"
                        on:click=move |_| save(save_id.clone())>{t(l, Text::SaveOverride)}</button>
                    " "
                    <button class="button button--outline" type="button"
                        on:click=move |_| open.set(None)>{t(l, Text::Cancel)}</button>
                    </div>
                </td>
            </tr>
        }
    };

    let rows = move || {
        let l = lang.get();
        let q = filter.get();
        let opened = open.get();
        overrides.with(|r| {
            lib.get()
                .factors
                .iter()
                .filter(|f| matches(f, &q))
                .map(|f| {
                    let id = f.id.clone();
                    let ov = file_override(r, &id);
                    let in_force = ov.map(|o| {
                        let note = o.factor.override_note.clone().unwrap_or_default();
                        view! {
                            <span class="coefficients__in-force">{value_with_unit(o.factor.value, &f.unit)}</span>
                            <span class="coefficients__note-text">{format!(" — {note}")}</span>
                        }
                    });
                    let unverified = f.status == Status::Unverified;
                    let (edit_id, reset_id) = (id.clone(), id.clone());
                    let reset_button = ov.is_some().then(|| {
                        view! {
                            <button class="button button--small" type="button"
                                on:click=move |_| reset(reset_id.clone())>{t(l, Text::ResetDefault)}</button>
                        }
                    });
                    let editor_row = (opened.as_deref() == Some(id.as_str())).then(|| editor(id.clone(), l));
                    view! {
                        <tr data-factor=id.clone() class:coefficients__row--overridden=ov.is_some()
                            class:coefficients__row--unverified=unverified>
                            <th scope="row"><code>{id.clone()}</code></th>
                            <td>{f.name(l).to_owned()}</td>
                            <td class="num coefficients__value">{num(f.value)}</td>
                            <td class="unit">{f.unit.clone()}</td>
                            <td class="coefficients__source">
                                {f.citation(l).to_owned()}
                                <details class="coefficients__note">
                                    <summary>{t(l, Text::ResearchNote)}</summary>
                                    {f.source.clone()}
                                </details>
                            </td>
                            <td class="coefficients__status">
                                <span class=format!("factor__status factor__status--{}", f.status.name())>
                                    {status_text(f.status, l)}
                                </span>
                            </td>
                            <td>{f.edition.clone()}</td>
                            <td class="coefficients__override">{in_force}</td>
                            <td class="coefficients__actions">
                                <button class="button button--small" type="button"
                                    on:click=move |_| start(edit_id.clone())>{t(l, Text::Override)}</button>
                                {reset_button}
                            </td>
                        </tr>
                        {editor_row}
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    // The overrides in force and the projects each touches: the engine's HTML (`doc::county`).
    let in_force = Memo::new(move |_| {
        let l = lang.get();
        report.with(|r| html::blocks(&[overrides_in_force(&r.0, l)], l))
    });

    view! {
        <section class="coefficients" aria-labelledby="coefficients-title">
            <h2 id="coefficients-title">{tr(lang, Text::CoefficientsTitle)}</h2>
            <p class="coefficients__intro">{tr(lang, Text::CoefficientsIntro)}</p>
            <div class="register__filters">
                <label for="coefficients-filter">{tr(lang, Text::FilterFactors)}</label>
                <input id="coefficients-filter" type="search"
                    on:input=move |ev| filter.set(event_target_value(&ev)) />
            </div>
            <div class="table-scroll">
                <table id="coefficients-table" class="coefficients__table">
                    <caption>{move || format!("{} {}", t(lang.get(), Text::LibraryVersion), lib.get().version)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(lang, Text::FactorIdCol)}</th>
                            <th scope="col">{tr(lang, Text::Factor)}</th>
                            <th scope="col" class="num">{tr(lang, Text::DefaultValue)}</th>
                            <th scope="col">{tr(lang, Text::Unit)}</th>
                            <th scope="col">{tr(lang, Text::Source)}</th>
                            <th scope="col">{tr(lang, Text::Status)}</th>
                            <th scope="col">{tr(lang, Text::Edition)}</th>
                            <th scope="col">{tr(lang, Text::ValueInForce)}</th>
                            <th scope="col">{tr(lang, Text::Actions)}</th>
                        </tr>
                    </thead>
                    <tbody>{live(rows)}</tbody>
                </table>
            </div>
            <h3>{tr(lang, Text::OverridesInForce)}</h3>
            <div inner_html=in_force></div>
        </section>
    }
}
