//! A [`Table`] as CSV (RFC 4180, rows ending in CR LF): the header row from the columns'
//! headers, then one record per row. A text is quoted when it must be, and one a spreadsheet would
//! run as a formula is prefixed with an apostrophe ([`cell`]); a number is written in full
//! ([`num`]: nine significant digits, no grouping), not at the column's rounding, which is for
//! people reading a page; a count as it is; a blank or a meter's cell empty except the meter's
//! percentage. The caption is not written: a CSV is the table alone.

use super::{Cell, Column, Row, Table};
use crate::trail::num_into;

/// One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is
/// prefixed with an apostrophe.
pub fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// [`cell`] written onto `out`; text that needs no quoting is copied without a new String (a
/// register has tens of thousands of rows).
fn push_cell(out: &mut String, s: &str) {
    // `cell` changes exactly the text that starts with one of these or holds one of those (all
    // ASCII, so looking at bytes finds the same characters, and faster).
    let special_start = matches!(
        s.bytes().next(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if special_start || s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push_str(&cell(s));
    } else {
        out.push_str(s);
    }
}

/// The header row onto `out`: each column's header.
pub fn header_into(out: &mut String, columns: &[Column]) {
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, &c.header);
    }
    out.push_str("\r\n");
}

/// One row onto `out`.
pub fn row_into(out: &mut String, r: &Row) {
    for (i, c) in r.cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match c {
            Cell::Text(s) => push_cell(out, s),
            Cell::Named(name, id) => push_cell(out, &format!("{name} {id}")),
            Cell::Num(v) => num_into(out, *v),
            Cell::Count(n) => out.push_str(&n.to_string()),
            Cell::Meter(p) => out.push_str(&super::percent(*p)),
            Cell::Blank => {}
        }
    }
    out.push_str("\r\n");
}

/// The table as CSV onto `out`.
pub fn table_into(out: &mut String, t: &Table) {
    header_into(out, &t.columns);
    for r in &t.rows {
        row_into(out, r);
    }
}

/// The table as CSV.
pub fn table(t: &Table) -> String {
    let mut out = String::new();
    table_into(&mut out, t);
    out
}
