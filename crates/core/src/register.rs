//! A register being edited: the file's own fields and its projects exactly as the user gave them.
//! Every project is kept, even one that does not read (it is marked and left out of the totals,
//! never dropped), and saving writes back what was read, unknown fields included, so that
//! `jianpai report` totals the saved file as the app shows it.
//!
//! The file's JSON stays inside: callers read and edit it through typed methods — the file's own
//! fields by path from typed text ([`Register::set_field_text`]), targets, overrides checked by
//! the engine ([`Register::set_override`]), projects by their [`EntryKey`] (add, duplicate,
//! remove, one field from typed text) — and [`RESULT_INPUTS`] names the file fields a project's
//! result depends on (what a cache of results and a project sent alone must follow).

use crate::choice::Choice;
use crate::error::{Error, ErrorKind};
use crate::factors::{check_overrides, FactorLibrary, Factors, Override};
use crate::field::FieldSpec;
use crate::file::{load_project_at, load_value, Project, ProjectFile, Valid, FORMAT, TARGETS};
use crate::form::{self, Draft, ProjectTexts, TextProblem};
use crate::key::{Amounts, Key};
use crate::path;
use crate::report::{
    assemble, compute_project, compute_project_numbers_in, ProjectResult, ReadsSeen, Report,
};
use crate::review::{is_date, ReviewStatus};
use crate::settings::{
    BulletinOrder, Category, Crediting, ElectricityBasis, GridCo2, KeyCategory, Method, Settings,
};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::Arc;

/// The file's own fields a project's result depends on: its settings, its overrides, its year
/// (year-indexed coefficients) and its factor library. Nothing else of the file (title, region,
/// targets …) changes any project's result; a cache of results is valid while these are unchanged
/// ([`Register::result_inputs`]).
pub const RESULT_INPUTS: [&str; 4] = ["settings", "overrides", "year", "factor_library"];

/// The file's own fields a project carries when it is sent on its own
/// ([`Register::project_alone`]): what makes it a `jianpai/1` file, the region it is in, and
/// [`RESULT_INPUTS`], so that it computes as it does in its register.
pub const PROJECT_CONTEXT: [&str; 6] = [
    "format",
    "factor_library",
    "region",
    "year",
    "settings",
    "overrides",
];

/// The values of [`RESULT_INPUTS`] in one register, to compare with another's.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultInputs([Option<Value>; 4]);

/// A key that names one project of a register for as long as the register is edited: assigned
/// when the entry is made, kept through every edit of it, and never given to another entry, so
/// that a selection survives deletes, duplicates and undo (positions do not; a project's `id`
/// may repeat or be missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryKey(u64);

impl EntryKey {
    fn fresh() -> EntryKey {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        EntryKey(NEXT.fetch_add(1, AtomicOrdering::Relaxed))
    }

    /// The key as a number (for a map or an element attribute).
    pub fn get(self) -> u64 {
        self.0
    }
}

/// One project of a register: its object as given, and what reading it on its own gave.
#[derive(Clone, Debug)]
pub struct Entry {
    key: EntryKey,
    /// The project object (unknown fields and all), as it is saved.
    pub(crate) value: Value,
    /// The checked project, or why it does not read.
    pub read: Result<Valid<Project>, Vec<Error>>,
}

/// Entries are equal when they hold the same project (their keys aside).
impl PartialEq for Entry {
    fn eq(&self, other: &Entry) -> bool {
        self.value == other.value && self.read == other.read
    }
}

impl Entry {
    /// Reads a project object; `index` names it (`#index+1`) when it has no id.
    pub fn new(value: Value, index: usize) -> Self {
        let read = load_project_at(&value, index);
        Entry {
            key: EntryKey::fresh(),
            value,
            read,
        }
    }

    /// The same entry (same key) holding another object.
    pub(crate) fn with_value(&self, value: Value, index: usize) -> Entry {
        Entry {
            key: self.key,
            ..Entry::new(value, index)
        }
    }

    /// This entry's key in its register.
    pub fn key(&self) -> EntryKey {
        self.key
    }

    /// The project object as it is saved (for tools and tests; the app reads through the typed
    /// reads below).
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The project's id as written (may be missing or not text).
    pub fn id(&self) -> Option<&str> {
        self.value.get("id").and_then(Value::as_str)
    }

    /// A text field of the project (`name`, `township`), empty when absent.
    pub fn text(&self, key: &str) -> &str {
        self.value.get(key).and_then(Value::as_str).unwrap_or("")
    }

