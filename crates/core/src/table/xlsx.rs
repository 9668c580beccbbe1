//! The xlsx container, by hand and without a dependency: a zip of *stored* (uncompressed) parts
//! written by [`write`], and read by [`entries`] + [`read`] (the caller inflates deflated parts:
//! the page with the browser's own `DecompressionStream`, so that no inflater is shipped in the
//! wasm). Only what a workbook of plain cells needs: inline strings and numbers on write;
//! shared strings, inline strings, numbers, booleans and formula results on read. Texts keep
//! every character: a carriage return or other control character, which XML cannot hold, is
//! written as Excel writes it (`_x000D_`), and read back.

use std::collections::BTreeMap;

/// One cell of a sheet to write.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    /// A text cell (formatted as text, so that editing it does not turn `0012` into 12).
    Text(String),
    /// A header cell: text, in bold.
    Head(String),
    /// A number, written exactly as this decimal text (`1042.1`).
    Number(String),
}

/// A sheet to write: its name (at most 31 characters, none of `[]:*?/\`) and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// Keep the first row in view when scrolling.
    pub freeze_header: bool,
}

/// Why bytes are not a workbook this reader can read.
#[derive(Clone, Debug, PartialEq)]
pub enum NotWorkbook {
    /// Not a zip archive, or a damaged one.
    NotZip,
    /// A zip, but without `xl/workbook.xml` (a Word file, an .ods, …).
    NoWorkbook,
    /// A part that the caller did not inflate, or whose XML does not read.
    Part(String),
}

impl NotWorkbook {
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        match self {
            Self::NotZip => lang
                .pick(
                    "不是 Excel 工作簿（.xlsx）：文件已损坏或不是 zip 格式",
                    "not an Excel workbook (.xlsx): the file is damaged or not a zip archive",
                )
                .to_owned(),
            Self::NoWorkbook => lang
                .pick(
                    "不是 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml",
                    "not an Excel workbook (.xlsx): xl/workbook.xml is missing",
                )
                .to_owned(),
            Self::Part(p) => match lang {
                crate::lang::Lang::Zh => format!("工作簿的部件 {p} 无法读取"),
                crate::lang::Lang::En => format!("the workbook's part {p} does not read"),
            },
        }
    }
}

// ---------------------------------------------------------------- writing

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// A zip of stored parts (flag 0x0800: names in UTF-8; every time 1980-01-01 00:00).
fn zip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: usize| v.extend_from_slice(&(x as u16).to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: usize| v.extend_from_slice(&(x as u32).to_le_bytes());
    for (name, data) in parts {
        let offset = out.len();
        let crc = crc32(data) as usize;
        let common = |v: &mut Vec<u8>| {
            le16(v, 20); // version needed
            le16(v, 0x0800);
            le16(v, 0); // stored
            le16(v, 0); // time
            le16(v, 0x21); // date: 1980-01-01
            le32(v, crc);
            le32(v, data.len());
            le32(v, data.len());
            le16(v, name.len());
            le16(v, 0); // extra
        };
        le32(&mut out, 0x0403_4b50);
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        le32(&mut central, 0x0201_4b50);
        le16(&mut central, 20); // version made by
        common(&mut central);
        le16(&mut central, 0); // comment
        le16(&mut central, 0); // disk
        le16(&mut central, 0); // internal attributes
        le32(&mut central, 0); // external attributes
        le32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let start = out.len();
    out.extend_from_slice(&central);
    le32(&mut out, 0x0605_4b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, parts.len());
    le16(&mut out, parts.len());
    le32(&mut out, central.len());
    le32(&mut out, start);
    le16(&mut out, 0);
    out
}

/// Text for XML: `&<>"` as entities; a carriage return, a control character or a literal
/// `_xHHHH_` as Excel's `_xHHHH_` escape (XML cannot hold the first two; the third would be
/// read as an escape).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("_x{:04X}_", c as u32))
            }
            '_' if escape_like(&s[i..]) => out.push_str("_x005F_"),
            c => out.push(c),
        }
    }
    out
}

/// Whether `s` starts with `_xHHHH_`.
fn escape_like(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7
        && b.starts_with(b"_x")
        && b[2..6].iter().all(u8::is_ascii_hexdigit)
        && b[6] == b'_'
}

