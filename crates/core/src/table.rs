//! The register as a table for people (a spreadsheet both ways): [`people_csv`] writes it in the
//! active language, [`import::import_csv`] reads it back (and the plain [`template`] per measure
//! type), so that export then import gives the same register.
//!
//! Layout of the people's CSV (UTF-8 with BOM, formulas neutralised, CRLF):
//! 1. the file block: one row per field of the file, `label [path]` then the value — title,
//!    region, year, settings (their names in the language), targets, factor overrides
//!    (`[overrides.<id>.value]`, `[overrides.<id>.note]`), any other field of the file, and the
//!    credited totals (`[total.<key>]`, only for reading: import ignores them);
//! 2. an empty row;
//! 3. the header row: every column is `label (unit) [path]`; import maps columns by the path in
//!    brackets (a bare path, as in the template, works too);
//! 4. one row per project: id, name, enterprise, township, category and type (their names in
//!    the language), start month, then every input of the measure types present (exactly as
//!    saved, blank when not given), then the credited result as the page shows it (two decimals,
//!    counts whole, blank when zero or not counted: `[result.<key>]`), the months credited and
//!    why a project is not counted (`[problems]`); import ignores these last columns.
//!
//! Not in the table (so not brought back by an import): a project's own factor overrides and
//! fields the project file does not declare.

pub mod cells;
pub mod import;

use crate::bulletin::grouped;
use crate::choice::Choice;
use crate::export::cell;
use crate::field::{FieldKind, FieldSpec};
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::{Label, Lang};
use crate::measure_type::MeasureType;
use crate::path;
use crate::register::{EntryResult, Register};
use crate::settings::{Category, Crediting, ElectricityBasis};
use serde_json::{Map, Value};

pub use import::{import_csv, Problem, RowProblem};

/// The project's own columns, before the measure's inputs: path and label.
pub const PROJECT_COLUMNS: [(&str, Label); 7] = [
    ("id", Label::new("编号", "ID")),
    ("name", Label::new("项目名称", "Name")),
    ("enterprise", Label::new("企业", "Enterprise")),
    ("township", Label::new("乡镇", "Township")),
    ("category", Label::new("类别", "Category")),
    ("type", Label::new("措施类型", "Measure type")),
    ("start_month", Label::new("起始月份", "Start month")),
];

/// `label (unit) [path]`, the header of a column or the first cell of a file-block row.
fn header(label: &str, unit: &str, path: &str) -> String {
    match unit {
        "" => format!("{label} [{path}]"),
        u => format!("{label} ({u}) [{path}]"),
    }
}

/// A value of a choice field's name in `lang`; the value itself when it has none.
fn choice_text(spec: &FieldSpec, value: &str, lang: Lang) -> String {
    spec.choice_label(value, lang).unwrap_or(value).to_owned()
}

/// One JSON value as a cell: text as it is, numbers exactly as saved (so that they read back
/// the same), true/false as yes/no in the language, anything else as JSON.
fn value_text(v: &Value, lang: Lang) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => yes_no(*b, lang).to_owned(),
        Value::Array(_) | Value::Object(_) => v.to_string(),
    }
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    match b {
        true => lang.pick("是", "yes"),
        false => lang.pick("否", "no"),
    }
}

/// The name of a file-block row: known fields by their label, others by their path.
fn head_label(path: &str, lang: Lang) -> (String, &'static str) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en).to_owned();
    match path {
        "format" => (l("文件格式", "File format"), ""),
        "title" => (l("标题", "Title"), ""),
        "region" => (l("地区", "Region"), ""),
        "year" => (l("年度", "Year"), ""),
        "factor_library" => (l("系数库版本", "Factor library"), ""),
        "settings.crediting" => (l("计入规则", "Crediting"), ""),
        "settings.electricity_basis" => (l("电力折标", "Electricity basis"), ""),
        _ => {
            if let Some(k) = path.strip_prefix("targets.").and_then(Key::parse) {
                let name = format!("{}{}", l("目标 ", "Target "), k.text(lang));
                return (name, k.unit().get(lang));
            }
            if let Some(rest) = path.strip_prefix("overrides.") {
                if let Some(id) = rest.strip_suffix(".value") {
                    return (format!("{}{id}", l("系数覆盖 ", "Factor override ")), "");
                }
                if let Some(id) = rest.strip_suffix(".note") {
                    return (format!("{}{id}", l("覆盖依据 ", "Override note ")), "");
                }
            }
            (path.to_owned(), "")
        }
    }
}

