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