/// `A`, `B`, … `Z`, `AA` for column 0, 1, … 26.
fn column(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

fn sheet_xml(sheet: &Sheet) -> String {
    let mut x = format!(r#"{DECL}<worksheet xmlns="{MAIN}">"#);
    if sheet.freeze_header {
        x.push_str(r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#);
    }
    x.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        x.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column(c), r + 1);
            let text = |s: &str, style: u8| {
                format!(
                    r#"<c r="{at}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(s)
                )
            };
            x.push_str(&match cell {
                Cell::Empty => continue,
                Cell::Text(s) => text(s, 2),
                Cell::Head(s) => text(s, 1),
                Cell::Number(n) => format!(r#"<c r="{at}"><v>{}</v></c>"#, escape(n)),
            });
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// Font 1 bold (headers); format 2 is text (`@`, number format 49).
const STYLES: &str = r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#;

/// The workbook of `sheets` as the bytes of an .xlsx file.
pub fn write(sheets: &[Sheet]) -> Vec<u8> {
    let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let mut types = format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>"#
    );
    let mut book = format!(r#"{DECL}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>"#);
    let mut rels = format!(r#"{DECL}<Relationships xmlns="{PKG_REL}">"#);
    let mut parts = Vec::new();
    for (i, s) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{ct}.worksheet+xml"/>"#
        ));
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            escape(&s.name)
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), sheet_xml(s)));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#,
        sheets.len() + 1
    ));
    let mut all = vec![
        ("[Content_Types].xml".to_owned(), types),
        (
            "_rels/.rels".to_owned(),
            format!(
                r#"{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        ("xl/workbook.xml".to_owned(), book),
        ("xl/_rels/workbook.xml.rels".to_owned(), rels),
        (
            "xl/styles.xml".to_owned(),
            format!(r#"{DECL}<styleSheet xmlns="{MAIN}">{STYLES}</styleSheet>"#),
        ),
    ];
    all.extend(parts);
    let bytes: Vec<(String, Vec<u8>)> = all.into_iter().map(|(n, x)| (n, x.into_bytes())).collect();
    zip(&bytes)
}

// ---------------------------------------------------------------- reading

/// One part of a zip: its name, whether it is deflated (the caller inflates it: raw deflate),
/// and its bytes as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub name: String,
    pub deflated: bool,
    pub data: Vec<u8>,
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?).into())
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    usize::try_from(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?)).ok()
}

/// The parts of a zip archive, from its central directory.
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry>, NotWorkbook> {
    let end = (0..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(&[0x50, 0x4b, 5, 6]))
        .ok_or(NotWorkbook::NotZip)?;
    let count = u16_at(bytes, end + 10).ok_or(NotWorkbook::NotZip)?;
    let mut at = u32_at(bytes, end + 16).ok_or(NotWorkbook::NotZip)?;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let entry = (|| {
            if !bytes.get(at..)?.starts_with(&[0x50, 0x4b, 1, 2]) {
                return None;
            }
            let method = u16_at(bytes, at + 10)?;
            let size = u32_at(bytes, at + 20)?;
            let (n, e, c) = (
                u16_at(bytes, at + 28)?,
                u16_at(bytes, at + 30)?,
                u16_at(bytes, at + 32)?,
            );
            let local = u32_at(bytes, at + 42)?;
            let name = String::from_utf8_lossy(bytes.get(at + 46..at + 46 + n)?).into_owned();
            let fixed = local.checked_add(30)?;
            let start = fixed + u16_at(bytes, fixed - 4)? + u16_at(bytes, fixed - 2)?;
            let data = bytes.get(start..start.checked_add(size)?)?.to_vec();
            at += 46 + n + e + c;
            match method {
                0 | 8 => Some(Entry {
                    name,
                    deflated: method == 8,
                    data,
                }),
                _ => None,
            }
        })();
        out.push(entry.ok_or(NotWorkbook::NotZip)?);
    }
    Ok(out)
}

