//! Moving a file from the factor library it records to another (the current one): every
//! coefficient that differs, the effect on every total and project, and the two ways forward —
//! keep the old coefficients as recorded overrides, or upgrade (docs/methodology.md, "Library
//! versions").

use crate::error::Error;
use crate::factors::{Factor, FactorLibrary, Factors, Override};
use crate::file::{Project, ProjectFile, Valid};
use crate::key::{Amounts, Key};
use crate::lang::Lang;
use crate::register::Register;
use crate::report::{assemble_with, compute_project, ProjectResult};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// How one coefficient differs between two libraries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One coefficient old → new.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FactorChange {
    pub id: String,
    pub change: Change,
    pub old: Option<Factor>,
    pub new: Option<Factor>,
    /// The entry's fields that differ (`value`, `unit`, `status`, `source`, `name`, `edition`).
    pub fields: Vec<&'static str>,
    /// The file's projects whose computation uses it, with either library.
    pub used_by: Vec<String>,
}

/// One report key's total (or a project's amount) with each library.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TotalChange {
    pub key: Key,
    pub old: f64,
    pub new: f64,
    pub delta: f64,
}

/// A project whose credited amounts change, with the keys that do.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectChange {
    pub id: String,
    pub name: String,
    pub amounts: Vec<TotalChange>,
}

/// What moving a file from one library to another changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LibraryDiff {
    pub from: String,
    pub to: String,
    /// Every coefficient that differs, in the new library's order, then the removed ones.
    pub factors: Vec<FactorChange>,
    /// Every key of the report's `totals`, computed with each library.
    pub totals: Vec<TotalChange>,
    pub projects: Vec<ProjectChange>,
    /// The file-level overrides "keep the old coefficients" adds.
    pub keep: BTreeMap<String, Override>,
    /// Whether keeping gives exactly the old totals (false when the new library computes a
    /// quantity by a path no single old value stands in for).
    pub keep_exact: bool,
}

/// Every coefficient that differs between `from` and `to` (no project named).
pub fn library_changes(from: &FactorLibrary, to: &FactorLibrary) -> Vec<FactorChange> {
    let mut out = Vec::new();
    for new in &to.factors {
        let (change, old, fields) = match from.get(&new.id) {
            None => (Change::Added, None, Vec::new()),
            Some(old) => {
                let fields = differing(old, new);
                if fields.is_empty() {
                    continue;
                }
                (Change::Changed, Some(old.clone()), fields)
            }
        };
        out.push(FactorChange {
            id: new.id.clone(),
            change,
            old,
            new: Some(new.clone()),
            fields,
            used_by: Vec::new(),
        });
    }
    for old in from.factors.iter().filter(|f| to.get(&f.id).is_none()) {
        out.push(FactorChange {
            id: old.id.clone(),
            change: Change::Removed,
            old: Some(old.clone()),
            new: None,
            fields: Vec::new(),
            used_by: Vec::new(),
        });
    }
    out
}

fn differing(a: &Factor, b: &Factor) -> Vec<&'static str> {
    let mut d = Vec::new();
    // Bit equality: a value that changed in its last digit changes results.
    if a.value.to_bits() != b.value.to_bits() {
        d.push("value");
    }
    for (name, x, y) in [
        ("unit", &a.unit, &b.unit),
        ("source", &a.source, &b.source),
        ("edition", &a.edition, &b.edition),
    ] {
        if x != y {
            d.push(name);
        }
    }
    if a.status != b.status {
        d.push("status");
    }
    if a.name_zh != b.name_zh || a.name_en != b.name_en {
        d.push("name");
    }
    d
}

/// The note of an override "keep" records, in the reader's language.
pub fn keep_note(from: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("系数库 {from} 的值（升级时保留）"),
        Lang::En => format!("value of factor library {from} (kept on upgrade)"),
    }
}

