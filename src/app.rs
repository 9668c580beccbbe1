//! The app shell: owns the language and the one app store, hands each component its part, derives
//! the editor's form from the register project it edits (by key; its inputs write to the register
//! from their handlers), and mirrors state outward (storage, `<html lang>`, title). Ctrl+Z /
//! Ctrl+Shift+Z / Ctrl+Y undo and redo every change to the register.

use crate::autosave::{self, Autosave, FormAutosave};
use crate::components::live;
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
    review_editor::ReviewEditor,
    share_panel::{ShareButton, SharedProject},
    storage_banner::StorageBanner,
};
use crate::form::{engine_errors, write_edit, Edit, Estimate, FormError, Typed};
use crate::i18n::{msg, provide_lang, t, tr, Msg, Text};
use crate::state::{AppState, AppStateStoreFields};
use crate::workspace::{Names, ResultCache, Shared, TrailCache, Workspace};
use crate::{persist, platform, share_link};
use jianpai_core::register::{EntryKey, Register};
use jianpai_core::report::ProjectResult;
use jianpai_core::Error;
use leptos::prelude::*;
use reactive_stores::Store;
use std::sync::Arc;

/// The register's report as shown, and the errors of the file's own fields (shown at each field).
#[derive(Clone, PartialEq)]
struct Computed {
    report: Shared,
    field_errors: Vec<Error>,
}

/// The views of a phone's tab bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    Estimate,
    Register,
    Summary,
    Coefficients,
}

impl View {
    const ALL: [View; 4] = [
        View::Estimate,
        View::Register,
        View::Summary,
        View::Coefficients,
    ];

