//! The app's components, one file each (the register: `register/`, its row model in
//! `register/rows.rs`); class names match the component names (style/), except
//! `preview`, which keeps the file bar's `file-bar__preview` classes. A component names another
//! only to render it as a child; what several of them draw is in `views`, what several of them
//! do in `actions`.

pub mod charts;
pub mod coefficients;
pub mod column_mapping;
pub mod confirm_discard;
pub mod csv;
pub mod file_bar;
pub mod file_fields;
pub mod header;
pub mod library_upgrade;
pub mod merge_dialog;
pub mod number_field;
pub mod portfolio_summary;
pub mod preview;
pub mod print_estimate;
pub mod print_report;
pub mod project_estimate;
pub mod register;
pub mod registers;
pub mod result_panel;
pub mod review_editor;
pub mod share_panel;
pub mod snapshots;
pub mod storage_banner;

use leptos::prelude::{AnyView, IntoAny, IntoView};
use leptos::tachys::reactive_graph::SharedReactiveFunction;
use std::sync::{Arc, Mutex};

/// A reactive child given by name (`{live(rows)}` for `let rows = move || …`): the view it
/// returns is drawn through one closure type, so Leptos's code that redraws a reactive child is
/// compiled once for every such child, not once per closure (issue 20: tachys's render closure
/// was copied per call site; `view!` folds only the `{move || …}` written inline, as `tr` does
/// for the interface's texts). The view drawn is the same.
pub fn live<V: IntoView + 'static>(
    mut view: impl FnMut() -> V + Send + 'static,
) -> SharedReactiveFunction<AnyView> {
    Arc::new(Mutex::new(move || view().into_any()))
}
