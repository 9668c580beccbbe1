//! A panic kills a WASM app: the hook that shows a visible banner first, and the URL switch that
//! lets the end-to-end tests check it on the release build.

use super::{document, location_hash};

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
    if location_hash() == "#__panic_selftest" {
        panic!("panic self-test requested by the URL");
    }
}
