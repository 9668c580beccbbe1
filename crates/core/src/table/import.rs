//! A register read from a spreadsheet: the people's CSV ([`super::people_csv`]) or a plain
//! template (header of project-file paths). Every cell that does not read is named by its row and
//! column; its project is still kept (with the text as typed), so nothing is lost and the
//! register marks it as it marks any project with errors. Cells past the header and texts a
//! spreadsheet has probably changed are named too; `[json]` is laid over its row's project;
//! [`import_csv_beside`] also checks ids against the register the table is for.

use super::cells::{records, trimmed, unguard, written_as_date};
use super::PROJECT_COLUMNS;
use crate::choice::Choice;
use crate::field::FieldSpec;
use crate::file::FORMAT;
use crate::form::{self, by_name, names, ProjectTexts, TextProblem};
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::measure_type::MeasureType;
use crate::numtext::{parse, NumberProblem};
use crate::path;
use crate::register::{Entry, Register};
use crate::review::ReviewStatus;
use crate::settings::{BulletinOrder, Crediting, ElectricityBasis, GridCo2, Method};
use serde_json::{Map, Value};
use std::sync::Arc;

/// What is wrong with one cell, row or column.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A quoted cell is never closed (the rest of the file would be one cell).
    UnclosedQuote,
    /// No row names the columns (none has an `id` column).
    NoHeader,
    /// Two columns map to the same field.
    RepeatedColumn,
    /// A column that names no field of the project file; it is not read.
    UnknownColumn,
    /// A row before the header that is not a `label [path]` row of the file block.
    NotRead,
    /// A number that does not read.
    Number(NumberProblem),
    /// A value outside the field's list.
    UnknownChoice {
        found: String,
        expected: Vec<String>,
    },
    /// Neither yes nor no.
    NotYesNo {
        found: String,
    },
    /// Not a date written `YYYY-MM-DD`.
    NotADate {
        found: String,
    },
    /// A measure type this build does not know.
    UnknownType {
        found: String,
    },
    MissingId,
    MissingType,
    /// A value in a column that the row's measure type does not have; it is not read.
    NotForType {
        measure: MeasureType,
    },
    /// Cells past the last named column (`first` counts columns from 1), not read.
    ExtraCells {
        first: usize,
        cells: Vec<String>,
    },
    /// The `[json]` cell (a project's other fields) is not a JSON object; it is not read.
    NotJson,
    /// A text a spreadsheet has probably changed: a long id in exponent form (its last digits
    /// are lost) or a date made of a text such as `3/4`. Read as it is.
    Mangled {
        found: String,
        kind: Mangling,
    },
}

/// How a spreadsheet changed a text ([`Problem::Mangled`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Mangling {
    /// `3.30102199001011E+017`: a long number in exponent form, digits lost.
    Exponent,
    /// `2026/3/4`, `4-Mar`: a date.
    Date,
    /// `12` where the register has `0012`: leading zeros lost.
    LeadingZeros { was: String },
}

/// `AS`: a column's name in a spreadsheet, from its number (1 = `A`).
pub fn column_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl From<TextProblem> for Problem {
    fn from(p: TextProblem) -> Problem {
        match p {
            TextProblem::Number(n) => Problem::Number(n),
            TextProblem::UnknownChoice { found, expected } => {
                Problem::UnknownChoice { found, expected }
            }
            TextProblem::NotYesNo { found } => Problem::NotYesNo { found },
            TextProblem::NotADate { found } => Problem::NotADate { found },
            // A list given whole in one cell that is not a JSON list.
            TextProblem::NotAList { .. } => Problem::NotJson,
        }
    }
}

/// A problem and where it is: `row` counts records from 1 as a spreadsheet numbers its rows (0
/// for the file as a whole); `column` is the header cell as written.
#[derive(Clone, Debug, PartialEq)]
pub struct RowProblem {
    pub row: usize,
    pub column: Option<String>,
    pub problem: Problem,
}

impl RowProblem {
    /// `第 3 行，设计处理规模 (m³/d) [flow_m3_per_day] 列：请输入数字`.
    pub fn message(&self, lang: Lang) -> String {
        let mut s = match (self.row, lang) {
            (0, _) => String::new(),
            (r, Lang::Zh) => format!("第 {r} 行"),
            (r, Lang::En) => format!("row {r}"),
        };
        if let Some(c) = &self.column {
            if !s.is_empty() {
                s.push_str(lang.pick("，", ", "));
            }
            s.push_str(&match lang {
                Lang::Zh => format!("{c} 列"),
                Lang::En => format!("column {c}"),
            });
        }
        if !s.is_empty() {
            s.push_str(lang.pick("：", ": "));
        }
        s.push_str(&self.problem.describe(lang));
        s
    }
}