    /// The measure's `type` tag as written.
    pub fn type_tag(&self) -> &str {
        path::get(&self.value, "measure.type")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// The accounting category as written, when it is one.
    pub fn category(&self) -> Option<Category> {
        self.value
            .get("category")
            .and_then(Value::as_str)
            .and_then(Category::parse)
    }

    /// The 十四五 category as written (`key_category`), when it is one.
    pub fn key_category(&self) -> Option<KeyCategory> {
        self.value
            .get("key_category")
            .and_then(Value::as_str)
            .and_then(KeyCategory::parse)
    }

    /// The start month as written, when it is a whole number.
    pub fn start_month(&self) -> Option<u64> {
        self.value.get("start_month").and_then(Value::as_u64)
    }

    /// The project's review status as written: `None` without a `review` (or with a status this
    /// version does not know: reading the project says what is wrong); a review without a
    /// status is 申报.
    pub fn review_status(&self) -> Option<ReviewStatus> {
        let review = self.value.get("review")?.as_object()?;
        match review.get("status") {
            None | Some(Value::Null) => Some(ReviewStatus::Submitted),
            Some(v) => v.as_str().and_then(ReviewStatus::parse),
        }
    }

    /// The reviewer's note (`review.note`), empty when absent.
    pub fn review_note(&self) -> &str {
        path::get(&self.value, "review.note")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// The evidence documents the review names, each as `[name, number, date]` (empty texts for
    /// fields absent).
    pub fn evidence(&self) -> Vec<[String; 3]> {
        let Some(Value::Array(items)) = path::get(&self.value, "review.evidence") else {
            return Vec::new();
        };
        items
            .iter()
            .map(|item| EVIDENCE_FIELDS.map(|k| form::text_of(item.get(k))))
            .collect()
    }

    /// The text an input shows for a field of the project, by its dotted path (`name`,
    /// `start_month`, `measure.last_year.cod_t`); empty when absent.
    pub fn field_text(&self, path: &str) -> String {
        form::text_of(path::get(&self.value, path))
    }
}

/// A project file open for editing.
#[derive(Clone, Debug, PartialEq)]
pub struct Register {
    /// The file's own fields (all but `projects`), as given.
    pub(crate) head: Map<String, Value>,
    /// The projects in file order; shared, so that a copy of the register (an undo step) costs a
    /// pointer per project.
    pub projects: Vec<Arc<Entry>>,
}

impl Default for Register {
    /// An empty `jianpai/1` file, recording the current factor library (it computes with it).
    fn default() -> Self {
        let mut head = Map::new();
        head.insert("format".into(), Value::from(FORMAT));
        head.insert(
            "factor_library".into(),
            Value::from(crate::factors::FactorLibrary::builtin().version.clone()),
        );
        Register {
            head,
            projects: Vec::new(),
        }
    }
}

/// The file as [`Register::to_value`] gives it, written from the register itself: the same
/// text (keys in `to_value`'s order, `projects` among them) without copying every project's
/// object first (an autosave of 10,000 projects held the whole tree twice; docs/performance.md).
impl serde::Serialize for Register {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Projects<'a>(&'a [Arc<Entry>]);
        impl serde::Serialize for Projects<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter().map(|e| &e.value))
            }
        }
        let head = self.head.iter().filter(|(k, _)| *k != "projects");
        let mut m = s.serialize_map(Some(head.clone().count() + 1))?;
        // `to_value` inserts `projects` into the head's map, which keeps its keys sorted.
        let mut written = false;
        for (k, v) in head {
            if !written && k.as_str() > "projects" {
                m.serialize_entry("projects", &Projects(&self.projects))?;
                written = true;
            }
            m.serialize_entry(k, v)?;
        }
        if !written {
            m.serialize_entry("projects", &Projects(&self.projects))?;
        }
        m.end()
    }
}

/// A project that is not counted in the totals, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct NotCounted {
    /// Position in the register.
    pub index: usize,
    pub errors: Vec<Error>,
}

/// One project's result, or why it is not counted.
/// Shared, so that keeping and reusing results copies no trail.
pub type EntryResult = Result<Arc<ProjectResult>, Vec<Error>>;

/// What a register comes to: the report of the projects that read, and those left out.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterReport {
    /// Totals, groups, progress and bulletin of the counted projects (its `projects` list is
    /// empty: the results are in `results`); `Err` only when the file's own fields do not read
    /// (then nothing is totalled) or a total overflows.
    pub report: Result<Report, Vec<Error>>,
    /// One result per project: `Ok` when it is counted.
    pub results: Vec<EntryResult>,
    pub not_counted: Vec<NotCounted>,
}

impl RegisterReport {
    /// Every problem that keeps something out of the totals, in the order a preview lists them:
    /// the errors of each project left out (in register order), then those of the file's own
    /// fields.
    ///
    /// ```
    /// use jianpai_core::register::Register;
    /// let file = r#"{"format": "jianpai/1", "year": "soon", "projects": [
    ///     {"id": "p1", "measure": {"type": "capacity_phaseout", "enterprises": 1}},
    ///     {"id": "p2", "measure": {"type": "no_such_type"}}]}"#;
    /// let report = Register::from_bytes(file.as_bytes()).unwrap().compute();
    /// let fields: Vec<_> = report.problems().map(|e| e.field.as_deref()).collect();
    /// assert_eq!(report.not_counted.len(), 1);
    /// assert_eq!(report.not_counted[0].index, 1);
    /// assert!(report.report.is_err());
    /// assert!(fields.len() >= 2, "{fields:?}");
    /// assert_eq!(fields.last(), Some(&Some("year")), "{fields:?}");
    /// assert!(report.problems().next().is_some_and(|e| e.project.as_deref() == Some("p2")));
    /// ```
    pub fn problems(&self) -> impl Iterator<Item = &Error> {
        let file = self.report.as_ref().err().into_iter().flatten();
        self.not_counted
            .iter()
            .flat_map(|n| n.errors.iter())
            .chain(file)
    }

