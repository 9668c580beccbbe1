//! Typed text → the file format: what the app's form, its editors and the CSV import all read
//! text with, so that the same text makes the same file everywhere.
//!
//! - [`read_text`]: the text of one declared field as the file writes it (numbers as people type
//!   them, through [`numtext`]; a choice by its file value or its name in either language; yes/no);
//! - [`number_value`]: the one whole-number rule — a whole number written without a point or an
//!   exponent is written as an integer, anything else as a decimal, so that a file's `1.0` read
//!   back from a spreadsheet or edited in the app stays `1.0` and `12` stays `12`;
//! - [`project_from_texts`]: a project from its texts (identity, category, start month and the
//!   measure's fields), with the problems of each text that did not read;
//! - [`text_of`]: a value of the file as an input shows it.

use crate::choice::Choice;
use crate::error::Error;
use crate::field::{FieldKind, FieldSpec};
use crate::file::{load_project, Project, Valid};
use crate::gbk;
use crate::labels::Labelled;
use crate::lang::Lang;
use crate::numtext::{self, NumberProblem};
use crate::path;
use crate::settings::{Category, KeyCategory};
use serde_json::{Map, Value};

/// Why a text does not read as a value of its field; the text is kept, nothing is lost.
#[derive(Clone, Debug, PartialEq)]
pub enum TextProblem {
    /// A number that does not read (or is not whole where a count is wanted, or has a `%` where
    /// none belongs).
    Number(NumberProblem),
    /// A value outside the field's list.
    UnknownChoice {
        found: String,
        expected: Vec<String>,
    },
    /// Neither yes nor no.
    NotYesNo { found: String },
    /// Not a date written `YYYY-MM-DD`.
    NotADate { found: String },
    /// A list field's text that is not a JSON list (`[{…}, …]`).
    NotAList { found: String },
}

impl TextProblem {
    /// The localised message, shown next to the field (or with its row and column).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            TextProblem::Number(p) => p.message(lang),
            TextProblem::UnknownChoice { found, expected } => match lang {
                Lang::Zh => format!("“{found}”不是可选值（{}）", expected.join(" / ")),
                Lang::En => format!("“{found}” is not one of {}", expected.join(" / ")),
            },
            TextProblem::NotYesNo { found } => match lang {
                Lang::Zh => format!("“{found}”应为 是 或 否"),
                Lang::En => format!("“{found}” should be yes or no"),
            },
            TextProblem::NotADate { found } => match lang {
                Lang::Zh => format!("“{found}”应写作 年-月-日，如 2026-03-31"),
                Lang::En => format!("“{found}” should be written YYYY-MM-DD, e.g. 2026-03-31"),
            },
            TextProblem::NotAList { found } => match lang {
                Lang::Zh => format!("“{found}”应为列表（JSON 数组 […]）"),
                Lang::En => format!("“{found}” should be a list (a JSON array […])"),
            },
        }
    }
}

/// A number as the file writes it: a whole number written without a point or exponent is an
/// integer (`12`, `2.6万` is not: it is written with a point), anything else a decimal (`1.0`
/// stays `1.0`: `1` and `1.0` are different JSON, and a file read then written is unchanged).
pub fn number_value(x: f64, text: &str) -> Value {
    let written_whole = !text.contains(['.', 'e', 'E', '．', 'ｅ', 'Ｅ']);
    if written_whole && x.fract() == 0.0 && x.abs() < 9e15 {
        Value::from(x as i64)
    } else {
        Value::from(x)
    }
}

/// A typed number (see [`numtext::parse`]), finite.
pub fn read_number(text: &str, spec: &FieldSpec) -> Result<f64, NumberProblem> {
    match numtext::parse(text, spec) {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(NumberProblem::NotANumber),
        Err(p) => Err(p),
    }
}

