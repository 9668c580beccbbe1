//! App state: the single-project estimate form. Field texts are kept exactly as typed (nothing a
//! user types is lost or changed); the project and its result are derived from them.

use jianpai_core::crediting::Crediting;
use jianpai_core::file::{load_project, ElectricityBasis, Settings};
use jianpai_core::measures::TYPES;
use jianpai_core::report::{compute_project, ProjectResult};
use jianpai_core::schema::{fields, FieldKind, FieldSpec};
use jianpai_core::{
    Choice, Error, FactorLibrary, Factors, Lang, Project, ProjectFile, SAMPLE_FILE,
};
use leptos::prelude::*;
use serde_json::{Map, Number, Value};

/// One input of the form: a field of one measure type and its text as typed.
#[derive(Clone, Copy)]
pub struct FieldInput {
    pub spec: &'static FieldSpec,
    pub text: RwSignal<String>,
}

impl FieldInput {
    /// The element id: `f-<path>` with `.` of nested paths written `__` (valid in selectors).
    pub fn element_id(&self) -> String {
        format!("f-{}", self.spec.path.replace('.', "__"))
    }
}

/// The form of one measure type: its fields and its first month.
#[derive(Clone)]
pub struct TypeForm {
    pub type_name: &'static str,
    pub fields: Vec<FieldInput>,
    /// 0 = the whole year, else 1–12.
    pub start_month: RwSignal<u8>,
    /// `engineering`, `structural`, `management`, or "" for the type's usual category.
    pub category: RwSignal<String>,
}

