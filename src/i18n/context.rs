//! The interface language as a context: provided once by the app shell, read by every component
//! (so no component depends on the shell).

use super::{t, Lang, Text};
use leptos::prelude::*;

/// Makes `initial` the language of every component below the caller; returns its signal.
pub fn provide_lang(initial: Lang) -> RwSignal<Lang> {
    let lang = RwSignal::new(initial);
    provide_context(lang);
    lang
}

/// The language signal every component reads.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A text in the language shown, as a view child or attribute that follows the language:
/// `{tr(lang, Text::Undo)}` for `{move || t(lang.get(), Text::Undo)}`. Every call returns the same
/// closure type, so Leptos's code for a reactive text is compiled once, not once per call site
/// (issue 20: ≈155 copies of tachys's render closure).
pub fn tr(lang: RwSignal<Lang>, text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync {
    move || t(lang.get(), text)
}
