//! Where the app loads and computes through `jianpai-core`: opening a project file, the open
//! file's report, and the estimate form read as a project, its result and its project file.
//! (Labels and the form schema are read from the engine where they are shown.)

use crate::state::{Estimate, Identity, TypeForm};
use jianpai_core::error::ErrorKind;
use jianpai_core::file::{load_project, Settings};
use jianpai_core::numtext::{self, NumberProblem, UnitHint};
use jianpai_core::report::{compute_project, ProjectResult};
use jianpai_core::schema::{FieldKind, FieldSpec};
use jianpai_core::{Choice, Error, FactorLibrary, Factors, Project, ProjectFile, Valid};
use serde_json::{Map, Number, Value};

/// Why the estimate form cannot be computed yet.
#[derive(Clone, Debug, PartialEq)]
pub enum FormError {
    /// The text of a field is not a number of that field (also: a `%` where none belongs, a
    /// count that is not whole, unclear thousands).
    Number {
        path: &'static str,
        problem: NumberProblem,
    },
    /// The engine rejected the value of a field (range, after below before) and it looks typed
    /// in the wrong unit: the hint is shown instead of the engine's message.
    UnitHint { path: &'static str, hint: UnitHint },
    /// The engine rejected the project.
    Engine(Error),
}

impl FormError {
    /// The field path the error belongs to: a measure path (`flow_m3_per_day`,
    /// `last_year.cod_t`) or a project field (`start_month`).
    pub fn path(&self) -> Option<&str> {
        match self {
            FormError::Number { path, .. } | FormError::UnitHint { path, .. } => Some(path),
            FormError::Engine(e) => e
                .field
                .as_deref()
                .map(|f| f.strip_prefix("measure.").unwrap_or(f)),
        }
    }
}

impl Estimate {
    /// The selected type's project, read and checked by the engine as a file's project is.
    pub fn project(&self) -> Result<Valid<Project>, Vec<FormError>> {
        let Some(form) = self.current() else {
            return Err(Vec::new());
        };
        load_project(&project_value(form, &self.identity)?)
            .map_err(|errs| errs.into_iter().map(|e| unit_slip(form, e)).collect())
    }

    /// The selected type's project as the file format writes it (not yet checked).
    pub fn project_value(&self) -> Result<Value, Vec<FormError>> {
        let Some(form) = self.current() else {
            return Err(Vec::new());
        };
        project_value(form, &self.identity)
    }

    /// The live result of the selected type: every number comes from `jianpai-core`.
    pub fn result(&self) -> Result<ProjectResult, Vec<FormError>> {
        // The year typed picks year-indexed coefficients (electricity at equal value).
        let factors = Factors::defaults().in_year(self.identity.year.trim().parse().ok());
        compute_project(&self.project()?, &factors, &self.settings()).map_err(engine_errors)
    }

    /// The file settings chosen in the form (None = the engine's default).
    pub fn settings(&self) -> Settings {
        Settings {
            crediting: self.crediting,
            electricity_basis: self.electricity_basis,
            ..Settings::default()
        }
    }