/// One XML item: a start tag (name without prefix, attributes, self-closing), an end tag, text.
#[derive(Debug)]
enum Item<'a> {
    Start(&'a str, Vec<(&'a str, String)>, bool),
    End(&'a str),
    Text(String),
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// Entities and character references decoded (XML's, not Excel's `_xHHHH_`).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let name = &rest[1..end];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Excel's `_xHHHH_` escapes decoded (`_x005F_` before a literal one).
fn unescape_excel(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if escape_like(rest) {
            if let Some(c) = u32::from_str_radix(&rest[2..6], 16)
                .ok()
                .and_then(char::from_u32)
            {
                out.push(c);
                i += 7;
                continue;
            }
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The items of an XML document; `None` when a tag is never closed.
fn items(xml: &str) -> Option<Vec<Item<'_>>> {
    let mut out = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Item::Text(unescape(rest)));
            break;
        };
        if lt > 0 {
            out.push(Item::Text(unescape(&rest[..lt])));
        }
        rest = &rest[lt..];
        if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>")?;
            out.push(Item::Text(r[..end].to_owned()));
            rest = &r[end + 3..];
            continue;
        }
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
            continue;
        }
        if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
            continue;
        }
        // A tag: '>' inside a quoted attribute value is allowed.
        let mut quote = None;
        let end = rest.char_indices().find_map(|(i, c)| match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                None
            }
            (Some(q), c) if c == q => {
                quote = None;
                None
            }
            (None, '>') => Some(i),
            _ => None,
        })?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            out.push(Item::End(local(name.trim())));
            continue;
        }
        let (tag, closed) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let mut attrs = Vec::new();
        let mut a = &tag[name_end..];
        while let Some(eq) = a.find('=') {
            let key = a[..eq].trim();
            let v = a[eq + 1..].trim_start();
            let q = v.chars().next().filter(|q| matches!(q, '"' | '\''))?;
            let close = v[1..].find(q)? + 1;
            attrs.push((key, unescape(&v[1..close])));
            a = &v[close + 1..];
        }
        out.push(Item::Start(local(&tag[..name_end]), attrs, closed));
    }
    Some(out)
}

fn attr<'a>(attrs: &'a [(&str, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| local(k) == name)
        .map(|(_, v)| v.as_str())
}

/// The texts of the `<si>` items of `xl/sharedStrings.xml` (runs joined, phonetic runs left out).
fn shared_strings(xml: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_t, mut in_phonetic) = (false, false);
    for item in items(xml)? {
        match item {
            Item::Start("si", _, closed) => {
                current = Some(String::new());
                if closed {
                    out.push(String::new());
                    current = None;
                }
            }
            Item::End("si") => out.push(unescape_excel(&current.take().unwrap_or_default())),
            Item::Start("rPh", _, false) => in_phonetic = true,
            Item::End("rPh") => in_phonetic = false,
            Item::Start("t", _, closed) => in_t = !closed,
            Item::End("t") => in_t = false,
            Item::Text(s) if in_t && !in_phonetic => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&s)
                }
            }
            _ => {}
        }
    }
    Some(out)
}

/// A cell reference's column (`C7` → 2).
fn column_of(at: &str) -> Option<usize> {
    let letters: String = at.chars().take_while(char::is_ascii_alphabetic).collect();
    if letters.is_empty() {
        return None;
    }
    let n = letters.bytes().try_fold(0usize, |n, b| {
        n.checked_mul(26)?
            .checked_add(usize::from(b.to_ascii_uppercase() - b'A') + 1)
    })?;
    Some(n - 1)
}

/// A number cell's value as text: shortest form that reads back as the same number (`1042.1`).
fn number_text(v: &str) -> String {
    match v.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => format!("{x}"),
        _ => v.to_owned(),
    }
}

/// Excel's grid: rows and columns a sheet can have.
const MAX_ROWS: usize = 1 << 20;
const MAX_COLUMNS: usize = 1 << 14;