/// Yes or no, in either language (`是`/`否`, `yes`/`no`, `true`/`false`, `1`/`0`).
pub fn yes_no(s: &str) -> Option<bool> {
    match s.to_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "1" => Some(true),
        "否" | "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A choice given by its file name or its name in either language (also as the people's CSV
/// spells it within GBK, or `?`-mangled by a spreadsheet: [`gbk::same_name`]).
pub fn by_name<T: Choice + Labelled>(s: &str) -> Option<T> {
    T::parse(s).or_else(|| {
        T::VALUES
            .iter()
            .copied()
            .find(|v| gbk::same_name(v.text(Lang::Zh), s) || gbk::same_name(v.text(Lang::En), s))
    })
}

/// The names of a choice's values in `lang` (what an unknown value is told to pick from).
pub fn names<T: Choice + Labelled>(lang: Lang) -> Vec<String> {
    T::VALUES.iter().map(|v| v.text(lang).to_owned()).collect()
}

/// A choice typed as [`by_name`] reads it, as the file writes it (its code); else the problem
/// naming the choices there are.
fn read_choice<T: Choice + Labelled>(s: &str) -> Result<Value, TextProblem> {
    by_name::<T>(s)
        .map(|c| Value::from(c.name()))
        .ok_or_else(|| TextProblem::UnknownChoice {
            found: s.into(),
            expected: names::<T>(Lang::Zh),
        })
}

/// The text of one declared field (not blank) as the file writes it.
pub fn read_text(spec: &FieldSpec, text: &str) -> Result<Value, TextProblem> {
    match spec.kind {
        FieldKind::Number | FieldKind::Count => read_number(text, spec)
            .map(|x| number_value(x, text))
            .map_err(TextProblem::Number),
        FieldKind::Bool => yes_no(text)
            .map(Value::from)
            .ok_or(TextProblem::NotYesNo { found: text.into() }),
        FieldKind::Choice(opts) => opts
            .iter()
            .find(|o| {
                o.value == text
                    || gbk::same_name(o.label_zh, text)
                    || gbk::same_name(o.label_en, text)
            })
            .map(|o| Value::from(o.value))
            .ok_or_else(|| TextProblem::UnknownChoice {
                found: text.into(),
                expected: opts.iter().map(|o| o.label_zh.to_owned()).collect(),
            }),
        // A whole list at once is JSON (its entries are usually typed field by field, by their
        // numbered paths `materials.1.kind`).
        FieldKind::List(_) => serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_array)
            .ok_or(TextProblem::NotAList { found: text.into() }),
    }
}

/// A value of the file as the text of an input: text as it is, numbers as written, yes/no as
/// `true`/`false`, nothing for an absent value or an object.
pub fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// The start month read as a number of the project (1–12, checked by the engine).
pub const START_MONTH: FieldSpec = FieldSpec::count("start_month", "起始月份", "Start month");

/// The project's own fields that [`project_from_texts`] reads: text as it is, except the
/// category (by name) and the start month (a number).
pub const PROJECT_FIELDS: [&str; 6] = [
    "id",
    "name",
    "enterprise",
    "township",
    "category",
    "start_month",
];

/// The project's own numbers beyond [`PROJECT_FIELDS`], read by their declaration: the start
/// year (`start_year`) and the offsets (`offset.<key>`), in form order.
pub fn project_number_fields() -> impl Iterator<Item = &'static FieldSpec> {
    std::iter::once(&crate::file::START_YEAR).chain(crate::file::offset_fields())
}

/// The declaration of one of [`project_number_fields`] by its path.
pub fn project_number_field(path: &str) -> Option<&'static FieldSpec> {
    project_number_fields().find(|f| f.path == path)
}

/// A project as typed: its measure type tag (`""`: none given), its own fields by key (one of
/// [`PROJECT_FIELDS`]) and its measure's fields by their declared path. Blank texts are left out
/// (the engine applies its defaults or says what is missing); callers pass texts trimmed as they
/// mean them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectTexts<'a> {
    pub type_tag: &'a str,
    pub project: Vec<(&'a str, &'a str)>,
    pub measure: Vec<(&'a str, &'a str)>,
}

/// A project built from texts, as the file writes it (not yet checked: [`Draft::read`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft(pub(crate) Value);

impl Draft {
    /// The project checked by the engine as a file's project is.
    pub fn read(&self) -> Result<Valid<Project>, Vec<Error>> {
        load_project(&self.0)
    }

    /// The project's id as written.
    pub fn id(&self) -> Option<&str> {
        self.0.get("id").and_then(Value::as_str)
    }

