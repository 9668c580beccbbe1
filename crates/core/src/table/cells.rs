//! CSV text split into records of cells (RFC 4180: quoted cells may hold commas, quotes and
//! line breaks), and a cell written back undoing the export's formula guard.

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

/// A cell's text as the user meant it: the apostrophe the export puts before text a spreadsheet
/// would run as a formula (`'=1+1`, `'-5`) is removed, and surrounding spaces are trimmed.
pub fn unguard(s: &str) -> &str {
    let s = s.trim_matches([' ', '\u{3000}']);
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}
