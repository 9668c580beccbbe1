//! A register read from a spreadsheet: the people's CSV ([`super::people_csv`]) or a plain
//! template (header of project-file paths). Every cell that does not read is named by its row and
//! column; its project is still kept (with the text as typed), so nothing is lost and the
//! register marks it as it marks any project with errors.

use super::cells::{records, unguard};
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
use crate::settings::{Crediting, ElectricityBasis};
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
}

impl From<TextProblem> for Problem {
    fn from(p: TextProblem) -> Problem {
        match p {
            TextProblem::Number(n) => Problem::Number(n),
            TextProblem::UnknownChoice { found, expected } => {
                Problem::UnknownChoice { found, expected }
            }
            TextProblem::NotYesNo { found } => Problem::NotYesNo { found },
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
        }
    }
}

/// The field path a header cell names: the text in its last `[…]`, else the cell itself.
fn column_path(cell: &str) -> String {
    let c = unguard(cell);
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
    Ignored,
}

/// A spec for numbers that belong to no declared field (start month, year, targets).
const PLAIN: FieldSpec = FieldSpec::number("", "", "", "");

/// Reads a register from CSV text (the layout is in [`super`]'s docs). `Err` only when the text
/// has no table at all; otherwise every project row is kept, and each cell that did not read is
/// listed with its row and column.
pub fn import_csv(text: &str) -> Result<(Register, Vec<RowProblem>), Vec<RowProblem>> {
    let recs = records(text).map_err(|e| {
        vec![RowProblem {
            row: e.row,
            column: None,
            problem: Problem::UnclosedQuote,
        }]
    })?;
    let is_blank = |r: &Vec<String>| r.iter().all(|c| unguard(c).is_empty());
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
        let raw = unguard(r.get(1).map_or("", String::as_str));
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
        } else if path.starts_with("result.") || path == "problems" {
            Some(Col::Ignored)
        } else if MeasureType::ALL
            .iter()
            .any(|t| crate::measures::fields(*t).iter().any(|f| f.path == path))
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
    let cell = |c: usize| unguard(r.get(c).map_or("", String::as_str));
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
    for (c, col) in columns.iter().enumerate() {
        let s = cell(c);
        let Some(col) = col else { continue };
        match col {
            Col::Ignored => {}
            Col::Project("id") if s.is_empty() => found.push((c, Problem::MissingId)),
            _ if s.is_empty() => {}
            Col::Project("type") => {}
            Col::Project(p) => {
                texts.project.push((p, s));
                column_of.push((p, c));
            }
            Col::Measure(path) => {
                if let Some(t) = measure_type {
                    if !crate::measures::fields(t).iter().any(|f| f.path == path) {
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
    found.sort_by_key(|(c, _)| *c);
    problems.extend(found.into_iter().map(|(c, p)| at(c, p)));
    draft.into_value()
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
        "title" | "region" | "format" | "factor_library" => return (Value::from(s), None),
        _ if path.ends_with(".note") => return (Value::from(s), None),
        "settings.crediting" => return setting::<Crediting>(s),
        "settings.electricity_basis" => return setting::<ElectricityBasis>(s),
        _ => {}
    }
    if s.is_empty() {
        return (Value::from(s), None);
    }
    if let Ok(x) = parse(s, &PLAIN) {
        return (form::number_value(x, s), None);
    }
    if let Ok(v @ (Value::Array(_) | Value::Bool(_) | Value::Null)) = serde_json::from_str(s) {
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