    fn code(self) -> &'static str {
        match self {
            View::Estimate => "estimate",
            View::Register => "register",
            View::Summary => "summary",
            View::Coefficients => "coefficients",
        }
    }

    fn text(self) -> Text {
        match self {
            View::Estimate => Text::TabEstimate,
            View::Register => Text::TabRegister,
            View::Summary => Text::TabSummary,
            View::Coefficients => Text::CoefficientsTitle,
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let lang = provide_lang(persist::saved_lang());
    // The register saved in this browser comes back (else the sample), with its undo steps.
    let mut boot = autosave::boot();
    let (estimate, estimate_meta) = persist::saved_estimate();
    let store = Store::new(AppState {
        workspace: Workspace::restored(boot.doc.clone(), std::mem::take(&mut boot.history)),
        estimate,
        editing: None,
    });
    let workspace = store.workspace();
    let autosave = Autosave::start(workspace.into(), boot);
    // What the user types in the estimate form is kept in this browser the same way.
    let form_autosave = FormAutosave::start(store.estimate().into(), estimate_meta);
    // Per-project results are kept and reused while a project is unchanged.
    let cache = StoredValue::new(ResultCache::default());
    // The register as last computed with its own fields reading: while one does not (a negative
    // target typed), its error is shown at the field and every report (summary, printing,
    // bulletin) is computed with that field's last good value (blank if it never had one).
    let last_good = StoredValue::new(None::<Register>);
    let computed = Memo::new(move |_| {
        workspace.with(|w| {
            let compute = |reg: &Register| {
                cache
                    .try_update_value(|c| c.compute(reg))
                    .unwrap_or_else(|| reg.compute_numbers())
            };
            let reg = &w.doc.register;
            let r = compute(reg);
            let field_errors = match &r.report {
                Ok(_) => {
                    // Only its own fields are read back from it: kept again only when they
                    // changed, not copied (10,000 project pointers) on every edit of a project.
                    if !last_good.with_value(|g| g.as_ref().is_some_and(|g| g.same_fields(reg))) {
                        last_good.set_value(Some(reg.clone()));
                    }
                    Vec::new()
                }
                Err(errs) => errs
                    .iter()
                    .filter(|e| e.project.is_none() && e.field.is_some())
                    .cloned()
                    .collect(),
            };
            if field_errors.is_empty() {
                return Computed {
                    report: Shared(Arc::new(r), None),
                    field_errors,
                };
            }
            let mut fixed = reg.clone();
            for path in field_errors.iter().filter_map(|e| e.field.as_deref()) {
                let good = last_good
                    .with_value(|g| g.as_ref().map(|g| g.field_text(path)))
                    .unwrap_or_default();
                let _ = fixed.set_field_text(path, &good);
            }
            let fallback = compute(&fixed);
            Computed {
                report: if fallback.report.is_ok() {
                    Shared(Arc::new(fallback), Some(Arc::new(fixed)))
                } else {
                    Shared(Arc::new(r), None)
                },
                field_errors,
            }
        })
    });
    let report = Memo::new(move |_| computed.with(|c| c.report.clone()));
    // The register keeps numbers only: the trail of a project shown (edited, selected) is built
    // then, and kept while its numbers are.
    let trails = StoredValue::new(TrailCache::default());
    let with_trail = move |r: &Shared, key: EntryKey, numbers: &Arc<ProjectResult>| {
        trails
            .try_update_value(|c| {
                c.get(numbers, || {
                    workspace.with_untracked(|w| r.with_trail(&w.doc.register, key))
                })
            })
            .unwrap_or_else(|| numbers.clone())
    };
    let field_errors = Memo::new(move |_| computed.with(|c| c.field_errors.clone()));
    // The register project shown below the table, by key (positions shift on delete, duplicate
    // and undo; keys do not).
    let selected = RwSignal::new(None::<EntryKey>);
    // The view shown on a phone.
    let current_view = RwSignal::new(View::Estimate);
    // The townships the register already uses, offered while typing one.
    // Each name once, in order, kept between edits: an edit of one of 10,000 projects reads the
    // township of that project alone (`workspace::Names`).
    let township_names = StoredValue::new(Names::default());
    let townships = Memo::new(move |_| {
        workspace.with(|w| {
            township_names
                .try_update_value(|n| {
                    n.of(w.doc.register.projects.iter(), |e| {
                        e.text("township").trim()
                    })
                })
                .unwrap_or_default()
        })
    });

    // The editor's form is derived from the project it edits (by key) and the texts typed in it
    // that are not stored as typed (`Typed`): nothing is copied, so an undo, a redo or another
    // file shows at once, and no effect writes state. Its inputs write to the register from
    // their handlers (`edit_project`), each change one undoable step per project.
    let typed = RwSignal::new(Typed::default());
    let editor = Memo::new(move |_| {
        let key = store.editing().get()?;
        workspace.with(|w| {
            let r = &w.doc.register;
            let e = r.get(key)?;
            Some(typed.with(|t| Estimate::from_entry(e, &r.settings(), t)))
        })
    });
    // A memo, not a derived signal: the form below is rebuilt only when editing starts or ends,
    // not at each keystroke (which would replace the input being typed in and lose its focus).
    let editing = Memo::new(move |_| editor.with(Option::is_some));
    let edit_project = Callback::new(move |edit: Edit| {
        let Some((key, before)) = store.editing().get_untracked().zip(editor.get_untracked())
        else {
            return;
        };
        let mut after = before.clone();
        after.apply(&edit);
        let mut kept = Vec::new();
        workspace.update(|w| {
            w.apply(Some(format!("edit:{}", key.get())), |d| {
                kept = write_edit(&mut d.register, key, &before, &after);
            })
        });
        typed.update(|t| {
            for (k, text, left) in kept {
                t.set(k, text, left);
            }
        });
    });
    // The project as it was when editing began: what 取消编辑 puts back.
    let edit_start = StoredValue::new(None::<Arc<jianpai_core::register::Entry>>);
    let on_edit = Callback::new(move |key: EntryKey| {
        typed.update(Typed::clear);
        edit_start.set_value(workspace.with_untracked(|w| w.doc.register.get(key).cloned()));
        store.editing().set(Some(key));
        current_view.set(View::Estimate);
        platform::scroll_into_view("estimate-title");
    });
    // Memos, not derived signals: each of the form's ≈40 fields reads the form and the result
    // (its text, its error), and a derived signal would build them again for every reader at
    // each keystroke (a copy of the whole form, a draft of the project: docs/performance.md,
    // "Issue 20: the form at start and per keystroke"). A memo builds each once per change and
    // tells only the readers whose part changed.
    let editor_form = Memo::new(move |_| editor.get().unwrap_or_else(Estimate::from_sample));
    let editor_result = Memo::new_with_compare(
        move |_| -> Result<Arc<ProjectResult>, Vec<FormError>> {
            editor
                .with(|e| e.as_ref().map(Estimate::draft))
                .unwrap_or(Err(Vec::new()))?;
            let key = store.editing().get();
            report.with(|r| {
                let i = workspace.with(|w| key.and_then(|k| w.doc.register.position(k)));
                match key.zip(i.and_then(|i| r.0.results.get(i))) {
                    Some((key, Ok(res))) => Ok(with_trail(r, key, res)),
                    Some((_, Err(errs))) => Err(engine_errors(errs.clone())),
                    None => Err(Vec::new()),
                }
            })
        },
        result_changed,
    );
    // The register project being edited as a one-project file (the file's settings and
    // overrides kept): what its printout is the document of.
    let editor_file = Signal::derive(move || {
        let key = store.editing().get()?;
        workspace.with(|w| w.doc.register.project_alone(key))
    });
    let add_estimate = Callback::new(move |()| {
        let Ok(draft) = store.estimate().with_untracked(Estimate::draft) else {
            return;
        };
        let mut at = None;
        workspace.update(|w| w.apply(None, |d| at = Some(d.register.push_with_free_id(draft))));
        selected.set(at);
        current_view.set(View::Register);
        platform::scroll_into_view("register-title");
    });
    let selected_result = Signal::derive(move || {
        let key = selected.get()?;
        let i = workspace.with(|w| w.doc.register.position(key))?;
        report.with(|r| {
            let numbers = r.0.results.get(i)?.as_ref().ok()?;
            Some(with_trail(r, key, numbers))
        })
    });
    let selected_name = Signal::derive(move || {
        workspace.with(|w| {
            selected
                .get()
                .and_then(|k| w.doc.register.get(k))
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
        let form = editor_form.get_untracked();
        store.estimate().set(form);
        store.editing().set(None);
        platform::scroll_into_view("estimate-title");
    });
    let done = Callback::new(move |()| {
        store.editing().set(None);
        let at = selected
            .get_untracked()
            .and_then(|k| workspace.with_untracked(|w| w.doc.register.position(k)));
        if let Some(i) = at {
            platform::focus_row(i);
        }
    });
    // Cancel: the project goes back to what it was when editing began (one undoable step).
    let cancel = Callback::new(move |()| {
        if let (Some(key), Some(start)) = (store.editing().get_untracked(), edit_start.get_value())
        {
            workspace.update(|w| {
                w.apply(None, |d| {
                    if let Some(i) = d.register.position(key) {
                        if !Arc::ptr_eq(&d.register.projects[i], &start) {
                            d.register.projects[i] = start;
                        }
                    }
                })
            });
        }
        typed.update(Typed::clear);
        done.run(());
    });
    let edit_estimate =
        Callback::new(move |edit: Edit| store.estimate().update(|e| e.apply(&edit)));

    // The county report is drawn only while it is printed (a register can be large).
    let printing_report = RwSignal::new(false);
    // Whether the county report ends with each project's inputs (核查表), printed or saved.
    let checklist = RwSignal::new(false);
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
    let form = move || {
        if editing.get() {
            view! {
                <ProjectEstimate estimate=editor_form on_change=edit_project result=editor_result
                    file=editor_file editing=editing on_done=done on_cancel=cancel townships=townships
                    on_open_as_estimate=open_as_estimate>
                    <ReviewEditor workspace=workspace
                        project=Signal::derive(move || store.editing().get()) />
                </ProjectEstimate>
            }
            .into_any()
        } else {
            let estimate = Signal::derive(move || store.estimate().get());
            view! { <ProjectEstimate estimate=estimate on_change=edit_estimate on_add=add_estimate townships=townships /> }
                .into_any()
        }
    };
    // What the totals' first paint does not need is built after it, one step a frame apart
    // (docs/performance.md, "Issue 20: first paint and first input"): 1. the file's own fields
    // (≈190 elements, laid out only once near the window: style/layout.css), 2. the register's
    // rows (its totals row is in the first frame: the benchmark times its paint), 3. the summary
    // and the printout, 4. the coefficient library (≈1,350 elements). An input typed at once is
    // answered between two steps, not after all of them; each part appears within a frame or two
    // of the first paint.
    let settled = RwSignal::new(0_u8);
    // On a phone, one view at a time (style/layout.css): the tab bar's buttons choose it.
    let tabs = move || {
        let l = lang.get();
        View::ALL
            .iter()
            .map(|&v| {
                view! {
                    <button type="button" class="button button--outline" id=format!("view-{}", v.code())
                        aria-pressed=move || (current_view.get() == v).to_string()
                        on:click=move |_| current_view.set(v)>
                        {t(l, v.text())}
                    </button>
                }
            })
            .collect::<Vec<_>>()
    };
    settle(settled, SETTLE_STEPS);
    view! {
        <AppHeader />
        // `app-main--rows` from the step that draws the register's rows: the file's own fields
        // (above the register, skipped by `content-visibility` until then) are laid out in that
        // same frame, so nothing above a drawn row changes height under the pointer
        // (tests/e2e/app.spec.mjs, "nothing above the register's rows moves once they are drawn").
        <main class="app-main" class:app-main--rows=move || settled.with(|&s| s >= 2)
            data-view=move || current_view.get().code()>
            <nav class="view-tabs" aria-label=tr(lang, Text::ViewsNav)>{live(tabs)}</nav>
            <StorageBanner autosave=autosave form=form_autosave />
            <SharedProject workspace=workspace selected=selected />
            {live(form)}
            <FileBar workspace=workspace autosave=autosave />
            <LibraryUpgrade workspace=workspace />
            <Show when=move || settled.with(|&s| s >= 1)>
                <FileFields workspace=workspace errors=field_errors />
            </Show>
            <Register workspace=workspace report=report selected=selected on_edit=on_edit
                rows_when=Signal::derive(move || settled.with(|&s| s >= 2)) />
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
                            let key = selected.get_untracked()?;
                            workspace.with_untracked(|w| share_link::project_file(&w.doc.register, key))
                        }) />
                    </div>
                </section>
            </Show>
            <Show when=move || settled.with(|&s| s >= 3)>
                <PortfolioSummary report=report workspace=workspace.into() checklist=checklist
                    name=Signal::derive(move || workspace.with(|w| w.doc.name.clone()))
                    on_print=print_report />
                <PrintReport workspace=workspace.into() report=report date=report_date checklist=checklist
                    active=printing_report />
            </Show>
            <Show when=move || settled.with(|&s| s >= 4)>
                <Coefficients workspace=workspace report=report />
            </Show>
        </main>
        <footer class="app-footer">{tr(lang, Text::Privacy)}</footer>
    }
}

/// Whether the editor's result changed: the same numbers are the same `Arc` (kept while the
/// project is unchanged), so no report is compared field by field.
fn result_changed(
    a: Option<&Result<Arc<ProjectResult>, Vec<FormError>>>,
    b: Option<&Result<Arc<ProjectResult>, Vec<FormError>>>,
) -> bool {
    !match (a, b) {
        (Some(Ok(a)), Some(Ok(b))) => Arc::ptr_eq(a, b),
        (Some(Err(a)), Some(Err(b))) => a == b,
        _ => false,
    }
}

/// The steps of the views built after the first paint (`App`'s `settled`).
const SETTLE_STEPS: u8 = 4;

/// Counts `settled` up to `last`, one step after each frame is painted (a task after the next
/// animation frame), so that the browser paints and answers input between two steps.
fn settle(settled: RwSignal<u8>, last: u8) {
    platform::next_paint(move || {
        // `None` once the app is unmounted (a test's next mount): nothing more to build.
        let now = settled.try_update(|s| {
            *s += 1;
            *s
        });
        if now.is_some_and(|s| s < last) {
            settle(settled, last);
        }
    });
}