    /// The credited amounts of the counted projects at `positions` (register positions, in any
    /// order; a project not counted adds nothing): the subtotal of a filtered register. Summed
    /// in register order as the totals are ([`Amounts::add`]), so that the subtotal of every
    /// position is the totals to the last bit, and that of a township its group's.
    ///
    /// ```
    /// use jianpai_core::register::Register;
    /// use jianpai_core::Key;
    /// let file = r#"{"format": "jianpai/1", "projects": [
    ///     {"id": "a", "measure": {"type": "measured", "before": {"cod_t": 10}, "after": {"cod_t": 7}}},
    ///     {"id": "b", "measure": {"type": "no_such_type"}},
    ///     {"id": "c", "measure": {"type": "measured", "before": {"cod_t": 5}, "after": {"cod_t": 4.5}}}]}"#;
    /// let r = Register::from_bytes(file.as_bytes()).unwrap().compute();
    /// // a: 10 − 7 = 3 t; b is not counted; c: 5 − 4.5 = 0.5 t.
    /// assert_eq!(r.subtotal([2, 1, 0])[Key::Cod], 3.5);
    /// assert_eq!(r.subtotal([1, 2])[Key::Cod], 0.5);
    /// ```
    pub fn subtotal(&self, positions: impl IntoIterator<Item = usize>) -> Amounts {
        let mut at: Vec<usize> = positions.into_iter().collect();
        at.sort_unstable();
        at.dedup();
        let mut sum = Amounts::default();
        for p in at.iter().filter_map(|i| self.results.get(*i)).flatten() {
            if p.counted {
                sum.add(&p.credited);
            }
        }
        sum
    }
}

impl Register {
    /// Whether `value` is a `jianpai/1` object whose `projects` (if any) is a list: what
    /// [`Register::read`] refuses otherwise.
    fn check_shape(value: &Value) -> Result<(), Vec<Error>> {
        let Some(obj) = value.as_object() else {
            return Err(vec![Error::new(None, None, ErrorKind::NotAnObject)]);
        };
        let format = obj.get("format").and_then(Value::as_str).unwrap_or("");
        if format != FORMAT {
            return Err(vec![Error::new(
                None,
                Some("format".into()),
                ErrorKind::UnsupportedFormat {
                    found: format.to_owned(),
                },
            )]);
        }
        if !matches!(
            obj.get("projects"),
            None | Some(Value::Null | Value::Array(_))
        ) {
            return Err(vec![Error::new(
                None,
                Some("projects".into()),
                ErrorKind::NotAList,
            )]);
        }
        Ok(())
    }

    /// Reads a file for editing. Only a file that is not a `jianpai/1` object at all (bad JSON,
    /// another format, `projects` not a list) is refused; a project with errors is kept.
    pub fn read(value: &Value) -> Result<Register, Vec<Error>> {
        Register::check_shape(value)?;
        Register::from_value(value.clone())
    }

