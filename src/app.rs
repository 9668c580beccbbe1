//! The app shell: language, header, the estimate form and the privacy footer.

use crate::components::{
    header::AppHeader, portfolio_summary::PortfolioSummary, project_estimate::ProjectEstimate,
};
use crate::i18n::{t, Lang, Text};
use crate::platform;
use crate::state::initial_lang;
use leptos::prelude::*;

/// The language signal every component reads.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(initial_lang());
    provide_context(lang);
    // Effects only mirror state to the outside world.
    Effect::new(move |_| {
        let l = lang.get();
        platform::set_document_lang(l.tag());
        platform::save("jianpai.lang", l.pick("zh", "en"));
        platform::set_title(&format!(
            "{} · {}",
            t(l, Text::AppName),
            t(l, Text::Tagline)
        ));
    });
    view! {
        <AppHeader />
        <main class="app-main">
            <ProjectEstimate />
            <PortfolioSummary />
        </main>
        <footer class="app-footer">{move || t(lang.get(), Text::Privacy)}</footer>
    }
}
