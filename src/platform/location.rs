//! The page's address: whether it was opened from disk, the address a share link is built on,
//! the `#` fragment a link brings (read, removed, watched).

/// Whether the page was opened from disk (a saved or downloaded copy).
pub fn is_file_url() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

/// The page's address without its fragment (what a share link is built on).
pub fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// The page's fragment, with its `#` ("" when there is none).
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Removes the fragment from the address without reloading or adding a history entry (so that
/// reloading a page opened from a share link does not read the link again).
pub fn clear_hash() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // The path and query only (a relative address): reading `href` would copy the whole
    // fragment, which a hostile link makes megabytes long.
    let location = window.location();
    let path = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// Calls `f` whenever the fragment changes (a share link pasted into the address bar of an open
/// page).
pub fn on_hash_change(f: impl Fn() + 'static) -> leptos::prelude::WindowListenerHandle {
    leptos::prelude::window_event_listener_untyped("hashchange", move |_| f())
}