    /// The estimate as a project file (format `jianpai/1`) to send, or to open as a portfolio.
    pub fn project_file(&self) -> Result<ProjectFile, Vec<FormError>> {
        let year = self.identity.year.trim();
        Ok(ProjectFile {
            factor_library: Some(FactorLibrary::builtin().version.clone()),
            settings: self.settings(),
            region: self.identity.region.trim().to_owned(),
            year: year.parse().ok(),
            projects: vec![self.project()?.into_inner()],
            ..ProjectFile::default()
        })
    }
}

/// A project as edited in the form, laid over the project as it was: the form's fields replace
/// theirs (a field left blank is removed), and every field the form does not show — unknown
/// fields, overrides, notes — stays as it was.
pub fn merge_project(base: &Value, built: &Value, form: &TypeForm) -> Value {
    let mut out = base.as_object().cloned().unwrap_or_default();
    let built = built.as_object().cloned().unwrap_or_default();
    for key in [
        "id",
        "name",
        "enterprise",
        "township",
        "start_month",
        "category",
    ] {
        match built.get(key) {
            Some(v) => {
                out.insert(key.into(), v.clone());
            }
            None => {
                out.remove(key);
            }
        }
    }
    let same_type = base.pointer("/measure/type").and_then(Value::as_str) == Some(form.type_name);
    let mut measure = if same_type {
        base.get("measure")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    } else {
        Map::new()
    };
    measure.insert("type".into(), Value::from(form.type_name));
    let built_measure = built.get("measure").cloned().unwrap_or(Value::Null);
    for f in &form.fields {
        remove_path(&mut measure, f.spec.path);
        let pointer = format!("/{}", f.spec.path.replace('.', "/"));
        if let Some(v) = built_measure.pointer(&pointer) {
            insert_path(&mut measure, f.spec.path, v.clone());
        }
    }
    out.insert("measure".into(), Value::Object(measure));
    Value::Object(out)
}

/// Removes the value at a dotted path, and a nested object left empty by it.
fn remove_path(obj: &mut Map<String, Value>, path: &str) {
    match path.split_once('.') {
        None => {
            obj.remove(path);
        }
        Some((head, rest)) => {
            let empty = match obj.get_mut(head) {
                Some(Value::Object(child)) => {
                    remove_path(child, rest);
                    child.is_empty()
                }
                _ => false,
            };
            if empty {
                obj.remove(head);
            }
        }
    }
}

pub fn engine_errors(errs: Vec<Error>) -> Vec<FormError> {
    errs.into_iter().map(FormError::Engine).collect()
}

/// The project as the file format writes it, from the form's texts. Blank fields are left out
/// (the engine applies its defaults or reports them missing); a text that is not a number is
/// reported here, the rest by the engine.
pub fn project_value(form: &TypeForm, identity: &Identity) -> Result<Value, Vec<FormError>> {
    let mut measure = Map::new();
    measure.insert("type".into(), Value::from(form.type_name));
    let mut errors = Vec::new();
    for f in &form.fields {
        let text = f.text.trim();
        if text.is_empty() {
            continue;
        }
        let value = match f.spec.kind {
            FieldKind::Number | FieldKind::Count => match number_value(text, f.spec) {
                Ok(v) => v,
                Err(problem) => {
                    let path = f.spec.path;
                    errors.push(FormError::Number { path, problem });
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
    let id = identity.id.trim();
    project.insert(
        "id".into(),
        Value::from(if id.is_empty() { "p1" } else { id }),
    );
    for (key, text) in [
        ("name", &identity.name),
        ("enterprise", &identity.enterprise),
        ("township", &identity.township),
    ] {
        if !text.trim().is_empty() {
            project.insert(key.into(), Value::from(text.trim()));
        }
    }
    if (1..=12).contains(&form.start_month) {
        project.insert("start_month".into(), Value::from(form.start_month));
    }
    if let Some(category) = form.category {
        project.insert("category".into(), Value::from(category.name()));
    }
    project.insert("measure".into(), Value::Object(measure));
    Ok(Value::Object(project))
}

/// A typed number as JSON, read as people type them (`1,000`, `１０００`, `2.6万`, `97%` on a
/// percentage field; see `numtext::parse`): whole numbers as integers (so counts read as counts).
fn number_value(text: &str, spec: &FieldSpec) -> Result<Value, NumberProblem> {
    let x = numtext::parse(text, spec)?;
    if x.fract() == 0.0 && x.abs() < 9e15 {
        Ok(Value::from(x as i64))
    } else {
        // `parse` gives finite numbers only, which JSON can hold.
        Number::from_f64(x)
            .map(Value::Number)
            .ok_or(NumberProblem::NotANumber)
    }
}

/// The engine's error about a field, or the unit hint instead when the engine rejected the
/// field's range or order and its value looks typed in the wrong unit (0.97 for 97 %, 85 for a
/// rate of 0.85): the hint says what to type, the range alone would not.
fn unit_slip(form: &TypeForm, e: Error) -> FormError {
    let error = FormError::Engine(e);
    slip_hint(form, &error).unwrap_or(error)
}

fn slip_hint(form: &TypeForm, error: &FormError) -> Option<FormError> {
    let FormError::Engine(e) = error else {
        return None;
    };
    let range_or_order = matches!(
        e.kind,
        ErrorKind::Percent { .. }
            | ErrorKind::OutOfRange { .. }
            | ErrorKind::AfterBelowBefore { .. }
    );
    if !range_or_order {
        return None;
    }
    let f = form
        .fields
        .iter()
        .find(|f| Some(f.spec.path) == error.path())?;
    let value = numtext::parse(f.text.trim(), f.spec).ok()?;
    let hint = numtext::unit_hint(value, f.spec)?;
    Some(FormError::UnitHint {
        path: f.spec.path,
        hint,
    })
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
