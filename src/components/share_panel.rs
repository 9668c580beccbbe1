//! Share links in the page: the button that makes one (copied to the clipboard and shown to copy
//! by hand), and the panel showing what a link opened with holds, with "add to my register".

use crate::components::live;
use crate::components::result_panel::ResultPanel;
use crate::i18n::{msg, t, tr, use_lang, Msg, Text};
use crate::platform;
use crate::share_link::{self as share, ShareError};
use crate::workspace::Workspace;
use jianpai_core::doc::{self, html, Block};
use jianpai_core::register::{EntryKey, Register};
use jianpai_core::report::ProjectResult;
use leptos::prelude::*;
use reactive_stores::Field;
use std::sync::Arc;

/// What the last click made: the link and whether it reached the clipboard, or why there is none.
/// `Err(None)`: the page was opened from a file, where a link would open only on this computer.
type Made = Result<(String, bool), Option<ShareError>>;

/// "Copy share link": `file` gives the JSON file to share (None while there is nothing valid).
/// The link is copied to the clipboard and always shown in a read-only field as well.
#[component]
pub fn ShareButton(
    /// Prefix of the element ids (`{id}-link`, `{id}-status`).
    id: &'static str,
    #[prop(into)] file: Callback<(), Option<String>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let made = RwSignal::new(None::<Made>);
    // Opened from disk (`file://`), a link names a file on this computer: useless to anyone
    // else. The button says so and offers the project file instead.
    let from_file = platform::is_file_url();
    let save_file = move |_| {
        if let Some(json) = file.run(()) {
            let _ = platform::download("jianpai-project.json", "application/json", &json);
        }
    };
    let on_click = move |_| {
        if from_file {
            made.set(Some(Err(None)));
            return;
        }
        let Some(json) = file.run(()) else { return };
        leptos::task::spawn_local(async move {
            let result = match platform::deflate(json.as_bytes()).await {
                Ok(bytes) => share::link(&platform::page_address(), &bytes),
                // Compression is not expected to fail; say so rather than make a broken link.
                Err(_) => Err(ShareError::Damaged),
            };
            let result = match result {
                Ok(url) => {
                    let copied = platform::copy_text(&url).await;
                    Ok((url, copied))
                }
                Err(e) => Err(Some(e)),
            };
            made.set(Some(result));
        });
    };
    let status = move || {
        let l = lang.get();
        made.with(|m| match m {
            Some(Ok((_, true))) => t(l, Text::ShareLinkCopied).to_owned(),
            Some(Ok((_, false))) => t(l, Text::ShareLinkCopyByHand).to_owned(),
            Some(Err(Some(e))) => e.message(l),
            Some(Err(None)) => t(l, Text::ShareFromFile).to_owned(),
            None => String::new(),
        })
    };
    let link = move || {
        made.with(|m| {
            m.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|(u, _)| u.clone())
        })
    };
    view! {
        <button id=format!("{id}-button") class="button button--outline" type="button"
            disabled=move || disabled.get() on:click=on_click>
            {tr(lang, Text::CopyShareLink)}
        </button>
        <Show when=move || made.with(Option::is_some)>
            <div class="share-link">
                <p id=format!("{id}-status") class="share-link__status" role="status">{live(status)}</p>
                <Show when=move || made.with(|m| matches!(m, Some(Err(None))))>
                    <button id=format!("{id}-save") class="button" type="button" on:click=save_file>
                        {tr(lang, Text::SaveProjectFile)}
                    </button>
                </Show>
                <Show when=move || link().is_some()>
                    <label for=format!("{id}-link")>{tr(lang, Text::ShareLinkLabel)}</label>
                    <input id=format!("{id}-link") class="share-link__url" type="text" readonly
                        prop:value=move || link().unwrap_or_default()
                        on:focus=move |ev| platform::select_all(&ev) />
                </Show>
            </div>
        </Show>
    }
}

/// What a share link opened with held.
#[derive(Clone)]
enum Opened {
    /// Its projects, each with its result (computed with the file's own settings).
    Projects(Arc<Register>, Vec<Result<Arc<ProjectResult>, String>>),
    Failed(ShareError),
}

