//! The autosave's banners: changes not kept in this browser (with the project file as a
//! download), a damaged save put aside, and another tab's save waiting for the user's choice;
//! the same for the estimate form (not kept, another tab's form).

use crate::actions::download_doc;
use crate::autosave::{Autosave, FormAutosave};
use crate::i18n::{msg, t, use_lang, Msg, Text};
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
            view! {
                <div id="tab-conflict" class="storage-banner" role="alert">
                    <p>{t(l, Text::TabConflict)}</p>
                    <button id="load-other-tab" class="button" type="button"
                        on:click=move |_| autosave.load_other()>
                        {t(l, Text::LoadOtherTab)}
                    </button>
                    <button id="keep-this-tab" class="button button--outline" type="button"
                        on:click=move |_| autosave.keep_mine()>
                        {t(l, Text::KeepThisTab)}
                    </button>
                </div>
            }
        })
    };
    let form_conflict = move || {
        let l = lang.get();
        form.conflict.get().then(|| {
            view! {
                <div id="form-tab-conflict" class="storage-banner" role="alert">
                    <p>{t(l, Text::FormTabConflict)}</p>
                    <button id="load-other-form" class="button" type="button"
                        on:click=move |_| form.load_other()>
                        {t(l, Text::LoadOtherTabForm)}
                    </button>
                    <button id="keep-this-form" class="button button--outline" type="button"
                        on:click=move |_| form.keep_mine()>
                        {t(l, Text::KeepThisTabForm)}
                    </button>
                </div>
            }
        })
    };
    view! { {storage}{conflict}{form_conflict} }
}
