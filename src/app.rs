//! The app shell: owns the language and the one app store, hands each component its part, and
//! mirrors state outward (storage, `<html lang>`, title).

use crate::components::{
    header::AppHeader, portfolio_summary::PortfolioSummary, project_estimate::ProjectEstimate,
};
use crate::i18n::{provide_lang, t, Text};
use crate::state::{AppState, AppStateStoreFields};
use crate::{engine, persist, platform};
use leptos::prelude::*;
use reactive_stores::Store;

#[component]
pub fn App() -> impl IntoView {
    let lang = provide_lang(persist::saved_lang());
    let store = Store::new(AppState {
        open: engine::sample(),
        estimate: persist::saved_estimate(),
    });
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
    view! {
        <AppHeader />
        <main class="app-main">
            <ProjectEstimate estimate=store.estimate() />
            <PortfolioSummary open=store.open() />
        </main>
        <footer class="app-footer">{move || t(lang.get(), Text::Privacy)}</footer>
    }
}
