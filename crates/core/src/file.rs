//! The project file, format `jianpai/1` (design.md §4): the model, reading it with typed errors,
//! and writing it back. Optional fields stay `None` in the model (defaults are applied when
//! computing), so a file read and written again is unchanged, unknown fields included.

use crate::crediting::Crediting;
use crate::decode::{choice, Fields};
use crate::error::{Error, ErrorKind};
use crate::factors::{check_overrides, Override};
use crate::measures::emissions::Emissions;
use crate::measures::Measure;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The format tag this build reads and writes.
pub const FORMAT: &str = "jianpai/1";

choice! {
    /// Basis for converting electricity to standard coal.
    pub enum ElectricityBasis {
        /// 当量值, 0.1229 kgce/kWh (GB/T 2589).
        Equivalent => "equivalent",
        /// 等价值, the thermal-power supply coal rate.
        EqualValue => "equal_value",
    }
}

choice! {
    /// Accounting category of a project (工程 / 结构 / 管理 减排).
    pub enum Category {
        Engineering => "engineering",
        Structural => "structural",
        Management => "management",
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Settings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crediting: Option<Crediting>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub electricity_basis: Option<ElectricityBasis>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Settings {
    pub fn crediting(&self) -> Crediting {
        self.crediting.unwrap_or_default()
    }
    pub fn electricity_basis(&self) -> ElectricityBasis {
        self.electricity_basis
            .unwrap_or(ElectricityBasis::Equivalent)
    }
}

/// The county's targets for the year, under the report keys: the same optional amounts (and kept
/// unknown fields) as a set of annual emissions.
pub type Targets = Emissions;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Project {
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub township: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// First month of stable operation or of closure, 1–12; `None` = the whole year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_month: Option<u8>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, Override>,
    pub measure: Measure,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Project {
    /// The category given, else the measure type's usual one.
    pub fn category(&self) -> Category {
        self.category
            .unwrap_or_else(|| self.measure.default_category())
    }

    /// A new project with the given id and measure, every optional field empty.
    pub fn new(id: impl Into<String>, measure: Measure) -> Self {
        Project {
            id: id.into(),
            name: String::new(),
            township: None,
            category: None,
            start_month: None,
            overrides: BTreeMap::new(),
            measure,
            extra: Map::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectFile {
    pub format: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
    pub settings: Settings,
    #[serde(skip_serializing_if = "Emissions::is_blank")]
    pub targets: Targets,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, Override>,
    /// Version of the factor library the file was last computed with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor_library: Option<String>,
    pub projects: Vec<Project>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for ProjectFile {
    fn default() -> Self {
        ProjectFile {
            format: FORMAT.into(),
            title: String::new(),
            region: String::new(),
            year: None,
            settings: Settings::default(),
            targets: Targets::default(),
            overrides: BTreeMap::new(),
            factor_library: None,
            projects: Vec::new(),
            extra: Map::new(),
        }
    }
}

impl ProjectFile {
    /// The file as pretty JSON, the form the app saves and the CLI reads.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Reads and validates a project file. Every problem found is returned, each naming its
/// project and field; nothing panics on any input.
pub fn load(text: &str) -> Result<ProjectFile, Vec<Error>> {
    load_bytes(text.as_bytes())
}

/// [`load`] for the bytes of a file as saved: a UTF-8 byte-order mark is skipped; bytes that are
/// not UTF-8 and a key given twice in one object are errors (see [`crate::json`]).
pub fn load_bytes(bytes: &[u8]) -> Result<ProjectFile, Vec<Error>> {
    let value =
        crate::json::parse(bytes).map_err(|e| vec![crate::json::to_file_error(e, bytes, true)])?;
    // The projects that decoded are validated too, so every problem is reported at once.
    let (file, mut errors) = decode_file(&value)?;
    errors.extend(validate(&file));
    if errors.is_empty() {
        Ok(file)
    } else {
        Err(errors)
    }
}

/// Reads and validates one project object (the app's form, an imported row) exactly as a project
/// inside a file is read; a project without an id is named by its position, `#1`. Every problem
/// found is returned, each naming the project and field.
pub fn load_project(value: &Value) -> Result<Project, Vec<Error>> {
    let mut errors = Vec::new();
    let project = decode_project(value, 0, &mut errors);
    if let Some(p) = &project {
        errors.extend(validate_project(p));
    }
    match project {
        Some(p) if errors.is_empty() => Ok(p),
        _ => Err(errors),
    }
}

/// [`load_project`] for the bytes of one project object, read as [`load_bytes`] reads a file.
pub fn load_project_bytes(bytes: &[u8]) -> Result<Project, Vec<Error>> {
    let value =
        crate::json::parse(bytes).map_err(|e| vec![crate::json::to_file_error(e, bytes, false)])?;
    load_project(&value)
}

/// Semantic checks of a decoded file (ranges, overrides, duplicate ids). The same checks run
/// before every computation, so a model built in code (the app's forms) gets them too.
pub fn validate(file: &ProjectFile) -> Vec<Error> {
    let mut errors = Vec::new();
    check_overrides(&file.overrides, None, &mut errors);
    for (key, ..) in Targets::KEYS {
        if let Some(v) = file.targets.get(key) {
            let field = Some(format!("targets.{key}"));
            if !v.is_finite() {
                errors.push(Error::new(None, field, ErrorKind::NotFinite));
            } else if v < 0.0 {
                errors.push(Error::new(None, field, ErrorKind::Negative { value: v }));
            }
        }
    }
    let mut seen = BTreeSet::new();
    for p in &file.projects {
        if !seen.insert(p.id.as_str()) {
            errors.push(Error::new(
                Some(&p.id),
                Some("id".into()),
                ErrorKind::DuplicateId { id: p.id.clone() },
            ));
        }
        errors.extend(validate_project(p));
    }
    errors
}

/// Checks one project on its own (month, overrides, measure fields).
pub fn validate_project(p: &Project) -> Vec<Error> {
    let mut errors = Vec::new();
    if let Some(m) = p.start_month {
        if !(1..=12).contains(&m) {
            errors.push(Error::new(
                Some(&p.id),
                Some("start_month".into()),
                ErrorKind::Month {
                    value: f64::from(m),
                },
            ));
        }
    }
    check_overrides(&p.overrides, Some(&p.id), &mut errors);
    p.measure.validate(&p.id, &mut errors);
    errors
}

/// The file with the projects that decoded, and the decoding errors; `Err` when the text is not
/// a `jianpai/1` file at all.
fn decode_file(value: &Value) -> Result<(ProjectFile, Vec<Error>), Vec<Error>> {
    let mut errors = Vec::new();
    let Some(obj) = value.as_object() else {
        return Err(vec![Error::new(None, None, ErrorKind::NotAnObject)]);
    };
    let mut f = Fields::new(obj, None, "", &mut errors);
    let format = f.opt_text("format").unwrap_or_default();
    if format != FORMAT {
        f.error(
            "format",
            ErrorKind::UnsupportedFormat {
                found: format.clone(),
            },
        );
        // A file of another format is not read further: its fields may mean other things.
        return Err(errors);
    }
    let mut file = ProjectFile {
        format,
        title: f.opt_text("title").unwrap_or_default(),
        region: f.opt_text("region").unwrap_or_default(),
        year: whole(&mut f, "year"),
        factor_library: f.opt_text("factor_library"),
        ..ProjectFile::default()
    };
    if let Some(s) = f.opt_object("settings") {
        let mut sf = f.nested(s, "settings");
        file.settings.crediting = sf.opt_choice("crediting");
        file.settings.electricity_basis = sf.opt_choice("electricity_basis");
        file.settings.extra = rest(s, &["crediting", "electricity_basis"]);
    }
    if let Some(t) = f.opt_object("targets") {
        let mut tf = f.nested(t, "targets");
        file.targets = Emissions::decode(&mut tf);
    }
    file.overrides = decode_overrides(&mut f, "overrides");
    match obj.get("projects") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(p) = decode_project(item, i, f.errors) {
                    file.projects.push(p);
                }
            }
        }
        Some(_) => f.error("projects", ErrorKind::NotAList),
    }
    file.extra = rest(
        obj,
        &[
            "format",
            "title",
            "region",
            "year",
            "settings",
            "targets",
            "overrides",
            "factor_library",
            "projects",
        ],
    );
    Ok((file, errors))
}

fn decode_project(value: &Value, index: usize, errors: &mut Vec<Error>) -> Option<Project> {
    let label = format!("#{}", index + 1);
    let Some(obj) = value.as_object() else {
        errors.push(Error::new(Some(&label), None, ErrorKind::NotAnObject));
        return None;
    };
    // The id names the project in every later message; fall back to its position.
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => {
            errors.push(Error::new(
                Some(&label),
                Some("id".into()),
                ErrorKind::Missing,
            ));
            label.clone()
        }
        Some(_) => {
            errors.push(Error::new(
                Some(&label),
                Some("id".into()),
                ErrorKind::NotText,
            ));
            label.clone()
        }
    };
    let before = errors.len();
    let mut f = Fields::new(obj, Some(&id), "", errors);
    let name = f.opt_text("name").unwrap_or_default();
    let township = f.opt_text("township").filter(|t| !t.trim().is_empty());
    let category = f.opt_choice("category");
    let start_month = match f.opt_num("start_month") {
        None => None,
        // Any whole month number is kept so that validation reports it together with the
        // project's other problems; validation checks the 1–12 range.
        Some(m) if m.fract() == 0.0 && (0.0..=255.0).contains(&m) => Some(m as u8),
        Some(m) => {
            f.error("start_month", ErrorKind::Month { value: m });
            None
        }
    };
    let overrides = decode_overrides(&mut f, "overrides");
    let measure = match f.opt_object("measure") {
        Some(m) => {
            let mut mf = f.nested(m, "measure");
            Measure::decode(&mut mf)
        }
        None => {
            // `null` counts as absent: a project is never dropped without an error.
            if !f.has("measure") {
                f.error("measure", ErrorKind::Missing);
            }
            None
        }
    };
    let extra = rest(
        obj,
        &[
            "id",
            "name",
            "township",
            "category",
            "start_month",
            "overrides",
            "measure",
        ],
    );
    let measure = measure?;
    (errors.len() == before).then_some(Project {
        id,
        name,
        township,
        category,
        start_month,
        overrides,
        measure,
        extra,
    })
}

fn decode_overrides(f: &mut Fields<'_>, key: &str) -> BTreeMap<String, Override> {
    let mut out = BTreeMap::new();
    let Some(obj) = f.opt_object(key) else {
        return out;
    };
    let mut of = f.nested(obj, key);
    for (id, v) in obj {
        let Some(o) = v.as_object() else {
            of.error(id, ErrorKind::NotAnObject);
            continue;
        };
        let mut vf = of.nested(o, id);
        let value = vf.num("value");
        let note = vf.opt_text("note").unwrap_or_default();
        out.insert(id.clone(), Override { value, note });
    }
    out
}

fn whole(f: &mut Fields<'_>, key: &str) -> Option<i64> {
    let v = f.opt_num(key)?;
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Some(v as i64)
    } else {
        f.error(key, ErrorKind::NotAnInteger);
        None
    }
}

/// The fields of `obj` not in `known`, kept so that saving never drops a user's data.
fn rest(obj: &Map<String, Value>, known: &[&str]) -> Map<String, Value> {
    obj.iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}
