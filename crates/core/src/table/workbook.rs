//! The register as an Excel workbook: the cells and their kinds (the container is
//! [`super::xlsx`]). Three sheets, in the active language:
//! 1. 登记表 / Register — the header in row 1 (`label (unit) [path]`, as the people's CSV), one
//!    row per project: id and name, then the credited results (only the pollutants some project
//!    has), months credited and why not counted, then the project's other columns, its inputs and
//!    `[json]`. Numbers are number cells; ids, names, codes and other texts are text cells (so a
//!    spreadsheet keeps `0012` and an 18-digit id as they are);
//! 2. 汇总 / Summary — per pollutant the credited total, its unit, the target and progress, then
//!    the bulletin paragraph and its note (for reading: import ignores this sheet);
//! 3. 文件信息 / File — the people's CSV's file block (title, region, year, settings, targets,
//!    overrides, `[json]`, totals), one `label [path]` row per field.
//!
//! The cells are those of [`super::people_csv`] (columns only reordered, all-blank result
//! columns left out, the apostrophe guard dropped: a text cell needs none), so everything the
//! CSV carries for a lossless round trip is in the workbook; [`csv_from_sheets`] lays the sheets
//! read back out as that CSV again (file block, empty row, register) for [`super::import`].

use super::cells::{guard, records, unguard};
use super::import::column_path;
use super::xlsx::{Cell, ReadSheet, Sheet};
use super::{people_csv, push_row, shown};
use crate::bulletin::grouped;
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::register::Register;

/// Whether `s` is a plain decimal that a spreadsheet stores and gives back unchanged as a number:
/// no leading zeros, no trailing zeros after the point, at most 15 digits.
fn plain_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    !int.is_empty()
        && digits(int)
        && digits(frac)
        && (int == "0" || !int.starts_with('0'))
        && (body.len() == int.len() || (!frac.is_empty() && !frac.ends_with('0')))
        && int.len() + frac.len() <= 15
}

/// The paths whose cells stay text whatever they hold.
fn text_column(path: &str) -> bool {
    matches!(
        path,
        "id" | "name" | "enterprise" | "township" | "category" | "type" | "json" | "problems"
    )
}

/// What a column holds.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Texts (ids, names, codes): always text cells.
    Text,
    /// Inputs, read back by the import: a number cell only when it gives back the same text.
    Exact,
    /// Results and totals (`36.50`), for reading only: a number cell whenever it is a number.
    Result,
}

fn kind(path: &str) -> Kind {
    match path {
        p if text_column(p) => Kind::Text,
        p if p.starts_with("result.") || p.starts_with("total.") => Kind::Result,
        _ => Kind::Exact,
    }
}

/// A CSV cell as a workbook cell: without its guard; a number when the column holds numbers.
fn cell_of(csv: &str, kind: Kind) -> Cell {
    let text = unguard(csv);
    let number = |t: &str| match kind {
        Kind::Text => false,
        Kind::Exact => plain_number(t),
        Kind::Result => plain_number(t.trim_end_matches('0').trim_end_matches('.')),
    };
    match text {
        "" => Cell::Empty,
        t if number(t) => Cell::Number(t.to_owned()),
        t => Cell::Text(t.to_owned()),
    }
}

/// The register as the three sheets of a workbook, in `lang` (the layout is in the module docs).
pub fn workbook(register: &Register, lang: Lang) -> Vec<Sheet> {
    let csv = people_csv(register, lang);
    let recs = records(&csv).unwrap_or_default();
    let h = recs
        .iter()
        .position(|r| r.iter().any(|c| column_path(c) == "id"))
        .unwrap_or(recs.len());
    let (file_rows, table) = recs.split_at(h);
    let (header, rows) = table
        .split_first()
        .map_or((&[][..], &[][..]), |(h, r)| (h.as_slice(), r));
    let paths: Vec<String> = header.iter().map(|c| column_path(c)).collect();
    let blank = |i: usize| rows.iter().all(|r| r.get(i).is_none_or(String::is_empty));
    // Column order: id, name, results, months, problems, then the rest as in the CSV.
    let first = |p: &str| matches!(p, "id" | "name");
    let result = |p: &str| p.starts_with("result.") || p == "problems";
    let mut order: Vec<usize> = (0..paths.len()).filter(|&i| first(&paths[i])).collect();
    order.extend((0..paths.len()).filter(|&i| result(&paths[i]) && !blank(i)));
    order.extend((0..paths.len()).filter(|&i| !first(&paths[i]) && !result(&paths[i])));
    let mut register_rows = vec![order
        .iter()
        .map(|&i| Cell::Head(unguard(&header[i]).to_owned()))
        .collect::<Vec<_>>()];
    for r in rows {
        register_rows.push(
            order
                .iter()
                .map(|&i| cell_of(r.get(i).map_or("", String::as_str), kind(&paths[i])))
                .collect(),
        );
    }
    let file = file_rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .map(|r| {
            let path = r.first().map(|c| column_path(c)).unwrap_or_default();
            let k = match path.as_str() {
                "year" => Kind::Exact,
                p if p.starts_with("targets.") => Kind::Exact,
                p if p.starts_with("overrides.") && p.ends_with(".value") => Kind::Exact,
                p if p.starts_with("total.") => Kind::Result,
                _ => Kind::Text,
            };
            let mut row = vec![Cell::Head(unguard(r.first().map_or("", |c| c)).to_owned())];
            row.extend(r.iter().skip(1).map(|c| cell_of(c, k)));
            row
        })
        .collect();
    vec![
        Sheet {
            name: lang.pick("登记表", "Register").to_owned(),
            rows: register_rows,
            freeze_header: true,
        },
        Sheet {
            name: lang.pick("汇总", "Summary").to_owned(),
            rows: summary(register, lang),
            freeze_header: true,
        },
        Sheet {
            name: lang.pick("文件信息", "File").to_owned(),
            rows: file,
            freeze_header: false,
        },
    ]
}

