//! The register with its results as one table, the report CSV's (`jianpai report --format csv`,
//! rendered by [`super::csv`]; [`super::html`] renders it too): one row per project that reads —
//! id, name, type tag, category code, township, months credited, then the credited and the
//! full-year value of every report key; when some project has an offset, its offset and net value
//! of every key after them — and a totals row `TOTAL` (with offsets: the offsets' sum and the
//! totals, which are net); under the 2021 method a column `key_category`, the project's 十四五
//! category code (docs/methodology.md §2.7; blank in the totals row); when the report has a
//! `review`, `review_status` last (the status code; a project the counted statuses leave out is
//! listed, out of the total). So a 2011 file's CSV without reviews is as before. The headers are codes
//! (`credited_cod_t` …), the same in every language, for programs that read the file; only the
//! totals row's name is in the user's language.

use super::{Cell, Column, Row, Table};
use crate::choice::Choice;
use crate::key::{Amounts, Key};
use crate::lang::Lang;
use crate::report::Report;
use crate::review::ReviewStatus;
use crate::settings::Method;

/// Whether the table ends in the `key_category` column (the 2021 method).
fn has_key_category(report: &Report) -> bool {
    report.method.id == Method::KeyProjects2021
}

fn values(cells: &mut Vec<Cell>, a: &Amounts) {
    cells.extend(Key::ALL.iter().map(|k| Cell::Num(a[*k])));
}

/// The columns: six of text, then `credited_{key}` and `full_year_{key}` for each report key, and
/// `offset_{key}` and `net_{key}` when the report has offsets.
pub fn columns(report: &Report) -> Vec<Column> {
    let mut columns: Vec<Column> = ["id", "name", "type", "category", "township"]
        .map(Column::text)
        .to_vec();
    columns.push(Column::text("months").class("num"));
    let prefixes: &[&str] = if report.offsets.is_some() {
        &["credited_", "full_year_", "offset_", "net_"]
    } else {
        &["credited_", "full_year_"]
    };
    for prefix in prefixes {
        columns.extend(
            Key::ALL.iter().map(|k| {
                Column::amount(format!("{prefix}{}", k.code())).unit(k.unit().get(Lang::En))
            }),
        );
    }
    if has_key_category(report) {
        columns.push(Column::text("key_category"));
    }
    if report.review.is_some() {
        columns.push(Column::text("review_status"));
    }
    columns
}

/// How many cells a row has at most.
const WIDTH: usize = 8 + 4 * Key::ALL.len();

/// Each row in turn, the projects' then the totals row, built in one buffer: a register of ten
/// thousand projects is written out (`export::csv`) without holding ten thousand rows.
pub fn each_row(report: &Report, lang: Lang, mut f: impl FnMut(&Row)) {
    let mut row = Row::new(Vec::with_capacity(WIDTH));
    for p in &report.projects {
        let cells = &mut row.cells;
        cells.clear();
        cells.extend([
            Cell::text(&*p.id),
            Cell::text(&*p.name),
            Cell::text(p.type_name.code()),
            Cell::text(p.category.name()),
            Cell::text(p.township.as_deref().unwrap_or("")),
            Cell::Count(p.months.into()),
        ]);
        values(cells, &p.credited);
        values(cells, &p.full_year);
        if report.offsets.is_some() {
            values(cells, &p.offset.as_deref().copied().unwrap_or_default());
            values(cells, p.net());
        }
        if has_key_category(report) {
            cells.push(Cell::text(p.key_category.map_or("", |c| c.name())));
        }
        if report.review.is_some() {
            // The status code; a project without a review is 申报, `submitted`.
            let status = p.review_status.unwrap_or(ReviewStatus::Submitted);
            cells.push(Cell::text(status.name()));
        }
        f(&row);
    }
    // TOTAL, its name, four empty cells, the totals.
    let cells = &mut row.cells;
    cells.clear();
    cells.extend([
        Cell::text("TOTAL"),
        Cell::text(lang.pick("合计", "Total")),
        Cell::Blank,
        Cell::Blank,
        Cell::Blank,
        Cell::Blank,
    ]);
    values(cells, &report.totals);
    values(cells, &report.full_year_totals);
    if let Some(o) = &report.offsets {
        values(cells, o);
        values(cells, &report.totals);
    }
    if has_key_category(report) {
        cells.push(Cell::Blank);
    }
    if report.review.is_some() {
        cells.push(Cell::Blank);
    }
    f(&row);
}

/// The table of a computed report.
pub fn table(report: &Report, lang: Lang) -> Table {
    let mut rows = Vec::with_capacity(report.projects.len() + 1);
    each_row(report, lang, |r| rows.push(r.clone()));
    Table {
        class: "report-csv",
        columns: columns(report),
        rows,
        ..Table::default()
    }
}
