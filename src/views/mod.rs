//! Display text built from engine values, shared by the components that show the same thing:
//! plain functions, no state, no signals, no component. A view names only `i18n` and
//! `jianpai_core`, so that no component imports another one for a helper. The reports
//! themselves (summary, printouts, charts) are the engine's documents (`jianpai_core::doc`).
//! - `report`: where an override applies;
//! - `factors`: a coefficient as shown (value with unit, status).

pub mod factors;
pub mod report;