    /// [`Register::read`] of a value it may keep: each project's object is moved into its entry,
    /// not copied, so that opening a file never holds its JSON tree twice (the memory of a big
    /// register's opening; docs/performance.md, issue 20 evening).
    pub fn from_value(value: Value) -> Result<Register, Vec<Error>> {
        Register::check_shape(&value)?;
        let Value::Object(mut head) = value else {
            return Err(vec![Error::new(None, None, ErrorKind::NotAnObject)]);
        };
        let projects = match head.remove("projects") {
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| Arc::new(Entry::new(v, i)))
                .collect(),
            _ => Vec::new(),
        };
        Ok(Register { head, projects })
    }

    /// [`Register::read`] from the bytes of a file (BOM, encoding and repeated keys checked).
    pub fn from_bytes(bytes: &[u8]) -> Result<Register, Vec<Error>> {
        let value = crate::json::parse(bytes)
            .map_err(|e| vec![crate::json::to_file_error(e, bytes, true)])?;
        Register::from_value(value)
    }

    /// The file as it is saved: the head's fields and the projects' objects, as given or edited.
    pub fn to_value(&self) -> Value {
        let mut obj = self.head.clone();
        obj.insert(
            "projects".into(),
            Value::Array(self.projects.iter().map(|e| e.value.clone()).collect()),
        );
        Value::Object(obj)
    }

    /// The file as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The file as compact JSON (a share link carries it).
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The file's own fields as the engine reads them (settings, targets, overrides, title …).
    pub fn head_file(&self) -> Result<Valid<ProjectFile>, Vec<Error>> {
        load_value(&Value::Object(self.head.clone()))
    }

    /// Ids used by more than one project: every use after the first is an error.
    fn duplicate_ids(&self) -> BTreeMap<usize, Error> {
        // Hashed, not ordered: only whether an id came before matters, and a register's ids
        // compared in a tree cost most of an edit's recompute at 10,000 projects
        // (docs/performance.md, issue 20 evening).
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(self.projects.len());
        let mut out = BTreeMap::new();
        for (i, e) in self.projects.iter().enumerate() {
            let Ok(p) = &e.read else { continue };
            if first.insert(&*p.id, i).is_some() {
                out.insert(
                    i,
                    Error::new(
                        Some(&p.id),
                        Some("id".into()),
                        ErrorKind::DuplicateId {
                            id: p.id.to_string(),
                        },
                    ),
                );
            }
        }
        out
    }

    /// Computes every project that reads, and totals them. `cached` may hold the result of an
    /// entry computed before (same `Arc`, same head): it is reused, so that editing one project
    /// recomputes one project.
    pub fn compute_with(
        &self,
        cached: &dyn Fn(&Arc<Entry>) -> Option<EntryResult>,
    ) -> RegisterReport {
        self.compute_inner(cached, true)
    }

    /// [`Register::compute_with`] without the projects' trails: every number, warning, total
    /// and [`ProjectResult::factors_read`] the same, each `trail` empty. What the app keeps; a
    /// trail is built where one is shown ([`Register::result_with_trail`], or
    /// [`Register::compute`] for a document that cites every coefficient).
    pub fn compute_numbers_with(
        &self,
        cached: &dyn Fn(&Arc<Entry>) -> Option<EntryResult>,
    ) -> RegisterReport {
        self.compute_inner(cached, false)
    }

    /// [`Register::compute`] without trails ([`Register::compute_numbers_with`]).
    pub fn compute_numbers(&self) -> RegisterReport {
        self.compute_numbers_with(&|_| None)
    }

    /// The result of the project `key` with its trail, as [`Register::compute`] gives it
    /// (`None` when there is no such project): the trail of one project built when it is shown.
    pub fn result_with_trail(&self, key: EntryKey) -> Option<EntryResult> {
        let i = self.position(key)?;
        let e = &self.projects[i];
        let p = match &e.read {
            Err(errs) => return Some(Err(errs.clone())),
            Ok(p) => p,
        };
        // The id used by a project before it: the error `duplicate_ids` gives.
        let used_before = self.projects[..i]
            .iter()
            .any(|o| o.read.as_ref().is_ok_and(|q| q.id == p.id));
        if used_before {
            return Some(Err(vec![Error::new(
                Some(&p.id),
                Some("id".into()),
                ErrorKind::DuplicateId {
                    id: p.id.to_string(),
                },
            )]));
        }
        let head = self.head_file();
        let empty = ProjectFile::default();
        let file: &ProjectFile = match &head {
            Ok(f) => f,
            Err(_) => &empty,
        };
        let factors = Factors::new(file.library(), &file.overrides)
            .in_year(file.year)
            .on_grid(file.settings.grid_co2);
        Some(compute_project(p, &factors, &file.settings).map(Arc::new))
    }

    fn compute_inner(
        &self,
        cached: &dyn Fn(&Arc<Entry>) -> Option<EntryResult>,
        trails: bool,
    ) -> RegisterReport {
        let head = self.head_file();
        let empty = ProjectFile::default();
        let file: &ProjectFile = match &head {
            Ok(f) => f,
            Err(_) => &empty,
        };
        // The file's own library: a file made with an older one computes as it did until the
        // user keeps its coefficients or upgrades (crate::upgrade).
        let factors = Factors::new(file.library(), &file.overrides)
            .in_year(file.year)
            .on_grid(file.settings.grid_co2);
        // Every project reads its coefficients' values from one table worked out for the file
        // (as `report::compute` does).
        let table = factors.resolve();
        let factors = factors.with_table(&table);
        // Projects that read the same coefficients share one list of them.
        let seen = ReadsSeen::default();
        let dups = self.duplicate_ids();
        let mut results = Vec::with_capacity(self.projects.len());
        let mut not_counted = Vec::new();
        let mut counted: Vec<&Project> = Vec::new();
        let mut counted_results = Vec::new();
        for (i, e) in self.projects.iter().enumerate() {
            let r = match (&e.read, dups.get(&i)) {
                (Err(errs), _) => Err(errs.clone()),
                (Ok(_), Some(d)) => Err(vec![d.clone()]),
                (Ok(p), None) => cached(e).unwrap_or_else(|| {
                    match trails {
                        true => compute_project(p, &factors, &file.settings),
                        false => compute_project_numbers_in(p, &factors, &file.settings, &seen),
                    }
                    .map(Arc::new)
                }),
            };
            match &r {
                Ok(res) => {
                    if let Ok(p) = &e.read {
                        counted.push(p);
                    }
                    counted_results.push(res.clone());
                }
                Err(errs) => not_counted.push(NotCounted {
                    index: i,
                    errors: errs.clone(),
                }),
            }
            results.push(r);
        }
        let report = match head {
            Ok(h) => {
                let refs: Vec<&ProjectResult> = counted_results.iter().map(|r| &**r).collect();
                assemble(&h, &counted, &refs)
            }
            Err(errs) => Err(errs),
        };
        RegisterReport {
            report,
            results,
            not_counted,
        }
    }

    /// Computes every project that reads, and totals them.
    pub fn compute(&self) -> RegisterReport {
        self.compute_with(&|_| None)
    }

    /// The full report of the counted projects, with every project's result (for the CSV and
    /// the text report).
    pub fn full_report(&self) -> Result<Report, Vec<Error>> {
        let rr = self.compute();
        let mut report = rr.report?;
        report.projects = rr
            .results
            .iter()
            .filter_map(|r| r.as_ref().ok().map(|r| (**r).clone()))
            .collect();
        Ok(report)
    }

    /// The version of the factor library the register records (the current one when it records
    /// none): the one it computes with, when this build knows it.
    pub fn library_version(&self) -> String {
        match self.head.get("factor_library").and_then(Value::as_str) {
            Some(v) => v.to_owned(),
            None => crate::factors::FactorLibrary::builtin().version.clone(),
        }
    }

    /// An id no project uses yet: `stem`, else `stem-2`, `stem-3` …
    pub fn free_id(&self, stem: &str) -> String {
        let used = |id: &str| self.projects.iter().any(|e| e.id() == Some(id));
        if !used(stem) {
            return stem.to_owned();
        }
        (2..)
            .map(|n| format!("{stem}-{n}"))
            .find(|id| !used(id))
            .unwrap_or_default()
    }
}

