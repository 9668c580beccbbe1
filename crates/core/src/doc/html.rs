//! A [`Document`] as HTML. Every text is escaped (a name such as `<script>` or `"><img onerror>`
//! prints as those characters); the markup has no script, no event handler and no `style`
//! attribute, so the app's Content-Security-Policy admits it as it is (classes only; the look is
//! `data/doc.css`). [`document`] gives the element the app prints; [`standalone`] the same element
//! in a whole page with the stylesheet inline, which a browser prints and Word or WPS open.

use super::svg;
pub use super::{escape, escape_into, text_into};
use super::{percent, Block, Cell, Column, Document, Item, Row, Table, STYLE};
use crate::bulletin::grouped;
use crate::lang::Lang;

/// The document's root element (`<article class="jp-doc …">`), as the app shows it.
pub fn document(d: &Document) -> String {
    let mut o = String::new();
    let kind = d.kind.code();
    o.push_str(&format!(
        "<article class=\"jp-doc jp-doc--{kind}{}\" lang=\"{}\">",
        if d.unverified {
            " jp-doc--unverified"
        } else {
            ""
        },
        d.lang.tag()
    ));
    // The running title and the banner head the document; print repeats them on every page
    // (data/doc.css: the page's margin boxes).
    o.push_str("<p class=\"jp-doc__running\">");
    escape_into(&mut o, &d.running_title);
    o.push_str("</p>");
    if d.unverified {
        o.push_str("<p class=\"jp-doc__banner\" role=\"note\">⚠ ");
        escape_into(&mut o, super::unverified_banner(d.lang));
        o.push_str("</p>");
    }
    blocks_into(&mut o, &d.blocks, d.lang);
    o.push_str("</article>");
    o
}

/// The document as one self-contained page: `<!doctype html>`, its title, the stylesheet inline,
/// the document as its body. Nothing is loaded from anywhere.
pub fn standalone(d: &Document) -> String {
    let mut o = String::from("<!doctype html>\n");
    o.push_str(&format!(
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
        d.lang.tag()
    ));
    escape_into(&mut o, &d.running_title);
    o.push_str("</title>\n<style>\n");
    o.push_str(STYLE);
    o.push_str("</style>\n</head>\n<body>\n");
    o.push_str(&document(d));
    o.push_str("\n</body>\n</html>\n");
    o
}

/// Blocks without a document around them (the summary screen's parts).
pub fn blocks(list: &[Block], l: Lang) -> String {
    let mut o = String::new();
    blocks_into(&mut o, list, l);
    o
}

fn attr(o: &mut String, name: &str, value: Option<&str>) {
    if let Some(v) = value {
        o.push(' ');
        o.push_str(name);
        o.push_str("=\"");
        escape_into(o, v);
        o.push('"');
    }
}

fn class(o: &mut String, c: &str) {
    attr(o, "class", (!c.is_empty()).then_some(c));
}

fn blocks_into(o: &mut String, list: &[Block], l: Lang) {
    for b in list {
        block(o, b, l);
    }
}

fn block(o: &mut String, b: &Block, l: Lang) {
    match b {
        Block::Heading {
            level,
            text,
            class: c,
        } => {
            let level = (*level).clamp(1, 4);
            o.push_str(&format!("<h{level}"));
            class(o, c);
            o.push('>');
            text_into(o, text);
            o.push_str(&format!("</h{level}>"));
        }
        Block::Paragraph { text, id, class: c } => {
            o.push_str("<p");
            attr(o, "id", id.as_deref());
            class(o, c);
            o.push('>');
            text_into(o, text);
            o.push_str("</p>");
        }
        Block::Quote { text, id } => {
            o.push_str("<blockquote");
            attr(o, "id", id.as_deref());
            o.push_str(" class=\"portfolio-summary__bulletin\">");
            escape_into(o, text);
            o.push_str("</blockquote>");
        }
        Block::Note {
            id,
            heading,
            intro,
            items,
        } => {
            o.push_str("<section");
            attr(o, "id", id.as_deref());
            o.push_str(" class=\"portfolio-summary__overlaps\" role=\"note\"><h3>⚠ ");
            escape_into(o, heading);
            o.push_str("</h3><p>");
            escape_into(o, intro);
            o.push_str("</p>");
            list(o, false, "", items);
            o.push_str("</section>");
        }
        Block::List {
            ordered,
            class: c,
            items,
        } => list(o, *ordered, c, items),
        Block::Table(t) => table(o, t),
        Block::Pairs {
            caption,
            class: c,
            per_row,
            pairs,
        } => {
            o.push_str("<table");
            class(o, &format!("print-doc__pairs {c}"));
            o.push_str("><caption>");
            escape_into(o, caption);
            o.push_str("</caption><tbody>");
            for chunk in pairs.chunks((*per_row).max(1)) {
                o.push_str("<tr>");
                for (k, v) in chunk {
                    o.push_str("<th scope=\"row\">");
                    text_into(o, k);
                    o.push_str("</th><td>");
                    text_into(o, v);
                    o.push_str("</td>");
                }
                o.push_str("</tr>");
            }
            o.push_str("</tbody></table>");
        }
        Block::Chart(c) => {
            o.push_str(&svg::chart(c));
            // The table alternative, behind a disclosure on a screen (hidden in print: the
            // bars carry their numbers as direct labels).
            o.push_str("<figcaption><details class=\"chart__table\"><summary>");
            escape_into(o, &c.table_label);
            o.push_str("</summary>");
            table(o, &c.table);
            o.push_str("</details></figcaption></figure>");
        }
        Block::SignOff { heading, lines } => {
            o.push_str("<section class=\"jp-doc__signoff\"><h2>");
            escape_into(o, heading);
            o.push_str("</h2><table class=\"jp-doc__signoff-table\"><tbody>");
            for line in lines {
                o.push_str("<tr><th scope=\"row\">");
                escape_into(o, line);
                o.push_str("</th><td></td></tr>");
            }
            o.push_str("</tbody></table></section>");
        }
        Block::Section {
            id,
            class: c,
            blocks,
        } => {
            o.push_str("<section");
            attr(o, "id", id.as_deref());
            class(o, c);
            o.push('>');
            blocks_into(o, blocks, l);
            o.push_str("</section>");
        }
    }
}

