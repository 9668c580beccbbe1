//! The register as a table for people (a spreadsheet both ways): [`people_csv`] writes it in the
//! active language, [`import::import_csv`] reads it back (and the plain [`template`] per measure
//! type), so that export then import gives the same register — the same file, nothing lost.
//!
//! Layout of the people's CSV (UTF-8 with BOM, formulas neutralised, CRLF):
//! 1. the file block: one row per field of the file, `label [path]` then the value — title,
//!    region, year, settings (their names in the language), targets, factor overrides
//!    (`[overrides.<id>.value]`, `[overrides.<id>.note]`), any other field of the file, `[json]`
//!    when those rows cannot hold everything (below), and the credited totals (`[total.<key>]`,
//!    only for reading: import ignores them);
//! 2. an empty row;
//! 3. the header row: every column is `label (unit) [path]`; import maps columns by the path in
//!    brackets (a bare path, as in the template, works too);
//! 4. one row per project: id, name, enterprise, township, category and type (their names in
//!    the language), start month, then every input of the measure types present (exactly as
//!    saved, blank when not given; texts with their spaces), when some project has a review its
//!    status (by name) and note (`[review.status]`, `[review.note]`; the evidence in `[json]`),
//!    `[json]` when some project needs it,
//!    then the credited result as the page shows it (two decimals, counts whole, blank when zero
//!    or not counted: `[result.<key>]`), the months credited and why a project is not counted
//!    (`[problems]`); import ignores these last columns.
//!
//! `[json]` holds, as one JSON object, what the other cells of its row cannot: a project's own
//! factor overrides, fields the file format does not declare (`{"zz": 1, "measure": {"zz_m": 2}}`),
//! a value of the wrong kind. [`people_csv`] finds it by reading its own table back
//! ([`import_csv`]) and comparing; import lays it over the row's project (objects key by key).
//!
//! Within GBK, so that Excel or WPS saving the table as GBK loses nothing: headers, names of
//! choices and messages are spelt by [`gbk::safe`] (`SO2`, `m3/d`, "13 - 起始月"); import also
//! reads a name `?`-mangled by an earlier export's trip through GBK. A text a spreadsheet would
//! change (`0012`, an 18-digit id, `3/4`) gets the formula guard's apostrophe ([`cells::guard`]).
//! Import names, by row and column, cells past the last named column and texts a spreadsheet has
//! probably changed already ([`Problem::Mangled`]).

pub mod cells;
pub mod import;
pub mod mapping;
pub mod workbook;
pub mod xlsx;

use crate::bulletin::grouped;
use crate::choice::Choice;
use crate::export::cell;
use crate::field::{FieldKind, FieldSpec};
use crate::gbk;
use crate::key::Key;
use crate::labels::Labelled;
use crate::lang::{Label, Lang};
use crate::measure_type::MeasureType;
use crate::path;
use crate::register::{EntryResult, Register, RegisterReport};
use crate::review::ReviewStatus;
use crate::schema::{laid_out as columns_of, FieldAt};
use crate::settings::{BulletinOrder, Category, Crediting, ElectricityBasis, GridCo2, Method};
use cells::guard;
use serde_json::{Map, Value};

pub use import::{import_csv, import_csv_beside, Mangling, Problem, RowProblem};

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

/// `label (unit) [path]`, the header of a column or the first cell of a file-block row, within
/// GBK ([`gbk::safe`]: `SO2`, `m3/d`).
fn header(label: &str, unit: &str, path: &str) -> String {
    let (label, unit) = (gbk::safe(label), gbk::safe(unit));
    match unit.as_ref() {
        "" => format!("{label} [{path}]"),
        u => format!("{label} ({u}) [{path}]"),
    }
}

/// The path of the column (and of the file-block row) holding, as one JSON object, what the
/// other columns do not (a project's own factor overrides, fields the format does not declare).
const JSON_PATH: &str = "json";

/// The `[json]` column's and row's label.
fn json_label(lang: Lang) -> &'static str {
    lang.pick("其他字段（JSON）", "Other fields (JSON)")
}

/// A value of a choice field's name in `lang` (within GBK); the value itself when it has none.
fn choice_text(spec: &FieldSpec, value: &str, lang: Lang) -> String {
    match spec.choice_label(value, lang) {
        Some(l) => gbk::safe(l).into_owned(),
        None => guard(value).into_owned(),
    }
}

