//! Merging applicants' files into the register: the files read (and those skipped because they
//! are not project files), the new projects, and each duplicate beside the project it duplicates
//! with the user's decision. Merging is one undoable step; nothing is replaced without a choice.

use crate::i18n::{msg, quantity, t, tr, use_lang, Lang, Msg, Text};
use crate::workspace::{Doc, Workspace};
use jianpai_core::merge::{
    apply_merge, plan_merge, result_in, Choice, Match, MergePlan, Of, Reason,
};
use jianpai_core::register::{Entry, Register};
// `MeasureType::parse` comes from the vocabulary's `Choice` trait (not the merge decision).
use crate::components::live;
use jianpai_core::Choice as _;
use jianpai_core::{Error, Key, Labelled, MeasureType};
use leptos::prelude::*;
use reactive_stores::Field;
use std::sync::Arc;

/// The files chosen for a merge, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Chosen {
    /// The project files, in the order chosen.
    pub read: Vec<(String, Register)>,
    /// Files that are not project files (or could not be read): name and messages.
    pub skipped: Vec<Skipped>,
}

/// A chosen file left out of the merge, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    pub name: String,
    pub errors: Vec<Error>,
    pub unreadable: Option<String>,
}

impl Chosen {
    /// Reads every chosen file; a file that is not a register is skipped, never half-read.
    pub fn read(files: Vec<(String, Result<Vec<u8>, String>)>) -> Chosen {
        let mut chosen = Chosen {
            read: Vec::new(),
            skipped: Vec::new(),
        };
        for (name, bytes) in files {
            match bytes.map(|b| Register::from_bytes(&b)) {
                Ok(Ok(register)) => chosen.read.push((name, register)),
                Ok(Err(errors)) => chosen.skipped.push(Skipped {
                    name,
                    errors,
                    unreadable: None,
                }),
                Err(detail) => chosen.skipped.push(Skipped {
                    name,
                    errors: Vec::new(),
                    unreadable: Some(detail),
                }),
            }
        }
        chosen
    }
}

/// The credited amounts shown beside each project.
const SHOWN: [Key; 2] = [Key::Cod, Key::Tce];

/// A project's cells: id, name, township, type and its credited COD and tce in `current`.
fn project_cells(current: &Register, e: &Arc<Entry>, l: Lang) -> impl IntoView {
    let kind = MeasureType::parse(e.type_tag())
        .map_or_else(|| e.type_tag().to_owned(), |k| k.text(l).to_owned());
    let amounts = match result_in(current, e) {
        Ok(r) => SHOWN.map(|k| quantity(r.credited[k])).to_vec(),
        Err(_) => vec![t(l, Text::Problem).to_owned(), String::new()],
    };
    view! {
        <td class="merge-dialog__id">{e.id().unwrap_or("").to_owned()}</td>
        <td>{e.text("name").to_owned()}</td>
        <td>{e.text("township").to_owned()}</td>
        <td>{kind}</td>
        {amounts.into_iter().map(|a| view! { <td class="num">{a}</td> }).collect::<Vec<_>>()}
    }
}

/// Column headers of one project: id, name, township, type, COD, tce.
fn project_headers(l: Lang) -> impl IntoView {
    let mut heads: Vec<String> = [Text::Id, Text::Name, Text::Township, Text::Type]
        .iter()
        .map(|x| t(l, *x).to_owned())
        .collect();
    heads.extend(
        SHOWN
            .iter()
            .map(|k| format!("{}（{}）", k.text(l), k.unit().get(l))),
    );
    heads
        .into_iter()
        .map(|h| view! { <th scope="col">{h}</th> })
        .collect::<Vec<_>>()
}

fn choice_code(c: Choice) -> &'static str {
    match c {
        Choice::KeepMine => "mine",
        Choice::TakeTheirs => "theirs",
        Choice::KeepBoth => "both",
    }
}