/// Every leaf of the file's own fields as (path, value); objects are walked, lists kept whole.
fn head_leaves(head: &Map<String, Value>) -> Vec<(String, Value)> {
    fn walk(prefix: &str, obj: &Map<String, Value>, out: &mut Vec<(String, Value)>) {
        for (k, v) in obj {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                Value::Object(o) if !o.is_empty() => walk(&path, o, out),
                _ => out.push((path, v.clone())),
            }
        }
    }
    let mut out = Vec::new();
    walk("", head, &mut out);
    out
}

/// A file-block value as written: settings by their names, the rest as saved.
fn head_value(path: &str, v: &Value, lang: Lang) -> String {
    let s = v.as_str().unwrap_or("");
    match path {
        "settings.crediting" => Crediting::parse(s).map(|c| c.text(lang).to_owned()),
        "settings.electricity_basis" => ElectricityBasis::parse(s).map(|c| c.text(lang).to_owned()),
        _ => None,
    }
    .unwrap_or_else(|| value_text(v, lang))
}

/// The measure inputs of the types present in the register, in type then form order; a path
/// shared by several types (`coal_t`) is one column, named by the first type using it.
fn input_columns(register: &Register) -> Vec<&'static FieldSpec> {
    let mut out: Vec<&'static FieldSpec> = Vec::new();
    for t in MeasureType::ALL {
        if !register.projects.iter().any(|e| e.type_tag() == t.code()) {
            continue;
        }
        for f in crate::measures::fields(*t) {
            if !out.iter().any(|o| o.path == f.path) {
                out.push(f);
            }
        }
    }
    out
}

/// A credited amount as the page shows it, without grouping: two decimals (trailing zeros
/// dropped), counts whole, blank for zero.
fn shown(key: Key, v: f64) -> String {
    if v == 0.0 {
        return String::new();
    }
    grouped(v, if key.is_count() { 0 } else { 2 }).replace(',', "")
}