/// The fields of one evidence document, in the order of [`Entry::evidence`].
pub const EVIDENCE_FIELDS: [&str; 3] = ["name", "number", "date"];

/// The declared kind of a field of the file itself (for [`Register::set_field_text`]).
const YEAR: FieldSpec = FieldSpec::count("year", "年度", "Year");

/// Typed reads and edits of the file's own fields. Every edit changes only what it names: other
/// keys of an object are kept, and an object it leaves empty is removed (the engine's defaults
/// then apply).
impl Register {
    /// The file's own fields as given (for tools and tests; the app reads and edits through the
    /// typed methods).
    pub fn head(&self) -> &Map<String, Value> {
        &self.head
    }

    /// Whether two registers have the same file fields (their projects aside).
    pub fn same_fields(&self, other: &Register) -> bool {
        self.head == other.head
    }

    /// The file's title as written, empty when absent.
    pub fn title(&self) -> &str {
        self.head.get("title").and_then(Value::as_str).unwrap_or("")
    }

    /// The text an input shows for one of the file's own fields, by its dotted path (`title`,
    /// `year`, `settings.crediting`, `targets.cod_t`); empty when absent.
    pub fn field_text(&self, path: &str) -> String {
        form::text_of(self.head_at(path))
    }

    fn head_at(&self, dotted: &str) -> Option<&Value> {
        let (first, rest) = dotted.split_once('.').unwrap_or((dotted, ""));
        let v = self.head.get(first)?;
        match rest {
            "" => Some(v),
            rest => path::get(v, rest),
        }
    }

    /// Sets one of the file's own fields by its dotted path; `None` removes it.
    pub fn set_field(&mut self, dotted: &str, value: Option<Value>) {
        match value {
            Some(v) => path::set(&mut self.head, dotted, v),
            None => path::remove(&mut self.head, dotted),
        }
    }

    /// Sets one of the file's own fields from what was typed for it, read by the field's kind:
    /// `year`, `targets.*` and `plan_targets.*` as numbers (people's way of typing them), `settings.crediting` and
    /// `settings.electricity_basis`, `settings.method`, `settings.bulletin_order` and
    /// `settings.grid_co2` by the value's file name or its name in either language,
    /// `settings.bulletin_so2` as yes or no (是/否, yes/no, true/false, 1/0), any
    /// other field as text exactly as typed. A blank text removes the field. A text that does not
    /// read changes nothing and says why.
    pub fn set_field_text(&mut self, dotted: &str, text: &str) -> Result<(), TextProblem> {
        let spec = match dotted {
            "year" => Some(&YEAR),
            _ => TARGETS
                .iter()
                .chain(crate::file::plan_target_fields())
                .find(|s| s.path == dotted),
        };
        let value = match dotted {
            "settings.crediting" => choice_value::<Crediting>(text)?,
            "settings.electricity_basis" => choice_value::<ElectricityBasis>(text)?,
            "settings.method" => choice_value::<Method>(text)?,
            "settings.bulletin_order" => choice_value::<BulletinOrder>(text)?,
            "settings.grid_co2" => choice_value::<GridCo2>(text)?,
            "settings.bulletin_so2" => match form::yes_no(text.trim()) {
                Some(b) => Some(Value::Bool(b)),
                None if text.trim().is_empty() => None,
                None => return Err(TextProblem::NotYesNo { found: text.into() }),
            },
            _ => match spec {
                Some(_) if text.trim().is_empty() => None,
                Some(spec) => Some(form::read_text(spec, text)?),
                None => (!text.is_empty()).then(|| Value::from(text)),
            },
        };
        self.set_field(dotted, value);
        Ok(())
    }

    /// Sets (`Some`) or removes (`None`) the target of one key (`targets.cod_t` …).
    pub fn set_target(&mut self, key: Key, value: Option<f64>) {
        let path = format!("targets.{}", key.code());
        self.set_field(&path, value.map(|x| form::number_value(x, "")));
    }

    /// The file's settings as the engine reads them (a value this version does not know is
    /// left out, so its default applies; reading the file says what is wrong with it).
    pub fn settings(&self) -> Settings {
        let at = |k: &str| {
            self.head_at(&format!("settings.{k}"))
                .and_then(Value::as_str)
        };
        Settings {
            crediting: at("crediting").and_then(Crediting::parse),
            electricity_basis: at("electricity_basis").and_then(ElectricityBasis::parse),
            method: at("method").and_then(Method::parse),
            bulletin_order: at("bulletin_order").and_then(BulletinOrder::parse),
            bulletin_so2: self
                .head_at("settings.bulletin_so2")
                .and_then(Value::as_bool),
            grid_co2: at("grid_co2").and_then(GridCo2::parse),
            counted_statuses: self.head_at("settings.counted_statuses").and_then(|v| {
                let list = v.as_array()?;
                Some(
                    list.iter()
                        .filter_map(|s| s.as_str().and_then(ReviewStatus::parse))
                        .collect(),
                )
            }),
            ..Settings::default()
        }
    }

