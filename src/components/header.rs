//! Header: the app name, the language switch and the offline copy.

use crate::i18n::{tr, use_lang, Lang, Text};
use crate::platform;
use leptos::prelude::*;

#[component]
pub fn AppHeader() -> impl IntoView {
    let lang = use_lang();
    let toggle = move |_| {
        lang.update(|l| {
            *l = match l {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            }
        })
    };
    // A copy opened from disk is already the offline file; the link only makes sense when served.
    let served = !platform::is_file_url();
    view! {
        <header class="app-header">
            <div class="app-header__title">
                <h1>{tr(lang, Text::AppName)}</h1>
                <p class="app-header__tagline">{tr(lang, Text::Tagline)}</p>
            </div>
            <nav class="app-header__actions">
                <Show when=move || served>
                    <a id="download-offline" class="button" href="jianpai-offline.html"
                        download="jianpai-offline.html"
                        title=tr(lang, Text::OfflineHint)>
                        {tr(lang, Text::DownloadOffline)}
                    </a>
                </Show>
                <button id="lang-toggle" class="button button--ghost" type="button" on:click=toggle>
                    {tr(lang, Text::SwitchLang)}
                </button>
            </nav>
        </header>
    }
}
