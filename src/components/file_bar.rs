//! The register's file actions: open a project file (with a preview before anything is
//! replaced), merge applicants' files into it (merge_dialog), save it, start a new one, load the
//! sample. Every replacement and merge can be undone; replacing a register with changes since
//! it was last saved asks first (confirm_discard), and the bar says when it was last saved and
//! lists the automatic snapshots (snapshots).

use crate::actions::download_doc;
use crate::autosave::Autosave;
use crate::components::confirm_discard::ConfirmDiscard;
use crate::components::csv::{CsvButtons, CsvPreview, CsvRead};
use crate::components::live;
use crate::components::merge_dialog::{Chosen, MergeDialog};
use crate::components::preview::FilePreview;
use crate::components::registers::RegisterList;
use crate::components::snapshots::Snapshots;
use crate::i18n::{msg, t, tr, use_lang, Msg, Text};
use crate::platform;
use crate::protect::Protection;
use crate::registers::Registers;
use crate::workspace::{Change, Doc, Workspace};
use jianpai_core::register::{Register, RegisterReport};
use jianpai_core::Error;
use leptos::prelude::*;
use reactive_stores::Field;

/// A file read and computed, waiting for the user to replace the register with it.
#[derive(Clone, Debug, PartialEq)]
struct Preview {
    name: String,
    doc: Doc,
    report: RegisterReport,
}

/// Why a chosen file cannot be opened at all.
#[derive(Clone, Debug, PartialEq)]
struct Rejected {
    name: String,
    lines: Vec<Error>,
    unreadable: Option<String>,
}