    /// Sets which review statuses the totals count (`settings.counted_statuses`, written in
    /// review order); `None` removes the setting (every status but 退回 and 不予认定 counts).
    pub fn set_counted_statuses(&mut self, statuses: Option<&[ReviewStatus]>) {
        let value = statuses.map(|list| {
            Value::Array(
                ReviewStatus::ALL
                    .into_iter()
                    .filter(|s| list.contains(s))
                    .map(|s| Value::from(s.name()))
                    .collect(),
            )
        });
        self.set_field("settings.counted_statuses", value);
    }

    /// The target of one key, when it is a number.
    pub fn target(&self, key: Key) -> Option<f64> {
        self.head_at(&format!("targets.{}", key.code()))
            .and_then(Value::as_f64)
    }

    /// The factor library the register computes with: the one it records when this build knows
    /// it, else the current one.
    pub fn library(&self) -> &'static FactorLibrary {
        FactorLibrary::version(&self.library_version()).unwrap_or(FactorLibrary::builtin())
    }

    /// Sets the file-wide override of a coefficient: its value and the justification. The
    /// engine's own checks apply (a coefficient of the file's library, a finite value not below
    /// zero, a justification that is not blank); when one fails nothing changes and its errors
    /// (field `overrides.<id>`) say why. Any other key of the override's entry is kept.
    pub fn set_override(&mut self, id: &str, value: f64, note: &str) -> Result<(), Vec<Error>> {
        let mut errors = Vec::new();
        let one = BTreeMap::from([(
            id.to_owned(),
            Override {
                value,
                note: note.to_owned(),
            },
        )]);
        check_overrides(&one, None, Some(self.library()), &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let keys = ["overrides", id];
        let mut entry = path::get_keys(&Value::Object(self.head.clone()), &keys)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        entry.insert("value".into(), form::number_value(value, ""));
        entry.insert("note".into(), Value::from(note.trim()));
        path::set_keys(&mut self.head, &keys, Value::Object(entry));
        Ok(())
    }

    /// Removes the file-wide override of a coefficient (its library value applies again).
    pub fn remove_override(&mut self, id: &str) {
        path::remove_keys(&mut self.head, &["overrides", id]);
    }

    /// The current values of the fields a project's result depends on ([`RESULT_INPUTS`]).
    pub fn result_inputs(&self) -> ResultInputs {
        ResultInputs(RESULT_INPUTS.map(|k| self.head.get(k).cloned()))
    }

    /// One project as a file of its own: the file fields of [`PROJECT_CONTEXT`] and that
    /// project alone (`None` when there is no such project).
    pub fn project_alone(&self, key: EntryKey) -> Option<Register> {
        let entry = self.get(key)?;
        let head = crate::order::object(
            PROJECT_CONTEXT
                .iter()
                .filter_map(|k| self.head.get(*k).map(|v| ((*k).to_owned(), v.clone()))),
        );
        Some(Register {
            head,
            projects: vec![entry.clone()],
        })
    }
}

/// A setting's value from its name (blank: removed).
fn choice_value<T: Choice + crate::labels::Labelled>(
    text: &str,
) -> Result<Option<Value>, TextProblem> {
    if text.is_empty() {
        return Ok(None);
    }
    match form::by_name::<T>(text) {
        Some(v) => Ok(Some(Value::from(v.name()))),
        None => Err(TextProblem::UnknownChoice {
            found: text.into(),
            expected: form::names::<T>(crate::lang::Lang::Zh),
        }),
    }
}

/// The projects, by key: every edit keeps the other projects as they are (the same `Arc`), so a
/// copy of the register before the edit (an undo step) shares them.
impl Register {
    /// The position of a project in file order.
    pub fn position(&self, key: EntryKey) -> Option<usize> {
        self.projects.iter().position(|e| e.key == key)
    }

    /// A project by its key.
    pub fn get(&self, key: EntryKey) -> Option<&Arc<Entry>> {
        self.projects.iter().find(|e| e.key == key)
    }

    /// Adds a project built from texts at the end; returns its key.
    pub fn push(&mut self, draft: Draft) -> EntryKey {
        let entry = Entry::new(draft.0, self.projects.len());
        let key = entry.key;
        self.projects.push(Arc::new(entry));
        key
    }

    /// Adds a copy of another register's project at the end, as it is; returns its key.
    pub fn append(&mut self, entry: &Entry) -> EntryKey {
        self.push(Draft(entry.value.clone()))
    }

    /// Adds a copy of another register's project at the end with an id no project here uses
    /// (its own when free); returns its key.
    pub fn append_with_free_id(&mut self, entry: &Entry) -> EntryKey {
        let mut value = entry.value.clone();
        if let Value::Object(o) = &mut value {
            let id = self.free_id(entry.id().unwrap_or("p1"));
            o.insert("id".into(), Value::from(id));
        }
        self.push(Draft(value))
    }

    /// Adds a project built from texts with an id no project uses (the draft's own when free, else
    /// `id-2` …); returns its key.
    pub fn push_with_free_id(&mut self, draft: Draft) -> EntryKey {
        let mut value = draft.0;
        if let Value::Object(o) = &mut value {
            let id = self.free_id(o.get("id").and_then(Value::as_str).unwrap_or("p1"));
            o.insert("id".into(), Value::from(id));
        }
        self.push(Draft(value))
    }

