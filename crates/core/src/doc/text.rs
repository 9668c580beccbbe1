//! A [`Document`] as plain text, as [`super::html`] renders it as HTML: what `jianpai report
//! --format text` prints. Plain text has no pages, so no running title; a document resting on an
//! unverified coefficient starts with the banner. The rules, one per block:
//! - a level-1 heading, a paragraph or a quote is a line;
//! - a heading of level 2 and below is `== text ==` (no space before the closing `==` after a
//!   full-width bracket, which carries its own space: `== 合计（计入当年）==`);
//! - a list item is a line (its text, code and the text after it), each further line of it
//!   indented by two spaces;
//! - sections are separated by one empty line (none after the last);
//! - a table is its caption, then one line per row of its cells separated by a tab, numbers at the
//!   column's decimals (the header first, each with its unit in brackets); a chart is its table;
//!   label–value pairs are `label：value` lines; a sign-off block is its heading and `label：` lines;
//!   a note is its heading, its introduction and its items marked `⚠`.

use super::{labelled, Block, Cell, Column, Document, Item, Table};
use crate::bulletin::grouped;
use crate::lang::Lang;

/// The document as text, every line ending in `\n`.
pub fn document(d: &Document) -> String {
    let mut o = String::new();
    if d.unverified {
        o.push_str("⚠ ");
        o.push_str(super::unverified_banner(d.lang));
        o.push_str("\n\n");
    }
    blocks_into(&mut o, &d.blocks, d.lang);
    o
}

fn line(o: &mut String, s: &str) {
    o.push_str(s);
    o.push('\n');
}

fn blocks_into(o: &mut String, list: &[Block], l: Lang) {
    for (i, b) in list.iter().enumerate() {
        if i > 0 && matches!(b, Block::Section { .. }) {
            o.push('\n');
        }
        block(o, b, l);
    }
}

/// `== text ==`, or `== text==` after a closing full-width bracket.
fn heading(o: &mut String, text: &str) {
    o.push_str("== ");
    o.push_str(text);
    if !text.ends_with(['）', '】', '」', '》']) {
        o.push(' ');
    }
    o.push_str("==\n");
}

fn items(o: &mut String, list: &[Item], mark: &str) {
    for it in list {
        o.push_str(mark);
        o.push_str(&it.text);
        if let Some(code) = &it.code {
            o.push_str(code);
        }
        o.push_str(&it.after);
        o.push('\n');
        for l in &it.lines {
            o.push_str("  ");
            line(o, l);
        }
    }
}

fn block(o: &mut String, b: &Block, l: Lang) {
    match b {
        Block::Heading { level: 1, text, .. } => line(o, text),
        Block::Heading { text, .. } => heading(o, text),
        Block::Paragraph { text, .. } | Block::Quote { text, .. } => line(o, text),
        Block::Note {
            heading: h,
            intro,
            items: list,
            ..
        } => {
            heading(o, h);
            line(o, intro);
            items(o, list, "⚠ ");
        }
        Block::List { items: list, .. } => items(o, list, ""),
        Block::Table(t) => table(o, t),
        Block::Pairs { caption, pairs, .. } => {
            line(o, caption);
            for (k, v) in pairs {
                line(o, &labelled(l, k, v));
            }
        }
        Block::Chart(c) => {
            line(o, &c.title);
            table(o, &c.table);
        }
        Block::SignOff { heading: h, lines } => {
            heading(o, h);
            for s in lines {
                line(o, &labelled(l, s, ""));
            }
        }
        Block::Section { blocks, .. } => blocks_into(o, blocks, l),
    }
}

fn header(c: &Column) -> String {
    match &c.unit {
        Some(u) => format!("{} ({u})", c.header),
        None => c.header.clone(),
    }
}

fn table(o: &mut String, t: &Table) {
    if let Some(c) = &t.caption {
        line(o, c);
    }
    let head: Vec<String> = t.columns.iter().map(header).collect();
    line(o, &head.join("\t"));
    let plain = Column::default();
    for r in &t.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let col = t.columns.get(i).unwrap_or(&plain);
                match cell {
                    Cell::Text(s) => s.clone(),
                    Cell::Named(name, id) => format!("{name} {id}"),
                    Cell::Num(v) if col.zero_blank && *v == 0.0 => String::new(),
                    Cell::Num(v) => grouped(*v, if col.numeric { col.decimals } else { 2 }),
                    Cell::Count(n) => n.to_string(),
                    Cell::Meter(p) => super::percent(*p),
                    Cell::Blank => String::new(),
                }
            })
            .collect();
        line(o, &cells.join("\t"));
    }
}
