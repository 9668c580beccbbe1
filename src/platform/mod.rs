//! The only module that touches browser APIs (DOM outside Leptos, storage, location, chosen
//! files, downloads, compression and the clipboard for share links, panics).

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The cleared `#app` element to mount into.
pub fn app_root() -> Option<HtmlElement> {
    let el = document()?.get_element_by_id("app")?;
    el.set_inner_html("");
    el.dyn_into::<HtmlElement>().ok()
}

/// A panic kills a WASM app: before it does, show the user a visible banner (and log to the
/// console) instead of leaving a dead page.
pub fn install_panic_banner() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_banner();
    }));
}

/// Puts the fatal-error banner at the top of the page (idempotent).
pub fn show_fatal_banner() {
    let Some(doc) = document() else { return };
    if doc.get_element_by_id("fatal-error").is_some() {
        return;
    }
    let (Ok(div), Some(body)) = (doc.create_element("div"), doc.body()) else {
        return;
    };
    div.set_id("fatal-error");
    div.set_class_name("fatal-error");
    let _ = div.set_attribute("role", "alert");
    div.set_text_content(Some(
        "程序出错，已停止运行。请刷新页面；已保存的数据不会丢失。\u{2003}\
         Jianpai hit an internal error and stopped. Please reload the page; saved data is kept.",
    ));
    let _ = body.insert_before(&div, body.first_child().as_ref());
}

/// `#__panic_selftest` in the URL makes the app panic once mounted, so that the end-to-end tests
/// can check, on the release build, that a panic leaves a visible banner rather than a dead page.
pub fn panic_self_test() {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if hash == "#__panic_selftest" {
        panic!("panic self-test requested by the URL");
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a value saved in this browser (None when storage is unavailable, e.g. some file:// modes).
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves a value in this browser; silently does nothing where storage is unavailable.
pub fn save(key: &str, value: &str) {
    let _ = try_save(key, value);
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

/// Calls `f` when the page is hidden or left (tab closed, reloaded, switched away): the last
/// moment at which it can still write.
pub fn on_page_hide(f: impl Fn() + 'static) -> leptos::prelude::WindowListenerHandle {
    leptos::prelude::window_event_listener_untyped("pagehide", move |_| f())
}

/// Asks the browser to confirm leaving the page while `unsaved()` says the page holds changes
/// kept nowhere else (the browser shows its own question; the text cannot be chosen).
pub fn warn_before_unload(
    unsaved: impl Fn() -> bool + 'static,
) -> leptos::prelude::WindowListenerHandle {
    leptos::prelude::window_event_listener_untyped("beforeunload", move |ev| {
        if unsaved() {
            ev.prevent_default();
            // Older browsers ask only when `returnValue` is set.
            let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &"".into());
        }
    })
}

/// Runs `f` once after `delay` (through the event loop, never at once).
pub fn after(delay: std::time::Duration, f: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(f, delay);
}

/// Milliseconds since 1970 by this computer's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A random identifier for this page (tells this tab's saves from another tab's).
pub fn random_id() -> String {
    format!("{:x}", (js_sys::Math::random() * 2f64.powi(52)) as u64)
}

/// Clicks the element with this id (a visible button opening the hidden file chooser).
pub fn click(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            el.click();
        }
    }
}

/// Scrolls the element with this id into view (the form when a project is opened in it).
pub fn scroll_into_view(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
    }
}

/// Puts the keyboard focus back on a register row (after editing it).
pub fn focus_row(index: usize) {
    let selector = format!("#register-table tr[data-index='{index}']");
    if let Some(el) = document().and_then(|d| d.query_selector(&selector).ok().flatten()) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Sets `<html lang>` so screen readers and fonts follow the chosen language.
pub fn set_document_lang(tag: &str) {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", tag);
    }
}

/// Sets the document title (the browser tab, and the name a saved page gets).
pub fn set_title(title: &str) {
    if let Some(doc) = document() {
        doc.set_title(title);
    }
}

/// Whether the page was opened from disk (a saved or downloaded copy).
pub fn is_file_url() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

/// The file just chosen in the file input that fired `ev`: its name and bytes (read locally;
/// nothing is sent), or why it could not be read. The input is cleared afterwards, so that
/// choosing the same file again (after fixing it) reads it again.
pub async fn take_chosen_file(ev: &web_sys::Event) -> Option<(String, Result<Vec<u8>, String>)> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    let name = file.name();
    let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")));
    input.set_value("");
    Some((name, bytes))
}