    /// Removes a project.
    pub fn remove(&mut self, key: EntryKey) {
        self.projects.retain(|e| e.key != key);
    }

    /// Inserts a copy of a project right after it, with a free id; returns the copy's key.
    pub fn duplicate(&mut self, key: EntryKey) -> Option<EntryKey> {
        let index = self.position(key)?;
        let entry = &self.projects[index];
        let mut value = entry.value.clone();
        let stem = entry.id().unwrap_or("p").to_owned();
        let id = self.free_id(&stem);
        if let Value::Object(o) = &mut value {
            o.insert("id".into(), Value::from(id));
        }
        let copy = Entry::new(value, index + 1);
        let copy_key = copy.key;
        self.projects.insert(index + 1, Arc::new(copy));
        Some(copy_key)
    }

    /// Replaces a project's object through `change`, keeping its key (nothing happens when it is
    /// left as it was).
    fn edit(&mut self, key: EntryKey, change: impl FnOnce(&mut Map<String, Value>)) {
        let Some(index) = self.position(key) else {
            return;
        };
        let entry = &self.projects[index];
        let mut obj = entry.value.as_object().cloned().unwrap_or_default();
        change(&mut obj);
        let value = Value::Object(obj);
        if value != entry.value {
            self.projects[index] = Arc::new(entry.with_value(value, index));
        }
    }

    /// Sets one field of a project from what was typed for it, by its dotted path: a project
    /// field of [`form::PROJECT_FIELDS`] (`name`, `start_month` …) or a declared field of its
    /// measure (`measure.flow_m3_per_day`, `measure.last_year.cod_t`), read as
    /// [`form::project_from_texts`] reads it. A blank text removes the field; a text that does
    /// not read changes nothing and says why. Every other field (unknown ones, overrides, notes)
    /// stays as it is.
    pub fn set_project_text(
        &mut self,
        key: EntryKey,
        dotted: &str,
        text: &str,
    ) -> Result<(), TextProblem> {
        let Some(entry) = self.get(key) else {
            return Ok(());
        };
        let value = if text.is_empty() {
            None
        } else if let Some(field) = dotted.strip_prefix("measure.") {
            let texts = ProjectTexts {
                type_tag: entry.type_tag(),
                measure: vec![(field, text)],
                ..ProjectTexts::default()
            };
            Some(read_one(&texts, &format!("measure.{field}"))?)
        } else {
            let texts = ProjectTexts {
                project: vec![(dotted, text)],
                ..ProjectTexts::default()
            };
            Some(read_one(&texts, dotted)?)
        };
        self.edit(key, |obj| match value {
            Some(v) => path::set(obj, dotted, v),
            None => path::remove(obj, dotted),
        });
        Ok(())
    }

    /// Sets a project's review status (`review.status`); the review's other fields are kept.
    pub fn set_review_status(&mut self, key: EntryKey, status: ReviewStatus) {
        self.edit(key, |obj| {
            path::set(obj, "review.status", Value::from(status.name()))
        });
    }

    /// Sets the reviewer's note (`review.note`) as typed; a blank text removes it (and a review
    /// left empty).
    pub fn set_review_note(&mut self, key: EntryKey, text: &str) {
        self.edit(key, |obj| {
            if text.trim().is_empty() {
                path::remove(obj, "review.note");
            } else {
                path::set(obj, "review.note", Value::from(text));
            }
        });
    }

    /// Adds an empty evidence document at the end of the project's `review.evidence`.
    pub fn add_evidence(&mut self, key: EntryKey) {
        self.edit(key, |obj| {
            if let Some(list) = evidence_list(obj) {
                list.push(Value::Object(Map::new()));
            }
        });
    }

    /// Removes the evidence document at `index` (a list, and a review, left empty are removed).
    pub fn remove_evidence(&mut self, key: EntryKey, index: usize) {
        self.edit(key, |obj| {
            let Some(list) = evidence_list(obj) else {
                return;
            };
            if index < list.len() {
                list.remove(index);
            }
            if list.is_empty() {
                path::remove(obj, "review.evidence");
            }
        });
    }

    /// Sets one field (`name`, `number` or `date`, [`EVIDENCE_FIELDS`]) of the evidence document
    /// at `index` from what was typed: texts as typed, a date only as `YYYY-MM-DD` (another text
    /// changes nothing and says why). A blank text removes the field; the document stays.
    pub fn set_evidence_text(
        &mut self,
        key: EntryKey,
        index: usize,
        field: &str,
        text: &str,
    ) -> Result<(), TextProblem> {
        let text = if field == "date" { text.trim() } else { text };
        if field == "date" && !text.is_empty() && !is_date(text) {
            return Err(TextProblem::NotADate { found: text.into() });
        }
        let exists = self.get(key).is_some_and(|e| index < e.evidence().len());
        if !EVIDENCE_FIELDS.contains(&field) || !exists {
            return Ok(());
        }
        self.edit(key, |obj| {
            let Some(Value::Object(doc)) = evidence_list(obj).and_then(|l| l.get_mut(index)) else {
                return;
            };
            if text.trim().is_empty() {
                doc.remove(field);
            } else {
                doc.insert(field.into(), Value::from(text));
            }
        });
        Ok(())
    }

