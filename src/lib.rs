//! Jianpai browser app (Leptos CSR). The shell (`app`) owns one store (`state`) over the open
//! register and its undo history (`workspace`); the project form is read through the engine in
//! `form`; `persist` and `autosave` keep the work in this browser, `share_link` carries a project
//! in a link; components display it, drawing the parts several of them show with `views` and
//! doing what several of them offer with `actions`; `i18n` holds the interface texts; only
//! `platform` touches the browser APIs. The layers: ARCHITECTURE.md, "App layers".

pub mod actions;
pub mod app;
pub mod autosave;
pub mod components;
pub mod form;
pub mod i18n;
pub mod persist;
pub mod platform;
pub mod protect;
pub mod registers;
pub mod share_link;
pub mod state;
pub mod views;
pub mod workspace;

/// Mounts the app into `#app`. The element is cleared first: a page saved "complete" by the
/// browser keeps the rendered DOM, and mounting beside it would show the interface twice.
pub fn start() {
    platform::install_panic_banner();
    let Some(root) = platform::app_root() else {
        return;
    };
    leptos::mount::mount_to(root, app::App).forget();
    platform::panic_self_test();
}