/// One JSON value as a cell: text as it is, numbers exactly as saved (so that they read back
/// the same), true/false as yes/no in the language, anything else as JSON.
fn value_text(v: &Value, lang: Lang) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => guard(s).into_owned(),
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
        "settings.method" => (l("核算方法", "Accounting method"), ""),
        "settings.bulletin_order" => (l("简报污染物顺序", "Bulletin order"), ""),
        "settings.bulletin_so2" => (l("简报写二氧化硫", "Bulletin SO2 clause"), ""),
        "settings.grid_co2" => (l("电网排放因子口径", "Grid emission factor basis"), ""),
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
        "settings.crediting" => Crediting::parse(s).map(|c| gbk::safe(c.text(lang)).into_owned()),
        "settings.electricity_basis" => {
            ElectricityBasis::parse(s).map(|c| gbk::safe(c.text(lang)).into_owned())
        }
        "settings.method" => Method::parse(s).map(|c| gbk::safe(c.text(lang)).into_owned()),
        "settings.bulletin_order" => {
            BulletinOrder::parse(s).map(|c| gbk::safe(c.text(lang)).into_owned())
        }
        "settings.grid_co2" => GridCo2::parse(s).map(|c| gbk::safe(c.text(lang)).into_owned()),
        _ => None,
    }
    .unwrap_or_else(|| value_text(v, lang))
}

/// One measure input column (a field of a list's entry named "原辅材料 2：材料类别").
type InputColumn = FieldAt;

/// `label (unit) [path]` of an input column.
fn input_header(c: &InputColumn, lang: Lang) -> String {
    header(&c.label(lang), &c.spec.unit_text(), &c.path)
}