fn push_row(out: &mut String, row: &[String]) {
    let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// The register as a spreadsheet for people, in `lang` (the layout is in the module docs).
pub fn people_csv(register: &Register, lang: Lang) -> String {
    let rr = register.compute();
    let mut out = String::from('\u{feff}');
    for (path, v) in head_leaves(&register.head) {
        let (label, unit) = head_label(&path, lang);
        push_row(
            &mut out,
            &[header(&label, unit, &path), head_value(&path, &v, lang)],
        );
    }
    if let Ok(report) = &rr.report {
        for k in Key::ALL {
            let label = format!(
                "{}{}",
                lang.pick("合计（计入）", "Total credited "),
                k.text(lang)
            );
            let path = format!("total.{}", k.code());
            push_row(
                &mut out,
                &[
                    header(&label, k.unit().get(lang), &path),
                    shown(k, report.totals[k]),
                ],
            );
        }
    }
    out.push_str("\r\n");
    let inputs = input_columns(register);
    let mut head: Vec<String> = PROJECT_COLUMNS
        .iter()
        .map(|(p, l)| header(l.get(lang), "", p))
        .collect();
    head.extend(
        inputs
            .iter()
            .map(|f| header(f.label(lang), &f.unit_text(), f.path)),
    );
    for k in Key::ALL {
        let label = format!("{}{}", lang.pick("计入 ", "Credited "), k.text(lang));
        head.push(header(
            &label,
            k.unit().get(lang),
            &format!("result.{}", k.code()),
        ));
    }
    head.push(header(
        lang.pick("计入月数", "Months credited"),
        "",
        "result.months",
    ));
    head.push(header(
        lang.pick("未计入原因", "Why not counted"),
        "",
        "problems",
    ));
    push_row(&mut out, &head);
    for (e, r) in register.projects.iter().zip(&rr.results) {
        let v = &e.value;
        let text = |k: &str| v.get(k).map_or(String::new(), |x| value_text(x, lang));
        let category = v.get("category").and_then(Value::as_str);
        let category = category.map_or(String::new(), |c| {
            Category::parse(c).map_or(c.to_owned(), |c| c.text(lang).to_owned())
        });
        let tag = e.type_tag();
        let ty = MeasureType::parse(tag).map_or(tag.to_owned(), |t| t.text(lang).to_owned());
        let mut row = vec![
            text("id"),
            text("name"),
            text("enterprise"),
            text("township"),
            category,
            ty,
            text("start_month"),
        ];
        let measure = v.get("measure").cloned().unwrap_or(Value::Null);
        for f in &inputs {
            row.push(match path::get(&measure, f.path) {
                None => String::new(),
                Some(Value::String(s)) if matches!(f.kind, FieldKind::Choice(_)) => {
                    choice_text(f, s, lang)
                }
                Some(x) => value_text(x, lang),
            });
        }
        result_cells(&mut row, r, lang);
        push_row(&mut out, &row);
    }
    out
}

fn result_cells(row: &mut Vec<String>, r: &EntryResult, lang: Lang) {
    match r {
        Ok(p) => {
            row.extend(Key::ALL.iter().map(|k| shown(*k, p.credited[*k])));
            row.push(p.months.to_string());
            row.push(String::new());
        }
        Err(errs) => {
            row.extend(Key::ALL.iter().map(|_| String::new()));
            row.push(String::new());
            let msgs: Vec<String> = errs.iter().map(|e| e.message(lang)).collect();
            row.push(msgs.join(lang.pick("；", "; ")));
        }
    }
}

/// The import template of one measure type, documented in `lang`: rows of notes (first cell
/// starting with `#`, skipped by import), the header of plain project-file paths, and one
/// example project to replace.
pub fn template(t: MeasureType, lang: Lang) -> String {
    let fields = crate::measures::fields(t);
    let mut out = String::from('\u{feff}');
    let note = |out: &mut String, s: String| push_row(out, &[format!("# {s}")]);
    note(
        &mut out,
        format!(
            "{}{}",
            lang.pick("减排项目导入模板：", "Import template for projects: "),
            t.text(lang)
        ),
    );
    note(
        &mut out,
        lang.pick(
            "每行一个项目；列名是项目文件中的字段名。以 # 开头的行不导入。数字可写作 1,000、2.6万、97%。",
            "One project a row; columns are named as the fields of the project file. Rows starting \
             with # are not imported. Numbers may be written 1,000, 2.6万 or 97%.",
        )
        .to_owned(),
    );
    for (p, l) in PROJECT_COLUMNS {
        let extra = match p {
            "category" => Category::VALUES
                .iter()
                .map(|c| format!("{} = {}", c.name(), c.text(lang)))
                .collect::<Vec<_>>()
                .join(" / "),
            "type" => format!("{} = {}", t.code(), t.text(lang)),
            "start_month" => lang
                .pick("1–12，空白为全年", "1–12, blank for the whole year")
                .into(),
            "id" => lang.pick("必填，不可重复", "required, unique").into(),
            _ => String::new(),
        };
        note(&mut out, format!("{p}: {} {extra}", l.get(lang)));
    }
    for f in fields {
        note(&mut out, field_note(f, lang));
    }
    let mut head: Vec<String> = PROJECT_COLUMNS.iter().map(|(p, _)| p.to_string()).collect();
    head.extend(fields.iter().map(|f| f.path.to_owned()));
    push_row(&mut out, &head);
    if let Some(example) = example(t) {
        let mut row: Vec<String> = PROJECT_COLUMNS
            .iter()
            .map(|(p, _)| match *p {
                "type" => t.code().to_owned(),
                _ => example
                    .get(*p)
                    .map_or(String::new(), |x| value_text(x, Lang::En)),
            })
            .collect();
        let measure = example.get("measure").cloned().unwrap_or(Value::Null);
        row.extend(fields.iter().map(|f| {
            path::get(&measure, f.path).map_or(String::new(), |x| value_text(x, Lang::En))
        }));
        push_row(&mut out, &row);
    }
    out
}

/// One field of the template's notes: path, label, unit, required, default, choices.
fn field_note(f: &FieldSpec, lang: Lang) -> String {
    let mut s = format!("{}: {}", f.path, f.label(lang));
    let unit = f.unit_text();
    if !unit.is_empty() {
        s.push_str(&format!(" ({unit})"));
    }
    if f.required {
        s.push_str(lang.pick("，必填", ", required"));
    }
    if let Some(d) = f.default {
        s.push_str(&format!(
            "{}{d}",
            lang.pick("，空白时取 ", ", blank means ")
        ));
    }
    if let Some(d) = f.default_choice {
        s.push_str(&format!(
            "{}{d}",
            lang.pick("，空白时取 ", ", blank means ")
        ));
    }
    match f.kind {
        FieldKind::Choice(opts) => {
            let list: Vec<String> = opts
                .iter()
                .map(|o| format!("{} = {}", o.value, o.label(lang)))
                .collect();
            s.push_str(&format!(
                "{}{}",
                lang.pick("；可选：", "; one of: "),
                list.join(" / ")
            ));
        }
        FieldKind::Bool => s.push_str(lang.pick("；是/否", "; yes/no")),
        FieldKind::Count => s.push_str(lang.pick("；整数", "; a whole number")),
        FieldKind::Number => {}
    }
    s
}

/// The sample's first project of type `t`, as the template's example row.
fn example(t: MeasureType) -> Option<Value> {
    let sample: Value = serde_json::from_str(crate::SAMPLE_FILE).ok()?;
    sample
        .get("projects")?
        .as_array()?
        .iter()
        .find(|p| path::get(p, "measure.type").and_then(Value::as_str) == Some(t.code()))
        .cloned()
}
