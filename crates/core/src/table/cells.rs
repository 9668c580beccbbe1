//! CSV text split into records of cells (RFC 4180: quoted cells may hold commas, quotes and
//! line breaks); the apostrophe guard the export puts before text a spreadsheet would run as a
//! formula or change (a date, an id losing its zeros or digits), and the import takes away.

/// Why the text is not CSV.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UnclosedQuote {
    /// The record (1-based) whose quoted cell never closes.
    pub row: usize,
}

/// The records of `text` (a leading BOM dropped), each a list of cells. Line ends may be CRLF,
/// LF or CR. A trailing line end does not make an empty record.
pub fn records(text: &str) -> Result<Vec<Vec<String>>, UnclosedQuote> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    // Whether the current record has anything in it (so that a final line end ends it).
    let mut started = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                quoted = true;
                started = true;
            }
            ',' => {
                row.push(std::mem::take(&mut cell));
                started = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                out.push(std::mem::take(&mut row));
                started = false;
            }
            _ => {
                cell.push(c);
                started = true;
            }
        }
    }
    if quoted {
        return Err(UnclosedQuote { row: out.len() + 1 });
    }
    if started {
        row.push(cell);
        out.push(row);
    }
    Ok(out)
}

/// Whether a spreadsheet opening `s` in a cell would keep something else: a number that loses its
/// leading zeros (`0012` → 12) or its digits (an id of 12 or more digits, shown and saved as
/// `3.30102199001011E+17`), an exponent (`1e5`), a date (`3/4`, `2026-3-4`, `4-Mar`), a time
/// (`9:30`) or a percentage (`5%`).
pub fn spreadsheet_would_convert(s: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if digits(s) {
        return (s.len() >= 2 && s.starts_with('0')) || s.len() >= 12;
    }
    if let Some((m, e)) = s.split_once(['e', 'E']) {
        let m_ok = match m.split_once('.') {
            Some((a, b)) => digits(a) && (b.is_empty() || digits(b)),
            None => digits(m),
        };
        if m_ok && digits(e.trim_start_matches(['+', '-'])) {
            return true;
        }
    }
    if let Some(n) = s.strip_suffix('%') {
        if digits(&n.replacen('.', "", 1)) {
            return true;
        }
    }
    looks_like_date(s)
}

/// `3/4`, `2026/3/4`, `03/04/26`, `2026-03-04`, `4-Mar`, `Mar-26`, `9:30`, `3月4日`: what a
/// spreadsheet reads (or has written) as a date or a time.
pub fn looks_like_date(s: &str) -> bool {
    let digits = |p: &str, max: usize| {
        !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
    };
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = |p: &str| {
        let p = p.to_ascii_lowercase();
        p.len() >= 3 && MONTHS.iter().any(|m| p.starts_with(m))
    };
    for sep in ['/', '-'] {
        let parts: Vec<&str> = s.split(sep).collect();
        match parts.as_slice() {
            [a, b] if digits(a, 4) && digits(b, 4) => return true,
            [a, b, c] if digits(a, 4) && digits(b, 2) && digits(c, 4) => return true,
            [a, b] if (digits(a, 4) && month(b)) || (month(a) && digits(b, 4)) => return true,
            _ => {}
        }
    }
    if let Some((h, m)) = s.split_once(':') {
        let m = m.split_once(':').map_or(m, |(m, _)| m);
        if digits(h, 2) && m.len() == 2 && digits(m, 2) {
            return true;
        }
    }
    let rest = match s.split_once('年') {
        Some((y, rest)) if digits(y, 4) => rest,
        Some(_) => return false,
        None => s,
    };
    match rest.strip_suffix('日').and_then(|r| r.split_once('月')) {
        Some((m, d)) => digits(m, 2) && digits(d, 2),
        None => false,
    }
}

