//! The review of the register project being edited (issue 19 item 2): 审核状态 (a select of the
//! five statuses), 审核意见 (a textarea) and the evidence documents (证明材料: name, number and
//! date per document, 添加证明材料 / 删除; names only, nothing uploaded). Every edit is one of the
//! engine's typed edits (`Register::set_review_status`, `set_review_note`, `add_evidence`,
//! `remove_evidence`, `set_evidence_text`), one undoable step; typing in the note or in one
//! document's field joins one step.

use crate::components::live;
use crate::i18n::{msg, t, tr, use_lang, Msg, Text};
use crate::workspace::Workspace;
use jianpai_core::register::EntryKey;
use jianpai_core::review::ReviewStatus;
use jianpai_core::{Choice, Labelled};
use leptos::prelude::*;
use reactive_stores::Field;

#[component]
pub fn ReviewEditor(
    #[prop(into)] workspace: Field<Workspace>,
    /// The project edited.
    #[prop(into)]
    project: Signal<Option<EntryKey>>,
) -> impl IntoView {
    let lang = use_lang();
    let status = Memo::new(move |_| {
        let key = project.get()?;
        workspace.with(|w| w.doc.register.get(key).map(|e| e.review_status()))
    });
    let note = Memo::new(move |_| {
        let Some(key) = project.get() else {
            return String::new();
        };
        workspace.with(|w| {
            w.doc
                .register
                .get(key)
                .map(|e| e.review_note().to_owned())
                .unwrap_or_default()
        })
    });
    let evidence = Memo::new(move |_| {
        let Some(key) = project.get() else {
            return Vec::new();
        };
        workspace.with(|w| {
            w.doc
                .register
                .get(key)
                .map(|e| e.evidence())
                .unwrap_or_default()
        })
    });
    // A date that does not read: (document, message), shown at its field until it is fixed.
    let date_error = RwSignal::new(None::<(usize, String)>);
    let edit =
        move |tag: Option<String>,
              f: &mut dyn FnMut(&mut jianpai_core::register::Register, EntryKey)| {
            if let Some(key) = project.get_untracked() {
                workspace.update(|w| w.apply(tag, |d| f(&mut d.register, key)));
            }
        };
    let status_options = move || {
        let l = lang.get();
        // A project without a review counts as 申报, which the select shows.
        let current = status.get().flatten().unwrap_or(ReviewStatus::Submitted);
        ReviewStatus::ALL
            .iter()
            .map(|s| {
                view! { <option value=s.name() selected={*s == current}>{s.text(l)}</option> }
            })
            .collect::<Vec<_>>()
    };
    let rows = move || {
        let l = lang.get();
        let list = evidence.get();
        if list.is_empty() {
            return view! { <p class="review-editor__empty">{t(l, Text::NoEvidence)}</p> }
                .into_any();
        }
        list.into_iter()
            .enumerate()
            .map(|(i, [name, number, date])| {
                let n = i + 1;
                let field = move |kind: &'static str, label: Text, value: String| {
                    let id = format!("f-evidence-{i}-{kind}");
                    let input_type = if kind == "date" { "date" } else { "text" };
                    let error = move || {
                        date_error
                            .get()
                            .filter(|(at, _)| kind == "date" && *at == i)
                            .map(|(_, m)| m)
                    };
                    view! {
                        <div class="number-field text-field" class:number-field--invalid=move || error().is_some()>
                            <label for=id.clone()><span class="number-field__label">{t(l, label)}</span></label>
                            <input id=id.clone() type=input_type autocomplete="off" prop:value=value
                                aria-describedby=format!("{id}-error")
                                on:change=move |ev| {
                                    let text = event_target_value(&ev);
                                    let mut problem = None;
                                    edit(Some(format!("evidence:{i}:{kind}")), &mut |r, key| {
                                        problem = r.set_evidence_text(key, i, kind, &text).err();
                                    });
                                    date_error.set(problem.map(|p| (i, p.describe(lang.get_untracked()))));
                                } />
                            <p id=format!("{id}-error") class="number-field__error" role="alert">{live(error)}</p>
                        </div>
                    }
                };
                view! {
                    <fieldset class="review-editor__evidence">
                        <legend>{msg(l, Msg::EvidenceItem { n })}</legend>
                        {field("name", Text::EvidenceName, name)}
                        {field("number", Text::EvidenceNumber, number)}
                        {field("date", Text::EvidenceDate, date)}
                        <button type="button" class="button button--small button--danger"
                            aria-label=msg(l, Msg::DeleteEvidence { n })
                            on:click=move |_| {
                                date_error.set(None);
                                edit(None, &mut |r, key| r.remove_evidence(key, i));
                            }>
                            {t(l, Text::Delete)}
                        </button>
                    </fieldset>
                }
                .into_any()
            })
            .collect::<Vec<_>>()
            .into_any()
    };
    view! {
        <fieldset id="review-editor" class="review-editor">
            <legend>{tr(lang, Text::ReviewSection)}</legend>
            <div class="number-field select-field">
                <label for="f-review-status">{tr(lang, Text::ReviewStatus)}</label>
                <select id="f-review-status" on:change=move |ev| {
                    if let Some(s) = ReviewStatus::parse(&event_target_value(&ev)) {
                        edit(None, &mut |r, key| r.set_review_status(key, s));
                    }
                }>{live(status_options)}</select>
            </div>
            <div class="number-field text-field">
                <label for="f-review-note"><span class="number-field__label">{tr(lang, Text::ReviewNote)}</span></label>
                <textarea id="f-review-note" rows="3" prop:value=move || note.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        let tag = project.get_untracked().map(|k| format!("review-note:{}", k.get()));
                        edit(tag, &mut |r, key| r.set_review_note(key, &text));
                    }></textarea>
            </div>
            <h3 class="review-editor__heading">{tr(lang, Text::Evidence)}</h3>
            {live(rows)}
            <button id="add-evidence" type="button" class="button button--outline"
                on:click=move |_| edit(None, &mut |r, key| r.add_evidence(key))>
                {tr(lang, Text::AddEvidence)}
            </button>
        </fieldset>
    }
}
