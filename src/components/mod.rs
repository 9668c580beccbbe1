//! The app's components, one file each; class names match the component names (style/).

pub mod charts;
pub mod coefficients;
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
pub mod result_panel;
pub mod share_panel;
pub mod storage_banner;