/// The projects' results with one library; a project that does not compute is an error.
fn results(
    file: &ProjectFile,
    projects: &[&Valid<Project>],
    library: &FactorLibrary,
    extra: &BTreeMap<String, Override>,
) -> Result<Vec<ProjectResult>, Vec<Error>> {
    let mut overrides = file.overrides.clone();
    for (id, o) in extra {
        overrides.entry(id.clone()).or_insert_with(|| o.clone());
    }
    // The file's year and grid series pick year rows as the report does, so that the diff's new
    // totals are the ones the upgraded file computes.
    let factors = Factors::new(library, &overrides)
        .in_year(file.year)
        .on_grid(file.settings.grid_co2);
    let mut out = Vec::with_capacity(projects.len());
    let mut errors = Vec::new();
    for p in projects {
        match compute_project(p, &factors, &file.settings) {
            Ok(r) => out.push(r),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn totals(
    file: &ProjectFile,
    library: &FactorLibrary,
    projects: &[&Valid<Project>],
    results: &[ProjectResult],
) -> Result<Amounts, Vec<Error>> {
    let ps: Vec<&Project> = projects.iter().map(|p| &***p).collect();
    let rs: Vec<&ProjectResult> = results.iter().collect();
    Ok(assemble_with(file, library, &ps, &rs)?.totals)
}

fn used_ids(results: &[ProjectResult]) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut used: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in results {
        for f in r.trail.iter().flat_map(|t| &t.factors) {
            used.entry(f.id.as_str()).or_default().insert(&*r.id);
        }
    }
    used
}

/// The difference `from` → `to` for a file's own fields and the projects it counts.
pub fn diff(
    file: &ProjectFile,
    projects: &[&Valid<Project>],
    from: &FactorLibrary,
    to: &FactorLibrary,
) -> Result<LibraryDiff, Vec<Error>> {
    let none = BTreeMap::new();
    let old = results(file, projects, from, &none)?;
    let new = results(file, projects, to, &none)?;
    let used_old = used_ids(&old);
    let used_new = used_ids(&new);
    let mut factors = library_changes(from, to);
    for c in &mut factors {
        let users = used_old.get(c.id.as_str()).into_iter();
        let users = users.chain(used_new.get(c.id.as_str()));
        let set: BTreeSet<&str> = crate::order::set(users.flatten().copied());
        c.used_by = set.into_iter().map(str::to_owned).collect();
    }
    let keep = keep_overrides(file, from, to, &used_old, &used_new);
    let kept = results(file, projects, to, &keep)?;
    let old_totals = totals(file, from, projects, &old)?;
    let new_totals = totals(file, to, projects, &new)?;
    let kept_totals = totals(file, to, projects, &kept)?;
    let changes = |a: &Amounts, b: &Amounts| -> Vec<TotalChange> {
        Key::ALL
            .iter()
            .map(|&key| TotalChange {
                key,
                old: a[key],
                new: b[key],
                delta: b[key] - a[key],
            })
            .collect()
    };
    let projects = old
        .iter()
        .zip(&new)
        .filter_map(|(o, n)| {
            let amounts: Vec<TotalChange> = changes(&o.credited, &n.credited)
                .into_iter()
                .filter(|c| c.old.to_bits() != c.new.to_bits())
                .collect();
            (!amounts.is_empty()).then(|| ProjectChange {
                id: o.id.to_string(),
                name: o.name.to_string(),
                amounts,
            })
        })
        .collect();
    Ok(LibraryDiff {
        from: from.version.clone(),
        to: to.version.clone(),
        factors,
        totals: changes(&old_totals, &new_totals),
        projects,
        keep,
        keep_exact: kept_totals == old_totals
            && old.iter().zip(&kept).all(|(o, k)| o.credited == k.credited),
    })
}

/// The overrides that hold the old values: every coefficient the projects used with the old
/// library whose value differs in the new one, and every new coefficient the projects use with
/// the new library that refines an old one they used (`X.<suffix>` replacing `X`, e.g. a
/// year row), set to that old value. A file override already there is the user's: kept as is.
fn keep_overrides(
    file: &ProjectFile,
    from: &FactorLibrary,
    to: &FactorLibrary,
    used_old: &BTreeMap<&str, BTreeSet<&str>>,
    used_new: &BTreeMap<&str, BTreeSet<&str>>,
) -> BTreeMap<String, Override> {
    let note = keep_note(&from.version, Lang::Zh) + " / " + &keep_note(&from.version, Lang::En);
    let mut keep = BTreeMap::new();
    let mut hold = |id: &str, value: f64| {
        let differs = to
            .get(id)
            .is_some_and(|n| n.value.to_bits() != value.to_bits());
        if differs && !file.overrides.contains_key(id) {
            keep.insert(
                id.to_owned(),
                Override {
                    value,
                    note: note.clone(),
                },
            );
        }
    };
    for id in used_old.keys() {
        if let Some(old) = from.get(id) {
            hold(id, old.value);
        }
    }
    for id in used_new.keys().filter(|id| from.get(id).is_none()) {
        let mut stem = *id;
        while let Some((head, _)) = stem.rsplit_once('.') {
            stem = head;
            if let (true, Some(old)) = (used_old.contains_key(stem), from.get(stem)) {
                hold(id, old.value);
                break;
            }
        }
    }
    keep
}

/// The diff of a valid file from the library it records to `to`.
pub fn diff_file(
    valid: &Valid<ProjectFile>,
    to: &FactorLibrary,
) -> Result<LibraryDiff, Vec<Error>> {
    diff_file_with(valid, valid.library(), to)
}

/// The diff of a valid file between two given libraries.
pub fn diff_file_with(
    valid: &Valid<ProjectFile>,
    from: &FactorLibrary,
    to: &FactorLibrary,
) -> Result<LibraryDiff, Vec<Error>> {
    let projects: Vec<Valid<Project>> = valid
        .projects
        .iter()
        .filter_map(|p| p.validate().ok())
        .collect();
    let refs: Vec<&Valid<Project>> = projects.iter().collect();
    diff(valid, &refs, from, to)
}

/// The library a register records when it is not the current one (then it needs a choice).
pub fn older_library(register: &Register) -> Option<&'static FactorLibrary> {
    let v = register.head.get("factor_library")?.as_str()?;
    FactorLibrary::version(v).filter(|lib| !lib.is_current())
}

/// The diff of a register made with an older library to the current one; `None` when it records
/// the current library, none, or one this build does not know.
pub fn register_diff(register: &Register) -> Option<Result<LibraryDiff, Vec<Error>>> {
    let from = older_library(register)?;
    let head = match register.head_file() {
        Ok(h) => h,
        Err(e) => return Some(Err(e)),
    };
    let projects: Vec<&Valid<Project>> = register
        .projects
        .iter()
        .filter_map(|e| e.read.as_ref().ok())
        .collect();
    Some(diff(&head, &projects, from, FactorLibrary::builtin()))
}

/// The register upgraded: it records the current library; its results change as the diff said.
pub fn upgrade_register(register: &Register) -> Register {
    let mut r = register.clone();
    r.head.insert(
        "factor_library".into(),
        Value::from(FactorLibrary::builtin().version.clone()),
    );
    r
}

/// The register keeping its old coefficients: the diff's `keep` overrides are added to the
/// file's (none replaced), and it records the current library.
pub fn keep_register(register: &Register, diff: &LibraryDiff) -> Register {
    let mut r = upgrade_register(register);
    let mut overrides = match r.head.get("overrides") {
        Some(Value::Object(o)) => o.clone(),
        _ => Map::new(),
    };
    for (id, o) in &diff.keep {
        if !overrides.contains_key(id) {
            let mut entry = Map::new();
            entry.insert("value".into(), Value::from(o.value));
            entry.insert("note".into(), Value::from(o.note.clone()));
            overrides.insert(id.clone(), Value::Object(entry));
        }
    }
    if !overrides.is_empty() {
        r.head.insert("overrides".into(), Value::Object(overrides));
    }
    r
}
