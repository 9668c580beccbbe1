//! The autosave's banners: changes not kept in this browser (with the project file as a
//! download), a damaged save put aside, and another tab's save waiting for the user's choice;
//! the same for the estimate form (not kept, another tab's form).

use crate::actions::download_doc;
use crate::autosave::{Autosave, FormAutosave};
use crate::components::live;
use crate::i18n::{msg, t, use_lang, Lang, Msg, Text};
use crate::platform::StorageError;
use leptos::prelude::*;

#[component]
pub fn StorageBanner(autosave: Autosave, form: FormAutosave) -> impl IntoView {
    let lang = use_lang();
    let storage = move || {
        let l = lang.get();
        let failure = autosave.failure.get();
        let damaged = autosave.damaged.get();
        let form_failure = form.failure.get();
        if failure.is_none() && damaged.is_none() && form_failure.is_none() {
            return None;
        }
        let form_failed = form_failure.map(|e| {
            let text = match e {
                StorageError::Full => Text::FormStorageFull,
                StorageError::Unavailable => Text::FormStorageFailed,
            };
            view! { <p id="form-storage-failed">{t(l, text)}</p> }
        });
        let failed = failure.map(|e| {
            let text = match e {
                StorageError::Full => Text::StorageFull,
                StorageError::Unavailable => Text::StorageFailed,
            };
            view! {
                <p id="storage-failed">{t(l, text)}</p>
                <button id="download-register" class="button" type="button"
                    on:click=move |_| {
                        if let Some(doc) = autosave.doc() {
                            download_doc(&doc);
                        }
                    }>
                    {t(l, Text::DownloadProjectFile)}
                </button>
            }
        });
        let damaged = damaged.map(|key| {
            view! {
                <p id="storage-damaged">{msg(l, Msg::SaveDamaged { key: &key })}</p>
                <button id="dismiss-damaged" class="button button--outline" type="button"
                    on:click=move |_| autosave.damaged.set(None)>
                    {t(l, Text::Dismiss)}
                </button>
            }
        });
        Some(view! {
            <div id="storage-banner" class="storage-banner" role="alert">{failed}{damaged}{form_failed}</div>
        })
    };
    let conflict = move || {
        let l = lang.get();
        autosave.conflict.get().then(|| {
            Conflict {
                id: "tab-conflict",
                text: Text::TabConflict,
                load: (
                    "load-other-tab",
                    Text::LoadOtherTab,
                    Callback::new(move |()| autosave.load_other()),
                ),
                keep: (
                    "keep-this-tab",
                    Text::KeepThisTab,
                    Callback::new(move |()| autosave.keep_mine()),
                ),
            }
            .view(l)
        })
    };
    let form_conflict = move || {
        let l = lang.get();
        form.conflict.get().then(|| {
            Conflict {
                id: "form-tab-conflict",
                text: Text::FormTabConflict,
                load: (
                    "load-other-form",
                    Text::LoadOtherTabForm,
                    Callback::new(move |()| form.load_other()),
                ),
                keep: (
                    "keep-this-form",
                    Text::KeepThisTabForm,
                    Callback::new(move |()| form.keep_mine()),
                ),
            }
            .view(l)
        })
    };
    view! { {live(storage)}{live(conflict)}{live(form_conflict)} }
}

/// Another tab's save, waiting for the user's choice: the banner's id and text, and its two
/// buttons (id, name, action): load the other tab's version, keep this one.
struct Conflict {
    id: &'static str,
    text: Text,
    load: (&'static str, Text, Callback<()>),
    keep: (&'static str, Text, Callback<()>),
}

impl Conflict {
    fn view(self, l: Lang) -> impl IntoView {
        let (load_id, load_text, load) = self.load;
        let (keep_id, keep_text, keep) = self.keep;
        view! {
            <div id=self.id class="storage-banner" role="alert">
                <p>{t(l, self.text)}</p>
                <button id=load_id class="button" type="button" on:click=move |_| load.run(())>
                    {t(l, load_text)}
                </button>
                <button id=keep_id class="button button--outline" type="button"
                    on:click=move |_| keep.run(())>
                    {t(l, keep_text)}
                </button>
            </div>
        }
    }
}
