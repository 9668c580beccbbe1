//! Jianpai engine: every number the app and the CLI show is computed here.
//!
//! Pure Rust, no I/O, no browser: the web app and the `jianpai` CLI call into this crate.
//! Flow: file bytes → [`json::parse`] (BOM, UTF-8, duplicate keys) → [`file::load_bytes`]
//! (decode + validate, typed [`Error`]s) → [`ProjectFile`] → [`report::compute`] (factors,
//! crediting, trail, warnings, totals) → [`Report`]. [`stream::load_bytes`] reads the same file
//! one project at a time (the CLI, for big files).

// The modules form layers (ARCHITECTURE.md, "Engine layers"), drawn top to bottom: vocabulary,
// errors, reading, factors, trails, measures, the file, the report, formatting. A module names
// only modules of its own row (acyclically) or of the rows above it, its own submodules aside;
// crates/tidy checks that no two sibling modules import each other.
pub mod bulletin;
pub mod choice;
pub mod crediting;
mod decode;
pub mod doc;
pub mod encoding;
pub mod error;
pub mod export;
pub mod factors;
pub mod field;
pub mod file;
pub mod form;
pub mod gbk;
pub mod json;
pub mod key;
pub mod labels;
pub mod lang;
pub mod measure_type;
pub mod measures;
pub mod merge;
pub mod numtext;
pub mod order;
pub mod overlap;
pub mod path;
pub mod plan;
pub mod register;
pub mod report;
pub mod review;
pub mod schema;
pub mod settings;
pub mod status;
pub mod stream;
pub mod table;
pub mod trail;
pub mod units;
pub mod upgrade;

pub use choice::Choice;
pub use error::{Error, ErrorKind};
pub use factors::{FactorId, FactorLibrary, Factors, FactorsRead};
pub use file::{
    load, load_bytes, load_project, load_project_bytes, load_value, Project, ProjectFile, Valid,
};
pub use key::{Amounts, Emissions, Key};
pub use labels::Labelled;
pub use lang::{Label, Lang};
pub use measure_type::MeasureType;
pub use measures::Measure;
pub use report::{compute, compute_project, ProjectResult, Report};
pub use settings::{
    BulletinOrder, Category, Crediting, ElectricityBasis, GridCo2, KeyCategory, Method, Settings,
};
pub use status::Status;

/// A complete sample county portfolio (示例县, 2026), loaded by the app on a first visit.
pub const SAMPLE_FILE: &str = include_str!("../data/sample.json");

#[cfg(test)]
mod tests {
    #[test]
    fn the_sample_loads_and_computes_and_covers_every_type() {
        let file = crate::load(crate::SAMPLE_FILE).expect("the sample loads");
        let report = crate::compute(&file).expect("the sample computes");
        for t in crate::MeasureType::ALL {
            assert!(
                report.projects.iter().any(|p| p.type_name == *t),
                "the sample has no {t:?}"
            );
        }
        assert!(
            report.projects.iter().any(|p| p.months < 12),
            "a start month is used"
        );
        assert_eq!(report.overrides.len(), 1, "one file-level override");
        assert!(!report.progress.is_empty(), "targets");
    }
}
