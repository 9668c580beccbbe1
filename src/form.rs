//! The project form: its model ([`Estimate`]: every measure type's texts as typed, the identity,
//! the file settings chosen), the edits an input makes ([`Edit`]), the form read as a project
//! through the engine's one text reader (`jianpai_core::form::project_from_texts`; unit-slip
//! hints), its result and its project file; the form of a register project derived from the
//! project ([`Estimate::from_entry`]); and [`Typed`], the text as typed over a stored value
//! (kept while it is not a number, or while the value is what it left).

use jianpai_core::error::ErrorKind;
use jianpai_core::field::{item_path, FieldSpec};
use jianpai_core::form::{
    project_from_texts, project_number_fields, Draft, ProjectTexts, TextProblem,
};
use jianpai_core::numtext::{self, NumberProblem, UnitHint};
use jianpai_core::register::{Entry, EntryKey, Register};
use jianpai_core::report::{compute_project, ProjectResult};
use jianpai_core::schema::fields;
use jianpai_core::{
    Category, Choice, Crediting, ElectricityBasis, Error, FactorLibrary, Factors, KeyCategory,
    MeasureType, Project, ProjectFile, Settings, Valid, SAMPLE_FILE,
};
use reactive_stores::Store;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

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
    /// The project's own numbers, whatever its type: the start year and the offsets
    /// (`jianpai_core::form::project_number_fields`), as typed.
    #[store(key: &'static str = |input| input.spec.path)]
    pub project_fields: Vec<FieldInput>,
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
    /// The entries of each list field of the type (`vocs_substitution`'s materials), as typed.
    pub lists: Vec<ListInput>,
    /// The 十四五 category; None = the measure's usual one.
    pub key_category: Option<KeyCategory>,
}

/// The entries of one list field, each entry's texts in the order of the list's item fields
/// (`FieldSpec::items`); the field `text` of the list itself in [`TypeForm::fields`] is unused.
#[derive(Clone, Debug, PartialEq)]
pub struct ListInput {
    pub spec: &'static FieldSpec,
    pub entries: Vec<Vec<String>>,
}

impl ListInput {
    /// A list with one blank entry (a list field asks for at least one).
    fn blank(spec: &'static FieldSpec) -> Self {
        ListInput {
            spec,
            entries: vec![vec![String::new(); spec.items().len()]],
        }
    }

    /// The numbered paths and texts of every entry's fields (`materials.1.kind`).
    pub fn texts(&self) -> impl Iterator<Item = (String, &str)> + '_ {
        self.entries.iter().enumerate().flat_map(move |(i, texts)| {
            self.spec
                .items()
                .iter()
                .zip(texts)
                .map(move |(item, t)| (item_path(self.spec.path, i, item.path), t.as_str()))
        })
    }
}

/// One input of the form: a field of one measure type and its text exactly as typed (nothing a
/// user types is lost or changed; the engine reads it when the project is built).
#[derive(Store, Clone, Debug, PartialEq)]
pub struct FieldInput {
    pub spec: &'static FieldSpec,
    pub text: String,
}

/// One of the identity's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityField {
    Id,
    Name,
    Enterprise,
    Township,
    Region,
    Year,
}

impl IdentityField {
    /// The project's own field it is saved as (`None`: the file's region and year).
    fn project_key(self) -> Option<&'static str> {
        match self {
            IdentityField::Id => Some("id"),
            IdentityField::Name => Some("name"),
            IdentityField::Enterprise => Some("enterprise"),
            IdentityField::Township => Some("township"),
            IdentityField::Region | IdentityField::Year => None,
        }
    }

    const PROJECT: [IdentityField; 4] = [
        IdentityField::Id,
        IdentityField::Name,
        IdentityField::Enterprise,
        IdentityField::Township,
    ];
}

