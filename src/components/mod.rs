//! The app's components, one file each; class names match the component names (style/).

pub mod header;
pub mod number_field;
pub mod result_panel;
pub mod wastewater_form;
