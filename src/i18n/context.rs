//! The interface language as a context: provided once by the app shell, read by every component
//! (so no component depends on the shell).

use super::Lang;
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
