//! Copying text (a share link) to the clipboard, where the browser allows it.

/// Copies `text` to the clipboard; false when the browser refused (no permission, not a secure
/// page, no clipboard at all), so that the caller shows the text to copy by hand.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    // Absent on pages that are not secure contexts, although the binding says it is always there.
    if js_sys::Reflect::get(&navigator, &"clipboard".into()).map_or(true, |c| c.is_undefined()) {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
