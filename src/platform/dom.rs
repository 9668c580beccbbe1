//! The page's elements outside what Leptos draws: the mount point, clicking and focusing by id,
//! scrolling, a scrolled element's metrics, one class of an element, `<html lang>` and the title.

use super::document;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// The cleared `#app` element to mount into.
pub fn app_root() -> Option<HtmlElement> {
    let el = document()?.get_element_by_id("app")?;
    el.set_inner_html("");
    el.dyn_into::<HtmlElement>().ok()
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

/// How far the element that fired a `scroll` event is scrolled and how high its visible part is,
/// in pixels: `(scroll_top, client_height)` (the register draws only the rows in view). `None`
/// when the event came from no element.
pub fn scroll_metrics(ev: &web_sys::Event) -> Option<(f64, f64)> {
    let el = ev.target()?.dyn_into::<HtmlElement>().ok()?;
    Some((f64::from(el.scroll_top()), f64::from(el.client_height())))
}

/// The window's width in CSS pixels, as a media query compares it (`innerWidth`); `None` outside
/// a window.
pub fn window_width() -> Option<f64> {
    web_sys::window()?.inner_width().ok()?.as_f64()
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

/// Selects the whole text of the input that fired `ev` (a link to copy by hand).
pub fn select_all(ev: &web_sys::FocusEvent) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
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

/// Adds or removes one class of an element, leaving its other classes as they are.
pub(super) fn set_class(el: &web_sys::Element, class: &str, on: bool) {
    let _ = el.class_list().toggle_with_force(class, on);
}

/// Puts the keyboard focus on the element with this id (a dialog's first choice).
pub fn focus(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}
