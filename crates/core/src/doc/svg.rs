//! A [`Chart`] as inline SVG: horizontal bars, each with its name above it and its value beside
//! it (direct labels, so the chart reads the same in grey); a progress chart marks the target
//! (100 %) with a line and hatches any part past it. Each bar carries the exact number it draws
//! (`data-value`); the SVG is named by its `<title>`. Texts are escaped as everywhere in `html`.

use super::escape_into;
use super::Chart;

/// Width of the drawing (SVG user units; the SVG scales to the page): room for the longest bar and
/// a progress text such as "98.3% · 196,666.67 / 200,000 吨" past it.
const WIDTH: f64 = 720.0;
/// Longest bar: room is left on its right for the value's text.
const BAR_MAX: f64 = 440.0;
/// Bars start a little in, so that a zero bar still has its left edge visible.
const LEFT: f64 = 4.0;
/// One row: the name on a line of its own (names can be long), the bar and its value under it.
/// The most characters of a bar's name drawn as its label; a longer one is cut with an ellipsis.
const LABEL_MAX: usize = 40;
const ROW: f64 = 40.0;

/// A number as an SVG attribute, exact (Rust writes no exponent); never `-0`.
fn n(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else {
        x.to_string()
    }
}

/// `<figure class="chart">`, its visible title and the SVG; the caller closes the figure after
/// the table alternative.
pub(crate) fn chart(c: &Chart) -> String {
    let mut o = String::new();
    let id = &c.id;
    let largest = c.bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let scale = if c.progress {
        largest.max(100.0)
    } else {
        largest
    };
    // Width of a value; zero for a zero scale or a negative value (its text still says it).
    let width = |v: f64| {
        if scale > 0.0 {
            v.max(0.0) / scale * BAR_MAX
        } else {
            0.0
        }
    };
    let height = ROW * c.bars.len() as f64 + 8.0;
    o.push_str("<figure class=\"chart\"><p class=\"chart__title\" aria-hidden=\"true\">");
    escape_into(&mut o, &c.title);
    o.push_str("</p><svg id=\"");
    escape_into(&mut o, id);
    o.push_str("\" class=\"chart__svg\" role=\"img\" aria-labelledby=\"");
    escape_into(&mut o, id);
    o.push_str(&format!(
        "-title\" viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"",
        n(WIDTH),
        n(height)
    ));
    escape_into(&mut o, id);
    o.push_str("-title\">");
    escape_into(&mut o, &c.title);
    o.push_str("</title>");
    if let Some(d) = &c.description {
        o.push_str("<desc>");
        escape_into(&mut o, d);
        o.push_str("</desc>");
    }
    // The hatch pattern is the chart's own: a pattern in a hidden part of the page (the screen's
    // chart while the report prints) does not paint.
    let hatch = format!("{id}-hatch");
    if c.progress {
        o.push_str("<defs><pattern id=\"");
        escape_into(&mut o, &hatch);
        o.push_str("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect class=\"chart__hatch-bg\" width=\"6\" height=\"6\"></rect><line class=\"chart__hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"></line></pattern></defs>");
    }
    // A progress value's text starts past the target line, so that the line never crosses it.
    let text_at = if c.progress { width(100.0) } else { 0.0 };
    for (i, b) in c.bars.iter().enumerate() {
        let top = ROW * i as f64;
        let w = width(b.value);
        o.push_str(&format!(
            "<g class=\"chart__row\"><text class=\"chart__label\" x=\"{}\" y=\"{}\">",
            n(LEFT),
            n(top + 14.0)
        ));
        // A long name is cut (the whole name is its title): the label stays within the chart.
        match b.name.chars().count() > LABEL_MAX {
            true => {
                let cut: String = b.name.chars().take(LABEL_MAX - 1).collect();
                o.push_str("<title>");
                escape_into(&mut o, &b.name);
                o.push_str("</title>");
                escape_into(&mut o, &cut);
                o.push('…');
            }
            false => escape_into(&mut o, &b.name),
        }
        o.push_str("</text><rect class=\"chart__bar\" data-key=\"");
        escape_into(&mut o, &b.key);
        o.push_str(&format!(
            "\" data-value=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\"></rect>",
            b.value,
            n(LEFT),
            n(top + 18.0),
            n(w)
        ));
        if c.progress && b.value > 100.0 {
            let from = LEFT + width(100.0);
            o.push_str("<rect class=\"chart__over\" fill=\"url(#");
            escape_into(&mut o, &hatch);
            o.push_str(&format!(
                ")\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\"></rect>",
                n(from),
                n(top + 18.0),
                n(LEFT + w - from)
            ));
        }
        o.push_str(&format!(
            "<text class=\"chart__value\" x=\"{}\" y=\"{}\">",
            n(LEFT + text_at.max(w) + 6.0),
            n(top + 30.0)
        ));
        escape_into(&mut o, &b.text);
        o.push_str("</text></g>");
    }
    if c.progress {
        let x = n(LEFT + width(100.0));
        o.push_str(&format!(
            "<line class=\"chart__target\" x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\"></line>",
            n(height)
        ));
    }
    o.push_str("</svg>");
    o
}