impl Identity {
    pub fn get(&self, f: IdentityField) -> &str {
        match f {
            IdentityField::Id => &self.id,
            IdentityField::Name => &self.name,
            IdentityField::Enterprise => &self.enterprise,
            IdentityField::Township => &self.township,
            IdentityField::Region => &self.region,
            IdentityField::Year => &self.year,
        }
    }

    fn slot(&mut self, f: IdentityField) -> &mut String {
        match f {
            IdentityField::Id => &mut self.id,
            IdentityField::Name => &mut self.name,
            IdentityField::Enterprise => &mut self.enterprise,
            IdentityField::Township => &mut self.township,
            IdentityField::Region => &mut self.region,
            IdentityField::Year => &mut self.year,
        }
    }
}

/// What one input of the form changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Identity(IdentityField, String),
    /// The text of a field (by path) of the selected type.
    Field(&'static str, String),
    /// The selected type, by index into `MeasureType::NAMES`.
    Type(usize),
    /// The text of one of the project's own numbers (by path: `start_year`, `offset.cod_t`).
    ProjectField(&'static str, String),
    /// The text of field `item` (its path inside the entry, `kind`) of entry `index` of the list
    /// field `list` (`materials`) of the selected type.
    ItemField {
        list: &'static str,
        index: usize,
        item: &'static str,
        text: String,
    },
    /// A blank entry added at the end of a list field.
    AddItem(&'static str),
    /// Entry `.1` of list field `.0` removed (the later ones move up).
    RemoveItem(&'static str, usize),
    /// 0 = the whole year.
    StartMonth(u8),
    Category(Option<Category>),
    KeyCategory(Option<KeyCategory>),
    Crediting(Option<Crediting>),
    ElectricityBasis(Option<ElectricityBasis>),
    /// The whole form (restoring the sample's values, and undoing that).
    Replace(Box<Estimate>),
}

/// The element id of a field's input: `f-<path>` with `.` of nested paths written `__` (valid in
/// selectors).
pub fn element_id(spec: &FieldSpec) -> String {
    element_id_at(spec.path)
}

/// The element id of the input at a path (`materials.1.kind`: `f-materials__1__kind`).
pub fn element_id_at(path: &str) -> String {
    format!("f-{}", path.replace('.', "__"))
}

/// The index of a measure type in `MeasureType::NAMES`, from its `type` tag.
pub fn type_index(type_name: &str) -> Option<usize> {
    MeasureType::NAMES.iter().position(|t| *t == type_name)
}

/// Why the estimate form cannot be computed yet.
#[derive(Clone, Debug, PartialEq)]
pub enum FormError {
    /// The text of a field is not a number of that field (also: a `%` where none belongs, a
    /// count that is not whole, unclear thousands).
    Number {
        path: String,
        problem: NumberProblem,
    },
    /// The text of a field is not one of its values.
    Text { path: String, problem: TextProblem },
    /// The engine rejected the value of a field (range, after below before) and it looks typed
    /// in the wrong unit: the hint is shown instead of the engine's message.
    UnitHint { path: String, hint: UnitHint },
    /// The engine rejected the project.
    Engine(Error),
}

impl FormError {
    /// The field path the error belongs to: a measure path (`flow_m3_per_day`,
    /// `last_year.cod_t`) or a project field (`start_month`).
    pub fn path(&self) -> Option<&str> {
        match self {
            FormError::Number { path, .. }
            | FormError::Text { path, .. }
            | FormError::UnitHint { path, .. } => Some(path.as_str()),
            FormError::Engine(e) => e
                .field
                .as_deref()
                .map(|f| f.strip_prefix("measure.").unwrap_or(f)),
        }
    }
}

pub fn engine_errors(errs: Vec<Error>) -> Vec<FormError> {
    errs.into_iter().map(FormError::Engine).collect()
}

/// The built-in sample county, read once.
fn sample_register() -> &'static Register {
    static SAMPLE: OnceLock<Register> = OnceLock::new();
    SAMPLE.get_or_init(|| Register::from_bytes(SAMPLE_FILE.as_bytes()).unwrap_or_default())
}

/// The start month as the project writes it ("" for the whole year).
fn month_text(m: u8) -> String {
    if (1..=12).contains(&m) {
        m.to_string()
    } else {
        String::new()
    }
}

/// The start month of an entry as the form keeps it (0: the whole year).
fn month_of(e: &Entry) -> u8 {
    e.start_month()
        .filter(|m| (1..=12).contains(m))
        .unwrap_or(0) as u8
}

impl TypeForm {
    /// The list input of a list field by its path.
    pub fn list(&self, path: &str) -> Option<&ListInput> {
        self.lists.iter().find(|l| l.spec.path == path)
    }

    /// The text of field `item` of entry `index` of list `list` ("" when there is none).
    pub fn item_text(&self, list: &str, index: usize, item: &str) -> &str {
        self.list(list)
            .and_then(|l| {
                let at = l.spec.items().iter().position(|f| f.path == item)?;
                l.entries.get(index)?.get(at)
            })
            .map_or("", String::as_str)
    }

    /// The text of a field by path ("" when the type has no such field).
    pub fn text(&self, path: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.spec.path == path)
            .map_or("", |f| f.text.as_str())
    }

    /// The type's form filled from a project of that type.
    fn fill_from(&mut self, e: &Entry) {
        for f in &mut self.fields {
            f.text = e.field_text(&format!("measure.{}", f.spec.path));
        }
        for list in &mut self.lists {
            let at = format!("measure.{}", list.spec.path);
            let n = jianpai_core::path::get(e.value(), &at)
                .and_then(|v| v.as_array())
                .map_or(0, Vec::len);
            list.entries = (0..n)
                .map(|i| {
                    list.spec
                        .items()
                        .iter()
                        .map(|item| e.field_text(&format!("{at}.{i}.{}", item.path)))
                        .collect()
                })
                .collect();
        }
        self.start_month = month_of(e);
        self.category = e.category();
        self.key_category = e.key_category();
    }
}

/// The project's own numbers, blank.
fn blank_project_fields() -> Vec<FieldInput> {
    project_number_fields()
        .map(|spec| FieldInput {
            spec,
            text: String::new(),
        })
        .collect()
}

impl Estimate {
    /// The text of one of the project's own numbers by path ("" when blank).
    pub fn project_text(&self, path: &str) -> &str {
        self.project_fields
            .iter()
            .find(|f| f.spec.path == path)
            .map_or("", |f| f.text.as_str())
    }

    /// Every type's form, filled with that type's first project in the built-in sample.
    pub fn from_sample() -> Self {
        sample_form().clone()
    }

    /// The form as an applicant first sees it: every field blank (the sample's values are its
    /// placeholders, [`sample_text`]), the whole year, the type's usual category, the id `p1`.
    pub fn blank() -> Self {
        let mut form = Estimate::from_sample();
        for tf in &mut form.types {
            for f in &mut tf.fields {
                f.text.clear();
            }
            tf.start_month = 0;
            tf.category = None;
            tf.key_category = None;
            for list in &mut tf.lists {
                *list = ListInput::blank(list.spec);
            }
        }
        form
    }
}

/// The sample's text of a field of the type at `type_index` ("" when the sample has no project
/// of that type or leaves the field blank): the placeholder of the blank form.
pub fn sample_text(type_index: usize, path: &str) -> &'static str {
    sample_form()
        .types
        .get(type_index)
        .map_or("", |t| t.text(path))
}

