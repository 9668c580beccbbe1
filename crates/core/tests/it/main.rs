//! The engine's integration tests, one binary (as ripgrep does): each module was a test binary of
//! its own, and every one of them linked the whole engine again. `cargo test -p jianpai-core --test it`
//! runs them; a module's name filters it (`cargo test -p jianpai-core --test it snapshots::`).

mod common;

mod citations;
mod doc;
mod edits;
mod factor_values;
mod factors_read;
mod fuel_year;
mod grid_co2;
mod input;
mod merge;
mod method;
mod num;
mod numbers_only;
mod offsets;
mod overlap;
mod plan;
mod properties;
mod register;
mod review;
mod schema;
mod sector;
mod snapshots;
mod stream;
mod table;
mod upgrade;
mod validation;
mod vocs_measures;
mod vocs_substitution;
mod water_measures;
mod workbook;
mod worked_examples;
