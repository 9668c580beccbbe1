//! The only module that touches browser APIs, one file per concern behind this one facade
//! (callers write `platform::load`, `platform::download` …):
//! - `dom`: the page's elements outside Leptos (mount point, focus, scrolling, classes, `<html lang>`);
//! - `storage`: values kept in this browser, and other tabs' changes to them;
//! - `page`: the page's life (hidden, left), timers, the clock and this tab's identity;
//! - `files`: chosen files read, downloads made (text or bytes), CSV text decoded;
//! - `print`: the browser's print dialog for one of the page's print documents;
//! - `location`: the page's address and its `#share=` fragment;
//! - `deflate`: the browser's own compression (share links, a workbook's parts);
//! - `clipboard`: copying a share link;
//! - `panic`: the banner a panic leaves instead of a dead page.

mod clipboard;
mod deflate;
mod dom;
mod files;
mod location;
mod page;
mod panic;
mod print;
mod storage;

pub use clipboard::copy_text;
pub use deflate::{deflate, inflate, InflateError};
pub use dom::{
    app_root, click, focus, focus_row, scroll_into_view, scroll_metrics, select_all,
    set_document_lang, set_title, window_width,
};
pub use files::{decode_text, download, download_bytes, take_chosen_file, take_chosen_files};
pub use location::{clear_hash, is_file_url, location_hash, on_hash_change, page_address};
pub use page::{
    after, after_paint, local_time, next_paint, now_ms, on_page_hide, random_id, today,
    warn_before_unload,
};
pub use panic::{install_panic_banner, panic_self_test, show_fatal_banner};
pub use print::print;
pub use storage::{load, load_tail, on_storage_change, remove, save, try_save, StorageError};

/// The page's document (none outside a browser page).
fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}
