//! The app's state: one store, [`AppState`], holding the open project file and the estimate form
//! as plain data. Components get narrow handles (store fields) to the parts they show or edit;
//! what is computed from the state is in `engine`, what this browser remembers of it in `persist`.

use crate::workspace::Workspace;
use jianpai_core::crediting::Crediting;
use jianpai_core::file::{Category, ElectricityBasis};
use jianpai_core::schema::{fields, FieldSpec};
use jianpai_core::MeasureType;
use jianpai_core::{Choice, SAMPLE_FILE};
use reactive_stores::Store;
use serde_json::Value;

/// Everything the user works on; the app shell owns the one store of it.
#[derive(Store, Clone, Debug, PartialEq)]
pub struct AppState {
    /// The open register (the project file being built) and its undo history.
    pub workspace: Workspace,
    /// The single-project estimate form.
    pub estimate: Estimate,
    /// The form of the register project being edited (same form as the estimate).
    pub editor: Estimate,
    /// Which register project the editor edits, if any.
    pub editing: Option<usize>,
}

/// The estimate form: every measure type keeps its own inputs, so switching type loses nothing.
#[derive(Store, Clone, Debug, PartialEq)]
pub struct Estimate {
    /// Index into `MeasureType::NAMES`.
    pub selected: usize,
    /// One form per measure type, in the order of `MeasureType::NAMES`.
    #[store(key: &'static str = |form| form.type_name)]
    pub types: Vec<TypeForm>,
    /// `settings.crediting` of the file (None = the engine's default).
    pub crediting: Option<Crediting>,
    /// `settings.electricity_basis` (None = the engine's default).
    pub electricity_basis: Option<ElectricityBasis>,
    /// Who and where: the project's identity, saved with it (one set for every type).
    pub identity: Identity,
}

/// A project's identity and the file's region and year, as typed.
#[derive(Store, Clone, Debug, Default, PartialEq)]
pub struct Identity {
    pub id: String,
    pub name: String,
    pub enterprise: String,
    pub township: String,
    pub region: String,
    pub year: String,
}

/// The form of one measure type.
#[derive(Store, Clone, Debug, PartialEq)]
pub struct TypeForm {
    pub type_name: &'static str,
    #[store(key: &'static str = |input| input.spec.path)]
    pub fields: Vec<FieldInput>,
    /// 0 = the whole year, else 1–12.
    pub start_month: u8,
    /// None = the measure type's usual category.
    pub category: Option<Category>,
}

/// One input of the form: a field of one measure type and its text exactly as typed (nothing a
/// user types is lost or changed; the engine reads it when the project is built).
#[derive(Store, Clone, Debug, PartialEq)]
pub struct FieldInput {
    pub spec: &'static FieldSpec,
    pub text: String,
}

/// The element id of a field's input: `f-<path>` with `.` of nested paths written `__` (valid in
/// selectors).
pub fn element_id(spec: &FieldSpec) -> String {
    format!("f-{}", spec.path.replace('.', "__"))
}

/// The index of a measure type in `MeasureType::NAMES`, from its `type` tag.
pub fn type_index(type_name: &str) -> Option<usize> {
    MeasureType::NAMES.iter().position(|t| *t == type_name)
}

impl Estimate {
    /// Every type's form, filled with that type's first project in the built-in sample.
    pub fn from_sample() -> Self {
        let sample: Value = serde_json::from_str(SAMPLE_FILE).unwrap_or(Value::Null);
        let projects = sample
            .get("projects")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let types = MeasureType::NAMES
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
                        text: measure
                            .map(|m| sample_text(m, spec.path))
                            .unwrap_or_default(),
                    })
                    .collect();
                let start_month = project
                    .and_then(|p| p.get("start_month"))
                    .and_then(Value::as_u64)
                    .filter(|m| (1..=12).contains(m))
                    .unwrap_or(0) as u8;
                let category = project
                    .and_then(|p| p.get("category"))
                    .and_then(Value::as_str)
                    .and_then(Category::parse);
                TypeForm {
                    type_name,
                    fields,
                    start_month,
                    category,
                }
            })
            .collect();
        Estimate {
            selected: 0,
            types,
            crediting: None,
            electricity_basis: None,
            identity: Identity {
                id: "p1".into(),
                ..Identity::default()
            },
        }
    }

    /// The form of one register project: its type selected, its fields' texts and identity
    /// taken from the project as written (other types keep the sample's values).
    pub fn from_project(project: &Value, settings: &Value) -> Self {
        let mut e = Estimate::from_sample();
        let text = |key: &str| {
            project
                .get(key)
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => String::new(),
                })
                .unwrap_or_default()
        };
        e.identity = Identity {
            id: text("id"),
            name: text("name"),
            enterprise: text("enterprise"),
            township: text("township"),
            region: String::new(),
            year: String::new(),
        };
        let measure = project.get("measure").cloned().unwrap_or(Value::Null);
        let type_name = measure.get("type").and_then(Value::as_str).unwrap_or("");
        if let Some(i) = type_index(type_name) {
            e.selected = i;
            let tf = &mut e.types[i];
            for f in &mut tf.fields {
                f.text = sample_text(&measure, f.spec.path);
            }
            tf.start_month = project
                .get("start_month")
                .and_then(Value::as_u64)
                .filter(|m| (1..=12).contains(m))
                .unwrap_or(0) as u8;
            tf.category = project
                .get("category")
                .and_then(Value::as_str)
                .and_then(Category::parse);
        }
        e.crediting = settings
            .get("crediting")
            .and_then(Value::as_str)
            .and_then(Crediting::parse);
        e.electricity_basis = settings
            .get("electricity_basis")
            .and_then(Value::as_str)
            .and_then(ElectricityBasis::parse);
        e
    }

    /// The form of the selected type.
    pub fn current(&self) -> Option<&TypeForm> {
        self.types.get(self.selected)
    }

    /// Puts the sample's values back into the selected type's form.
    pub fn reset_current(&mut self) {
        let i = self.selected;
        if let (Some(mine), Some(sample)) =
            (self.types.get_mut(i), Estimate::from_sample().types.get(i))
        {
            mine.clone_from(sample);
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