/// The summary sheet: per pollutant total, unit, target and progress; then the bulletin.
fn summary(register: &Register, lang: Lang) -> Vec<Vec<Cell>> {
    let head = |s: &str| Cell::Head(s.to_owned());
    let num = |s: String| match s.is_empty() {
        true => Cell::Empty,
        false => Cell::Number(s),
    };
    let mut rows = vec![vec![
        head(lang.pick("指标", "Pollutant")),
        head(lang.pick("计入合计", "Credited total")),
        head(lang.pick("单位", "Unit")),
        head(lang.pick("目标", "Target")),
        head(lang.pick("完成率 (%)", "Progress (%)")),
    ]];
    let rr = register.compute();
    let report = match &rr.report {
        Ok(r) => r,
        Err(errs) => {
            for e in errs {
                rows.push(vec![Cell::Text(e.message(lang))]);
            }
            return rows;
        }
    };
    for k in Key::ALL {
        let progress = report.progress.iter().find(|p| p.key == k);
        let total = shown(k, report.totals[k]);
        rows.push(vec![
            Cell::Text(k.text(lang).to_owned()),
            num(if total.is_empty() { "0".into() } else { total }),
            Cell::Text(k.unit().get(lang).to_owned()),
            num(progress.map_or(String::new(), |p| format!("{}", p.target))),
            num(progress
                .and_then(|p| p.percent)
                .map_or(String::new(), |p| grouped(p, 1).replace(',', ""))),
        ]);
    }
    rows.push(Vec::new());
    let b = &report.bulletin;
    rows.push(vec![
        head(lang.pick("公报段落", "Bulletin paragraph")),
        Cell::Text(lang.pick(&b.zh, &b.en).to_owned()),
    ]);
    rows.push(vec![
        head(lang.pick("说明", "Note")),
        Cell::Text(b.note.get(lang).to_owned()),
    ]);
    rows
}

/// A text cell read from a workbook as the people's CSV holds it: with the apostrophe guard
/// the CSV puts before text a spreadsheet would change or run (the import takes it away).
fn csv_cell(text: &str) -> String {
    match text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{text}"),
        false => guard(text).into_owned(),
    }
}

/// A workbook that is not the app's (a planner's own ledger, no `id` column): its first sheet
/// with a row of at least two filled cells, as CSV text for [`super::mapping`] (cells guarded as
/// [`csv_from_sheets`] guards them). `None` when no sheet has such a row.
pub fn ledger_csv(sheets: &[ReadSheet]) -> Option<String> {
    let filled = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count() >= 2;
    let (_, rows) = sheets.iter().find(|(_, rows)| rows.iter().any(filled))?;
    let mut out = String::from('\u{feff}');
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| csv_cell(c)).collect();
        push_row(&mut out, &cells);
    }
    Some(out)
}

/// The table of sheets read back from a workbook, as CSV text for the import, and the number of
/// records before the register's header (subtract it from a problem's row to get the row on the
/// register sheet). The register is the first sheet with an `id` column (`编号 [id]` or `id`);
/// the file block is a sheet whose first column holds `… [format]`. `None` when no sheet has an
/// `id` column.
pub fn csv_from_sheets(sheets: &[ReadSheet]) -> Option<(String, usize)> {
    let has_id = |rows: &Vec<Vec<String>>| {
        rows.iter()
            .any(|r| r.iter().any(|c| column_path(c) == "id"))
    };
    let register = sheets.iter().position(|(_, rows)| has_id(rows))?;
    let file = sheets.iter().enumerate().find(|(i, (_, rows))| {
        *i != register
            && !has_id(rows)
            && rows
                .iter()
                .any(|r| r.first().is_some_and(|c| column_path(c) == "format"))
    });
    let mut out = String::from('\u{feff}');
    let mut before = 0;
    let line = |out: &mut String, r: &[String]| {
        let cells: Vec<String> = r.iter().map(|c| csv_cell(c)).collect();
        // push_row quotes and neutralises formulas; csv_cell already guarded them, so the
        // apostrophe it would add is the same one.
        push_row(out, &cells);
    };
    if let Some((_, (_, rows))) = file {
        for r in rows.iter().filter(|r| !r.is_empty()) {
            line(&mut out, r);
            before += 1;
        }
        out.push_str("\r\n");
        before += 1;
    }
    for r in &sheets[register].1 {
        line(&mut out, r);
    }
    Some((out, before))
}

/// Bytes of an .xlsx file: the register's workbook ([`workbook`]) in its container.
pub fn xlsx(register: &Register, lang: Lang) -> Vec<u8> {
    super::xlsx::write(&workbook(register, lang))
}