/// Why the form cannot be computed yet.
#[derive(Clone, Debug, PartialEq)]
pub enum FormError {
    /// The text of a field is not a number.
    NotANumber { path: &'static str },
    /// The engine rejected the project.
    Engine(Error),
}

impl FormError {
    /// The field path the error belongs to: a measure path (`flow_m3_per_day`,
    /// `last_year.cod_t`) or a project field (`start_month`).
    pub fn path(&self) -> Option<&str> {
        match self {
            FormError::NotANumber { path } => Some(path),
            FormError::Engine(e) => e
                .field
                .as_deref()
                .map(|f| f.strip_prefix("measure.").unwrap_or(f)),
        }
    }
}

/// The estimate form: every measure type keeps its own inputs, so switching type loses nothing.
#[derive(Clone, Copy)]
pub struct EstimateForm {
    /// Index into `measures::TYPES`.
    pub selected: RwSignal<usize>,
    pub types: StoredValue<Vec<TypeForm>>,
    /// `settings.crediting` of the file ("" = the default, `start_month`).
    pub crediting: RwSignal<String>,
    /// `settings.electricity_basis` ("" = the default, `equivalent`).
    pub electricity_basis: RwSignal<String>,
}

impl EstimateForm {
    /// Every type's form, filled with that type's first project in the built-in sample.
    pub fn from_sample() -> Self {
        let sample: Value = serde_json::from_str(SAMPLE_FILE).unwrap_or(Value::Null);
        let projects = sample
            .get("projects")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let types = TYPES
            .iter()
            .map(|&type_name| {
                let project = projects.iter().find(|p| {
                    p.pointer("/measure/type").and_then(Value::as_str) == Some(type_name)
                });
                let measure = project.and_then(|p| p.get("measure"));
                let fields = fields(type_name)
                    .iter()
                    .map(|spec| FieldInput {
                        spec,
                        text: RwSignal::new(
                            measure
                                .map(|m| sample_text(m, spec.path))
                                .unwrap_or_default(),
                        ),
                    })
                    .collect();
                let month = project
                    .and_then(|p| p.get("start_month"))
                    .and_then(Value::as_u64)
                    .filter(|m| (1..=12).contains(m))
                    .unwrap_or(0) as u8;
                let category = project
                    .and_then(|p| p.get("category"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                TypeForm {
                    type_name,
                    fields,
                    start_month: RwSignal::new(month),
                    category: RwSignal::new(category.to_owned()),
                }
            })
            .collect();
        EstimateForm {
            selected: RwSignal::new(0),
            types: StoredValue::new(types),
            crediting: RwSignal::new(String::new()),
            electricity_basis: RwSignal::new(String::new()),
        }
    }

    /// The form of the selected type.
    pub fn current(&self) -> Option<TypeForm> {
        let i = self.selected.get();
        self.types.with_value(|t| t.get(i).cloned())
    }

    /// Selects a type by its `type` tag.
    pub fn select(&self, type_name: &str) {
        if let Some(i) = TYPES.iter().position(|t| *t == type_name) {
            self.selected.set(i);
        }
    }

    /// Puts the sample's values back into the selected type's inputs.
    pub fn reset_current(&self) {
        let sample = EstimateForm::from_sample();
        let i = self.selected.get_untracked();
        let (Some(mine), Some(theirs)) = (
            self.types.with_value(|t| t.get(i).cloned()),
            sample.types.with_value(|t| t.get(i).cloned()),
        ) else {
            return;
        };
        for (a, b) in mine.fields.iter().zip(&theirs.fields) {
            a.text.set(b.text.get_untracked());
        }
        mine.start_month.set(theirs.start_month.get_untracked());
        mine.category.set(theirs.category.get_untracked());
    }

    /// Everything typed, as JSON for this browser's storage:
    /// `{"selected": type, "types": {type: {"start_month": m, "fields": {path: text}}}}`.
    /// Reading it tracks every input, so an effect saving it runs after each edit.
    pub fn snapshot(&self) -> String {
        let mut types = Map::new();
        self.types.with_value(|all| {
            for form in all {
                let fields: Map<String, Value> = form
                    .fields
                    .iter()
                    .map(|f| (f.spec.path.to_owned(), Value::from(f.text.get())))
                    .collect();
                let mut entry = Map::new();
                entry.insert("start_month".into(), Value::from(form.start_month.get()));
                entry.insert("category".into(), Value::from(form.category.get()));
                entry.insert("fields".into(), Value::Object(fields));
                types.insert(form.type_name.to_owned(), Value::Object(entry));
            }
        });
        let selected = TYPES.get(self.selected.get()).copied().unwrap_or_default();
        let mut root = Map::new();
        root.insert("selected".into(), Value::from(selected));
        root.insert("crediting".into(), Value::from(self.crediting.get()));
        root.insert(
            "electricity_basis".into(),
            Value::from(self.electricity_basis.get()),
        );
        root.insert("types".into(), Value::Object(types));
        Value::Object(root).to_string()
    }

    /// The form as last saved in this browser, else the sample. A saved state that is damaged or
    /// from another version is read as far as it matches; the rest keeps the sample's values.
    pub fn restore(saved: Option<&str>) -> Self {
        let form = EstimateForm::from_sample();
        let Some(saved) = saved.and_then(|s| serde_json::from_str::<Value>(s).ok()) else {
            return form;
        };
        form.types.with_value(|all| {
            for tf in all {
                let Some(entry) = saved.pointer(&format!("/types/{}", tf.type_name)) else {
                    continue;
                };
                if let Some(m) = entry
                    .get("start_month")
                    .and_then(Value::as_u64)
                    .filter(|m| *m <= 12)
                {
                    tf.start_month.set(m as u8);
                }
                if let Some(c) = entry.get("category").and_then(Value::as_str) {
                    tf.category.set(c.to_owned());
                }
                for f in &tf.fields {
                    if let Some(text) = entry
                        .get("fields")
                        .and_then(|o| o.get(f.spec.path))
                        .and_then(Value::as_str)
                    {
                        f.text.set(text.to_owned());
                    }
                }
            }
        });
        if let Some(t) = saved.get("selected").and_then(Value::as_str) {
            form.select(t);
        }
        if let Some(c) = saved.get("crediting").and_then(Value::as_str) {
            form.crediting.set(c.to_owned());
        }
        if let Some(b) = saved.get("electricity_basis").and_then(Value::as_str) {
            form.electricity_basis.set(b.to_owned());
        }
        form
    }

    /// The selected type's project, read and checked by the engine as a file's project is.
    pub fn project(&self) -> Result<Project, Vec<FormError>> {
        let Some(form) = self.current() else {
            return Err(Vec::new());
        };
        load_project(&project_value(&form)?).map_err(engine_errors)
    }

    /// The live result of the selected type: every number comes from `jianpai-core`.
    pub fn result(&self) -> Result<ProjectResult, Vec<FormError>> {
        compute_project(&self.project()?, &Factors::defaults(), &self.settings())
            .map_err(engine_errors)
    }

    /// The file settings chosen in the form (blank = the engine's default).
    pub fn settings(&self) -> Settings {
        Settings {
            crediting: self.crediting.with(|c| Crediting::parse(c)),
            electricity_basis: self.electricity_basis.with(|b| ElectricityBasis::parse(b)),
            ..Settings::default()
        }
    }

    /// The estimate as a project file (format `jianpai/1`) to send, or to open as a portfolio.
    pub fn project_file(&self) -> Result<ProjectFile, Vec<FormError>> {
        Ok(ProjectFile {
            factor_library: Some(FactorLibrary::builtin().version.clone()),
            settings: self.settings(),
            projects: vec![self.project()?],
            ..ProjectFile::default()
        })
    }
}

fn engine_errors(errs: Vec<Error>) -> Vec<FormError> {
    errs.into_iter().map(FormError::Engine).collect()
}

/// The project as the file format writes it, from the form's texts. Blank fields are left out
/// (the engine applies its defaults or reports them missing); a text that is not a number is
/// reported here, the rest by the engine.
fn project_value(form: &TypeForm) -> Result<Value, Vec<FormError>> {
    let mut measure = Map::new();
    measure.insert("type".into(), Value::from(form.type_name));
    let mut errors = Vec::new();
    for f in &form.fields {
        let text = f.text.get();
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let value = match f.spec.kind {
            FieldKind::Number | FieldKind::Count => match number_value(text) {
                Some(v) => v,
                None => {
                    errors.push(FormError::NotANumber { path: f.spec.path });
                    continue;
                }
            },
            FieldKind::Choice(_) => Value::from(text),
            FieldKind::Bool => Value::Bool(text == "true"),
        };
        insert_path(&mut measure, f.spec.path, value);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut project = Map::new();
    project.insert("id".into(), Value::from("estimate"));
    let month = form.start_month.get();
    if (1..=12).contains(&month) {
        project.insert("start_month".into(), Value::from(month));
    }
    let category = form.category.get();
    if !category.is_empty() {
        project.insert("category".into(), Value::from(category));
    }
    project.insert("measure".into(), Value::Object(measure));
    Ok(Value::Object(project))
}

/// A typed number as JSON: whole numbers as integers (so counts read as counts); `None` for text
/// that is not a finite number.
fn number_value(text: &str) -> Option<Value> {
    let x: f64 = text.parse().ok()?;
    if x.fract() == 0.0 && x.abs() < 9e15 {
        Some(Value::from(x as i64))
    } else {
        Number::from_f64(x).map(Value::Number)
    }
}

/// Puts `value` at a dotted path (`last_year.cod_t`), creating the nested objects.
fn insert_path(obj: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            obj.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let child = obj
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(child) = child {
                insert_path(child, rest, value);
            }
        }
    }
}

/// A sample value at a dotted path, as the text of an input.
fn sample_text(measure: &Value, path: &str) -> String {
    let pointer = format!("/{}", path.replace('.', "/"));
    match measure.pointer(&pointer) {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Storage key of the estimate form's texts.
pub const ESTIMATE_KEY: &str = "jianpai.estimate";

/// The chosen interface language, remembered in this browser.
pub fn initial_lang() -> Lang {
    match crate::platform::load("jianpai.lang").as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}