    /// Adds an empty entry at the end of a list field of a project's measure (`measure.materials`:
    /// a material whose fields are then typed; until they are, the project is marked with what is
    /// missing). Returns the new entry's index; `None` (nothing changed) when the path is not a
    /// list field of the project's type.
    pub fn add_list_entry(&mut self, key: EntryKey, dotted: &str) -> Option<usize> {
        let entry = self.get(key)?;
        let field = dotted.strip_prefix("measure.")?;
        crate::schema::field(entry.type_tag(), field).filter(|f| f.is_list())?;
        let len = path::get(&entry.value, dotted)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        self.edit(key, |obj| {
            path::set(obj, &format!("{dotted}.{len}"), Value::Object(Map::new()));
        });
        Some(len)
    }

    /// Removes entry `index` of a list field of a project's measure (the later entries move up
    /// one); nothing happens for an index or path that is not there.
    pub fn remove_list_entry(&mut self, key: EntryKey, dotted: &str, index: usize) {
        let Some(entry) = self.get(key) else {
            return;
        };
        let is_list = dotted
            .strip_prefix("measure.")
            .and_then(|f| crate::schema::field(entry.type_tag(), f))
            .is_some_and(|f| f.is_list());
        if !is_list {
            return;
        }
        self.edit(key, |obj| {
            let mut list = match path::get(&Value::Object(obj.clone()), dotted) {
                Some(Value::Array(items)) if index < items.len() => items.clone(),
                _ => return,
            };
            list.remove(index);
            path::set(obj, dotted, Value::Array(list));
        });
    }

    /// Changes a project's measure type: its measure becomes one of `type_tag` with the given
    /// texts (read as [`form::project_from_texts`] reads them; one that does not read is kept as
    /// typed). Nothing changes when the project already has that type.
    pub fn set_project_type(&mut self, key: EntryKey, type_tag: &str, measure: &[(&str, &str)]) {
        if self.get(key).is_none_or(|e| e.type_tag() == type_tag) {
            return;
        }
        let texts = ProjectTexts {
            type_tag,
            measure: measure.to_vec(),
            ..ProjectTexts::default()
        };
        let (draft, _) = form::project_from_texts(&texts);
        let built = draft.0.get("measure").cloned().unwrap_or(Value::Null);
        self.edit(key, |obj| {
            obj.insert("measure".into(), built);
        });
    }
}

/// The project's `review.evidence` list, made (with the review) when absent; a value that is not
/// a list is replaced by one only when an edit asks for a list.
fn evidence_list(obj: &mut Map<String, Value>) -> Option<&mut Vec<Value>> {
    if !matches!(obj.get("review"), Some(Value::Object(_))) {
        obj.insert("review".into(), Value::Object(Map::new()));
    }
    let review = obj.get_mut("review")?.as_object_mut()?;
    if !matches!(review.get("evidence"), Some(Value::Array(_))) {
        review.insert("evidence".into(), Value::Array(Vec::new()));
    }
    review.get_mut("evidence")?.as_array_mut()
}

/// The one value `texts` give at `at` (`measure.<path>` or a project field), or its problem.
fn read_one(texts: &ProjectTexts, at: &str) -> Result<Value, TextProblem> {
    let (draft, problems) = form::project_from_texts(texts);
    if let Some((_, p)) = problems.into_iter().next() {
        return Err(p);
    }
    path::get(&draft.0, at).cloned().ok_or(TextProblem::Number(
        crate::numtext::NumberProblem::NotANumber,
    ))
}

#[cfg(test)]
mod tests {
    use super::Register;
    use serde_json::Value;

    #[test]
    fn the_register_writes_the_text_of_its_value_without_copying_it() {
        // Keys before and after `projects` (sorted: `a_first` < `projects` < `title` < `zz`), an
        // unknown field in a project, a project that does not read, no projects at all.
        let files = [
            r#"{"format": "jianpai/1", "a_first": [1, 2.5e-7], "title": "县（区）", "zz": {"b": null, "a": "\u00e9\n"},
                "projects": [{"id": "a", "measure": {"type": "measured", "before": {"cod_t": 10}, "after": {"cod_t": 7.1}}, "x_unknown": true},
                             {"id": "b", "measure": {"type": "no_such_type"}}]}"#,
            r#"{"format": "jianpai/1"}"#,
            r#"{"format": "jianpai/1", "projects": null, "year": 2025}"#,
            r#"{"format": "jianpai/1", "projects": [], "zz": 1}"#,
        ];
        for text in files {
            let r = Register::from_bytes(text.as_bytes()).expect("reads");
            let value = r.to_value();
            assert_eq!(r.to_compact_json(), serde_json::to_string(&value).unwrap());
            assert_eq!(r.to_json(), serde_json::to_string_pretty(&value).unwrap());
            // Read from a value it keeps or from a borrowed one: the same register.
            let v: Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                Register::read(&v).unwrap(),
                Register::from_value(v).unwrap()
            );
        }
    }

    #[test]
    fn what_is_not_a_register_is_refused_alike_by_either_reader() {
        for text in [
            r#"[1]"#,
            r#"{"format": "other/1"}"#,
            r#"{"format": "jianpai/1", "projects": 3}"#,
        ] {
            let v: Value = serde_json::from_str(text).unwrap();
            let (a, b) = (Register::read(&v), Register::from_value(v));
            assert!(a.is_err(), "{text}");
            assert_eq!(a, b, "{text}");
        }
    }
}