/// A sheet's cells as text, row by row (missing rows and cells as blank; a cell said to stand
/// beyond Excel's grid is left out).
fn sheet_cells(xml: &str, shared: &[String]) -> Option<Vec<Vec<String>>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: usize = 0;
    // The cell being read: column, type, value, inline text.
    let mut cell: Option<(usize, String, String, String)> = None;
    let (mut in_v, mut in_t) = (false, false);
    let mut next_col = 0;
    let finish = |rows: &mut Vec<Vec<String>>, row: usize, c: (usize, String, String, String)| {
        let (col, ty, v, inline) = c;
        let text = match ty.as_str() {
            "s" => v
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|i| shared.get(i).cloned())
                .unwrap_or_default(),
            "inlineStr" => unescape_excel(&inline),
            "str" | "e" => unescape_excel(&v),
            "b" => match v.trim() {
                "1" => "TRUE".to_owned(),
                _ => "FALSE".to_owned(),
            },
            _ => number_text(&v),
        };
        // Beyond a spreadsheet's grid (1,048,576 rows, 16,384 columns): not a cell of any sheet.
        if text.is_empty() || row == 0 || row > MAX_ROWS || col >= MAX_COLUMNS {
            return;
        }
        while rows.len() < row {
            rows.push(Vec::new());
        }
        let r = &mut rows[row - 1];
        while r.len() <= col {
            r.push(String::new());
        }
        r[col] = text;
    };
    for item in items(xml)? {
        match item {
            Item::Start("row", attrs, _) => {
                row = attr(&attrs, "r")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(row + 1);
                next_col = 0;
            }
            Item::Start("c", attrs, closed) => {
                let col = attr(&attrs, "r").and_then(column_of).unwrap_or(next_col);
                next_col = col + 1;
                let ty = attr(&attrs, "t").unwrap_or("n").to_owned();
                if !closed {
                    cell = Some((col, ty, String::new(), String::new()));
                }
            }
            Item::End("c") => {
                if let Some(c) = cell.take() {
                    finish(&mut rows, row, c);
                }
            }
            Item::Start("v", _, closed) => in_v = !closed,
            Item::End("v") => in_v = false,
            Item::Start("t", _, closed) => in_t = !closed,
            Item::End("t") => in_t = false,
            Item::Text(s) => {
                if let Some(c) = cell.as_mut() {
                    if in_v {
                        c.2.push_str(&s);
                    } else if in_t {
                        c.3.push_str(&s);
                    }
                }
            }
            _ => {}
        }
    }
    Some(rows)
}

/// A sheet read: its name and its cells as text (numbers in their shortest form, `1042.1`).
pub type ReadSheet = (String, Vec<Vec<String>>);

/// The sheets of a workbook, in the workbook's order, from its parts (name → inflated bytes).
pub fn read(parts: &BTreeMap<String, Vec<u8>>) -> Result<Vec<ReadSheet>, NotWorkbook> {
    let part = |name: &str| -> Result<&str, NotWorkbook> {
        let b = parts.get(name).ok_or(NotWorkbook::Part(name.to_owned()))?;
        let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
        std::str::from_utf8(b).map_err(|_| NotWorkbook::Part(name.to_owned()))
    };
    let bad = |name: &str| NotWorkbook::Part(name.to_owned());
    let book = part("xl/workbook.xml").map_err(|_| NotWorkbook::NoWorkbook)?;
    let rels_name = "xl/_rels/workbook.xml.rels";
    let mut targets = BTreeMap::new();
    if let Ok(rels) = part(rels_name) {
        for item in items(rels).ok_or_else(|| bad(rels_name))? {
            if let Item::Start("Relationship", a, _) = item {
                if let (Some(id), Some(t)) = (attr(&a, "Id"), attr(&a, "Target")) {
                    let t = match t.strip_prefix('/') {
                        Some(abs) => abs.to_owned(),
                        None => format!("xl/{t}"),
                    };
                    targets.insert(id.to_owned(), t);
                }
            }
        }
    }
    let shared = match part("xl/sharedStrings.xml") {
        Ok(x) => shared_strings(x).ok_or_else(|| bad("xl/sharedStrings.xml"))?,
        Err(_) => Vec::new(),
    };
    let mut out = Vec::new();
    let mut n = 0;
    for item in items(book).ok_or_else(|| bad("xl/workbook.xml"))? {
        if let Item::Start("sheet", a, _) = item {
            n += 1;
            let name = attr(&a, "name").unwrap_or_default().to_owned();
            let target = attr(&a, "id")
                .and_then(|id| targets.get(id).cloned())
                .unwrap_or_else(|| format!("xl/worksheets/sheet{n}.xml"));
            let xml = part(&target)?;
            out.push((name, sheet_cells(xml, &shared).ok_or_else(|| bad(&target))?));
        }
    }
    Ok(out)
}

