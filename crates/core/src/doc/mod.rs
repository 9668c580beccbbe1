//! Every report as one document, built once here and drawn by each medium (as numbat does with
//! its `Markup`): a [`Document`] is structured content in the user's language — headings,
//! paragraphs, notes, labelled tables whose columns carry their unit and rounding, key–value
//! blocks, charts as data, a sign-off block — with a running title and, when any coefficient it
//! rests on is unverified, a status banner. [`html`] renders it (everything escaped, no script,
//! no inline style or handler: the app's CSP is unchanged; charts as SVG with a table of the
//! same numbers), [`text`] as plain text, and [`csv`] renders a table as CSV.
//!
//! Builders, one per report: [`county`] (the county report), [`estimate`] (one project),
//! [`appendix`] (the coefficients used), [`summary`] (the summary screen's read-only parts),
//! [`text_report`] (the listing `jianpai report --format text` prints) and [`results`] (the
//! register with results, the report CSV's table).
//! [`totals_keys`] is the one rule for which rows a totals table lists.

pub mod county;
pub mod csv;
pub mod estimate;
pub mod html;
pub mod plan;
pub mod results;
mod svg;
pub mod text;
pub mod text_report;

pub use county::{county, summary, summary_parts, Options};
pub use estimate::estimate;

use crate::bulletin::grouped;
use crate::factors::FactorUse;
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::report::{ProjectResult, Report};
use crate::status::Status;
use crate::trail::num;

/// The stylesheet of a printed document (A4, the register's page, rows never cut, the running
/// title and page numbers): the app links it, and a saved document carries it inline.
pub const STYLE: &str = include_str!("../../data/doc.css");

/// Which report a document is: it names its page style (running title) and its root class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The county report (`jp-doc--report`).
    Report,
    /// One project's estimate (`jp-doc--estimate`).
    Estimate,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Estimate => "estimate",
        }
    }
}

/// A whole printable document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub kind: Kind,
    pub lang: Lang,
    /// The running title printed on every page.
    pub running_title: String,
    /// Whether a coefficient it uses is unverified: every page then says it is for estimation.
    pub unverified: bool,
    pub blocks: Vec<Block>,
}

/// One part of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// `level` 1–4.
    Heading {
        level: u8,
        text: String,
        class: &'static str,
    },
    Paragraph {
        text: String,
        id: Option<String>,
        class: &'static str,
    },
    /// A quoted paragraph (the bulletin on screen).
    Quote {
        text: String,
        id: Option<String>,
    },
    /// A boxed note with a heading, an introduction and items (possible double counting).
    Note {
        id: Option<String>,
        heading: String,
        intro: String,
        items: Vec<Item>,
    },
    List {
        ordered: bool,
        class: &'static str,
        items: Vec<Item>,
    },
    Table(Table),
    /// Label–value pairs, `per_row` pairs to a table row.
    Pairs {
        caption: String,
        class: &'static str,
        per_row: usize,
        pairs: Vec<(String, String)>,
    },
    Chart(Chart),
    /// The lines to fill in by hand: who prepared, checked and stamped the document.
    SignOff {
        heading: String,
        lines: Vec<String>,
    },
    /// A titled part of the document (`class` names it for the page style).
    Section {
        id: Option<String>,
        class: &'static str,
        blocks: Vec<Block>,
    },
}

/// An item of a list or note: its text, then an optional code (a formula substituted, an id),
/// the text after it, and further lines (the last one in a span of class `last_class`); `data-`
/// attributes name what it is about.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Item {
    pub text: String,
    pub code: Option<String>,
    pub after: String,
    pub lines: Vec<String>,
    pub last_class: &'static str,
    pub data: Vec<(&'static str, String)>,
}

impl Item {
    pub fn text(text: impl Into<String>) -> Item {
        Item {
            text: text.into(),
            ..Item::default()
        }
    }
}

