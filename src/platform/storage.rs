//! Values kept in this browser (`localStorage`): read, save (saying whether it was kept and why
//! not), and the changes another tab of this origin makes to them.

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a value saved in this browser (None when storage is unavailable, e.g. some file:// modes).
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// The last `units` UTF-16 code units of a value saved in this browser (the whole value when it
/// is shorter): only they cross into the program, not the whole value (a register save of 10,000
/// projects is 4 MB; docs/performance.md, "Issue 20: edit at 10,000 by difference").
pub fn load_tail(key: &str, units: u32) -> Option<String> {
    use wasm_bindgen::JsCast;
    let s = storage()?;
    let get = js_sys::Reflect::get(&s, &"getItem".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let value = get
        .call1(&s, &key.into())
        .ok()?
        .dyn_into::<js_sys::JsString>()
        .ok()?;
    let len = value.length();
    Some(value.slice(len.saturating_sub(units), len).into())
}

/// Saves a value in this browser; silently does nothing where storage is unavailable.
pub fn save(key: &str, value: &str) {
    let _ = try_save(key, value);
}

/// Removes a value saved in this browser (nothing where storage is unavailable).
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Why this browser did not keep a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all (blocked, private mode of some browsers, some file:// pages).
    Unavailable,
    /// The storage quota is used up.
    Full,
}

/// Saves a value in this browser and says whether it was kept.
pub fn try_save(key: &str, value: &str) -> Result<(), StorageError> {
    let s = storage().ok_or(StorageError::Unavailable)?;
    s.set_item(key, value).map_err(|e| {
        // A DOMException named QuotaExceededError (Firefox once said NS_ERROR_DOM_QUOTA_REACHED).
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name.contains("Quota") || name.contains("QUOTA") {
            StorageError::Full
        } else {
            StorageError::Unavailable
        }
    })
}

/// Calls `f` with the new value whenever another tab of this origin changes `key` (the browser
/// sends `storage` events only to the other tabs); `None` when that tab removed it.
pub fn on_storage_change(
    key: &'static str,
    f: impl Fn(Option<String>) + 'static,
) -> leptos::prelude::WindowListenerHandle {
    leptos::prelude::window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(key) {
            f(ev.new_value());
        }
    })
}