/// The sheets of an .xlsx file whose parts are all stored (as [`write`] makes them); a
/// deflated part is named as not read (the page inflates them first: [`entries`], [`read`]).
pub fn read_stored(bytes: &[u8]) -> Result<Vec<ReadSheet>, NotWorkbook> {
    let parts = entries(bytes)?
        .into_iter()
        .filter(|e| !e.deflated)
        .map(|e| (e.name, e.data))
        .collect();
    read(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_the_check_string() {
        // The CRC-32 check value of "123456789" (ISO-HDLC).
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn columns_are_lettered() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(701), "ZZ");
        assert_eq!(column(702), "AAA");
        for n in [0, 25, 26, 701, 702] {
            assert_eq!(column_of(&format!("{}3", column(n))), Some(n));
        }
    }

    #[test]
    fn cells_come_back_as_written() {
        let texts = [
            "0012",
            "a & b < c > \"d\"",
            "line\r\nbreak",
            "tab\there",
            "_x000D_ literal",
            "\u{1}nul-ish",
            "  spaces  ",
            "中文 SO2",
        ];
        let sheet = Sheet {
            name: "登记表".into(),
            rows: vec![
                vec![Cell::Head("编号 [id]".into()), Cell::Head("x [x]".into())],
                texts.iter().map(|t| Cell::Text(t.to_string())).collect(),
                vec![Cell::Empty, Cell::Number("1042.1".into())],
            ],
            freeze_header: true,
        };
        let back = read_stored(&write(&[sheet])).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].0, "登记表");
        assert_eq!(back[0].1[0], ["编号 [id]", "x [x]"]);
        assert_eq!(back[0].1[1], texts);
        assert_eq!(back[0].1[2], ["", "1042.1"]);
    }

    #[test]
    fn shared_strings_and_prefixed_tags_read() {
        let mut parts = BTreeMap::new();
        parts.insert(
            "xl/workbook.xml".to_owned(),
            br#"<x:workbook xmlns:x="m" xmlns:r="r"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>"#.to_vec(),
        );
        parts.insert(
            "xl/_rels/workbook.xml.rels".to_owned(),
            br#"<Relationships><Relationship Id="rId7" Target="/xl/worksheets/a.xml"/></Relationships>"#.to_vec(),
        );
        parts.insert(
            "xl/sharedStrings.xml".to_owned(),
            "<sst><si><t>编号 [id]</t></si><si><r><t>p</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">1 </t></r><rPh><t>ピ</t></rPh></si></sst>".as_bytes().to_vec(),
        );
        parts.insert(
            "xl/worksheets/a.xml".to_owned(),
            br#"<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="3"><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c r="C3"><x:v>2.5E+3</x:v></x:c><x:c r="D3" t="b"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"#.to_vec(),
        );
        let back = read(&parts).unwrap();
        assert_eq!(back[0].0, "S");
        assert_eq!(
            back[0].1,
            vec![
                vec!["编号 [id]".to_owned()],
                vec![],
                vec!["".into(), "p1 ".into(), "2500".into(), "TRUE".into()]
            ]
        );
    }

    #[test]
    fn damaged_bytes_are_refused_not_panicked_on() {
        assert_eq!(entries(b"not a zip"), Err(NotWorkbook::NotZip));
        let good = write(&[]);
        for cut in [1, 10, 30, good.len() / 2] {
            let _ = read_stored(&good[..good.len() - cut]);
        }
        let mut parts = BTreeMap::new();
        parts.insert(
            "xl/workbook.xml".to_owned(),
            b"<workbook><sheets><sheet".to_vec(),
        );
        assert!(read(&parts).is_err());
        // A quote that is not ASCII, and cells far beyond the grid: refused or left out, at once.
        parts.insert(
            "xl/workbook.xml".to_owned(),
            "<workbook><sheets><sheet name=“S”/></sheets></workbook>"
                .as_bytes()
                .to_vec(),
        );
        assert!(read(&parts).is_err());
        parts.insert(
            "xl/workbook.xml".to_owned(),
            br#"<workbook><sheets><sheet name="S"/></sheets></workbook>"#.to_vec(),
        );
        parts.insert(
            "xl/worksheets/sheet1.xml".to_owned(),
            br#"<worksheet><sheetData><row r="4000000000"><c r="A4000000000"><v>1</v></c></row><row r="2"><c r="XFE2"><v>1</v></c><c r="B2"><v>7</v></c></row></sheetData></worksheet>"#.to_vec(),
        );
        let back = read(&parts).unwrap();
        assert_eq!(back[0].1, vec![vec![], vec!["".to_owned(), "7".to_owned()]]);
        // A local header said to stand at the very end of the address space.
        let mut zip = write(&[]);
        let n = zip.len();
        let cd = u32_at(&zip, n - 6).unwrap();
        zip[cd + 42..cd + 46].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(entries(&zip), Err(NotWorkbook::NotZip));
    }
}
