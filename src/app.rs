//! The app shell: owns the language and the one app store, hands each component its part, links
//! the form to the register project it edits, and mirrors state outward (storage, `<html lang>`,
//! title). Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo every change to the register.

use crate::autosave::{self, Autosave};
use crate::components::{
    coefficients::Coefficients,
    file_bar::FileBar,
    file_fields::FileFields,
    header::AppHeader,
    library_upgrade::LibraryUpgrade,
    portfolio_summary::PortfolioSummary,
    print_report::PrintReport,
    project_estimate::ProjectEstimate,
    register::Register,
    result_panel::ResultPanel,
    share_panel::{ShareButton, SharedProject},
    storage_banner::StorageBanner,
};
use crate::engine::{engine_errors, merge_project, FormError};
use crate::i18n::{msg, provide_lang, t, Msg, Text};
use crate::state::{AppState, AppStateStoreFields, Estimate};
use crate::workspace::{ResultCache, Shared, Workspace};
use crate::{persist, platform, share};
use jianpai_core::report::ProjectResult;
use leptos::prelude::*;
use reactive_stores::Store;
use serde_json::Value;
use std::sync::Arc;

#[component]
pub fn App() -> impl IntoView {
    let lang = provide_lang(persist::saved_lang());
    // The register saved in this browser comes back (else the sample).
    let boot = autosave::boot();
    let store = Store::new(AppState {
        workspace: Workspace::new(boot.doc.clone()),
        estimate: persist::saved_estimate(),
        editor: Estimate::from_sample(),
        editing: None,
    });
    let workspace = store.workspace();
    let autosave = Autosave::start(workspace.into(), boot);
    // Per-project results are kept and reused while a project is unchanged.
    let cache = StoredValue::new(ResultCache::default());
    let report = Memo::new(move |_| {
        workspace.with(|w| {
            let r = cache
                .try_update_value(|c| c.compute(&w.doc.register))
                .unwrap_or_else(|| w.doc.register.compute());
            Shared(Arc::new(r))
        })
    });
    let selected = RwSignal::new(None::<usize>);

    // The form edits a register project: what it shows is loaded from the project, what is typed
    // is laid over the project (undoably), and an undo or redo reloads the form.
    // The project as loaded, the form's rendering of it right after loading (to tell a form that
    // was only opened from one that was edited), and the last value the form wrote.
    let loaded = StoredValue::new(None::<Value>);
    let baseline = StoredValue::new(None::<Value>);
    let written = StoredValue::new(None::<Value>);
    let load_editor = move |i: usize| {
        let found = workspace.with_untracked(|w| {
            let settings = w
                .doc
                .register
                .head
                .get("settings")
                .cloned()
                .unwrap_or(Value::Null);
            w.doc
                .register
                .projects
                .get(i)
                .map(|e| (e.value.clone(), settings))
        });
        match found {
            Some((value, settings)) => {
                let form = Estimate::from_project(&value, &settings);
                let rendered = form
                    .project_value()
                    .ok()
                    .zip(form.current())
                    .map(|(v, f)| merge_project(&value, &v, f));
                baseline.set_value(rendered);
                loaded.set_value(Some(value));
                written.set_value(None);
                store.editor().set(form);
                store.editing().set(Some(i));
            }
            None => store.editing().set(None),
        }
    };
    let on_edit = Callback::new(move |i: usize| {
        load_editor(i);
        platform::scroll_into_view("estimate-title");
    });
    Effect::new(move |_| {
        let Some(i) = store.editing().get() else {
            return;
        };
        let built = store
            .editor()
            .with(|e| e.project_value().ok().zip(e.current().cloned()));
        let Some((value, form)) = built else { return };
        let Some(base) =
            workspace.with_untracked(|w| w.doc.register.projects.get(i).map(|e| e.value.clone()))
        else {
            return;
        };
        let merged = merge_project(&base, &value, &form);
        let only_opened = written.with_value(Option::is_none)
            && baseline.with_value(|b| b.as_ref() == Some(&merged));
        if merged == base || only_opened {
            return;
        }
        written.set_value(Some(merged.clone()));
        workspace.update(|w| w.apply(Some(format!("edit:{i}")), |d| d.set(i, merged)));
    });
    Effect::new(move |_| {
        // Tracks the register (every change reaches this effect), reads which project is edited.
        let editing = store.editing().get_untracked();
        let current = workspace
            .with(|w| editing.map(|i| w.doc.register.projects.get(i).map(|e| e.value.clone())));
        let (Some(i), Some(current)) = (editing, current) else {
            return;
        };
        match current {
            None => store.editing().set(None),
            Some(v) => {
                let ours = written.with_value(|w| w.as_ref() == Some(&v))
                    || (written.with_value(Option::is_none)
                        && loaded.with_value(|l| l.as_ref() == Some(&v)));
                if !ours {
                    load_editor(i);
                }
            }
        }
    });
    let editing = Signal::derive(move || store.editing().get().is_some());
    let editor_result = Signal::derive(move || -> Result<ProjectResult, Vec<FormError>> {
        store.editor().with(Estimate::project_value)?;
        let i = store.editing().get().unwrap_or(usize::MAX);
        report.with(|r| match r.0.results.get(i) {
            Some(Ok(res)) => Ok((**res).clone()),
            Some(Err(errs)) => Err(engine_errors(errs.clone())),
            None => Err(Vec::new()),
        })
    });
    let add_estimate = Callback::new(move |()| {
        let Ok(mut value) = store.estimate().with_untracked(Estimate::project_value) else {
            return;
        };
        let mut at = 0;
        workspace.update(|w| {
            w.apply(None, |d| {
                let id = value.get("id").and_then(Value::as_str).unwrap_or("p1");
                let free = d.register.free_id(id);
                value["id"] = Value::from(free);
                at = d.add(value.clone());
            })
        });
        selected.set(Some(at));
        platform::scroll_into_view("register-title");
    });
    let selected_result = Signal::derive(move || {
        let i = selected.get()?;
        report.with(|r| {
            r.0.results
                .get(i)
                .and_then(|r| r.as_ref().ok().map(|p| (**p).clone()))
        })
    });
    let selected_name = Signal::derive(move || {
        let i = selected.get().unwrap_or(usize::MAX);
        workspace.with(|w| {
            w.doc
                .register
                .projects
                .get(i)
                .map(|e| {
                    let name = e.text("name");
                    if name.is_empty() {
                        e.id().unwrap_or("").to_owned()
                    } else {
                        name.to_owned()
                    }
                })
                .unwrap_or_default()
        })
    });
    // A register project opened as a one-project estimate (a copy: the register is unchanged).
    let open_as_estimate = Callback::new(move |()| {
        let form = store.editor().get_untracked();
        store.estimate().set(form);
        store.editing().set(None);
        platform::scroll_into_view("estimate-title");
    });
    let done = Callback::new(move |()| {
        store.editing().set(None);
        if let Some(i) = selected.get_untracked() {
            platform::focus_row(i);
        }
    });

    // The county report is drawn only while it is printed (a register can be large).
    let printing_report = RwSignal::new(false);
    let report_date = RwSignal::new(String::new());
    let print_report = Callback::new(move |()| {
        report_date.set(platform::today());
        printing_report.set(true);
        platform::print("report", move || printing_report.set(false));
    });

    // Undo and redo from the keyboard, anywhere in the page.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        let key = ev.key().to_lowercase();
        if key == "z" && !ev.shift_key() {
            ev.prevent_default();
            workspace.update(Workspace::undo);
        } else if (key == "z" && ev.shift_key()) || key == "y" {
            ev.prevent_default();
            workspace.update(Workspace::redo);
        }
    });
    on_cleanup(move || keys.remove());

    // Effects only mirror state to the outside world.
    Effect::new(move |_| {
        let l = lang.get();
        platform::set_document_lang(l.tag());
        persist::save_lang(l);
        platform::set_title(&format!(
            "{} · {}",
            t(l, Text::AppName),
            t(l, Text::Tagline)
        ));
    });
    // What the user types is kept in this browser and comes back after a reload.
    Effect::new(move |_| store.estimate().with(persist::save_estimate));
    let form = move || {
        if editing.get() {
            view! {
                <ProjectEstimate estimate=store.editor() result=editor_result editing=editing
                    on_done=done on_open_as_estimate=open_as_estimate />
            }
            .into_any()
        } else {
            view! { <ProjectEstimate estimate=store.estimate() on_add=add_estimate /> }.into_any()
        }
    };
    // The summary, the printout and the coefficient library lie below the register: they are built
    // in the task after the first frame is painted, so the register and its totals show sooner
    // (docs/performance.md, "load"). Nothing else waits for them.
    let settled = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(move || settled.set(true), std::time::Duration::ZERO)
    });
    view! {
        <AppHeader />
        <main class="app-main">
            <StorageBanner autosave=autosave />
            <SharedProject workspace=workspace selected=selected />
            {form}
            <FileBar workspace=workspace />
            <LibraryUpgrade workspace=workspace />
            <FileFields workspace=workspace report=report />
            <Register workspace=workspace report=report selected=selected on_edit=on_edit />
            // The selected project's result and trail, below the table.
            <Show when=move || selected_result.with(Option::is_some)>
                <section class="register__selected" aria-labelledby="selected-title">
                    <h3 id="selected-title">{move || {
                        let name = selected_name.get();
                        msg(lang.get(), Msg::SelectedProject { name: &name })
                    }}</h3>
                    <ResultPanel result=selected_result id_prefix="selected-" />
                    <div class="register__selected-actions">
                        <ShareButton id="share-selected" file=Callback::new(move |()| {
                            let i = selected.get_untracked()?;
                            workspace.with_untracked(|w| share::project_file(&w.doc.register, i))
                        }) />
                    </div>
                </section>
            </Show>
            <Show when=move || settled.get()>
                <PortfolioSummary report=report
                    name=Signal::derive(move || workspace.with(|w| w.doc.name.clone()))
                    on_print=print_report />
                <PrintReport workspace=workspace.into() report=report date=report_date
                    active=printing_report />
                <Coefficients workspace=workspace report=report />
            </Show>
        </main>
        <footer class="app-footer">{move || t(lang.get(), Text::Privacy)}</footer>
    }
}