/// Every file just chosen in the (multiple) file input that fired `ev`, in the order the browser
/// lists them: each one's name and bytes, or why it could not be read. The input is cleared, as in
/// [`take_chosen_file`].
pub async fn take_chosen_files(ev: &web_sys::Event) -> Vec<(String, Result<Vec<u8>, String>)> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    // Taken before awaiting: clearing the input empties its list.
    let files: Vec<web_sys::File> = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
            .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")));
        out.push((file.name(), bytes));
    }
    out
}

/// Offers `content` as a file download named `name` (made in the page; nothing is sent).
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let doc = document().ok_or("no document")?;
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoked later, not at once: some browsers start reading the blob after the click returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// The text of a chosen CSV file: UTF-8 when the bytes are UTF-8 (a BOM dropped), else GB18030
/// (what Excel and WPS save in on Chinese Windows; it covers GBK and GB2312), decoded by the
/// browser's own `TextDecoder` so that no encoding tables are shipped in the wasm.
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let utf8 = web_sys::TextDecoder::new_with_label_and_options("utf-8", &opts).map_err(err)?;
    if let Ok(text) = utf8.decode_with_u8_array(bytes) {
        return Ok(text);
    }
    let gb = web_sys::TextDecoder::new_with_label("gb18030").map_err(err)?;
    gb.decode_with_u8_array(bytes).map_err(err)
}

/// Today's date by this computer's clock, as `YYYY-MM-DD` (printed on a document).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Prints one of the page's print documents: puts `print-<mode>` on `<html>` (style/print.css
/// shows only that document), opens the browser's print dialog once the page has drawn what was
/// just asked for (a timeout: the app's DOM updates run after the current task), and when
/// printing ends takes the class off and calls `done`.
pub fn print(mode: &'static str, done: impl FnOnce() + 'static) {
    let class = format!("print-{mode}");
    let Some(html) = document().and_then(|d| d.document_element()) else {
        return;
    };
    set_class(&html, &class, true);
    let done = std::cell::Cell::new(Some(done));
    let handle = std::rc::Rc::new(std::cell::Cell::new(
        None::<leptos::prelude::WindowListenerHandle>,
    ));
    let own = handle.clone();
    let listener = leptos::prelude::window_event_listener_untyped("afterprint", move |_| {
        set_class(&html, &class, false);
        if let Some(f) = done.take() {
            f();
        }
        if let Some(h) = own.take() {
            h.remove();
        }
    });
    handle.set(Some(listener));
    after(std::time::Duration::ZERO, || {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
}

/// Adds or removes one class of an element, leaving its other classes as they are.
fn set_class(el: &web_sys::Element, class: &str, on: bool) {
    let mut classes: Vec<String> = el
        .class_name()
        .split_whitespace()
        .filter(|c| *c != class)
        .map(str::to_owned)
        .collect();
    if on {
        classes.push(class.to_owned());
    }
    el.set_class_name(&classes.join(" "));
}

// web-sys 0.3 marks CompressionStream as unstable (behind `--cfg=web_sys_unstable_apis`, a
// build-wide flag), so its two constructors and getters are bound here.
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// Compresses `bytes` with the browser's own `CompressionStream("deflate-raw")` (share links).
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let stream = CompressionStream::new("deflate-raw").map_err(|e| format!("{e:?}"))?;
    let pair = web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable());
    through(bytes, &pair).await
}

/// Decompresses what [`deflate`] made; damaged data is an error, never a panic.
pub async fn inflate(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let stream = DecompressionStream::new("deflate-raw").map_err(|e| format!("{e:?}"))?;
    let pair = web_sys::ReadableWritablePair::new(&stream.readable(), &stream.writable());
    through(bytes, &pair).await
}

/// Runs `bytes` through a transform stream and collects what comes out (a `Response` only
/// gathers the stream in memory here: nothing is fetched).
async fn through(bytes: &[u8], pair: &web_sys::ReadableWritablePair) -> Result<Vec<u8>, String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(err)?;
    let out = blob.stream().pipe_through(pair);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&out)).map_err(err)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(err)?)
        .await
        .map_err(err)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

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
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_address()));
    }
}

/// Calls `f` whenever the fragment changes (a share link pasted into the address bar of an open
/// page).
pub fn on_hash_change(f: impl Fn() + 'static) -> leptos::prelude::WindowListenerHandle {
    leptos::prelude::window_event_listener_untyped("hashchange", move |_| f())
}

/// Selects the whole text of the input that fired `ev` (a link to copy by hand).
pub fn select_all(ev: &web_sys::FocusEvent) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
}