impl Problem {
    pub fn describe(&self, lang: Lang) -> String {
        let l = |zh: &str, en: &str| lang.pick(zh, en).to_owned();
        match self {
            Problem::UnclosedQuote => l("引号没有闭合", "a quoted cell is never closed"),
            Problem::NoHeader => l(
                "找不到列名行（须有 id 或 编号 [id] 列）",
                "no header row (a column id or ID [id] is needed)",
            ),
            Problem::RepeatedColumn => {
                l("此列与前面的列重复", "this column repeats an earlier one")
            }
            Problem::UnknownColumn => l(
                "不是项目文件中的字段，此列未导入",
                "not a field of the project file; this column is not imported",
            ),
            Problem::NotRead => l(
                "不是“名称 [字段]”形式的文件信息行，未导入",
                "not a file row of the form “label [field]”; not imported",
            ),
            Problem::Number(p) => TextProblem::Number(*p).describe(lang),
            Problem::UnknownChoice { found, expected } => TextProblem::UnknownChoice {
                found: found.clone(),
                expected: expected.clone(),
            }
            .describe(lang),
            Problem::NotYesNo { found } => TextProblem::NotYesNo {
                found: found.clone(),
            }
            .describe(lang),
            Problem::NotADate { found } => TextProblem::NotADate {
                found: found.clone(),
            }
            .describe(lang),
            Problem::UnknownType { found } => match lang {
                Lang::Zh => format!("未知的措施类型“{found}”"),
                Lang::En => format!("unknown measure type “{found}”"),
            },
            Problem::MissingId => l("缺少编号", "the id is missing"),
            Problem::MissingType => l("缺少措施类型", "the measure type is missing"),
            Problem::NotForType { measure } => match lang {
                Lang::Zh => format!("“{}”没有此项，未导入", measure.text(lang)),
                Lang::En => format!("“{}” has no such field; not imported", measure.text(lang)),
            },
            Problem::ExtraCells { first, cells } => {
                let (col, n, list) = (column_letters(*first), cells.len(), cells.join(" / "));
                match lang {
                    Lang::Zh => format!("第 {col} 列起的 {n} 个单元格没有列名（{list}），未导入"),
                    Lang::En => format!(
                        "{n} cells from column {col} have no column name ({list}); not imported"
                    ),
                }
            }
            Problem::NotJson => l(
                "不是 JSON 对象 {…}，此格未导入",
                "not a JSON object {…}; this cell is not imported",
            ),
            Problem::Mangled { found, kind } => match (kind, lang) {
                (Mangling::Exponent, Lang::Zh) => format!(
                    "“{found}”像是电子表格把长数字改写成了科学计数法，后几位已丢失；\
                     请在表格中把此列设为文本后重新导出，或改回原值"
                ),
                (Mangling::Exponent, Lang::En) => format!(
                    "“{found}” looks like a long number a spreadsheet wrote in exponent form: its \
                     last digits are lost. Format the column as text and export again, or type \
                     the value back"
                ),
                (Mangling::Date, Lang::Zh) => format!(
                    "“{found}”像是电子表格把文字（如 3/4）改成了日期，请核对"
                ),
                (Mangling::Date, Lang::En) => format!(
                    "“{found}” looks like a date a spreadsheet made of a text (such as 3/4); check it"
                ),
                (Mangling::LeadingZeros { was }, Lang::Zh) => format!(
                    "“{found}”可能是“{was}”被电子表格去掉了前导零，请核对"
                ),
                (Mangling::LeadingZeros { was }, Lang::En) => format!(
                    "“{found}” may be “{was}” with its leading zeros removed by a spreadsheet; check it"
                ),
            },
        }
    }
}

/// The field path a header cell names: the text in its last `[…]`, else the cell itself.
pub(super) fn column_path(cell: &str) -> String {
    let c = trimmed(cell);
    if let (Some(open), true) = (c.rfind('['), c.ends_with(']')) {
        return c[open + 1..c.len() - 1].trim().to_owned();
    }
    c.to_owned()
}

