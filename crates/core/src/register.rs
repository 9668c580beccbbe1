//! A register being edited: the file's own fields and its projects exactly as the user gave them.
//! Every project is kept, even one that does not read (it is marked and left out of the totals,
//! never dropped), and saving writes back what was read, unknown fields included, so that
//! `jianpai report` totals the saved file as the app shows it.

use crate::error::{Error, ErrorKind};
use crate::factors::Factors;
use crate::file::{load_project_at, load_value, Project, ProjectFile, Valid, FORMAT};
use crate::report::{assemble, compute_project, ProjectResult, Report};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One project of a register: its object as given, and what reading it on its own gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The project object (unknown fields and all), as it is saved.
    pub value: Value,
    /// The checked project, or why it does not read.
    pub read: Result<Valid<Project>, Vec<Error>>,
}

impl Entry {
    /// Reads a project object; `index` names it (`#index+1`) when it has no id.
    pub fn new(value: Value, index: usize) -> Self {
        let read = load_project_at(&value, index);
        Entry { value, read }
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
        self.value
            .get("measure")
            .and_then(|m| m.get("type"))
            .and_then(Value::as_str)
            .unwrap_or("")
    }
}

/// A project file open for editing.
#[derive(Clone, Debug, PartialEq)]
pub struct Register {
    /// The file's own fields (all but `projects`), as given.
    pub head: Map<String, Value>,
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
}

impl Register {
    /// Reads a file for editing. Only a file that is not a `jianpai/1` object at all (bad JSON,
    /// another format, `projects` not a list) is refused; a project with errors is kept.
    pub fn read(value: &Value) -> Result<Register, Vec<Error>> {
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
        let projects = match obj.get("projects") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| Arc::new(Entry::new(v.clone(), i)))
                .collect(),
            Some(_) => {
                return Err(vec![Error::new(
                    None,
                    Some("projects".into()),
                    ErrorKind::NotAList,
                )])
            }
        };
        let mut head = obj.clone();
        head.remove("projects");
        Ok(Register { head, projects })
    }

    /// [`Register::read`] from the bytes of a file (BOM, encoding and repeated keys checked).
    pub fn from_bytes(bytes: &[u8]) -> Result<Register, Vec<Error>> {
        let value = crate::json::parse(bytes)
            .map_err(|e| vec![crate::json::to_file_error(e, bytes, true)])?;
        Register::read(&value)
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
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The file's own fields as the engine reads them (settings, targets, overrides, title …).
    pub fn head_file(&self) -> Result<Valid<ProjectFile>, Vec<Error>> {
        load_value(&Value::Object(self.head.clone()))
    }

    /// Ids used by more than one project: every use after the first is an error.
    fn duplicate_ids(&self) -> BTreeMap<usize, Error> {
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        let mut out = BTreeMap::new();
        for (i, e) in self.projects.iter().enumerate() {
            let Ok(p) = &e.read else { continue };
            if first.insert(p.id.as_str(), i).is_some() {
                out.insert(
                    i,
                    Error::new(
                        Some(&p.id),
                        Some("id".into()),
                        ErrorKind::DuplicateId { id: p.id.clone() },
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
        let head = self.head_file();
        let empty = ProjectFile::default();
        let file: &ProjectFile = match &head {
            Ok(f) => f,
            Err(_) => &empty,
        };
        // The file's own library: a file made with an older one computes as it did until the
        // user keeps its coefficients or upgrades (crate::upgrade).
        let factors = Factors::new(file.library(), &file.overrides).in_year(file.year);
        let dups = self.duplicate_ids();
        let mut results = Vec::with_capacity(self.projects.len());
        let mut not_counted = Vec::new();
        let mut counted: Vec<&Project> = Vec::new();
        let mut counted_results = Vec::new();
        for (i, e) in self.projects.iter().enumerate() {
            let r = match (&e.read, dups.get(&i)) {
                (Err(errs), _) => Err(errs.clone()),
                (Ok(_), Some(d)) => Err(vec![d.clone()]),
                (Ok(p), None) => cached(e)
                    .unwrap_or_else(|| compute_project(p, &factors, &file.settings).map(Arc::new)),
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
