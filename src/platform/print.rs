//! Printing one of the page's print documents through the browser's own print dialog.

use super::dom::set_class;
use super::{after, document};

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