/// A date as a spreadsheet writes one back after turning a text into it (`2026/3/4`, `03/04/26`,
/// `2026-03-04`, `4-Mar`, `Mar-26`, `3月4日`, `2026年3月4日`): stricter than [`looks_like_date`],
/// which also takes what people type (`3/4`), so that the import warns about what is likely damage.
pub fn written_as_date(s: &str) -> bool {
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    for sep in ['/', '-', '.'] {
        if let [a, b, c] = s.split(sep).collect::<Vec<_>>().as_slice() {
            if let (Some(x), Some(y), Some(z)) = (num(a), num(b), num(c)) {
                let year_first = a.len() == 4 && (1..=12).contains(&y) && (1..=31).contains(&z);
                let year_last = (1..=31).contains(&x) && (1..=31).contains(&y) && x.min(y) <= 12;
                if year_first || (year_last && matches!(c.len(), 2 | 4)) {
                    return true;
                }
            }
        }
    }
    if s.contains(['/', '-', ' '])
        && !s.contains('年')
        && s.chars().any(|c| c.is_ascii_alphabetic())
    {
        return looks_like_date(s);
    }
    s.contains('月') && looks_like_date(s)
}

/// Whether the export puts an apostrophe before `s` (and the import takes it away): text a
/// spreadsheet would run as a formula (`=1+1`, `-5`), would change ([`spreadsheet_would_convert`]),
/// or, in a row's first cell, take for a note (`#`).
fn needs_guard(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r', '#']) || spreadsheet_would_convert(s)
}

/// A text cell as the people's CSV writes it: an apostrophe before text a spreadsheet would
/// change (the formula guard itself is the writer's: `export::cell`).
pub fn guard(s: &str) -> std::borrow::Cow<'_, str> {
    match needs_guard(s) && !s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => format!("'{s}").into(),
        false => s.into(),
    }
}

/// A cell's text as the user meant it: the apostrophe the export puts before text a spreadsheet
/// would run as a formula (`'=1+1`, `'-5`) or change (`'0012`, `'3/4`) is removed. Spaces are
/// kept (a name may begin with one); [`trimmed`] is for numbers, names of choices and headers.
pub fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => s,
    }
}

/// [`unguard`]ed, without surrounding spaces (ASCII and full-width).
pub fn trimmed(s: &str) -> &str {
    unguard(s.trim_matches([' ', '\u{3000}']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_a_spreadsheet_would_change_are_guarded_and_unguarded() {
        for s in [
            "0012",
            "330102199001011234",
            "1e5",
            "1.5E+3",
            "5%",
            "3/4",
            "2026-3-4",
            "4-Mar",
            "Mar-26",
            "9:30",
            "3月4日",
        ] {
            assert!(spreadsheet_would_convert(s), "{s}");
            assert_eq!(guard(s), format!("'{s}"));
            assert_eq!(unguard(&guard(s)), s);
        }
        for s in [
            "12",
            "0",
            "p01",
            "13812345678",
            "1.5",
            "城东 3/4 号",
            "'普通'",
            "#7",
        ] {
            assert!(!spreadsheet_would_convert(s), "{s}");
        }
        assert_eq!(guard("#7"), "'#7", "a first cell would be a note");
        assert_eq!(
            unguard("'普通'"),
            "'普通'",
            "an apostrophe of the text's own is kept"
        );
        assert_eq!(guard("=1+1"), "=1+1", "the formula guard is the writer's");
        assert_eq!(unguard(" 城西 "), " 城西 ", "spaces kept");
        assert_eq!(trimmed(" '0012\u{3000}"), "0012");
    }

    #[test]
    fn dates_a_spreadsheet_wrote_are_told_from_what_people_type() {
        for s in [
            "2026/3/4",
            "03/04/26",
            "2026-03-04",
            "4-Mar",
            "Mar-26",
            "3月4日",
            "2026年3月4日",
        ] {
            assert!(written_as_date(s), "{s}");
        }
        for s in ["3/4", "2020-2025", "1.2.3", "三月", "p-01"] {
            assert!(!written_as_date(s), "{s}");
        }
    }
}
