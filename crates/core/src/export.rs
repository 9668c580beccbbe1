//! Reports as files for people, each a rendering of the engine's documents (`doc`): the report
//! CSV for Excel (UTF-8 with BOM; the table `doc::results`, rendered by `doc::csv`) and the
//! plain-text county report (the document `doc::text_report`, rendered by `doc::text`). Both
//! read a computed [`Report`]; no layout is made here.

use crate::doc;
use crate::lang::Lang;
use crate::report::Report;

pub use crate::doc::csv::cell;
pub use crate::doc::text_report::key_label;

/// The register with results: one row per project and a totals row, UTF-8 with a BOM so that
/// Excel reads the Chinese text. Columns: id, name, type, category, township, months, then the
/// credited and the full-year value of every report key (`doc::results`).
pub fn csv(report: &Report, lang: Lang) -> String {
    // A row is about 160 bytes. The rows are written as they are built, one buffer for all
    // (`doc::results::each_row`): a big register is not held twice.
    let mut out = String::with_capacity(160 * (report.projects.len() + 2));
    out.push('\u{feff}');
    doc::csv::header_into(&mut out, &doc::results::columns(report));
    doc::results::each_row(report, lang, |row| doc::csv::row_into(&mut out, row));
    out
}

/// The plain-text county report: heading, totals, progress, groups, projects with their
/// warnings, overrides in force and the bulletin paragraph (`doc::text_report`).
pub fn text(report: &Report, lang: Lang) -> String {
    doc::text::document(&doc::text_report::document(report, lang))
}