/// What a column holds.
#[derive(Clone, Debug, PartialEq)]
enum Col {
    Project(&'static str),
    Measure(String),
    /// `[review.status]` (by code or name) and `[review.note]` (text).
    Review(&'static str),
    /// `[json]`: the project's other fields, merged over the rest.
    Json,
    Ignored,
}

/// A spec for numbers that belong to no declared field (start month, year, targets).
const PLAIN: FieldSpec = FieldSpec::number("", "", "", "");

/// Reads a register from CSV text (the layout is in [`super`]'s docs). `Err` only when the text
/// has no table at all; otherwise every project row is kept, and each cell that did not read is
/// listed with its row and column.
pub fn import_csv(text: &str) -> Result<(Register, Vec<RowProblem>), Vec<RowProblem>> {
    import_csv_beside(text, &Register::default())
}

/// [`import_csv`] of a table meant for `current` (to replace it or to be added to it): an id
/// written with digits only that `current` holds with leading zeros (`12` where it has `0012`)
/// is warned as zeros a spreadsheet removed. That is the rule: a number alone cannot tell `12`
/// from a `0012` that lost its zeros, the register it came from can.
pub fn import_csv_beside(
    text: &str,
    current: &Register,
) -> Result<(Register, Vec<RowProblem>), Vec<RowProblem>> {
    let padded: Vec<&str> = current
        .projects
        .iter()
        .filter_map(|e| e.id())
        .filter(|id| id.len() > 1 && id.starts_with('0') && id.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let recs = records(text).map_err(|e| {
        vec![RowProblem {
            row: e.row,
            column: None,
            problem: Problem::UnclosedQuote,
        }]
    })?;
    let is_blank = |r: &Vec<String>| r.iter().all(|c| trimmed(c).is_empty());
    let is_note = |r: &Vec<String>| r.first().is_some_and(|c| c.trim_start().starts_with('#'));
    let Some(h) = recs
        .iter()
        .position(|r| r.iter().any(|c| column_path(c) == "id"))
    else {
        return Err(vec![RowProblem {
            row: 0,
            column: None,
            problem: Problem::NoHeader,
        }]);
    };
    let mut problems = Vec::new();
    let mut head = Map::new();
    let mut head_json = None;
    for (i, r) in recs[..h].iter().enumerate() {
        if is_blank(r) || is_note(r) {
            continue;
        }
        let first = r[0].trim();
        if !(first.ends_with(']') && first.contains('[')) {
            problems.push(RowProblem {
                row: i + 1,
                column: None,
                problem: Problem::NotRead,
            });
            continue;
        }
        let path = column_path(first);
        if path.starts_with("total.") {
            continue;
        }
        if let Some(p) = extra_cells(r, 2) {
            problems.push(RowProblem {
                row: i + 1,
                column: None,
                problem: p,
            });
        }
        let raw = r.get(1).map_or("", String::as_str);
        if path == "json" {
            match serde_json::from_str::<Value>(raw.trim()) {
                Ok(Value::Object(o)) => head_json = Some(o),
                _ if raw.trim().is_empty() => {}
                _ => problems.push(RowProblem {
                    row: i + 1,
                    column: Some(first.to_owned()),
                    problem: Problem::NotJson,
                }),
            }
            continue;
        }
        let (v, problem) = head_value(&path, raw);
        if let Some(problem) = problem {
            problems.push(RowProblem {
                row: i + 1,
                column: Some(first.to_owned()),
                problem,
            });
        }
        let keys: Vec<&str> = match path.strip_prefix("overrides.") {
            // A factor id has dots of its own (`co2.per_tce`): only the last part is its field.
            Some(rest) => match rest.rsplit_once('.') {
                Some((id, field)) => vec!["overrides", id, field],
                None => vec!["overrides", rest],
            },
            None => path.split('.').collect(),
        };
        path::set_keys(&mut head, &keys, v);
    }
    if let Some(o) = head_json {
        merge(&mut head, o);
    }
    if !head.contains_key("format") {
        head.insert("format".into(), Value::from(FORMAT));
    }
    let columns = header_columns(&recs[h], h + 1)?;
    for (c, col) in columns.iter().enumerate() {
        if col.is_none() {
            problems.push(RowProblem {
                row: h + 1,
                column: Some(recs[h][c].clone()),
                problem: Problem::UnknownColumn,
            });
        }
    }
    let mut projects = Vec::new();
    for (i, r) in recs.iter().enumerate().skip(h + 1) {
        if is_blank(r) || is_note(r) {
            continue;
        }
        let value = project_row(r, &columns, &recs[h], i + 1, &mut problems);
        if let Some(id) = value.get("id").and_then(Value::as_str) {
            let digits = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
            let was = padded
                .iter()
                .find(|p| digits && p.trim_start_matches('0') == id)
                .filter(|_| !current.projects.iter().any(|e| e.id() == Some(id)));
            if let (Some(was), Some(c)) = (
                was,
                columns.iter().position(|c| *c == Some(Col::Project("id"))),
            ) {
                problems.push(RowProblem {
                    row: i + 1,
                    column: Some(recs[h][c].clone()),
                    problem: Problem::Mangled {
                        found: id.to_owned(),
                        kind: Mangling::LeadingZeros {
                            was: (*was).to_owned(),
                        },
                    },
                });
            }
        }
        let index = projects.len();
        projects.push(Arc::new(Entry::new(value, index)));
    }
    Ok((Register { head, projects }, problems))
}

/// What each header cell maps to; `None` for a column that names no field.
fn header_columns(header: &[String], row: usize) -> Result<Vec<Option<Col>>, Vec<RowProblem>> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for c in header {
        let path = column_path(c);
        if path.is_empty() {
            out.push(Some(Col::Ignored));
            continue;
        }
        if seen.contains(&path) {
            return Err(vec![RowProblem {
                row,
                column: Some(c.clone()),
                problem: Problem::RepeatedColumn,
            }]);
        }
        seen.push(path.clone());
        let col = if let Some((p, _)) = PROJECT_COLUMNS.iter().find(|(p, _)| *p == path) {
            Some(Col::Project(p))
        } else if path == "json" {
            Some(Col::Json)
        } else if path == "review.status" {
            Some(Col::Review("status"))
        } else if path == "review.note" {
            Some(Col::Review("note"))
        } else if path.starts_with("result.") || path == "problems" {
            Some(Col::Ignored)
        } else if MeasureType::ALL
            .iter()
            .any(|t| crate::schema::field(t.code(), &path).is_some())
        {
            Some(Col::Measure(path))
        } else {
            None
        };
        out.push(col);
    }
    Ok(out)
}

/// One project from one row, read by [`form::project_from_texts`]; its problems are added to
/// `problems` in column order.
fn project_row(
    r: &[String],
    columns: &[Option<Col>],
    header: &[String],
    row: usize,
    problems: &mut Vec<RowProblem>,
) -> Value {
    let cell = |c: usize| trimmed(r.get(c).map_or("", String::as_str));
    // The project's own texts keep their spaces: a name may begin or end with one.
    let text = |c: usize| match cell(c) {
        "" => "",
        _ => unguard(r.get(c).map_or("", String::as_str)),
    };
    let at = |c: usize, problem: Problem| RowProblem {
        row,
        column: Some(header[c].clone()),
        problem,
    };
    let type_column = columns
        .iter()
        .position(|c| *c == Some(Col::Project("type")));
    let mut measure_type = None;
    let mut texts = ProjectTexts::default();
    match type_column.map(|c| (c, cell(c))) {
        Some((c, "")) => problems.push(at(c, Problem::MissingType)),
        Some((c, s)) => match by_name::<MeasureType>(s) {
            Some(t) => {
                measure_type = Some(t);
                texts.type_tag = t.code();
            }
            None => {
                problems.push(at(c, Problem::UnknownType { found: s.into() }));
                texts.type_tag = s;
            }
        },
        // No type column at all: the register says so for each project.
        None => {}
    }
    // Problems of the cells, with their column, put in column order at the end.
    let mut found: Vec<(usize, Problem)> = Vec::new();
    // The column of each text given, by its key or path.
    let mut column_of: Vec<(&str, usize)> = Vec::new();
    let mut json = None;
    let mut review = Map::new();
    for (c, col) in columns.iter().enumerate() {
        let s = cell(c);
        let Some(col) = col else { continue };
        match col {
            Col::Ignored => {}
            Col::Project("id") if s.is_empty() => found.push((c, Problem::MissingId)),
            _ if s.is_empty() => {}
            Col::Project("type") => {}
            Col::Json => match serde_json::from_str::<Value>(s) {
                Ok(Value::Object(o)) => json = Some(o),
                _ => found.push((c, Problem::NotJson)),
            },
            Col::Project(p @ ("id" | "name" | "enterprise" | "township")) => {
                let s = text(c);
                if let Some(kind) = mangling(s) {
                    let found_text = s.to_owned();
                    found.push((
                        c,
                        Problem::Mangled {
                            found: found_text,
                            kind,
                        },
                    ));
                }
                texts.project.push((p, s));
                column_of.push((p, c));
            }
            Col::Project(p) => {
                texts.project.push((p, s));
                column_of.push((p, c));
            }
            Col::Review("status") => match by_name::<ReviewStatus>(s) {
                Some(st) => {
                    review.insert("status".into(), Value::from(st.name()));
                }
                None => {
                    found.push((c, choice_problem(s, names::<ReviewStatus>(Lang::Zh))));
                    // Kept as written, so that the project says what is wrong with it.
                    review.insert("status".into(), Value::from(s));
                }
            },
            Col::Review(key) => {
                review.insert((*key).into(), Value::from(text(c)));
            }
            Col::Measure(path) => {
                if let Some(t) = measure_type {
                    if crate::schema::field(t.code(), path).is_none() {
                        found.push((c, Problem::NotForType { measure: t }));
                        continue;
                    }
                }
                texts.measure.push((path.as_str(), s));
                column_of.push((path.as_str(), c));
            }
        }
    }
    let (draft, text_problems) = form::project_from_texts(&texts);
    for (key, problem) in text_problems {
        if let Some((_, c)) = column_of.iter().find(|(k, _)| *k == key) {
            found.push((*c, Problem::from(problem)));
        }
    }
    crate::order::sort_by_key(&mut found, |(c, _)| *c);
    problems.extend(found.into_iter().map(|(c, p)| at(c, p)));
    if let Some(p) = extra_cells(r, header.len()) {
        problems.push(RowProblem {
            row,
            column: None,
            problem: p,
        });
    }
    let mut value = draft.into_value();
    if let (false, Value::Object(v)) = (review.is_empty(), &mut value) {
        v.insert("review".into(), Value::Object(review));
    }
    if let (Some(o), Value::Object(v)) = (json, &mut value) {
        merge(v, o);
    }
    value
}

/// The cells of `r` from `from` on (0-based) that hold something, as a problem; `None` when they
/// are all blank (a spreadsheet pads short rows with empty cells).
fn extra_cells(r: &[String], from: usize) -> Option<Problem> {
    let cells: Vec<String> = r.iter().skip(from).map(|c| unguard(c).to_owned()).collect();
    let first = cells.iter().position(|c| !c.trim().is_empty())?;
    let mut cells = cells[first..].to_vec();
    while cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    Some(Problem::ExtraCells {
        first: from + first + 1,
        cells,
    })
}

/// How a spreadsheet probably changed a text cell, if it looks changed.
fn mangling(s: &str) -> Option<Mangling> {
    let t = s.trim();
    let exp = t.split_once(['E', 'e']).is_some_and(|(m, e)| {
        let m_ok = m.split_once('.').is_some_and(|(a, b)| {
            a.len() == 1
                && a.bytes().all(|x| x.is_ascii_digit())
                && b.bytes().all(|x| x.is_ascii_digit())
        });
        let e = e.strip_prefix('+').unwrap_or(e);
        m_ok && !e.is_empty() && e.bytes().all(|x| x.is_ascii_digit())
    });
    if exp {
        return Some(Mangling::Exponent);
    }
    written_as_date(t).then_some(Mangling::Date)
}

/// `from` laid over `into`: objects key by key, any other value in place of the one there.
pub(crate) fn merge(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Object(a)), Value::Object(b)) => merge(a, b),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

fn choice_problem(found: &str, expected: Vec<String>) -> Problem {
    Problem::UnknownChoice {
        found: found.into(),
        expected,
    }
}

/// A file-block value: text fields as text, settings by name, numbers, yes/no, lists as JSON.
fn head_value(path: &str, s: &str) -> (Value, Option<Problem>) {
    match path {
        "title" | "region" => return (Value::from(unguard(s)), None),
        _ if path.ends_with(".note") => return (Value::from(unguard(s)), None),
        _ => {}
    }
    let s = trimmed(s);
    match path {
        "format" | "factor_library" => return (Value::from(s), None),
        "settings.crediting" => return setting::<Crediting>(s),
        "settings.electricity_basis" => return setting::<ElectricityBasis>(s),
        "settings.method" => return setting::<Method>(s),
        "settings.bulletin_order" => return setting::<BulletinOrder>(s),
        "settings.bulletin_so2" => {
            return match form::yes_no(s) {
                Some(b) => (Value::Bool(b), None),
                None => (Value::from(s), Some(Problem::NotYesNo { found: s.into() })),
            }
        }
        "settings.grid_co2" => return setting::<GridCo2>(s),
        _ => {}
    }
    if s.is_empty() {
        return (Value::from(s), None);
    }
    if let Ok(x) = parse(s, &PLAIN) {
        return (form::number_value(x, s), None);
    }
    if let Ok(v @ (Value::Array(_) | Value::Object(_) | Value::Bool(_) | Value::Null)) =
        serde_json::from_str(s)
    {
        return (v, None);
    }
    (Value::from(s), None)
}

fn setting<T: Choice + Labelled>(s: &str) -> (Value, Option<Problem>) {
    match by_name::<T>(s) {
        Some(v) => (Value::from(v.name()), None),
        None => (
            Value::from(s),
            Some(choice_problem(s, names::<T>(Lang::Zh))),
        ),
    }
}