/// A labelled table: columns with their unit and rounding, rows that are never split.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    pub id: Option<String>,
    pub class: &'static str,
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// On a screen, the table scrolls inside its own box.
    pub scroll: bool,
}

/// A column: its header, its unit (printed under the header), whether its first cell heads the
/// row, and for numbers the decimals shown and whether zero is left blank.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Column {
    pub header: String,
    pub unit: Option<String>,
    pub numeric: bool,
    pub decimals: usize,
    pub zero_blank: bool,
    pub row_header: bool,
    pub class: &'static str,
}

impl Column {
    /// A column of text.
    pub fn text(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            ..Column::default()
        }
    }

    /// The first column, whose cells head their rows.
    pub fn head(header: impl Into<String>) -> Column {
        Column {
            row_header: true,
            ..Column::text(header)
        }
    }

    /// A column of quantities at two decimals ("1,234.5"), the report's rounding.
    pub fn amount(header: impl Into<String>) -> Column {
        Column {
            numeric: true,
            decimals: 2,
            ..Column::text(header)
        }
    }

    pub fn unit(mut self, unit: impl Into<String>) -> Column {
        let unit = unit.into();
        self.unit = (!unit.is_empty()).then_some(unit);
        self
    }

    pub fn zero_blank(mut self) -> Column {
        self.zero_blank = true;
        self
    }

    pub fn class(mut self, class: &'static str) -> Column {
        self.class = class;
        self
    }
}

/// One row: its cells in column order, `data-` attributes naming what it is about, and the
/// ids of cells that a screen names (by column).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Row {
    pub data: Vec<(&'static str, String)>,
    pub cells: Vec<Cell>,
    pub ids: Vec<(usize, String)>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            ..Row::default()
        }
    }

    pub fn id(mut self, column: usize, id: impl Into<String>) -> Row {
        self.ids.push((column, id.into()));
        self
    }

    pub fn data(mut self, name: &'static str, value: impl Into<String>) -> Row {
        self.data.push((name, value.into()));
        self
    }
}

/// A cell's content. A number is rounded as its column says.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A name followed by an id in code type ("Raw coal `tce.raw_coal`").
    Named(String, String),
    Num(f64),
    /// A whole number (a count), never rounded.
    Count(usize),
    /// A percentage of a target, drawn on a screen as a meter and printed as "98.3%".
    Meter(f64),
    Blank,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A quantity, or blank when there is none.
    pub fn opt(v: Option<f64>) -> Cell {
        v.map_or(Cell::Blank, Cell::Num)
    }
}

/// A bar chart as data: its bars with their values and the texts beside them, and a table of
/// the same numbers. `progress` charts are percentages of a target, with the 100 % mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub progress: bool,
    pub bars: Vec<Bar>,
    /// What the drawing's marks mean (the target line), for screen readers.
    pub description: Option<String>,
    /// The table alternative, and the words of its disclosure.
    pub table: Table,
    pub table_label: String,
}

/// One bar: its key (`data-key`), its name, the number drawn and the text beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub key: String,
    pub name: String,
    pub value: f64,
    pub text: String,
}

/// The one rule for the rows of a totals table, on every screen and paper: each key with a
/// full-year reduction, and each key with a target (a pollutant with a target and nothing
/// reduced yet is shown, with its zero), in report order.
pub fn totals_keys(r: &Report) -> impl Iterator<Item = Key> + '_ {
    Key::ALL
        .into_iter()
        .filter(move |k| r.full_year_totals[*k] != 0.0 || r.progress.iter().any(|p| p.key == *k))
}

/// A quantity as every report writes it: grouped thousands, two decimals, trailing zeros off.
pub fn quantity(x: f64) -> String {
    grouped(x, 2)
}

/// A percentage of a target, one decimal ("98.3%").
pub fn percent(pct: f64) -> String {
    format!("{pct:.1}%")
}