/// The sample's text of field `item` of entry `index` of the list field `list` of the type at
/// `type_index` ("" when the sample has no such entry): the placeholder of a blank entry.
pub fn sample_item_text(type_index: usize, list: &str, index: usize, item: &str) -> &'static str {
    sample_form()
        .types
        .get(type_index)
        .map_or("", |t| t.item_text(list, index, item))
}

/// Every type's form filled from the built-in sample, built once.
fn sample_form() -> &'static Estimate {
    static FORM: OnceLock<Estimate> = OnceLock::new();
    FORM.get_or_init(|| {
        let sample = sample_register();
        let types = MeasureType::NAMES
            .iter()
            .map(|&type_name| {
                let mut form = TypeForm {
                    type_name,
                    fields: fields(type_name)
                        .iter()
                        .map(|spec| FieldInput {
                            spec,
                            text: String::new(),
                        })
                        .collect(),
                    start_month: 0,
                    category: None,
                    lists: fields(type_name)
                        .iter()
                        .filter(|f| f.is_list())
                        .map(ListInput::blank)
                        .collect(),
                    key_category: None,
                };
                if let Some(e) = sample.projects.iter().find(|e| e.type_tag() == type_name) {
                    form.fill_from(e);
                }
                form
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
            project_fields: blank_project_fields(),
        }
    })
}