#[component]
pub fn FileBar(#[prop(into)] workspace: Field<Workspace>, autosave: Autosave) -> impl IntoView {
    let lang = use_lang();
    let preview = RwSignal::new(None::<Preview>);
    let rejected = RwSignal::new(None::<Rejected>);
    let on_file = move |ev: leptos::ev::Event| {
        leptos::task::spawn_local(async move {
            let Some((name, bytes)) = platform::take_chosen_file(&ev).await else {
                return;
            };
            let bytes = match bytes {
                Ok(b) => b,
                Err(detail) => {
                    rejected.set(Some(Rejected {
                        name,
                        lines: Vec::new(),
                        unreadable: Some(detail),
                    }));
                    return;
                }
            };
            let read = Register::from_bytes(&bytes);
            // The file's bytes are not kept while the preview is computed (memory of a big file).
            drop(bytes);
            match read {
                Ok(register) => {
                    rejected.set(None);
                    // Numbers only: the preview shows totals and problems, never a trail.
                    let report = register.compute_numbers();
                    preview.set(Some(Preview {
                        name: name.clone(),
                        doc: Doc {
                            name: Some(name),
                            register,
                        },
                        report,
                    }));
                }
                Err(lines) => rejected.set(Some(Rejected {
                    name,
                    lines,
                    unreadable: None,
                })),
            }
        });
    };
    let merging = RwSignal::new(None::<Chosen>);
    let csv_read = RwSignal::new(None::<CsvRead>);
    let on_merge_files = move |ev: leptos::ev::Event| {
        leptos::task::spawn_local(async move {
            let files = platform::take_chosen_files(&ev).await;
            if !files.is_empty() {
                merging.set(Some(Chosen::read(files)));
            }
        });
    };
    let protection = Protection::start(workspace);
    let registers = Registers::new(workspace, autosave, protection);
    // The file opened beside the open register, as a new register of the list (nothing replaced).
    let open_as_new = move |_| {
        if let Some(p) = preview.get_untracked() {
            if registers.add(p.doc, true) {
                preview.set(None);
            }
        }
    };
    // A replacement waiting for the user's answer: the text of its button and what it does.
    let asking = RwSignal::new(None::<(Text, Callback<()>)>);
    // Runs `action` at once when nothing would be lost, else asks first.
    let guarded = move |proceed: Text, action: Callback<()>| {
        if protection.has_changes() {
            asking.set(Some((proceed, action)));
        } else {
            action.run(());
        }
    };
    let open = Callback::new(move |()| {
        if let Some(p) = preview.get_untracked() {
            workspace.update(|w| w.replace(p.doc));
            protection.mark_clean(true);
        }
        preview.set(None);
    });
    let confirm = move |_| guarded(Text::DiscardAndReplace, open);
    let save_now = move || {
        workspace.with_untracked(|w| download_doc(&w.doc));
        protection.mark_clean(true);
    };
    let save = move |_| save_now();
    let start_new = Callback::new(move |()| {
        rejected.set(None);
        workspace.update(|w| w.replace_as(Doc::new_file(), Change::NewFile));
        protection.mark_clean(false);
    });
    let new_file = move |_| guarded(Text::DiscardAndNew, start_new);
    let sample = Callback::new(move |()| {
        rejected.set(None);
        workspace.update(|w| w.replace_as(Doc::sample(), Change::Sample));
        protection.mark_clean(false);
    });
    let load_sample = move |_| guarded(Text::DiscardAndSample, sample);
    // Rows of a spreadsheet added to the register go through the merge dialog, as files do.
    let add_csv = Callback::new(move |(name, register): (String, Register)| {
        merging.set(Some(Chosen {
            read: vec![(name, register)],
            skipped: Vec::new(),
        }));
    });
    let guard_csv =
        Callback::new(move |action: Callback<()>| guarded(Text::DiscardAndReplace, action));
    let question = move || {
        asking.get().map(|(proceed, action)| {
            view! {
                <ConfirmDiscard proceed=proceed
                    on_save=move |()| { save_now(); asking.set(None); action.run(()); }
                    on_proceed=move |()| { asking.set(None); action.run(()); }
                    on_cancel=move |()| asking.set(None) />
            }
        })
    };
    let status = move || {
        let l = lang.get();
        let name = workspace.with(|w| w.doc.name.clone());
        let name = match name {
            Some(n) => msg(l, Msg::ProjectFileName { name: &n }),
            None => t(l, Text::UnnamedRegister).to_owned(),
        };
        let saved = match protection.last_saved.get() {
            Some(time) => msg(
                l,
                Msg::LastSaved {
                    time: &platform::local_time(time),
                },
            ),
            None => t(l, Text::NotSaved).to_owned(),
        };
        view! {
            <span id="file-name">{name}</span>
            <span id="last-saved">{saved}</span>
        }
    };
    let rejection = move || {
        let l = lang.get();
        rejected.get().map(|r| {
            let mut lines: Vec<String> = r.lines.iter().map(|e| e.message(l)).collect();
            lines.extend(r.unreadable);
            view! {
                <div id="import-errors" class="file-bar__error" role="alert">
                    <p>{msg(l, Msg::FileRejected { name: &r.name })}</p>
                    <ul>{lines.into_iter().map(|m| view! { <li>{m}</li> }).collect::<Vec<_>>()}</ul>
                </div>
            }
        })
    };
    let dialog =
        move || {
            let l = lang.get();
            preview.get().map(|p| {
            let title = p.doc.register.title().to_owned();
            let count = p.doc.register.projects.len();
            // A file made with an older library: said here, chosen once it is open.
            let library = jianpai_core::upgrade::older_library(&p.doc.register).map(|lib| {
                let now = &jianpai_core::FactorLibrary::builtin().version;
                msg(l, Msg::LibraryPreviewChoice { file: &lib.version, app: now })
            });
            view! {
                <FilePreview id="open-preview" heading=msg(l, Msg::PreviewHeading { name: &p.name })
                    file_title=title count=msg(l, Msg::PreviewProjects { count })
                    library=library totals=p.report.report.as_ref().ok().map(|r| r.totals)
                    problems_intro=Text::PreviewProblems
                    problems=p.report.problems().map(|e| e.message(l)).collect() lang=l>
                    <button id="confirm-open" class="button" type="button" on:click=confirm>
                        {t(l, Text::Replace)}
                    </button>
                    <button id="open-as-new-register" class="button button--outline" type="button"
                        on:click=open_as_new>
                        {t(l, Text::OpenAsNewRegister)}
                    </button>
                    <button id="cancel-open" class="button button--outline" type="button"
                        on:click=move |_| preview.set(None)>
                        {t(l, Text::Cancel)}
                    </button>
                </FilePreview>
            }
        })
        };
    view! {
        <div class="file-bar" role="toolbar" aria-label=tr(lang, Text::RegisterTitle)>
            <button id="open-project" class="button button--outline" type="button"
                on:click=move |_| platform::click("open-file")>
                {tr(lang, Text::OpenProjectFile)}
            </button>
            <input id="open-file" class="visually-hidden" type="file" tabindex="-1"
                aria-label=tr(lang, Text::OpenProjectFile)
                accept=".json,application/json" on:change=on_file />
            <button id="merge-project" class="button button--outline" type="button"
                on:click=move |_| platform::click("merge-files")>
                {tr(lang, Text::MergeFiles)}
            </button>
            <input id="merge-files" class="visually-hidden" type="file" multiple tabindex="-1"
                aria-label=tr(lang, Text::MergeFiles)
                accept=".json,application/json" on:change=on_merge_files />
            <button id="save-register" class="button button--outline" type="button" on:click=save>
                {tr(lang, Text::SaveRegister)}
            </button>
            <button id="new-file" class="button button--outline" type="button" on:click=new_file>
                {tr(lang, Text::NewFile)}
            </button>
            <button id="load-sample" class="button button--outline" type="button" on:click=load_sample>
                {tr(lang, Text::LoadSample)}
            </button>
            <CsvButtons workspace=workspace read=csv_read />
        </div>
        <p id="file-status" class="file-bar__status">{live(status)}</p>
        <Snapshots protection=protection />
        <RegisterList registers=registers protection=protection />
        <CsvPreview workspace=workspace read=csv_read guard=guard_csv on_add=add_csv />
        {live(rejection)}
        {live(dialog)}
        {live(question)}
        <MergeDialog workspace=workspace chosen=merging />
    }
}