/// Reads the page's `#share=` fragment (on load and whenever it changes) and shows what it holds;
/// "add to my register" adds its projects with free ids, as one undoable change. A damaged or
/// foreign link shows why and changes nothing. The fragment is then removed from the address,
/// so that reloading does not open the link again.
#[component]
pub fn SharedProject(
    #[prop(into)] workspace: Field<Workspace>,
    /// Set to the first project added, so that its result is shown below the register.
    selected: RwSignal<Option<EntryKey>>,
) -> impl IntoView {
    let lang = use_lang();
    let opened = RwSignal::new(None::<Opened>);
    let added = RwSignal::new(false);
    // Changes only when the register's library does, not on every edit of the register.
    let register_library = Memo::new(move |_| workspace.with(|w| w.doc.register.library_version()));
    let check = move || {
        let Some(found) = share::parse_fragment(&platform::location_hash()) else {
            return;
        };
        platform::clear_hash();
        added.set(false);
        leptos::task::spawn_local(async move {
            let register = match found {
                Ok(bytes) => share::open(&bytes).await,
                Err(e) => Err(e),
            };
            opened.set(Some(match register {
                Ok(r) => {
                    let report = r.compute();
                    let results = report
                        .results
                        .iter()
                        .map(|res| match res {
                            Ok(p) => Ok(p.clone()),
                            Err(errs) => Err(errs
                                .iter()
                                .map(|e| e.message(lang.get_untracked()))
                                .collect::<Vec<_>>()
                                .join("; ")),
                        })
                        .collect();
                    Opened::Projects(Arc::new(r), results)
                }
                Err(e) => Opened::Failed(e),
            }));
            platform::scroll_into_view("shared-title");
        });
    };
    check();
    let listener = platform::on_hash_change(check);
    on_cleanup(move || listener.remove());

    let add = move |_| {
        let Some(Opened::Projects(shared, _)) = opened.get_untracked() else {
            return;
        };
        let mut first = None;
        workspace.update(|w| {
            w.apply(None, |d| {
                for entry in &shared.projects {
                    let at = d.register.append_with_free_id(entry);
                    first.get_or_insert(at);
                }
            })
        });
        added.set(true);
        selected.set(first);
    };
    // The printout: each shared project's estimate, the engine's document (as the form prints).
    let printing = RwSignal::new(false);
    let print = move |_| {
        printing.set(true);
        platform::print("shared", move || printing.set(false));
    };
    let printed = move || {
        if !printing.get() {
            return String::new();
        }
        let Some(Opened::Projects(register, _)) = opened.get() else {
            return String::new();
        };
        let o = doc::Options {
            lang: lang.get(),
            date: platform::today(),
            checklist: false,
        };
        register
            .projects
            .iter()
            .filter_map(|e| register.project_alone(e.key()))
            .map(|one| html::document(&doc::estimate(&one, &one.compute(), &o)))
            .collect::<String>()
    };
    let save = move |_| {
        if let Some(Opened::Projects(register, _)) = opened.get_untracked() {
            let _ = platform::download(
                "jianpai-shared.json",
                "application/json",
                &register.to_json(),
            );
        }
    };
    let body = move || {
        let l = lang.get();
        match opened.get()? {
            Opened::Failed(e) => Some(
                view! { <p id="shared-error" class="shared-project__error" role="alert">{e.message(l)}</p> }
                    .into_any(),
            ),
            Opened::Projects(register, results) => {
                let projects = register
                    .projects
                    .iter()
                    .zip(results)
                    .enumerate()
                    .map(|(i, (entry, result))| {
                        let name = match entry.text("name") {
                            "" => entry.id().unwrap_or("").to_owned(),
                            n => n.to_owned(),
                        };
                        // Who applied and what they entered: the engine's inputs table.
                        let who = [
                            (Text::Enterprise, entry.text("enterprise").to_owned()),
                            (Text::Township, entry.text("township").to_owned()),
                        ]
                        .into_iter()
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(label, v)| view! {
                            <p class="shared-project__who"><span>{t(l, label)}</span>" "<strong>{v}</strong></p>
                        })
                        .collect::<Vec<_>>();
                        let inputs = html::blocks(
                            &[Block::Table(doc::county::inputs_table(
                                entry,
                                l,
                                Some(t(l, Text::SharedInputs).to_owned()),
                            ))],
                            l,
                        );
                        let shown = match result {
                            Ok(r) => view! {
                                <ResultPanel result=Signal::derive(move || Some(r.clone())) id_prefix=format!("shared-{i}-") />
                            }
                            .into_any(),
                            Err(why) => view! {
                                <p class="shared-project__error">{msg(l, Msg::SharedNotComputed { why: &why })}</p>
                            }
                            .into_any(),
                        };
                        view! {
                            <article class="shared-project__item" data-index=i>
                                <h3>{name}</h3>
                                {who}
                                <div class="shared-project__inputs" inner_html=inputs></div>
                                {shown}
                            </article>
                        }
                    })
                    .collect::<Vec<_>>();
                // A link keeps the library it was made with; the register may use another one.
                let theirs = register.library_version();
                let ours = register_library.get();
                let differs = (theirs != ours).then(|| {
                    view! {
                        <p id="shared-library" class="shared-project__library" role="note">
                            {msg(l, Msg::SharedLibrary { link: &theirs, register: &ours })}
                        </p>
                    }
                });
                Some(
                    view! {
                        <p>{t(l, Text::SharedIntro)}</p>
                        {differs}
                        {projects}
                        <div class="shared-project__actions">
                            <button id="print-shared-button" class="button button--outline" type="button"
                                on:click=print>
                                {tr(lang, Text::PrintShared)}
                            </button>
                            <button id="save-shared" class="button button--outline" type="button"
                                on:click=save>
                                {tr(lang, Text::SaveProjectFile)}
                            </button>
                            <Show when=move || !added.get()
                                fallback=move || view! { <p role="status">{t(lang.get(), Text::SharedAdded)}</p> }>
                                <button id="add-shared" class="button" type="button" on:click=add>
                                    {tr(lang, Text::AddSharedToRegister)}
                                </button>
                            </Show>
                        </div>
                    }
                    .into_any(),
                )
            }
        }
    };
    view! {
        <Show when=move || opened.with(Option::is_some)>
            <section id="shared-project" class="shared-project" role="region" aria-labelledby="shared-title">
                <div class="shared-project__head">
                    <h2 id="shared-title">{tr(lang, Text::SharedTitle)}</h2>
                    <button id="close-shared" class="button button--outline" type="button"
                        on:click=move |_| opened.set(None)>
                        {tr(lang, Text::CloseShared)}
                    </button>
                </div>
                {live(body)}
            </section>
            <article id="print-shared" class="print-doc print-doc--shared" inner_html=printed></article>
        </Show>
    }
}