/// The measure inputs of the types present in the register, in type then form order; a path
/// shared by several types (`coal_t`) is one column, named by the first type using it. A list
/// field has as many entries' columns as the longest list of the register.
fn input_columns(register: &Register) -> Vec<InputColumn> {
    let mut out: Vec<InputColumn> = Vec::new();
    for t in MeasureType::ALL {
        if !register.projects.iter().any(|e| e.type_tag() == t.code()) {
            continue;
        }
        let longest = |f: &FieldSpec| {
            register
                .projects
                .iter()
                .filter(|e| e.type_tag() == t.code())
                .filter_map(|e| path::get(&e.value, &format!("measure.{}", f.path)))
                .filter_map(Value::as_array)
                .map(Vec::len)
                .max()
                .unwrap_or(0)
        };
        for c in columns_of(crate::measures::fields(*t), longest) {
            if !out.iter().any(|o| o.path == c.path) {
                out.push(c);
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

/// What the columns could not hold, to be written as JSON: the file's and each project's.
struct Rest {
    head: Option<Value>,
    projects: Vec<Option<Value>>,
}

/// The register as a spreadsheet for people, in `lang` (the layout is in the module docs). The
/// table is read back as an import would read it; whatever did not come back (a project's own
/// overrides, undeclared fields, a value of the wrong kind) is written again in `[json]`.
pub fn people_csv(register: &Register, lang: Lang) -> String {
    let rr = register.compute();
    let plain = write(register, &rr, lang, None);
    let Ok((back, _)) = import_csv(&plain) else {
        return plain;
    };
    let head = missing(
        &Value::Object(register.head.clone()),
        &Value::Object(back.head),
    );
    let projects: Vec<Option<Value>> = match back.projects.len() == register.projects.len() {
        true => (register.projects.iter().zip(&back.projects))
            .map(|(e, b)| missing(&e.value, &b.value))
            .collect(),
        false => Vec::new(),
    };
    if head.is_none() && projects.iter().all(Option::is_none) {
        return plain;
    }
    write(register, &rr, lang, Some(&Rest { head, projects }))
}

/// What must be laid over `got` ([`import::merge`]) to make `want`: each key of `want` that `got`
/// lacks or holds otherwise (objects compared key by key); `None` when they are equal.
fn missing(want: &Value, got: &Value) -> Option<Value> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            let out = crate::order::object(w.iter().filter_map(|(k, wv)| match g.get(k) {
                Some(gv) => missing(wv, gv).map(|d| (k.clone(), d)),
                None => Some((k.clone(), wv.clone())),
            }));
            (!out.is_empty()).then_some(Value::Object(out))
        }
        _ if want == got => None,
        _ => Some(want.clone()),
    }
}

fn write(register: &Register, rr: &RegisterReport, lang: Lang, rest: Option<&Rest>) -> String {
    let mut out = String::from('\u{feff}');
    for (path, v) in head_leaves(&register.head) {
        let (label, unit) = head_label(&path, lang);
        push_row(
            &mut out,
            &[header(&label, unit, &path), head_value(&path, &v, lang)],
        );
    }
    if let Some(h) = rest.and_then(|r| r.head.as_ref()) {
        push_row(
            &mut out,
            &[header(json_label(lang), "", JSON_PATH), h.to_string()],
        );
    }
    let json_column = rest.is_some_and(|r| r.projects.iter().any(Option::is_some));
    // The review's status and note, only when some project has a review (its evidence goes in
    // `[json]`).
    let reviews = register
        .projects
        .iter()
        .any(|e| e.value.get("review").is_some());
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
    head.extend(inputs.iter().map(|c| input_header(c, lang)));
    if reviews {
        head.push(header(
            lang.pick("审核状态", "Review status"),
            "",
            "review.status",
        ));
        head.push(header(
            lang.pick("审核意见", "Reviewer's note"),
            "",
            "review.note",
        ));
    }
    if json_column {
        head.push(header(json_label(lang), "", JSON_PATH));
    }
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
    for (i, (e, r)) in register.projects.iter().zip(&rr.results).enumerate() {
        let v = &e.value;
        let text = |k: &str| v.get(k).map_or(String::new(), |x| value_text(x, lang));
        let category = v.get("category").and_then(Value::as_str);
        let category = category.map_or(String::new(), |c| match Category::parse(c) {
            Some(c) => c.text(lang).to_owned(),
            None => guard(c).into_owned(),
        });
        let tag = e.type_tag();
        let ty = match MeasureType::parse(tag) {
            Some(t) => t.text(lang).to_owned(),
            None => guard(tag).into_owned(),
        };
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
        for c in &inputs {
            row.push(match path::get(&measure, &c.path) {
                None => String::new(),
                Some(Value::String(s)) if matches!(c.spec.kind, FieldKind::Choice(_)) => {
                    choice_text(c.spec, s, lang)
                }
                Some(x) => value_text(x, lang),
            });
        }
        if reviews {
            let status = path::get(v, "review.status");
            row.push(match status.and_then(Value::as_str) {
                Some(st) => match ReviewStatus::parse(st) {
                    Some(st) => gbk::safe(st.text(lang)).into_owned(),
                    None => guard(st).into_owned(),
                },
                None => status.map_or(String::new(), |x| value_text(x, lang)),
            });
            row.push(path::get(v, "review.note").map_or(String::new(), |x| value_text(x, lang)));
        }
        if json_column {
            let j = rest
                .and_then(|r| r.projects.get(i))
                .and_then(Option::as_ref);
            row.push(j.map_or(String::new(), Value::to_string));
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
            let msgs: Vec<String> = errs
                .iter()
                .map(|e| gbk::safe(&e.message(lang)).into_owned())
                .collect();
            row.push(msgs.join(lang.pick("；", "; ")));
        }
    }
}

/// The import template of one measure type, documented in `lang` (within GBK): rows of notes
/// (first cell starting with `#`, skipped by import), the header of plain project-file paths,
/// and one example project to replace.
pub fn template(t: MeasureType, lang: Lang) -> String {
    let fields = crate::measures::fields(t);
    let mut out = String::from('\u{feff}');
    // Within GBK too: a template is filled in a spreadsheet and may come back as GBK.
    let note = |out: &mut String, s: String| push_row(out, &[format!("# {}", gbk::safe(&s))]);
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
        for item in f.items() {
            note(&mut out, format!("  {}", field_note(item, lang)));
        }
    }
    let example = example(t);
    // A list field: as many entries' columns as the example has, at least two.
    let entries = |f: &FieldSpec| {
        let given = example
            .as_ref()
            .and_then(|e| path::get(e, &format!("measure.{}", f.path)))
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        given.max(2)
    };
    let columns = columns_of(fields, entries);
    let mut head: Vec<String> = PROJECT_COLUMNS.iter().map(|(p, _)| p.to_string()).collect();
    head.extend(columns.iter().map(|c| c.path.clone()));
    push_row(&mut out, &head);
    if let Some(example) = example {
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
        row.extend(columns.iter().map(|c| {
            path::get(&measure, &c.path).map_or(String::new(), |x| value_text(x, Lang::En))
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
        FieldKind::List(_) => s.push_str(&format!(
            "{}{}.0.…, {}.1.…",
            lang.pick(
                "；每项一组列，从 0 起编号：",
                "; a group of columns per entry, numbered from 0: "
            ),
            f.path,
            f.path
        )),
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
