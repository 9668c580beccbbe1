//! Display text built from engine values, shared by the components that show the same thing:
//! plain functions, no state, no signals, no component. A view names only `i18n` and
//! `jianpai_core`, so that no component imports another one for a helper. The reports
//! themselves (summary, printouts, charts, the overrides in force) are the engine's documents
//! (`jianpai_core::doc`).
//! - `factors`: a coefficient as shown (value with unit, status).

pub mod factors;