#[component]
pub fn MergeDialog(
    #[prop(into)] workspace: Field<Workspace>,
    /// The files being merged; `None` closes the dialog.
    chosen: RwSignal<Option<Chosen>>,
) -> impl IntoView {
    let lang = use_lang();
    // Planned against the register as it is now, so that an edit made while the dialog is open
    // is merged into, never overwritten.
    let plan = Memo::new(move |_| {
        chosen.with(|c| {
            c.as_ref()
                .map(|c| workspace.with(|w| plan_merge(&w.doc.register, &c.read)))
        })
    });
    let close = move || chosen.set(None);
    let merge = move |choices: RwSignal<Vec<Choice>>| {
        let Some(incoming) = chosen.with_untracked(|c| c.as_ref().map(|c| c.read.clone())) else {
            return;
        };
        let picked = choices.get_untracked();
        workspace.update(|w| {
            // Planned again on the register as it is this moment; decisions are per incoming
            // project, which does not depend on the register.
            let p = plan_merge(&w.doc.register, &incoming);
            let merged = apply_merge(&w.doc.register, &p, &picked);
            let name = w.doc.name.clone();
            w.replace(Doc {
                name,
                register: merged,
            });
        });
        close();
    };
    let files = move |l: Lang, p: &MergePlan| {
        // Merged projects compute with the register's library; a file made with another says so.
        let ours = workspace.with_untracked(|w| w.doc.register.library_version());
        let theirs: Vec<String> = chosen.with_untracked(|c| {
            c.as_ref()
                .map(|c| c.read.iter().map(|(_, r)| r.library_version()).collect())
                .unwrap_or_default()
        });
        p.files
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let n = p.count(i);
                let line = match theirs.get(i).filter(|v| **v != ours) {
                    Some(v) => Msg::MergeFileOtherLibrary {
                        name,
                        count: n,
                        file: v,
                        register: &ours,
                    },
                    None => Msg::MergeFileProjects { name, count: n },
                };
                view! { <li data-file=name.clone()>{msg(l, line)}</li> }
            })
            .collect::<Vec<_>>()
    };
    let skipped = move |l: Lang| {
        let list = chosen.with(|c| c.as_ref().map(|c| c.skipped.clone()).unwrap_or_default());
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|s| {
                    let mut lines: Vec<String> = s.errors.iter().map(|e| e.message(l)).collect();
                    lines.extend(s.unreadable);
                    view! {
                        <li data-file=s.name.clone()>
                            {msg(l, Msg::MergeSkipped { name: &s.name })}
                            <ul>{lines.into_iter().map(|m| view! { <li>{m}</li> }).collect::<Vec<_>>()}</ul>
                        </li>
                    }
                })
                .collect::<Vec<_>>();
            view! { <ul id="merge-skipped" class="merge-dialog__skipped" role="alert">{items}</ul> }
        })
    };
    let contents = move |choices: RwSignal<Vec<Choice>>| {
        let l = lang.get();
        let p = plan.get()?;
        let current = workspace.with_untracked(|w| w.doc.register.clone());
        let source = |file: usize| p.files.get(file).cloned().unwrap_or_default();
        let new_rows = p
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.found == Match::New)
            .map(|(k, it)| {
                view! {
                    <tr data-item=k data-id=it.entry.id().unwrap_or("").to_owned()>
                        <td>{source(it.file)}</td>
                        {project_cells(&current, &it.entry, l)}
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        let has_new = !new_rows.is_empty();
        let picked = choices.get_untracked();
        let dup_rows = p
            .items
            .iter()
            .enumerate()
            .filter_map(|(k, it)| match it.found {
                Match::Duplicate { of, reason } => Some((k, it, of, reason)),
                Match::New => None,
            })
            .map(|(k, it, of, reason)| {
                let (mine_source, mine) = match of {
                    Of::Current(i) => (
                        t(l, Text::RegisterTitle).to_owned(),
                        current.projects.get(i).cloned(),
                    ),
                    Of::Incoming(j) => {
                        let m = p.items.get(j);
                        (
                            m.map(|m| source(m.file)).unwrap_or_default(),
                            m.map(|m| m.entry.clone()),
                        )
                    }
                };
                let mine_cells = mine.map(|e| project_cells(&current, &e, l));
                let why = match reason {
                    Reason::SameId => t(l, Text::MergeSameId),
                    Reason::SameNameTownshipType => t(l, Text::MergeSameNameTownshipType),
                };
                let select_id = format!("merge-choice-{k}");
                let label = msg(
                    l,
                    Msg::MergeDecisionFor {
                        name: it.entry.text("name"),
                    },
                );
                let now = picked.get(k).copied().unwrap_or_default();
                let options = [Choice::KeepMine, Choice::TakeTheirs, Choice::KeepBoth]
                    .into_iter()
                    .map(|c| {
                        let text = match c {
                            Choice::KeepMine => t(l, Text::KeepMine),
                            Choice::TakeTheirs => t(l, Text::TakeTheirs),
                            Choice::KeepBoth => t(l, Text::KeepBoth),
                        };
                        view! { <option value=choice_code(c) selected=c == now>{text}</option> }
                    })
                    .collect::<Vec<_>>();
                let on_change = move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    let c = [Choice::KeepMine, Choice::TakeTheirs, Choice::KeepBoth]
                        .into_iter()
                        .find(|c| choice_code(*c) == v)
                        .unwrap_or_default();
                    choices.update(|cs| {
                        if cs.len() <= k {
                            cs.resize(k + 1, Choice::KeepMine);
                        }
                        cs[k] = c;
                    });
                };
                view! {
                    <tr data-item=k data-id=it.entry.id().unwrap_or("").to_owned()>
                        <td>{mine_source}</td>
                        {mine_cells}
                        <td class="merge-dialog__theirs">{source(it.file)}</td>
                        {project_cells(&current, &it.entry, l)}
                        <td>{why}</td>
                        <td>
                            <label class="visually-hidden" for=select_id.clone()>{label}</label>
                            <select id=select_id on:change=on_change>{options}</select>
                        </td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        let has_dups = !dup_rows.is_empty();
        let can_merge = !p.items.is_empty();
        let files = files(l, &p);
        Some(view! {
            <ul id="merge-files-read">{files}</ul>
            {skipped(l)}
            <h4>{t(l, Text::MergeNewProjects)}</h4>
            {(!has_new).then(|| view! { <p id="merge-no-new">{t(l, Text::MergeNoNew)}</p> })}
            // Focusable so that a keyboard can scroll it: it holds no control of its own.
            <div class="merge-dialog__scroll" tabindex="0">
                <table id="merge-new" class="merge-dialog__table">
                    <thead><tr><th scope="col">{t(l, Text::MergeSource)}</th>{project_headers(l)}</tr></thead>
                    <tbody>{new_rows}</tbody>
                </table>
            </div>
            <h4>{t(l, Text::MergeDuplicates)}</h4>
            {(!has_dups).then(|| view! { <p id="merge-no-duplicates">{t(l, Text::MergeNoDuplicates)}</p> })}
            <div class="merge-dialog__scroll">
                <table id="merge-duplicates" class="merge-dialog__table">
                    <thead>
                        <tr>
                            <th scope="colgroup" colspan="7">{t(l, Text::MergeInRegister)}</th>
                            <th scope="colgroup" colspan="7" class="merge-dialog__theirs">{t(l, Text::MergeIncoming)}</th>
                            <td colspan="2"></td>
                        </tr>
                        <tr>
                            <th scope="col">{t(l, Text::MergeSource)}</th>{project_headers(l)}
                            <th scope="col" class="merge-dialog__theirs">{t(l, Text::MergeSource)}</th>{project_headers(l)}
                            <th scope="col">{t(l, Text::MergeReason)}</th>
                            <th scope="col">{t(l, Text::MergeDecision)}</th>
                        </tr>
                    </thead>
                    <tbody>{dup_rows}</tbody>
                </table>
            </div>
            <div class="merge-dialog__actions">
                <button id="confirm-merge" class="button" type="button" disabled=!can_merge on:click=move |_| merge(choices)>
                    {t(l, Text::Merge)}
                </button>
                <button id="cancel-merge" class="button button--outline" type="button" on:click=move |_| close()>
                    {t(l, Text::Cancel)}
                </button>
            </div>
        })
    };
    // Rebuilt whenever other files are chosen, so that each merge starts from "keep mine".
    move || {
        chosen.with(Option::is_some).then(|| {
            // One decision per incoming project (only duplicates' are read); kept while the
            // dialog redraws (language, an edit to the register).
            let choices = RwSignal::new(Vec::<Choice>::new());
            let body = move || contents(choices);
            view! {
                <div id="merge-dialog" class="merge-dialog" role="dialog" aria-modal="false"
                    aria-labelledby="merge-dialog-title">
                    <h3 id="merge-dialog-title">{tr(lang, Text::MergeTitle)}</h3>
                    {live(body)}
                </div>
            }
        })
    }
}