/// A coefficient's value with its unit ("12.5 kg/t"); a pure number (`-`) has none.
pub fn value_with_unit(x: f64, unit: &str) -> String {
    if unit == "-" || unit.is_empty() {
        num(x)
    } else {
        format!("{} {unit}", num(x))
    }
}

/// A status as printed: an unverified one carries ⚠.
pub fn status_text(s: Status, l: Lang) -> String {
    match s {
        Status::Unverified => format!("⚠ {}", s.text(l)),
        Status::Official | Status::Secondary => s.text(l).to_owned(),
    }
}

/// "label：value" / "label: value".
pub(crate) fn labelled(l: Lang, label: &str, value: &str) -> String {
    match l {
        Lang::Zh => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// Every coefficient the results use, once per id and value in force (an override makes a second
/// row), in the order first used.
pub fn unique_factors<'a>(results: impl Iterator<Item = &'a ProjectResult>) -> Vec<FactorUse> {
    let mut out: Vec<FactorUse> = Vec::new();
    for f in results.flat_map(|r| r.trail.iter().flat_map(|e| e.factors.iter())) {
        let seen = out
            .iter()
            .any(|o| o.id == f.id && o.value == f.value && o.override_note == f.override_note);
        if !seen {
            out.push(f.clone());
        }
    }
    out
}

/// The banner of a document resting on an unverified coefficient.
pub fn unverified_banner(l: Lang) -> &'static str {
    l.pick(
        "含未核实系数，仅供测算",
        "Contains unverified coefficients — for estimation only",
    )
}

/// The coefficient appendix: each coefficient used with its value in force, status and formal
/// citation (`Factor::citation`, in the document's language).
pub fn appendix(factors: &[FactorUse], l: Lang) -> Table {
    let rows = factors
        .iter()
        .map(|f| {
            Row::new(vec![
                Cell::Named(f.name(l).to_owned(), f.id.clone()),
                Cell::text(value_with_unit(f.value, &f.unit)),
                Cell::text(status_text(f.status, l)),
                // The short formal citation; the research notes stay in docs/methodology.md.
                Cell::text(f.citation(l).to_owned()),
            ])
        })
        .collect();
    Table {
        class: "print-doc__coefficients",
        columns: vec![
            Column::head(l.pick("系数", "Coefficient")),
            Column::text(l.pick("数值", "Value")).class("num"),
            Column::text(l.pick("状态", "Status")),
            Column::text(l.pick("来源", "Source")),
        ],
        rows,
        ..Table::default()
    }
}

/// Text as HTML character data or a quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// The longest run of characters with no break opportunity that text is written with: past it,
/// a `<wbr>` lets the line break, so an abuse-length name (a 10,000-letter township) wraps
/// instead of widening the page, while every real word (far shorter) stays whole.
pub const LONGEST_UNBROKEN: usize = 16;

/// Text as HTML character data ([`escape_into`]), with a `<wbr>` after every
/// [`LONGEST_UNBROKEN`] characters of one run with no space and no CJK character (CJK text
/// breaks between its characters anyway).
pub fn text_into(out: &mut String, s: &str) {
    let breaks = |c: char| {
        c.is_whitespace()
            || matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
    };
    let mut run = 0;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        run = if breaks(c) { 0 } else { run + 1 };
        if run > LONGEST_UNBROKEN {
            out.push_str("<wbr>");
            run = 1;
        }
        escape_into(out, c.encode_utf8(&mut buf));
    }
}

pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_carries_its_unit_unless_it_is_a_pure_number() {
        assert_eq!(value_with_unit(12.5, "kg/t"), "12.5 kg/t");
        assert_eq!(value_with_unit(0.8, "-"), "0.8");
        assert_eq!(quantity(1234.5), "1,234.50");
        assert_eq!(quantity(2.0), "2");
        assert_eq!(percent(98.26), "98.3%");
        assert!(status_text(Status::Unverified, Lang::Zh).starts_with("⚠ "));
        assert!(!status_text(Status::Secondary, Lang::Zh).contains('⚠'));
    }
}
