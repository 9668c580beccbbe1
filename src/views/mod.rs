//! Markup and display text built from engine values, shared by the components that show the same
//! thing (the summary and the printed report, the printed estimate, the coefficients, the open
//! and import previews): plain functions, no state, no signals, no component. A view names only
//! `i18n` and `jianpai_core`, so that no component imports another one for a helper.
//! - `report`: a report's tables (totals against targets, groups, overrides, double counting)
//!   and the names of its groups;
//! - `factors`: a coefficient as shown (value with unit, status) and the coefficients a result
//!   uses.

pub mod factors;
pub mod report;