impl Estimate {
    /// The form of one register project, derived from it: its type selected, its fields' texts
    /// and identity as written (other types keep the sample's values), the file's settings, and
    /// over them the texts as typed that `typed` keeps for this project.
    pub fn from_entry(e: &Entry, settings: &Settings, typed: &Typed) -> Self {
        let mut form = Estimate::from_sample();
        let key = e.key();
        for f in IdentityField::PROJECT {
            let path = f.project_key().unwrap_or_default();
            *form.identity.slot(f) = typed.shown(&entry_path(key, path), &e.field_text(path));
        }
        form.identity.region = String::new();
        form.identity.year = String::new();
        for f in &mut form.project_fields {
            let path = f.spec.path;
            f.text = typed.shown(&entry_path(key, path), &e.field_text(path));
        }
        if let Some(i) = type_index(e.type_tag()) {
            form.selected = i;
            let tf = &mut form.types[i];
            tf.fill_from(e);
            for f in &mut tf.fields {
                let path = format!("measure.{}", f.spec.path);
                f.text = typed.shown(&entry_path(key, &path), &f.text);
            }
            for list in &mut tf.lists {
                for (n, texts) in list.entries.iter_mut().enumerate() {
                    for (item, t) in list.spec.items().iter().zip(texts.iter_mut()) {
                        let path = format!("measure.{}", item_path(list.spec.path, n, item.path));
                        *t = typed.shown(&entry_path(key, &path), t);
                    }
                }
            }
        }
        form.crediting = settings.crediting;
        form.electricity_basis = settings.electricity_basis;
        form
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

    /// Applies one input's change.
    pub fn apply(&mut self, edit: &Edit) {
        let i = self.selected;
        match edit {
            Edit::Identity(f, text) => text.clone_into(self.identity.slot(*f)),
            Edit::Field(path, text) => {
                if let Some(f) = self
                    .types
                    .get_mut(i)
                    .and_then(|t| t.fields.iter_mut().find(|f| f.spec.path == *path))
                {
                    text.clone_into(&mut f.text);
                }
            }
            Edit::ProjectField(path, text) => {
                if let Some(f) = self
                    .project_fields
                    .iter_mut()
                    .find(|f| f.spec.path == *path)
                {
                    text.clone_into(&mut f.text);
                }
            }
            Edit::ItemField {
                list,
                index,
                item,
                text,
            } => {
                let slot = self
                    .types
                    .get_mut(i)
                    .and_then(|t| t.lists.iter_mut().find(|l| l.spec.path == *list))
                    .and_then(|l| {
                        let at = l.spec.items().iter().position(|f| f.path == *item)?;
                        l.entries.get_mut(*index)?.get_mut(at)
                    });
                if let Some(slot) = slot {
                    text.clone_into(slot);
                }
            }
            Edit::AddItem(list) => {
                if let Some(l) = self
                    .types
                    .get_mut(i)
                    .and_then(|t| t.lists.iter_mut().find(|l| l.spec.path == *list))
                {
                    l.entries.push(vec![String::new(); l.spec.items().len()]);
                }
            }
            Edit::RemoveItem(list, index) => {
                if let Some(l) = self
                    .types
                    .get_mut(i)
                    .and_then(|t| t.lists.iter_mut().find(|l| l.spec.path == *list))
                    .filter(|l| *index < l.entries.len())
                {
                    l.entries.remove(*index);
                }
            }
            Edit::Type(t) if *t < self.types.len() => self.selected = *t,
            Edit::Type(_) => {}
            Edit::StartMonth(m) => {
                if let Some(t) = self.types.get_mut(i) {
                    t.start_month = *m;
                }
            }
            Edit::Category(c) => {
                if let Some(t) = self.types.get_mut(i) {
                    t.category = *c;
                }
            }
            Edit::KeyCategory(c) => {
                if let Some(t) = self.types.get_mut(i) {
                    t.key_category = *c;
                }
            }
            Edit::Crediting(c) => self.crediting = *c,
            Edit::ElectricityBasis(b) => self.electricity_basis = *b,
            Edit::Replace(e) => *self = (**e).clone(),
        }
    }

    /// The selected type's texts as the engine's text reader takes them (trimmed; a blank id
    /// is `p1`).
    fn with_texts<T>(&self, form: &TypeForm, f: impl FnOnce(&ProjectTexts) -> T) -> T {
        let id = self.identity.id.trim();
        let month = month_text(form.start_month);
        let mut project = vec![
            ("id", if id.is_empty() { "p1" } else { id }),
            ("name", self.identity.name.trim()),
            ("enterprise", self.identity.enterprise.trim()),
            ("township", self.identity.township.trim()),
            ("start_month", &month),
            ("category", form.category.map_or("", Choice::name)),
            ("key_category", form.key_category.map_or("", Choice::name)),
        ];
        project.extend(
            self.project_fields
                .iter()
                .map(|f| (f.spec.path, f.text.trim())),
        );
        let items: Vec<(String, &str)> = form.lists.iter().flat_map(ListInput::texts).collect();
        let texts = ProjectTexts {
            type_tag: form.type_name,
            project,
            measure: form
                .fields
                .iter()
                .filter(|f| !f.spec.is_list())
                .map(|f| (f.spec.path, f.text.trim()))
                .chain(items.iter().map(|(p, t)| (p.as_str(), t.trim())))
                .collect(),
        };
        f(&texts)
    }

    /// The selected type's project as the file format writes it (not yet checked), or the
    /// texts that do not read.
    pub fn draft(&self) -> Result<Draft, Vec<FormError>> {
        let Some(form) = self.current() else {
            return Err(Vec::new());
        };
        let (draft, problems) = self.with_texts(form, project_from_texts);
        if problems.is_empty() {
            let draft = form
                .lists
                .iter()
                .fold(draft, |d, l| d.with_entries(l.spec.path, l.entries.len()));
            return Ok(draft);
        }
        Err(problems
            .into_iter()
            .map(|(path, problem)| {
                let known = form
                    .fields
                    .iter()
                    .map(|f| f.spec.path)
                    .chain(["start_month", "category", "key_category"])
                    .chain(self.project_fields.iter().map(|f| f.spec.path))
                    .any(|p| p == path)
                    || jianpai_core::schema::list_of(form.type_name, &path).is_some();
                let path = if known { path } else { String::new() };
                match problem {
                    TextProblem::Number(problem) => FormError::Number { path, problem },
                    problem => FormError::Text { path, problem },
                }
            })
            .collect())
    }

    /// The selected type's project, read and checked by the engine as a file's project is.
    pub fn project(&self) -> Result<Valid<Project>, Vec<FormError>> {
        let Some(form) = self.current() else {
            return Err(Vec::new());
        };
        self.draft()?
            .read()
            .map_err(|errs| errs.into_iter().map(|e| unit_slip(form, e)).collect())
    }

    /// The live result of the selected type: every number comes from `jianpai-core`.
    pub fn result(&self) -> Result<Arc<ProjectResult>, Vec<FormError>> {
        // The year typed picks year-indexed coefficients (electricity at equal value).
        let factors = Factors::defaults().in_year(self.identity.year.trim().parse().ok());
        compute_project(&self.project()?, &factors, &self.settings())
            .map(Arc::new)
            .map_err(engine_errors)
    }

    /// The file settings chosen in the form (None = the engine's default).
    pub fn settings(&self) -> Settings {
        Settings {
            crediting: self.crediting,
            electricity_basis: self.electricity_basis,
            ..Settings::default()
        }
    }

    /// The estimate as a register of its one project: the saved file read back, as `jianpai
    /// report --format html` reads it (the printout is that document).
    pub fn register(&self) -> Result<Register, Vec<FormError>> {
        let file = self.project_file()?;
        Register::from_bytes(file.to_compact_json().as_bytes()).map_err(engine_errors)
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

/// The key of a project's field in [`Typed`].
pub fn entry_path(key: EntryKey, path: &str) -> String {
    format!("{}:{path}", key.get())
}

/// Writes the form's change to the register project it edits, field by field: only what the
/// edit changed is written (every other field of the project stays as it was), each text read
/// by the engine; returns the texts typed, by their [`Typed`] key, with what each left stored.
pub fn write_edit(
    register: &mut Register,
    key: EntryKey,
    before: &Estimate,
    after: &Estimate,
) -> Vec<(String, String, String)> {
    let mut typed = Vec::new();
    let (Some(old), Some(new)) = (before.current(), after.current()) else {
        return typed;
    };
    let mut set = |register: &mut Register, path: &str, text: &str, stored: &str| {
        let _ = register.set_project_text(key, path, stored);
        let left = register
            .get(key)
            .map(|e| e.field_text(path))
            .unwrap_or_default();
        typed.push((entry_path(key, path), text.to_owned(), left));
    };
    for f in IdentityField::PROJECT {
        let (a, b) = (before.identity.get(f), after.identity.get(f));
        if a != b {
            let path = f.project_key().unwrap_or_default();
            let trimmed = b.trim();
            let stored = if f == IdentityField::Id && trimmed.is_empty() {
                "p1"
            } else {
                trimmed
            };
            set(register, path, b, stored);
        }
    }
    if old.type_name != new.type_name {
        let items: Vec<(String, &str)> = new.lists.iter().flat_map(ListInput::texts).collect();
        let texts: Vec<(&str, &str)> = new
            .fields
            .iter()
            .filter(|f| !f.spec.is_list())
            .map(|f| (f.spec.path, f.text.trim()))
            .chain(items.iter().map(|(p, t)| (p.as_str(), t.trim())))
            .collect();
        register.set_project_type(key, new.type_name, &texts);
    } else {
        for (a, b) in old.fields.iter().zip(&new.fields) {
            if a.text != b.text {
                let path = format!("measure.{}", b.spec.path);
                set(register, &path, &b.text, b.text.trim());
            }
        }
        for (a, b) in old.lists.iter().zip(&new.lists) {
            let list = format!("measure.{}", b.spec.path);
            if b.entries.len() < a.entries.len() {
                // One entry removed: the first that differs.
                let at = (0..b.entries.len())
                    .find(|&i| a.entries[i] != b.entries[i])
                    .unwrap_or(b.entries.len());
                register.remove_list_entry(key, &list, at);
                continue;
            }
            for _ in a.entries.len()..b.entries.len() {
                register.add_list_entry(key, &list);
            }
            let blank = Vec::new();
            for (i, texts) in b.entries.iter().enumerate() {
                let before = a.entries.get(i).unwrap_or(&blank);
                for (n, (item, text)) in b.spec.items().iter().zip(texts).enumerate() {
                    if before.get(n).map_or("", String::as_str) != text {
                        let path = format!("{list}.{i}.{}", item.path);
                        set(register, &path, text, text.trim());
                    }
                }
            }
        }
    }
    for (a, b) in before.project_fields.iter().zip(&after.project_fields) {
        if a.text != b.text {
            set(register, b.spec.path, &b.text, b.text.trim());
        }
    }
    if old.start_month != new.start_month || old.type_name != new.type_name {
        let _ = register.set_project_text(key, "start_month", &month_text(new.start_month));
    }
    if old.category != new.category || old.type_name != new.type_name {
        let c = new.category.map_or("", Choice::name);
        let _ = register.set_project_text(key, "category", c);
    }
    if old.key_category != new.key_category || old.type_name != new.type_name {
        let c = new.key_category.map_or("", Choice::name);
        let _ = register.set_project_text(key, "key_category", c);
    }
    typed
}

/// Texts as typed over stored values: a field shows what was typed into it while the stored
/// value is still what that typing left (a text that is not yet a number leaves the value as it
/// was; `2.6万` leaves 26000), and the stored value once anything else changes it (undo, redo,
/// another file). One overlay serves the register editor and the file's own fields; keys name
/// the field (`<entry key>:<path>`, `head:<path>`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Typed(HashMap<String, (String, String)>);

impl Typed {
    /// What the field shows, given the text of its stored value.
    pub fn shown(&self, key: &str, stored: &str) -> String {
        match self.0.get(key) {
            Some((typed, left)) if left == stored => typed.clone(),
            _ => stored.to_owned(),
        }
    }

    /// Whether the field shows what was typed (not the stored value's text).
    pub fn is_typed(&self, key: &str, stored: &str) -> bool {
        self.0.get(key).is_some_and(|(_, left)| left == stored)
    }

    /// Keeps `typed` for the field, with the text of the value it left stored.
    pub fn set(&mut self, key: String, typed: String, left: String) {
        self.0.insert(key, (typed, left));
    }

    /// Forgets every text typed (a project opened afresh shows what is stored).
    pub fn clear(&mut self) {
        self.0.clear();
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
        path: f.spec.path.to_owned(),
        hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_shown_while_the_value_is_what_it_left() {
        let mut t = Typed::default();
        assert_eq!(t.shown("head:year", "2026"), "2026");
        t.set("head:year".into(), "２０２７".into(), "2027".into());
        assert_eq!(t.shown("head:year", "2027"), "２０２７");
        assert!(t.is_typed("head:year", "2027"));
        // An undo changed the value: the value shows.
        assert_eq!(t.shown("head:year", "2026"), "2026");
        assert!(!t.is_typed("head:year", "2026"));
        t.clear();
        assert_eq!(t.shown("head:year", "2027"), "2027");
    }

    #[test]
    fn an_edit_of_the_editor_writes_only_the_field_it_changed() {
        let mut r = Register::from_bytes(SAMPLE_FILE.as_bytes()).unwrap();
        let e = r.projects[0].clone();
        let key = e.key();
        let before = Estimate::from_entry(&e, &r.settings(), &Typed::default());
        let path = before.current().unwrap().fields[0].spec.path;
        let mut after = before.clone();
        after.apply(&Edit::Field(path, "x".into()));
        let typed = write_edit(&mut r, key, &before, &after);
        assert_eq!(
            *r.projects[0], *e,
            "text that does not read changes nothing"
        );
        assert_eq!(typed.len(), 1);
        let mut overlay = Typed::default();
        for (k, t, left) in typed {
            overlay.set(k, t, left);
        }
        let shown = Estimate::from_entry(&r.projects[0], &r.settings(), &overlay);
        assert_eq!(shown.current().unwrap().fields[0].text, "x");
        assert!(shown.draft().is_err(), "and the form says why");
        let mut again = after.clone();
        again.apply(&Edit::Identity(IdentityField::Name, "改名 ".into()));
        write_edit(&mut r, key, &after, &again);
        assert_eq!(r.projects[0].text("name"), "改名");
        assert_eq!(r.projects[0].value()["measure"], e.value()["measure"]);
    }
}