fn list(o: &mut String, ordered: bool, c: &str, items: &[Item]) {
    let tag = if ordered { "ol" } else { "ul" };
    o.push('<');
    o.push_str(tag);
    class(o, c);
    o.push('>');
    for it in items {
        o.push_str("<li");
        for (name, value) in &it.data {
            attr(o, &format!("data-{name}"), Some(value));
        }
        o.push('>');
        text_into(o, &it.text);
        if let Some(code) = &it.code {
            o.push_str("<code>");
            escape_into(o, code);
            o.push_str("</code>");
        }
        escape_into(o, &it.after);
        for (i, line) in it.lines.iter().enumerate() {
            o.push_str("<br>");
            if i + 1 == it.lines.len() && !it.last_class.is_empty() {
                o.push_str("<span");
                class(o, it.last_class);
                o.push('>');
                escape_into(o, line);
                o.push_str("</span>");
            } else {
                escape_into(o, line);
            }
        }
        o.push_str("</li>");
    }
    o.push_str("</");
    o.push_str(tag);
    o.push('>');
}

fn table(o: &mut String, t: &Table) {
    if t.scroll {
        o.push_str("<div class=\"table-scroll\" tabindex=\"0\">");
    }
    o.push_str("<table");
    attr(o, "id", t.id.as_deref());
    class(o, t.class);
    o.push('>');
    if let Some(c) = &t.caption {
        o.push_str("<caption>");
        escape_into(o, c);
        o.push_str("</caption>");
    }
    o.push_str("<thead><tr>");
    for c in &t.columns {
        o.push_str("<th scope=\"col\"");
        class(o, &column_class(c));
        o.push('>');
        escape_into(o, &c.header);
        if let Some(u) = &c.unit {
            o.push_str("<br>(");
            escape_into(o, u);
            o.push(')');
        }
        o.push_str("</th>");
    }
    o.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        row(o, r, &t.columns);
    }
    o.push_str("</tbody></table>");
    if t.scroll {
        o.push_str("</div>");
    }
}

/// A column's name as a card shows it beside a cell: its header and unit (`COD (t/a)`); `None`
/// for a column without a header.
fn column_label(c: &Column) -> Option<String> {
    let h = c.header.trim();
    match (&c.unit, h.is_empty()) {
        (_, true) => None,
        (Some(u), false) => Some(format!("{h} ({u})")),
        (None, false) => Some(h.to_owned()),
    }
}

fn column_class(c: &Column) -> String {
    match (c.numeric, c.class) {
        (true, "") => "num".into(),
        (true, x) => format!("num {x}"),
        (false, x) => x.into(),
    }
}

fn row(o: &mut String, r: &Row, columns: &[Column]) {
    o.push_str("<tr");
    for (name, value) in &r.data {
        attr(o, &format!("data-{name}"), Some(value));
    }
    o.push('>');
    let plain = Column::default();
    for (i, cell) in r.cells.iter().enumerate() {
        let col = columns.get(i).unwrap_or(&plain);
        let tag = if col.row_header { "th" } else { "td" };
        o.push('<');
        o.push_str(tag);
        if col.row_header {
            o.push_str(" scope=\"row\"");
        }
        let id = r
            .ids
            .iter()
            .find(|(c, _)| *c == i)
            .map(|(_, id)| id.as_str());
        attr(o, "id", id);
        let mut c = column_class(col);
        if matches!(cell, Cell::Meter(_)) {
            c = "portfolio-summary__progress".into();
        }
        // A text too long to keep on one line may wrap even in a column that keeps short ones whole.
        if let Cell::Text(s) | Cell::Named(s, _) = cell {
            if s.chars().count() > super::LONGEST_UNBROKEN {
                c = if c.is_empty() {
                    "doc-long".into()
                } else {
                    format!("{c} doc-long")
                };
            }
        }
        class(o, &c);
        // A phone lays each row out as a card, each cell with its column's name before it
        // (`td::before { content: attr(data-label) }` in the app's style; printing ignores it).
        if !col.row_header {
            attr(o, "data-label", column_label(col).as_deref());
        }
        o.push('>');
        match cell {
            Cell::Text(s) => text_into(o, s),
            Cell::Named(name, id) => {
                text_into(o, name);
                o.push_str(" <code>");
                escape_into(o, id);
                o.push_str("</code>");
            }
            Cell::Num(v) if col.zero_blank && *v == 0.0 => {}
            Cell::Num(v) => {
                escape_into(o, &grouped(*v, if col.numeric { col.decimals } else { 2 }))
            }
            Cell::Count(n) => o.push_str(&n.to_string()),
            Cell::Meter(pct) => {
                o.push_str(&format!(
                    "<progress max=\"100\" value=\"{}\"></progress><span class=\"portfolio-summary__pct\">{}</span>",
                    pct.clamp(0.0, 100.0),
                    percent(*pct)
                ));
            }
            Cell::Blank => {}
        }
        o.push_str("</");
        o.push_str(tag);
        o.push('>');
    }
    o.push_str("</tr>");
}