    /// The same project with at least `n` entries in the list field `list` of its measure
    /// (`materials`): an entry of a form none of whose fields is typed is an empty object, which
    /// the engine names as missing what it needs ("原辅材料 3：材料类别：缺少必填项"), as it is in a
    /// register after `Register::add_list_entry`; texts alone leave blank entries at the end out.
    pub fn with_entries(mut self, list: &str, n: usize) -> Draft {
        let at = format!("measure.{list}");
        let given = path::get(&self.0, &at)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if let (Value::Object(obj), true) = (&mut self.0, n > given) {
            path::set(obj, &format!("{at}.{}", n - 1), Value::Object(Map::new()));
        }
        self
    }

    /// The project object (for a caller that writes JSON itself, such as the CSV import).
    pub fn into_value(self) -> Value {
        self.0
    }
}

/// A project from its texts; each text that does not read is kept as written (so nothing typed
/// is lost; the engine then marks the project) and named with its key or path among the
/// problems.
pub fn project_from_texts(texts: &ProjectTexts) -> (Draft, Vec<(String, TextProblem)>) {
    let mut problems = Vec::new();
    let mut obj = Map::new();
    for &(key, s) in &texts.project {
        if s.is_empty() {
            continue;
        }
        let v = match key {
            "category" => read_choice::<Category>(s),
            "key_category" => read_choice::<KeyCategory>(s),
            "start_month" => read_text(&START_MONTH, s),
            _ => match project_number_field(key) {
                Some(spec) => read_text(spec, s),
                None => Ok(Value::from(s)),
            },
        }
        .unwrap_or_else(|p| {
            problems.push((key.to_owned(), p));
            Value::from(s)
        });
        // `offset.cod_t` goes inside `offset`; a plain key is set as it is.
        path::set(&mut obj, key, v);
    }
    let mut measure = Map::new();
    if !texts.type_tag.is_empty() {
        measure.insert("type".into(), Value::from(texts.type_tag));
    }
    for &(p, s) in &texts.measure {
        if s.is_empty() {
            continue;
        }
        let v = match crate::schema::field(texts.type_tag, p) {
            Some(spec) => read_text(spec, s).unwrap_or_else(|problem| {
                problems.push((p.to_owned(), problem));
                Value::from(s)
            }),
            None => Value::from(s),
        };
        path::set(&mut measure, p, v);
    }
    obj.insert("measure".into(), Value::Object(measure));
    (Draft(Value::Object(obj)), problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_whole_number_is_an_integer_only_when_written_without_a_point() {
        assert_eq!(number_value(12.0, "12"), json!(12));
        assert_eq!(number_value(1000.0, "1,000"), json!(1000));
        assert_eq!(number_value(1000.0, "１０００"), json!(1000));
        assert_eq!(number_value(97.0, "97%"), json!(97));
        assert_eq!(number_value(1.0, "1.0"), json!(1.0));
        assert_eq!(number_value(1.0, "1．0"), json!(1.0));
        assert_eq!(number_value(1000.0, "1e3"), json!(1000.0));
        assert_eq!(number_value(26000.0, "2.6万"), json!(26000.0));
        assert_eq!(number_value(12.5, "12.5"), json!(12.5));
        assert!(number_value(1e16, "10000000000000000").is_f64());
    }

    #[test]
    fn a_projects_choices_read_by_name_and_an_unknown_one_is_named_with_the_choices() {
        let texts = ProjectTexts {
            type_tag: "wastewater",
            project: vec![("category", "结构减排"), ("key_category", "无此类别")],
            measure: vec![],
        };
        let (Draft(v), problems) = project_from_texts(&texts);
        // The known one is written as its code; the unknown one is kept as typed.
        assert_eq!(v["category"], json!("structural"));
        assert_eq!(v["key_category"], json!("无此类别"));
        assert_eq!(problems.len(), 1);
        let (key, problem) = &problems[0];
        assert_eq!(key, "key_category");
        match problem {
            TextProblem::UnknownChoice { found, expected } => {
                assert_eq!(found, "无此类别");
                assert_eq!(expected.len(), KeyCategory::VALUES.len());
            }
            other => panic!("expected an unknown choice, got {other:?}"),
        }
    }
}
