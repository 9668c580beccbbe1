//! The page's life and time: hidden or left (the last moment to write), the question before
//! leaving with unsaved changes, timers, the clock, today's date and this tab's random identity.

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

/// Runs `f` once after the next frame is painted (an animation frame, then a task), so that work
/// which need not be in an edit's frame (a save, a snapshot) does not hold back its paint; at the
/// latest after `fallback` (a hidden tab paints no frames).
pub fn after_paint(fallback: std::time::Duration, f: impl FnOnce() + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;
    let f = Rc::new(Cell::new(Some(Box::new(f) as Box<dyn FnOnce()>)));
    let run = {
        let f = f.clone();
        move || {
            if let Some(f) = f.take() {
                f();
            }
        }
    };
    next_paint(run.clone());
    leptos::prelude::set_timeout(run, fallback);
}

/// Runs `f` in a task after the next frame is painted (an animation frame, then a task), so the
/// browser paints and answers input before it; never while the tab paints no frames (hidden).
pub fn next_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO)
    });
}

/// Milliseconds since 1970 by this computer's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
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

/// A random identifier for this page (tells this tab's saves from another tab's).
pub fn random_id() -> String {
    format!("{:x}", (js_sys::Math::random() * 2f64.powi(52)) as u64)
}

/// A moment (ms since 1970) as this computer's local date and time, `YYYY-MM-DD HH:MM:SS`.
pub fn local_time(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}
