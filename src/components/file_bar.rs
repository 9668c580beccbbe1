//! The register's file actions: open a project file (with a preview before anything is
//! replaced), merge applicants' files into it (merge_dialog), save it, start a new one, load the
//! sample. Every replacement and merge can be undone.

use crate::components::csv_table::{CsvButtons, CsvPreview, CsvRead};
use crate::components::merge_dialog::{Chosen, MergeDialog};
use crate::components::register::COLUMNS;
use crate::i18n::{quantity, t, use_lang, Lang, Text};
use crate::platform;
use crate::workspace::{Doc, Workspace};
use jianpai_core::register::{Register, RegisterReport};
use jianpai_core::{Error, Labelled};
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

/// Saves the register as a project file (a download under the name it was opened from).
pub fn download_doc(doc: &Doc) {
    let name = doc
        .name
        .clone()
        .unwrap_or_else(|| "jianpai-register.json".into());
    let _ = platform::download(&name, "application/json", &doc.register.to_json());
}

#[component]
pub fn FileBar(#[prop(into)] workspace: Field<Workspace>) -> impl IntoView {
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
            match Register::from_bytes(&bytes) {
                Ok(register) => {
                    rejected.set(None);
                    let report = register.compute();
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
    let confirm = move |_| {
        if let Some(p) = preview.get_untracked() {
            workspace.update(|w| w.replace(p.doc));
        }
        preview.set(None);
    };
    let save = move |_| workspace.with_untracked(|w| download_doc(&w.doc));
    let new_file = move |_| {
        rejected.set(None);
        workspace.update(|w| w.replace(Doc::new_file()));
    };
    let load_sample = move |_| {
        rejected.set(None);
        workspace.update(|w| w.replace(Doc::sample()));
    };
    let rejection = move || {
        let l = lang.get();
        rejected.get().map(|r| {
            let mut lines: Vec<String> = r.lines.iter().map(|e| e.message(l)).collect();
            lines.extend(r.unreadable);
            view! {
                <div id="import-errors" class="file-bar__error" role="alert">
                    <p>{format!("{}{}", r.name, t(l, Text::FileRejected))}</p>
                    <ul>{lines.into_iter().map(|m| view! { <li>{m}</li> }).collect::<Vec<_>>()}</ul>
                </div>
            }
        })
    };
    let dialog = move || {
        let l = lang.get();
        preview.get().map(|p| {
            let totals = preview_totals(&p.report, l);
            let problems = preview_problems(&p.report, l);
            let title = p.doc.register.title().to_owned();
            let count = p.doc.register.projects.len();
            // A file made with an older library: said here, chosen once it is open.
            let library = jianpai_core::upgrade::older_library(&p.doc.register).map(|lib| {
                let now = &jianpai_core::FactorLibrary::builtin().version;
                crate::components::library_upgrade::in_force(&lib.version, now, Text::LibraryPreviewChoice, l)
            });
            let has_problems = !problems.is_empty();
            view! {
                <div id="open-preview" class="file-bar__preview" role="dialog" aria-modal="false"
                    aria-labelledby="open-preview-title">
                    <h3 id="open-preview-title">{format!("{}：{}", t(l, Text::PreviewTitle), p.name)}</h3>
                    <p class="file-bar__preview-title">{title}</p>
                    <p id="open-preview-count">{format!("{count} {}", t(l, Text::PreviewProjects))}</p>
                    {library.map(|s| view! { <p id="open-preview-library">{s}</p> })}
                    {totals}
                    <Show when=move || has_problems>
                        <p>{t(l, Text::PreviewProblems)}</p>
                    </Show>
                    <ul id="open-preview-problems">
                        {problems.into_iter().map(|m| view! { <li>{m}</li> }).collect::<Vec<_>>()}
                    </ul>
                    <div class="file-bar__preview-actions">
                        <button id="confirm-open" class="button" type="button" on:click=confirm>
                            {t(l, Text::Replace)}
                        </button>
                        <button id="cancel-open" class="button button--outline" type="button"
                            on:click=move |_| preview.set(None)>
                            {t(l, Text::Cancel)}
                        </button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <div class="file-bar" role="toolbar" aria-label=move || t(lang.get(), Text::RegisterTitle)>
            <button id="open-project" class="button button--outline" type="button"
                on:click=move |_| platform::click("open-file")>
                {move || t(lang.get(), Text::OpenProjectFile)}
            </button>
            <input id="open-file" class="visually-hidden" type="file" tabindex="-1"
                aria-label=move || t(lang.get(), Text::OpenProjectFile)
                accept=".json,application/json" on:change=on_file />
            <button id="merge-project" class="button button--outline" type="button"
                on:click=move |_| platform::click("merge-files")>
                {move || t(lang.get(), Text::MergeFiles)}
            </button>
            <input id="merge-files" class="visually-hidden" type="file" multiple tabindex="-1"
                aria-label=move || t(lang.get(), Text::MergeFiles)
                accept=".json,application/json" on:change=on_merge_files />
            <button id="save-register" class="button button--outline" type="button" on:click=save>
                {move || t(lang.get(), Text::SaveRegister)}
            </button>
            <button id="new-file" class="button button--outline" type="button" on:click=new_file>
                {move || t(lang.get(), Text::NewFile)}
            </button>
            <button id="load-sample" class="button button--outline" type="button" on:click=load_sample>
                {move || t(lang.get(), Text::LoadSample)}
            </button>
            <CsvButtons workspace=workspace read=csv_read />
        </div>
        <CsvPreview workspace=workspace read=csv_read />
        {rejection}
        {dialog}
        <MergeDialog workspace=workspace chosen=merging />
    }
}

/// The credited totals of a file read for a preview, as a table (open and CSV import).
pub fn preview_totals(report: &RegisterReport, l: Lang) -> impl IntoView {
    let rows = COLUMNS
        .iter()
        .map(|k| {
            let v = report.report.as_ref().map_or(0.0, |r| r.totals[*k]);
            view! {
                <tr data-key=k.code()>
                    <th scope="row">{k.text(l)}</th>
                    <td class="num">{quantity(v)}</td>
                    <td>{k.unit().get(l)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="file-bar__preview-totals">
            <caption>{t(l, Text::Totals)}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Why a file read for a preview would not be counted in full: each project left out, and the
/// problems of the file's own fields.
pub fn preview_problems(report: &RegisterReport, l: Lang) -> Vec<String> {
    let mut problems: Vec<String> = report
        .not_counted
        .iter()
        .flat_map(|n| n.errors.iter().map(|e| e.message(l)))
        .collect();
    if let Err(errs) = &report.report {
        problems.extend(errs.iter().map(|e| e.message(l)));
    }
    problems
}
